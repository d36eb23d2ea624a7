"""Other partnerships' open data (`extra.site.sources`), read into this site.

Each source is another site's `data/briefs.json` (render/open_data.py), by
address or by a path relative to mkdocs.yml. Its briefs are checked by the
same content model as this site's own YAML, field by field, and by the same
checks (personal data), so a harvested brief is held to the same standard.
A source that cannot be read, or holds anything wrong, is a problem naming
the source and the brief: the build stops and the last site stays as it was.

Theme vocabularies merge by id: a theme another site has and this one does
not is added; the same id meaning something else is a problem. A slug
another brief already has is given the publishing partnership's name, so
two partnerships' "carers-review" both appear, each at its own address.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Sequence

import yaml

from .fields import INVALID, Context, slugify
from .model import BRIEF, THEME_ENTRY, Brief, Origin, Theme
from .problems import Problem, ProblemLog

SCHEMA_NAME = "learning-briefs/briefs"  # what render/open_data.py writes
SCHEMA_VERSIONS = (1,)  # the versions this build can read
ADDRESS_FIELDS = ("slug", "url", "handout_url")  # added by the publishing site, not content
MAX_BYTES = 200 * 1024 * 1024  # 10,000 briefs' data is well under this
TIMEOUT_SECONDS = 30
SETTING = "extra.site.sources"


@dataclasses.dataclass(frozen=True)
class Harvest:
    briefs: list[Brief]
    themes: dict[str, Theme]  # the merged vocabulary, this site's first
    problems: list[Problem]


def _read(source: str, config_dir: Path) -> bytes:
    """The source's bytes; raises OSError or ValueError with a reason a person can act on."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "learning-briefs (open data harvest)"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
    else:
        path = (config_dir / source).resolve()
        if not path.is_relative_to(config_dir.resolve()):
            raise ValueError("the path leads outside this project")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _problem(index: int, source: str, message: str, fix: str) -> Problem:
    return Problem("mkdocs.yml", None, f"{SETTING}[{index}]", f"({source}) {message}", fix)


def harvest(config_dir: Path, sources: Sequence[str], themes: dict[str, Theme], taken_slugs: set[str],
            checks: Sequence = (), today=None) -> Harvest:
    """Every brief of every source, as this site's own content model has it."""
    merged = dict(themes)
    theme_from: dict[str, str] = {theme_id: "this site" for theme_id in themes}
    problems: list[Problem] = []
    briefs: list[Brief] = []
    taken = set(taken_slugs)
    for index, source in enumerate(sources, start=1):
        try:
            document = json.loads(_read(source, config_dir))
        except (OSError, urllib.error.URLError) as error:
            reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
            problems.append(_problem(index, source, f"could not be read: {reason}.",
                                     "Check the address and that the site is online, or remove it from sources."))
            continue
        except ValueError as error:
            problems.append(_problem(index, source, f"is not open data this site can read: {error}.",
                                     "Point to a learning-briefs site's data/briefs.json."))
            continue
        if not isinstance(document, dict) or document.get("schema") != SCHEMA_NAME:
            problems.append(_problem(index, source, f'is not a {SCHEMA_NAME} document.',
                                     "Point to a learning-briefs site's data/briefs.json."))
            continue
        if document.get("schema_version") not in SCHEMA_VERSIONS:
            problems.append(_problem(index, source, f"has schema_version {document.get('schema_version')!r}, which this "
                                     f"build does not read (it reads {', '.join(map(str, SCHEMA_VERSIONS))}).",
                                     "Update this site's code, or ask the other site which version it publishes."))
            continue
        site = document.get("site") or {}
        site_name, site_url, partnership = (str(site.get(key) or "") for key in ("name", "url", "partnership"))
        before = len(problems)
        for number, entry in enumerate(document.get("themes") or [], start=1):
            theme = _convert(THEME_ENTRY, entry, f"{source} themes[{number}]", problems, index, source, checks=())
            if theme is None:
                continue
            known = merged.get(theme.id)
            if known is None:
                merged[theme.id] = theme
                theme_from[theme.id] = site_name or source
            elif known.title != theme.title:  # a reworded description is the same theme
                problems.append(_problem(index, source, f'has a theme "{theme.id}" ("{theme.title}") that {theme_from[theme.id]} '
                                         f'calls "{known.title}".',
                                         "Two sites must mean the same by a theme id: agree the title, or use another id."))
        if len(problems) > before:
            continue
        for number, entry in enumerate(document.get("briefs") or [], start=1):
            if not isinstance(entry, dict):
                problems.append(_problem(index, source, f"briefs[{number}] is not a brief.", "Check the source's data."))
                continue
            slug, url = str(entry.get("slug") or ""), str(entry.get("url") or "")
            content = {key: value for key, value in entry.items() if key not in ADDRESS_FIELDS}
            where = f"briefs[{number}] ({slug or 'no slug'})"
            brief = _convert(BRIEF, content, where, problems, index, source, checks, theme_ids=frozenset(merged),
                             today=today, name=slug)
            if brief is None:
                continue
            if not url.startswith(("https://", "http://")):
                problems.append(_problem(index, source, f"{where} has no web address (url).", "Check the source's data."))
                continue
            local = slugify(slug, "brief")
            if local in taken:
                local = f"{local}-{slugify(partnership or site_name, 'source')}"
            base, n = local, 2
            while local in taken:
                local, n = f"{base}-{n}", n + 1
            taken.add(local)
            briefs.append(dataclasses.replace(
                brief, slug=local, path=source, origin=Origin(site_name, site_url, partnership, url),
                recommendations=tuple(dataclasses.replace(r, number=i) for i, r in enumerate(brief.recommendations, 1)),
            ))
    return Harvest(briefs, merged, problems)


def _convert(record, value, where: str, problems: list[Problem], index: int, source: str, checks=(),
             theme_ids=None, today=None, name: str = ""):
    """`value` (JSON data) through the content model: a model object, or None
    with its problems reported against the source."""
    # JSON is YAML: compose it into the nodes the model reads, so a harvested
    # brief is read exactly as a file would be.
    text = json.dumps(value, ensure_ascii=False, indent=1)
    log = ProblemLog("mkdocs.yml")
    ctx = Context(log=log, theme_ids=theme_ids, quiz_ids=None, today=today)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    result = record.convert(node, ctx, "") if node is not None else INVALID
    found = [p for check in checks for p in check(f"{source} {where}", name, ctx.texts, text)]
    for p in [*log.problems, *found]:
        problems.append(_problem(index, source, f"{where}{('.' + p.field) if p.field else ''}: {p.message}", p.fix))
    if result is INVALID or log.problems or found:
        return None
    return result
