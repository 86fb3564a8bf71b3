"""The annual report page's charts, drawn by ``core.charts`` (the same charts as its PDF).

The page also prints every figure as a table below each chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from prima.core import charts


def horizontal_bars(title: str, items: Sequence[tuple[str, int]]) -> SafeString:
    """One bar per ``(label, count)`` (e.g. the outcomes), its count beside it."""
    return charts.bar_chart(title, items).svg()


def vertical_bars(title: str, items: Sequence[tuple[str, int]]) -> SafeString:
    """One column per ``(label, count)`` (e.g. requests per month)."""
    return charts.column_chart(title, items).svg()
