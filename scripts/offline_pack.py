"""Make a zip of the whole site that works opened from disk, with no network.

For trainers running a session in a room without internet: unzip it on the
laptop and open index.html. Briefs, themes, search, quizzes and present mode
all work from file://, because the build writes plain .html links and loads
its search index as scripts.

    python scripts/offline_pack.py                 # writes dist/learning-briefs-offline.zip
    python scripts/offline_pack.py --output x.zip
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "learning-briefs"
README = """Learning from reviews: offline copy
=====================================

Open index.html in this folder with any web browser (double-click it).
Everything works without an internet connection: briefs, themes, search,
quizzes, slides for presenting and printable handouts. Links to other
organisations' websites need a connection.

Quiz answers are kept in this browser only. Use "Clear my answers" on a quiz
page before handing the laptop to someone else.
"""


def build_offline(destination: Path) -> None:
    env = {**os.environ, "SITE_DIRECTORY_URLS": "false", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit("The site did not build, so no offline pack was made. Fix the problems above.")


def write_zip(site: Path, output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{FOLDER}/README.txt", README)
        for path in sorted(site.rglob("*")):
            # Server configuration files mean nothing on a laptop.
            if path.is_file() and path.name not in ("_headers", ".htaccess", "security-headers.nginx.conf"):
                archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "dist" / "learning-briefs-offline.zip")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build_offline(site)
        count = write_zip(site, args.output)
    size = args.output.stat().st_size / 1_000_000
    print(f"Wrote {args.output} ({count} files, {size:.1f} MB). Unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
