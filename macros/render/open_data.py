"""Open data: every brief this site publishes, as structured data anyone can
reuse or combine (`data/briefs.json`, its JSON Schema, and `data/briefs.csv`).

The JSON is the content model itself, written from the same field
declarations that check the YAML (model.py), so another site can read it
back through that model (content/sources.py) and nothing is lost or
renamed on the way. It is a stable interface: its shape changes only with
a new `schema_version`, and columns are only ever added at the end.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Iterable

from ..content.fields import PartialDate, Vocabulary, content_fields
from ..content.model import BRIEF, THEME_ENTRY, Brief
from ..content.reference import SCHEMA_DIALECT
from .analysis import ExportColumn, columns_table
from .site import Site

SCHEMA_NAME = "learning-briefs/briefs"
SCHEMA_VERSION = 1
DATA_FOLDER = "data"
BRIEFS_JSON = f"{DATA_FOLDER}/briefs.json"
BRIEFS_SCHEMA = f"{DATA_FOLDER}/briefs.schema.json"
BRIEFS_CSV = f"{DATA_FOLDER}/briefs.csv"
# What each brief carries beyond its content fields: where it lives.
ADDRESS_FIELDS = {
    "slug": "The brief's short name on the site that published it.",
    "url": "The brief's full web address on the site that published it.",
    "handout_url": "The full web address of its 7-minute briefing handout: the brief's page, at #handout.",
}


def exported(value):
    """A model value as JSON data, field by field as the content model
    declares them: what an author could have written, and nothing empty."""
    if isinstance(value, str):  # most values, so asked first
        return value
    if isinstance(value, (PartialDate, dt.date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        data = {}
        for name, _ in content_fields(type(value)):
            item = getattr(value, name)
            if item is None or item == () or item == {}:
                continue
            data[name] = exported(item)
        return data
    if isinstance(value, (tuple, list)):
        return [exported(item) for item in value]
    if isinstance(value, dict):
        return {key: exported(item) for key, item in value.items()}
    return value


def brief_record(site: Site, brief: Brief) -> dict:
    return site.memo.get("open-data record", brief, lambda: {
        **exported(brief),
        "slug": brief.slug,
        "url": site.address(site.router.brief(brief.slug)),
        "handout_url": site.address(site.router.brief(brief.slug)) + "#" + site.router.handout_anchor,
    })


def own_briefs(site: Site) -> list[Brief]:
    """This site's own briefs: a brief harvested from another site stays that site's to publish."""
    return [brief for brief in site.briefs if brief.origin is None]


def briefs_json(site: Site) -> list[str]:
    document = {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "site": {"name": site.site_name, "url": site.site_url, "partnership": site.settings.partnership},
        "build_date": site.today.isoformat(),
        "themes": [exported(theme) for theme in site.content.own_themes],
    }
    return json_document(document, "briefs", (
        site.memo.get("open-data json", brief, lambda: json_text(brief_record(site, brief)))
        for brief in own_briefs(site)))


def json_text(value) -> str:
    """Compact JSON, as every data file is written."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_document(head: dict, list_name: str, items: Iterable[str]) -> list[str]:
    """The JSON of `head` with one more field, last: `list_name`, the list of
    `items`, each already JSON. A long list is made an item at a time so that
    `mkdocs serve` can keep each unchanged item's text (site.Memo), and it is
    returned in parts, to be written without joining them into one string:
    at 10,000 briefs, briefs.json is over 100 MB."""
    opening = json_text({**head, list_name: []})
    parts = [opening[: -len("[]}")] + "["]
    for item in items:
        if len(parts) > 1:
            parts.append(",")
        parts.append(item)
    parts.append("]}\n")
    return parts


def briefs_schema(site: Site) -> str:
    vocab = Vocabulary(theme_ids=tuple(theme.id for theme in site.content.own_themes))
    brief = BRIEF.json_schema(vocab)
    brief["properties"].update({name: {"type": "string", "description": text} for name, text in ADDRESS_FIELDS.items()})
    brief["required"] = [*brief.get("required", []), *ADDRESS_FIELDS]
    schema = {
        "$schema": SCHEMA_DIALECT,
        "$id": "briefs.schema.json",
        "title": "Every brief a learning-briefs site publishes, as open data.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "schema_version", "site", "build_date", "themes", "briefs"],
        "properties": {
            "schema": {"const": SCHEMA_NAME},
            "schema_version": {"const": SCHEMA_VERSION},
            "site": {
                "type": "object", "additionalProperties": False, "required": ["name", "url", "partnership"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "partnership": {"type": "string"}},
            },
            "build_date": {"type": "string", "format": "date"},
            "themes": {"type": "array", "items": THEME_ENTRY.json_schema(vocab)},
            "briefs": {"type": "array", "items": brief},
        },
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# The columns of data/briefs.csv, in order, declared once (README: "Open data").
BRIEF_CSV_COLUMNS = (
    ExportColumn("slug", "The brief's short name, as in its web address."),
    ExportColumn("title", "The brief's title."),
    ExportColumn("url", "The brief's full web address."),
    ExportColumn("partnership", "The partnership that commissioned the review."),
    ExportColumn("review_type", "The kind of review as a code, such as DHR."),
    ExportColumn("review_type_label", "The kind of review in full."),
    ExportColumn("published", "When the brief was published, as YYYY-MM-DD."),
    ExportColumn("review_published", "When the review itself was published, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD; may be empty."),
    ExportColumn("themes", "Theme ids, separated by ;."),
    ExportColumn("theme_labels", "The themes' names, in the same order, separated by ;."),
    ExportColumn("summary", "One plain paragraph."),
    ExportColumn("recommendations", "How many recommendations the review made."),
    ExportColumn("source_title", "The review report the brief is drawn from; may be empty."),
    ExportColumn("source_url", "Where that report is published; may be empty."),
)


def briefs_csv(site: Site) -> list[str]:
    """The CSV's lines (see json_document on parts)."""
    return [_csv_line([c.name for c in BRIEF_CSV_COLUMNS]), *(
        site.memo.get("open-data csv", brief, lambda: _brief_csv_line(site, brief)) for brief in own_briefs(site))]


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def _brief_csv_line(site: Site, brief: Brief) -> str:
    from .outputs import spreadsheet_safe  # the same protection as the recommendations download

    values = {
        "slug": brief.slug, "title": brief.title, "url": site.address(site.router.brief(brief.slug)),
        "partnership": brief.partnership, "review_type": brief.review_type,
        "review_type_label": brief.review_type_name, "published": brief.published.isoformat(),
        "review_published": brief.review_published.isoformat() if brief.review_published else "",
        "themes": ";".join(brief.themes), "theme_labels": ";".join(site.theme_title(t) for t in brief.themes),
        "summary": brief.summary, "recommendations": len(brief.recommendations),
        "source_title": brief.source.title if brief.source else "",
        "source_url": brief.source.url or "" if brief.source else "",
    }
    return _csv_line([spreadsheet_safe(values[c.name]) for c in BRIEF_CSV_COLUMNS])


# Each open data file and what makes it, from the Site.
OPEN_DATA_FILES = {BRIEFS_JSON: briefs_json, BRIEFS_SCHEMA: briefs_schema, BRIEFS_CSV: briefs_csv}


BRIEF_COLUMNS_README_START = "<!-- brief-columns:start (generated by scripts/update_schemas.py; do not edit) -->"
BRIEF_COLUMNS_README_END = "<!-- brief-columns:end -->"


def brief_columns_reference() -> str:
    """The README's table of data/briefs.csv columns, between its markers."""
    return columns_table(BRIEF_COLUMNS_README_START, BRIEF_COLUMNS_README_END, BRIEF_CSV_COLUMNS)
