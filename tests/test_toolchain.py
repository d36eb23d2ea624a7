"""The locked toolchain: every package the tests install is in a lock, at one
exact version with its hashes, and the locks match the inputs they came from.
A lock that has drifted from its inputs, or an environment that has drifted
from its lock, fails here before it can make a gate pass vacuously."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402

LOCK_FILES = ("requirements.in", "requirements.txt", "tests/requirements.in", "tests/requirements.txt")


def test_the_locks_match_their_inputs_and_this_environment():
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "lock.py"), "--check"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr


def test_pip_finds_nothing_broken():
    checked = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.fixture
def locks(tmp_path) -> Path:
    """A copy of the inputs and locks, to spoil."""
    for name in LOCK_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    assert lock.check(tmp_path, environment=False) == []
    return tmp_path


def test_a_changed_input_makes_its_lock_stale(locks):
    with (locks / "requirements.in").open("a", encoding="utf-8") as inputs:
        inputs.write("rich>=13\n")
    problems = lock.check(locks, environment=False)
    # The site's inputs are part of the tests' inputs too (-r), so both are stale.
    assert "requirements.txt was not generated from the current requirements.in." in problems
    assert any(p.startswith("tests/requirements.txt was not generated from the current tests/requirements.in") for p in problems)
    assert any("rich is not in requirements.txt" in p for p in problems)


def test_an_entry_without_an_exact_version_or_hashes_is_refused(locks):
    path = locks / "tests/requirements.txt"
    text = path.read_text(encoding="utf-8").replace("pytest==9.2.0", "pytest>=9", 1)
    text = re.sub(r"(?m)^(iniconfig==\S+) \\\n(?:    --hash=\S+(?: \\)?\n)+", r"\1\n", text)
    path.write_text(text, encoding="utf-8")
    problems = lock.check(locks, environment=False)
    assert any("'pytest>=9' is not pinned to one exact version" in p for p in problems), problems
    assert any("iniconfig==2.3.1 has no --hash" in p for p in problems), problems


def test_a_pin_outside_its_input_range_is_refused(locks):
    path = locks / "tests/requirements.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("beautifulsoup4==4.14.3", "beautifulsoup4==4.15.0", 1),
                    encoding="utf-8")
    problems = lock.check(locks, environment=False)
    assert any("pins beautifulsoup4==4.15.0, outside beautifulsoup4<4.15,>=4.14.3" in p for p in problems), problems


def test_the_sites_lock_takes_the_tests_versions(locks):
    path = locks / "requirements.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("watchdog==7.1.0", "watchdog==7.0.0", 1), encoding="utf-8")
    problems = lock.check(locks, environment=False)
    assert any("watchdog==7.0.0 differs from tests/requirements.txt" in p for p in problems), problems


def test_an_environment_that_differs_from_the_lock_is_named():
    _, entries, _ = lock.read_lock(ROOT / "tests/requirements.txt")
    drifted = [
        lock.Entry(e.name, "0.0.1", e.marker, e.hashes, e.line) if e.name == "beautifulsoup4" else e
        for e in entries if e.name != "feedparser"
    ]
    problems = lock.environment_problems(drifted)
    assert "beautifulsoup4: the lock says 0.0.1; this environment has 4.14.3." in problems
    assert any(p.startswith("feedparser 6.0.14 is installed but not in tests/requirements.txt") for p in problems)


def test_every_npm_package_is_locked_with_its_integrity():
    package_lock = json.loads((ROOT / "tests/package-lock.json").read_text(encoding="utf-8"))
    installed = {name: meta for name, meta in package_lock["packages"].items() if name}
    assert installed
    for name, meta in installed.items():
        assert meta.get("version") and meta.get("integrity", "").startswith("sha512-"), name
