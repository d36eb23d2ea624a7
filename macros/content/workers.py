"""Sharing independent work out between processes, for big sites.

Workers are forked, so they inherit the loaded project instead of being sent
it, and only their results travel back. Fork is only safe in a process with
no other threads, so callers ask for workers only in `mkdocs build` and the
scripts, never inside `mkdocs serve`; and it does not exist on Windows, where
everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None  # what forked workers inherit


def usable_cpus() -> int:
    """CPUs this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(index: int):
    function, items = _TASK
    return function(items[index])


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = 200) -> list[R]:
    """[function(item) for item in items], in order, on `workers` processes when
    there are enough items to be worth it."""
    global _TASK
    if workers <= 1 or len(items) < min_items or not can_fork():
        return [function(item) for item in items]
    _TASK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _TASK = None
