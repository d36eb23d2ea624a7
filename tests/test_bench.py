"""The benchmark script runs end to end (at a tiny size: figures are for README, not tests)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_benchmark_runs_and_prints_every_figure():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "6", "12", "--runs", "1",
         "--aggregate", "2", "4"],
        capture_output=True, text=True, timeout=900,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    summary = completed.stdout.split("Summary", 1)[1]
    rows = [line for line in summary.splitlines() if re.match(r"\| \d", line)]
    assert len(rows) == 4  # this project and the baseline, at each size
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert re.fullmatch(r"[\d.]+ s", cells[2]) and re.fullmatch(r"[\d,]+ MB", cells[4])
        assert all(re.fullmatch(r"[\d.,]+ (KB|MB)", c) for c in (cells[5], cells[6], cells[7], cells[8])), row
        assert re.fullmatch(r"\d+ ms", cells[9]), row
    assert "mkdocs serve at 6 briefs: a saved brief showed in the browser after" in summary
    assert "Build time growth 6 → 12 briefs" in summary
    assert re.search(r"Aggregation: a library merging 2 partnership sites of 4 briefs each \(8 briefs\) built in [\d.]+ s", summary)
