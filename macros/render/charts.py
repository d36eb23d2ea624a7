"""Bar charts drawn at build time, readable at every width.

Each row is HTML text (the label and the figure, at the page's own text size,
so a phone shows them as large as the rest of the page) and a bar drawn as a
small SVG stretched to the row's width. An SVG is used for the bar because
its size is an attribute: the site's security policy refuses style
attributes. The chart is one image to assistive technology, named by its
title; the same numbers are always in a real table next to it (the
template's job), and each bar's figure is printed as text, so colour carries
no meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int
    text: str  # what is printed after the bar, e.g. "9 of 14 (64%)"


def _chart(chart_id: str, title: str, description: str, rows: list[str], modifier: str = "") -> str:
    """A chart's frame: its accessible name, title, and "Nothing to show yet" without rows."""
    classes = "lb-chart" + (f" lb-chart--{modifier}" if modifier else "")
    return "".join([
        f'<div class="{classes}" id="{chart_id}" role="img" aria-label="{escape(title)}. {escape(description)}">',
        f'<p class="lb-chart__title">{escape(title)}</p>',
        *(rows or ['<p class="lb-chart__empty">Nothing to show yet.</p>']),
        "</div>",
    ])


def _row(data: str, label: str, shapes: str, text: str) -> str:
    """One bar: its label, the drawing (a full-width track under `shapes`) and its figures as text."""
    return (
        f'<div class="lb-chart__row" {data}>'
        f'<span class="lb-chart__label">{escape(label)}</span>'
        '<svg class="lb-chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        f'<rect class="lb-chart__track" width="100" height="10"/>{shapes}</svg>'
        f'<span class="lb-chart__value">{escape(text)}</span>'
        "</div>"
    )


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> str:
    rows = []
    for bar in bars:
        length = round(100 * bar.value / bar.total, 1) if bar.total else 0
        rows.append(_row(f'data-value="{bar.value}" data-total="{bar.total}"', bar.label,
                         f'<rect class="lb-chart__fill" width="{length}" height="10"/>', bar.text))
    return _chart(chart_id, title, description, rows)


@dataclass(frozen=True)
class StackedBar:
    label: str
    parts: list[tuple[str, int]]  # (css name, count), in order
    text: str  # every figure in words, e.g. "12: 3 complete, 5 in progress, 4 not started"


def stacked_chart(chart_id: str, title: str, description: str, bars: list[StackedBar]) -> str:
    """Rows of bars split into parts, each part's share of the row's total.
    The figures are printed as text on every row, so colour carries no meaning."""
    rows = []
    for bar in bars:
        total = sum(count for _, count in bar.parts)
        rects, start = [], 0.0
        for name, count in bar.parts:
            if not count:
                continue
            width = round(100 * count / total, 2)
            rects.append(f'<rect class="lb-chart__seg lb-chart__seg--{escape(name)}" x="{round(start, 2)}" width="{width}" height="10"/>')
            start += width
        rows.append(_row(f'data-total="{total}"', bar.label, "".join(rects), bar.text))
    return _chart(chart_id, title, description, rows, modifier="stacked")
