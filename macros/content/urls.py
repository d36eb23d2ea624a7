"""Which link addresses content may use. Anything else could run code or leak data."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from .characters import first_forbidden

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
_SCHEME_PREFIX = {"https": "https://", "http": "http://", "mailto": "mailto:", "tel": "tel:"}


def schemes_text(schemes: tuple[str, ...] = ALLOWED_SCHEMES) -> str:
    """"https://, http://, mailto: or tel:", for messages."""
    prefixes = [_SCHEME_PREFIX[s] for s in schemes]
    return prefixes[0] if len(prefixes) == 1 else ", ".join(prefixes[:-1]) + " or " + prefixes[-1]


def url_problem(url: str, schemes: tuple[str, ...] = ALLOWED_SCHEMES) -> str | None:
    """Why `url` may not be used as a link, or None if it may."""
    if not url:
        return "is an empty address."
    if re.search(r"\s", url) or first_forbidden(url, multiline=False):
        return f'"{url}" contains spaces or invisible characters.'
    try:
        parts = urlsplit(url)
    except ValueError:
        return f'"{url}" is not a valid address.'
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        if not scheme:
            return f'"{url}" is not a full address.'
        return f'"{url}" uses "{scheme}:", which is not allowed.'
    if scheme in ("http", "https") and not parts.netloc:
        return f'"{url}" has no site name after {scheme}://.'
    if scheme == "mailto" and "@" not in parts.path:
        return f'"{url}" has no email address after mailto:.'
    if scheme == "tel" and not re.fullmatch(r"\+?[0-9()-]{3,}", parts.path):
        return f'"{url}" has no phone number after tel: (digits only, no spaces).'
    return None


# RFC 3986 reserved and unreserved characters, plus "%" so existing escapes stay.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


def normalise_url(url: str) -> str:
    """`url` with characters that may not appear in an address (such as < > " { }
    or non-ASCII letters) percent-encoded, as a browser would send it."""
    return quote(url, safe=_URL_SAFE)


def is_allowed_url(url: str) -> bool:
    return url_problem(url) is None


def is_external(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")
