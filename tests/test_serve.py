"""`mkdocs serve` as an author uses it: a saved brief appears in the open
browser tab by itself; a broken file is reported and the preview keeps running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import free_port, make_project

BRIEF = "briefs/familial-homicide-in-a-care-home.yml"
TITLE = "Think Family: a familial homicide in a care home"


def _serve(project, *options, **env):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("mkdocs serve did not start:\n" + process.stdout.read())
            time.sleep(0.3)
    return url, process


@pytest.fixture
def preview(tmp_path):
    project = make_project(tmp_path / "p")
    url, process = _serve(project)
    yield project, url, process
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_saving_a_brief_updates_the_open_page(page, preview, page_errors):
    project, url, _ = preview
    page.goto(url + "briefs/familial-homicide-in-a-care-home/", wait_until="load")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    source = project / BRIEF
    source.write_text(source.read_text(encoding="utf-8").replace(TITLE, TITLE + " (revised)", 1), encoding="utf-8")
    # No reload by the test: MkDocs' live reload does it, under the preview's policy.
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE + " (revised)", timeout=60_000)
    assert page_errors == []


def test_a_broken_brief_is_reported_and_the_preview_keeps_serving(page, preview):
    project, url, process = preview
    source = project / BRIEF
    good = source.read_text(encoding="utf-8")
    page.goto(url, wait_until="load")
    source.write_text(good.replace("review_type: DHR", "review_type: DHRR", 1), encoding="utf-8")
    banner = page.locator(".lb-problems")
    expect(banner).to_contain_text("review_type", timeout=60_000)
    expect(banner).to_contain_text(BRIEF)
    assert process.poll() is None

    source.write_text(good, encoding="utf-8")
    expect(banner).to_have_count(0, timeout=60_000)
    assert process.poll() is None


def test_a_saved_python_file_asks_for_a_restart(preview):
    """The preview cannot reload the site's own code; it says so rather than
    quietly serving what the old code built."""
    import threading

    project, url, process = preview
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    code = project / "macros" / "render" / "environment.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# edited while serving\n", encoding="utf-8")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any("start it again" in line for line in said):
        time.sleep(0.5)
    assert any("Python files under macros/ have changed" in line for line in said), "".join(said)[-2000:]
    assert process.poll() is None


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_preview_leaves_nothing_in_the_temporary_folder(tmp_path, stop):
    # `kill`, systemd, an editor's stop button and test harnesses send SIGTERM;
    # at 10,000 briefs each preview killed outright left 1.6 GB behind.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    url, process = _serve(make_project(tmp_path / "p"), TMPDIR=str(scratch))
    assert sorted(p.name.split("_")[0].split("-preview-")[0] for p in scratch.iterdir()) == [
        "learning-briefs", "mkdocs"]  # MkDocs' served folder, and the preview's scratch folder
    process.send_signal(stop)
    output = process.communicate(timeout=60)[0]
    assert process.returncode == 0, output[-2000:]
    assert "Traceback" not in output, output[-2000:]
    assert list(scratch.iterdir()) == []


def test_closing_the_terminal_stops_the_preview_cleanly(tmp_path):
    """Closing the terminal window sends SIGHUP, and nothing can be printed any
    more. The preview still deletes its folders; killed outright, it left the
    whole served site in the temporary folder."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    url, process = _serve(make_project(tmp_path / "p"), TMPDIR=str(scratch))
    process.stdout.close()  # the terminal is gone
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=60) == 0
    assert list(scratch.iterdir()) == []


def test_serve_clean_serves_the_site_and_each_save(tmp_path):
    """`mkdocs serve --clean` reaches the plugin as a build, which published its
    folder only on shutdown: every address was a 404 until then."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    project = make_project(tmp_path / "p")
    url, process = _serve(project, "--clean", TMPDIR=str(scratch))
    brief_url = url + "briefs/familial-homicide-in-a-care-home/"
    assert TITLE in urllib.request.urlopen(brief_url, timeout=10).read().decode("utf-8")
    source = project / BRIEF
    source.write_text(source.read_text(encoding="utf-8").replace(f'title: "{TITLE}"', f'title: "{TITLE} (revised)"'),
                      encoding="utf-8")
    deadline = time.monotonic() + 60
    while "(revised)" not in urllib.request.urlopen(brief_url, timeout=10).read().decode("utf-8"):
        assert time.monotonic() < deadline, "the save never reached the served site"
        time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0]
    assert process.returncode == 0 and "Traceback" not in output, output[-2000:]
    assert list(scratch.iterdir()) == []
