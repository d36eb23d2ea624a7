"""Start a new brief from its title: writes briefs/<slug>.yml as a valid skeleton.

    python scripts/new_brief.py "Learning from a review in Example Town"
    python scripts/new_brief.py "Title" --type SAR --theme carers --theme think-family
    python scripts/new_brief.py "Title" --slug shorter-name

The slug (file name and web address) is made from the title unless --slug is
given. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.fields import ID_PATTERN, slugify  # noqa: E402
from macros.content.loader import BRIEFS_DIR, load_themes  # noqa: E402
from macros.content.model import RESERVED_BRIEF_SLUGS, REVIEW_TYPES  # noqa: E402
from macros.content.problems import did_you_mean, format_report  # noqa: E402
from macros.content.reference import brief_skeleton  # noqa: E402
from macros.content.settings import load_settings  # noqa: E402

MAX_SLUG = 80


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("title", help="the brief's title, in quotes")
    parser.add_argument("--slug", help="file name and web address (default: made from the title)")
    parser.add_argument("--type", dest="review_type", default="DHR", help="review type: " + ", ".join(REVIEW_TYPES))
    parser.add_argument("--partnership", help="default: the partnership in mkdocs.yml")
    parser.add_argument("--theme", action="append", default=[], help="a theme id; repeat for more (default: the first theme)")
    parser.add_argument("--published", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)

    title = " ".join(args.title.split())
    if not title:
        return fail("The title is empty. Give the brief's title in quotes.")
    slug = args.slug or slugify(title, "")[:MAX_SLUG].rstrip("-")
    if not slug or not ID_PATTERN.match(slug):
        return fail(f'"{slug}" cannot be a file name: use lowercase letters, digits and hyphens, for example --slug learning-from-a-review.')
    if slug in RESERVED_BRIEF_SLUGS:
        return fail(f'"{slug}" is reserved for the listing pages. Choose another with --slug.')
    if args.review_type not in REVIEW_TYPES:
        return fail(f'--type "{args.review_type}" is not a review type.{did_you_mean(args.review_type, REVIEW_TYPES)} Types are: {", ".join(REVIEW_TYPES)}.')

    problems: list = []
    themes = load_themes(root, problems)
    if problems:
        return fail(format_report(problems) + "\n\nFix the themes file first.")
    unknown = [t for t in args.theme if t not in themes]
    if unknown:
        return fail(
            "\n".join(f'--theme "{t}" is not in briefs/_themes.yml.{did_you_mean(t, themes)}' for t in unknown)
            + "\nThemes are: " + ", ".join(themes) + "."
        )
    chosen = list(dict.fromkeys(args.theme)) or [next(iter(themes))]

    partnership = args.partnership
    if not partnership:
        settings, _ = load_settings(root / "mkdocs.yml")
        partnership = settings.partnership if settings else "Replace with the partnership's name"

    target = root / BRIEFS_DIR / f"{slug}.yml"
    existing = [p for p in (target, target.with_suffix(".yaml")) if p.exists()]
    if existing:
        return fail(f"{existing[0].relative_to(root).as_posix()} already exists and was not changed. Choose another title or --slug.")
    text = brief_skeleton(
        title, review_type=args.review_type, partnership=partnership, published=args.published,
        themes=chosen, all_theme_ids=list(themes),
    )
    target.parent.mkdir(exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"Wrote {target.relative_to(root).as_posix()}. Replace its placeholders, then preview with: bash scripts/serve.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
