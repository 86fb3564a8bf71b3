"""The handover receipt (tanda terima penyerahan informasi) as an A4 PDF (``core.pdf``): who
received what, when and how, with the requester's signature line or the officer's attestation.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from prima.core import calendar, pdf

from .choices import HandoverConfirmation

MARGINS = (20 * mm, 18 * mm, 20 * mm, 18 * mm)
WIDTH = pdf.usable_width(pdf.PORTRAIT, MARGINS)


def render_handover(receipt) -> bytes:
    request = receipt.request
    satker = request.satker
    styles = pdf.styles(size=10, title_align="center")
    moment = timezone.localtime(receipt.handed_over_at, calendar.local_timezone(satker))
    title = _("Tanda Terima Penyerahan Informasi Publik")
    rows = [
        [_("Nomor pendaftaran"), request.number],
        [_("Informasi yang diminta"), request.information_requested],
        [_("Cara penyerahan"), receipt.get_method_display()],
        [_("Diterima oleh"), receipt.received_by_name],
        [_("Waktu penyerahan"), f"{calendar.format_date(moment.date())} {moment:%H:%M}"],
        [_("Diserahkan oleh"), (getattr(receipt.recorded_by, "full_name", "")
                                or str(receipt.recorded_by))],
        [_("Bukti penerimaan"), receipt.get_confirmation_display()],
    ]
    if receipt.note:
        rows.append([_("Keterangan"), receipt.note])
    story = [
        pdf.paragraph(title, styles["title"]),
        pdf.paragraph(satker.name, styles["subtitle"]),
        Spacer(1, 8),
        pdf.table(rows, styles=styles, widths=[WIDTH * 0.32, WIDTH * 0.68], header=False,
                  label_column=True, zebra=False),
        Spacer(1, 14),
    ]
    if receipt.confirmation == HandoverConfirmation.ATTESTATION:
        story += [pdf.paragraph(_("Pernyataan petugas"), styles["h2"]),
                  pdf.paragraph(receipt.attestation, styles["body"])]
    else:
        story += [
            pdf.table([[_("Yang menyerahkan"), _("Yang menerima")],
                       ["\n\n\n(" + rows[5][1] + ")", "\n\n\n(" + receipt.received_by_name + ")"]],
                      styles=styles, widths=[WIDTH / 2, WIDTH / 2]),
        ]
    return pdf.build(story, title=title, author=satker.name, margins=MARGINS,
                     footer=request.number)
