"""Security headers and the last pass over every HTML page.

The Content-Security-Policy allows scripts only as files from the site itself:
no inline script at all, so nothing that reaches a page as text can run,
whatever it is. The theme's one inline script is replaced by a file
(overrides/partials/javascripts/base.html), and the build refuses a page that
holds an inline script anyway (a theme feature that prints one), rather than
publish a page the policy would break. The same policy goes into each page's
<meta> tag and into the header files for Netlify, Apache and nginx.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# An executable script element with no src: the policy would block it. The
# theme's configuration block is JSON data, which the browser never runs.
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc=)(?![^>]*\stype=\"application/json\")[^>]*>", re.I)
_EXTERNAL_LINK = re.compile(r"<a\s(?=[^>]*\bhref=\"https?://)([^>]*)>", re.I)
_REL = re.compile(r'\srel="[^"]*"', re.I)

REFERRER_POLICY = "no-referrer"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


class InlineScriptError(ValueError):
    """A page holds an inline script, which the site's policy would block."""


def content_security_policy(*, for_header: bool = False, preview: bool = False) -> str:
    """The policy. Headers may also say who can frame the site; <meta> cannot.
    `preview` is for `mkdocs serve` (see PREVIEW_INLINE_SCRIPTS)."""
    scripts = "'self' 'unsafe-inline'" if preview else "'self'"
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if for_header:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


def harden_external_links(html: str) -> str:
    """Give every link to another site rel="noopener noreferrer"."""

    def fix(match: re.Match) -> str:
        attributes = _REL.sub("", match.group(1))
        return f'<a {attributes} rel="noopener noreferrer">'

    return _EXTERNAL_LINK.sub(fix, html)


def add_policy_meta(html: str, policy: str) -> str:
    """Insert the CSP <meta> right after <meta charset>, before any script runs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"(<meta charset=\"utf-8\">)", r"\1" + tag.replace("\\", "\\\\"), html, count=1, flags=re.I)


# `mkdocs serve` adds an inline live-reload script to each page as it sends it,
# so a preview's policy allows inline scripts; a built site's never does.


def check_no_inline_script(html: str) -> None:
    match = _INLINE_SCRIPT.search(html)
    if match:
        line = html.count("\n", 0, match.start()) + 1
        raise InlineScriptError(
            f"line {line} holds an inline script ({match.group(0)}), which the site's "
            "Content-Security-Policy blocks. A theme feature that needs an inline script cannot be used; "
            "turn it off in mkdocs.yml."
        )


_STYLE_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
_RASTER_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.I)


class _LiveMarkup(HTMLParser):
    """What in a page could run, redirect, or fetch from (or send to) another
    site. With `image`, the page is an SVG file: it may hold no script at all,
    and may point only inside itself or to an embedded picture."""

    _NEVER = {"base", "iframe", "frame", "object", "embed", "applet", "portal", "style"}
    _NEVER_IN_IMAGES = {"script", "foreignobject"}  # HTMLParser gives tag names in lower case
    _ADDRESSES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset", "background", "ping")
    # Attributes that make the browser fetch what they name, or send a form or
    # a ping to it: only the site itself.
    _FETCHING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                 ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"),
                 ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
                 ("feimage", "href"), ("feimage", "xlink:href"),
                 ("form", "action"), ("button", "formaction"), ("input", "formaction"), ("a", "ping"), ("area", "ping")}
    _FETCHING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}

    def __init__(self, site_root: str, image: bool = False):
        super().__init__(convert_charrefs=True)
        self.site_root = site_root
        self.image = image
        self.found: list[str] = []

    def handle_decl(self, decl):
        if self.image and "entity" in decl.lower():
            self.found.append("an entity declaration (<!ENTITY>)")

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in self._NEVER or (self.image and tag in self._NEVER_IN_IMAGES):
            self.found.append(f"a <{tag}> element")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.found.append("a <meta http-equiv=refresh> (a redirect)")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.found.append(f"an event handler ({name}=) on <{tag}>")
            if name == "style":
                for address in _STYLE_URL.findall(value):
                    if not self._ours(address) or (self.image and not self._inside_image(address)):
                        self.found.append(f"a style with url({address}), which would load from another site")
            if name in self._ADDRESSES:
                address = "".join(value.split()).lower()
                if address.startswith(("javascript:", "vbscript:", "data:text", "data:application")):
                    self.found.append(f"a {value.split(':')[0]}: address in <{tag} {name}>")
                elif self.image:
                    if not self._inside_image(value):
                        self.found.append(f"<{tag} {name}=\"{value}\">, which points outside the picture")
                elif ((tag, name) in self._FETCHING or (tag == "link" and self._fetches(attributes))) and not self._ours(value):
                    self.found.append(f"<{tag} {name}=\"{value}\">, which would reach another site")

    @staticmethod
    def _inside_image(address: str) -> bool:
        address = address.strip()
        return address.startswith("#") or bool(_RASTER_DATA.match(address))

    def _fetches(self, attributes: dict) -> bool:
        return bool(set(attributes.get("rel", "").lower().split()) & self._FETCHING_LINKS)

    def _ours(self, address: str) -> bool:
        address = address.strip()
        if address.startswith("//"):
            return False
        if re.match(r"^[a-z][a-z0-9+.-]*:", address, re.I):
            return bool(self.site_root) and address.startswith(self.site_root)
        return True


def live_markup(html: str, site_root: str = "", *, image: bool = False) -> list[str]:
    """Anything in a page the theme rendered (or a hand-written page in docs/)
    that could run, redirect the reader or load from another site. Our own
    templates escape everything; this is the check that the theme and the
    settings it prints did not smuggle anything in. `image`: the text is an
    SVG file from docs/ (a logo, say), which a browser opened on its own runs
    as a page, under no policy on a host that cannot send headers."""
    parser = _LiveMarkup(site_root, image=image)
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(parser.found))


def secure_page(html: str, *, preview: bool = False) -> str:
    """A finished page, with its policy in place. Raises InlineScriptError for
    a page the policy would break."""
    check_no_inline_script(html)
    return add_policy_meta(harden_external_links(html), content_security_policy(preview=preview))


def header_files() -> dict[str, str]:
    """Ready-made server configuration, written next to the site (see README: Deploying)."""
    policy = content_security_policy(for_header=True)
    netlify = (
        "/*\n"
        f"  Content-Security-Policy: {policy}\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
        f"  Permissions-Policy: {PERMISSIONS_POLICY}\n"
    )
    apache = (
        "# Apache: security headers for the learning briefs site (needs mod_headers).\n"
        "<IfModule mod_headers.c>\n"
        f'  Header always set Content-Security-Policy "{policy}"\n'
        f'  Header always set Referrer-Policy "{REFERRER_POLICY}"\n'
        '  Header always set X-Content-Type-Options "nosniff"\n'
        f'  Header always set Permissions-Policy "{PERMISSIONS_POLICY}"\n'
        "</IfModule>\n"
    )
    nginx = (
        "# nginx: include this file inside the server or location block that serves the site.\n"
        f'add_header Content-Security-Policy "{policy}" always;\n'
        f'add_header Referrer-Policy "{REFERRER_POLICY}" always;\n'
        'add_header X-Content-Type-Options "nosniff" always;\n'
        f'add_header Permissions-Policy "{PERMISSIONS_POLICY}" always;\n'
    )
    return {"_headers": netlify, ".htaccess": apache, "security-headers.nginx.conf": nginx}
