"""Under `mkdocs serve`, a save rewrites only the pages it touches, and the
folder served afterwards is, file for file and byte for byte, what a fresh
preview of the same content would be.

The rebuilds run in this process, as `mkdocs serve` runs them: one plugin
kept from build to build, a fresh config for each. Each fresh preview to
compare with runs in a process of its own, so it shares nothing with them.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import ROOT, make_project
from macros.plugin import plugin_of

SERVE_URL = "http://127.0.0.1:8000/"
GENERATED_BRIEFS = 70  # past one page of the listing, of a theme and of the tracker

# A preview built once, by a process of its own: the plugin fresh, no memory of any earlier build.
FRESH_PREVIEW = f"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.site_url = {SERVE_URL!r}
config.plugins.on_startup(command="serve", dirty=False)
try:
    build(config, serve_url={SERVE_URL!r})
finally:
    config.plugins.on_shutdown()
"""


def _corpus_generator():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


class Preview:
    """A project rebuilt as `mkdocs serve` rebuilds it."""

    def __init__(self, project: Path, served: Path):
        self.project, self.served = project, served
        served.mkdir()
        self._config = self._load()
        self._config.plugins.on_startup(command="serve", dirty=False)
        self._first = self._config

    def _load(self):
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.served))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> set[str]:
        """Build, and return the files written (or deleted) by this build."""
        before = _files(self.served)
        config, self._first = self._first or self._load(), None
        mkdocs_build(config, serve_url=SERVE_URL)
        plugin_of(config).preview.settle()  # its data files are written after the pages, in the background
        after = _files(self.served)
        return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}

    def close(self) -> None:
        self._config.plugins.on_shutdown()


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file, with what shows it was written: its inode change time and size."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            status = path.stat()
            found[path.relative_to(folder).as_posix()] = (status.st_mtime_ns, status.st_size)
    return found


def _fresh_preview(project: Path, work: Path) -> Path:
    copy = work / "fresh-project"
    served = work / "fresh-site"
    for folder in (copy, served):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("__pycache__"))
    served.mkdir()
    completed = subprocess.run([sys.executable, "-c", FRESH_PREVIEW, str(copy / "mkdocs.yml"), str(served)],
                               cwd=copy, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return served


def _differences(served: Path, fresh: Path) -> list[str]:
    ours, theirs = set(_files(served)), set(_files(fresh))
    problems = [f"only in the rebuilt preview: {p}" for p in sorted(ours - theirs)]
    problems += [f"missing from the rebuilt preview: {p}" for p in sorted(theirs - ours)]
    problems += [f"differs: {p}" for p in sorted(ours & theirs)
                 if (served / p).read_bytes() != (fresh / p).read_bytes()]
    empty = [p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_dir() and not any(p.iterdir())]
    return problems + [f"empty folder left: {p}" for p in empty]


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, f"{path.name} has no {pattern!r}"
    path.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("preview")
    project = make_project(work / "project")
    bench = _corpus_generator()
    theme_ids = [t for t in bench.load_themes(project, []).keys()]
    bench.generate_corpus(project, GENERATED_BRIEFS, theme_ids)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    server = Preview(project, work / "served")
    server.rebuild()
    yield server, work
    server.close()


def _brief(project: Path, number: int) -> Path:
    return project / "briefs" / f"review-{number:05d}.yml"


def _add_a_theme(path: Path) -> None:
    listed = re.search(r"^themes: \[(.*)\]$", path.read_text(encoding="utf-8"), re.M).group(1).split(", ")
    new = next(t for t in ("carers", "think-family", "perpetrators-bail", "complex-needs") if t not in listed)
    _edit(path, r"^themes: \[(.*)\]$", f"themes: [{', '.join([*listed, new])}]")


def _pages(changed: set[str]) -> set[str]:
    return {p for p in changed if p.endswith(".html")}


# Each save, and the pages it must rewrite at least (beyond the data files).
SAVES = [
    ("a brief's summary", lambda p: _edit(_brief(p, 10), r"^summary: \"", 'summary: "Revised. ')),
    ("a brief's title", lambda p: _edit(_brief(p, 20), r"^title: \"", 'title: "Renamed ')),
    ("a brief's themes", lambda p: _add_a_theme(_brief(p, 30))),
    ("a brief's date, moving it to the top of every list", lambda p: _edit(_brief(p, 40), r"^published: .*$", "published: 2026-11-01")),
    ("a recommendation's status", lambda p: _edit(_brief(p, 50), r"status: \S+", "status: in-progress")),
    # The themes overview counts learning points and recommendations by theme, not only briefs.
    ("a learning point", lambda p: _edit(_brief(p, 12), r"^    points:$", '    points:\n      - "One more point."')),
    ("a recommendation's themes", lambda p: _edit(_brief(p, 13), r"^    status: ", "    themes: [carers]\n    status: ")),
    # The search page's filter form lists every partnership.
    ("a new partnership", lambda p: _edit(_brief(p, 14), r"^partnership: .*$", 'partnership: "Newtown Safer Partnership"')),
    ("a deleted brief", lambda p: _brief(p, 60).rename(p / "held-back.txt")),
    ("a new brief", lambda p: (p / "held-back.txt").rename(p / "briefs" / "a-new-brief.yml")),
    ("a broken brief", lambda p: _edit(_brief(p, 11), r"^review_type: \S+", "review_type: DHRR")),
    ("the broken brief mended", lambda p: _edit(_brief(p, 11), r"^review_type: \S+", "review_type: SAR")),
    ("a theme's title", lambda p: _edit(p / "briefs" / "_themes.yml", r"^  title: Awareness of coercive control$",
                                        "  title: Recognising coercive control")),
    ("a quiz's title", lambda p: _edit(p / "quizzes" / "self-check-0001.yml", r"^title: \"", 'title: "Retitled ')),
    ("the partnership's name", lambda p: _edit(p / "mkdocs.yml", r"partnership: Example Community Safety Partnership",
                                               "partnership: Example Safer Communities Partnership")),
]


def test_an_unchanged_project_rewrites_no_file(preview):
    server, _ = preview
    changed = server.rebuild()
    assert changed == set(), sorted(changed)[:20]
    # A data file deleted behind the preview's back is written again.
    (server.served / "data" / "briefs.csv").unlink()
    assert "data/briefs.csv" in server.rebuild()
    assert (server.served / "data" / "briefs.csv").is_file()


def test_every_save_leaves_what_a_fresh_preview_would(preview):
    server, work = preview
    project = server.project
    total = len([p for p in _files(server.served) if p.endswith(".html")])
    rewritten = {}
    for name, save in SAVES:
        save(project)
        changed = server.rebuild()
        rewritten[name] = len(_pages(changed))
        differences = _differences(server.served, _fresh_preview(project, work))
        assert differences == [], f"after {name}: " + "; ".join(differences[:15])
    # Rebuild only what the change touches: a brief's own words touch its own
    # pages and the lists it appears in, not the site.
    assert rewritten["a brief's summary"] < total / 4, (rewritten, total)
    assert rewritten["a recommendation's status"] < total / 4, (rewritten, total)
    # What every page shows (the partnership's name is in every footer) rewrites every page.
    assert rewritten["the partnership's name"] >= total - 1, (rewritten, total)


def test_a_saved_brief_rewrites_its_own_pages_and_not_an_unrelated_one(preview):
    server, _ = preview
    project = server.project
    _edit(_brief(project, 15), r"^summary: \"", 'summary: "Once more. ')
    changed = _pages(server.rebuild())
    assert "briefs/review-00015/index.html" in changed
    unrelated = [p for p in _files(server.served)
                 if p.startswith("briefs/review-") and p.endswith("/index.html") and "review-00015" not in p]
    assert unrelated and not changed & set(unrelated)
    # The pieces of the search index without its words are not written again.
    _edit(_brief(project, 15), r"^summary: \"", 'summary: "Zyxwvut. ')
    changed = server.rebuild()
    shards = {p for p in _files(server.served) if p.startswith("search/t/")}
    assert "search/t/zy.js" in changed
    assert len(changed & shards) < len(shards) / 2, (len(changed & shards), len(shards))


def test_a_brief_moving_in_the_listings_leaves_the_themes_overview_and_related_briefs_alone(preview, monkeypatch):
    """The overview counts briefs, and related briefs are found by date, name
    and themes: neither takes the listings' order as its input."""
    import heapq
    from types import SimpleNamespace

    from macros.render import site as site_module

    server, _ = preview
    project = server.project
    first, second = _brief(project, 16), _brief(project, 17)
    for path, start in ((first, "Aaa "), (second, "Bbb ")):
        _edit(path, r"^published: .*$", "published: 2019-06-15")
        _edit(path, r'^title: "', f'title: "{start}')
    server.rebuild()
    found = []
    monkeypatch.setattr(site_module, "heapq", SimpleNamespace(
        nlargest=lambda *args, **kw: found.append(1) or heapq.nlargest(*args, **kw)))  # related() alone
    _edit(first, r'^title: "Aaa ', 'title: "Ccc ')  # same date, so now listed after the second
    changed = server.rebuild()
    assert found == [], "related briefs found again"
    assert "briefs/review-00016/index.html" in changed
    overview = {p for p in _files(server.served) if p.startswith("themes/overview/")}
    assert overview and not changed & overview, sorted(changed & overview)[:5]


def test_the_tracker_counts_again_only_when_a_recommendation_or_its_counts_change(preview, monkeypatch):
    """The tracker's summaries and status chart count every row: a save that
    leaves every row's counted facts alone (a brief's summary) counts nothing."""
    from macros.render import site as site_module

    counted = []
    for name in ("status_by_quarter", "summarise"):
        real = getattr(site_module, name)
        monkeypatch.setattr(site_module, name, lambda *args, real=real, name=name: (counted.append(name), real(*args))[1])
    server, _ = preview
    project = server.project
    _edit(_brief(project, 18), r"^summary: \"", 'summary: "Counted once. ')
    server.rebuild()
    assert counted == []
    _edit(_brief(project, 18), r"status: \S+", "status: complete")
    server.rebuild()
    assert "status_by_quarter" in counted and "summarise" in counted


def test_a_kept_result_holds_only_while_its_inputs_and_the_shared_inputs_are_equal():
    from macros.render.site import Memo

    made = []

    def make():
        made.append(len(made) + 1)
        return made[-1]

    memo = Memo(keep=True)
    memo.start(("settings",))
    assert memo.keyed("related", (1, 2), make) == 1
    memo.start(("settings",))
    assert memo.keyed("related", (1, 2), make) == 1, "equal inputs: kept"
    memo.start(("settings",))
    assert memo.keyed("related", (1, 3), make) == 2, "other inputs: made again"
    memo.start(("other settings",))
    assert memo.keyed("related", (1, 3), make) == 3, "new shared inputs: everything forgotten"
    memo.start(("other settings",))
    memo.start(("other settings",))
    assert memo.keyed("related", (1, 3), make) == 4, "unused for a whole build: dropped"
    assert Memo(keep=False).keyed("related", (1, 3), make) == 5, "a plain build keeps nothing"

    counts = {"open": [1, 2]}
    memo.start(("other settings",))
    assert memo.same("counts", counts) is counts
    memo.start(("other settings",))
    assert memo.same("counts", {"open": [1, 2]}) is counts, "equal: the last build's, compared by identity from then on"
    memo.start(("other settings",))
    assert memo.same("counts", {"open": [1, 3]}) == {"open": [1, 3]}


def test_what_a_preview_keeps_is_frozen_and_what_it_lets_go_is_freed_once_the_heap_grows_by_a_tenth():
    """Counted every few saves (KeptHeap.CHECK_EVERY): each step below freezes
    that many times, so the heap is counted once within it."""
    import gc
    import weakref

    from macros.plugin import KeptHeap

    class Node:
        pass

    def cycles(count: int) -> list[Node]:
        nodes = [Node() for _ in range(count)]
        for node in nodes:
            node.itself = node  # freed only by the garbage collector, never by reference counts
        return nodes

    heap = KeptHeap()
    try:
        heap.freeze()
        size = gc.get_freeze_count()
        kept = cycles(size // 50)  # 2% more
        let_go = weakref.ref(kept[0])
        for _ in range(KeptHeap.CHECK_EVERY):
            heap.freeze()
        del kept
        gc.collect()
        assert let_go() is not None, "frozen: out of the collector's sight"
        more = cycles(size // 8)  # 12% more: past a tenth in all
        for _ in range(KeptHeap.CHECK_EVERY):
            heap.freeze()
        assert let_go() is None, "collected once the frozen heap grew by a tenth"
        assert more[0].itself is more[0]
    finally:
        heap.release()
    assert gc.get_freeze_count() == 0


def test_a_link_out_of_the_project_and_the_same_bytes_in_a_file_get_their_own_verdicts(tmp_path):
    # The bytes are the same either way; only the file's kind decides whether it may be read.
    project = make_project(tmp_path / "project")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    brief = next(p for p in sorted((project / "briefs").glob("*.yml")) if not p.name.startswith("_"))
    page = f"briefs/{brief.stem}/index.html"
    outside = tmp_path / "outside.yml"
    outside.write_bytes(brief.read_bytes())
    server = Preview(project, tmp_path / "served")
    try:
        server.rebuild()
        assert (server.served / page).is_file()
        brief.unlink()
        brief.symlink_to(outside)
        server.rebuild()
        assert not (server.served / page).exists(), "a link out of the project is never read"
        brief.unlink()
        brief.write_bytes(outside.read_bytes())
        server.rebuild()
        assert (server.served / page).is_file(), "the same bytes in a file of its own are read"
    finally:
        server.close()


def _a_save_that_fails_then_its_repair(tmp_path: Path, failing_rebuild) -> None:
    """A new brief is saved and `failing_rebuild(server)` rebuilds with a
    failure part-way; the brief's page must have been written. Once the brief
    is gone again and the next save succeeds, the preview is what a fresh one is."""
    project = make_project(tmp_path / "project")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    server = Preview(project, tmp_path / "served")
    try:
        server.rebuild()
        brief = next(p for p in sorted((project / "briefs").glob("*.yml")) if not p.name.startswith("_"))
        (project / "briefs" / "written-then-failed.yml").write_bytes(brief.read_bytes())
        failing_rebuild(server)
        assert (server.served / "briefs" / "written-then-failed" / "index.html").is_file()
        (project / "briefs" / "written-then-failed.yml").unlink()
        server.rebuild()
        assert _differences(server.served, _fresh_preview(project, tmp_path)) == []
    finally:
        server.close()


def test_a_build_that_fails_while_writing_pages_leaves_nothing_behind_once_the_next_one_publishes(tmp_path, monkeypatch):
    from mkdocs.exceptions import Abort

    from macros.render import build as build_module

    real_finish = build_module.PageWriter.finish

    def finish_then_fail(self):
        real_finish(self)
        raise OSError(28, "No space left on device", "briefs/written-then-failed/index.html")

    def failing_rebuild(server: Preview) -> None:
        with monkeypatch.context() as patch:
            patch.setattr(build_module.PageWriter, "finish", finish_then_fail)
            with pytest.raises(Abort):
                server.rebuild()

    _a_save_that_fails_then_its_repair(tmp_path, failing_rebuild)


def test_data_files_that_fail_after_the_pages_are_reported_and_the_next_save_leaves_nothing_behind(tmp_path, monkeypatch, caplog):
    from macros.render import build as build_module

    def fail(*args):
        raise OSError(28, "No space left on device", "sitemap.xml")

    def failing_rebuild(server: Preview) -> None:
        # The pages are written, then the data files fail (a full disk, say):
        # the preview shows the pages and says so.
        with monkeypatch.context() as patch, caplog.at_level(logging.ERROR, logger="mkdocs"):
            patch.setattr(build_module.outputs, "write_sitemap", fail)
            server.rebuild()
        assert "could not be written: Writing the site failed (No space left on device: sitemap.xml)" in caplog.text

    _a_save_that_fails_then_its_repair(tmp_path, failing_rebuild)


def test_markup_added_to_a_page_that_passed_is_refused_at_the_next_save(tmp_path):
    # A preview reads a page's HTML for live markup again only when it differs
    # from the last build's: what passed once must not pass when it changes.
    from mkdocs.exceptions import Abort

    project = make_project(tmp_path / "project")
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
    page = project / "docs" / "about-reviews.md"
    text = page.read_text(encoding="utf-8")
    server = Preview(project, tmp_path / "served")
    try:
        server.rebuild()
        server.rebuild()
        page.write_text(text + '\n<img src="https://tracker.example/lbPwned.png" alt="">\n', encoding="utf-8")
        with pytest.raises(Abort):
            server.rebuild()
        page.write_text(text, encoding="utf-8")
        server.rebuild()
        assert "lbPwned" not in (server.served / "about-reviews" / "index.html").read_text(encoding="utf-8")
    finally:
        server.close()


def test_the_themes_compiled_templates_are_kept_until_a_template_changes(monkeypatch):
    from jinja2 import DictLoader, Environment

    from macros.plugin import CompiledTemplates

    compiled = []
    compile_template = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(1) or compile_template(self, *a, **k))
    kept = CompiledTemplates()
    sources = {"page.html": "Hello {{ name }}"}

    def render() -> str:  # as `mkdocs serve` does: a new environment for every build
        return Environment(loader=DictLoader(sources), bytecode_cache=kept).get_template("page.html").render(name="Sam")

    assert render() == "Hello Sam"
    assert render() == "Hello Sam"
    assert len(compiled) == 1, "compiled once, then kept"
    sources["page.html"] = "Goodbye {{ name }}"  # an edit in overrides/
    assert render() == "Goodbye Sam"
    assert len(compiled) == 2


def test_a_file_is_known_by_its_bytes_while_recent_and_by_its_inode_and_times_after(tmp_path, monkeypatch):
    import os
    import time
    from pathlib import Path as PathType

    from macros.content import loader

    brief = tmp_path / "a.yml"
    brief.write_text("title: One\n", encoding="utf-8")
    written = os.stat(brief)
    recent = loader.file_version(brief)
    assert recent[0] == "bytes"
    # Another text of the same size, with the old times put back: the same tick of the clock, as far as the file says.
    brief.write_text("title: Two\n", encoding="utf-8")
    os.utime(brief, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert loader.file_version(brief) != recent

    # Later, a file is not read at all to know whether it changed.
    later = time.time_ns() + 10 * loader.RECENT_NS
    monkeypatch.setattr(loader.time, "time_ns", lambda: later)
    monkeypatch.setattr(PathType, "read_bytes", lambda self: pytest.fail("read"))
    settled = loader.file_version(brief)
    assert settled[0] == "inode" and loader.file_version(brief) == settled
    time.sleep(0.05)  # past the file system clock's tick
    # Copied over with its old date kept (cp -p, rsync -t): the change time still moves.
    brief.write_text("title: Six\n", encoding="utf-8")
    os.utime(brief, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert loader.file_version(brief) != settled
    assert loader.file_version(tmp_path) is None, "a folder is always read again, to report it"
    link = tmp_path / "link.yml"
    link.symlink_to(brief)
    assert loader.file_version(link) is None, "so is a link"


def test_the_data_files_are_written_after_the_pages_and_the_next_build_waits_for_them(tmp_path):
    import threading

    from macros.render.site_folder import PreviewFolder

    served = tmp_path / "served"
    served.mkdir()
    preview = PreviewFolder(served, notice=lambda message: None)
    for name in ("search/t/ab.js", "search/t/zz.js"):
        (served / name).parent.mkdir(parents=True, exist_ok=True)
        (served / name).write_text("old", encoding="utf-8")
    preview.data_files = {"search/t/ab.js", "search/t/zz.js"}
    preview.publish(["index.html", *preview.data_files])
    release, started = threading.Event(), threading.Event()

    def stage() -> set[str]:
        started.set()
        assert release.wait(30)
        (served / "search/t/ab.js").write_text("new", encoding="utf-8")
        return {"search/t/ab.js"}  # zz.js is no longer needed

    preview.write_data_later(stage)
    assert started.wait(30)
    assert (served / "search/t/zz.js").is_file()  # the caller went on while the stage waited
    release.set()
    preview.settle()
    assert (served / "search/t/ab.js").read_text(encoding="utf-8") == "new"
    assert not (served / "search/t/zz.js").exists()
    assert preview.data_files == {"search/t/ab.js"}
    preview.close()


def test_a_preview_starts_with_its_data_files_in_place(tmp_path):
    # The first build's data files are written before the server starts, so search works from the start.
    from macros.render.site_folder import PreviewFolder

    served = tmp_path / "served"
    served.mkdir()
    preview = PreviewFolder(served, notice=lambda message: None)

    def stage() -> set[str]:
        time.sleep(0.5)
        (served / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
        return {"sitemap.xml"}

    preview.write_data_later(stage)
    assert (served / "sitemap.xml").is_file() and preview.data_files == {"sitemap.xml"}
    preview.close()


def test_data_files_that_fail_are_reported_and_everything_is_written_again_next_time(tmp_path):
    from macros.render.site_folder import PreviewFolder

    served = tmp_path / "served"
    served.mkdir()
    notices: list[str] = []
    preview = PreviewFolder(served, notice=notices.append)
    preview.remember(("shared",), {"index.html": ("page",)})

    def stage() -> set[str]:
        raise OSError(28, "No space left on device")

    preview.write_data_later(stage)
    preview.settle()
    assert len(notices) == 1 and "could not be written" in notices[0] and "No space left on device" in notices[0]
    assert preview.shared is None and preview.fingerprints == {}  # so the next build writes every page and file
    preview.close()


@pytest.mark.parametrize("fails", [False, True], ids=["written", "failed"])
def test_the_data_stage_hands_the_interpreter_to_the_server_often_and_then_puts_it_back(tmp_path, fails):
    # The server answers the browser's reload while the data stage runs; at
    # Python's usual 5 ms turns, the reload at 10,000 briefs waited 0.25-0.45 s.
    import sys

    from macros.render import site_folder

    served = tmp_path / "served"
    served.mkdir()
    preview = site_folder.PreviewFolder(served, notice=lambda message: None)
    preview.data_files = {"sitemap.xml"}  # not the first set, so the stage runs in the background
    usual = sys.getswitchinterval()
    seen = []

    def stage() -> set[str]:
        seen.append(sys.getswitchinterval())
        if fails:
            raise OSError(28, "No space left on device")
        return {"sitemap.xml"}

    preview.write_data_later(stage)
    preview.settle()
    assert seen == [pytest.approx(site_folder.DATA_STAGE_SWITCH_SECONDS)] and seen[0] < usual
    assert sys.getswitchinterval() == usual
    preview.close()


def test_a_data_file_being_replaced_is_never_seen_half_written(tmp_path):
    # In a preview the server may read a data file while the next version is
    # written: it is written beside it and put in place whole.
    from macros.render.outputs import DataFiles

    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "briefs.json"
    target.write_text("old " * 1000, encoding="utf-8")
    with open(target, encoding="utf-8") as reader:  # a request being answered
        DataFiles(tmp_path, last={"data/briefs.json": "old " * 1000}).write("data/briefs.json", ["new "] * 2000)
        assert reader.read() == "old " * 1000
    assert target.read_text(encoding="utf-8") == "new " * 2000
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["briefs.json"]  # nothing left beside it


def test_while_the_data_files_are_written_a_request_for_one_waits_and_a_page_does_not(tmp_path):
    # MkDocs' server opens a file, then takes its length from the path: a data
    # file replaced in between would go out cut short (found by the hostile pass),
    # and a new search catalogue could list pieces not yet written.
    import threading

    from mkdocs.livereload import LiveReloadServer

    from macros.plugin import _hold_data_requests
    from macros.render.site_folder import PreviewFolder

    served = tmp_path / "served"
    (served / "search" / "t").mkdir(parents=True)
    (served / "briefs" / "a").mkdir(parents=True)
    (served / "search" / "t" / "ab.js").write_text("old", encoding="utf-8")
    (served / "briefs" / "a" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    preview = PreviewFolder(served, notice=lambda message: None)
    preview.data_files = {"search/t/ab.js", "sitemap.xml"}
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(served))
    asked: list[str] = []
    server._serve_request = lambda environ, start_response: asked.append(environ["PATH_INFO"]) or []
    _hold_data_requests(server, preview)
    release = threading.Event()

    def stage() -> set[str]:
        assert release.wait(30)
        return {"search/t/ab.js", "search/t/qv.js", "sitemap.xml"}

    preview.write_data_later(stage)
    try:
        server._serve_request({"PATH_INFO": "/briefs/a/"}, None)
        server._serve_request({"PATH_INFO": "/assets/stylesheets/site.css"}, None)
        assert asked == ["/briefs/a/", "/assets/stylesheets/site.css"]  # at once
        waiting = [threading.Thread(target=server._serve_request, args=({"PATH_INFO": path}, None))
                   for path in ("/search/t/qv.js", "/search/t/../t/ab.js", "/sitemap.xml")]
        for thread in waiting:
            thread.start()
        time.sleep(0.3)
        assert len(asked) == 2  # a new piece, an old one and a file at the top all wait
        release.set()
        for thread in waiting:
            thread.join(30)
        assert len(asked) == 5
    finally:
        release.set()
        preview.close()
