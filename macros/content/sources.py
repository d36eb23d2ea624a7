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
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Sequence

import yaml

from .fields import INVALID, Context, Record, Text, TextValue, content_field, slugify
from .model import BRIEF, RESERVED_BRIEF_SLUGS, RESERVED_THEME_IDS, THEME_ENTRY, Brief, Origin, Theme
from .personal_data import spoken_name
from .problems import Problem, ProblemLog
from .urls import url_problem
from .yaml_source import MAX_DEPTH

SCHEMA_NAME = "learning-briefs/briefs"  # what render/open_data.py writes
SCHEMA_VERSIONS = (1,)  # the versions this build can read
ADDRESS_FIELDS = ("slug", "url", "handout_url")  # added by the publishing site, not content
MAX_BYTES = 200 * 1024 * 1024  # 10,000 briefs' data is well under this
TIMEOUT_SECONDS = 30  # for each read from the other site
DOWNLOAD_SECONDS = 120  # for the whole download: a server that drips a byte at a time does not hold the build
SETTING = "extra.site.sources"
NOT_BRIEFS_JSON = "Point to a learning-briefs site's data/briefs.json."  # the fix when a source is not one
PREVIEW_REUSE_SECONDS = 600  # under `mkdocs serve`, how long another site's data is reused between saves

# Under `mkdocs serve`, each address's last download and when it was made, so
# that saving a brief does not download every source again (a national
# library's data is tens of megabytes). A real build always downloads afresh.
_DOWNLOADED: dict[str, tuple[float, bytes]] = {}


@dataclasses.dataclass(frozen=True)
class SourceSite:
    """The publishing site, as its data names it: printed on every brief it
    shares, so held to the same rules as this site's own settings."""

    name: str = content_field(Text(one_line=True), required=True, description="The other site's name.")
    url: str = content_field(Text(one_line=True), required=True, description="The other site's address.")
    partnership: str = content_field(Text(one_line=True), required=True, description="The partnership that publishes it.")


SOURCE_SITE = Record.of(SourceSite, name="the publishing site")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address: a source may not
    lead the build to ftp: or a file on this machine."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("https://", "http://")):
            raise urllib.error.URLError(f"it redirects to {newurl!r}, which is not a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


@dataclasses.dataclass(frozen=True)
class Harvest:
    briefs: list[Brief]
    themes: dict[str, Theme]  # the merged vocabulary, this site's first
    problems: list[Problem]


def _read(source: str, config_dir: Path, reuse_downloads: bool = False) -> bytes:
    """The source's bytes; raises OSError or ValueError with a reason a person can act on.
    `reuse_downloads`: a preview's, so an address read in the last
    PREVIEW_REUSE_SECONDS is not downloaded again."""
    if source.startswith(("http://", "https://")):
        kept = _DOWNLOADED.get(source)
        if reuse_downloads and kept and time.monotonic() - kept[0] < PREVIEW_REUSE_SECONDS:
            return kept[1]
        request = urllib.request.Request(source, headers={"User-Agent": "learning-briefs (open data harvest)"})
        deadline = time.monotonic() + DOWNLOAD_SECONDS
        chunks, size = [], 0
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            announced = response.headers.get("Content-Length", "")
            while size <= MAX_BYTES:
                chunk = response.read1(1024 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise ValueError(f"it took more than {DOWNLOAD_SECONDS} seconds to download")
        data = b"".join(chunks)
        # A connection that closes early ends the reading as if the file had
        # ended: said as such, not as a fault in the JSON it cut off.
        if announced.isdigit() and len(data) < int(announced) and not response.headers.get("Content-Encoding"):
            raise OSError(0, f"the download was cut short ({len(data):,} of {int(announced):,} bytes)")
        if reuse_downloads and len(data) <= MAX_BYTES:
            _DOWNLOADED[source] = (time.monotonic(), data)
    else:
        path = (config_dir / source).resolve()
        if not path.is_relative_to(config_dir.resolve()):
            raise ValueError("the path leads outside this project")
        if not path.is_file():  # a folder, or a pipe that would never end
            raise ValueError("it is not a file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _identity(source: str, config_dir: Path) -> str:
    """What a source reads: its file, whichever way the path is written, or its address."""
    if source.startswith(("http://", "https://")):
        return source
    return str((config_dir / source).resolve())


def _problem(index: int, source: str, message: str, fix: str) -> Problem:
    return Problem("mkdocs.yml", None, f"{SETTING}[{index}]", f"({source}) {message}", fix)


def _same_site(first: str, second: str) -> bool:
    return first.rstrip("/").lower() == second.rstrip("/").lower()


def harvest(config_dir: Path, sources: Sequence[str], themes: dict[str, Theme], taken_slugs: set[str],
            checks: Sequence = (), today=None, reuse_downloads: bool = False, site_url: str = "") -> Harvest:
    """Every brief of every source, as this site's own content model has it.
    `reuse_downloads`: under `mkdocs serve`, see _read. `site_url`: this
    site's address, which no source may have (its briefs are here already)."""
    merged = dict(themes)
    theme_from: dict[str, str] = {theme_id: "this site" for theme_id in themes}
    problems: list[Problem] = []
    briefs: list[Brief] = []
    taken = set(taken_slugs) | RESERVED_BRIEF_SLUGS  # a listing page's name is never a harvested brief's
    seen: dict[str, int] = {}  # each source's file or address, to its entry
    publishers: dict[str, int] = {}  # each publishing site's address, to its entry
    for index, source in enumerate(sources, start=1):
        same = _identity(source, config_dir)
        if same in seen:
            problems.append(_problem(index, source, f"is the same data as sources[{seen[same]}].", "List each source once."))
            continue
        seen[same] = index
        try:
            document = json.loads(_read(source, config_dir, reuse_downloads))
        except UnicodeDecodeError:
            problems.append(_problem(index, source, "is not UTF-8 text.", NOT_BRIEFS_JSON))
            continue
        except RecursionError:
            problems.append(_problem(index, source, "is nested too deeply to be a briefs.json.",
                                     NOT_BRIEFS_JSON))
            continue
        except (OSError, urllib.error.URLError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or type(error).__name__
            problems.append(_problem(index, source, f"could not be read: {' '.join(str(reason).split())}.",
                                     "Check the address and that the site is online, or remove it from sources."))
            continue
        except ValueError as error:
            problems.append(_problem(index, source, f"is not open data this site can read: {' '.join(str(error).split())}.",
                                     NOT_BRIEFS_JSON))
            continue
        if not isinstance(document, dict) or document.get("schema") != SCHEMA_NAME:
            problems.append(_problem(index, source, f'is not a {SCHEMA_NAME} document.',
                                     NOT_BRIEFS_JSON))
            continue
        version = document.get("schema_version")
        if type(version) is not int or version not in SCHEMA_VERSIONS:  # not True, not 1.0
            problems.append(_problem(index, source, f"has schema_version {version!r}, which this "
                                     f"build does not read (it reads {', '.join(map(str, SCHEMA_VERSIONS))}).",
                                     "Update this site's code, or ask the other site which version it publishes."))
            continue
        listed = {key: document.get(key) for key in ("themes", "briefs")}
        wrong = [key for key, value in listed.items() if not isinstance(value, list)]
        if wrong:
            problems.append(_problem(index, source, f"has no list of {' or '.join(wrong)}.",
                                     NOT_BRIEFS_JSON))
            continue
        before = len(problems)
        if "site" not in document:
            problems.append(_problem(index, source, "has no site (the publishing site's name, url and partnership).",
                                     NOT_BRIEFS_JSON))
            continue
        publisher = _convert(SOURCE_SITE, document.get("site"), "site", problems, index, source, checks)
        if publisher is not None:
            problem = url_problem(publisher.url, ("https", "http"))
            if problem:
                problems.append(_problem(index, source, f"site.url {problem}", "Check the source's data."))
            elif site_url and _same_site(publisher.url, site_url):
                problems.append(_problem(index, source, f"is this site's own data (its site.url is {publisher.url}, "
                                         "this site's site_url), so every brief would appear twice.",
                                         "Remove it from sources: this site's own briefs are already on it."))
                continue
            elif publisher.url in publishers:
                problems.append(_problem(index, source, f"is the data of {publisher.url}, as sources[{publishers[publisher.url]}] is.",
                                         "List each site once."))
            else:
                publishers[publisher.url] = index
        for number, entry in enumerate(listed["themes"], start=1):
            theme = _convert(THEME_ENTRY, entry, f"themes[{number}]", problems, index, source, checks=())
            if theme is None:
                continue
            if theme.id in RESERVED_THEME_IDS:
                problems.append(_problem(index, source, f'themes[{number}] uses the reserved id "{theme.id}", which '
                                         "this site's theme pages need.", "Ask the other site to rename the theme."))
                continue
            known = merged.get(theme.id)
            if known is None:
                merged[theme.id] = theme
                theme_from[theme.id] = publisher.name if publisher else source
            elif known.title != theme.title:  # a reworded description is the same theme
                problems.append(_problem(index, source, f'has a theme "{theme.id}" ("{theme.title}") that {theme_from[theme.id]} '
                                         f'calls "{known.title}".',
                                         "Two sites must mean the same by a theme id: agree the title, or use another id."))
        if len(problems) > before:
            continue
        site_name, site_url, partnership = publisher.name, publisher.url, publisher.partnership
        for number, entry in enumerate(listed["briefs"], start=1):
            if not isinstance(entry, dict):
                problems.append(_problem(index, source, f"briefs[{number}] is not a brief.", "Check the source's data."))
                continue
            slug, url = str(entry.get("slug") or ""), str(entry.get("url") or "")
            content = {key: value for key, value in entry.items() if key not in ADDRESS_FIELDS}
            where = f"briefs[{number}] ({slug or 'no slug'})"
            # Its address is printed on the page and in the feed, as its slug is.
            last_part = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rstrip("/").rsplit("/", 1)[-1]
            address = (TextValue("url", 1, 1, url, "url"), TextValue("url", 1, 1, spoken_name(last_part), "text"))
            brief = _convert(BRIEF, content, where, problems, index, source, checks, theme_ids=frozenset(merged),
                             today=today, name=slug, also_checked=address)
            if brief is None:
                continue
            problem = url_problem(url, ("https", "http"))
            if problem:
                problems.append(_problem(index, source, f"{where}.url {problem}", "Check the source's data."))
                continue
            local = slugify(slug, "brief")
            if local in taken:
                local = f"{local}-{slugify(partnership or site_name, 'source')}"
            base, n = local, 2
            while local in taken:
                local, n = f"{base}-{n}", n + 1
            taken.add(local)
            briefs.append(dataclasses.replace(
                # Its quiz is the other site's, which is not harvested: a link here would lead to another quiz or none.
                brief, slug=local, path=source, origin=Origin(site_name, site_url, partnership, url), quiz=None,
                recommendations=tuple(dataclasses.replace(r, number=i) for i, r in enumerate(brief.recommendations, 1)),
            ))
    return Harvest(briefs, merged, problems)


def _convert(record, value, where: str, problems: list[Problem], index: int, source: str, checks=(),
             theme_ids=None, today=None, name: str = "", also_checked: Sequence[TextValue] = ()):
    """`value` (JSON data) through the content model: a model object, or None
    with its problems reported against the source. `also_checked`: texts
    published with it that are not content (a brief's address), for `checks`."""
    # JSON is YAML: compose it into the nodes the model reads, so a harvested
    # brief is read exactly as a file would be. Nested as deeply as a file may
    # be and no deeper: composing recurses, and 500 levels overflowed it.
    if _depth(value) > MAX_DEPTH:
        problems.append(_problem(index, source, f"{where} is nested too deeply (more than {MAX_DEPTH} lists or "
                                 "sets of fields inside one another).", "Check the source's data."))
        return None
    text = json.dumps(value, ensure_ascii=False, indent=1)
    log = ProblemLog("mkdocs.yml")
    ctx = Context(log=log, theme_ids=theme_ids, quiz_ids=None, today=today)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        # JSON allows characters that YAML, and so this site's content, does not.
        problems.append(_problem(index, source, f"{where} has a character that is not allowed in content "
                                 f"({getattr(error, 'problem', None) or 'unreadable'}).",
                                 "Ask the other site to remove control characters from its briefs."))
        return None
    result = record.convert(node, ctx, "")
    found = [p for check in checks for p in check(f"{source} {where}", name, [*ctx.texts, *also_checked], text)]
    for p in [*log.problems, *found]:
        problems.append(_problem(index, source, f"{where}{('.' + p.field) if p.field else ''}: {p.message}", p.fix))
    if result is INVALID or log.problems or found:
        return None
    return result


def _depth(value) -> int:
    """How many lists and objects `value` nests, counted without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest
