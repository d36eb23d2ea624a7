"""Rendering the generated pages on every CPU.

Every page's HTML is a pure function of the loaded content, so the pages are
shared out between worker processes. The workers are forked after the content
is loaded, so they inherit it instead of being sent it; they send back the
HTML of theme pages (which MkDocs then wraps in the theme) and write the
standalone pages (handouts, the feedback form) themselves. Rendering starts
as soon as the pages are planned and runs while MkDocs does its own work.

With one CPU, without fork (Windows), for a small site, or in `mkdocs serve`
(a threaded server must not fork), the same pages render in this process, one
at a time, when asked for.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..content.workers import can_fork
from .finish import finish_page
from .outputs import render_standalone
from .pages import Page
from .site import Site

PAGES_PER_CHUNK = 40
MIN_PAGES_FOR_WORKERS = 400  # below this, starting processes costs more than it saves


@dataclass(frozen=True)
class Job:
    site: Site
    pages: Sequence[Page]
    site_dir: Path
    preview: bool


def render_page(job: Job, page: Page) -> tuple[str, frozenset[str]]:
    """A theme page's content HTML; or, for a standalone page, ("", its script
    hashes) once the finished document is written to the site folder."""
    if not page.standalone:
        return page.render(), frozenset()
    document, hashes = finish_page(render_standalone(job.site, page), preview=job.preview)
    target = job.site_dir / job.site.router.output_path(page.src)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    return "", frozenset(hashes)


_FORKED_JOB: Job | None = None  # the job forked workers inherit


def _render_chunk(bounds: tuple[int, int]) -> list[tuple[str, frozenset[str]]]:
    assert _FORKED_JOB is not None
    return [render_page(_FORKED_JOB, _FORKED_JOB.pages[i]) for i in range(*bounds)]


class PageRenderer:
    """`content(src)` gives a theme page's HTML, in any order; `finish()` makes
    sure every standalone page is written and returns their script hashes."""

    def __init__(self, job: Job, workers: int = 1):
        self.job = job
        self._by_src = {page.src: page for page in job.pages}
        self._results: dict[str, str] = {}
        self._hashes: set[str] = set()
        self._pool = None
        self._chunks = None
        self._bounds: list[tuple[int, int]] = []
        self._taken = 0
        count = len(job.pages)
        if workers > 1 and count >= MIN_PAGES_FOR_WORKERS and can_fork():
            global _FORKED_JOB
            _FORKED_JOB = job
            self._bounds = [(i, min(i + PAGES_PER_CHUNK, count)) for i in range(0, count, PAGES_PER_CHUNK)]
            self._pool = multiprocessing.get_context("fork").Pool(workers)
            self._chunks = self._pool.imap(_render_chunk, self._bounds)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def content(self, src: str) -> str:
        if not self.parallel:
            return render_page(self.job, self._by_src[src])[0]
        while src not in self._results:
            self._take_chunk()
        return self._results.pop(src)

    def finish(self) -> set[str]:
        if not self.parallel:
            for page in self.job.pages:
                if page.standalone:
                    self._hashes |= render_page(self.job, page)[1]
            return self._hashes
        while self._taken < len(self._bounds):
            self._take_chunk()
        self.close()
        return self._hashes

    def close(self) -> None:
        """Stop the workers (also when the build fails half-way)."""
        global _FORKED_JOB
        if self._pool is not None:
            if self._taken < len(self._bounds):
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None
        _FORKED_JOB = None

    def _take_chunk(self) -> None:
        start, stop = self._bounds[self._taken]
        for page, (html, hashes) in zip(self.job.pages[start:stop], next(self._chunks)):
            if page.standalone:
                self._hashes |= hashes
            else:
                self._results[page.src] = html
        self._taken += 1

