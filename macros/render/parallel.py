"""Writing the generated pages, on every CPU.

Every generated page is a pure function of the loaded content: a standalone
document (handouts, the feedback form) or our content inside the theme's
shell for its folder depth (shell.py). So the pages are shared out between
worker processes, forked once the shells are captured, which inherit the
loaded content instead of being sent it. Each worker writes whole pages to
the site folder and sends back only the inline-script hashes they need.

With one CPU, without fork (Windows), for a small site, or in `mkdocs serve`
(a threaded server must not fork), the same pages are written in this
process, one at a time.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..content.workers import can_fork
from .finish import finish_page
from .outputs import render_standalone
from .pages import Page
from .shell import Shell, depth
from .site import Site

PAGES_PER_CHUNK = 40
MIN_PAGES_FOR_WORKERS = 400  # below this, starting processes costs more than it saves


@dataclass(frozen=True)
class Job:
    site: Site
    pages: Sequence[Page]  # standalone pages, and themed pages the theme does not render itself
    site_dir: Path
    shells: Mapping[int, Shell]  # by folder depth
    site_description: str  # what the theme describes a page with no description of its own by
    preview: bool  # `mkdocs serve`
    banner: str = ""  # above the content of every themed page, in a preview of content with problems


def page_document(job: Job, page: Page) -> str:
    """The whole HTML document of a page, before the finishing pass."""
    if page.standalone:
        return render_standalone(job.site, page)
    router = job.site.router
    return job.shells[depth(router.output_path(page.src))].fill(
        title=page.title,
        description=page.description or job.site_description,
        page_url=router.url(page.src),
        content=job.banner + page.render(),
    )


def write_page(job: Job, page: Page) -> frozenset[str]:
    """Write one finished page; return the inline-script hashes it needs."""
    document, hashes = finish_page(page_document(job, page), preview=job.preview)
    target = job.site_dir / job.site.router.output_path(page.src)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    return frozenset(hashes)


_FORKED_JOB: Job | None = None  # the job forked workers inherit


def _write_chunk(bounds: tuple[int, int]) -> frozenset[str]:
    assert _FORKED_JOB is not None
    hashes: set[str] = set()
    for i in range(*bounds):
        hashes |= write_page(_FORKED_JOB, _FORKED_JOB.pages[i])
    return frozenset(hashes)


class PageWriter:
    """Starts writing the job's pages on `workers` processes at once, so this
    process can do other work meanwhile; `finish()` waits for them and returns
    the script hashes. With one worker, `finish()` does all the writing."""

    def __init__(self, job: Job, workers: int = 1):
        self.job = job
        self._pool = None
        self._result = None
        count = len(job.pages)
        if workers > 1 and count >= MIN_PAGES_FOR_WORKERS and can_fork():
            global _FORKED_JOB
            _FORKED_JOB = job
            bounds = [(i, min(i + PAGES_PER_CHUNK, count)) for i in range(0, count, PAGES_PER_CHUNK)]
            self._pool = multiprocessing.get_context("fork").Pool(workers)
            self._result = self._pool.map_async(_write_chunk, bounds)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def finish(self) -> set[str]:
        hashes: set[str] = set()
        if not self.parallel:
            for page in self.job.pages:
                hashes |= write_page(self.job, page)
            return hashes
        try:
            for chunk in self._result.get():
                hashes |= chunk
        finally:
            self.close()
        return hashes

    def close(self) -> None:
        """Stop the workers, also when the build fails half-way."""
        global _FORKED_JOB
        if self._pool is not None:
            if self._result is not None and self._result.ready():
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
        _FORKED_JOB = None
