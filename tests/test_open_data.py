"""A national library: every site publishes its briefs as open data, and a
site can show other partnerships' briefs as its own, pointing back to them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, build, make_project, serve
from macros.content.loader import load_content
from macros.render.open_data import BRIEF_CSV_COLUMNS

NORTHSHIRE = "https://learning.northshire.example.gov.uk/"
VALID = {p.name: p.read_text(encoding="utf-8") for p in (FIXTURES / "briefs" / "valid").glob("*.yml")}
NAMED_NORTHSHIRE = {"partnership: Example Community Safety Partnership": "partnership: Northshire Community Safety Partnership"}
QUICK_EXIT = "    quick_exit_url: https://www.bbc.co.uk/weather"


def with_sources(*sources: str) -> dict[str, str]:
    lines = "".join(f"\n      - {s}" for s in sources)
    return {QUICK_EXIT: f"{QUICK_EXIT}\n    sources:{lines}"}


@pytest.fixture(scope="module")
def northshire(tmp_path_factory):
    """The publishing site: the fixture briefs, under its own name and address."""
    project = make_project(tmp_path_factory.mktemp("northshire"), briefs=VALID, settings=NAMED_NORTHSHIRE)
    result = build(project, env={"SITE_URL": NORTHSHIRE})
    assert result.returncode == 0, result.output
    return project


def test_every_brief_is_published_as_data_that_reads_back_through_the_model(northshire, tmp_path):
    data = json.loads((northshire / "site/data/briefs.json").read_text(encoding="utf-8"))
    assert data["schema"] == "learning-briefs/briefs" and data["schema_version"] == 1
    assert data["site"] == {"name": "Learning from reviews", "url": NORTHSHIRE, "partnership": "Northshire Community Safety Partnership"}
    schema = json.loads((northshire / "site/data/briefs.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert {t["id"] for t in data["themes"]} >= {"carers", "think-family"}
    full = next(b for b in data["briefs"] if b["slug"] == "full")
    assert full["url"] == NORTHSHIRE + "briefs/full/" and full["handout_url"] == NORTHSHIRE + "briefs/full/#handout"
    assert full["review_published"] == "2024-11" and full["recommendations"][0]["status"] == "in-progress"
    # Everything the author wrote comes back: the data, read as YAML, is the same brief.
    own = {b.slug: b for b in load_content(northshire).content.briefs}
    import yaml
    for record in data["briefs"]:
        text = yaml.safe_dump({k: v for k, v in record.items() if k not in ("slug", "url", "handout_url")}, allow_unicode=True)
        (tmp_path / "briefs").mkdir(exist_ok=True)
        (tmp_path / "quizzes").mkdir(exist_ok=True)
        shutil.copy(northshire / "briefs/_themes.yml", tmp_path / "briefs/_themes.yml")
        shutil.copytree(northshire / "quizzes", tmp_path / "quizzes", dirs_exist_ok=True)
        (tmp_path / "briefs" / f"{record['slug']}.yml").write_text(text, encoding="utf-8")
    again = {b.slug: b for b in load_content(tmp_path).content.briefs}
    for slug, brief in own.items():
        assert again[slug].title == brief.title and again[slug].recommendations == brief.recommendations
        assert again[slug].learning == brief.learning and again[slug].source == brief.source


def test_the_briefs_csv_has_the_documented_columns(northshire):
    rows = list(csv.DictReader(io.StringIO((northshire / "site/data/briefs.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == [c.name for c in BRIEF_CSV_COLUMNS]
    assert {r["slug"] for r in rows} == {b.slug for b in load_content(northshire).content.briefs}
    hostile = next(r for r in rows if r["slug"] == "hostile")
    assert not any(value.startswith(("=", "+", "@")) for value in hostile.values()), "formulas neutralised"


@pytest.fixture(scope="module")
def library(northshire, tmp_path_factory):
    """A second site that shows Northshire's briefs beside its own, read over HTTP."""
    with serve(northshire / "site") as url:
        project = make_project(tmp_path_factory.mktemp("library"), settings=with_sources(url + "data/briefs.json"))
        result = build(project)
        assert result.returncode == 0, result.output
    return project


def test_harvested_briefs_join_every_listing_and_point_back(library):
    site = library / "site"
    page = BeautifulSoup((site / "briefs/full/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('link[rel=canonical]')["href"] == NORTHSHIRE + "briefs/full/"
    assert "Shared from Northshire Community Safety Partnership's open data" in page.get_text(" ")
    # Its handout, on paper, names the partnership that published it and the original's address.
    source = page.select_one("#handout .lb-handout__source").get_text().replace("\u200b", "")
    assert "Shared from Northshire Community Safety Partnership's open data" in source
    assert source.endswith("Full brief, at the original: " + NORTHSHIRE + "briefs/full/")
    assert page.select_one("a.md-content__button") is None
    listing = (site / "briefs/index.html").read_text(encoding="utf-8")
    assert "Every field in use" in listing and "Think Family: a familial homicide in a care home" in listing
    assert "Every field in use" in (site / "recommendations/recommendations.csv").read_text(encoding="utf-8")
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(atom + "entry") if e.findtext(atom + "title") == "Every field in use")
    assert entry.findtext(atom + "id") == NORTHSHIRE + "briefs/full/"  # known by its original address
    assert any("Every field in use" in chunk.read_text(encoding="utf-8") for chunk in (site / "search/s").glob("*.js"))
    assert NORTHSHIRE not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Its own open data stays its own.
    assert "Every field in use" not in (site / "data/briefs.json").read_text(encoding="utf-8")


def test_two_partnerships_may_use_one_slug(library):
    site = library / "site"
    ours = BeautifulSoup((site / "briefs/familial-homicide-in-a-care-home/index.html").read_text(encoding="utf-8"), "html.parser")
    theirs = site / "briefs/familial-homicide-in-a-care-home-northshire-community-safety-partnership/index.html"
    assert ours.select_one(".lb-origin") is None
    other = BeautifulSoup(theirs.read_text(encoding="utf-8"), "html.parser")
    assert other.select_one('link[rel=canonical]')["href"] == NORTHSHIRE + "briefs/familial-homicide-in-a-care-home/"


def test_an_unreachable_source_stops_the_build_and_keeps_the_last_site(library):
    before = (library / "site/briefs/index.html").read_bytes()
    config = (library / "mkdocs.yml").read_text(encoding="utf-8")
    # The same address as before, now that its server has gone.
    result = build(library)
    assert result.returncode == 1
    assert "extra.site.sources[1]: (http://127.0.0.1:" in result.output and "could not be read" in result.output
    assert "Traceback" not in result.output
    assert (library / "site/briefs/index.html").read_bytes() == before
    assert (library / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_bad_data_in_a_source_is_named_with_the_brief_and_field(northshire, tmp_path):
    data = json.loads((northshire / "site/data/briefs.json").read_text(encoding="utf-8"))
    full = next(b for b in data["briefs"] if b["slug"] == "full")
    full["review_type"] = "DHRR"
    full["resources"][0]["url"] = "javascript:alert(1)"
    data["themes"][0]["title"] = "Something else entirely"
    project = make_project(tmp_path / "p", settings=with_sources("sources/northshire.json"))
    (project / "sources").mkdir()
    (project / "sources/northshire.json").write_text(json.dumps(data), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1, result.output
    out = result.output
    assert f'extra.site.sources[1]: (sources/northshire.json) has a theme "{data["themes"][0]["id"]}"' in out
    data["themes"][0]["title"] = next(t for t in json.loads((northshire / "site/data/briefs.json").read_text())["themes"])["title"]
    (project / "sources/northshire.json").write_text(json.dumps(data), encoding="utf-8")
    out = build(project).output
    assert "(sources/northshire.json) briefs[" in out and "(full).review_type:" in out and 'Did you mean "DHR"?' in out
    assert "(full).resources[1].url:" in out and '"javascript:"' in out


@pytest.mark.parametrize("source, words", [
    ("/etc/passwd.json", "is neither a web address nor a path"),
    ("../other/briefs.json", "is neither a web address nor a path"),
    ("ftp://example.org/briefs.json", "ftp"),
])
def test_a_source_setting_is_checked(tmp_path, source, words):
    project = make_project(tmp_path / "p", settings=with_sources(source))
    result = build(project)
    assert result.returncode == 1
    assert "extra.site.sources[1]" in result.output and words in result.output, result.output[-1500:]
    # Only the real problem: the briefs that name the site's helplines are not also reported.
    assert "phone number" not in result.output, result.output[-1500:]


def test_related_briefs_are_found_without_comparing_every_pair():
    """Each brief looks only at the newest briefs on each of its themes, so
    the work grows in line with the library; a brief that shares every theme
    but is older than all of them is not looked at."""
    import datetime as dt

    from macros.content.loader import Content
    from macros.content.model import Brief, Learning, Theme
    from macros.render.build import PREVIEW_SETTINGS
    from macros.render.site import RELATED_CANDIDATES, Site

    def brief(slug: str, day: int, themes: tuple[str, ...]) -> Brief:
        return Brief(title=slug, review_type="DHR", partnership="P", published=dt.date(2020, 1, 1) + dt.timedelta(days=day),
                     summary="s", background="b", themes=themes,
                     learning=tuple(Learning(theme=t, points=("p",)) for t in themes), slug=slug)

    newest = brief("newest", 5000, ("a", "b"))
    crowd_a = [brief(f"a{n}", 4000 - n, ("a",)) for n in range(RELATED_CANDIDATES + 50)]
    crowd_b = [brief(f"b{n}", 4000 - n, ("b",)) for n in range(RELATED_CANDIDATES + 50)]
    twin = brief("old-twin", 0, ("a", "b"))  # shares both themes, but is older than both crowds
    recent_twin = brief("recent-twin", 4500, ("a", "b"))
    briefs = sorted([newest, twin, recent_twin, *crowd_a, *crowd_b], key=lambda b: -b.published.toordinal())
    themes = {t: Theme(id=t, title=t, description=t) for t in ("a", "b")}
    site = Site(content=Content(themes=themes, briefs=briefs), settings=PREVIEW_SETTINGS)
    found = [(b.slug, shared) for b, shared in site.related(newest)]
    # Within the newest on its themes: the most shared themes first, then the newest.
    assert found[0] == ("recent-twin", 2)
    # Beyond them: not looked at, however much it shares (comparing every pair would find it).
    assert "old-twin" not in [slug for slug, _ in found]
    assert [slug for slug, _ in found[1:]] == ["a0", "b0"]


# -- a hostile source -------------------------------------------------------------------


def harvested(tmp_path, *documents, sources=None, site_url=""):
    """harvest() over documents saved as sources/<n>.json: (briefs, problems as text)."""
    from macros.content.loader import load_content
    from macros.content.personal_data import PersonalDataCheck
    from macros.content.sources import harvest

    (tmp_path / "sources").mkdir(exist_ok=True)
    for number, document in enumerate(documents, start=1):
        data = document if isinstance(document, bytes) else json.dumps(document).encode("utf-8")
        (tmp_path / f"sources/{number}.json").write_bytes(data)
    themes = load_content(FIXTURES.parent.parent).content.themes
    result = harvest(tmp_path, sources or [f"sources/{n}.json" for n in range(1, len(documents) + 1)], themes, set(),
                     checks=[PersonalDataCheck(tmp_path, ["0808 2000 247"])], today=dt.date(2026, 11, 20),
                     site_url=site_url)
    return result.briefs, "\n".join(f"{p.field}: {p.message}" for p in result.problems)


@pytest.fixture
def published(northshire):
    return json.loads((northshire / "site/data/briefs.json").read_text(encoding="utf-8"))


def first_brief(data):
    return data["briefs"][0]


@pytest.mark.parametrize("spoil, words", [
    (lambda d: first_brief(d).update(title="A title with \u007f in it"), "has a character that is not allowed"),
    (lambda d: first_brief(d).update(summary="C1 \u009b control"), "has a character that is not allowed"),
    (lambda d: d.update(site=["not", "a", "site"]), "extra.site.sources[1]"),
    (lambda d: d.pop("site"), "has no site (the publishing site's name, url and partnership)."),
    (lambda d: d.update(themes=5), "has no list of themes"),
    (lambda d: d.update(briefs=7), "has no list of briefs"),
    (lambda d: d.update(schema_version=True), "has schema_version True"),
    (lambda d: d.update(schema_version=1.0), "has schema_version 1.0"),
    (lambda d: d["themes"].append({"id": "matrix", "title": "Matrix", "description": "Takes over the matrix pages."}),
     'reserved id "matrix"'),
    (lambda d: d["site"].update(partnership="Sarah Jones aged 34"), "site.partnership"),
    (lambda d: d["site"].update(name="Line one\u0000\u001b[31m"), "site.name"),
    (lambda d: first_brief(d).update(url="https://x.example/ javascript:alert(1)"), "contains spaces"),
    # Composing recursed: 500 levels stopped the build with a RecursionError.
    (lambda d: first_brief(d).update(background=nested(500)), "is nested too deeply (more than 40"),
    (lambda d: d["site"].update(name=nested(500)), "site is nested too deeply"),
    # A brief's address is printed on its page and in the feed.
    (lambda d: first_brief(d).update(url="https://x.example/briefs/jane-smith-aged-34/"), "url: contains what looks like"),
    (lambda d: first_brief(d).update(url="https://x.example/briefs/call-07700900123/"), "url: contains what looks like"),
])
def test_every_fault_in_a_source_is_reported_never_dropped(tmp_path, published, spoil, words):
    spoil(published)
    briefs, problems = harvested(tmp_path, published)
    assert words in problems, problems
    assert problems.startswith("extra.site.sources[1]")


@pytest.mark.parametrize("data, words", [
    (b"\xff\xfe not UTF-8 at all", "is not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_a_source_that_is_not_json_is_reported(tmp_path, data, words):
    briefs, problems = harvested(tmp_path, data)
    assert words in problems and briefs == []


def nested(depth):
    value = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_a_site_listing_its_own_data_is_told_so(tmp_path, published):
    """Every brief would appear twice, and the tracker count each recommendation twice."""
    own = published["site"]["url"]
    briefs, problems = harvested(tmp_path, published, site_url=own.upper().rstrip("/"))
    assert "is this site's own data" in problems and briefs == []
    briefs, problems = harvested(tmp_path, published, site_url="https://another.example.org/")
    assert problems == "" and briefs


def test_a_source_listed_twice_is_reported_once(tmp_path, published):
    briefs, problems = harvested(tmp_path, published, sources=["sources/1.json", "sources/./1.json"])
    assert "extra.site.sources[2]: (sources/./1.json) is the same data as sources[1]." in problems
    assert len(briefs) == len(published["briefs"])


def test_a_harvested_brief_never_takes_a_listing_name_or_another_sites_quiz(tmp_path, published):
    first_brief(published)["slug"] = "index"
    first_brief(published)["quiz"] = "think-family"
    briefs, problems = harvested(tmp_path, published)
    assert problems == ""
    assert briefs[0].slug == "index-northshire-community-safety-partnership" and briefs[0].quiz is None


class Misbehaving:
    """A local web server that answers each request as `reply` says."""

    def __init__(self, reply):
        import socket
        import threading

        self.reply = reply
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/briefs.json"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                try:
                    self.reply(connection)
                except OSError:
                    pass

    def close(self):
        self.listener.close()


@pytest.mark.parametrize("reply, words", [
    (lambda c: c.sendall(b"GARBAGE\r\n\r\n"), "could not be read"),
    (lambda c: c.sendall(b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1:1/x.json\r\nContent-Length: 0\r\n\r\n"),
     "which is not a web address"),
    (lambda c: c.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), "could not be read"),
    # The connection closes early: said as such, not as a fault in the JSON.
    (lambda c: c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"schema\": \"learning-"),
     "could not be read: the download was cut short (21 of 5,000 bytes)."),
])
def test_a_misbehaving_server_is_a_problem_not_a_crash(tmp_path, reply, words):
    server = Misbehaving(reply)
    try:
        briefs, problems = harvested(tmp_path, sources=[server.url])
    finally:
        server.close()
    assert words in problems and "\n" not in problems, problems


def test_a_server_that_drips_its_answer_does_not_hold_the_build(tmp_path, monkeypatch):
    import time

    from macros.content import sources

    monkeypatch.setattr(sources, "DOWNLOAD_SECONDS", 1)

    def drip(connection):
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(40):
            connection.sendall(b"{")
            time.sleep(0.1)

    server = Misbehaving(drip)
    try:
        briefs, problems = harvested(tmp_path, sources=[server.url])
    finally:
        server.close()
    assert "took more than 1 seconds to download" in problems, problems


def test_a_theme_only_another_site_has_is_shown_but_not_republished(tmp_path, published):
    published["themes"].append({"id": "northshire-only", "title": "Northshire only",
                                "description": "A theme that only the other site's vocabulary has."})
    first_brief(published)["themes"].append("northshire-only")
    project = make_project(tmp_path / "p", settings=with_sources("sources/northshire.json"))
    (project / "sources").mkdir()
    (project / "sources/northshire.json").write_text(json.dumps(published), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert (project / "site/themes/northshire-only/index.html").exists()
    own = json.loads((project / "site/data/briefs.json").read_text(encoding="utf-8"))
    assert "northshire-only" not in {t["id"] for t in own["themes"]}
    schema = (project / "site/data/briefs.schema.json").read_text(encoding="utf-8")
    assert "northshire-only" not in schema
    jsonschema.validate(own, json.loads(schema))


def test_a_preview_reuses_a_download_and_a_build_never_does(tmp_path, published):
    from macros.content import sources

    served = []

    def answer(connection):
        body = json.dumps(published).encode("utf-8")
        served.append(1)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)

    server = Misbehaving(answer)
    try:
        for reuse in (True, True, False):
            result = sources.harvest(tmp_path, [server.url], {}, set(), reuse_downloads=reuse)
            assert len(result.briefs) == len(published["briefs"]), result.problems
    finally:
        server.close()
        sources._DOWNLOADED.pop(server.url, None)
    assert len(served) == 2  # once for the two previews, once for the build
