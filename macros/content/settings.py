"""The publishing partnership's settings: the `extra: site:` block of mkdocs.yml.

A second partnership publishes its own site by changing this block and the
content folders. The block is validated like content, with line numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import yaml_source
from .fields import (
    INVALID, Colour, Context, DataSource, Date, Email, FilePath, Integer, ListOf, PhoneNumber, Record, SiteAddress, Spec, Text, TextValue, Url, content_field,
)
from .problems import Problem, ProblemLog

SETTINGS_KEY = "site"  # extra.site in mkdocs.yml

@dataclass(frozen=True, kw_only=True)
class Helpline:
    name: str = content_field(Text(one_line=True), required=True, description="The service's name.", example="name: National Domestic Abuse Helpline")
    phone: str | None = content_field(PhoneNumber(), description="The number as people dial it; its digits are checked (a UK number, a short code such as 116 123, or + and an international number), and the personal-data check allows it.", example="phone: 0808 2000 247")
    url: str | None = content_field(Url(), description="The service's website.", example="url: https://www.nationaldahelpline.org.uk/")
    hours: str | None = content_field(Text(one_line=True), description="When it is open and what it costs.", example="hours: Free, 24 hours a day")

    @property
    def tel(self) -> str | None:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else None


HELPLINE = Record.of(Helpline, name="a helpline")


@dataclass(frozen=True, kw_only=True)
class SiteSettings:
    """Each setting, its default and its description, declared once."""

    partnership: str = content_field(Text(one_line=True), required=True, description="The partnership that publishes the site. Shown in the footer, the accessibility statement and quiz completion records.", example="partnership: Example Community Safety Partnership")
    contact_email: str = content_field(Email(), required=True, description="Where readers report problems, including accessibility problems.", example="contact_email: community.safety@example.gov.uk")
    logo: str | None = content_field(FilePath(), description="A logo file inside docs/ (SVG or PNG), shown in the header.", example="logo: assets/logo.svg")
    primary_colour: str = content_field(Colour(needs_contrast_with_white=True), default="#1d4f76", description="Header and button colour; white text must be readable on it.", example='primary_colour: "#1d4f76"')
    accent_colour: str = content_field(Colour(needs_contrast_with_white=True), default="#0b6e4f", description="Links and highlights; must also be readable on white.", example='accent_colour: "#0b6e4f"')
    footer_text: str | None = content_field(Text(), description="A sentence for the footer of every page.", example="footer_text: Published by the partnership to share learning from reviews.")
    helplines: tuple[Helpline, ...] = content_field(ListOf(item=HELPLINE), default=(), description="Helplines shown on every page and allowed by the personal-data check.", example="helplines:\n  - name: National Domestic Abuse Helpline\n    phone: 0808 2000 247")
    quick_exit_url: str = content_field(Url(schemes=("https",)), default="https://www.bbc.co.uk/weather", description='Where "Exit this page" goes: a harmless site. Default BBC Weather.', example="quick_exit_url: https://www.bbc.co.uk/weather")
    no_update_months: int = content_field(Integer(minimum=1, maximum=60), default=6, description="A recommendation still open with no update for longer than this many months is flagged as gone quiet, on its brief, in the tracker and in the board report. Default 6.", example="no_update_months: 6")
    sources: tuple[str, ...] = content_field(ListOf(item=DataSource(), unique=True), default=(), description="Other partnerships' open data to show alongside this site's own: each the address of a site's data/briefs.json, or a path to one relative to mkdocs.yml. Their briefs join the listings, themes, tracker, search and feed, each saying who published it and pointing back to the original. The build stops, leaving the last site as it was, if one cannot be read.", example="sources:\n  - https://learning.northshire-csp.gov.uk/data/briefs.json")
    seminar_feedback_url: str | None = content_field(Url(), description="The partnership's own online feedback form for seminars; leave out to hide the link.", example="seminar_feedback_url: https://forms.example.gov.uk/seminar-feedback")
    accessibility_last_tested: dt.date = content_field(Date(), required=True, description="When the site was last tested for accessibility (shown in the statement).", example="accessibility_last_tested: 2026-11-20")
    accessibility_statement_prepared: dt.date = content_field(Date(), required=True, description="When the accessibility statement was first prepared.", example="accessibility_statement_prepared: 2026-11-20")
    texts: tuple[TextValue, ...] = ()  # every text with its line, for the anonymisation check (set by load_settings)
    site_url: str = ""  # MkDocs' site_url, as checked (set by load_settings): a source may not be this site
    docs_dir: Path | None = None  # MkDocs' docs_dir (set by load_settings): its pages are published too


SETTINGS = Record.of(SiteSettings, name="the site settings")


# MkDocs' own settings that the theme prints into every page, some of them
# without escaping: each is held to what it is for (the glue also escapes the
# text ones before the theme sees them). Other MkDocs settings are MkDocs' business.
PRINTED_MKDOCS_SETTINGS: tuple[tuple[tuple[str, ...], Spec], ...] = (
    (("site_name",), Text(one_line=True)),
    (("site_url",), SiteAddress()),
    (("site_description",), Text(one_paragraph=True)),
    (("site_author",), Text(one_line=True)),
    (("copyright",), Text(one_line=True)),
    (("repo_url",), Url(schemes=("https", "http"))),
    (("repo_name",), Text(one_line=True)),
    (("theme", "logo"), FilePath()),
    (("theme", "favicon"), FilePath(suffixes=(".svg", ".png", ".ico"))),
)


def load_settings(config_file: Path, display: str = "mkdocs.yml") -> tuple[SiteSettings | None, list[Problem]]:
    """Read `extra: site:` from the MkDocs config file, with line numbers, and
    check the MkDocs settings the theme prints."""
    config_file = Path(config_file)
    log = ProblemLog(display)
    node, _ = yaml_source.load(config_file, log, content=False)
    if node is None:
        return None, log.problems
    if _find(node, "INHERIT") is not None:
        log.add(None, "INHERIT", "is not supported: the site's settings are checked in mkdocs.yml only.",
                "Copy the inherited settings into mkdocs.yml and remove the INHERIT line.")
        return None, log.problems
    docs_node = _find(node, "docs_dir")
    docs = config_file.parent / (docs_node.value if isinstance(docs_node, ScalarNode) and docs_node.value else "docs")
    printed, printed_texts, problems = _printed_mkdocs_settings(node, docs, display)
    site_node = _find(node, "extra", SETTINGS_KEY)
    if site_node is None:
        log.add(None, f"extra.{SETTINGS_KEY}", "is missing.", "Add the extra: site: block described in the README.")
        return None, log.problems + problems
    ctx = Context(log=log)
    value = SETTINGS.convert(site_node, ctx, "")
    problems += [
        Problem(p.path, p.line, f"extra.{SETTINGS_KEY}.{p.field}" if p.field else f"extra.{SETTINGS_KEY}", p.message, p.fix)
        for p in log.problems
    ]
    if value is not INVALID and value.logo:
        problems += _missing_file(docs, value.logo, display, ctx.lines.get("logo"), f"extra.{SETTINGS_KEY}.logo")
    if value is INVALID or problems:
        return None, problems
    # Texts as the anonymisation check names them: by their place in mkdocs.yml.
    # (site_name, site_description and the like are printed on every page too.)
    texts = tuple(replace(t, path=f"extra.{SETTINGS_KEY}.{t.path}") for t in ctx.texts) + printed_texts
    return replace(value, texts=texts, site_url=printed.get("site_url", ""), docs_dir=docs), []


def _printed_mkdocs_settings(root: MappingNode, docs: Path, display: str
                            ) -> tuple[dict[str, object], tuple[TextValue, ...], list[Problem]]:
    """The settings in PRINTED_MKDOCS_SETTINGS that are set, by name; their
    texts, for the anonymisation check; and their problems."""
    log = ProblemLog(display)
    values: dict[str, object] = {}
    texts: list[TextValue] = []
    for path, spec in PRINTED_MKDOCS_SETTINGS:
        name = ".".join(path)
        node, variable = _resolve_env(_find(root, *path))
        empty = node is None or (isinstance(node, ScalarNode) and not node.value.strip())
        if empty and path == ("site_url",):
            # The feed, sitemap and downloads need the published address.
            log.add(None if node is None else node.start_mark.line + 1, name, "is empty" + (f" (the environment variable {variable} is set, but empty)" if variable else "") + ".",
                    "Set site_url in mkdocs.yml, or the SITE_URL environment variable, to the address the site is published at.")
            continue
        if empty:
            continue  # not set: MkDocs' default applies
        before = len(log.problems)
        ctx = Context(log=log)
        value = spec.convert(node, ctx, name)
        texts += ctx.texts
        if variable and len(log.problems) > before:
            log.problems[-1] = Problem(display, log.problems[-1].line, name, log.problems[-1].message,
                                       f"It comes from the environment variable {variable}. " + log.problems[-1].fix)
        if value is not INVALID:
            values[name] = value
        if isinstance(spec, FilePath) and value is not INVALID:
            log.problems += _missing_file(docs, value, display, node.start_mark.line + 1, name)
    return values, tuple(texts), log.problems


def _missing_file(docs: Path, relative: str, display: str, line: int | None, name: str) -> list[Problem]:
    # Checked by the name alone (FilePath refuses "..", so it stays inside docs/).
    if (docs / relative).is_file():
        return []
    return [Problem(display, line, name, f'names docs/{relative}, which does not exist.',
                    "Put the file in docs/, or correct the path.")]


def helpline_phones(config_file: Path) -> list[str]:
    """The helplines' numbers that are themselves valid, when the settings as a
    whole are not: the build stops on the settings' problems, and the content's
    report should not add a false "phone number" for every helpline a brief names."""
    log = ProblemLog("mkdocs.yml")
    node, _ = yaml_source.load(Path(config_file), log, content=False)
    listed = _find(node, "extra", SETTINGS_KEY, "helplines") if node is not None else None
    if not isinstance(listed, SequenceNode):
        return []
    phones = []
    for item in listed.value:
        helpline = HELPLINE.convert(item, Context(log=ProblemLog("mkdocs.yml")), "")
        if helpline is not INVALID and helpline.phone:
            phones.append(helpline.phone)
    return phones


def _resolve_env(node):
    """A setting's node with MkDocs' `!ENV` tag resolved (pyyaml_env_tag's rules:
    the first variable that is set, else the last item of a list of more than
    one as the default); and the variable the value came from, if any."""
    if node is None or node.tag != "!ENV":
        return node, None
    items = node.value if isinstance(node, SequenceNode) else [node]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for item in names:
        if isinstance(item, ScalarNode) and item.value in os.environ:
            return ScalarNode("tag:yaml.org,2002:str", os.environ[item.value], node.start_mark, node.end_mark), item.value
    return default, None


def _find(node, *keys):
    for key in keys:
        if not isinstance(node, MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
        if node is None:
            return None
    return node
