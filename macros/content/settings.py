"""The publishing partnership's settings: the `extra: site:` block of mkdocs.yml.

A second partnership publishes its own site by changing this block and the
content folders. The block is validated like content, with line numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from . import yaml_source
from .fields import INVALID, Colour, Context, Date, FieldDef, ListOf, Record, Text, Url
from .problems import Problem, ProblemLog

SETTINGS_KEY = "site"  # extra.site in mkdocs.yml

HELPLINE = Record(
    name="a helpline",
    fields=[
        FieldDef("name", Text(one_line=True), True, description="The service's name.", example="name: National Domestic Abuse Helpline"),
        FieldDef("phone", Text(one_line=True), description="The number as people dial it; the personal-data check allows it.", example="phone: 0808 2000 247"),
        FieldDef("url", Url(), description="The service's website.", example="url: https://www.nationaldahelpline.org.uk/"),
        FieldDef("hours", Text(one_line=True), description="When it is open and what it costs.", example="hours: Free, 24 hours a day"),
    ],
)

SETTINGS = Record(
    name="the site settings",
    fields=[
        FieldDef("partnership", Text(one_line=True), True, description="The partnership that publishes the site. Shown in the footer, the accessibility statement and quiz completion records.", example="partnership: Example Community Safety Partnership"),
        FieldDef("contact_email", Text(one_line=True), True, description="Where readers report problems, including accessibility problems.", example="contact_email: community.safety@example.gov.uk"),
        FieldDef("logo", Text(one_line=True), description="A logo file inside docs/ (SVG or PNG), shown in the header.", example="logo: assets/logo.svg"),
        FieldDef("primary_colour", Colour(needs_contrast_with_white=True), default="#1d4f76", description="Header and button colour; white text must be readable on it.", example='primary_colour: "#1d4f76"'),
        FieldDef("accent_colour", Colour(needs_contrast_with_white=True), default="#0b6e4f", description="Links and highlights; must also be readable on white.", example='accent_colour: "#0b6e4f"'),
        FieldDef("footer_text", Text(), description="A sentence for the footer of every page.", example="footer_text: Published by the partnership to share learning from reviews."),
        FieldDef("helplines", ListOf(item=HELPLINE), description="Helplines shown on every page and allowed by the personal-data check.", example="helplines:\n  - name: National Domestic Abuse Helpline\n    phone: 0808 2000 247"),
        FieldDef("quick_exit_url", Url(), default="https://www.bbc.co.uk/weather", description='Where "Exit this page" goes: a harmless site. Default BBC Weather.', example="quick_exit_url: https://www.bbc.co.uk/weather"),
        FieldDef("seminar_feedback_url", Url(), description="The partnership's own online feedback form for seminars; leave out to hide the link.", example="seminar_feedback_url: https://forms.example.gov.uk/seminar-feedback"),
        FieldDef("accessibility_last_tested", Date(), True, description="When the site was last tested for accessibility (shown in the statement).", example="accessibility_last_tested: 2026-11-20"),
        FieldDef("accessibility_statement_prepared", Date(), True, description="When the accessibility statement was first prepared.", example="accessibility_statement_prepared: 2026-11-20"),
    ],
)


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str | None = None
    url: str | None = None
    hours: str | None = None

    @property
    def tel(self) -> str | None:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else None


@dataclass(frozen=True)
class SiteSettings:
    partnership: str
    contact_email: str
    accessibility_last_tested: dt.date
    accessibility_statement_prepared: dt.date
    logo: str | None = None
    primary_colour: str = "#1d4f76"
    accent_colour: str = "#0b6e4f"
    footer_text: str | None = None
    helplines: tuple[Helpline, ...] = ()
    quick_exit_url: str = "https://www.bbc.co.uk/weather"
    seminar_feedback_url: str | None = None


def _check_email(value: dict, ctx: Context, where: str) -> None:
    email = value.get("contact_email", "")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        ctx.log.add(ctx.lines.get("contact_email"), "contact_email", f'"{email}" is not an email address.', "Write it as name@example.gov.uk.")


SETTINGS.checks = [_check_email]


def settings_from_dict(value: dict) -> SiteSettings:
    data = dict(value)
    data["helplines"] = tuple(Helpline(**h) for h in data.get("helplines", ()))
    return SiteSettings(**data)


def load_settings(config_file: Path, display: str = "mkdocs.yml") -> tuple[SiteSettings | None, list[Problem]]:
    """Read `extra: site:` from the MkDocs config file, with line numbers."""
    log = ProblemLog(display)
    node, _ = yaml_source.load(Path(config_file), log, allow_tags=True)
    if node is None:
        return None, log.problems
    site_node = _find(node, "extra", SETTINGS_KEY)
    if site_node is None:
        log.add(None, f"extra.{SETTINGS_KEY}", "is missing.", "Add the extra: site: block described in the README.")
        return None, log.problems
    ctx = Context(log=log)
    value = SETTINGS.convert(site_node, ctx, "")
    problems = [
        Problem(p.path, p.line, f"extra.{SETTINGS_KEY}.{p.field}" if p.field else f"extra.{SETTINGS_KEY}", p.message, p.fix)
        for p in log.problems
    ]
    if value is INVALID or problems:
        return None, problems
    return settings_from_dict(value), []


def _find(node, *keys):
    for key in keys:
        if not isinstance(node, MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
        if node is None:
            return None
    return node
