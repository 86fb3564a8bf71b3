"""The chart of a table aggregation (group by), drawn by ``core.charts``.

The page prints the same figures as a table below the chart (the fallback for screen readers
and for people who cannot read the chart).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from prima.core import charts
from prima.core.charts import display_number

__all__ = ["KINDS", "MAX_ITEMS", "chart", "display_number"]

MAX_ITEMS = 60
KINDS = ("bar", "line")


def chart(kind: str, title: str, items: Sequence[tuple[str, object]]) -> SafeString:
    """Horizontal bars (long region names stay readable) or a line through the values in
    order (e.g. years); at most ``MAX_ITEMS`` groups."""
    items = [(str(label), value) for label, value in list(items)[:MAX_ITEMS]]
    if kind == "line":
        return charts.line_chart(title, [label for label, _v in items],
                                 [(title, [value for _l, value in items])]).svg()
    return charts.bar_chart(title, items).svg()
