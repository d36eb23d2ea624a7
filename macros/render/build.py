"""One build of the site, from the loaded project to the written folder.

Two phases, as in Pelican: `Build.plan` works out every page (as data) and
what frame each is written in; then the theme renders the few pages it must
(the pages in mkdocs.yml's nav, and one page per folder depth to capture as
a shell), and `write_rest` writes everything else: the pages filled into
those shells, the standalone documents and the data files (which a preview
writes after its pages, with `write_data`).

Everything a build knows lives on its `Build`, made fresh for each build.
Under `mkdocs serve` two things carry over, by design: the preview folder
(site_folder.PreviewFolder), which remembers what each page was made from,
so that a rebuild rewrites only the pages whose inputs changed, and the
per-brief work of site.Memo. No MkDocs import: plugin.py translates MkDocs'
events into the calls below.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from markupsafe import Markup

from ..content.problems import Problem
from ..content.project import Project, build_date
from ..content.settings import SiteSettings
from . import outputs
from .chrome import page_chrome
from .finish import finish_page
from .pages import Frame, Page, plan_pages
from .parallel import Job, PageWriter
from .routes import Router
from .search_index import SearchDoc, page_doc, text_of_html
from .security import InlineScriptError, live_markup
from .shell import CONTENT, DESCRIPTION, EDIT, TITLE, Shell, ShellError, depth
from .site import Memo, Site
from .site_folder import PreviewFolder

# Stands in for a site whose settings have problems, so `mkdocs serve` can
# still show the rest while the author fixes them.
PREVIEW_SETTINGS = SiteSettings(
    partnership="(site settings have a problem)",
    contact_email="",
    accessibility_last_tested=dt.date(2000, 1, 1),
    accessibility_statement_prepared=dt.date(2000, 1, 1),
)


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class EditLinks:
    """Where "Edit this page" leads for a page made from a content file:
    `base` + the file's path in the project ("briefs/x.yml")."""

    base: str

    @classmethod
    def from_settings(cls, repo_url: str | None, edit_uri: str | None, docs_folder: str) -> EditLinks | None:
        """`edit_uri` points into the docs folder ("edit/main/docs/"); the
        content files sit beside it, so the base is the same address with
        the docs folder taken off. None when there are no edit links; raises
        BuildError when `edit_uri` does not end with the docs folder."""
        if not repo_url or not edit_uri:
            return None
        if edit_uri.startswith(("http://", "https://")):
            full = edit_uri
        else:
            full = repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
        full = full.rstrip("/") + "/"
        ending = docs_folder.strip("/") + "/"
        if not full.endswith("/" + ending):
            raise BuildError(
                f"mkdocs.yml: edit_uri ({edit_uri}) does not end with the docs folder ({ending}), so the "
                "build cannot tell where briefs/ and quizzes/ are in the repository for their edit links. "
                f"Set it to the address of the docs folder, for example edit_uri: edit/main/{ending}"
            )
        return cls(full[: -len(ending)])

    def url(self, source_file: str) -> str:
        return self.base + source_file


@dataclass
class Build:
    site: Site
    pages: dict[str, Page]  # every generated page, by name
    problems: list[Problem]  # shown on every page of a preview; a real build stops before this
    serving: bool  # `mkdocs serve`: a preview, written in this process
    edit_links: EditLinks | None = None
    frames: dict[str, Frame] = field(default_factory=dict)
    shell_models: dict[str, int] = field(default_factory=dict)  # page -> the folder depth it is the shell of
    shells: dict[int, Shell] = field(default_factory=dict)
    theme_urls: list[str] = field(default_factory=list)  # pages the theme rendered, for the sitemap
    page_docs: list[SearchDoc] = field(default_factory=list)  # hand-written pages, for search
    writer: PageWriter | None = None
    preview: PreviewFolder | None = None  # `mkdocs serve`: the folder kept between rebuilds
    sitemap_urls: list[str] = field(default_factory=list)  # every page search engines are told of
    # A preview, between write_rest and write_data: what its pages were made
    # from, and the last build's data files' texts.
    page_fingerprints: dict[str, tuple] = field(default_factory=dict)
    last_texts: Mapping[str, object] = field(default_factory=dict)

    # -- phase 1: the plan ----------------------------------------------------------

    @classmethod
    def plan(cls, project: Project, problems: list[Problem], *, use_directory_urls: bool, site_name: str,
             site_description: str, site_url: str, serving: bool, edit_links: EditLinks | None,
             preview: PreviewFolder | None = None, memo: Memo | None = None) -> Build:
        site = Site(
            content=project.content,
            settings=project.settings or PREVIEW_SETTINGS,
            router=Router(use_directory_urls),
            today=build_date(),
            site_name=site_name,
            site_description=site_description,
            site_url=site_url,
            memo=memo or Memo(),
        )
        pages = {page.src: page for page in plan_pages(site)}
        return cls(site, pages, problems, serving, edit_links, preview=preview)

    def frame_pages(self, in_nav: set[str]) -> list[tuple[str, str]]:
        """Decide each page's frame, once: the theme renders the pages in the
        nav and one page per folder depth (the shell for that depth); every
        other page is filled into its depth's shell, or is standalone.
        Returns (page, front matter) for each page the theme must render."""
        for_theme = []
        for page in self.pages.values():
            if page.standalone:
                self.frames[page.src] = Frame.STANDALONE
                continue
            if page.src in in_nav:
                self.frames[page.src] = Frame.THEME
                for_theme.append((page.src, _front_matter(page, html.escape(page.title), html.escape(page.description))))
                continue
            self.frames[page.src] = Frame.SHELL
            page_depth = depth(self.site.router.output_path(page.src))
            if page_depth not in self.shell_models.values():
                self.shell_models[page.src] = page_depth
                for_theme.append((page.src, _front_matter(page, TITLE, DESCRIPTION)))
        return for_theme

    def clashes(self, existing: Iterable[str]) -> list[str]:
        """Pages in docs/ with the address of a generated page."""
        return [name for name in existing if name in self.pages]

    # -- phase 2: what the theme renders ----------------------------------------------

    def content_of(self, src: str, hand_written: str, url: str, title: str) -> str:
        """The main content the theme puts around `src`."""
        if src in self.shell_models:
            return CONTENT
        page = self.pages.get(src)
        if page is not None:
            content = self._content(page)
        else:
            content = hand_written
            self.page_docs.append(page_doc(url, html.unescape(title), text_of_html(content)))
        return self._with_banner(content)

    def _content(self, page: Page) -> str:
        # The theme renders its pages at every build; a preview renders one
        # again only when what it is made from has changed.
        if not self.serving:
            return page.render(self.site)
        return self.site.memo.keyed(f"content of {page.src}", page.fingerprint(self.site), lambda: page.render(self.site))

    def edit_url(self, src: str, theme_says: str | None) -> str | None:
        """The page's "Edit this page" address: the theme's own for a page in
        docs/, the content file's for a generated page (none for a listing)."""
        if src in self.shell_models:
            return EDIT if self.edit_links else None
        page = self.pages.get(src)
        return theme_says if page is None else self._edit_url_of(page)

    def _edit_url_of(self, page: Page) -> str | None:
        return self.edit_links.url(page.source_file) if self.edit_links and page.source_file else None

    def chrome(self, src: str, absolute_base: str | None = None) -> dict[str, Markup]:
        return page_chrome(self.site, src, absolute_base)

    def themed_page(self, src: str, output: str, url: str, canonical_url: str | None, site_root: str) -> str:
        """The theme's finished page for `src`: kept as its depth's shell, or finished."""
        self.refuse_live_markup(output, src, site_root)
        if src in self.shell_models:
            # The theme writes this page with its placeholders; write_rest then
            # writes over it, filling the shell like every other page at this depth.
            try:
                self.shells[self.shell_models[src]] = Shell.capture(output, url, canonical_url)
            except ShellError as error:
                raise BuildError(f"The theme's page for {src} cannot be used as a shell: {error}") from None
            return output
        self.theme_urls.append(url)
        return self.finish(output, src)

    def finish(self, output: str, source: str) -> str:
        try:
            return finish_page(output, preview=self.serving)
        except InlineScriptError as error:
            raise BuildError(f"The page made from {source}: {error}") from None

    def refuse_live_markup(self, output: str, source: str, site_root: str) -> None:
        """The theme's pages (and so every shell) and the hand-written pages in
        docs/ must hold nothing that runs, redirects or loads from elsewhere; our
        own templates escape everything, so anything found came from a setting
        the theme printed as it is, or from raw HTML in docs/. A preview reads a
        page again only when its HTML differs from the last build's."""
        found = self.site.memo.keyed(f"live markup in {source}", (output, site_root),
                                     lambda: live_markup(output, site_root=site_root))
        if found:
            raise BuildError(
                f"The page made from {source} holds {'; '.join(found)}. The site never publishes that. "
                "It comes from a page in docs/ or from a setting in mkdocs.yml that the theme prints as HTML "
                "(a nav title, extra.scope, extra.homepage, extra.alternate, extra.polyfills and the like): remove it."
            )

    def refuse_live_images(self, images: dict[str, Path]) -> None:
        """The SVG files in docs/ (a logo, say), by name, hold nothing that runs
        or points elsewhere: opened on its own, a browser runs one as a page,
        and a host that cannot send headers gives it no policy."""
        for source, path in images.items():
            found = live_markup(path.read_bytes().decode("utf-8", errors="replace"), image=True)
            if found:
                raise BuildError(
                    f"docs/{source} holds {'; '.join(found)}. An SVG file on the site may hold only shapes, text "
                    "and embedded pictures: save it again from a drawing program as plain SVG, or use a PNG."
                )

    # -- phase 2: everything else ---------------------------------------------------

    def write_rest(self, site_dir: Path, workers: int) -> list[str]:
        """Every page the theme did not render, the data files, the sitemap and
        the server's header files. Returns every file written or, in a preview,
        kept as it was, relative to `site_dir`.

        A preview writes only the pages here, and returns them with the last
        build's data files: the data files come after the browser has been
        told to reload (`write_data`, which the plugin hands to
        PreviewFolder.write_data_later), since the saved brief is on a page."""
        filled = [self.pages[src] for src, frame in self.frames.items() if frame is Frame.SHELL]
        standalone = [self.pages[src] for src, frame in self.frames.items() if frame is Frame.STANDALONE]
        job = Job(
            self.site, [*filled, *standalone], site_dir, shells=self.shells, preview=self.serving,
            banner=self._with_banner(""),
            edit_urls={p.src: self._edit_url_of(p) for p in filled} if self.edit_links else {},
        )
        router = self.site.router
        written = [router.output_path(page.src) for page in job.pages]
        # A copy of another site's brief is that site's to list.
        self.sitemap_urls = [*self.theme_urls, *(router.url(p.src) for p in filled if not p.canonical_url)]
        if self.preview:
            self.page_fingerprints = {path: self._fingerprint(job, page, path) for path, page in zip(written, job.pages)}
            job = replace(job, pages=self._changed_pages(job.pages, written, self.page_fingerprints, site_dir))
            self.last_texts = self.preview.fingerprints
            self.preview.forget()  # until this build has finished writing
        try:
            self.writer = PageWriter(job, workers=workers)
            if self.preview:
                self.writer.finish()
                return written + sorted(self.preview.data_files)
            # The workers write the pages while this process writes the data files.
            data_files = self._write_data_files(site_dir, None)
            self.writer.finish()
        except InlineScriptError as error:
            raise BuildError(f"The page {error}") from None
        except OSError as error:
            raise _cannot_write(error, site_dir) from None
        return written + list(data_files.texts)

    def write_data(self, site_dir: Path) -> set[str]:
        """A preview's data files, after its pages (write_rest): returns every
        data file written or kept, and remembers what this build's pages and
        data files were made from. Raises BuildError."""
        try:
            data_files = self._write_data_files(site_dir, self.last_texts)
        except OSError as error:
            raise _cannot_write(error, site_dir) from None
        # A data file's text is what it is made from.
        self.preview.remember(self.site.shared_inputs, {**self.page_fingerprints, **data_files.texts})
        return set(data_files.texts)

    def _write_data_files(self, site_dir: Path, last: Mapping[str, object] | None) -> outputs.DataFiles:
        data_files = outputs.DataFiles(site_dir, last)
        outputs.write_outputs(self.site, data_files, self.page_docs)
        outputs.write_sitemap(self.site, data_files, self.sitemap_urls)
        outputs.write_header_files(data_files)
        return data_files

    def _fingerprint(self, job: Job, page: Page, path: str) -> tuple:
        """What the page's file (at `path`) is made from: the page's own inputs, and the frame around them."""
        frame = None if page.standalone else job.shells[depth(path)]
        return (page.fingerprint(self.site), frame, job.banner, job.edit_urls.get(page.src))

    def _changed_pages(self, pages: Sequence[Page], paths: list[str], fingerprints: dict[str, tuple],
                       site_dir: Path) -> list[Page]:
        """The pages a preview must write: those made from something new since the last build."""
        if self.preview.shared != self.site.shared_inputs:
            return list(pages)
        last = self.preview.fingerprints
        return [page for path, page in zip(paths, pages)
                if last.get(path) != fingerprints[path] or not os.path.isfile(os.path.join(site_dir, path))]

    def close(self) -> None:
        """Stop any workers, also when the build fails half-way."""
        if self.writer:
            self.writer.close()

    def _with_banner(self, content: str) -> str:
        if self.problems and self.serving:
            return outputs.problems_banner(self.problems) + content
        return content


def _cannot_write(error: OSError, site_dir: Path) -> BuildError:
    return BuildError(f"Writing the site failed ({error.strerror or error}: {error.filename or site_dir}).")


def _front_matter(page: Page, title: str, description: str) -> str:
    # The theme prints title and description without escaping, so callers escape
    # them; JSON strings are valid YAML, which keeps any quote or colon harmless.
    meta = {
        "title": title,
        "description": description,
        "render_macros": False,
        "hide": ["toc"],
        "page_kind": page.kind,
    }
    return "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"

