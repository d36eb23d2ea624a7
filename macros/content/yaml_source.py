"""Strict YAML reading: bytes on disk to a tree of nodes that remember their lines.

PyYAML's `safe_load` is too forgiving for author content: it keeps the last of
two duplicate keys, turns `no` into False and `012` into 10, and follows
aliases (the "billion laughs" bomb). We therefore look at the parser's event
stream first, before anything expands: content may not use anchors, aliases or
tags, and nothing may nest deeper than `MAX_DEPTH` (libyaml's composer recurses
in C, and 30,000 nested brackets crash the process with no message). Only then
is the file *composed* into nodes; typing is left to the content model, which
reads scalars as the text the author wrote.

Before any of that, the file itself is checked: an ordinary file inside the
project, of a sane size, UTF-8, with no control characters that would stop
the parser at a position instead of a line.

`mkdocs.yml` follows MkDocs' own YAML rules (anchors, aliases and tags such as
`!ENV` are fine there); the depth bound and the character check apply to it too.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import ProblemLog

MAX_BYTES = 1_000_000  # a long brief is about 30 KB; anything near this is a mistake
MAX_DEPTH = 40  # a brief nests 4 deep and mkdocs.yml about 6
# Characters YAML refuses raw in a file (everything else, tab and line breaks
# included, is the parser's business).
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")

SAVE_AS_UTF8 = (
    'Save the file as UTF-8 (in most editors: "Save as", then choose the UTF-8 encoding).'
)


class _Refused(Exception):
    def __init__(self, mark, message: str, fix: str):
        self.line = mark.line + 1 if mark is not None else None
        self.message = message
        self.fix = fix


# libyaml (the C parser PyYAML wheels ship) reads a file about 20 times faster
# than PyYAML's Python one, which matters at thousands of briefs.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_events(text: str, content: bool) -> None:
    """Look at the parser's events, before any node is built: how deep the file
    nests and, in content, anchors, aliases and tags."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark,
                    f"is nested too deeply (more than {MAX_DEPTH} lists or sets of fields inside one another).",
                    "Check for runaway brackets [ or braces {, or indentation that keeps growing.",
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        if not content:
            continue
        if isinstance(event, AliasEvent):
            raise _Refused(
                event.start_mark,
                f'uses the YAML alias "*{event.anchor}".',
                "Aliases are not supported in content; write the value out in full.",
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                f'uses the YAML anchor "&{event.anchor}".',
                "Anchors are not supported in content; write each value out in full.",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _Refused(
                event.start_mark,
                f'uses the YAML tag "{tag}".',
                "Tags are not allowed in content; remove it and write plain text.",
            )


def decode_utf8(data: bytes, log: ProblemLog) -> str | None:
    """Text of the file, or None (with a problem logged) if it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        log.add(
            line,
            None,
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read).",
            SAVE_AS_UTF8,
        )
        return None


def _open_regular_file(path: Path, root: Path | None, log: ProblemLog) -> bytes | None:
    """The bytes of `path` if it is an ordinary file inside `root` of a sane
    size; otherwise None, with the problem logged. A pipe would hang the build
    and a link to /dev/zero would fill the memory, so neither is ever read."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (RuntimeError, FileNotFoundError):  # a loop, or nothing at the end
                log.add(None, None, "is a link that leads nowhere (to a missing file, or round in a loop).",
                        "Delete the link, and put the file itself here.")
                return None
            if root is not None and not target.is_relative_to(root.resolve()):
                log.add(None, None, f"is a link to {target}, outside the project.",
                        "Copy the file into the project instead of linking to it.")
                return None
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            log.add(None, None, "is a folder, not a file, so nothing in it is read.",
                    "Move the files it holds up into the folder above, and delete the empty folder.")
            return None
        if not stat.S_ISREG(info.st_mode):
            log.add(None, None, "is not an ordinary file (it is a pipe, a device or a socket).",
                    "Replace it with a YAML file saved from an editor.")
            return None
        if info.st_size > MAX_BYTES:
            log.add(None, None, f"is {info.st_size // 1000} KB; content files must be under {MAX_BYTES // 1000} KB.",
                    "Check that this is the file you meant to save here.")
            return None
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        log.add(None, None, f"cannot be read ({error.strerror}).", "Check the file's permissions.")
        return None
    if len(data) > MAX_BYTES:  # it grew while being read
        log.add(None, None, f"is over {MAX_BYTES // 1000} KB; content files must be under {MAX_BYTES // 1000} KB.",
                "Check that this is the file you meant to save here.")
        return None
    return data


def read_text(path: Path, log: ProblemLog, root: Path | None = None) -> str | None:
    """Read an author's file as text, logging its kind, size, emptiness,
    encoding and stray control characters, each with its line."""
    data = _open_regular_file(path, root, log)
    if data is None:
        return None
    text = decode_utf8(data, log)
    if text is None:
        return None
    controls = [(number, match.group()) for number, line in enumerate(text.split("\n"), start=1)
                for match in _RAW_CONTROL.finditer(line)] if _RAW_CONTROL.search(text) else []
    for number, character in controls[:5]:
        log.add(number, None, f"contains the invisible control character U+{ord(character):04X}, which YAML cannot read.",
                "Delete it: retype the line, or copy the text again from a plain-text source.")
    if controls:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        log.add(None, None, "is empty.", "Add the fields, or delete the file.")
        return None
    return text


def compose(text: str, log: ProblemLog, *, content: bool = True) -> Node | None:
    """Parse YAML text into one node tree, or None with the problem logged.
    `content`: the stricter rules for briefs, quizzes and the other content files."""
    try:
        _check_events(text, content)
        node = yaml.compose(text, Loader=_LOADER)
    except _Refused as refused:
        log.add(refused.line, None, refused.message, refused.fix)
        return None
    except yaml.composer.ComposerError as error:
        if "expected a single document" in str(error):
            mark = error.problem_mark
            log.add(
                mark.line + 1 if mark else None,
                None,
                'holds more than one YAML document (a line with only "---").',
                "Keep one item per file and delete the extra --- line.",
            )
            return None
        _log_syntax_error(error, log)
        return None
    except yaml.YAMLError as error:
        _log_syntax_error(error, log)
        return None
    if node is None:
        log.add(None, None, "is empty.", "Add the fields, or delete the file.")
        return None
    _check_duplicate_keys(node, log)
    return node


def _log_syntax_error(error: yaml.YAMLError, log: ProblemLog) -> None:
    # The context mark is where the broken construct began (an unclosed quote,
    # say), which is where an author should look; the problem mark can be the
    # end of the file.
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = context_mark or problem_mark
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{problem} {context}" if context else problem
    log.add(
        mark.line + 1 if mark is not None else None,
        None,
        f"is not valid YAML ({detail}).",
        'Check the indentation and closing quotes, and put text that contains ": " or " #" in quotes.',
    )


def _check_duplicate_keys(root: Node, log: ProblemLog) -> None:
    # Each node once: in mkdocs.yml an alias shares a node many times over,
    # and walking every path through shared nodes would never end.
    stack: list[tuple[Node, str]] = [(root, "")]
    seen_nodes: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else "?"
                line = key.start_mark.line + 1
                where = f"{path}.{name}" if path else name
                if name in seen:
                    log.add(
                        line,
                        where,
                        f'appears twice (lines {seen[name]} and {line}); only one would be kept.',
                        "Delete one of them, or merge their content.",
                    )
                else:
                    seen[name] = line
                stack.append((value, where))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value, start=1):
                stack.append((item, f"{path}[{index}]"))


def load(path: Path, log: ProblemLog, *, root: Path | None = None, content: bool = True) -> tuple[Node | None, str | None]:
    """Read and compose a file: (root node, text), or (None, text-or-None) on failure.
    `root`: the project folder the file must be inside."""
    text = read_text(path, log, root)
    if text is None:
        return None, None
    return compose(text, log, content=content), text


def line_of(node: Node) -> int:
    return node.start_mark.line + 1
