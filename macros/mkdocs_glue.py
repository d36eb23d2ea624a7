"""The MkDocs adapter: the one module that knows about MkDocs build events.

It loads and validates the content before MkDocs touches the output folder,
gives the theme the generated pages in the navigation plus one page per folder
depth to capture as a shell (render/shell.py), fills the shells for every
other brief, theme and listing page (render/parallel.py), secures every
finished page, and writes what is not a page (search index, feeds, sitemap,
header files).

`mkdocs build` writes into a staging folder of its own next to the real one
and swaps it in only when the whole build has succeeded (render/site_folder.py),
so a failed, killed or concurrent build, including a `--strict` failure at the
very end, leaves the last good site as it was.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from jinja2 import TemplateNotFound
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .content.problems import Problem, format_report
from .content.project import load_project
from .content.settings import SiteSettings
from .content.workers import usable_cpus
from .render import outputs
from .render.chrome import page_chrome
from .render.finish import finish_page
from .render.pages import Page, plan_pages
from .render.parallel import Job, PageWriter
from .render.routes import Router
from .render.search_index import SearchDoc, page_doc, text_of_html
from .render.security import InlineScriptError, live_markup
from .render.site_folder import SiteFolder, SiteFolderError
from .render.shell import CONTENT, DESCRIPTION, TITLE, Shell, ShellError, depth
from .render.site import Site

log = logging.getLogger("mkdocs.plugins.learning_briefs")

THEME_PRINTED_TEXT = ("site_name", "site_description", "site_author", "copyright", "repo_name")
PREVIEW_SETTINGS = SiteSettings(
    partnership="(site settings have a problem)",
    contact_email="",
    accessibility_last_tested=dt.date(2000, 1, 1),
    accessibility_statement_prepared=dt.date(2000, 1, 1),
)


@dataclass
class BuildState:
    command: str = "build"
    site: Site | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    page_docs: list[SearchDoc] = field(default_factory=list)  # hand-written pages, for search
    theme_urls: list[str] = field(default_factory=list)  # pages the theme rendered, for the sitemap
    shell_models: dict[str, int] = field(default_factory=dict)  # page -> the depth it is the shell of
    shells: dict[int, Shell] = field(default_factory=dict)
    filled_pages: list[Page] = field(default_factory=list)  # themed pages made from a shell
    writer: PageWriter | None = None
    bundled_scripts: list[str] = field(default_factory=list)
    folder: SiteFolder | None = None  # `mkdocs build` only
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
    STATE.built_ok = False
    STATE.page_docs = []
    STATE.theme_urls = []
    STATE.shell_models = {}
    STATE.shells = {}
    STATE.filled_pages = []
    STATE.writer = None
    # Most pages never pass through MkDocs, so the sitemap is written here (outputs.py).
    config.theme.static_templates.discard("sitemap.xml")
    # The scripts listed in extra_javascript are served as one file (see on_files).
    STATE.bundled_scripts = [str(s) for s in config.extra_javascript if str(s) != outputs.SCRIPT_BUNDLE]
    config.extra_javascript = [outputs.SCRIPT_BUNDLE]
    project = load_project(Path(config.config_file_path), workers=1 if _serving() else usable_cpus())
    problems = project.problems + _theme_setting_problems(config)
    STATE.problems = problems
    if project.warnings:
        # Advice, not an error: info, so that `mkdocs build --strict` still builds.
        log.info("%s\n\nThese do not stop the build.", format_report(project.warnings, kind="suggestion"))
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
        site_description=config.site_description or "",
        site_url=config.site_url or "http://127.0.0.1:8000/",
    )
    STATE.site = site
    STATE.pages = {page.src: page for page in plan_pages(site)}
    # The theme prints these into every page without escaping; it gets them
    # escaped, as Markup so that where it does escape, it does not do so twice.
    # (Our own templates escape, and read the raw values from `site`.)
    for name in THEME_PRINTED_TEXT:
        if config.get(name):
            config[name] = Markup.escape(config[name])
    if project.settings and project.settings.logo:
        config.theme["logo"] = project.settings.logo
    if not _serving():
        STATE.folder = SiteFolder(config.site_dir, notice=log.info)
        try:
            config.site_dir = str(STATE.folder.open())
        except SiteFolderError as error:
            STATE.folder = None
            raise PluginError(str(error)) from None
    return config


def _theme_setting_problems(config) -> list[Problem]:
    """Theme settings that name a file of the theme (a language, an icon): a
    typo would otherwise stop the build with a template traceback."""
    loader = config.theme.get_env().loader
    wanted = [("theme.language", f"partials/languages/{config.theme['language']}.html", config.theme["language"])]
    icons = [("theme.icon", config.theme.get("icon") or {})]
    while icons:
        where, value = icons.pop()
        if isinstance(value, dict):
            icons += [(f"{where}.{key}", item) for key, item in value.items()]
        elif isinstance(value, str):
            wanted.append((where, f".icons/{value}.svg", value))
    problems = []
    for where, template, value in wanted:
        try:
            loader.get_source(config.theme.get_env(), template)
        except TemplateNotFound:
            problems.append(Problem("mkdocs.yml", None, where, f'"{value}" is not one the theme has.',
                                    "Check the spelling against Material for MkDocs' documentation, or remove the line."))
    return problems


def on_nav(nav, config, files):
    # The theme prints navigation titles from mkdocs.yml without escaping; they are text.
    items = list(nav.items)
    while items:
        item = items.pop()
        if vars(item).get("title"):
            item.title = Markup.escape(item.title)
        items.extend(getattr(item, "children", None) or [])
    return nav


MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files: Files, config) -> Files:
    clashes = [p for p in STATE.pages if files.get_file_from_path(p) is not None]
    if clashes:
        raise PluginError(
            "These files in docs/ have the same address as generated pages: "
            + ", ".join(f"docs/{c}" for c in clashes)
            + ". Delete or rename them; briefs, themes and listings are generated from the YAML."
        )
    # The theme renders the generated pages in the navigation, and one page per
    # folder depth as that depth's shell; the rest are filled shells.
    in_nav = _nav_sources(config.nav)
    for page in STATE.pages.values():
        if page.standalone:
            continue
        if page.src in in_nav:
            front_matter = _front_matter(page, html.escape(page.title), html.escape(page.description))
        else:
            STATE.filled_pages.append(page)
            page_depth = depth(STATE.site.router.output_path(page.src))
            if page_depth in STATE.shell_models.values():
                continue
            STATE.shell_models[page.src] = page_depth
            front_matter = _front_matter(page, TITLE, DESCRIPTION)
        files.append(File.generated(config, page.src, content=front_matter, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, outputs.BRAND_CSS, content=outputs.brand_css(STATE.site.settings)))
    scripts = []
    for path in STATE.bundled_scripts:
        source = files.get_file_from_path(path)
        if source is None:
            raise PluginError(
                f"extra_javascript in mkdocs.yml lists {path}, which is neither in docs/ nor in overrides/. "
                "Add the file, or remove it from the list."
            )
        scripts.append((path, source.content_string))
        files.remove(source)  # only the bundle is published
    files.append(File.generated(config, outputs.SCRIPT_BUNDLE, content=outputs.script_bundle(scripts)))
    if "search" not in config.plugins:
        # The site's search is its own (search.js). Material's search worker and
        # its lunr language files, about 1 MB, would be published and never loaded.
        for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH_FILES)]:
            files.remove(file)
    return files


def _nav_sources(nav) -> set[str]:
    """The page names in mkdocs.yml's `nav:` (none when it has no nav)."""
    found: set[str] = set()
    items = list(nav or [])
    while items:
        item = items.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            items.extend(item.values())
        elif isinstance(item, list):
            items.extend(item)
    return found


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


def on_page_content(html_content: str, page, config, files) -> str:
    src = page.file.src_uri
    planned = STATE.pages.get(src)
    if src in STATE.shell_models:
        return CONTENT
    if planned:
        content = planned.render()
    else:
        content = html_content
        STATE.page_docs.append(page_doc(page.url, html.unescape(page.title or ""), text_of_html(content)))
    if STATE.problems and _serving():
        content = outputs.problems_banner(STATE.problems) + content
    return content


def on_page_context(context, page, config, nav):
    context["lb"] = page_chrome(STATE.site, page.file.src_uri)
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        base = urlsplit(config.site_url or "/").path or "/"
        context["lb"] = page_chrome(STATE.site, "404.md", absolute_base=base.rstrip("/") + "/")
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):
        _refuse_live_markup(output, template_name, config)
        output = _finish(output, template_name)
    return output


def on_post_page(output: str, page, config) -> str:
    src = page.file.src_uri
    _refuse_live_markup(output, src, config)
    if src in STATE.shell_models:
        # MkDocs writes this page with its placeholders; PageWriter then writes
        # over it, filling the shell like every other page at this depth.
        try:
            STATE.shells[STATE.shell_models[src]] = Shell.capture(output, page.url, page.canonical_url)
        except ShellError as error:
            raise PluginError(f"The theme's page for {src} cannot be used as a shell: {error}") from None
        return output
    STATE.theme_urls.append(page.url)
    return _finish(output, src)


def _refuse_live_markup(output: str, source: str, config) -> None:
    """The theme's pages (and so every shell) and the hand-written pages in
    docs/ must hold nothing that runs, redirects or loads from elsewhere; our
    own templates escape everything, so anything found came from a setting
    the theme printed as it is, or from raw HTML in docs/."""
    found = live_markup(output, site_root=(config.site_url or "").rstrip("/") + "/" if config.site_url else "")
    if found:
        raise PluginError(
            f"The page made from {source} holds {'; '.join(found)}. The site never publishes that. "
            "It comes from a page in docs/ or from a setting in mkdocs.yml that the theme prints as HTML "
            "(a nav title, extra.scope, extra.homepage, extra.alternate, extra.polyfills and the like): remove it."
        )


def _finish(output: str, source: str) -> str:
    try:
        return finish_page(output, preview=_serving())
    except InlineScriptError as error:
        raise PluginError(f"The page made from {source}: {error}") from None


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    filled = STATE.filled_pages
    job = Job(
        STATE.site,
        [*filled, *(p for p in STATE.pages.values() if p.standalone)],
        site_dir,
        shells=STATE.shells,
        preview=_serving(),
        banner=outputs.problems_banner(STATE.problems) if STATE.problems and _serving() else "",
    )
    try:
        # The workers write the pages while this process writes the data files.
        STATE.writer = PageWriter(job, workers=1 if _serving() else usable_cpus())
        outputs.write_outputs(STATE.site, site_dir, STATE.page_docs)
        STATE.writer.finish()
        outputs.write_sitemap(STATE.site, site_dir, [*STATE.theme_urls, *(STATE.site.router.url(p.src) for p in filled)])
        outputs.write_header_files(site_dir)
    except InlineScriptError as error:
        raise PluginError(f"The page {error}") from None
    except OSError as error:
        raise PluginError(f"Writing the site failed ({error.strerror or error}: {error.filename or site_dir}).") from None
    STATE.built_ok = True


def on_build_error(error) -> None:
    STATE.built_ok = False
    if STATE.writer:
        STATE.writer.close()


def on_shutdown() -> None:
    folder, STATE.folder = STATE.folder, None
    if folder is None:
        return
    if not STATE.built_ok:
        folder.discard()
        log.error("The build failed, so %s was left as it was.", folder.target)
        return
    try:
        folder.publish()
    except SiteFolderError as error:
        raise PluginError(f"{error} The last good site was left as it was.") from None
