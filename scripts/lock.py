"""Lock every Python package, direct and transitive, to an exact version with
its hashes, or check that the locks still match their inputs.

    .venv/bin/python scripts/lock.py                           # regenerate, keeping every pin that still fits
    .venv/bin/python scripts/lock.py --upgrade-package NAME    # move NAME to its newest allowed release
    .venv/bin/python scripts/lock.py --upgrade                 # move everything to the newest allowed releases
    .venv/bin/python scripts/lock.py --check                   # exit 1 if a lock is stale or this environment differs

The inputs are short lists of direct requirements (`requirements.in`,
`tests/requirements.in`); the locks are `requirements.txt` (building and
serving) and `tests/requirements.txt` (everything the tests need). The tests'
lock is resolved first and the site's lock takes the same versions, so the site
that is served is the site that was tested. `scripts/_setup.sh` installs a lock
with `pip install --require-hashes`.

The check needs no network: it compares each lock's record of its inputs with
the inputs as they are now, checks every entry is pinned and hashed, and that
this environment holds exactly the tests' lock (and `pip check` agrees). The
test suite runs it. Regenerating needs PyPI and uses uv, which is itself locked.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
INDEX = "https://pypi.org/simple"
# One lock for every platform and every Python from 3.11 on; where a package
# needs a newer 3.11 release, the lock holds an older version for older 3.11s.
RESOLUTION = ["--universal", "--python-version", "3.11", "--generate-hashes", "--index-url", INDEX]
# Installed with the virtual environment itself, not by our install command.
BUNDLED_WITH_VENV = frozenset({"pip", "setuptools", "wheel"})
INPUTS_LINE = "# inputs: sha256:"


@dataclass(frozen=True)
class Lock:
    inputs: str  # the direct requirements, relative to ROOT
    lock: str  # the generated lock, relative to ROOT
    follows: str | None = None  # a lock whose versions this one must take


TESTS = Lock("tests/requirements.in", "tests/requirements.txt")
SITE = Lock("requirements.in", "requirements.txt", follows=TESTS.lock)
LOCKS = (TESTS, SITE)  # in the order they are generated


@dataclass(frozen=True)
class Entry:
    name: str  # canonical
    version: str
    marker: str  # "" when it applies everywhere
    hashes: int
    line: int

    def applies_here(self) -> bool:
        return not self.marker or Marker(self.marker).evaluate()


# -- reading ------------------------------------------------------------------------


def input_files(inputs: Path) -> list[Path]:
    """The inputs file and every file it includes with -r or -c, in order."""
    found = [inputs]
    for line in inputs.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*-[rc]\s+(\S+)", line)
        if match:
            found += input_files((inputs.parent / match.group(1)).resolve())
    return found


def direct_requirements(inputs: Path) -> list[tuple[Path, int, Requirement]]:
    found = []
    for path in input_files(inputs):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line.split("#", 1)[0].strip()
            if text and not text.startswith("-"):
                found.append((path, number, Requirement(text)))
    return found


def inputs_digest(lock: Lock, root: Path = ROOT) -> str:
    """What a lock was generated from: its input files and the resolution options."""
    digest = hashlib.sha256(" ".join(RESOLUTION).encode())
    for path in input_files(root / lock.inputs):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    if lock.follows:
        digest.update(b"follows " + lock.follows.encode())
    return digest.hexdigest()


def read_lock(path: Path) -> tuple[str | None, list[Entry], list[str]]:
    """(the recorded inputs digest, the entries, problems with the file's form)."""
    recorded, entries, problems = None, [], []
    current: dict | None = None

    def close() -> None:
        if current is not None:
            entries.append(Entry(**current))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith(INPUTS_LINE):
            recorded = raw[len(INPUTS_LINE):].strip()
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash="):
            if current is None:
                problems.append(f"{path.name}:{number}: a hash with no package before it.")
            else:
                current["hashes"] += 1
            continue
        close()
        current = None
        requirement, _, marker = line.rstrip("\\").strip().partition(";")
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s=]+)", requirement.strip())
        if not match:
            problems.append(f"{path.name}:{number}: {requirement.strip()!r} is not pinned to one exact version (name==version).")
            continue
        current = {"name": canonicalize_name(match.group(1)), "version": match.group(2),
                   "marker": marker.strip(), "hashes": 0, "line": number}
    close()
    for entry in entries:
        if entry.hashes == 0:
            problems.append(f"{path.name}:{entry.line}: {entry.name}=={entry.version} has no --hash.")
    return recorded, entries, problems


# -- checking -----------------------------------------------------------------------


def check(root: Path = ROOT, environment: bool = True) -> list[str]:
    """Every way the locks disagree with their inputs (or this environment with them)."""
    problems: list[str] = []
    read: dict[str, list[Entry]] = {}
    for lock in LOCKS:
        path = root / lock.lock
        if not path.is_file():
            problems.append(f"{lock.lock} is missing.")
            continue
        recorded, entries, form = read_lock(path)
        read[lock.lock] = entries
        problems += [f"{lock.lock}: {p.split(': ', 1)[1]}" for p in form]
        if recorded != inputs_digest(lock, root):
            changed = ", ".join(p.relative_to(root).as_posix() for p in input_files(root / lock.inputs))
            problems.append(f"{lock.lock} was not generated from the current {changed}.")
        by_name: dict[str, list[Entry]] = {}
        for entry in entries:
            by_name.setdefault(entry.name, []).append(entry)
        for source, number, requirement in direct_requirements(root / lock.inputs):
            where = f"{source.relative_to(root).as_posix()}:{number}"
            pinned = by_name.get(canonicalize_name(requirement.name), [])
            if not pinned:
                problems.append(f"{where}: {requirement.name} is not in {lock.lock}.")
            for entry in pinned:
                if not requirement.specifier.contains(entry.version, prereleases=True):
                    problems.append(f"{where}: {lock.lock} pins {entry.name}=={entry.version}, outside {requirement}.")
    for lock in LOCKS:
        if lock.follows and lock.lock in read and lock.follows in read:
            leader = {(e.name, e.marker): e.version for e in read[lock.follows]}
            for entry in read[lock.lock]:
                if leader.get((entry.name, entry.marker)) != entry.version:
                    problems.append(f"{lock.lock}:{entry.line}: {entry.name}=={entry.version} differs from {lock.follows}.")
    if environment and TESTS.lock in read and not problems:
        problems += environment_problems(read[TESTS.lock])
    return problems


def environment_problems(entries: list[Entry]) -> list[str]:
    """How the running environment differs from the tests' lock."""
    expected = {e.name: e.version for e in entries if e.applies_here()}
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if d.metadata["Name"] and canonicalize_name(d.metadata["Name"]) not in BUNDLED_WITH_VENV
    }
    problems = []
    for name, version in sorted(expected.items()):
        if installed.get(name) != version:
            found = installed.get(name, "not installed")
            problems.append(f"{name}: the lock says {version}; this environment has {found}.")
    for name in sorted(set(installed) - set(expected)):
        problems.append(f"{name} {installed[name]} is installed but not in {TESTS.lock}.")
    if problems:
        problems.append("Rebuild the environment from the lock: rm -rf .venv && bash scripts/test.sh")
        return problems
    pip_check = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    if pip_check.returncode != 0:
        problems.append("pip check: " + (pip_check.stdout + pip_check.stderr).strip())
    return problems


# -- regenerating -------------------------------------------------------------------


def compile_lock(lock: Lock, upgrade: list[str], root: Path = ROOT) -> None:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise SystemExit("uv is missing: run bash scripts/test.sh once (it installs the tests' lock, uv included).")
    target = root / lock.lock
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "lock.txt"
        if target.exists():  # uv keeps the versions already in the output file where they still fit
            shutil.copy2(target, output)
        command = [uv, "pip", "compile", "--quiet", "--no-config", "--no-header", *RESOLUTION,
                   lock.inputs, "--output-file", str(output), *upgrade]
        if lock.follows:
            _, leader, _ = read_lock(root / lock.follows)
            constraints = Path(scratch) / "constraints.txt"
            constraints.write_text("".join(
                f"{e.name}=={e.version}" + (f" ; {e.marker}" if e.marker else "") + "\n" for e in leader
            ), encoding="utf-8")
            command += ["--constraint", str(constraints)]
        env = {**os.environ, "UV_NO_PROGRESS": "1"}
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
        if completed.returncode != 0:
            raise SystemExit(f"uv could not resolve {lock.inputs}:\n{completed.stderr.strip()}")
        # Name the leading lock, not the scratch file it was copied to.
        body = output.read_text(encoding="utf-8").replace(str(Path(scratch) / "constraints.txt"), lock.follows or "")
    header = (
        f"# Generated by scripts/lock.py from {lock.inputs}; do not edit by hand.\n"
        "# Every package at an exact version, with the hashes pip checks, for Python 3.11 and newer.\n"
        "# To bump one: .venv/bin/python scripts/lock.py --upgrade-package NAME, then bash scripts/test.sh\n"
        f"{INPUTS_LINE}{inputs_digest(lock, root)}\n"
    )
    staged = target.with_name(target.name + ".new")
    staged.write_text(header + body, encoding="utf-8")
    os.replace(staged, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a lock is stale")
    parser.add_argument("--upgrade", action="store_true", help="move every package to its newest allowed release")
    parser.add_argument("--upgrade-package", action="append", default=[], metavar="NAME",
                        help="move this package to its newest allowed release (repeatable)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("\nIf you changed an input on purpose, run: .venv/bin/python scripts/lock.py", file=sys.stderr)
            return 1
        print("The locks match their inputs, and this environment matches the locks.")
        return 0
    upgrade = ["--upgrade"] if args.upgrade else [f"--upgrade-package={name}" for name in args.upgrade_package]
    for lock in LOCKS:
        before = (ROOT / lock.lock).read_text(encoding="utf-8") if (ROOT / lock.lock).exists() else ""
        compile_lock(lock, upgrade)
        after = (ROOT / lock.lock).read_text(encoding="utf-8")
        print(("Updated " if after != before else "Unchanged: ") + lock.lock)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except InvalidRequirement as error:
        print(f"A requirement in an inputs file cannot be read: {error}", file=sys.stderr)
        sys.exit(1)
