"""Server-rendered SVG bar charts for the report pages (no JavaScript, no CDN).

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` (named through
``aria-labelledby``) and a text label beside every bar, so screen readers and people who cannot
tell colours apart get the same figures; the page also prints them as a table.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#1d4f91"
GRID_COLOUR = "#c9d2de"
TEXT_COLOUR = "#1b1f24"
FONT = "font-family=\"system-ui, sans-serif\" font-size=\"13\""

_ids = itertools.count(1)


def _chart_id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _desc(items: Sequence[tuple[str, int]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in items)


def horizontal_bars(title: str, items: Sequence[tuple[str, int]], *, width: int = 640,
                    label_width: int = 240, bar_height: int = 22, gap: int = 8) -> SafeString:
    """One bar per item, label at the left and the value at the end of the bar."""
    chart_id = _chart_id("hbar")
    top = 8
    height = top + len(items) * (bar_height + gap) + 8
    track = width - label_width - 60
    maximum = max((v for _l, v in items), default=0) or 1
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            width, height, chart_id, chart_id, chart_id, title, chart_id, _desc(items),
        )
    ]
    for index, (label, value) in enumerate(items):
        y = top + index * (bar_height + gap)
        bar = round(track * value / maximum)
        text_y = y + bar_height * 0.7
        parts.append(format_html(
            '<g><text x="{}" y="{}" text-anchor="end" fill="{}" ' + FONT + '>{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
            '<text x="{}" y="{}" fill="{}" ' + FONT + ' font-weight="bold">{}</text></g>',
            label_width - 8, text_y, TEXT_COLOUR, _shorten(label, 34),
            label_width, y, max(bar, 1 if value else 0), bar_height, BAR_COLOUR,
            label_width + bar + 6, text_y, TEXT_COLOUR, value,
        ))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html


def vertical_bars(title: str, items: Sequence[tuple[str, int]], *, width: int = 640,
                  height: int = 240) -> SafeString:
    """Columns with the label under each and the value above it (e.g. requests per month)."""
    chart_id = _chart_id("vbar")
    left, right, top, bottom = 16, 16, 24, 28
    plot_height = height - top - bottom
    slot = (width - left - right) / max(len(items), 1)
    bar_width = slot * 0.6
    maximum = max((v for _l, v in items), default=0) or 1
    baseline = top + plot_height
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>',
            width, height, chart_id, chart_id, chart_id, title, chart_id, _desc(items),
            left, baseline, width - right, baseline, GRID_COLOUR,
        )
    ]
    for index, (label, value) in enumerate(items):
        bar = round(plot_height * value / maximum)
        x = left + index * slot + (slot - bar_width) / 2
        centre = x + bar_width / 2
        parts.append(format_html(
            '<g><rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" ' + FONT + '>{}</text>'
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" ' + FONT
            + ' font-weight="bold">{}</text></g>',
            f"{x:.1f}", baseline - bar, f"{bar_width:.1f}", bar, BAR_COLOUR,
            f"{centre:.1f}", baseline + 18, TEXT_COLOUR, _shorten(label, 8),
            f"{centre:.1f}", baseline - bar - 6, TEXT_COLOUR, value,
        ))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html


def _shorten(label: str, limit: int) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"

