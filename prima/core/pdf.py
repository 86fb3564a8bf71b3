"""Prima's PDF documents (reportlab), built from one kit: fonts, paragraph styles, tables, page
templates with "Halaman x dari y" and a generated-at stamp, and charts from ``core.charts``.

Charts: ``chart_drawing`` draws the shapes of a ``core.charts.Chart`` with reportlab graphics,
so a PDF shows the same chart as the web page (one layout, two outputs) without converting SVG
back into a drawing (svglib would add lxml and a CSS parser as dependencies, and would draw with
fonts it guesses from the SVG's ``font-family``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, PolyLine, String
from reportlab.graphics.shapes import Line as RLLine
from reportlab.graphics.shapes import Rect as RLRect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

FONT_CANDIDATES = (
    # DejaVu where the system has it (wide Unicode coverage), else Vera shipped with reportlab.
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    (str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"),
     str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")),
)

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b6470")
HEAD = colors.HexColor("#e8edf4")
ZEBRA = colors.HexColor("#f6f8fb")
LABEL = colors.HexColor("#f2f2f2")
GRID = colors.HexColor("#9aa7b8")
RULE = colors.HexColor("#c9d2de")


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered once per process; Helvetica as a last resort."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("PrimaSans", regular))
            pdfmetrics.registerFont(TTFont("PrimaSans-Bold", bold))
            return "PrimaSans", "PrimaSans-Bold"
    return "Helvetica", "Helvetica-Bold"


# --- styles -----------------------------------------------------------------------------------


def styles(*, size: float = 9.5, cell_size: float | None = None, head_size: float | None = None,
           title_align: str = "left") -> dict[str, ParagraphStyle]:
    """The paragraph styles of a document, scaled from its body text ``size`` (points).

    ``title``, ``subtitle``, ``h2``, ``body``, ``bold``, ``small``, ``muted``, ``center`` and
    the table styles ``cell``, ``cell_bold``, ``head`` (header row) and their right-aligned
    ``*_right`` forms for numeric columns. ``cell_size`` defaults to one point below ``size``,
    ``head_size`` (a table's header row) to ``cell_size``; ``title_align`` is ``"left"``
    (reports) or ``"center"`` (letters and forms).
    """
    regular, bold = fonts()
    cell_size = cell_size if cell_size is not None else size - 1
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=round(size * 1.3, 1),
                          textColor=INK)
    cell = ParagraphStyle("cell", parent=body, fontSize=cell_size,
                          leading=round(cell_size * 1.22, 1))
    result = {
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=bold),
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=size + 5,
                                leading=round((size + 5) * 1.25, 1), spaceAfter=2,
                                alignment=TA_CENTER if title_align == "center" else 0),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=size + 1.5,
                                   leading=round((size + 1.5) * 1.35, 1),
                                   alignment=TA_CENTER if title_align == "center" else 0),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=size + 2,
                             leading=round((size + 2) * 1.3, 1), spaceBefore=size,
                             spaceAfter=size * 0.4),
        "small": ParagraphStyle("small", parent=body, fontSize=size - 1,
                                leading=round((size - 1) * 1.25, 1)),
        "muted": ParagraphStyle("muted", parent=body, fontSize=size - 1.5,
                                leading=round((size - 1.5) * 1.3, 1), textColor=MUTED),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=bold),
        "head": ParagraphStyle("head", parent=cell, fontName=bold,
                               fontSize=head_size or cell_size,
                               leading=round((head_size or cell_size) * 1.22, 1)),
    }
    for name in ("cell", "cell_bold", "head"):
        result[f"{name}_right"] = ParagraphStyle(f"{name}_right", parent=result[name],
                                                 alignment=TA_RIGHT)
    return result


def paragraph(text, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, line breaks kept."""
    return Paragraph(escape(str(text if text is not None else "")).replace("\n", "<br/>"),
                     style)


# --- tables -----------------------------------------------------------------------------------


def table(rows: Sequence[Sequence], *, styles: dict, widths: Sequence[float] | None = None,
          header: bool = True, numeric: Iterable[int] = (), zebra: bool = True,
          label_column: bool = False, padding: tuple[float, float] = (2, 2.5)) -> Table:
    """A table whose cells wrap (text becomes Paragraphs; flowables are kept as they are).

    With ``header`` the first row is the header: shaded, bold, repeated on every page.
    ``numeric`` columns are right-aligned; ``zebra`` shades every other body row;
    ``label_column`` shades the first column (a form of label / value pairs).
    ``padding`` is (top, bottom) in points.
    """
    numeric = set(numeric)
    if widths:
        widths = fit_widths(rows, widths, styles=styles, header=header)
    data = []
    for index, row in enumerate(rows):
        kind = "head" if header and index == 0 else "cell"
        cells = []
        for column, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            name = f"{kind}_right" if column in numeric else kind
            cells.append(paragraph(value, styles[name]))
        data.append(cells)
    result = Table(data, colWidths=list(widths) if widths else None,
                   repeatRows=1 if header else 0)
    top, bottom = padding
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    first_body = 1 if header else 0
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
        commands.append(("VALIGN", (0, 0), (-1, 0), "BOTTOM"))
    if zebra and len(data) > first_body + 1:
        commands.append(("ROWBACKGROUNDS", (0, first_body), (-1, -1), [colors.white, ZEBRA]))
    if label_column:
        commands.append(("BACKGROUND", (0, first_body), (0, -1), LABEL))
    result.setStyle(TableStyle(commands))
    return result


def _longest_word(value, style: ParagraphStyle) -> float:
    words = str(value if value is not None else "").split()
    return max((pdfmetrics.stringWidth(w, style.fontName, style.fontSize) for w in words),
               default=0)


def fit_widths(rows: Sequence[Sequence], widths: Sequence[float], *, styles: dict,
               header: bool = True, padding: float = 9) -> list[float]:
    """``widths`` adjusted so that no word of a text cell is broken across lines: a column
    narrower than its longest word takes the room from the columns with room to spare (the
    table keeps its total width). When the words cannot all fit, the columns share the width in
    proportion to their longest words."""
    needed = [0.0] * len(widths)
    for index, row in enumerate(rows):
        style = styles["head" if header and index == 0 else "cell"]
        for column, value in enumerate(row[:len(widths)]):
            if not isinstance(value, Flowable):
                needed[column] = max(needed[column], _longest_word(value, style) + padding)
    widths = list(widths)
    if sum(needed) > sum(widths):
        # The words cannot all fit: share the width in proportion to what each column needs.
        return [sum(widths) * n / sum(needed) for n in needed]
    deficit = sum(max(n - w, 0) for n, w in zip(needed, widths, strict=True))
    spare = [max(w - n, 0) for n, w in zip(needed, widths, strict=True)]
    if not deficit:
        return widths
    total_spare = sum(spare)
    return [max(w, n) - (deficit * room / total_spare if room else 0)
            for n, w, room in zip(needed, widths, spare, strict=True)]


# --- pages ------------------------------------------------------------------------------------


PORTRAIT = A4
LANDSCAPE = landscape(A4)


def _numbered_canvas(footer_left: str, header: str, font: str):
    """A canvas class that writes "Halaman x dari y" once the number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, _height = self._pagesize
            margin = self._margin
            self.saveState()
            self.setFont(font, 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            bottom = margin[3] * 0.55
            self.line(margin[0], bottom + 9, width - margin[2], bottom + 9)
            if footer_left:
                self.drawString(margin[0], bottom, footer_left)
            self.drawRightString(width - margin[2], bottom,
                                 _("Halaman %(page)s dari %(pages)s")
                                 % {"page": self._pageNumber, "pages": total})
            if header:
                top = self._pagesize[1] - margin[1] * 0.5
                self.drawString(margin[0], top, header)
            self.restoreState()

    return NumberedCanvas


def build(story: list, *, title: str, author: str = "", subject: str = "",
          page=PORTRAIT, margins: tuple[float, float, float, float] = (18 * mm,) * 4,
          header: str = "", footer: str = "", stamp: bool = True) -> bytes:
    """The document as PDF bytes on A4 (``PORTRAIT`` or ``LANDSCAPE``).

    ``margins`` are (left, top, right, bottom). Every page carries "Halaman x dari y" at the
    bottom right, ``footer`` at the bottom left (by default, with ``stamp``, "Dibuat oleh Prima
    pada <date time>") and ``header`` at the top left when given.
    """
    regular, _bold = fonts()
    if stamp:
        generated = _("Dibuat oleh Prima pada %(when)s") % {
            "when": timezone.localtime().strftime("%d-%m-%Y %H:%M")}
        footer = f"{footer} · {generated}" if footer else generated
    buffer = io.BytesIO()
    left, top, right, bottom = margins
    document = SimpleDocTemplate(buffer, pagesize=page, leftMargin=left, rightMargin=right,
                                 topMargin=top, bottomMargin=bottom, title=title,
                                 author=author, subject=subject, creator="Prima")
    canvas_class = _numbered_canvas(footer, header, regular)
    canvas_class._margin = margins  # read by the page decoration
    document.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


FRAME_PADDING = 6  # reportlab's frame keeps 6 points inside the margins on each side


def usable_width(page=PORTRAIT, margins: tuple[float, ...] = (18 * mm,) * 4) -> float:
    """The width a table or chart may take between the margins."""
    return page[0] - margins[0] - margins[2] - 2 * FRAME_PADDING


# --- charts -----------------------------------------------------------------------------------


def chart_drawing(chart, *, width: float | None = None) -> Drawing:
    """A ``core.charts.Chart`` as a reportlab Drawing, scaled to ``width`` points if given.

    Lay the chart out at the PDF's width and font size (``bar_chart(..., width=...,
    font_size=8)``) so that no scaling is needed and text has the document's size.
    """
    from . import charts

    regular, bold = fonts()
    height = chart.height

    def y(value: float) -> float:
        return height - value

    group = Group()
    for shape in chart.shapes:
        if isinstance(shape, charts.Rect):
            if shape.width <= 0 or shape.height <= 0:
                continue
            group.add(RLRect(shape.x, y(shape.y + shape.height), shape.width, shape.height,
                             fillColor=colors.HexColor(shape.fill), strokeColor=None))
        elif isinstance(shape, charts.Line):
            group.add(RLLine(shape.x1, y(shape.y1), shape.x2, y(shape.y2),
                             strokeColor=colors.HexColor(shape.stroke),
                             strokeWidth=shape.width,
                             strokeDashArray=[float(v) for v in shape.dash.split()]
                             if shape.dash else None))
        elif isinstance(shape, charts.Polyline):
            points = [c for x, py in shape.points for c in (x, y(py))]
            group.add(PolyLine(points, strokeColor=colors.HexColor(shape.stroke),
                               strokeWidth=shape.width, strokeLineJoin=1,
                               strokeDashArray=[float(v) for v in shape.dash.split()]
                               if shape.dash else None))
        elif isinstance(shape, charts.Marker):
            fill = colors.HexColor(shape.fill)
            points = charts.marker_points(shape)
            if points:
                group.add(Polygon([c for px, py in points for c in (px, y(py))],
                                  fillColor=fill, strokeColor=None))
            else:
                group.add(Circle(shape.x, y(shape.y), shape.size, fillColor=fill,
                                 strokeColor=None))
        elif isinstance(shape, charts.Text):
            group.add(String(shape.x, y(shape.y), shape.text,
                             fontName=bold if shape.bold else regular,
                             fontSize=chart.font_size, fillColor=colors.HexColor(shape.fill),
                             textAnchor=shape.anchor))
    scale = (width / chart.width) if width else 1
    group.scale(scale, scale)
    drawing = Drawing(chart.width * scale, height * scale)
    drawing.add(group)
    return drawing
