"""The MkDocs adapter: the one module that knows about MkDocs build events.

A thin plugin. Each event hands MkDocs' objects to the `Build` for this build
(render/build.py), which knows nothing of MkDocs; each event says why it does
its work then. Moving to another generator means rewriting this file alone.

MkDocs loads it through `hooks:` in mkdocs.yml (macros/hooks.py), because a
plugin listed under `plugins:` must be installed as a package and this
project is a folder of content. So the plugin takes no options of its own:
what a partnership sets is `extra.site`, checked by content/settings.py.

`mkdocs build` writes into a staging folder of its own next to the real one
and swaps it in only when the whole build has succeeded (render/site_folder.py),
so a failed, killed or concurrent build, including a `--strict` failure at the
very end, leaves the last good site as it was. `mkdocs serve` instead keeps
the folder it serves from one save to the next and rewrites only the pages a
save touches (render/site_folder.py, PreviewFolder).
"""

from __future__ import annotations

import gc
import html
import logging
import os
import posixpath
import signal
import sys
import threading
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .content.problems import Problem, format_report
from .content.project import load_project
from .content.workers import usable_cpus
from .file_events import prompt_file_events
from .render import outputs
from .render.build import Build, BuildError, EditLinks
from .render.site import Memo
from .render.site_folder import PreviewFolder, SiteFolder, SiteFolderError, overlap_problem

log = logging.getLogger("mkdocs.plugins.learning_briefs")

# Settings the theme prints into every page without escaping.
THEME_PRINTED_TEXT = ("site_name", "site_description", "site_author", "copyright", "repo_name")
# The site's search is its own (search.js); Material's search worker and its
# lunr language files, about 1 MB, would be published and never loaded.
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
# Plugins that work on generated pages too. Most pages are written without
# passing through MkDocs (filled shells, render/shell.py), so a plugin that
# works page by page (search, tags, social cards, a minifier, revision dates)
# would reach only a handful of them: the build refuses it rather than
# publish a site where it silently half works.
SUPPORTED_PLUGINS = frozenset({"macros"})
# Theme features that depend on the page, and whether generated pages honour them.
PER_PAGE_FEATURES = {
    "content.action.edit": True,  # the content file's address (edit_uri)
    "content.action.view": True,
}


class KeptHeap:
    """Under `mkdocs serve`, most of what a build made stays for the next: the
    briefs read, the memo, the fingerprints. Python's garbage collector would
    walk all of it again at every save (a quarter of a rebuild at 2,000
    briefs), so after each build it is frozen out of the collector's sight.
    An object in a reference cycle that a later build lets go of is then not
    freed; so once the frozen heap has grown by a tenth, it is collected
    once, whole, and frozen again. Counting the frozen heap walks all of it
    (a tenth of a save at 10,000 briefs), so it is counted every few saves."""

    GROWTH = 1.1
    CHECK_EVERY = 4  # saves

    def __init__(self) -> None:
        self.size = 0  # objects frozen after the last whole collection
        self.unchecked = 0  # saves since the frozen heap was last counted

    def freeze(self) -> None:
        gc.collect(1)  # this build's short-lived cycles, which are cheap to find
        gc.freeze()
        self.unchecked += 1
        if self.size and self.unchecked < self.CHECK_EVERY:
            return
        self.unchecked = 0
        if gc.get_freeze_count() > self.size * self.GROWTH:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.size = gc.get_freeze_count()

    def release(self) -> None:
        gc.unfreeze()
        self.size = self.unchecked = 0


class CompiledTemplates(BytecodeCache):
    """Under `mkdocs serve`, MkDocs makes a new Jinja environment for every
    build, and compiling the theme's templates again was a tenth of a rebuild
    at 2,000 briefs. Their compiled code is kept here instead. Jinja stores
    each template's checksum with its code and compiles afresh when the
    source differs, so an edited template in overrides/ still shows."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class LearningBriefsPlugin(BasePlugin):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False  # `--dirty`, which the site refuses
        self.build: Build | None = None
        self.folder: SiteFolder | None = None  # `mkdocs build` only
        self.preview: PreviewFolder | None = None  # `mkdocs serve` only, kept between rebuilds
        self.memo = Memo(keep=True)  # `mkdocs serve`: per-brief work kept between rebuilds
        self.kept_heap = KeptHeap()  # `mkdocs serve`: what the memo and the preview keep, out of the collector's way
        self.compiled_templates = CompiledTemplates()  # `mkdocs serve`: the theme's, kept between rebuilds
        self.built_ok = False
        self.publish_each_build = False  # `mkdocs serve --clean` (see on_serve)
        self.temporary_lock: Path | None = None  # its lock file, beside MkDocs' temporary folder
        self.bundled_scripts: list[str] = []
        self.python_files: dict[str, float] = {}  # this project's Python, as it was at start-up
        self.claimed_signals: list = []  # SIGTERM and SIGHUP, while this run stops on them as on Ctrl-C

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    # -- events, in the order MkDocs calls them -----------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Once per `mkdocs` run: remember the code as it is, so a `serve`
        # rebuild can tell the author when it has changed under it.
        self.command = command
        self.dirty = dirty
        self.python_files = _python_files()
        self.claimed_signals = _stop_on_termination_signals()

    def on_config(self, config):
        # Before MkDocs reads docs/ or touches the output folder: load and
        # check everything, and stop a real build before it writes a byte.
        self.built_ok = False
        self.build = None
        if self.preview:  # the last build's data files, still being written
            self.preview.settle()
        if self.dirty:
            # MkDocs would pass on only the pages in docs/ that changed, so the
            # search index, the sitemap and the home page would miss the rest.
            raise PluginError(
                "This site cannot be built with --dirty: it would leave the search index, the sitemap and the home "
                "page out of date. Run the command again without --dirty; `mkdocs serve` already rewrites only the "
                "pages a save touches."
            )
        if self.serving and _python_files() != self.python_files:
            log.warning("Python files under macros/ have changed since `mkdocs serve` started; "
                        "the preview still runs the old code. Stop it (Ctrl+C) and start it again.")
        # Most pages never pass through MkDocs, so the sitemap is written by the build.
        config.theme.static_templates.discard("sitemap.xml")
        # The scripts listed in extra_javascript are served as one file (see on_files).
        self.bundled_scripts = [str(s) for s in config.extra_javascript if str(s) != outputs.SCRIPT_BUNDLE]
        config.extra_javascript = [outputs.SCRIPT_BUNDLE]
        project = load_project(Path(config.config_file_path), workers=1 if self.serving else usable_cpus(),
                               preview=self.serving)
        templates = _override_template_problems(config)
        if templates:  # no page can be drawn, so not even a preview can go on
            kept = ("The preview keeps its last pages until the template is fixed." if self.serving else
                    "Nothing was built; the last good site/ is unchanged. Fix the template and build again.")
            raise PluginError(f"{format_report(templates)}\n\n{kept}")
        problems = project.problems + _theme_setting_problems(config) + _per_page_problems(config)
        if project.warnings:
            # Advice, not an error: info, so that `mkdocs build --strict` still builds.
            log.info("%s\n\nThese do not stop the build.", format_report(project.warnings, kind="suggestion"))
        if problems:
            report = format_report(problems)
            if not self.serving:
                raise PluginError(f"{report}\n\nNothing was built; the last good site/ is unchanged. "
                                  "Fix the problems above and build again.")
            log.error("%s\n\nThe preview leaves out the files with problems until they are fixed.", report)
        try:
            edit_links = EditLinks.from_settings(config.repo_url, config.edit_uri,
                                                 os.path.relpath(config.docs_dir, Path(config.config_file_path).parent))
        except BuildError as error:
            raise PluginError(str(error)) from None
        if self.serving:
            # MkDocs empties its output folder before each build; it gets a
            # scratch folder, and the served folder keeps the unchanged pages.
            if self.preview is None or self.preview.served != Path(config.site_dir):
                self.preview = PreviewFolder(config.site_dir, notice=log.error)
            config.site_dir = str(self.preview.scratch)
        self.build = Build.plan(
            project, problems, use_directory_urls=config.use_directory_urls, site_name=config.site_name,
            site_description=config.site_description or "", site_url=config.site_url or "http://127.0.0.1:8000/",
            serving=self.serving, edit_links=edit_links, preview=self.preview,
            memo=self.memo if self.serving else None,
        )
        # The theme prints these into every page without escaping; it gets them
        # escaped, as Markup so that where it does escape, it does not do so twice.
        # (Our own templates escape, and read the raw values from the Site.)
        for name in THEME_PRINTED_TEXT:
            if config.get(name):
                config[name] = Markup.escape(config[name])
        if project.settings and project.settings.logo:
            config.theme["logo"] = project.settings.logo
        if not self.serving:
            overlap = overlap_problem(config.site_dir, Path(config.config_file_path).parent, _authors_folders(config))
            if overlap:
                raise PluginError(
                    f"site_dir: {config.site_dir} {overlap}. Publishing replaces the whole site folder, so the "
                    "files there would be deleted. Build into a folder of its own, such as site/ "
                    "(mkdocs build -d site, or site_dir: site in mkdocs.yml). Nothing was built or changed.")
            self.folder = SiteFolder(config.site_dir, notice=log.info)
            try:
                config.site_dir = str(self.folder.open())
            except SiteFolderError as error:
                self.folder = None
                raise PluginError(str(error)) from None
        return config

    def on_nav(self, nav, *, config, files):
        # The theme prints navigation titles from mkdocs.yml without escaping; they are text.
        items = list(nav.items)
        while items:
            item = items.pop()
            if vars(item).get("title"):
                item.title = Markup.escape(item.title)
            items.extend(getattr(item, "children", None) or [])
        return nav

    def on_files(self, files: Files, *, config) -> Files:
        # Once docs/ is read: give the theme the pages it must render, and
        # bundle the scripts.
        clashes = self.build.clashes(f.src_uri for f in files)
        if clashes:
            raise PluginError(
                "These files in docs/ have the same address as generated pages: "
                + ", ".join(f"docs/{c}" for c in clashes)
                + ". Delete or rename them; briefs, themes and listings are generated from the YAML."
            )
        docs = Path(config.docs_dir)
        self._or_fail(self.build.refuse_live_images, {
            f.src_uri: Path(f.abs_src_path) for f in files
            if f.src_uri.lower().endswith(".svg") and f.abs_src_path and Path(f.abs_src_path).is_relative_to(docs)})
        for src, front_matter in self.build.frame_pages(_nav_sources(config.nav)):
            files.append(File.generated(config, src, content=front_matter, inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(config, outputs.BRAND_CSS, content=outputs.brand_css(self.build.site.settings)))
        scripts = []
        for path in self.bundled_scripts:
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
            for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH_FILES)]:
                files.remove(file)
        return files

    def on_env(self, env, *, config, files):
        # Before the theme renders anything.
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        return env

    def on_page_content(self, html_content: str, *, page, config, files) -> str:
        # After MkDocs has converted a page: our content for a generated page.
        return self.build.content_of(page.file.src_uri, html_content, page.url, page.title or "")

    def on_page_context(self, context, *, page, config, nav):
        # Just before the theme renders a page: our furniture, and the page's
        # own edit address (a generated page's is its content file's).
        page.edit_url = self.build.edit_url(page.file.src_uri, page.edit_url)
        context["lb"] = self.build.chrome(page.file.src_uri)
        return context

    def on_template_context(self, context, *, template_name: str, config):
        # The 404 page is rendered from a template, not a page.
        if template_name == "404.html":
            base = urlsplit(config.site_url or "/").path or "/"
            context["lb"] = self.build.chrome("404.md", absolute_base=base.rstrip("/") + "/")
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if template_name.endswith(".html"):
            self._or_fail(self.build.refuse_live_markup, output_content, template_name, _site_root(config))
            output_content = self._or_fail(self.build.finish, output_content, template_name)
        return output_content

    def on_post_page(self, output: str, *, page, config) -> str:
        # The theme's whole page: a shell to capture, or a page to finish.
        return self._or_fail(self.build.themed_page, page.file.src_uri, output, page.url, page.canonical_url,
                             _site_root(config))

    def on_post_build(self, *, config) -> None:
        # MkDocs has written its pages: the build writes the rest.
        if self.serving:
            written = self._or_fail(self.build.write_rest, self.preview.served, 1)
            try:
                self.preview.publish(written)
            except OSError as error:
                self.preview.forget()
                raise PluginError(f"The preview could not be updated ({error.strerror or error}: "
                                  f"{error.filename or self.preview.served}). Save again, or restart mkdocs serve.") from None
            # The pages are in place, so the browser can reload; the data files follow.
            self.preview.write_data_later(partial(self.build.write_data, self.preview.served))
            self.kept_heap.freeze()
        else:
            self._or_fail(self.build.write_rest, Path(config.site_dir), usable_cpus())
        self.built_ok = True
        if self.publish_each_build:
            self._publish()

    def on_build_error(self, *, error) -> None:
        self.built_ok = False
        if self.build:
            self.build.close()

    def on_serve(self, server, *, config, builder):
        if self.folder is not None:
            # `mkdocs serve --clean` reaches plugins as a build, which publishes
            # its staging folder only at shutdown: the server would serve an
            # empty folder. So each of its builds is published as it ends.
            self.publish_each_build = True
            self.temporary_lock = self.folder.lock_path
            self._publish()
        # After the first build, before MkDocs starts watching: a save is
        # noticed at once where the system reports file changes (file_events.py).
        prompt_file_events(server)
        _hold_data_requests(server, self.preview)
        return server

    def on_shutdown(self) -> None:
        # Last: publish the staging folder whole, or leave the last good site.
        if self.preview:
            self.preview.close()
            self.preview = None
            self.kept_heap.release()
        self._publish()
        if self.temporary_lock:  # MkDocs deletes its temporary folder, and this goes with it
            self.temporary_lock.unlink(missing_ok=True)
        _restore_signals(self.claimed_signals)
        self.claimed_signals = []
        # Not under `serve --clean`, also reported as a build: MkDocs deletes
        # its temporary folder after this.
        if self.command == "build" and not self.publish_each_build and self.built_ok and _run_as_the_mkdocs_command():
            _end_without_teardown()

    def _publish(self) -> None:
        """Publish the staging folder whole, or leave the last good site."""
        folder, self.folder = self.folder, None
        if folder is None:
            return
        if not self.built_ok:
            folder.discard()
            log.error("The build failed, so %s was left as it was.", folder.target)
            return
        try:
            folder.publish()
        except SiteFolderError as error:
            raise PluginError(f"{error} The last good site was left as it was.") from None

    @staticmethod
    def _or_fail(action, *args):
        try:
            return action(*args)
        except BuildError as error:
            raise PluginError(str(error)) from None


def _authors_folders(config) -> dict[str, Path]:
    """The folders people write in, which a build must never replace: docs/,
    the content and the code."""
    project = Path(config.config_file_path).parent
    folders = {"docs_dir": Path(config.docs_dir)}
    folders.update({f"the watched folder {os.path.relpath(w, project)}/": Path(w) for w in config.watch})
    if config.theme.custom_dir:
        folders["the theme's custom_dir"] = Path(config.theme.custom_dir)
    return folders


def _run_as_the_mkdocs_command() -> bool:
    """Whether this process is the `mkdocs` command itself (or `python -m mkdocs`),
    not a program that runs a build inside its own process."""
    main = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return main.name in ("mkdocs", "mkdocs.exe") or main.parts[-2:] == ("mkdocs", "__main__.py")


def _end_without_teardown() -> None:
    """`mkdocs build` has published the site and has nothing left to do, so
    the process ends here. Otherwise Python frees the loaded content object by
    object as it exits: 2-3 s at 10,000 briefs, after the site was in place.
    Only after a build that succeeded: MkDocs calls this last event from a
    `finally`, also when the build failed (built_ok is then False)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def _stop_on_termination_signals() -> list:
    """Every command stops on SIGTERM, and on SIGHUP (its terminal window
    closed), as on Ctrl-C. `mkdocs serve` then deletes its served folder and
    the plugin its scratch folder: killed outright, as Python does by default,
    a preview at 10,000 briefs left 1.6 GB in the temporary folder each time
    it was stopped (by `kill`, systemd, an editor's stop button, a test
    harness or a closed terminal). A build stops its workers and discards its
    staging folder (killed outright, each worker printed a traceback). Only
    where nothing else has claimed a signal (`nohup` sets SIGHUP aside, say),
    and once: a second one kills at once, as before. Returns what it set, for
    _restore_signals: a program that builds in its own process gets its
    signals back as they were."""
    if threading.current_thread() is not threading.main_thread():
        return []

    def stop(signum, frame):
        signal.signal(signum, signal.SIG_DFL)
        raise KeyboardInterrupt

    claimed = []
    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, stop)
            claimed.append((number, stop))
    return claimed


def _restore_signals(claimed) -> None:
    if threading.current_thread() is threading.main_thread():
        for number, handler in claimed:
            if signal.getsignal(number) is handler:
                signal.signal(number, signal.SIG_DFL)


def _hold_data_requests(server, preview: PreviewFolder | None) -> None:
    """Make MkDocs' server (LiveReloadServer, 1.6) ask the preview before it
    reads a file: a request for a data file waits while the data files are
    being written (PreviewFolder.wait_for_data). MkDocs opens a file and then
    takes its length from the path, so a file replaced in between would go
    out cut short. Left as it is if the server is not the one this was
    written for."""
    serve_request = getattr(server, "_serve_request", None)
    mount_path = getattr(server, "mount_path", None)
    if preview is None or serve_request is None or not isinstance(mount_path, str):
        return

    def held(environ, start_response):
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(mount_path):
            preview.wait_for_data(posixpath.normpath("/" + path[len(mount_path):]).lstrip("/") + ("/" if path.endswith("/") else ""))
        return serve_request(environ, start_response)

    server._serve_request = held


def plugin_of(config) -> LearningBriefsPlugin:
    """This project's plugin among the config's plugins (the hook file holds it)."""
    return next(p.learning_briefs for p in config.plugins.values() if hasattr(p, "learning_briefs"))


def _python_files() -> dict[str, float]:
    here = Path(__file__).parent
    return {str(p): p.stat().st_mtime for p in sorted(here.rglob("*.py"))}


def _site_root(config) -> str:
    return (config.site_url or "").rstrip("/") + "/" if config.site_url else ""


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


def _override_template_problems(config) -> list[Problem]:
    """Templates in the theme's custom_dir (overrides/) that Jinja cannot read:
    MkDocs would stop at the first, with a traceback, once it renders pages."""
    folder = config.theme.custom_dir
    if not folder or not os.path.isdir(folder):
        return []
    env = config.theme.get_env()
    project = Path(config.config_file_path).parent
    problems = []
    for path in sorted(Path(folder).rglob("*.html")):
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as error:
            problems.append(Problem(
                os.path.relpath(path, project), error.lineno, None,
                f"is not a template the theme can read: {error.message}",
                "Check the {% %} and {{ }} tags on that line: every {% if %}, {% for %} and {% block %} needs its "
                "{% end… %}. Or undo your last change to this file.",
            ))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(os.path.relpath(path, project), None, None,
                                    f"cannot be read ({getattr(error, 'strerror', None) or error}).",
                                    "Save it again as UTF-8 text."))
    return problems


def _per_page_problems(config) -> list[Problem]:
    """Settings that would work on a few pages only (see SUPPORTED_PLUGINS)."""
    problems = []
    for key in config.plugins:
        name = key.rsplit("/", 1)[-1]  # the theme's own plugins are listed as "material/search"
        if name in SUPPORTED_PLUGINS or hasattr(config.plugins[key], "learning_briefs"):
            continue
        problems.append(Problem(
            "mkdocs.yml", None, f"plugins.{name}",
            f'"{name}" works page by page, but most of this site\'s pages are written without passing through '
            "MkDocs, so it would reach only a few of them.",
            "Remove it. The site has its own search, and its pages are already compacted and secured."
            if name in ("search", "minify") else "Remove it, or extend render/build.py to support it on generated pages.",
        ))
    for feature in config.theme.get("features") or []:
        if feature.startswith("content.action.") and not PER_PAGE_FEATURES.get(feature, False):
            problems.append(Problem("mkdocs.yml", None, "theme.features",
                                    f'"{feature}" is not supported on generated pages.', "Remove it."))
    return problems


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
