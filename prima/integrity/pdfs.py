"""PDFs of a signed pact and of a satker's collective list (``core.pdf``), each carrying the
verification code and the address where anyone can check it."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.platypus import Spacer

from prima.core import pdf


def verify_url(code: str) -> str:
    return settings.PRIMA_BASE_URL + reverse("integrity:public-verify", args=[code])


def _when(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def signature_pdf(signature) -> bytes:
    s = pdf.styles(title_align="center")
    version = signature.version
    story = [pdf.paragraph(version.title, s["title"]),
             pdf.paragraph(_("Versi %(number)s · periode %(period)s")
                           % {"number": version.number, "period": version.period},
                           s["subtitle"]),
             Spacer(1, 10)]
    for part in version.body.replace("\r\n", "\n").split("\n\n"):
        story += [pdf.paragraph(part.strip(), s["body"]), Spacer(1, 5)]
    story.append(Spacer(1, 10))
    rows = [
        (_("Ditandatangani oleh"), signature.signer_name),
        (_("Jabatan"), signature.signer_title or "—"),
        (_("Satker"), signature.satker.name),
        (_("Waktu"), _when(signature.signed_at)),
        (_("Cara"), signature.get_method_display()),
        (_("Alamat IP"), signature.ip_address or "—"),
        (_("SHA-256 teks"), signature.text_sha256),
        (_("SHA-256 tanda tangan"), signature.digest),
        (_("Kode verifikasi"), signature.display_code),
        (_("Periksa keaslian di"), verify_url(signature.code)),
    ]
    width = pdf.usable_width()
    story.append(pdf.table(rows, styles=s, widths=[width * 0.3, width * 0.7], header=False,
                           zebra=False, label_column=True))
    return pdf.build(story, title=str(version.title), author=signature.signer_name,
                     footer=_("Kode verifikasi %(code)s") % {"code": signature.display_code})


def roster_pdf(roster, signatures) -> bytes:
    s = pdf.styles()
    version = roster.version
    story = [pdf.paragraph(_("Daftar penandatangan pakta integritas"), s["title"]),
             pdf.paragraph(f"{roster.satker.name} · {version.title} "
                           + _("(versi %(number)s, periode %(period)s)")
                           % {"number": version.number, "period": version.period},
                           s["subtitle"]),
             pdf.paragraph(_("%(signed)s dari %(active)s pegawai aktif telah menandatangani; "
                             "dicetak %(when)s.")
                           % {"signed": len(signatures), "active": roster.active_count,
                              "when": _when(roster.issued_at)}, s["body"]),
             Spacer(1, 8)]
    rows = [(_("No."), _("Nama"), _("Jabatan"), _("Waktu tanda tangan"), _("Kode"))]
    for index, sig in enumerate(signatures, start=1):
        rows.append((str(index), sig.signer_name, sig.signer_title or "—",
                     _when(sig.signed_at), sig.display_code))
    width = pdf.usable_width()
    story.append(pdf.table(rows, styles=s, numeric=[0],
                           widths=[width * w for w in (0.07, 0.3, 0.25, 0.2, 0.18)]))
    story += [Spacer(1, 10),
              pdf.paragraph(_("Kode verifikasi daftar: %(code)s. Periksa keaslian di %(url)s")
                            % {"code": roster.display_code, "url": verify_url(roster.code)},
                            s["body"])]
    return pdf.build(story, title=_("Daftar penandatangan pakta integritas"),
                     footer=_("Kode verifikasi %(code)s") % {"code": roster.display_code})
