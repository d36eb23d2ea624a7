"""Data the build hands to the site's scripts, always by name.

A table goes to a script as its column names once and its rows as lists, and
the script reads each value by its column's name (`named` in the scripts), so
reordering or adding a column never makes a script read the wrong value.
tests/test_build_pipeline.py checks that every name a script reads is one
the build writes.
"""

from __future__ import annotations

from typing import Iterable, Sequence


def data_table(columns: Sequence[str], rows: Iterable[Sequence]) -> dict:
    """{"columns": [...], "rows": [[...], ...]}: each row in the columns' order."""
    columns = list(columns)
    table = {"columns": columns, "rows": [list(row) for row in rows]}
    if any(len(row) != len(columns) for row in table["rows"]):
        raise ValueError(f"a row does not have one value for each of the columns {columns}")
    return table
