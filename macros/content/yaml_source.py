"""Strict YAML reading: bytes on disk to a tree of nodes that remember their lines.

PyYAML's `safe_load` is too forgiving for author content: it keeps the last of
two duplicate keys, turns `no` into False and `012` into 10, and follows
aliases (the "billion laughs" bomb). We therefore refuse anchors, aliases and
tags on sight in the parser's event stream (before anything expands), only then
*compose* the file into nodes, and leave typing to the content model, which
reads scalars as the text the author wrote.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import ProblemLog

MAX_BYTES = 1_000_000  # a long brief is about 30 KB; anything near this is a mistake

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


def _refuse_anchors_aliases_and_tags(text: str, allow_tags: bool) -> None:
    """Look at the parser's events, before any node is built, for what content may not use."""
    for event in yaml.parse(text, Loader=_LOADER):
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
        if tag is not None and not allow_tags:
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


def read_text(path: Path, log: ProblemLog) -> str | None:
    """Read an author's file as text, logging size, emptiness and encoding problems."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            log.add(
                None,
                None,
                f"is {size // 1000} KB; content files must be under {MAX_BYTES // 1000} KB.",
                "Check that this is the file you meant to save here.",
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        log.add(None, None, f"cannot be read ({error.strerror}).", "Check the file's permissions.")
        return None
    text = decode_utf8(data, log)
    if text is None:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        log.add(None, None, "is empty.", "Add the fields, or delete the file.")
        return None
    return text


def compose(text: str, log: ProblemLog, *, allow_tags: bool = False) -> Node | None:
    """Parse YAML text into one node tree, or None with the problem logged."""
    try:
        _refuse_anchors_aliases_and_tags(text, allow_tags)
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
    except RecursionError:
        log.add(None, None, "is nested too deeply to read.", "Check for runaway brackets.")
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
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
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


def load(path: Path, log: ProblemLog, *, allow_tags: bool = False) -> tuple[Node | None, str | None]:
    """Read and compose a file: (root node, text), or (None, text-or-None) on failure."""
    text = read_text(path, log)
    if text is None:
        return None, None
    return compose(text, log, allow_tags=allow_tags), text


def line_of(node: Node) -> int:
    return node.start_mark.line + 1
