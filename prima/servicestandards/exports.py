"""Printable documents (``core.pdf``): the service standard (A4 portrait) and the SOP in the
PermenPANRB 35/2012 format (A4 landscape): the identity block, then the procedure table with
the flowchart drawn across the actor columns. A long procedure continues over several pages,
each page break marked with a pair of off-page connectors."""

from __future__ import annotations

from string import ascii_uppercase

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from prima.core import pdf

from . import flowchart, services
from .models import Service, Sop

MARGINS = (14 * mm, 14 * mm, 14 * mm, 16 * mm)
# Procedure table columns in mm (the actor columns share the rest of the width).
FIXED = {"no": 8, "activity": 46, "requirements": 28, "time": 16, "output": 26, "remarks": 20}
MIN_ROW = 34  # points: room for a symbol and the arrows between rows
CONNECTOR_ROW = 34
HEADER_SLACK = 8


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "—"


# --- the service standard -------------------------------------------------------------------


def service_pdf(service: Service) -> bytes:
    st = pdf.styles(size=9.5)
    width = pdf.usable_width()
    satker = service.satker
    story = [
        pdf.paragraph(_("STANDAR PELAYANAN"), st["title"]),
        pdf.paragraph(f"{service.name} — {satker.name}", st["subtitle"]),
        Spacer(1, 4 * mm),
        pdf.table([(pgettext("nomor urut", "No"), _("Komponen"), _("Uraian"))]
                  + [(str(n), label, text or "—") for n, label, text
                     in service.components(public=True)],
                  styles=st, widths=(10 * mm, 48 * mm, width - 58 * mm), zebra=False),
        pdf.paragraph(_("Kanal dan jam layanan"), st["h2"]),
        pdf.table([
            (_("Luring"), _("Ya, di kantor") if service.offline else _("Tidak")),
            (_("Daring"), ", ".join(service.online_media_labels()) or _("Tidak")),
            (_("Alamat daring"), service.request_form_url or "—"),
            (_("Jam layanan"), service.opening_hours or "—"),
            (_("Dilayani oleh"), service.served_by or "—"),
        ], styles=st, widths=(48 * mm, width - 48 * mm), header=False, zebra=False,
            label_column=True),
    ]
    if service.pledge:
        story += [pdf.paragraph(_("Maklumat pelayanan"), st["h2"]),
                  pdf.paragraph(service.pledge, st["body"]), Spacer(1, 3 * mm),
                  pdf.paragraph(service.pledge_signed_by, st["bold"])]
    return pdf.build(story, title=_("Standar pelayanan %(name)s") % {"name": service.name},
                     author=satker.name, footer=satker.name)


# --- the SOP --------------------------------------------------------------------------------


def _identity(sop: Sop, st, width) -> list:
    satker = sop.service.satker
    approver = "\n".join(v for v in (sop.approver_position, sop.approver_name,
                                     _("NIP %(nip)s") % {"nip": sop.approver_nip}
                                     if sop.approver_nip else "",
                                     _("SK %(number)s, %(date)s") % {
                                         "number": sop.decree.number,
                                         "date": _date(timezone.localdate(sop.approved_at))}
                                     if sop.decree_id and sop.approved_at else "") if v) or "—"
    left = [pdf.paragraph(_("KOMISI PEMILIHAN UMUM"), st["cell_bold"]),
            pdf.paragraph(satker.name.upper(), st["cell_bold"]),
            pdf.paragraph(sop.service.name, st["cell"])]
    pairs = [
        (_("Nomor SOP"), sop.number or "—"),
        (_("Tanggal pembuatan"), _date(sop.made_on)),
        (_("Tanggal revisi"), f"{sop.revision} / {_date(sop.revised_on)}"),
        (_("Tanggal efektif"), _date(sop.effective_on)),
        (_("Disahkan oleh"), approver),
        (_("Nama SOP"), sop.name),
    ]
    right = pdf.table(pairs, styles=st, widths=(45 * mm, width * 0.6 - 45 * mm),
                      header=False, zebra=False, label_column=True)
    head = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    head.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, pdf.GRID),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (1, 0), (1, 0), 0),
                              ("RIGHTPADDING", (1, 0), (1, 0), 0),
                              ("TOPPADDING", (1, 0), (1, 0), 0),
                              ("BOTTOMPADDING", (1, 0), (1, 0), 0)]))
    body = pdf.table([
        (_("Dasar hukum"), _("Kualifikasi pelaksana")),
        (sop.legal_basis or "—", sop.qualifications or "—"),
        (_("Keterkaitan"), _("Peralatan/perlengkapan")),
        (sop.related_sops or "—", sop.equipment or "—"),
        (_("Peringatan"), _("Pencatatan dan pendataan")),
        (sop.warnings or "—", sop.records or "—"),
    ], styles=st, widths=(width / 2, width / 2), zebra=False)
    body.setStyle(TableStyle([("BACKGROUND", (0, 2), (-1, 2), pdf.HEAD),
                              ("BACKGROUND", (0, 4), (-1, 4), pdf.HEAD)]))
    return [head, Spacer(1, 3 * mm), body]


def _chunks(heights: list[float], available: float) -> list[tuple[int, int]]:
    """Page ranges ``(start, end)`` of rows so that each page's rows, with the connector rows
    a continued page needs, fit in ``available`` points."""
    ranges, start = [], 0
    while start < len(heights):
        used = CONNECTOR_ROW if start else 0
        end = start
        while end < len(heights):
            room = CONNECTOR_ROW if end + 1 < len(heights) else 0
            if end > start and used + heights[end] + room > available:
                break
            used += heights[end]
            end += 1
        ranges.append((start, end))
        start = end
    return ranges


def procedure_pages(sop: Sop, actors, steps, *, st, width, available) -> tuple[list, list]:
    """The procedure table, one Table per page, and the connector labels used."""
    fixed = {k: v * mm for k, v in FIXED.items()}
    actor_width = (width - sum(fixed.values())) / max(len(actors), 1)
    text_columns = (("activity", lambda s: s.activity), ("requirements", lambda s: s.requirements),
                    ("time", lambda s: s.time_display), ("output", lambda s: s.output),
                    ("remarks", lambda s: s.remarks))
    heights = []
    for step in steps:
        needed = max(pdf.paragraph(value(step), st["cell"]).wrap(fixed[key] - 8, 1000)[1]
                     for key, value in text_columns) + 6
        heights.append(max(MIN_ROW, needed))
    names, shapes = flowchart.shapes_of(actors, steps)
    header = [
        [pgettext("nomor urut", "No"), _("Kegiatan"), _("Pelaksana"),
         *[""] * (len(actors) - 1), _("Mutu baku"), "", "", _("Keterangan")],
        ["", "", *names, _("Kelengkapan"), _("Waktu"), _("Output"), ""],
    ]
    # Actor names in a smaller type, so that a long name fits a narrow column.
    actor_style = ParagraphStyle("actor", parent=st["head"], fontSize=6.5, leading=8)
    header_height = sum(max(pdf.paragraph(text, st["head"]).wrap(actor_width - 4, 1000)[1]
                            for text in row) + 6 for row in header)
    ranges = _chunks(heights, available - header_height - HEADER_SLACK)
    tables, labels = [], []
    for page, (start, end) in enumerate(ranges):
        incoming = outgoing = None
        if page:
            letter = ascii_uppercase[(page - 1) % 26]
            incoming = (letter, _("dari langkah %(n)s") % {"n": steps[start - 1].number})
        if end < len(steps):
            letter = ascii_uppercase[page % 26]
            outgoing = (letter, _("lanjut ke langkah %(n)s") % {"n": steps[end].number})
        diagram = flowchart.layout(
            names, shapes[start:end], column_width=actor_width, row_heights=heights[start:end],
            lanes=False, labels=False, incoming=incoming, outgoing=outgoing,
            connector_height=CONNECTOR_ROW)
        labels += diagram.connectors
        rows = [[pdf.paragraph(t, st["head"]) for t in row] for row in header]
        rows[1][2:2 + len(actors)] = [pdf.paragraph(n, actor_style) for n in names]
        row_heights = [None, None]
        if incoming:
            rows.append([""] * len(rows[0]))
            row_heights.append(CONNECTOR_ROW)
        for step, height in zip(steps[start:end], heights[start:end], strict=True):
            rows.append([pdf.paragraph(step.number, st["cell"]),
                         pdf.paragraph(step.activity, st["cell"]), *[""] * len(actors),
                         pdf.paragraph(step.requirements, st["cell"]),
                         pdf.paragraph(step.time_display, st["cell"]),
                         pdf.paragraph(step.output, st["cell"]),
                         pdf.paragraph(step.remarks, st["cell"])])
            row_heights.append(height)
        if outgoing:
            rows.append([""] * len(rows[0]))
            row_heights.append(CONNECTOR_ROW)
        # The flowchart is drawn from the first body row's first actor cell across the actor
        # columns and down the rows (a cell drawn top-aligned may overflow its box).
        rows[2][2] = flowchart.to_drawing(diagram)
        n_actors = len(actors)
        last_actor = 2 + n_actors - 1
        table = Table(rows, colWidths=[fixed["no"], fixed["activity"], *[actor_width] * n_actors,
                                       fixed["requirements"], fixed["time"], fixed["output"],
                                       fixed["remarks"]], rowHeights=row_heights, repeatRows=0)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, pdf.GRID),
            ("BACKGROUND", (0, 0), (-1, 1), pdf.HEAD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
            ("SPAN", (2, 0), (last_actor, 0)),
            ("SPAN", (last_actor + 1, 0), (last_actor + 3, 0)),
            ("SPAN", (last_actor + 4, 0), (last_actor + 4, 1)),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (2, 2), (2, 2), 0), ("RIGHTPADDING", (2, 2), (2, 2), 0),
            ("TOPPADDING", (2, 2), (2, 2), 0), ("BOTTOMPADDING", (2, 2), (2, 2), 0),
        ]))
        tables.append(table)
    return tables, labels


def sop_pdf(sop: Sop) -> bytes:
    st = pdf.styles(size=8.5, cell_size=7.5)
    width = pdf.usable_width(pdf.LANDSCAPE, MARGINS)
    available = pdf.LANDSCAPE[1] - MARGINS[1] - MARGINS[3] - 2 * pdf.FRAME_PADDING
    actors, steps = list(sop.actors.all()), list(sop.steps.all())
    story = _identity(sop, st, width)
    check = services.time_check(sop, steps)
    story.append(Spacer(1, 2 * mm))
    story.append(pdf.paragraph(_("Jumlah waktu langkah: %(total)s") % {
        "total": services.format_minutes(check.total_minutes)}, st["small"]))
    if steps:
        tables, _labels = procedure_pages(sop, actors, steps, st=st, width=width,
                                          available=available)
        for table in tables:
            story += [PageBreak(), table]
    satker = sop.service.satker
    status = sop.get_status_display()
    return pdf.build(story, title=sop.name, author=satker.name, page=pdf.LANDSCAPE,
                     margins=MARGINS, footer=f"{satker.name} · {sop.name} · {status}",
                     subject=_("SOP dibuat %(date)s") % {"date": _date(timezone.localdate())})
