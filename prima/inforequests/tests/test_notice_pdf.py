"""The written notice PDF holds every Pasal 22(7) element the decision calls for."""

import io
import re

from pypdf import PdfReader

from prima.inforequests import services
from prima.inforequests.choices import Decision, Exemption
from prima.inforequests.tests.factories import at, freeze_now, grant, make_consequence_test
from prima.inforequests.tests.factories import make_request as _make_request
from prima.organisations.models import Membership


def make_request(satker, **kwargs):
    return _make_request(satker, received_at=at(2026, 3, 17, 10), **kwargs)


def pdf_text(notice) -> str:
    notice.pdf.open("rb")
    try:
        reader = PdfReader(io.BytesIO(notice.pdf.read()))
    finally:
        notice.pdf.close()
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def test_refusal_notice(tree, people, monkeypatch):
    Membership.objects.filter(user=people.ppid).update(
        title="Kepala Subbagian Partisipasi dan Hubungan Masyarakat")
    request = make_request(tree.jepara, full_name="Budi Santoso", nik="3320011203850002")
    freeze_now(monkeypatch, at(2026, 3, 30, 10))
    test = make_consequence_test(tree.jepara, people.ppid,
                                 harm="Data pribadi pemilih dapat disalahgunakan")
    notice = services.decide_request(
        request=request, actor=people.ppid, decision=Decision.REFUSED,
        notice_data={"exemption": Exemption.H, "explanation": "Salinan tanpa NIK tersedia"},
        consequence_test=test)
    text = pdf_text(notice)

    assert "PEMBERITAHUAN TERTULIS" in text
    assert "0001/PPID/33.20/2026" in text
    assert "Budi Santoso" in text
    assert "3320011203850002" in text  # the notice goes to the requester: NIK in full
    assert "Salinan SK penetapan DPT Pemilu 2024" in text
    assert "Ditolak (informasi dikecualikan)" in text
    assert "A. INFORMASI DAPAT DIBERIKAN" in text
    assert "B. INFORMASI TIDAK DAPAT DIBERIKAN" in text
    assert "Pasal 17 huruf h" in text
    assert "Data pribadi pemilih dapat disalahgunakan" in text
    assert "Salinan tanpa NIK tersedia" in text
    assert "PPID Jepara" in text
    assert "Kepala Subbagian Partisipasi dan Hubungan Masyarakat" in text
    assert "Senin, 30 Maret 2026" in text
    assert notice.signed_by_title == "Kepala Subbagian Partisipasi dan Hubungan Masyarakat"


def test_granted_in_part_notice(tree, people):
    request = make_request(tree.jepara)
    notice = grant(request, people.ppid, decision=Decision.GRANTED_IN_PART, costs="15000",
                   payment_method="Transfer ke rekening bendahara")
    text = pdf_text(notice)
    assert "Diberikan sebagian" in text
    assert "NIK pemilih dihitamkan (Pasal 17 huruf h)" in text
    assert "Salinan elektronik (soft copy)" in text
    assert "Tautan unduhan pribadi" in text
    assert "Rp 15.000,00" in text
    assert "Transfer ke rekening bendahara" in text


def test_not_held_and_not_documented_notices(tree, people):
    not_held = services.decide_request(
        request=make_request(tree.jepara), actor=people.ppid, decision=Decision.NOT_HELD,
        notice_data={"holder_body": "Bawaslu Kabupaten Jepara"})
    assert "Bawaslu Kabupaten Jepara" in pdf_text(not_held)
    assert "Tidak dikuasai" in pdf_text(not_held)
    not_documented = services.decide_request(
        request=make_request(tree.jepara), actor=people.ppid,
        decision=Decision.NOT_DOCUMENTED, notice_data={"documentation_time": "14 hari"})
    text = pdf_text(not_documented)
    assert "Belum didokumentasikan" in text
    assert "14 hari" in text
    assert "0002/PPID/33.20/2026" in text


def test_entity_notice_shows_the_decree_number(tree, people):
    request = make_request(tree.jepara, requester_kind="entity", nik="",
                           entity_number="AHU-0012345.AH.01.07 Tahun 2020")
    text = pdf_text(grant(request, people.ppid))
    assert "AHU-0012345.AH.01.07 Tahun 2020" in text
