"""Sharing independent work out between processes, for big sites.

Workers are forked, so they inherit the loaded project instead of being sent
it, and only their results travel back. Fork is only safe in a process with
no other threads, so callers ask for workers only in `mkdocs build` and the
scripts, never inside `mkdocs serve`; and it does not exist on Windows, where
everything runs in this process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None  # what forked workers inherit
# Items go out in chunks, so a worker does not wait for each one; small enough
# that the last chunk leaves the other CPU idle only briefly. With 8 chunks per
# worker that wait was about a second at 10,000 briefs (each of 6 timed pairs
# of builds was 1.0-1.5 s slower than with 32).
CHUNKS_PER_WORKER = 32


def usable_cpus() -> int:
    """CPUs this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


_PR_SET_PDEATHSIG = 1  # Linux prctl(2)


def _start_worker(parent: int) -> None:
    # Ctrl-C goes to the whole process group: only this process acts on it
    # (stopping the pool), so no worker dies half-way through a task and
    # leaves the pool waiting for a result that never comes. The worker was
    # forked with Ctrl-C held back (ForkedMap), so none can arrive before this.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # The pool stops its workers with SIGTERM: they end at once, whatever
    # handler the build process has for it (plugin.py's turns it into Ctrl-C).
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A build killed outright (kill -9, an out-of-memory kill) takes its
    # workers with it, quietly: left alone, each printed a traceback on
    # finding nobody to hand its result to. Linux only; elsewhere they end
    # at that point as before.
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        pass
    if os.getppid() != parent:  # killed before the request above was in place
        os._exit(1)


def _run(index: int):
    function, items = _TASK
    return function(items[index])


class ForkedMap(Generic[T, R]):
    """[function(item) for item in items], started at once on `workers`
    processes when there are enough items to be worth it, so that this process
    can do other work meanwhile; `get()` waits for the results, in order.
    Otherwise (one worker, few items, no fork) `get()` does the work here."""

    def __init__(self, function: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = 200):
        global _TASK
        self._function, self._items = function, items
        self._pool = None
        self._result = None
        if workers > 1 and len(items) >= min_items and can_fork():
            assert _TASK is None, "one ForkedMap at a time"
            _TASK = (function, items)
            # A collection in a worker would write to every object it inherited,
            # copying the whole of this process's memory page by page: frozen
            # objects are left out of collections until the workers are done.
            gc.freeze()
            # Ctrl-C is held back while the workers are forked: one that arrived
            # between a fork and the worker's initializer would break into the
            # new worker half-made (a traceback from Python's fork handlers).
            # Held back, it reaches this process once they are all started.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker,
                                                                      initargs=(os.getpid(),))
                self._result = self._pool.map_async(_run, range(len(items)),
                                                    chunksize=max(1, len(items) // (workers * CHUNKS_PER_WORKER)))
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            except BaseException:  # Ctrl-C among them
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                if self._pool is not None:
                    self.close()
                else:
                    _TASK = None
                    gc.unfreeze()
                raise

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def get(self) -> list[R]:
        if not self.parallel:
            return [self._function(item) for item in self._items]
        try:
            return self._result.get()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers, also when the caller fails half-way."""
        global _TASK
        if self._pool is not None:
            if self._result is not None and self._result.ready():
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
            _TASK = None
            gc.unfreeze()


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = 200) -> list[R]:
    """[function(item) for item in items], in order, on `workers` processes when
    there are enough items to be worth it."""
    return ForkedMap(function, items, workers, min_items).get()
