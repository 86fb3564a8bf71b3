"""Server-rendered SVG charts of a table aggregation (no JavaScript, no CDN).

A chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>`` that
lists every figure, with a text label on every bar or point; the page prints the same figures as
a table below it (the fallback for screen readers and for people who cannot read the chart).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#1d4f91"
LINE_COLOUR = "#b3261e"
GRID_COLOUR = "#c9d2de"
TEXT_COLOUR = "#1b1f24"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
MAX_ITEMS = 60
KINDS = ("bar", "line")

_ids = itertools.count(1)


def _number(value) -> float:
    if value is None:
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def display_number(value) -> str:
    """A figure as Indonesians read it: 1.234.567 or 12,5."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        return number_format(int(value), force_grouping=True)
    if isinstance(value, float | Decimal):
        return number_format(round(float(value), 2), decimal_pos=2, force_grouping=True)
    return str(value)


def _short(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(chart_id: str, width: int, height: int, title: str,
          items: Sequence[tuple[str, object]]) -> SafeString:
    desc = "; ".join(f"{label}: {display_number(value)}" for label, value in items)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        width, height, chart_id, chart_id, chart_id, title, chart_id, desc)


def bar_chart(title: str, items: Sequence[tuple[str, object]], *, width: int = 720,
              label_width: int = 220, bar_height: int = 20, gap: int = 6) -> SafeString:
    """Horizontal bars (long region names stay readable), the value at the end of each bar."""
    items = list(items)[:MAX_ITEMS]
    chart_id = f"bar-{next(_ids)}"
    top = 6
    height = top + max(len(items), 1) * (bar_height + gap) + 6
    track = width - label_width - 110
    maximum = max((_number(v) for _l, v in items), default=0) or 1
    parts = [_open(chart_id, width, height, title, items)]
    for index, (label, value) in enumerate(items):
        y = top + index * (bar_height + gap)
        length = max(round(track * max(_number(value), 0) / maximum), 1 if _number(value) else 0)
        text_y = y + bar_height * 0.72
        parts.append(format_html(
            '<g><text x="{}" y="{}" text-anchor="end" fill="{}" ' + FONT + '>{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
            '<text x="{}" y="{}" fill="{}" ' + FONT + ' font-weight="bold">{}</text></g>',
            label_width - 8, text_y, TEXT_COLOUR, _short(label, 30),
            label_width, y, length, bar_height, BAR_COLOUR,
            label_width + length + 6, text_y, TEXT_COLOUR, display_number(value)))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def line_chart(title: str, items: Sequence[tuple[str, object]], *, width: int = 720,
               height: int = 320) -> SafeString:
    """A line through the values in order (e.g. years), each point labelled with its value."""
    items = list(items)[:MAX_ITEMS]
    chart_id = f"line-{next(_ids)}"
    left, right, top, bottom = 60, 20, 24, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [_number(v) for _l, v in items]
    low, high = min([0.0, *values]), max([0.0, *values]) or 1.0
    span = (high - low) or 1.0
    step = plot_w / max(len(items) - 1, 1)

    def xy(index, value):
        return (round(left + index * step, 1),
                round(top + plot_h - (value - low) / span * plot_h, 1))

    points = [xy(i, v) for i, v in enumerate(values)]
    parts = [_open(chart_id, width, height, title, items)]
    parts.append(format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>',
        left, top + plot_h, left + plot_w, top + plot_h, GRID_COLOUR))
    if points:
        parts.append(format_html(
            '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"></polyline>',
            LINE_COLOUR, " ".join(f"{x},{y}" for x, y in points)))
    label_every = max(1, len(items) // 12)
    parts.append(format_html_join(
        "", '<g><circle cx="{}" cy="{}" r="3.5" fill="{}"></circle>'
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" ' + FONT + '>{}</text>'
            '<text x="{}" y="{}" text-anchor="end" fill="{}" ' + FONT +
            ' transform="rotate(-35 {} {})">{}</text></g>',
        ((x, y, LINE_COLOUR, x, y - 8, TEXT_COLOUR,
          display_number(items[i][1]) if i % label_every == 0 else "",
          x, top + plot_h + 16, TEXT_COLOUR, x, top + plot_h + 16,
          _short(items[i][0], 16) if i % label_every == 0 else "")
         for i, (x, y) in enumerate(points))))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def chart(kind: str, title: str, items: Sequence[tuple[str, object]]) -> SafeString:
    return line_chart(title, items) if kind == "line" else bar_chart(title, items)
