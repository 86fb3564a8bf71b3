"""The SOP flowchart, drawn from the procedure rows (PermenPANRB 35/2012 symbols) so nobody
draws it by hand: one layout, two outputs (SVG on the page, a reportlab drawing in the PDF).

Each step sits in its actor's column (swimlane) and its own row: a start/end terminator (rounded
rectangle), a process (rectangle) or a decision (diamond; "Ya" continues to the next step,
"Tidak" goes to the named step). Arrows run down and across the actor columns. Where the
procedure continues on another page, an off-page connector (a pentagon with a letter) ends the
page and starts the next one; a "Tidak" branch to a step on another page ends in a connector
naming that step.

The layout is pure: ``layout(...)`` returns primitives (boxes, polygons, paths, labels) in a
y-down coordinate space; ``to_svg`` and ``to_drawing`` only paint them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .choices import StepKind

INK = "#1b1f24"
MUTED = "#5b6470"
LANE = "#c9d2de"
HEAD = "#e8edf4"
FILL = "#ffffff"
DECISION_FILL = "#fff6e0"
TERMINATOR_FILL = "#e6f3ea"
CONNECTOR_FILL = "#eef0ff"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    radius: float = 0
    fill: str = FILL
    stroke: str = INK


@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    fill: str = FILL
    stroke: str | None = INK


@dataclass(frozen=True)
class Path:
    points: tuple[tuple[float, float], ...]
    stroke: str = INK


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float = 8
    anchor: str = "middle"  # start, middle, end
    bold: bool = False
    fill: str = INK


@dataclass(frozen=True)
class StepShape:
    """What the layout needs of a procedure row."""

    number: int
    kind: str
    actor: int  # column index
    activity: str = ""
    no_goto: int | None = None


@dataclass
class Diagram:
    width: float
    height: float
    shapes: list = field(default_factory=list)
    connectors: list[str] = field(default_factory=list)  # labels of off-page connectors

    def add(self, *shapes) -> None:
        self.shapes.extend(shapes)


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` points (estimated widths)."""
    per_line = max(int(width / (size * 0.55)), 4)
    words, result, current = (text or "").split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word[:per_line]
        if len(result) == lines:
            break
    if current and len(result) < lines:
        result.append(current)
    if len(result) > lines or (result and len(" ".join(result)) < len(" ".join(words))):
        result = result[:lines]
        last = result[-1]
        result[-1] = (last[:per_line - 1] if len(last) >= per_line else last) + "…"
    return result


def _arrow_head(tip: tuple[float, float], before: tuple[float, float], size: float = 5):
    (x, y), (px, py) = tip, before
    if abs(x - px) >= abs(y - py):  # horizontal last segment
        d = 1 if x > px else -1
        return ((x, y), (x - d * size, y - size * 0.6), (x - d * size, y + size * 0.6))
    d = 1 if y > py else -1
    return ((x, y), (x - size * 0.6, y - d * size), (x + size * 0.6, y - d * size))


def _arrow(diagram: Diagram, points, label: str = "", label_at=None) -> None:
    points = tuple(p for i, p in enumerate(points) if i == 0 or p != points[i - 1])
    diagram.add(Path(points), Poly(_arrow_head(points[-1], points[-2]), fill=INK, stroke=None))
    if label:
        lx, ly = label_at or points[0]
        diagram.add(Label(lx, ly, label, size=7, anchor="start", fill=MUTED))


def _connector(diagram: Diagram, cx: float, top: float, label: str, caption: str,
               size: float = 16) -> tuple[float, float]:
    """An off-page connector (pentagon pointing down) with its label; returns its top and
    bottom points."""
    half = size / 2
    diagram.add(Poly(((cx - half, top), (cx + half, top), (cx + half, top + size * 0.65),
                      (cx, top + size), (cx - half, top + size * 0.65)), fill=CONNECTOR_FILL),
                Label(cx, top + size * 0.5, label, size=8, bold=True),
                Label(cx + half + 3, top + size * 0.5, caption, size=6.5, anchor="start",
                      fill=MUTED))
    diagram.connectors.append(label)
    return (cx, top), (cx, top + size)


def layout(actors: list[str], steps: list[StepShape], *, column_width: float,
           row_heights: list[float], lanes: bool = True, header_height: float = 30,
           labels: bool = True, incoming: tuple[str, str] | None = None,
           outgoing: tuple[str, str] | None = None, connector_height: float = 34,
           offpage: dict[int, int] | None = None) -> Diagram:
    """Lay out ``steps`` (one row each, heights ``row_heights``) across the actor columns.

    ``lanes`` draws the columns with their header (the screen); without, the diagram starts at
    the first row (the PDF draws the table around it). ``incoming``/``outgoing`` are
    ``(label, caption)`` of off-page connectors above the first and below the last step;
    ``offpage`` maps a step number on another page to that page (for "Tidak" branches).
    """
    top = header_height if lanes else 0
    rows_top = top + (connector_height if incoming else 0)
    height = rows_top + sum(row_heights) + (connector_height if outgoing else 0)
    width = column_width * len(actors)
    diagram = Diagram(width, height)
    if lanes:
        for index, name in enumerate(actors):
            x = index * column_width
            diagram.add(Box(x, 0, column_width, height, fill=FILL, stroke=LANE),
                        Box(x, 0, column_width, header_height, fill=HEAD, stroke=LANE))
            for line_no, line in enumerate(wrap(name, column_width - 8, 8, 2)):
                diagram.add(Label(x + column_width / 2, 12 + line_no * 10, line, size=8,
                                  bold=True))
    # Symbol geometry per step.
    centre, box = {}, {}
    y = rows_top
    for step, row_height in zip(steps, row_heights, strict=True):
        w = min(column_width * 0.78, 130)
        h = min(row_height * 0.62, 44 if labels else 26)
        if step.kind == StepKind.DECISION:
            w, h = min(column_width * 0.82, 140), min(row_height * 0.74, 52 if labels else 30)
        cx, cy = step.actor * column_width + column_width / 2, y + row_height / 2
        centre[step.number] = (cx, cy)
        box[step.number] = (w, h)
        y += row_height
    for step in steps:
        _symbol(diagram, step, centre[step.number], box[step.number], labels)
    # Sequential flow ("Ya" after a decision); none after an end terminator.
    y = rows_top
    for index, step in enumerate(steps):
        y += row_heights[index]
        if step.kind == StepKind.END or index + 1 == len(steps):
            continue
        nxt = steps[index + 1]
        (x1, y1), (x2, y2) = centre[step.number], centre[nxt.number]
        start = (x1, y1 + box[step.number][1] / 2)
        end = (x2, y2 - box[nxt.number][1] / 2)
        label = _("Ya") if step.kind == StepKind.DECISION else ""
        _arrow(diagram, (start, (x1, y), (x2, y), end), label,
               (x1 + 3, start[1] + 8) if label else None)
    # "Tidak" branches.
    for step in steps:
        if step.kind != StepKind.DECISION or not step.no_goto:
            continue
        cx, cy = centre[step.number]
        w = box[step.number][0]
        start = (cx + w / 2, cy)
        if step.no_goto in centre:
            tx, ty = centre[step.no_goto]
            tw = box[step.no_goto][0]
            col = max(step.actor, next(s.actor for s in steps if s.number == step.no_goto))
            gutter = (col + 1) * column_width - 6
            _arrow(diagram, (start, (gutter, cy), (gutter, ty), (tx + tw / 2, ty)),
                   _("Tidak"), (start[0] + 2, cy - 4))
        else:
            page = (offpage or {}).get(step.no_goto)
            caption = (_("ke langkah %(n)s, hlm. %(p)s") % {"n": step.no_goto, "p": page}
                       if page else _("ke langkah %(n)s") % {"n": step.no_goto})
            # Beside the diamond: a short arrow right, then the connector naming the step.
            size = 12
            connector_x = start[0] + 6 + size / 2
            _arrow(diagram, (start, (connector_x, cy), (connector_x, cy + 4)), _("Tidak"),
                   (start[0] + 2, cy - 4))
            _connector(diagram, connector_x, cy + 4, str(step.no_goto), caption, size=size)
    if incoming and steps:
        first = steps[0]
        cx, cy = centre[first.number]
        _top, bottom = _connector(diagram, cx, top + 4, *incoming)
        _arrow(diagram, (bottom, (cx, cy - box[first.number][1] / 2)))
    if outgoing and steps and steps[-1].kind != StepKind.END:
        last = steps[-1]
        cx, cy = centre[last.number]
        connector_top = rows_top + sum(row_heights) + 8
        _arrow(diagram, ((cx, cy + box[last.number][1] / 2), (cx, connector_top)))
        _connector(diagram, cx, connector_top, *outgoing)
    return diagram


def _symbol(diagram: Diagram, step: StepShape, centre, size, labels: bool) -> None:
    (cx, cy), (w, h) = centre, size
    x, y = cx - w / 2, cy - h / 2
    if step.kind in (StepKind.START, StepKind.END):
        diagram.add(Box(x, y, w, h, radius=h / 2, fill=TERMINATOR_FILL))
    elif step.kind == StepKind.DECISION:
        diagram.add(Poly(((cx, y), (x + w, cy), (cx, y + h), (x, cy)), fill=DECISION_FILL))
    else:
        diagram.add(Box(x, y, w, h))
    if not labels:
        diagram.add(Label(cx, cy + 3, str(step.number), size=8, bold=True))
        return
    inner = w * (0.55 if step.kind == StepKind.DECISION else 0.9)
    lines = wrap(f"{step.number}. {step.activity}", inner, 7,
                 2 if step.kind == StepKind.DECISION else 3)
    first = cy - (len(lines) - 1) * 4.5 + 2.5
    for index, line in enumerate(lines):
        diagram.add(Label(cx, first + index * 9, line, size=7))


# --- painting ------------------------------------------------------------------------------


def _points(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def to_svg(diagram: Diagram, *, title: str = "") -> str:
    """The diagram as an inline SVG element (scales to its container)."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-flowchart" role="img" '
           f'viewBox="0 0 {diagram.width:.0f} {diagram.height:.0f}" '
           f'width="{diagram.width:.0f}" height="{diagram.height:.0f}" '
           f'aria-label="{escape(title, {chr(34): "&quot;"})}" '
           f'font-family="DejaVu Sans, Verdana, sans-serif">']
    if title:
        out.append(f"<title>{escape(title)}</title>")
    for shape in diagram.shapes:
        if isinstance(shape, Box):
            out.append(f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" '
                       f'height="{shape.h:.1f}" rx="{shape.radius:.1f}" fill="{shape.fill}" '
                       f'stroke="{shape.stroke}"/>')
        elif isinstance(shape, Poly):
            stroke = f'stroke="{shape.stroke}"' if shape.stroke else 'stroke="none"'
            out.append(f'<polygon points="{_points(shape.points)}" fill="{shape.fill}" '
                       f'{stroke}/>')
        elif isinstance(shape, Path):
            out.append(f'<polyline points="{_points(shape.points)}" fill="none" '
                       f'stroke="{shape.stroke}"/>')
        elif isinstance(shape, Label):
            weight = ' font-weight="bold"' if shape.bold else ""
            out.append(f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
                       f'text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>'
                       f"{escape(shape.text)}</text>")
    out.append("</svg>")
    return "".join(out)


def to_drawing(diagram: Diagram):
    """The diagram as a reportlab Drawing (y up), in points."""
    from reportlab.graphics.shapes import Drawing, Polygon, PolyLine, Rect, String
    from reportlab.lib import colors

    from prima.core.pdf import fonts

    regular, bold = fonts()
    height = diagram.height
    drawing = Drawing(diagram.width, height)
    for shape in diagram.shapes:
        if isinstance(shape, Box):
            drawing.add(Rect(shape.x, height - shape.y - shape.h, shape.w, shape.h,
                             rx=shape.radius, ry=shape.radius,
                             fillColor=colors.HexColor(shape.fill),
                             strokeColor=colors.HexColor(shape.stroke), strokeWidth=0.6))
        elif isinstance(shape, Poly):
            drawing.add(Polygon([c for x, y in shape.points for c in (x, height - y)],
                                fillColor=colors.HexColor(shape.fill),
                                strokeColor=colors.HexColor(shape.stroke) if shape.stroke
                                else None, strokeWidth=0.6))
        elif isinstance(shape, Path):
            drawing.add(PolyLine([c for x, y in shape.points for c in (x, height - y)],
                                 strokeColor=colors.HexColor(shape.stroke), strokeWidth=0.6))
        elif isinstance(shape, Label):
            drawing.add(String(shape.x, height - shape.y, shape.text,
                               fontName=bold if shape.bold else regular, fontSize=shape.size,
                               fillColor=colors.HexColor(shape.fill), textAnchor=shape.anchor))
    return drawing


def shapes_of(sop_actors, sop_steps) -> tuple[list[str], list[StepShape]]:
    """Actor names and step shapes of an SOP's rows (actors and steps already loaded)."""
    index = {actor.pk: i for i, actor in enumerate(sop_actors)}
    return ([a.name for a in sop_actors],
            [StepShape(s.number, s.kind, index.get(s.actor_id, 0), s.activity, s.no_goto)
             for s in sop_steps])


def screen_svg(sop_actors, sop_steps, *, title: str = "") -> str:
    """The whole flowchart for the screen: swimlanes with headers, activity text in symbols."""
    actors, steps = shapes_of(sop_actors, sop_steps)
    if not steps:
        return ""
    diagram = layout(actors, steps, column_width=150, row_heights=[70] * len(steps))
    return to_svg(diagram, title=title)
