"""The MkDocs adapter: the one module that knows about MkDocs build events.

It loads and validates the content before MkDocs touches the output folder,
adds a page for every brief, theme and listing without any file in docs/,
fills those pages from the pure renderers, secures every finished page, and
writes what is not a page (search index, slides, feeds, header files).

`mkdocs build` writes into a staging folder next to the real one and swaps it
in only when the whole build has succeeded, so a failed build, including a
`--strict` failure at the very end, leaves the last good site as it was.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .content.problems import Problem, format_report
from .content.project import load_project
from .content.settings import SiteSettings
from .render import outputs
from .render.chrome import page_chrome
from .render.pages import Page, plan_pages
from .content.workers import usable_cpus
from .render.parallel import Job, PageRenderer
from .render.routes import Router
from .render.search_index import SearchDoc, page_doc, text_of_html
from .render.finish import finish_page
from .render.site import Site

log = logging.getLogger("mkdocs.plugins.learning_briefs")

STAGING_SUFFIX = ".building"
PREVIEW_SETTINGS = SiteSettings(
    partnership="(site settings have a problem)",
    contact_email="",
    accessibility_last_tested=dt.date(2000, 1, 1),
    accessibility_statement_prepared=dt.date(2000, 1, 1),
)


@dataclass
class NavMemo:
    """The theme's sidebars, rendered once per folder depth for pages outside the
    nav (briefs, themes, listings): for all of those at one depth they are the
    same, and rendering them is a good part of the theme's time per page."""

    html: str | None = None

    def keep(self, html: str) -> str:
        self.html = html
        return html


@dataclass
class BuildState:
    command: str = "build"
    config: object = None
    site: Site | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    script_hashes: set[str] = field(default_factory=set)
    page_docs: list[SearchDoc] = field(default_factory=list)  # hand-written pages, for search
    nav_memos: dict[int, NavMemo] = field(default_factory=dict)
    renderer: PageRenderer | None = None
    real_site_dir: str | None = None
    built_ok: bool = False


STATE = BuildState()


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds (and tests of "overdue")."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def _serving() -> bool:
    return STATE.command == "serve"


# -- events, in the order MkDocs calls them -------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    STATE.command = command


def on_config(config):
    STATE.config = config
    STATE.built_ok = False
    STATE.script_hashes = set()
    STATE.page_docs = []
    STATE.nav_memos = {}
    project = load_project(Path(config.config_file_path), workers=1 if _serving() else usable_cpus())
    problems = project.problems
    STATE.problems = problems
    if problems:
        report = format_report(problems)
        if not _serving():
            raise PluginError(
                f"{report}\n\nNothing was built; the last good site/ is unchanged. "
                "Fix the problems above and build again."
            )
        log.error("%s\n\nThe preview leaves out the files with problems until they are fixed.", report)
    site = Site(
        content=project.content,
        settings=project.settings or PREVIEW_SETTINGS,
        router=Router(config.use_directory_urls),
        today=build_date(),
        site_name=config.site_name,
        site_url=config.site_url or "http://127.0.0.1:8000/",
    )
    STATE.site = site
    STATE.pages = {page.src: page for page in plan_pages(site)}
    if project.settings and project.settings.logo:
        config.theme["logo"] = project.settings.logo
    if not _serving():
        STATE.real_site_dir = config.site_dir
        config.site_dir = config.site_dir.rstrip("/\\") + STAGING_SUFFIX
        shutil.rmtree(config.site_dir, ignore_errors=True)
    return config


def on_files(files: Files, config) -> Files:
    clashes = [p for p in STATE.pages if files.get_file_from_path(p) is not None]
    if clashes:
        raise PluginError(
            "These files in docs/ have the same address as generated pages: "
            + ", ".join(f"docs/{c}" for c in clashes)
            + ". Delete or rename them; briefs, themes and listings are generated from the YAML."
        )
    for page in STATE.pages.values():
        if page.standalone:
            continue
        files.append(
            File.generated(config, page.src, content=_front_matter(page), inclusion=InclusionLevel.NOT_IN_NAV)
        )
    files.append(File.generated(config, outputs.BRAND_CSS, content=outputs.brand_css(STATE.site.settings)))
    job = Job(STATE.site, list(STATE.pages.values()), Path(config.site_dir), preview=_serving())
    STATE.renderer = PageRenderer(job, workers=1 if _serving() else usable_cpus())
    return files


def _front_matter(page: Page) -> str:
    # The theme prints title and description without escaping, so escape them here;
    # JSON strings are valid YAML, which keeps any quote or colon harmless.
    meta = {
        "title": html.escape(page.title),
        "description": html.escape(page.description),
        "render_macros": False,
        "hide": ["toc"],
        "page_kind": page.kind,
    }
    return "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"


def on_page_content(html_content: str, page, config, files) -> str:
    planned = STATE.pages.get(page.file.src_uri)
    if planned:
        content = STATE.renderer.content(planned.src)
    else:
        content = html_content
        STATE.page_docs.append(page_doc(page.url, html.unescape(page.title or ""), text_of_html(content)))
    if STATE.problems and _serving():
        content = outputs.problems_banner(STATE.problems) + content
    return content


def on_page_context(context, page, config, nav):
    context["lb"] = page_chrome(STATE.site, page.file.src_uri)
    if page.file.src_uri in STATE.pages and page not in nav.pages:
        context["lb"]["nav_memo"] = STATE.nav_memos.setdefault(page.url.count("/"), NavMemo())
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        base = urlsplit(config.site_url or "/").path or "/"
        context["lb"] = page_chrome(STATE.site, "404.md", absolute_base=base.rstrip("/") + "/")
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):
        output, hashes = finish_page(output, preview=_serving())
        STATE.script_hashes |= hashes
    return output


def on_post_page(output: str, page, config) -> str:
    output, hashes = finish_page(output, preview=_serving())
    STATE.script_hashes |= hashes
    return output


def on_post_build(config) -> None:
    STATE.script_hashes |= STATE.renderer.finish()
    outputs.write_outputs(STATE.site, Path(config.site_dir), STATE.page_docs)
    outputs.write_header_files(STATE.script_hashes, Path(config.site_dir))
    STATE.built_ok = True


def on_build_error(error) -> None:
    STATE.built_ok = False
    if STATE.renderer:
        STATE.renderer.close()


def on_shutdown() -> None:
    config, real = STATE.config, STATE.real_site_dir
    if config is None or real is None:
        return
    staging = config.site_dir
    config.site_dir = real
    STATE.real_site_dir = None
    if not STATE.built_ok:
        shutil.rmtree(staging, ignore_errors=True)
        log.error("The build failed, so %s was left as it was.", real)
        return
    previous = real.rstrip("/\\") + ".previous"
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(real):
        os.rename(real, previous)
    os.rename(staging, real)
    shutil.rmtree(previous, ignore_errors=True)
