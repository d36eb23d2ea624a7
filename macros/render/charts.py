"""Bar charts as inline SVG, drawn at build time.

The chart is an image with a text alternative; the same numbers are always in
a real table next to it (the template's job), so nothing depends on seeing it.
Each bar's value is printed as text as well, so colour carries no meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 720
LABEL_WIDTH = 250
VALUE_WIDTH = 150
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int
    text: str  # what is printed after the bar, e.g. "9 of 14 (64%)"


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> str:
    height = TOP * 2 + ROW_HEIGHT * max(1, len(bars))
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg class="lb-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if not bars:
        parts.append(f'<text x="0" y="{TOP + 20}" class="lb-chart__label">Nothing to show yet.</text>')
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        length = round(area * bar.value / bar.total, 1) if bar.total else 0
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<g class="lb-chart__row" data-value="{bar.value}" data-total="{bar.total}">'
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" class="lb-chart__label">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{area}" height="{BAR_HEIGHT}" class="lb-chart__track"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" class="lb-chart__bar"/>'
            f'<text x="{LABEL_WIDTH + area + 8}" y="{middle}" class="lb-chart__value">{escape(bar.text)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)
