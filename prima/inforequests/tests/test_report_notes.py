"""Obstacles and recommendations of the annual service report: the PPID writes them in Prima,
they appear on the public page and in the PDF (domain "Annual service report")."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from prima.core.models import AuditEvent
from prima.inforequests import services
from prima.inforequests.models import AnnualReportNote

REPORT = reverse("inforequests:report-annual")


def _notes_url(satker, year=2026):
    return reverse("inforequests:staff-report-notes", args=[satker.code, year])


def test_ppid_writes_notes_shown_on_the_page_and_in_the_pdf(tree, people, login, client):
    c = login(people.ppid)
    assert c.get(_notes_url(tree.jepara)).status_code == 200
    response = c.post(_notes_url(tree.jepara), {
        "internal_obstacles": "Arsip belum digital", "external_obstacles": "Jaringan lambat",
        "recommendations": "Digitalisasi arsip 2027"})
    assert response.status_code == 302
    note = AnnualReportNote.objects.get(satker=tree.jepara, year=2026)
    assert note.recommendations == "Digitalisasi arsip 2027"
    assert AuditEvent.objects.filter(action="inforequests.report_notes_saved").exists()

    html = client.get(REPORT, {"satker": tree.jepara.code, "year": 2026}).content.decode()
    for text in ("Arsip belum digital", "Jaringan lambat", "Digitalisasi arsip 2027"):
        assert text in html
    pdf = client.get(reverse("inforequests:report-annual-pdf"),
                     {"satker": tree.jepara.code, "year": 2026})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Digitalisasi arsip 2027" in text
    assert "Kendala internal" in text


def test_only_the_satkers_ppid_writes_notes(tree, people, login, kudus_ppid):
    assert login(kudus_ppid).get(_notes_url(tree.jepara)).status_code == 404
    assert login(people.employee).get(_notes_url(tree.jepara)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.save_report_notes(satker=tree.jepara, year=2026, actor=kudus_ppid,
                                   recommendations="x")
    assert AnnualReportNote.objects.count() == 0


def test_bad_notes_change_nothing(tree, people):
    with pytest.raises(ValidationError):
        services.save_report_notes(satker=tree.jepara, year=2026, actor=people.ppid,
                                   recommendations="a\x00b")
    assert AnnualReportNote.objects.count() == 0
