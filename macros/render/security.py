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

# An executable script element with no src: the policy would block it. The
# theme's configuration block is JSON data, which the browser never runs.
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>", re.I)
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
