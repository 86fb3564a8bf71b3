"""Inline SVG charts for the reform dashboards: no JavaScript, no chart library, no CDN.

Every chart is accessible on its own: ``role="img"`` with ``aria-labelledby`` pointing at its
``<title>`` and ``<desc>``, and every bar carries its value as text (colour is never the only
carrier of meaning). Labels go through ``format_html`` so names are escaped.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

_ids = itertools.count(1)

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 300
BAR_WIDTH = 300
VALUE_WIDTH = 70
TOP = 8


def percent(value) -> str:
    """``value`` (a fraction, 1 = 100%) as a whole percentage, "—" without data."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal(1)):f}%"


def _clip(text: str, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(items: list[tuple[str, object, str]], *, title: str, description: str,
              maximum=Decimal(1), marker=None) -> SafeString:
    """Horizontal bars, one per ``(label, value, css class)``; ``value`` a fraction or ``None``.

    ``maximum`` is the value of a full bar (values above it are drawn full and still labelled
    with their real value). ``marker`` draws a dashed line at that fraction (e.g. the expected
    progress by the quarter) and is explained in the description.
    """
    uid = f"rb-chart-{next(_ids)}"
    maximum = Decimal(maximum) if maximum else Decimal(1)
    height = TOP * 2 + len(items) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for index, (label, value, css) in enumerate(items):
        y = TOP + index * (BAR_HEIGHT + GAP)
        fraction = Decimal(0) if value is None else min(max(Decimal(value), Decimal(0)),
                                                           maximum) / maximum
        length = int(fraction * BAR_WIDTH)
        rows.append((
            y + BAR_HEIGHT * 0.7, _clip(label), label,
            LABEL_WIDTH, y, BAR_WIDTH, BAR_HEIGHT,
            LABEL_WIDTH, y, length, BAR_HEIGHT, css or "rb-bar",
            LABEL_WIDTH + BAR_WIDTH + 6, y + BAR_HEIGHT * 0.7, percent(value),
        ))
    bars = format_html_join(
        "\n",
        '<g><text x="0" y="{}" class="rb-chart-label">{}<title>{}</title></text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="rb-bar-track"/>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="{}"/>'
        '<text x="{}" y="{}" class="rb-chart-value">{}</text></g>',
        rows)
    marker_svg = ""
    if marker is not None:
        x = LABEL_WIDTH + int(min(max(Decimal(marker), Decimal(0)), maximum) / maximum
                              * BAR_WIDTH)
        marker_svg = format_html(
            '<line x1="{}" x2="{}" y1="0" y2="{}" class="rb-chart-marker"/>', x, x, height)
    return format_html(
        '<svg class="rb-chart" role="img" aria-labelledby="{}-t {}-d" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}{}</svg>',
        uid, uid, width, height, uid, title, uid, description, bars, marker_svg)


def area_chart(areas, *, title: str, expected=None) -> SafeString:
    """The bar chart of a plan's achievement per area of change (R1's ``AreaProgress`` list or
    ``(label, value, state)`` tuples)."""
    items = []
    for area in areas:
        if isinstance(area, tuple):
            label, value, state = area
        else:
            label = f"{area.area.number}. {area.area.name}"
            value, state = area.achievement, area.state
        items.append((label, value, f"rb-bar rb-bar-{state}"))
    parts = [f"{label}: {percent(value)}" for label, value, _css in items]
    description = _("Capaian per area perubahan (100%% = target tahunan): %(values)s.") % {
        "values": "; ".join(parts) or _("belum ada data")}
    if expected is not None:
        description += " " + _("Garis putus-putus: capaian yang diharapkan sampai triwulan "
                               "ini (%(value)s).") % {"value": percent(expected)}
    return bar_chart(items, title=title, description=description, marker=expected)
