"""The theme's page around our content, rendered once per folder depth.

For a page outside the navigation (a brief, a theme, a listing) everything the
theme prints except the title, the description, the canonical address and
the content depends only on how deep the page's folder is: the sidebars, the
header and the footer, with links relative to that depth. So the theme
renders one page per depth with placeholders in those four places, and every
other generated page at that depth is this shell with the placeholders filled.
That is what keeps a build of thousands of briefs linear and lets the pages
be written on every CPU; the theme itself only sees a handful of pages.

Plain string work, with no knowledge of MkDocs or of the theme.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Placeholders: plain words that no escaping or filter changes, and that no
# content contains. The content placeholder has an <h1> because the theme adds
# a heading of its own to a page without one; every generated page has one.
TITLE = "lb-shell-title-placeholder"
DESCRIPTION = "lb-shell-description-placeholder"
CONTENT = '<h1 id="lb-shell-content-placeholder"></h1>'
_CANONICAL = "lb-shell-canonical-placeholder"
# The page's "Edit this page" address. The theme also prints a "View source"
# link made from it, with "edit" replaced by "raw"; a page without a content
# file has neither link.
EDIT = "https://lb-shell-edit-placeholder.invalid/edit/"
_EDIT_LINK = "lb-shell-edit-link-placeholder"
_VIEW_LINK = "lb-shell-view-link-placeholder"
_PLACEHOLDERS = re.compile("(" + "|".join(re.escape(p) for p in (
    TITLE, DESCRIPTION, CONTENT, _CANONICAL, _EDIT_LINK, _VIEW_LINK)) + ")")


class ShellError(ValueError):
    """The theme printed a placeholder in a way this module cannot fill."""


def depth(output_path: str) -> int:
    """How many folders deep a page's file is ("briefs/a/index.html": 2): the
    theme's relative links are the same for every page at one depth."""
    return output_path.count("/")


def _links_to(address: str) -> re.Pattern:
    return re.compile(r'<a href="' + re.escape(address) + r'"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class Shell:
    parts: tuple[str, ...]  # the page split at the placeholders
    fields: tuple[str, ...]  # which placeholder sat between each pair of parts
    site_root: str | None  # the absolute site address canonical links start with
    links: tuple[tuple[str, str], ...] = ()  # (placeholder, the theme's <a> for an edit or view link)

    @classmethod
    def capture(cls, themed_page: str, page_url: str, canonical_url: str | None) -> Shell:
        """`themed_page` is the theme's output for a page whose title,
        description and content were the placeholders above."""
        text, site_root = themed_page, None
        if canonical_url:
            if not canonical_url.endswith(page_url):
                raise ShellError(f"canonical address {canonical_url!r} does not end with {page_url!r}")
            site_root = canonical_url[: len(canonical_url) - len(page_url)]
            text = _replace_once(text, f'href="{canonical_url}"', f'href="{_CANONICAL}"')
        if text.count(CONTENT) != 1:
            raise ShellError("the theme did not print the content exactly once")
        links = []
        for placeholder, address in ((_EDIT_LINK, EDIT), (_VIEW_LINK, EDIT.replace("edit", "raw"))):
            found = _links_to(address).findall(text)
            if len(found) > 1:
                raise ShellError(f"the theme printed the link to {address} {len(found)} times")
            if found:
                links.append((placeholder, found[0]))
                text = text.replace(found[0], placeholder)
        if EDIT in text or EDIT.replace("edit", "raw") in text:
            raise ShellError("the theme printed the page's edit address outside an edit or view link")
        # re.split with a group gives: text, placeholder, text, placeholder, ... text
        pieces = _PLACEHOLDERS.split(text)
        parts, fields = pieces[0::2], pieces[1::2]
        return cls(tuple(parts), tuple(fields), site_root, tuple(links))

    def fill(self, *, title: str, description: str, page_url: str, content: str, edit_url: str | None = None,
             canonical_url: str | None = None) -> str:
        """`canonical_url`: the page's canonical address when it is not its
        own (a brief another site published); otherwise its address here."""
        values = {
            TITLE: html.escape(title),
            DESCRIPTION: html.escape(description),
            CONTENT: content,
            _CANONICAL: html.escape(canonical_url) if canonical_url else (self.site_root or "") + page_url,
            _EDIT_LINK: "",
            _VIEW_LINK: "",
        }
        if edit_url:
            # As the theme does: the view link is the edit link with its "edit"
            # (or "blob") part made "raw".
            part = "blob" if "/blob/" in edit_url else "edit"
            for placeholder, link in self.links:
                address = edit_url if placeholder == _EDIT_LINK else edit_url.replace(part, "raw")
                template = EDIT if placeholder == _EDIT_LINK else EDIT.replace("edit", "raw")
                values[placeholder] = link.replace(f'href="{template}"', f'href="{html.escape(address)}"', 1)
        out = [self.parts[0]]
        for field, part in zip(self.fields, self.parts[1:]):
            out.append(values[field])
            out.append(part)
        return "".join(out)


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ShellError(f"expected {old!r} exactly once in the themed page")
    return text.replace(old, new)
