"""Load every content file of a project, validate it, and build the models.

`load_content(root)` never raises for a content mistake: it returns what it
could build together with every problem in every file, so an author sees all
their mistakes in one run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Hashable, NamedTuple, Protocol, Sequence

from yaml.nodes import MappingNode

from . import markdown, yaml_source
from .fields import INVALID, Context, ID_PATTERN, TextValue, slugify
from .model import (
    BRIEF,
    QUIZ,
    RESERVED_BRIEF_SLUGS,
    RESERVED_QUIZ_IDS,
    RESERVED_THEME_IDS,
    THEME_VOCABULARY,
    Brief,
    Quiz,
    Recommendation,
    Theme,
)
from .problems import Problem, ProblemLog
from .workers import fork_map

BRIEFS_DIR = "briefs"
QUIZZES_DIR = "quizzes"
THEMES_FILE = "briefs/_themes.yml"
YAML_SUFFIXES = (".yml", ".yaml")
# Files in the content folders that are not briefs or quizzes: dotfiles, notes
# for authors, and the site-wide vocabulary and allow-list.
IGNORED_NAMES = re.compile(r"^(\..*|README(\.\w+)?|_themes\.yml|_personal_data_allowlist\.yml)$", re.I)


@dataclass
class Content:
    themes: dict[str, Theme] = field(default_factory=dict)  # in vocabulary order
    briefs: list[Brief] = field(default_factory=list)  # newest first
    quizzes: dict[str, Quiz] = field(default_factory=dict)  # by title
    harvested_theme_ids: frozenset[str] = frozenset()  # themes only other sites' data brought (sources.py)

    @property
    def own_themes(self) -> list[Theme]:
        """This site's own vocabulary, briefs/_themes.yml: what its open data publishes."""
        return [theme for theme_id, theme in self.themes.items() if theme_id not in self.harvested_theme_ids]


@dataclass
class LoadResult:
    content: Content
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)  # advice; the build goes on

    @property
    def ok(self) -> bool:
        return not self.problems


def _content_files(folder: Path, root: Path, kind: str, problems: list[Problem]) -> tuple[dict[str, Path], set[str]]:
    """(id -> file for the YAML files in `folder`, the ids that more than one
    file claims), logging folders, bad names and clashes."""
    found: dict[str, list[Path]] = {}
    if not folder.is_dir():
        return {}, set()
    # os.scandir knows most entries' kinds without a stat each: at 10,000 briefs, every `mkdocs serve` save lists them.
    with os.scandir(folder) as entries:
        listed = sorted((entry.name, _is_folder(entry)) for entry in entries)
    shown_folder = folder.relative_to(root).as_posix()
    for name, is_dir in listed:
        path = folder / name
        display = f"{shown_folder}/{name}"
        if IGNORED_NAMES.match(name):
            continue
        if is_dir:
            problems.append(
                Problem(display, None, None, f"is a folder; nothing inside a folder in {folder.name}/ is read.",
                        f"Move the {kind} files it holds up into {folder.name}/, and delete the folder.")
            )
            continue
        if path.suffix.lower() not in YAML_SUFFIXES:
            problems.append(
                Problem(display, None, None, f"is not a {kind} file (only .yml files belong in {folder.name}/).",
                        "Rename it to end in .yml, or move it out of this folder.")
            )
            continue
        stem = path.stem
        if not ID_PATTERN.match(stem):
            problems.append(
                Problem(display, None, None,
                        f'has a file name that cannot be used as a web address ("{stem}").',
                        f"Rename it using lowercase letters, digits and hyphens, for example {slugify(stem, kind)}.yml.")
            )
            continue
        found.setdefault(stem, []).append(path)
    result, shared = {}, set()
    for stem, paths in found.items():
        if len(paths) > 1:
            shared.add(stem)
            names = " and ".join(p.relative_to(root).as_posix() for p in paths)
            for path in paths:
                problems.append(
                    Problem(path.relative_to(root).as_posix(), None, None,
                            f'shares the id "{stem}" with another file ({names}).',
                            "Rename or delete one of them.")
                )
            continue
        result[stem] = paths[0]
    return result, shared


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link round in a loop: reading it reports the problem
        return False


class DocumentCheck(Protocol):
    """A check of a whole content file beyond its shape, such as the personal-data
    check: it sees the file's path, its id, every text with its line, and the
    source; `key` is what its verdict depends on besides the file itself."""

    key: Hashable

    def __call__(self, path: str, name: str, texts: Sequence[TextValue], source: str) -> list[Problem]: ...


def _convert_file(path: Path, root: Path, spec, ctx_args: dict, problems: list[Problem],
                  checks: Sequence[DocumentCheck] = ()) -> tuple[object, Context]:
    """(the converted value or None, the context with the file's texts and warnings)."""
    display = path.relative_to(root).as_posix()
    log = ProblemLog(display)
    ctx = Context(log=log, **ctx_args)
    node, text = yaml_source.load(path, log, root=root)
    value = INVALID
    if node is not None:
        if spec is not THEME_VOCABULARY and not isinstance(node, MappingNode):
            log.add(
                yaml_source.line_of(node),
                None,
                "does not start with fields (name: value); the top level must be a mapping.",
                "Start the file with lines such as  title: ...  — see the README's field reference.",
            )
        else:
            value = spec.convert(node, ctx, "")
    problems.extend(log.problems)
    if node is None:
        return None, ctx
    # Also on a file with other problems (on the texts that could be read), so
    # that every problem comes in one run, personal data included.
    found = [problem for check in checks for problem in check(display, path.stem, ctx.texts, text)]
    problems.extend(found)
    if log.problems or value is INVALID or found:
        return None, ctx
    return value, ctx


def load_themes(root: Path, problems: list[Problem], checks: Sequence[DocumentCheck] = ()) -> dict[str, Theme]:
    path = root / THEMES_FILE
    if not os.path.lexists(path):
        problems.append(Problem(THEMES_FILE, None, None, "is missing.", "Create it with the site's theme vocabulary; see the README."))
        return {}
    value, ctx = _convert_file(path, root, THEME_VOCABULARY, {}, problems, checks)
    if value is None:
        return {}
    themes: dict[str, Theme] = {}
    for index, theme in enumerate(value, start=1):
        if theme.id in RESERVED_THEME_IDS:
            problems.append(Problem(THEMES_FILE, ctx.lines.get(f"[{index}].id"), f"[{index}].id",
                                    f'uses the reserved id "{theme.id}", which the theme pages need.', "Choose another id."))
            continue
        if theme.id in themes:
            problems.append(Problem(THEMES_FILE, ctx.lines.get(f"[{index}].id"), f"[{index}].id",
                                    f'repeats the theme id "{theme.id}".', "Each theme id must be unique."))
            continue
        themes[theme.id] = theme
    return themes


def _numbered(brief: Brief) -> tuple[Recommendation, ...]:
    return tuple(replace(r, number=n) for n, r in enumerate(brief.recommendations, start=1))


class ReadFile(NamedTuple):
    value: Brief | Quiz | None
    problems: list[Problem]
    warnings: list[Problem]
    conversions: list  # its Markdown conversions, for pages and search to reuse


def _read_quiz(job: tuple[str, Path, Path, dict, tuple]) -> ReadFile:
    quiz_id, path, root, ctx_args, checks = job
    problems: list[Problem] = []
    value, ctx = _convert_file(path, root, QUIZ, ctx_args, problems, checks)
    quiz = None if value is None else replace(value, id=quiz_id, path=path.relative_to(root).as_posix())
    return ReadFile(quiz, problems, ctx.warnings, [])


def _read_brief(job: tuple[str, Path, Path, dict, tuple]) -> ReadFile:
    slug, path, root, ctx_args, checks = job
    problems: list[Problem] = []
    # Validation converts every Markdown field; a worker process hands the
    # conversions back with the brief so that pages and search reuse them.
    with markdown.recording_conversions() as conversions:
        value, ctx = _convert_file(path, root, BRIEF, ctx_args, problems, checks)
    brief = None
    if value is not None:  # a Brief: what the file says, and what its name and place say
        brief = replace(value, slug=slug, path=path.relative_to(root).as_posix(), texts=tuple(ctx.texts),
                        recommendations=_numbered(value))
    return ReadFile(brief, problems, ctx.warnings, conversions)


# Files read by the last load, by kind, file, bytes and vocabulary: `mkdocs
# serve` rebuilds after every save, and only the saved file needs reading again.
_READ: dict[Callable, dict[tuple, ReadFile]] = {}


# A file changed this recently may change again within the same tick of the
# file system's clock, keeping its size and times: it is known by its bytes.
RECENT_NS = 2_000_000_000


def file_version(path: Path) -> tuple | None:
    """What tells this version of the file from any other, or None when it
    must always be read again: a link (whether it may be read at all depends
    on where it leads, yaml_source) and anything but an ordinary file of a sane
    size (a pipe would block and /dev/zero never end; reading reports it).

    An ordinary file is known by its inode, size and times, without reading it:
    at 10,000 briefs, reading and hashing every file was a sixth of a
    `mkdocs serve` rebuild. The change time is set by every write, and by
    nothing an author's tools can set back, so a file copied over another
    with its old date kept still counts as changed. A file changed in the last
    two seconds is known by its bytes instead, as git does with its index."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > yaml_source.MAX_BYTES:
            return None
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RECENT_NS:
            return ("bytes", hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    except OSError:
        return None
    return ("inode", info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


# What the files of the last load shared besides themselves, by kind: the ids
# they may name and what the checks depend on (DocumentCheck.key).
_CONTEXTS: dict[Callable, dict[tuple, tuple]] = {}


def _read_files(read: Callable[[tuple], ReadFile], jobs: list[tuple], workers: int = 1) -> list[ReadFile]:
    last = _READ.get(read, {})
    # The context is made once per context and, when it equals the last load's,
    # is that very object: looking a file up then compares it by identity, not
    # a thousand quiz ids once for every brief.
    known = _CONTEXTS.get(read, {})
    contexts: dict[tuple[int, int], tuple] = {}  # by the ids of the jobs' objects, alive meanwhile
    keys = []
    for slug, path, root, ctx_args, checks in jobs:
        context = contexts.get((id(ctx_args), id(checks)))
        if context is None:
            made = (tuple(sorted(ctx_args.items())), tuple(c.key for c in checks))
            context = contexts[(id(ctx_args), id(checks))] = known.get(made, made)
        keys.append((str(path), file_version(path), context))
    _CONTEXTS[read] = {context: context for context in contexts.values()}
    missing = [i for i, key in enumerate(keys) if key[1] is None or key not in last]
    fresh = dict(zip(missing, fork_map(read, [jobs[i] for i in missing], workers)))
    results = [fresh[i] if i in fresh else last[key] for i, key in enumerate(keys)]
    _READ[read] = {key: result for key, result in zip(keys, results) if key[1] is not None}
    return results


def load_content(root: Path, checks: Sequence[DocumentCheck] = (), workers: int = 1,
                 today: dt.date | None = None) -> LoadResult:
    """Load the theme vocabulary, quizzes and briefs under `root`.

    `checks` run on every quiz and brief whose shape is valid (the
    personal-data check, which needs the site settings); a file they find
    problems in is left out like any invalid file.
    `workers` > 1 reads the quizzes and briefs of a big site on that many processes.
    `today` is the build date: an update recorded after it is a mistake.
    """
    root = Path(root)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    themes = load_themes(root, problems, checks)
    theme_ids = frozenset(themes) if themes else None

    quiz_files, shared_quiz_ids = _content_files(root / QUIZZES_DIR, root, "quiz", problems)
    brief_files, _ = _content_files(root / BRIEFS_DIR, root, "brief", problems)

    checks = tuple(checks)  # one object for every job (_read_files)
    quizzes: dict[str, Quiz] = {}
    quiz_context = {"theme_ids": theme_ids}
    quiz_jobs = []
    for quiz_id, path in quiz_files.items():
        if quiz_id in RESERVED_QUIZ_IDS:
            problems.append(Problem(path.relative_to(root).as_posix(), None, None,
                                    f'uses the reserved id "{quiz_id}".', "Rename the file."))
            continue
        quiz_jobs.append((quiz_id, path, root, quiz_context, checks))
    for read in _read_files(_read_quiz, quiz_jobs, workers):
        problems.extend(read.problems)
        warnings.extend(read.warnings)
        if read.value is not None:
            quizzes[read.value.id] = read.value

    jobs = []
    # A quiz id two files share is reported once, as that; a brief naming it is not also wrong.
    ctx_args = {"theme_ids": theme_ids, "quiz_ids": frozenset(quiz_files) | shared_quiz_ids, "today": today}
    for slug, path in brief_files.items():
        if slug in RESERVED_BRIEF_SLUGS:
            problems.append(Problem(path.relative_to(root).as_posix(), None, None,
                                    f'uses the reserved name "{slug}", which the listing pages need.',
                                    f"Rename the file, for example to {slug}-brief.yml."))
            continue
        jobs.append((slug, path, root, ctx_args, checks))
    briefs: list[Brief] = []
    for read in _read_files(_read_brief, jobs, workers):
        markdown.remember(read.conversions)
        problems.extend(read.problems)
        warnings.extend(read.warnings)
        if read.value is not None:
            briefs.append(read.value)

    content = Content(
        themes=themes,
        briefs=sort_briefs(briefs),
        quizzes=dict(sorted(quizzes.items(), key=lambda item: item[1].title.casefold())),
    )
    return LoadResult(content, _in_file_order(problems), _in_file_order(warnings))


def sort_briefs(briefs: list[Brief]) -> list[Brief]:
    """Newest first, then by title: the order of every listing."""
    return sorted(briefs, key=lambda b: (-b.published.toordinal(), b.title.casefold()))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field or ""))
