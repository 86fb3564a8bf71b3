"""The nine elements (unsur) of the SKM and their answers, PermenPANRB 14/2017
(domain/survey-ikm.md, "The nine elements"). Kept as data: the questionnaire, the forms, the
IKM computation and the report all read this tuple, and a response stores one score column
per element (``u1`` ... ``u9``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    code: str  # "U1"
    field: str  # the response column, "u1"
    name: str
    question: str
    answers: tuple[str, str, str, str]  # labels of scores 1, 2, 3, 4


ELEMENTS: tuple[Element, ...] = (
    Element("U1", "u1", _("Persyaratan"),
            _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan "
              "jenis pelayanannya?"),
            (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai"))),
    Element("U2", "u2", _("Sistem, Mekanisme, dan Prosedur"),
            _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
            (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah"))),
    Element("U3", "u3", _("Waktu Penyelesaian"),
            _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
            (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat"))),
    Element("U4", "u4", _("Biaya/Tarif"),
            _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
            (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis"))),
    Element("U5", "u5", _("Produk Spesifikasi Jenis Pelayanan"),
            _("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
              "tercantum dalam standar pelayanan dengan hasil yang diberikan?"),
            (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai"))),
    Element("U6", "u6", _("Kompetensi Pelaksana"),
            _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam "
              "pelayanan?"),
            (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten"))),
    Element("U7", "u7", _("Perilaku Pelaksana"),
            _("Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
              "kesopanan dan keramahan?"),
            (_("Tidak sopan dan ramah"), _("Kurang sopan dan ramah"), _("Sopan dan ramah"),
             _("Sangat sopan dan ramah"))),
    Element("U8", "u8", _("Sarana dan Prasarana"),
            _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
            (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik"))),
    Element("U9", "u9", _("Penanganan Pengaduan, Saran dan Masukan"),
            _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
            (_("Tidak ada"), _("Ada tetapi tidak berfungsi"), _("Berfungsi kurang maksimal"),
             _("Dikelola dengan baik"))),
)

FIELDS: tuple[str, ...] = tuple(e.field for e in ELEMENTS)
BY_CODE = {e.code: e for e in ELEMENTS}

# The regulation prints the weight as 0,111 (1/9 rounded): with it, all-4 answers give 99.90;
# exact 1/9 gives 100.00. Exact is the default; "printed" is the documented option
# (settings.PRIMA_SURVEYS_WEIGHTS, domain/survey-ikm.md "Formula").
PRINTED_WEIGHT = Decimal("0.111")


def weights() -> dict[str, Decimal | None]:
    """The weight of each element; ``None`` means exact ``1/n`` (applied as a division, so
    no rounding creeps in)."""
    if settings.PRIMA_SURVEYS_WEIGHTS == "printed":
        return {e.code: PRINTED_WEIGHT for e in ELEMENTS}
    return {e.code: None for e in ELEMENTS}
