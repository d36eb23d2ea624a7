"""Content problems: what is wrong with an author's file, where, and how to fix it.

Every check in the content layer reports a `Problem` instead of raising, so one
run can list every mistake in every file. The build and the `scripts/validate.py`
command print them with `format_report`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from .characters import shown_safely


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as the author sees it, relative to the project: "briefs/foo.yml"
    line: int | None  # 1-based; None when the problem is about the whole file
    field: str | None  # "learning[2].theme"; list items count from 1
    message: str  # what is wrong
    fix: str = ""  # how to put it right

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        subject = f" {self.field}:" if self.field else ""
        fix = f" {self.fix}" if self.fix else ""
        # Messages repeat author text; an escape sequence in it must not reach the terminal.
        return shown_safely(f"{where}:{subject} {self.message}{fix}")


@dataclass
class ProblemLog:
    """Collects problems for one file; shared by every check that reads it."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, field_path: str | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.path, line, field_path or None, message, fix))


def _sort_key(p: Problem):
    return (p.path, p.line or 0, p.field or "", p.message)


def format_report(problems: Iterable[Problem], kind: str = "problem") -> str:
    """Every problem (or, with kind="suggestion", every piece of advice) by file and line."""
    problems = sorted(problems, key=_sort_key)
    if not problems:
        return f"No {kind}s found."
    files = {p.path for p in problems}
    noun = kind if len(problems) == 1 else f"{kind}s"
    fnoun = "file" if len(files) == 1 else "files"
    lines = [f"Found {len(problems)} {noun} in {len(files)} {fnoun}:", ""]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' Did you mean "x"?' for the closest choice, or '' when nothing is close."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return f' Did you mean "{lowered[value.lower()]}"?'
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f' Did you mean "{close[0]}"?' if close else ""
