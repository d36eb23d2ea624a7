"""Check every brief, quiz, the themes file and the site settings, without building.

    python scripts/validate.py                  # the project next to this script
    python scripts/validate.py path/to/mkdocs.yml

Prints every problem in every file (file, line, field, what is wrong and how to
fix it) and exits 1 if there are any; exits 0 and says so if there are none.
Suggestions (a quiz whose right answer is always the longest option, say) are
printed too, but do not count as problems.
The same checks run on every `mkdocs build`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.problems import format_report  # noqa: E402
from macros.content.project import load_project  # noqa: E402
from macros.render.environment import plural  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", nargs="?", default=str(ROOT / "mkdocs.yml"), help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    config = Path(args.config)
    if not config.is_file():
        print(f"{config}: no such file. Give the path to the site's mkdocs.yml.", file=sys.stderr)
        return 2
    project = load_project(config)
    if project.warnings:
        print(format_report(project.warnings, kind="suggestion") + "\n", file=sys.stderr)
    if project.problems:
        print(format_report(project.problems), file=sys.stderr)
        return 1
    content = project.content
    print(
        f"All content is valid: {plural(len(content.briefs), 'brief')}, {plural(len(content.quizzes), 'quiz', 'quizzes')}, "
        f"{plural(len(content.themes), 'theme')}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
