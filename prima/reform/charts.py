"""The reform dashboards' charts, drawn by ``core.charts``: achievement as bars coloured by
progress state (the state is also in the page's tables: colour is never the only carrier), with
the progress expected by now as a dashed line."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from prima.core import charts

from .choices import ProgressState

# Progress states in the palette's colours.
STATE_TONES = {
    ProgressState.ON_TRACK: "green",
    ProgressState.AT_RISK: "amber",
    ProgressState.LATE: "red",
    ProgressState.NOT_STARTED: "grey",
    ProgressState.NOT_REPORTED: "red",
    ProgressState.REPORT_LATE: "red",
}


def percent(value) -> str:
    """``value`` (a fraction, 1 = 100%) as a whole percentage, "—" without data."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal(1)):f}%"


def _tone(css: str | None) -> str:
    """The palette colour of a bar given as ``"rb-bar rb-bar-<state>"`` (or a state)."""
    state = (css or "").split()[-1].removeprefix("rb-bar-") if css else ""
    return STATE_TONES.get(state, "blue")


def bar_chart(items: list[tuple[str, object, str]], *, title: str, description: str,
              maximum=Decimal(1), marker=None) -> SafeString:
    """Horizontal bars, one per ``(label, value, css class or state)``; ``value`` a fraction or
    ``None``. ``maximum`` is the value of a full bar; ``marker`` a dashed line at that fraction
    (explain it in ``description``)."""
    bars = [(label, value, _tone(css)) for label, value, css in items]
    return charts.bar_chart(title, bars, fmt=percent, maximum=maximum or Decimal(1),
                            marker=marker, description=description).svg()


def area_chart(areas, *, title: str, expected=None) -> SafeString:
    """The bar chart of a plan's achievement per area of change (``AreaProgress`` list or
    ``(label, value, state)`` tuples)."""
    items = []
    for area in areas:
        if isinstance(area, tuple):
            label, value, state = area
        else:
            label = f"{area.area.number}. {area.area.display_name}"
            value, state = area.achievement, area.state
        items.append((label, value, state))
    parts = [f"{label}: {percent(value)}" for label, value, _state in items]
    description = _("Capaian per area perubahan (100%% = target tahunan): %(values)s.") % {
        "values": "; ".join(parts) or _("belum ada data")}
    if expected is not None:
        description += " " + _("Garis putus-putus: capaian yang diharapkan sampai triwulan "
                               "ini (%(value)s).") % {"value": percent(expected)}
    return bar_chart(items, title=title, description=description, marker=expected)
