"""Benchmark: build speed, page weight and search cost at national scale.

Generates a realistic synthetic corpus in the project's content model (about
1,200 words a brief, 3 to 6 themes, 8 learning points, 3 recommendations,
5 resources, one quiz per 10 briefs), builds it with this project, and builds
the same content as the baseline: one Markdown page per brief under stock
mkdocs-material with every brief in the navigation. Then it prints, per size:

- build wall time (median of --runs builds) and its ratio to the baseline;
- peak memory of the build process;
- output size, and the HTML size of one brief page;
- compressed bytes a first visit to a brief page transfers (HTML, CSS, JS and
  anything else the page fetches on load, measured in Chromium);
- compressed bytes the first search downloads, and how long results take to
  appear after the last keystroke (Chromium).

    .venv/bin/python scripts/bench.py                      # 100, 1000 and 2000 briefs
    .venv/bin/python scripts/bench.py --sizes 500 --runs 5
    .venv/bin/python scripts/bench.py --sizes 10 --runs 1 --no-browser   # a quick smoke run

Run `bash scripts/test.sh` once first: it installs what this needs. This is a
benchmark, not a test; README.md records the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.loader import load_themes  # noqa: E402
from macros.content.model import REVIEW_TYPES  # noqa: E402

# The test suite's own project copies, local server and Chromium settings.
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, make_project, serve  # noqa: E402

SEARCH_QUERY = "coercive control"

# Words for synthetic prose: the vocabulary of real briefs, without names,
# numbers or places, so the anonymisation check has nothing to find.
_WORDS = """
agency agencies abuse assessment adult adults safeguarding review practitioners practice
professional curiosity coercive controlling behaviour family household carer carers support
referral pathway risk information sharing multi agency working mental health substance use
housing police probation children services health visitor school nurse general practice
domestic violence victim perpetrator disclosure record recording policy training confidence
learning identify respond escalate concern contact history pattern isolation economic
financial emotional physical sexual harassment stalking threat fear injury hospital
emergency department appointment missed engagement outreach advocate independent specialist
conference plan action follow review timeline chronology panel chair terms reference
statement partnership board strategy guidance procedure threshold consent capacity
vulnerability dependency alcohol drugs trauma bereavement separation pregnancy disability
older younger relative grandparent parent sibling partner former neighbour friend colleague
community faith culture language interpreter barrier access trust relationship response
""".split()
_PARTNERSHIPS = [
    "Northshire Community Safety Partnership", "Eastborough Safer Communities Partnership",
    "Westvale Community Safety Partnership", "Southmere Safer Partnership",
    "Riverside Borough Community Safety Partnership", "Highfield and Dale Safer Communities",
    "Coastal Districts Community Safety Partnership", "Midland Vale Safer Partnership",
]
_LEADS = ["Adult Social Care", "Police", "Integrated Care Board", "Housing", "Probation Service",
          "Children's Social Care", "Community Safety Partnership", "Mental Health Trust"]


# -- the synthetic corpus ---------------------------------------------------------------


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _prose(rng: random.Random, words: int) -> str:
    out, total = [], 0
    while total < words:
        n = rng.randint(8, 18)
        out.append(_sentence(rng, n))
        total += n
    return " ".join(out)


def _q(text: str) -> str:
    return json.dumps(text)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line for line in text.splitlines()) + "\n"


@dataclass
class Corpus:
    briefs: dict[str, dict] = field(default_factory=dict)  # slug -> fields (for the baseline)
    quizzes: list[str] = field(default_factory=list)


def generate_corpus(project: Path, count: int, theme_ids: list[str], seed: int = 2026) -> Corpus:
    """Write `count` briefs and count/10 quizzes into project/briefs and project/quizzes."""
    rng = random.Random(seed)
    corpus = Corpus()
    quiz_count = max(1, count // 10)
    for number in range(quiz_count):
        quiz_id = f"self-check-{number + 1:04d}"
        corpus.quizzes.append(quiz_id)
        questions = []
        for q in range(6):
            questions.append(
                f"  - prompt: {_q(_sentence(rng, 14)[:-1] + '?')}\n"
                f"    type: single\n"
                f"    options:\n"
                f"      - text: {_q(_sentence(rng, 5))}\n        correct: true\n"
                f"      - text: {_q(_sentence(rng, 6))}\n        correct: false\n"
                f"      - text: {_q(_sentence(rng, 7))}\n        correct: false\n"
                f"    explanation: {_q(_sentence(rng, 20))}\n"
            )
        (project / "quizzes" / f"{quiz_id}.yml").write_text(
            f"title: {_q('Self-check ' + str(number + 1) + ': ' + _sentence(rng, 4)[:-1])}\n"
            f"intro: {_q(_prose(rng, 40))}\n"
            f"themes: [{rng.choice(theme_ids)}]\n"
            "questions:\n" + "".join(questions),
            encoding="utf-8",
        )
    for number in range(count):
        slug = f"review-{number + 1:05d}"
        themes = rng.sample(theme_ids, rng.randint(3, 6))
        year = 2012 + number % 14
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        brief = {
            "title": f"Learning from review {number + 1}: " + _sentence(rng, 5)[:-1].lower(),
            "review_type": rng.choice(list(REVIEW_TYPES)),
            "partnership": rng.choice(_PARTNERSHIPS),
            "published": published,
            "summary": _prose(rng, 60),
            "background": _prose(rng, 170) + "\n\n" + _prose(rng, 170),
            "engagement": _prose(rng, 40),
            "why_it_matters": _prose(rng, 60),
            "themes": themes,
            "learning": [],
            "recommendations": [],
            "reflective_questions": [_sentence(rng, 12)[:-1] + "?" for _ in range(3)],
            "resources": [],
            "quiz": rng.choice(corpus.quizzes),
        }
        for index in range(8):
            brief["learning"].append((themes[index % len(themes)], _prose(rng, 40)))
        for index in range(3):
            due = f"{min(year + 1, 2027)}-{rng.randint(1, 12):02d}-28"
            brief["recommendations"].append(
                (_prose(rng, 30), rng.choice(_LEADS), rng.choice(["not-started", "in-progress", "complete"]), due)
            )
        for index in range(5):
            brief["resources"].append((_sentence(rng, 4)[:-1], f"https://www.example.org/resource/{number}/{index}", _sentence(rng, 10)))
        corpus.briefs[slug] = brief
        (project / "briefs" / f"{slug}.yml").write_text(_brief_yaml(brief), encoding="utf-8")
    return corpus


def _brief_yaml(b: dict) -> str:
    grouped: dict[str, list[str]] = {}
    for theme, point in b["learning"]:
        grouped.setdefault(theme, []).append(point)
    out = [
        f"title: {_q(b['title'])}",
        f"review_type: {b['review_type']}",
        f"partnership: {_q(b['partnership'])}",
        f"published: {b['published']}",
        f"summary: {_q(b['summary'])}",
        "background: " + _block(b["background"], 2).rstrip("\n"),
        f"engagement: {_q(b['engagement'])}",
        f"why_it_matters: {_q(b['why_it_matters'])}",
        "themes: [" + ", ".join(b["themes"]) + "]",
        "learning:",
    ]
    for theme, points in grouped.items():
        out.append(f"  - theme: {theme}\n    points:")
        out += [f"      - {_q(p)}" for p in points]
    out.append("recommendations:")
    for text, lead, status, due in b["recommendations"]:
        out.append(f"  - text: {_q(text)}\n    lead: {_q(lead)}\n    status: {status}\n    due: {due}")
    out.append("reflective_questions:")
    out += [f"  - {_q(q)}" for q in b["reflective_questions"]]
    out.append("resources:")
    for title, url, description in b["resources"]:
        out.append(f"  - title: {_q(title)}\n    url: {url}\n    description: {_q(description)}")
    out.append(f"quiz: {b['quiz']}")
    return "\n".join(out) + "\n"


def make_baseline(destination: Path, corpus: Corpus, theme_titles: dict[str, str]) -> Path:
    """The same briefs as plain Markdown pages under stock mkdocs-material, all in the nav."""
    docs = destination / "docs"
    (docs / "briefs").mkdir(parents=True)
    (docs / "index.md").write_text("# Learning from reviews\n\nBriefs from reviews.\n", encoding="utf-8")
    nav = ["  - Home: index.md", "  - Briefs:"]
    for slug, b in corpus.briefs.items():
        lines = [f"# {b['title']}", "", f"**{REVIEW_TYPES[b['review_type']]}** · {b['partnership']} · {b['published']}", "",
                 b["summary"], "", "## Background", "", b["background"], "", "## Who took part", "", b["engagement"], "",
                 "## Why it matters", "", b["why_it_matters"], "", "## Themes", ""]
        lines += [f"- {theme_titles[t]}" for t in b["themes"]]
        lines += ["", "## Learning", ""]
        for theme, point in b["learning"]:
            lines += [f"### {theme_titles[theme]}", "", f"- {point}", ""]
        lines += ["## Recommendations", ""]
        for text, lead, status, due in b["recommendations"]:
            lines += [f"1. {text} Lead: {lead}. Status: {status}. Due: {due}."]
        lines += ["", "## Questions for reflection", ""] + [f"- {q}" for q in b["reflective_questions"]]
        lines += ["", "## Resources", ""] + [f"- [{t}]({u}): {d}" for t, u, d in b["resources"]]
        (docs / "briefs" / f"{slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        nav.append(f"    - {json.dumps(b['title'])}: briefs/{slug}.md")
    (destination / "mkdocs.yml").write_text(
        "site_name: Learning from reviews\nsite_url: https://learning.example.org/\n"
        "theme:\n  name: material\nplugins:\n  - search\nnav:\n" + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return destination


# -- measuring ----------------------------------------------------------------------------


@dataclass
class Build:
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed_build(project: Path, site: Path, runs: int, env: dict[str, str] | None = None) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    seconds, peak = [], 0
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"Build failed in {project}:\n{output.decode(errors='replace')[-4000:]}")
        peak = max(peak, usage.ru_maxrss)  # kilobytes on Linux
    return Build(seconds, peak / 1024)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gzip_bytes(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _local_file(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    relative = unquote(urlsplit(url).path[len(urlsplit(base).path):])
    path = site / relative
    if path.is_dir() or relative.endswith("/") or relative == "":
        path = path / "index.html"
    return path if path.is_file() else None


@dataclass
class BrowserFigures:
    first_visit_gz: int
    first_visit_files: int
    first_search_gz: int
    search_ms: float


def browser_figures(site: Path, brief_path: str, search_path: str | None, query_box: str) -> BrowserFigures:
    """Load a brief page in Chromium, then search; count compressed bytes of what each fetched."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        fetched: list[str] = []
        context.on("request", lambda request: fetched.append(request.url))
        page = context.new_page()
        page.goto(base + brief_path, wait_until="networkidle")
        page.wait_for_timeout(500)  # let anything fetched after load (a search worker) arrive
        visit = {u for u in fetched if _local_file(site, base, u)}
        visit_gz = sum(gzip_bytes(_local_file(site, base, u)) for u in visit)

        if search_path:  # this project: the search page loads nothing until someone types
            page.goto(base + search_path, wait_until="networkidle")
        fetched.clear()
        page.evaluate(
            """(selector) => {
                window.__lbTyped = 0; window.__lbShown = 0;
                // Timed from the last keystroke to the first change of the results after it.
                document.querySelector(selector).addEventListener('input', () => {
                    window.__lbTyped = performance.now(); window.__lbShown = 0;
                });
                new MutationObserver(() => {
                    if (window.__lbTyped && !window.__lbShown && document.querySelector('.lb-search__results li, .md-search-result__item'))
                        window.__lbShown = performance.now();
                }).observe(document.body, {childList: true, subtree: true});
            }""",
            query_box,
        )
        page.click(query_box)
        page.keyboard.type(SEARCH_QUERY)
        deadline = time.monotonic() + 30
        # Polled from here: the site's Content-Security-Policy forbids the eval that wait_for_function uses.
        while not page.evaluate("() => window.__lbShown > 0"):
            if time.monotonic() > deadline:
                raise SystemExit(f"No search results appeared for {SEARCH_QUERY!r} on {base + (search_path or brief_path)}")
            time.sleep(0.01)
        page.wait_for_load_state("networkidle")
        search_ms = page.evaluate("window.__lbShown - window.__lbTyped")
        searched = {u for u in fetched if _local_file(site, base, u)} - visit
        if not search_path:  # stock Material fetched its whole index on page load
            searched = {u for u in visit if "search_index" in u}
        search_gz = sum(gzip_bytes(_local_file(site, base, u)) for u in searched)
        browser.close()
    return BrowserFigures(visit_gz, len(visit), search_gz, search_ms)


@dataclass
class Reload:
    """One save under `mkdocs serve`, in seconds from the save: MkDocs' log
    says when it noticed the change and when the rebuild ended; the browser,
    when the page showed it."""

    noticed: float | None
    built: float | None
    shown: float

    def describe(self) -> str:
        if self.noticed is None or self.built is None:
            return f"{self.shown:.1f} s"
        return f"{self.shown:.1f} s (noticed at {self.noticed:.2f} s, rebuilt at {self.built:.2f} s)"


# What MkDocs logs when it sees a change, and when a rebuild is done.
NOTICED, BUILT = "Detected file changes", "Reloading browsers"


def serve_reloads(project: Path, brief_slug: str, saves: int = 1) -> list[Reload]:
    """Each of `saves` saves of a brief, a second apart once each has shown,
    under `mkdocs serve` (a rebuild that grows slower save after save shows here)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    logged: list[tuple[float, str]] = []  # (time.perf_counter(), line), as MkDocs writes them

    def read_log() -> None:
        for line in process.stderr:
            logged.append((time.perf_counter(), line))

    threading.Thread(target=read_log, daemon=True).start()

    def first_logged(text: str, since: float) -> float | None:
        return next((at - since for at, line in list(logged) if at >= since and text in line), None)

    url = f"http://127.0.0.1:{port}/briefs/{brief_slug}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            # The first build under serve runs in one process: minutes at 10,000 briefs.
            deadline = time.monotonic() + 1200
            while True:
                try:
                    page.goto(url, wait_until="load")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise SystemExit("mkdocs serve did not start")
                    time.sleep(0.5)
            source = project / "briefs" / f"{brief_slug}.yml"
            text = source.read_text(encoding="utf-8")
            reloads = []
            for number in range(1, saves + 1):
                marker = f"Revised {number}: "
                start = time.perf_counter()
                source.write_text(text.replace("title: \"", f"title: \"{marker}", 1), encoding="utf-8")
                # Watched for in the page itself, through reloads: asking the
                # browser for the heading every 20 ms, as this did, kept it and
                # its driver busy on the CPUs the rebuild needs.
                page.locator(".lb-brief h1", has_text=marker).wait_for(timeout=300_000)
                shown = time.perf_counter() - start
                reloads.append(Reload(first_logged(NOTICED, start), first_logged(BUILT, start), shown))
                time.sleep(1)  # let MkDocs settle before the next save
            source.write_text(text, encoding="utf-8")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return reloads


def aggregate(work: Path, sites: int, count: int, theme_ids: list[str]) -> str:
    """`sites` partnership sites of `count` briefs, each publishing data/briefs.json,
    and a library site that lists them all under extra.site.sources."""
    library = make_project(work / "library", seed_briefs=False, seed_quizzes=False)
    (library / "sources").mkdir(exist_ok=True)
    sources = []
    for number in range(1, sites + 1):
        site = make_project(work / f"partner-{number}", seed_briefs=False, seed_quizzes=False)
        generate_corpus(site, count, theme_ids, seed=2026 + number)
        # Each partnership publishes at its own address (the library refuses one site listed twice).
        built = timed_build(site, site / "site", 1, env={"SITE_URL": f"https://learning.partner-{number}.example.gov.uk/"})
        name = f"partner-{number}.json"
        shutil.copy(site / "site" / "data" / "briefs.json", library / "sources" / name)
        sources.append(f"sources/{name}")
        print(f"partner site {number}: {count:,} briefs built in {built.median:.1f} s", flush=True)
    config = (library / "mkdocs.yml").read_text(encoding="utf-8")
    line = "    quick_exit_url: https://www.bbc.co.uk/weather"
    config = config.replace(line, line + "\n    sources:" + "".join(f"\n      - {s}" for s in sources), 1)
    (library / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = timed_build(library, library / "site", 1)
    return (f"Aggregation: a library merging {sites} partnership sites of {count:,} briefs each "
            f"({sites * count:,} briefs) built in {built.median:.1f} s, peak memory {built.peak_mb:,.0f} MB, "
            f"output {kb(folder_bytes(library / 'site'))}.")


def hostile_validation(work: Path) -> str:
    """How long validation takes on a brief built to be slow: deeply nested
    brackets and emphasis, which some Markdown parsers take quadratic time on."""
    from macros.content.loader import load_content

    project = make_project(work / "hostile", seed_briefs=False, seed_quizzes=False)
    bomb = "[" * 20000 + "x" + "](" * 20000 + " *_" * 20000
    (project / "briefs" / "bomb.yml").write_text(
        "title: Bomb\nreview_type: DHR\npartnership: P\npublished: 2025-01-01\nsummary: S\n"
        f"background: {json.dumps(bomb)}\nthemes: [carers]\nlearning:\n  - theme: carers\n    points: [x]\n",
        encoding="utf-8")
    start = time.perf_counter()
    result = load_content(project)
    elapsed = time.perf_counter() - start
    return (f"Validation of a {len(bomb) // 1024} KB brief of nested brackets and emphasis: {elapsed:.2f} s, "
            f"refused with {len(result.problems)} problem(s).")


@dataclass
class Result:
    label: str
    briefs: int
    build: Build
    output_bytes: int
    brief_html: int
    browser: BrowserFigures | None


def measure(label: str, project: Path, count: int, runs: int, brief_path: str, search_path: str | None,
            query_box: str, browser: bool) -> Result:
    site = project / "site"
    built = timed_build(project, site, runs)
    brief_file = site / brief_path / "index.html"
    figures = browser_figures(site, brief_path, search_path, query_box) if browser else None
    return Result(label, count, built, folder_bytes(site), brief_file.stat().st_size, figures)


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def report(ours: Result, base: Result | None) -> list[str]:
    def row(r: Result, ratio: str) -> str:
        b = r.browser
        return (
            f"| {r.briefs:,} | {r.label} | {r.build.median:.1f} s | {ratio} | {r.build.peak_mb:,.0f} MB | "
            f"{kb(r.output_bytes)} | {kb(r.brief_html)} | "
            + (f"{kb(b.first_visit_gz)} | {kb(b.first_search_gz)} | {b.search_ms:.0f} ms |" if b else "– | – | – |")
        )
    lines = [row(ours, f"{ours.build.median / base.build.median:.2f}×" if base else "–")]
    if base:
        lines.append(row(base, "1.00×"))
    return lines


HEADER = [
    "| briefs | build | time (median) | vs baseline | peak memory | output | brief page HTML | first visit (gzip) | first search (gzip) | search results after typing |",
    "|---|---|---|---|---|---|---|---|---|---|",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2000])
    parser.add_argument("--runs", type=int, default=3, help="builds per size for the median (default 3)")
    parser.add_argument("--baseline-runs", type=int, help="builds per size for the baseline (default: --runs)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock Material build")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    parser.add_argument("--baseline-max", type=int, default=2000,
                        help="build the stock baseline only up to this many briefs (it grows quadratically; default 2000)")
    parser.add_argument("--serve-sizes", type=int, nargs="*",
                        help="sizes to time `mkdocs serve` refreshes at, three saves each (default: the smallest size)")
    parser.add_argument("--aggregate", type=int, nargs=2, metavar=("SITES", "BRIEFS"),
                        help="also build SITES partnership sites of BRIEFS briefs each, and a library that merges them")
    args = parser.parse_args(argv)
    browser = not args.no_browser
    if browser and not Path(CHROMIUM).exists():
        print("Chromium is missing (bash scripts/test.sh installs it); use --no-browser.", file=sys.stderr)
        return 2

    problems: list = []
    themes = load_themes(ROOT, problems)
    theme_ids = list(themes)
    titles = {t: themes[t].title for t in theme_ids}
    work = args.keep or Path(tempfile.mkdtemp(prefix="lb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}. Working in {work}", flush=True)
    lines = list(HEADER)
    notes: list[str] = []
    previous: Result | None = None
    try:
        for count in args.sizes:
            project = make_project(work / f"project-{count}", seed_briefs=False, seed_quizzes=False)
            corpus = generate_corpus(project, count, theme_ids)
            first = next(iter(corpus.briefs))
            print(f"{count} briefs: building this project ×{args.runs} …", flush=True)
            ours = measure("this project", project, count, args.runs, f"briefs/{first}/", "search/",
                           "[data-lb-search] input[name=q]", browser)
            files = sum(1 for p in (project / "site").rglob("*") if p.is_file())
            notes.append(f"{count:,} briefs: {files:,} files in the output.")
            base = None
            if not args.no_baseline and count <= args.baseline_max:
                runs = args.baseline_runs or args.runs
                print(f"{count} briefs: building stock Material baseline ×{runs} …", flush=True)
                baseline = make_baseline(work / f"baseline-{count}", corpus, titles)
                base = measure("stock Material", baseline, count, runs, f"briefs/{first}/", None,
                               "input.md-search__input", browser)
            lines += report(ours, base)
            print("\n".join(HEADER + report(ours, base)), flush=True)
            serve_sizes = args.serve_sizes if args.serve_sizes is not None else [min(args.sizes)]
            if browser and count in serve_sizes:
                reloads = serve_reloads(project, first, saves=3)
                notes.append(f"mkdocs serve at {count:,} briefs: a saved brief showed in the browser after "
                             + ", then ".join(r.describe() for r in reloads) + " (three saves in a row; "
                             "noticed and rebuilt: when MkDocs logged the change and the end of its rebuild, from the save).")
                print(notes[-1], flush=True)
            if previous:
                notes.append(f"Build time growth {previous.briefs:,} → {count:,} briefs: "
                             f"{ours.build.median / previous.build.median:.2f}×.")
                print(notes[-1], flush=True)
            previous = ours
        if args.aggregate:
            notes.append(aggregate(work, *args.aggregate, theme_ids))
            print(notes[-1], flush=True)
        notes.append(hostile_validation(work))
        print(notes[-1], flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\nSummary\n\n" + "\n".join(lines) + "\n\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
