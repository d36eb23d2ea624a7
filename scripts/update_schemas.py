"""Write the JSON Schemas for editors, the README's field reference and its
table of download columns from their declarations, or check that the written
copies are current.

    python scripts/update_schemas.py          # update docs/schemas/*.schema.json and README.md
    python scripts/update_schemas.py --check  # exit 1 if any of them is stale

The schemas list the theme ids in briefs/_themes.yml, so run this after
adding a theme. The test suite runs the check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.fields import Vocabulary  # noqa: E402
from macros.content.loader import load_themes  # noqa: E402
from macros.content.problems import format_report  # noqa: E402
from macros.content.reference import (  # noqa: E402
    SCHEMA_FOLDER, SCHEMAS, replace_field_reference, replace_generated, schema_text,
)
from macros.render.analysis import COLUMNS_README_END, COLUMNS_README_START, columns_reference  # noqa: E402
from macros.render.open_data import (  # noqa: E402
    BRIEF_COLUMNS_README_END, BRIEF_COLUMNS_README_START, brief_columns_reference,
)


def expected_outputs(root: Path) -> dict[Path, str] | None:
    """Each generated file and the text it should have; None if the themes file is invalid."""
    problems: list = []
    themes = load_themes(root, problems)
    if problems:
        print(format_report(problems), file=sys.stderr)
        print("\nFix the themes file first; the schemas list its theme ids.", file=sys.stderr)
        return None
    vocab = Vocabulary(theme_ids=tuple(themes))
    outputs = {root / SCHEMA_FOLDER / f"{name}.schema.json": schema_text(name, vocab) for name in SCHEMAS}
    readme = root / "README.md"
    updated = replace_generated(replace_field_reference(readme.read_text(encoding="utf-8")),
                                COLUMNS_README_START, COLUMNS_README_END, columns_reference())
    updated = replace_generated(updated, BRIEF_COLUMNS_README_START, BRIEF_COLUMNS_README_END, brief_columns_reference())
    if updated is None:
        print("README.md has lost the markers of a generated section; restore them from git.", file=sys.stderr)
        return None
    outputs[readme] = updated
    return outputs


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if anything is stale")
    args = parser.parse_args(argv)
    outputs = expected_outputs(root)
    if outputs is None:
        return 1
    stale = [
        path for path, text in outputs.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"Stale: {path.relative_to(root).as_posix()}", file=sys.stderr)
        if stale:
            print("Run: python scripts/update_schemas.py", file=sys.stderr)
            return 1
        print("Schemas and field reference are up to date.")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path], encoding="utf-8")
        print(f"Updated {path.relative_to(root).as_posix()}")
    if not stale:
        print("Schemas and field reference are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
