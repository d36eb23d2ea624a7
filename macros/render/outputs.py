"""Files the build writes besides the theme's pages.

Standalone pages (the feedback form) are whole HTML documents
rendered outside the theme (and written by parallel.py, with the other
generated pages); the search index, feeds, sitemap and downloads are data
files. All are pure functions of the `Site`.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup

from ..content.problems import Problem, format_report
from ..content.settings import SiteSettings
from .analysis import CSV_COLUMNS, STATUS_NAMES, export_history
from .environment import render
from .pages import Page, linker
from .open_data import OPEN_DATA_FILES, json_document, json_text
from .script_data import data_table
from .search_index import SearchDoc, build_index, site_docs
from .security import header_files
from .site import Site

BRAND_CSS = "assets/brand.css"
SCRIPT_BUNDLE = "assets/javascripts/site-bundle.js"
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


def brand_css(settings: SiteSettings) -> str:
    """The partnership's colours as CSS variables for the theme and our components."""
    p, a = settings.primary_colour, settings.accent_colour
    return (
        "/* Generated from extra.site in mkdocs.yml; edit the colours there. */\n"
        ":root, [data-md-color-scheme=default] {\n"
        f"  --lb-primary: {p};\n  --lb-accent: {a};\n"
        f"  --md-primary-fg-color: {p};\n  --md-primary-fg-color--light: {p};\n"
        f"  --md-primary-fg-color--dark: {p};\n  --md-accent-fg-color: {a};\n"
        f"  --md-typeset-a-color: {a};\n"
        "}\n"
    )


def script_bundle(sources: Iterable[tuple[str, str]]) -> str:
    """The site's scripts, (name, text) in order, as one file: one request
    instead of seven on a slow phone connection. Each script keeps its own
    scope, and a ";" line between them stops one running into the next."""
    return "".join(f"/* {name} */\n{text.rstrip()}\n;\n" for name, text in sources)


def problems_banner(problems: list[Problem]) -> str:
    """Shown on every page of `mkdocs serve` while content has problems."""
    return (
        '<div class="lb-problems" role="alert"><h2>Content problems</h2>'
        "<p>These files are left out of the preview until they are fixed. "
        "A real build would stop here and leave the published site unchanged.</p>"
        f"<pre>{html.escape(format_report(problems))}</pre></div>"
    )


def render_standalone(site: Site, page: Page) -> str:
    return render(
        "standalone.html",
        site=site,
        page=page,
        link=linker(site, page.src),
        content=Markup(page.render(site)),
        scripts=SCRIPT_BUNDLE,
    )


# A spreadsheet takes a cell that starts with one of these as a formula, which
# can run commands or send data away when a board member opens the file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet shows as text: OWASP's advice, a leading
    apostrophe before anything that would start a formula. The JSON download
    keeps the exact text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def recommendations_csv(site: Site) -> list[str]:
    """The CSV's lines, a brief's at a time (see open_data.json_document on parts)."""
    return [_csv_text(None), *(
        site.memo.get("recommendations csv", brief, lambda: _csv_text(records))
        for brief, _, records in site.recommendations_by_brief
    )]


def _csv_text(records: list[dict] | None) -> str:
    """The CSV lines of `records`, or the header line when None."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    if records is None:
        writer.writeheader()
    for record in records or ():
        row = {**record, "themes": ";".join(record["themes"]), "theme_labels": ";".join(record["theme_labels"]),
               "overdue": "yes" if record["overdue"] else "no", "no_update": "yes" if record["no_update"] else "no"}
        writer.writerow({column: spreadsheet_safe(value) for column, value in row.items()})
    return buffer.getvalue()


def recommendations_json(site: Site) -> list[str]:
    head = {
        "schema": "learning-briefs/recommendations",
        "schema_version": 2,
        "build_date": site.today.isoformat(),
        "no_update_months": site.settings.no_update_months,
        "columns": list(CSV_COLUMNS),
    }
    return json_document(head, "recommendations", (
        site.memo.get("recommendations json", brief, lambda: ",".join(
            json_text({**record, "updates": export_history(row.recommendation)})
            for row, record in zip(rows, records)))
        for brief, rows, records in site.recommendations_by_brief))


# What the tracker's script reads from recommendations/data.js, by name.
TRACKER_BRIEF_COLUMNS = ("title", "path", "partnership")
TRACKER_ROW_COLUMNS = ("brief", "number", "text", "lead", "themes", "status", "due", "overdue", "evidence",
                       "last_update", "no_update")


def recommendations_script(site: Site) -> str:
    """The tracker's data for filtering in the browser, as a script (works from
    file://). Only what the filters and rows show; each brief and theme is named
    once, and rows refer to a brief by its place in `briefs`."""
    brief_rows = []
    row_texts = []  # each brief's rows as JSON: `mkdocs serve` keeps an unchanged brief's (site.Memo)
    for number, (brief, _, records) in enumerate(site.recommendations_by_brief):
        url = site.router.url(site.router.brief(brief.slug))
        brief_rows.append((brief.title, url, brief.partnership))
        row_texts.append(site.memo.keyed(f"tracker rows of {url}", (brief, number),
                                         lambda: _tracker_rows_text(records, number)))
    data = {
        "briefs": data_table(TRACKER_BRIEF_COLUMNS, brief_rows),
        "themes": {theme_id: theme.title for theme_id, theme in site.content.themes.items()},
        "statuses": STATUS_NAMES,
        "recommendations": data_table(TRACKER_ROW_COLUMNS, []),
    }
    # The empty list of rows ends the text: the rows go in its place.
    text, end = json_text(data), "]}}"  # the list, the table, the data
    return "lbRecommendations(" + text[: -len("[" + end)] + "[" + ",".join(row_texts) + end + ");\n"


def _tracker_rows_text(records: list[dict], brief_number: int) -> str:
    """A brief's rows of the tracker's table, as the items of a JSON list."""
    rows = []
    for record in records:
        values = {**record, "brief": brief_number, "overdue": int(record["overdue"]), "no_update": int(record["no_update"])}
        rows.append([values[column] for column in TRACKER_ROW_COLUMNS])
    return json_text(rows)[1:-1]


def atom_feed(site: Site, limit: int = FEED_ENTRIES) -> str:
    """The newest briefs as an Atom feed, for partners to subscribe to."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attributes.items() if v is not None})
        if text is not None:
            element.text = text
        return element

    feed_url = site.address(site.router.feed)
    briefs = site.briefs[:limit]
    updated = max((b.published for b in briefs), default=site.today)
    add(feed, "title", f"{site.site_name}: learning briefs")
    add(feed, "subtitle", f"New learning briefs published by {site.settings.partnership}.")
    add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    add(feed, "link", rel="alternate", type="text/html", href=site.address(site.router.briefs_index))
    add(feed, "id", feed_url)
    add(feed, "updated", f"{updated.isoformat()}T00:00:00Z")
    author = add(feed, "author")
    add(author, "name", site.settings.partnership)
    for brief in briefs:
        # Another site's brief is known by its original address, as its page's canonical link says.
        url = brief.origin.url if brief.origin else site.address(site.router.brief(brief.slug))
        entry = add(feed, "entry")
        add(entry, "title", brief.title)
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "id", url)
        add(entry, "published", f"{brief.published.isoformat()}T00:00:00Z")
        add(entry, "updated", f"{brief.published.isoformat()}T00:00:00Z")
        entry_author = add(entry, "author")
        add(entry_author, "name", brief.partnership)
        add(entry, "summary", brief.summary)
        add(entry, "category", term=brief.review_type, label=brief.review_type_name)
        for theme_id in brief.themes:
            add(entry, "category", term=theme_id, label=site.theme_title(theme_id))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


class DataFiles:
    """The writer of a build's data files (everything but pages), which
    records each file's text in `texts`. A preview (`mkdocs serve`) passes
    the last build's `texts` as `last`: a file whose text is the same, and
    which is still there, is then left alone. After one brief is saved, most
    pieces of the search index are; their texts are kept by site.memo, so
    this mostly compares a text with itself. A plain build passes no `last`
    and keeps no texts: at 10,000 briefs they come to hundreds of megabytes."""

    def __init__(self, site_dir: Path, last: Mapping[str, object] | None = None) -> None:
        self.site_dir, self.last = site_dir, last
        self.texts: dict[str, object] = {}  # relative path -> its text in a preview, else None

    def write(self, relative: str, text: str | list[str], encode: Callable[[str], bytes] | None = None) -> None:
        """Write `text` (or its parts one after another: open_data.json_document)
        to `relative`, or the bytes `encode` makes of it."""
        target = self.site_dir / relative
        made = (text if isinstance(text, str) else tuple(text)) if self.last is not None else None
        if self.last is None or self.last.get(relative) != made or not os.path.isfile(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            # A preview's server may be reading the file meanwhile: it is
            # written beside it and put in its place whole.
            writing_to = target.with_name(f".{target.name}.writing") if self.last is not None else target
            try:
                if encode:
                    writing_to.write_bytes(encode(text if isinstance(text, str) else "".join(text)))
                else:
                    with open(writing_to, "w", encoding="utf-8") as file:
                        file.writelines([text] if isinstance(text, str) else text)
                if writing_to != target:
                    os.replace(writing_to, target)
            finally:
                if writing_to != target:
                    writing_to.unlink(missing_ok=True)
        self.texts[relative] = made


def write_outputs(site: Site, files: DataFiles, page_docs: Iterable[SearchDoc] = ()) -> None:
    """Write the data files: downloads, feed, search index and open data, each
    as soon as it is made, and then let go (holding them all at once set the
    build's peak memory)."""
    r = site.router
    for relative, text in build_index(site, site_docs(site, page_docs)).files(site.memo).items():
        files.write(relative, text)
    makers = {
        r.recommendations_csv: recommendations_csv, r.recommendations_json: recommendations_json,
        r.recommendations_data: recommendations_script, r.feed: atom_feed, **OPEN_DATA_FILES,
    }
    for relative, make in makers.items():
        files.write(relative, make(site))


def sitemap_xml(site: Site, urls: Iterable[str]) -> str:
    """Every themed page, for search engines; `urls` are site-relative."""
    lastmod = site.today.isoformat()
    root = site.site_url.rstrip("/") + "/"
    entries = "".join(
        f"<url><loc>{html.escape(root + url)}</loc><lastmod>{lastmod}</lastmod></url>\n" for url in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )


SITEMAP_FILES = ("sitemap.xml", "sitemap.xml.gz")


def write_sitemap(site: Site, files: DataFiles, urls: Iterable[str]) -> None:
    text = sitemap_xml(site, urls)
    plain, compressed = SITEMAP_FILES
    files.write(plain, text)
    # mtime 0: the same content gives the same file, build after build.
    files.write(compressed, text, encode=lambda text: gzip.compress(text.encode("utf-8"), mtime=0))


def write_header_files(files: DataFiles) -> None:
    for name, text in header_files().items():
        files.write(name, text)
