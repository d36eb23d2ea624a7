"""Security headers and the last pass over every HTML page.

The Content-Security-Policy allows scripts only from the site itself plus the
theme's few inline scripts, which are allowed by their SHA-256 hashes,
computed from the pages as built. The same policy goes into each page's
<meta> tag and into the header files for Netlify, Apache and nginx.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_EXTERNAL_LINK = re.compile(r"<a\s(?=[^>]*\bhref=\"https?://)([^>]*)>", re.I)
_REL = re.compile(r'\srel="[^"]*"', re.I)

REFERRER_POLICY = "no-referrer"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def script_hashes(html: str) -> set[str]:
    """CSP source expressions for the inline scripts in a page."""
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    }


def content_security_policy(hashes: set[str] | frozenset[str], *, for_header: bool = False) -> str:
    """The policy. Headers may also say who can frame the site; <meta> cannot."""
    scripts = " ".join(["'self'", *sorted(hashes)])
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
# different every time, so no hash can allow it. Previews therefore allow inline
# scripts; built sites never do.
PREVIEW_INLINE_SCRIPTS = frozenset({"'unsafe-inline'"})


def secure_page(html: str, *, preview: bool = False) -> tuple[str, set[str]]:
    """A finished page, with its policy in place; also returns the hashes it needed."""
    hashes = script_hashes(html)
    html = harden_external_links(html)
    policy = content_security_policy(PREVIEW_INLINE_SCRIPTS if preview else hashes)
    return add_policy_meta(html, policy), hashes


def header_files(hashes: set[str]) -> dict[str, str]:
    """Ready-made server configuration, written next to the site (see README: Deploying)."""
    policy = content_security_policy(hashes, for_header=True)
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
