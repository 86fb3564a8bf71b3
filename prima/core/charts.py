"""Charts for every app, drawn once: accessible inline SVG, and the same drawing in PDFs.

A chart is laid out once into a few shapes (rectangles, lines, text) held by a ``Chart``; the
page shows it as inline SVG (``{{ chart }}``: no JavaScript, no chart library, no CDN) and a PDF
draws the very same shapes with reportlab (``core.pdf.chart_drawing``).

Accessibility: the SVG is ``role="img"`` named by its ``<title>`` and described by a ``<desc>``
that lists every figure, every bar or point carries its value as text, and colour never carries
meaning alone (series also differ by marker and dash). Pages print the same figures as a table.

Phones first: the SVG is as wide as its container, so its text scales with it. The viewBox is
``VIEW_WIDTH`` (360) units wide and text is ``FONT_SIZE`` (13) units: on a 390 px phone the page
leaves a 358 px container, where text renders at 13 × 358 / 360 ≈ 12.9 px; the SVG never grows
wider than ``MAX_CSS_WIDTH`` px, so on a desktop text stays below 18 px. Long labels therefore
go on their own line above the bar, and what still does not fit is cut with "…" and keeps its
full text in a ``<title>`` (and in the description).
"""

from __future__ import annotations

import itertools
import math
from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

VIEW_WIDTH = 360
FONT_SIZE = 13
MAX_CSS_WIDTH = 480  # in prima/static/prima/prima.css (svg.chart): no style attributes (CSP)
FONT_FAMILY = "system-ui, sans-serif"

# One palette for every app. Each colour has at least 4.5:1 contrast against white (WCAG AA for
# text), so it may also colour text; charts write their labels in TEXT.
TEXT = "#1b1f24"
MUTED = "#4b5563"
GRID = "#c9d2de"
TRACK = "#eef0f3"
PALETTE = {
    "blue": "#1d4f91",
    "red": "#b3261e",
    "green": "#1e6b34",
    "amber": "#8a5300",
    "purple": "#5b3a8c",
    "teal": "#00695c",
    "grey": "#5b6470",
}
SERIES = ("blue", "red", "green", "purple", "amber", "teal")
DASHES = (None, "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square")
# Heat map bands from low to high: (fill, text colour), each pair above 4.5:1.
HEAT_BANDS = (("#a4161a", "#ffffff"), ("#f1a37b", "#3b1300"), ("#f4d27a", "#3a2a00"),
              ("#6fae7f", "#10240f"), ("#1e6b34", "#ffffff"))
HEAT_NONE = ("#f3f4f6", MUTED)

_ids = itertools.count(1)

Number = int | float | Decimal


# --- figures and text -------------------------------------------------------------------------


def display_number(value) -> str:
    """A figure as Indonesians read it: 1.234.567 or 12,5; "–" for no value."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        return number_format(int(value), force_grouping=True)
    if isinstance(value, float | Decimal):
        return number_format(round(float(value), 2), decimal_pos=2, force_grouping=True)
    return str(value)


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@lru_cache(maxsize=4096)
def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Width of ``text`` in user units, measured with the PDF font (DejaVu Sans where present:
    wider than the sans-serif fonts of phones and desktops, so what fits here fits there)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .pdf import fonts

    regular, bold_font = fonts()
    return stringWidth(text, bold_font if bold else regular, size)


def fit(text, width: float, size: float = FONT_SIZE, bold: bool = False) -> str:
    """``text`` cut with "…" so that it is at most ``width`` units wide."""
    text = " ".join(str(text).split())
    width += 0.01  # widths computed from this text's own measure must let it through
    if text_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def colour(tone: str | None, default: str = "blue") -> str:
    """A palette colour by name; a ``#rrggbb`` value is used as given."""
    if tone and tone.startswith("#"):
        return tone
    return PALETTE.get(tone or default, PALETTE[default])


# --- shapes -----------------------------------------------------------------------------------


# The shapes a chart is made of, in user units (y grows downwards, as in SVG).
Rect = namedtuple("Rect", "x y width height fill title", defaults=("",))
Rect.__doc__ = "A filled rectangle: a bar, a track, a heat-map cell, a legend swatch."
Line = namedtuple("Line", "x1 y1 x2 y2 stroke width dash", defaults=(GRID, 1, None))
Line.__doc__ = "A straight line: an axis, a grid line, the dashed marker of a value."
Polyline = namedtuple("Polyline", "points stroke width dash", defaults=(2, None))
Polyline.__doc__ = "A series' line through its points."
Marker = namedtuple("Marker", "x y fill shape size title", defaults=("circle", 4, ""))
Marker.__doc__ = "A point of a series: a circle, square, diamond or triangle."
Text = namedtuple("Text", "x y text anchor bold fill title",
                  defaults=("start", False, TEXT, ""))
Text.__doc__ = ("A label or a value in the chart's font size; ``anchor`` as SVG's text-anchor, "
                "``title`` the full text when ``text`` was cut.")


def _r(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg_shape(shape) -> SafeString:
    title = format_html("<title>{}</title>", shape.title) if getattr(shape, "title", "") else ""
    if isinstance(shape, Text):
        weight = mark_safe(' font-weight="bold"') if shape.bold else ""  # noqa: S308 - constant
        anchor = format_html(' text-anchor="{}"', shape.anchor) if shape.anchor != "start" else ""
        text = format_html('<text x="{}" y="{}" fill="{}"{}{}>{}</text>', _r(shape.x),
                           _r(shape.y), shape.fill, anchor, weight, shape.text)
        return format_html("<g>{}{}</g>", title, text) if title else text
    if isinstance(shape, Rect):
        return format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}">{}</rect>',
                           _r(shape.x), _r(shape.y), _r(max(shape.width, 0)),
                           _r(shape.height), shape.fill, title)
    if isinstance(shape, Line):
        dash = format_html(' stroke-dasharray="{}"', shape.dash) if shape.dash else ""
        return format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                           'stroke-width="{}"{}></line>', _r(shape.x1), _r(shape.y1),
                           _r(shape.x2), _r(shape.y2), shape.stroke, _r(shape.width), dash)
    if isinstance(shape, Polyline):
        dash = format_html(' stroke-dasharray="{}"', shape.dash) if shape.dash else ""
        points = " ".join(f"{_r(x)},{_r(y)}" for x, y in shape.points)
        return format_html('<polyline fill="none" stroke="{}" stroke-width="{}" '
                           'stroke-linejoin="round" points="{}"{}></polyline>',
                           shape.stroke, _r(shape.width), points, dash)
    if isinstance(shape, Marker):
        return format_html('<path d="{}" fill="{}">{}</path>', marker_path(shape), shape.fill,
                           title)
    raise TypeError(f"Not a chart shape: {shape!r}")


def marker_points(marker: Marker) -> list[tuple[float, float]]:
    """The outline of a square, diamond or triangle marker (a circle has none)."""
    x, y, s = marker.x, marker.y, marker.size
    if marker.shape == "square":
        s *= 0.85
        return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    if marker.shape == "diamond":
        s *= 1.2
        return [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    if marker.shape == "triangle":
        s *= 1.15
        return [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    return []


def marker_path(marker: Marker) -> str:
    points = marker_points(marker)
    if not points:
        x, y, r = marker.x, marker.y, marker.size
        return (f"M{_r(x - r)} {_r(y)}a{_r(r)} {_r(r)} 0 1 0 {_r(2 * r)} 0"
                f"a{_r(r)} {_r(r)} 0 1 0 {_r(-2 * r)} 0Z")
    return "M" + "L".join(f"{_r(px)} {_r(py)}" for px, py in points) + "Z"


@dataclass
class Chart:
    """A laid-out chart: its size in user units, its name and description, its shapes."""

    title: str
    description: str
    width: float
    height: float
    font_size: float = FONT_SIZE
    shapes: list = field(default_factory=list)
    uid: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    def svg(self) -> SafeString:
        body = format_html_join("", "{}", ((_svg_shape(s),) for s in self.shapes))
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            'viewBox="0 0 {} {}" width="100%" '
            'preserveAspectRatio="xMinYMin meet" aria-labelledby="{}-title {}-desc" '
            'font-family="{}" font-size="{}">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
            _r(self.width), _r(self.height), self.uid, self.uid, FONT_FAMILY,
            _r(self.font_size), self.uid, self.title, self.uid, self.description, body)

    def __html__(self) -> str:
        return self.svg()

    def __str__(self) -> str:
        return self.svg()


def _describe(items: Sequence[tuple[str, object]], fmt) -> str:
    return "; ".join(f"{label}: {fmt(value)}" for label, value in items) or _("Belum ada data.")


def _no_data(chart: Chart) -> Chart:
    chart.height = chart.font_size * 2.5
    chart.shapes.append(Text(0, chart.font_size * 1.5, _("Belum ada data."), fill=MUTED))
    return chart


# --- bar charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    tone: str | None = None


def _bars(items) -> list[Bar]:
    bars = []
    for item in items:
        if isinstance(item, Bar):
            bars.append(item)
        else:
            label, value, *rest = item
            bars.append(Bar(str(label), value, rest[0] if rest else None))
    return bars


def bar_chart(title: str, items: Sequence, *, fmt: Callable = display_number,
              maximum: Number | None = None, marker: Number | None = None,
              description: str | None = None, width: float = VIEW_WIDTH,
              font_size: float = FONT_SIZE) -> Chart:
    """Horizontal bars, one per ``(label, value[, tone])``, each with its value as text.

    Short labels stand in a column at the left of their bar; longer ones on their own line
    above it (a phone has no room for both). ``maximum`` is the value of a full bar (drawn as a
    light track; values above it are drawn full and still labelled with their real value);
    without it the largest value fills the width. ``marker`` draws a dashed line at that value
    (e.g. the progress expected by now): say what it means in ``description``.
    """
    bars = _bars(items)
    chart = Chart(title, description or _describe([(b.label, b.value) for b in bars], fmt),
                  width, 0, font_size)
    if not bars:
        return _no_data(chart)
    line = font_size * 1.3
    value_width = max(text_width(fmt(b.value), font_size, bold=True) for b in bars) + 6
    label_width = max(text_width(b.label, font_size) for b in bars)
    inline = label_width <= width * 0.34
    label_column = label_width + 8 if inline else 0
    track = max(width - label_column - value_width, width * 0.3)
    numbers = [_number(b.value) for b in bars]
    full = _number(maximum) or max([n for n in numbers if n is not None] + [0]) or 1
    bar_height = font_size * (1.4 if inline else 1.0)
    pitch = (bar_height + 7) if inline else (line + bar_height + 9)
    y = 2
    for bar, number in zip(bars, numbers, strict=True):
        bar_top = y if inline else y + line
        baseline = bar_top + bar_height / 2 + font_size * 0.35
        shown = fit(bar.label, (label_column - 8) if inline else width, font_size)
        chart.shapes.append(Text(label_column - 8 if inline else 0,
                                 baseline if inline else y + font_size,
                                 shown, anchor="end" if inline else "start",
                                 title=bar.label if shown != bar.label else ""))
        if maximum is not None:
            chart.shapes.append(Rect(label_column, bar_top, track, bar_height, TRACK))
        length = track * min(max(number or 0, 0), full) / full
        if number and number > 0 and length < 1:
            length = 1  # a value above zero is never invisible
        chart.shapes.append(Rect(label_column, bar_top, length, bar_height, colour(bar.tone),
                                 title=f"{bar.label}: {fmt(bar.value)}"))
        chart.shapes.append(Text(label_column + length + 5, baseline, fmt(bar.value),
                                 bold=True))
        y += pitch
    chart.height = y
    if marker is not None and _number(marker) is not None:
        # A dashed tick across each bar (not across the labels above the bars).
        x = label_column + track * min(max(_number(marker), 0), full) / full
        for index in range(len(bars)):
            top = 2 + index * pitch + (0 if inline else line)
            chart.shapes.append(Line(x, top - 3, x, top + bar_height + 3, TEXT, 1.5, "3 2"))
    return chart


def column_chart(title: str, items: Sequence, *, fmt: Callable = display_number,
                 description: str | None = None, width: float = VIEW_WIDTH,
                 font_size: float = FONT_SIZE, plot_height: float = 130) -> Chart:
    """Vertical bars (e.g. one per month) with the value above and the label below each.

    When the labels or values do not fit side by side at this width, the same figures are
    drawn as horizontal bars instead (text never shrinks below the readable size).
    """
    bars = _bars(items)
    if not bars:
        return bar_chart(title, bars, fmt=fmt, description=description, width=width,
                         font_size=font_size)
    slot = width / len(bars)
    widest = max(max(text_width(b.label, font_size), text_width(fmt(b.value), font_size, True))
                 for b in bars)
    if widest > slot - 2:
        return bar_chart(title, bars, fmt=fmt, description=description, width=width,
                         font_size=font_size)
    chart = Chart(title, description or _describe([(b.label, b.value) for b in bars], fmt),
                  width, 0, font_size)
    top = font_size * 1.4
    baseline = top + plot_height
    numbers = [_number(b.value) for b in bars]
    full = max([n for n in numbers if n is not None] + [0]) or 1
    chart.shapes.append(Line(0, baseline, width, baseline, GRID))
    for index, (bar, number) in enumerate(zip(bars, numbers, strict=True)):
        centre = slot * index + slot / 2
        height = plot_height * min(max(number or 0, 0), full) / full
        if number and number > 0 and height < 1:
            height = 1
        bar_width = min(slot * 0.62, 40)
        chart.shapes.append(Rect(centre - bar_width / 2, baseline - height, bar_width, height,
                                 colour(bar.tone), title=f"{bar.label}: {fmt(bar.value)}"))
        chart.shapes.append(Text(centre, baseline - height - 4, fmt(bar.value), "middle",
                                 bold=True))
        chart.shapes.append(Text(centre, baseline + font_size * 1.3, bar.label, "middle"))
    chart.height = baseline + font_size * 1.3 + 5
    return chart


# --- line chart -------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (about ``count`` intervals) covering ``low`` to ``high``, with 0."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _tick_text(value: float, fmt) -> str:
    return fmt(int(value) if value == int(value) else value)


def line_chart(title: str, categories: Sequence[str],
               series: Sequence[tuple[str, Sequence[object]]], *,
               fmt: Callable = display_number, description: str | None = None,
               width: float = VIEW_WIDTH, font_size: float = FONT_SIZE,
               plot_height: float = 150) -> Chart:
    """One line per ``(name, values)`` over ``categories`` (e.g. quarters or years).

    Series differ by colour, dash and marker; with more than one series a legend names them.
    A missing value (``None``) breaks the line. The y axis has a few round ticks; the
    categories are labelled as often as their text fits, and a single series also labels its
    points there.
    """
    categories = [str(c) for c in categories]
    series = [(str(name), list(values)) for name, values in series]
    if description is None:
        parts = []
        for name, values in series:
            points = [f"{c}: {fmt(v)}" for c, v in zip(categories, values, strict=False)]
            parts.append(f"{name} ({', '.join(points)})" if len(series) > 1
                         else "; ".join(points))
        description = "; ".join(parts) or _("Belum ada data.")
    chart = Chart(title, description, width, 0, font_size)
    numbers = [_number(v) for _n, values in series for v in values]
    known = [n for n in numbers if n is not None]
    if not categories or not known:
        return _no_data(chart)
    line = font_size * 1.35
    y = 0.0
    if len(series) > 1:
        for index, (name, _values) in enumerate(series):
            stroke = colour(SERIES[index % len(SERIES)])
            middle = y + line / 2 + 1
            chart.shapes.append(Line(0, middle, 22, middle, stroke, 2.5,
                                     DASHES[index % len(DASHES)]))
            chart.shapes.append(Marker(11, middle, stroke, MARKERS[index % len(MARKERS)]))
            shown = fit(name, width - 30, font_size)
            chart.shapes.append(Text(30, middle + font_size * 0.35, shown,
                                     title=name if shown != name else ""))
            y += line
        y += 4
    ticks = nice_ticks(min(known), max(known))
    low, high = ticks[0], ticks[-1]
    tick_labels = [_tick_text(t, fmt) for t in ticks]
    left = max(text_width(t, font_size) for t in tick_labels) + 6
    label_width = max(text_width(fit(c, width / 3, font_size), font_size) for c in categories)
    right = min(label_width / 2, width / 6) + 2
    plot_top = y + font_size  # room for the value label of the highest point
    plot_width = width - left - right
    step = plot_width / max(len(categories) - 1, 1)
    every = max(1, math.ceil((label_width + 8) / step)) if len(categories) > 1 else 1

    def ypos(value: float) -> float:
        return plot_top + plot_height - (value - low) / (high - low) * plot_height

    for tick, text in zip(ticks, tick_labels, strict=True):
        chart.shapes.append(Line(left, ypos(tick), width - right, ypos(tick), GRID, 0.75))
        chart.shapes.append(Text(left - 5, ypos(tick) + font_size * 0.35, text, "end",
                                 fill=MUTED))
    bottom = plot_top + plot_height
    for index, category in enumerate(categories):
        if index % every == 0:
            shown = fit(category, max(step * every - 6, width / 3), font_size)
            chart.shapes.append(Text(left + index * step, bottom + font_size * 1.3, shown,
                                     "middle", title=category if shown != category else ""))
    for number, (name, values) in enumerate(series):
        stroke = colour(SERIES[number % len(SERIES)])
        points: list[tuple[float, float]] = []
        markers = []
        for index, value in enumerate(values[:len(categories)]):
            amount = _number(value)
            if amount is None:
                if len(points) > 1:
                    chart.shapes.append(Polyline(tuple(points), stroke, 2.5,
                                                 DASHES[number % len(DASHES)]))
                points = []
                continue
            point = (left + index * step, ypos(amount))
            points.append(point)
            markers.append(Marker(*point, stroke, MARKERS[number % len(MARKERS)],
                                  title=f"{name}, {categories[index]}: {fmt(value)}"))
            if len(series) == 1 and index % every == 0:
                chart.shapes.append(Text(point[0], point[1] - 7, fmt(value), "middle",
                                         bold=True))
        if len(points) > 1:
            chart.shapes.append(Polyline(tuple(points), stroke, 2.5,
                                         DASHES[number % len(DASHES)]))
        chart.shapes.extend(markers)
    chart.height = bottom + font_size * 1.3 + 5
    return chart


# --- heat map ---------------------------------------------------------------------------------


def heat_band(value, thresholds: Sequence[Number]) -> int | None:
    """The band (0 = lowest) of ``value`` among ascending lower bounds; ``None`` for no value."""
    number = _number(value)
    if number is None:
        return None
    return sum(1 for bound in thresholds if number >= float(bound))


def heat_map(title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[object]]],
             *, thresholds: Sequence[Number], legend: Sequence[str] | None = None,
             fmt: Callable = display_number, column_keys: Sequence[str] | None = None,
             description: str | None = None, width: float = VIEW_WIDTH,
             font_size: float = FONT_SIZE) -> Chart:
    """A grid of values, one line of cells per ``(label, values)`` row, coloured in bands.

    ``thresholds`` are the ascending lower bounds of the bands above the lowest (at most four:
    five bands); ``legend`` names the bands from low to high. Each row's label stands on its own
    line above its cells; the columns are headed by ``column_keys`` (default 1, 2, 3 ...) and a
    key below the grid names them. Every cell shows its value in a colour readable on its fill.
    """
    if len(thresholds) > len(HEAT_BANDS) - 1:
        raise ValueError("A heat map has at most five bands.")
    bands = HEAT_BANDS[len(HEAT_BANDS) - len(thresholds) - 1:]
    keys = list(column_keys or [str(i) for i in range(1, len(columns) + 1)])
    if description is None:
        description = "; ".join(
            f"{label}: " + ", ".join(f"{c} {fmt(v)}" for c, v in zip(columns, values,
                                                                  strict=False))
            for label, values in rows) or _("Belum ada data.")
    chart = Chart(title, description, width, 0, font_size)
    if not rows or not columns:
        return _no_data(chart)
    line = font_size * 1.3
    cell = width / len(columns)
    cell_height = font_size * 1.7
    y = 0.0
    for index, (key, name) in enumerate(zip(keys, columns, strict=True)):
        chart.shapes.append(Text(cell * index + cell / 2, y + font_size, key, "middle",
                                 bold=True, title=name))
    y += line + 2
    for label, values in rows:
        shown = fit(label, width, font_size)
        chart.shapes.append(Text(0, y + font_size, shown, title=label if shown != label else ""))
        y += line
        for index, value in enumerate(list(values)[:len(columns)]):
            band = heat_band(value, thresholds)
            fill, ink = HEAT_NONE if band is None else bands[band]
            text = fmt(value)
            chart.shapes.append(Rect(cell * index + 1, y, cell - 2, cell_height, fill,
                                     title=f"{label}, {columns[index]}: {text}"))
            if text_width(text, font_size) <= cell - 4:
                chart.shapes.append(Text(cell * index + cell / 2,
                                         y + cell_height / 2 + font_size * 0.35, text,
                                         "middle", fill=ink))
        y += cell_height + 6
    y += 4
    for key, name in zip(keys, columns, strict=True):
        text = f"{key}. {name}" if key != name else name
        shown = fit(text, width, font_size)
        chart.shapes.append(Text(0, y + font_size, shown, fill=MUTED,
                                 title=text if shown != text else ""))
        y += line
    if legend:
        y += 4
        x = 0.0
        for (fill, _ink), label in zip((*bands, HEAT_NONE), legend, strict=False):
            needed = 20 + text_width(label, font_size) + 12
            if x and x + needed > width:
                x, y = 0.0, y + line + 2
            chart.shapes.append(Rect(x, y + 1, 15, font_size, fill))
            chart.shapes.append(Text(x + 20, y + font_size, label))
            x += needed
        y += line + 2
    chart.height = y + 2
    return chart
