"""Writing the generated pages, on every CPU.

Every generated page is a pure function of the loaded content: a standalone
document (the feedback form) or our content inside the theme's
shell for its folder depth (shell.py). So the pages are shared out between
worker processes, forked once the shells are captured, which inherit the
loaded content instead of being sent it. Each worker writes whole pages to
the site folder and sends nothing back.

With one CPU, without fork (Windows), for a small site, or in `mkdocs serve`
(a threaded server must not fork), the same pages are written in this
process, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Mapping, Sequence

from ..content.workers import ForkedMap
from .finish import finish_page
from .outputs import render_standalone
from .pages import Page
from .security import InlineScriptError
from .shell import Shell, depth
from .site import Site

MIN_PAGES_FOR_WORKERS = 400  # below this, starting processes costs more than it saves


@dataclass(frozen=True)
class Job:
    site: Site
    pages: Sequence[Page]  # standalone pages, and themed pages the theme does not render itself
    site_dir: Path
    shells: Mapping[int, Shell]  # by folder depth
    preview: bool  # `mkdocs serve`
    banner: str = ""  # above the content of every themed page, in a preview of content with problems
    edit_urls: Mapping[str, str | None] = field(default_factory=dict)  # page -> its "Edit this page" address


def page_document(job: Job, page: Page) -> str:
    """The whole HTML document of a page, before the finishing pass."""
    if page.standalone:
        return render_standalone(job.site, page)
    router = job.site.router
    return job.shells[depth(router.output_path(page.src))].fill(
        title=page.title,
        description=page.description or job.site.site_description,
        page_url=router.url(page.src),
        content=job.banner + page.render(job.site),
        edit_url=job.edit_urls.get(page.src),
        canonical_url=page.canonical_url,
    )


def write_page(job: Job, page: Page) -> None:
    """Write one finished page."""
    output_path = job.site.router.output_path(page.src)
    try:
        document = finish_page(page_document(job, page), preview=job.preview)
    except InlineScriptError as error:
        raise InlineScriptError(f"{output_path}: {error}") from None
    target = job.site_dir / output_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")


class PageWriter:
    """Starts writing the job's pages on `workers` processes at once, so this
    process can do other work meanwhile; `finish()` waits for them. With one
    worker, `finish()` does all the writing."""

    def __init__(self, job: Job, workers: int = 1):
        self.job = job
        self._map = ForkedMap(partial(write_page, job), job.pages, workers, min_items=MIN_PAGES_FOR_WORKERS)

    @property
    def parallel(self) -> bool:
        return self._map.parallel

    def finish(self) -> None:
        self._map.get()

    def close(self) -> None:
        """Stop the workers, also when the build fails half-way."""
        self._map.close()
