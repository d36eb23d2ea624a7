"""Shared fixtures: temporary projects, builds, a local web server and Chromium.

Browser tests use Debian's Chromium (never a downloaded browser), launched with
flags that keep it off the network; every request a page makes is recorded so
tests can assert that nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# A fixed build date, so "overdue" and dates in tests do not depend on today.
BUILD_EPOCH = "1795132800"  # 2026-11-20 00:00 UTC
PROJECT_PARTS = ("mkdocs.yml", "macros", "overrides", "docs")


# -- projects and builds -------------------------------------------------------------


def make_project(
    destination: Path,
    *,
    briefs: dict[str, str | bytes] | None = None,
    quizzes: dict[str, str | bytes] | None = None,
    seed_briefs: bool = True,
    seed_quizzes: bool = True,
    settings: dict[str, str] | None = None,
) -> Path:
    """A copy of this project with some content replaced or added.

    `briefs` and `quizzes` map file names to their text (or bytes);
    `settings` maps lines of mkdocs.yml to the lines that replace them.
    """
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=ignore)
        else:
            shutil.copy2(source, destination / part)
    if settings:
        config = (destination / "mkdocs.yml").read_text(encoding="utf-8")
        for old, new in settings.items():
            assert old in config, f"mkdocs.yml has no line {old!r}"
            config = config.replace(old, new, 1)
        (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    (destination / "briefs").mkdir()
    (destination / "quizzes").mkdir()
    shutil.copy2(ROOT / "briefs" / "_themes.yml", destination / "briefs" / "_themes.yml")
    if seed_briefs:
        for path in (ROOT / "briefs").glob("*.yml"):
            shutil.copy2(path, destination / "briefs" / path.name)
    if seed_quizzes:
        for path in (ROOT / "quizzes").glob("*.yml"):
            shutil.copy2(path, destination / "quizzes" / path.name)
    for folder, files in (("briefs", briefs or {}), ("quizzes", quizzes or {})):
        for name, text in files.items():
            target = destination / folder / name
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
    return destination


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def build(project: Path, site: Path | None = None, *, env: dict | None = None, strict: bool = True) -> BuildResult:
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    completed = subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, timeout=600)
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium printed (each page object says /Type /Page)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def fixture_text(*parts: str) -> str:
    return FIXTURES.joinpath(*parts).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own content, built once with --strict for the whole session."""
    project = make_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


# -- a local web server -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site, optionally under a sub-path such as /community-safety/learning/."""

    prefix = "/"
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/", headers: dict[str, str] | None = None):
    """Serve `directory` on 127.0.0.1; yields the base URL (ending in /)."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix, "extra_headers": headers or {}})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The project plus the valid example briefs and quizzes from tests/fixtures."""
    valid_briefs = FIXTURES / "briefs" / "valid"
    valid_quizzes = FIXTURES / "quizzes" / "valid"
    project = make_project(
        tmp_path_factory.mktemp("fixtures"),
        briefs={p.name: p.read_text(encoding="utf-8") for p in valid_briefs.glob("*.yml")},
        quizzes={p.name: p.read_text(encoding="utf-8") for p in valid_quizzes.glob("*.yml")},
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


# -- Chromium -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run bash scripts/test.sh, or apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def outside_requests(page):
    """Every request the page makes that is not to 127.0.0.1 (should stay empty)."""
    requests: list[str] = []

    def record(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", None):
            requests.append(request.url)

    page.on("request", record)
    return requests


@pytest.fixture
def page_errors(page):
    """JavaScript errors and Content-Security-Policy violations on the page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"error: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return errors


def pytest_configure(config):
    # pytest-playwright 0.10 defines a session fixture in a way pytest 9 warns about.
    config.addinivalue_line("filterwarnings", "ignore::pytest.PytestRemovedIn10Warning")
