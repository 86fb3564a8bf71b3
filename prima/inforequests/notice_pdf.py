"""The written notice (pemberitahuan tertulis) as an A4 PDF, UU 14/2008 Pasal 22(7).

Every element of Pasal 22(7) is on it, in the two sections of the Perki 1/2021 form:
A. information that can be given (held by us or by another body; soft or hard copy; means of
delivery; costs and how to pay; time to provide; the blacked-out parts and why) and B. information
that cannot be given (exempt under Pasal 17 with the consequence test; not held, with the body
that holds it; not yet documented, with the time needed). A refusal names the registration
number, the requester's identity (the notice goes to the requester: the NIK is shown in full),
the information asked for and the legal reason. Signed with the PPID's name and title.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import override
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from prima.core import calendar, pdf
from prima.core.pdf import paragraph as _p

from .choices import (
    EXEMPTING_DECISIONS,
    GIVEN_DECISIONS,
    CopyForm,
    Decision,
    DeliveryMethod,
    Exemption,
    RequesterKind,
)

CHECKED = "[X]"
UNCHECKED = "[  ]"
MARGINS = (20 * mm, 14 * mm, 20 * mm, 16 * mm)


def _styles():
    return pdf.styles(size=9, cell_size=9, title_align="center")


def _money(value) -> str:
    return "Rp " + number_format(value or 0, decimal_pos=2, use_l10n=True, force_grouping=True)


LABEL_WIDTH = 55 * mm


def _grid(rows, styles):
    """Label / value pairs, the labels shaded, as on the Perki 1/2021 form."""
    widths = (LABEL_WIDTH, pdf.usable_width(pdf.PORTRAIT, MARGINS) - LABEL_WIDTH)
    return pdf.table(rows, styles=styles, widths=widths, header=False, zebra=False,
                     label_column=True, padding=(1.5, 2.5))


def _box(flag: bool) -> str:
    return CHECKED if flag else UNCHECKED


def notice_lines(notice) -> dict:
    """The notice's content as labelled lines (also used by tests and the staff preview)."""
    request = notice.request
    decision = notice.decision
    given = decision in GIVEN_DECISIONS
    # Pasal 22(7) c, e: a refusal and the withheld part of a grant in part both name the
    # Pasal 17 letter and the consequence test.
    refused = decision in EXEMPTING_DECISIONS
    not_held = decision == Decision.NOT_HELD
    not_documented = decision == Decision.NOT_DOCUMENTED
    copy_labels = dict(CopyForm.choices)
    delivery_labels = dict(DeliveryMethod.choices)
    exemption_labels = dict(Exemption.choices)

    identity_label = ("Nomor akta/SK badan hukum" if request.requester_kind == RequesterKind.ENTITY
                      else "NIK")
    identity_value = (request.entity_number if request.requester_kind == RequesterKind.ENTITY
                      else request.nik)
    requester = [
        ("Nomor pendaftaran", request.number),
        ("Nama", request.full_name),
        (identity_label, identity_value or "-"),
        ("Alamat", request.address),
        ("Nomor telepon / email", " / ".join(v for v in (request.phone, request.email) if v)
         or "-"),
        ("Rincian informasi yang dibutuhkan", request.information_requested),
        ("Tujuan penggunaan informasi", request.purpose),
        ("Tanggal permohonan diterima", calendar.format_date(request.received_on)),
    ]
    section_a = [
        ("Penguasaan informasi (huruf a-b)",
         f"{_box(given and notice.is_held)} Kami\n"
         f"{_box(bool(notice.holder_body) and not not_held)} Badan publik lain, yaitu: "
         f"{notice.holder_body if not not_held else ''}"),
        ("Informasi yang diberikan (huruf d)",
         (("Seluruhnya" if decision == Decision.GRANTED else "Sebagian") + ": "
          + notice.information_given) if given else "-"),
        ("Bentuk fisik yang tersedia (huruf f)",
         "\n".join(f"{_box(given and notice.copy_form == value)} {label}"
                   for value, label in copy_labels.items())),
        ("Cara penyampaian (huruf f)",
         delivery_labels.get(notice.delivery_method, "-") if given else "-"),
        ("Biaya yang dibutuhkan (huruf g)",
         f"{_money(notice.costs)}" + (f"; cara pembayaran: {notice.payment_method}"
                                       if notice.payment_method else "") if given else "-"),
        ("Waktu penyediaan", notice.time_to_provide if given and notice.time_to_provide
         else "-"),
        ("Bagian yang dihitamkan dan alasannya (huruf e)",
         notice.redaction_explanation if given and notice.redaction_explanation else "-"),
    ]
    test = notice.consequence_test if refused else None
    exemption_text = exemption_labels.get(notice.exemption, "") if refused else ""
    section_b = [
        ("Informasi dikecualikan (huruf c)",
         f"{_box(refused)} " + (f"{exemption_text} (UU 14/2008 Pasal 17 huruf "
                                f"{notice.exemption})" if refused else "")),
        ("Uji konsekuensi (Pasal 19)",
         (f"{test.title}. Bagian dikecualikan: {test.exempt_content}. "
          f"Akibat bila dibuka: {test.harm}. Pertimbangan kepentingan publik: "
          f"{test.public_interest}. Kesimpulan: {test.conclusion}."
          + (f" Dasar hukum lain: {test.legal_basis}." if test.legal_basis else "")
          + (f" Dikecualikan sampai {calendar.format_date(test.exempt_until)}."
             if test.exempt_until else ""))
         if test is not None else "-"),
        ("Informasi tidak dikuasai (huruf a-b)",
         f"{_box(not_held)} " + (f"Badan publik yang menguasai: {notice.holder_body}"
                                 if not_held else "")),
        ("Informasi belum didokumentasikan",
         f"{_box(not_documented)} " + (f"Waktu yang dibutuhkan untuk mendokumentasikan: "
                                       f"{notice.documentation_time}" if not_documented else "")),
    ]
    return {"requester": requester, "section_a": section_a, "section_b": section_b}


def render_notice(notice) -> bytes:
    """The notice as PDF bytes (A4)."""
    request = notice.request
    satker = request.satker
    styles = _styles()
    lines = notice_lines(notice)
    issued_on = timezone.localtime(notice.issued_at or timezone.now(),
                                   calendar.local_timezone(satker)).date()
    story = [
        _p(f"PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI\n{satker.name.upper()}",
           styles["center"]),
        Spacer(1, 4 * mm),
        _p("PEMBERITAHUAN TERTULIS", styles["title"]),
        _p(f"Nomor pendaftaran permohonan: {request.number}", styles["center"]),
        Spacer(1, 5 * mm),
        _p("Berdasarkan permohonan informasi yang diterima PPID "
           f"{satker.name}, bersama ini kami sampaikan pemberitahuan tertulis sebagaimana "
           "dimaksud Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik "
           "Pasal 22 ayat (7) kepada:", styles["body"]),
        Spacer(1, 3 * mm),
        _grid(lines["requester"], styles),
        Spacer(1, 4 * mm),
        _p(f"Keputusan: {notice.get_decision_display()}", styles["bold"]),
        _p("A. INFORMASI DAPAT DIBERIKAN", styles["h2"]),
        _grid(lines["section_a"], styles),
        _p("B. INFORMASI TIDAK DAPAT DIBERIKAN KARENA", styles["h2"]),
        _grid(lines["section_b"], styles),
    ]
    if notice.explanation:
        story += [_p("Penjelasan", styles["h2"]), _p(notice.explanation, styles["body"])]
    story += [
        Spacer(1, 4 * mm),
        _p("Apabila Anda tidak puas dengan keputusan ini, Anda dapat mengajukan keberatan "
           "kepada atasan PPID dalam jangka waktu 30 (tiga puluh) hari kerja sejak "
           "pemberitahuan tertulis ini diterima (UU 14/2008 Pasal 35 dan 36).",
           styles["small"]),
        Spacer(1, 5 * mm),
        KeepTogether([
            _p(f"{satker.region_name or satker.name}, {calendar.format_date(issued_on)}",
               styles["body"]),
            _p("Pejabat Pengelola Informasi dan Dokumentasi (PPID)", styles["body"]),
            Spacer(1, 12 * mm),
            _p(notice.signed_by_name, styles["bold"]),
            _p(notice.signed_by_title, styles["body"]),
        ]),
    ]
    with override("id"):  # the notice is an Indonesian document, page numbers included
        return pdf.build(
            story, title=f"Pemberitahuan Tertulis {request.number}", author=f"PPID {satker.name}",
            subject="Pemberitahuan tertulis UU 14/2008 Pasal 22", margins=MARGINS,
            footer=f"Pemberitahuan tertulis {request.number}", stamp=False)
