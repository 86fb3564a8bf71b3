"""Quarterly reports through the client: the form with versions and conflicts, submission and
revision, evidence (upload and links), recommendations, and the exports."""

import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prima.catalog.choices import DatasetStatus
from prima.catalog.tests.factories import DatasetFactory
from prima.organisations.tests.factories import pdf_bytes
from prima.reform import services
from prima.reform.choices import EventMode, PlanStatus, RecommendationStatus, ReportStatus
from prima.reform.models import (
    Evidence,
    ProgressReport,
    Realisation,
    Recommendation,
    SocialisationEvent,
)

from .factories import build_plan, build_report, decree, indicators_of
from .helpers import url


def report_post(indicators, version, values=(), notes=(), **fields):
    data = {"version": version, "narrative": fields.get("narrative", ""),
            "obstacles": fields.get("obstacles", ""), "follow_up": fields.get("follow_up", ""),
            "action": fields.get("action", "save")}
    for i, indicator in enumerate(indicators):
        data[f"value_{indicator.pk}"] = values[i] if i < len(values) else ""
        data[f"note_{indicator.pk}"] = notes[i] if i < len(notes) else ""
    return data


def test_team_member_fills_a_quarter_and_sees_achievement(tree, people, login, plan):
    indicators = indicators_of(plan)
    client = login(people.reform)
    page = client.get(url("staff-report", "33.20", plan.pk, 2))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="version" value="0"' in html
    assert "target triwulan ini: 40" in html
    response = client.post(url("staff-report", "33.20", plan.pk, 2), report_post(
        indicators, 0, values=["40", "20", "", "45"], notes=["Sesuai jadwal"],
        narrative="Capaian triwulan II.", obstacles="Anggaran terlambat."))
    assert response["Location"] == url("staff-report", "33.20", plan.pk, 2)
    report = ProgressReport.objects.get(plan=plan, quarter=2)
    assert (report.status, report.version, report.narrative, report.obstacles) == (
        ReportStatus.DRAFT, 1, "Capaian triwulan II.", "Anggaran terlambat.")
    saved = {r.indicator_id: (r.value, r.note) for r in report.realisations.all()}
    assert saved == {indicators[0].pk: (D(40), "Sesuai jadwal"),
                     indicators[1].pk: (D(20), ""), indicators[3].pk: (D(45), "")}
    html = client.get(url("staff-report", "33.20", plan.pk, 2)).content.decode()
    assert 'name="version" value="1"' in html
    # 40 of 100 where 40 was expected: on track; 20 of 40 expected is half: at risk.
    assert "40%" in html and "Sesuai rencana" in html
    assert "20%" in html and "Berisiko" in html
    assert "Belum ada data" in html


def test_stale_version_conflict_keeps_the_typed_text(tree, people, login, plan):
    indicators = indicators_of(plan)
    report = build_report(plan, 1, values=5, status=ReportStatus.DRAFT,
                          updated_by=people.secretary)
    version = report.version
    first = login(people.secretary, Client())
    second = login(people.reform, Client())
    first_page = first.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    second_page = second.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert f'name="version" value="{version}"' in first_page
    assert f'name="version" value="{version}"' in second_page
    response = first.post(url("staff-report", "33.20", plan.pk, 1), report_post(
        indicators, version, values=["10", "10", "10", "10"], narrative="Isian pertama."))
    assert response.status_code == 302
    response = second.post(url("staff-report", "33.20", plan.pk, 1), report_post(
        indicators, version, values=["99", "99", "99", "99"],
        narrative="Isian kedua yang panjang."))
    assert response.status_code == 409
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Laporan ini telah diubah oleh Sekretaris Jepara" in html
    # What the second person typed is still in the form, to copy.
    assert "Isian kedua yang panjang." in html
    assert 'value="99"' in html
    report.refresh_from_db()
    assert report.narrative == "Isian pertama."
    assert report.version == version + 1
    assert set(report.realisations.values_list("value", flat=True)) == {D(10)}


def test_new_report_conflict_when_someone_created_it_first(tree, people, login, plan):
    indicators = indicators_of(plan)
    first, second = login(people.secretary, Client()), login(people.reform, Client())
    first.post(url("staff-report", "33.20", plan.pk, 3),
               report_post(indicators, 0, values=["70"], narrative="Pertama"))
    response = second.post(url("staff-report", "33.20", plan.pk, 3),
                           report_post(indicators, 0, values=["1"], narrative="Kedua"))
    assert response.status_code == 409
    assert "Kedua" in response.content.decode()
    assert ProgressReport.objects.get(plan=plan, quarter=3).narrative == "Pertama"


def test_bad_value_is_refused_with_nothing_saved(tree, people, login, plan):
    indicators = indicators_of(plan)
    client = login(people.reform)
    response = client.post(url("staff-report", "33.20", plan.pk, 1),
                           report_post(indicators, 0, values=["sepuluh"], narrative="X"))
    assert response.status_code == 400
    assert "Masukkan sebuah bilangan." in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_submit_then_revise_then_resubmit(tree, people, login, plan):
    indicators = indicators_of(plan)
    client = login(people.reform)
    client.post(url("staff-report", "33.20", plan.pk, 1), report_post(
        indicators, 0, values=["10", "10", "10", "10"], narrative="TW I", action="submit"))
    report = ProgressReport.objects.get(plan=plan, quarter=1)
    assert report.status == ReportStatus.SUBMITTED
    # Submitted: read-only for the team, readable by the evaluator above.
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert 'name="narrative"' not in html
    evaluator = login(people.evaluator, Client())
    assert evaluator.get(url("staff-report", "33.20", plan.pk, 1)).status_code == 200
    assert evaluator.post(url("staff-report", "33.20", plan.pk, 1), report_post(
        indicators, report.version, narrative="Evaluator")).status_code == 404
    services.review_report(
        report=report, actor=people.evaluator, verdict=ReportStatus.REVISE,
        comments=[(indicators[0].pk, "Lampirkan daftar hadir."), (None, "Lengkapi kendala.")],
        recommendations=[("Susun SOP evaluasi.", dt.date(2020, 5, 31))])
    report.refresh_from_db()
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert "Evaluator meminta perbaikan" in html
    assert "Lampirkan daftar hadir." in html and "Lengkapi kendala." in html
    assert "Susun SOP evaluasi." in html
    assert 'name="narrative"' in html
    client.post(url("staff-report", "33.20", plan.pk, 1), report_post(
        indicators, report.version, values=["10", "10", "10", "10"], narrative="TW I",
        obstacles="Jadwal rapat bergeser."))
    report.refresh_from_db()
    assert (report.status, report.obstacles) == (ReportStatus.REVISE, "Jadwal rapat bergeser.")
    client.post(url("staff-report-submit", "33.20", plan.pk, 1), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_submit_empty_report_shows_the_reason(tree, people, login, plan):
    indicators = indicators_of(plan)
    client = login(people.reform)
    client.post(url("staff-report", "33.20", plan.pk, 1),
                report_post(indicators, 0, narrative="Belum ada angka"))
    report = ProgressReport.objects.get(plan=plan, quarter=1)
    response = client.post(url("staff-report-submit", "33.20", plan.pk, 1),
                           {"version": report.version}, follow=True)
    assert "Isi realisasi sekurang-kurangnya satu indikator" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize("who, get_status", [
    ("employee", 200), ("other_admin", 404), ("other_employee", 404), ("evaluator", 404),
])
def test_draft_report_access(tree, people, login, plan, who, get_status):
    indicators = indicators_of(plan)
    build_report(plan, 1, values=5, status=ReportStatus.DRAFT)
    client = login(getattr(people, who))
    assert client.get(url("staff-report", "33.20", plan.pk, 1)).status_code == get_status
    response = client.post(url("staff-report", "33.20", plan.pk, 1),
                           report_post(indicators, 1, values=["77"], narrative="Ubah"))
    assert response.status_code == 404
    assert not Realisation.objects.filter(value=77).exists()


def test_empty_quarter_is_404_for_readers(tree, people, login, plan):
    client = login(people.employee)
    assert client.get(url("staff-report", "33.20", plan.pk, 2)).status_code == 404
    assert client.get(url("staff-report", "33.20", plan.pk, 5)).status_code == 404


def test_draft_plan_cannot_be_reported_on(tree, people, login):
    draft = build_plan(tree.jepara, year=2021, areas=1, status=PlanStatus.DRAFT)
    client = login(people.reform)
    assert client.get(url("staff-report", "33.20", draft.pk, 1)).status_code == 404


# --- evidence ------------------------------------------------------------------------------------

@pytest.fixture
def draft_report(plan, people):
    return build_report(plan, 1, values=5, status=ReportStatus.DRAFT, updated_by=people.reform)


def test_fake_pdf_is_refused_and_nothing_stored(tree, people, login, plan, draft_report,
                                                media):
    client = login(people.reform)
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf at all",
                              content_type="application/pdf")
    response = client.post(url("staff-evidence-upload", "33.20", plan.pk, 1),
                           {"upload-title": "Daftar hadir", "upload-file": fake})
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not list(Path(media).rglob("*"))


def test_upload_pdf_evidence_for_an_indicator_and_download_it(tree, people, login, plan,
                                                             draft_report):
    indicator = indicators_of(plan)[0]
    client = login(people.reform)
    response = client.post(url("staff-evidence-upload", "33.20", plan.pk, 1), {
        "upload-title": "Daftar hadir rapat", "upload-indicator": indicator.pk,
        "upload-file": SimpleUploadedFile("hadir.pdf", pdf_bytes(),
                                          content_type="application/pdf")})
    assert response["Location"] == url("staff-report", "33.20", plan.pk, 1) + "#data-dukung"
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.indicator, evidence.original_name, evidence.added_by) == (
        "Daftar hadir rapat", indicator, "hadir.pdf", people.reform)
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    download = url("staff-evidence-download", "33.20", plan.pk, 1, evidence.pk)
    assert download in html
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Kudus never gets it.
    assert login(people.other_admin, Client()).get(download).status_code == 404


def test_link_a_published_dataset_and_a_document(tree, people, login, plan, draft_report):
    dataset = DatasetFactory(satker=tree.jepara, title="Data pemilih Jepara",
                             status=DatasetStatus.PUBLISHED)
    DatasetFactory(satker=tree.jepara, title="Dataset draf", status=DatasetStatus.DRAFT)
    DatasetFactory(satker=tree.kudus, title="Data Kudus", status=DatasetStatus.PUBLISHED)
    sk = decree(tree.jepara, "9/SK/2020", subject="SOP layanan informasi")
    client = login(people.reform)
    form = client.get(url("staff-evidence-link", "33.20", plan.pk, 1)).content.decode()
    assert "Data pemilih Jepara" in form
    assert "Dataset draf" not in form and "Data Kudus" not in form
    response = client.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                           {"link-dataset": dataset.pk})
    assert response.status_code == 302
    client.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                {"link-document": sk.pk, "link-title": "SOP PPID",
                 "link-indicator": indicators_of(plan)[1].pk})
    items = list(Evidence.objects.order_by("id"))
    assert [(e.title, e.linked_object) for e in items] == [
        ("Data pemilih Jepara", dataset), ("SOP PPID", sk)]
    assert items[0].linked_type == ContentType.objects.get_for_model(dataset)
    assert (items[0].indicator, items[1].indicator) == (None, indicators_of(plan)[1])
    assert not items[0].file
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert reverse("catalog:dataset-detail", args=[dataset.slug]) in html
    assert reverse("organisations:staff-document-download", args=["33.20", sk.pk]) in html


def test_link_needs_exactly_one_source(tree, people, login, plan, draft_report):
    sk = decree(tree.jepara)
    event = SocialisationEvent.objects.create(
        organiser=tree.jepara, title="Sosialisasi", date=plan.created_at.date(),
        mode=EventMode.ONLINE, created_by=people.reform)
    client = login(people.reform)
    for data in ({}, {"link-document": sk.pk, "link-event": event.pk}):
        response = client.post(url("staff-evidence-link", "33.20", plan.pk, 1), data)
        assert response.status_code == 400
        assert "Pilih tepat satu" in response.content.decode()
    kudus_doc = decree(tree.kudus, "1/Kudus")
    response = client.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                           {"link-document": kudus_doc.pk})
    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_link_an_event_of_the_satker(tree, people, login, plan, draft_report):
    event = SocialisationEvent.objects.create(
        organiser=tree.jepara, title="Rabu Ingin Tahu #12", date=plan.created_at.date(),
        mode=EventMode.ONLINE, created_by=people.reform)
    client = login(people.reform)
    client.post(url("staff-evidence-link", "33.20", plan.pk, 1), {"link-event": event.pk})
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.linked_object) == ("Rabu Ingin Tahu #12", event)
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert url("staff-event", "33.20", event.pk) in html


def test_delete_evidence_after_confirmation(tree, people, login, plan, draft_report):
    client = login(people.reform)
    client.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                {"link-url": "https://jepara.kpu.go.id/berita/1", "link-title": "Berita"})
    evidence = Evidence.objects.get()
    confirm = client.get(url("staff-evidence-delete", "33.20", plan.pk, 1, evidence.pk))
    assert "Ya, hapus" in confirm.content.decode()
    assert Evidence.objects.exists()
    client.post(url("staff-evidence-delete", "33.20", plan.pk, 1, evidence.pk))
    assert not Evidence.objects.exists()


def test_evidence_is_404_for_employee_and_after_submission(tree, people, login, plan,
                                                           draft_report):
    employee = login(people.employee)
    assert employee.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                         {"link-url": "https://x.test/"}).status_code == 404
    draft_report.status = ReportStatus.SUBMITTED
    draft_report.save()
    team = login(people.reform, Client())
    assert team.post(url("staff-evidence-link", "33.20", plan.pk, 1),
                     {"link-url": "https://x.test/"}).status_code == 404
    assert not Evidence.objects.exists()


# --- recommendations ---------------------------------------------------------------------------

def test_satker_answers_a_recommendation(tree, people, login, plan):
    report = build_report(plan, 1, status=ReportStatus.ACCEPTED)
    recommendation = Recommendation.objects.create(
        report=report, text="Perbarui SOP", deadline=plan.created_at.date(),
        created_by=people.evaluator)
    client = login(people.reform)
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert url("staff-recommendation-respond", "33.20", recommendation.pk) in html
    response = client.post(url("staff-recommendation-respond", "33.20", recommendation.pk),
                           {"response": "SOP diperbarui dengan SK 12/2020."})
    assert response["Location"] == url("staff-report", "33.20", plan.pk, 1) + "#rekomendasi"
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.response, recommendation.responded_by) == (
        RecommendationStatus.ANSWERED, "SOP diperbarui dengan SK 12/2020.", people.reform)
    # Empty answers are refused; readers and outsiders get 404.
    response = client.post(url("staff-recommendation-respond", "33.20", recommendation.pk),
                           {"response": "   "})
    assert response.status_code == 200
    for who in ("employee", "evaluator", "other_admin"):
        other = login(getattr(people, who), Client())
        assert other.post(url("staff-recommendation-respond", "33.20", recommendation.pk),
                          {"response": "x"}).status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.response == "SOP diperbarui dengan SK 12/2020."


# --- exports -----------------------------------------------------------------------------------

def test_plan_exports(tree, people, login, plan):
    client = login(people.employee)
    response = client.get(url("staff-plan-xlsx", "33.20", plan.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rencana-aksi-33.20-2020.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert "Indikator 1.1.1" in texts
    response = client.get(url("staff-plan-pdf", "33.20", plan.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert login(people.other_admin, Client()).get(
        url("staff-plan-pdf", "33.20", plan.pk)).status_code == 404


def test_report_exports(tree, people, login, plan):
    build_report(plan, 2, values=40, status=ReportStatus.SUBMITTED)
    client = login(people.evaluator)
    response = client.get(url("staff-report-xlsx", "33.20", plan.pk, 2))
    assert response.status_code == 200
    assert 'filename="laporan-rb-33.20-2020-tw2.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Indikator 1.1.1" in values
    response = client.get(url("staff-report-pdf", "33.20", plan.pk, 2))
    assert response.content.startswith(b"%PDF")
    # No report for the quarter: nothing to export.
    assert client.get(url("staff-report-pdf", "33.20", plan.pk, 3)).status_code == 404
    assert login(people.other_employee, Client()).get(
        url("staff-report-xlsx", "33.20", plan.pk, 2)).status_code == 404


def test_report_page_queries_are_bounded(tree, people, login, django_assert_max_num_queries):
    plan = build_plan(tree.jepara, year=2020, areas=8, activities=2, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
    build_report(plan, 1, status=ReportStatus.DRAFT)
    client = login(people.reform)
    client.get(url("staff-report", "33.20", plan.pk, 1))
    with django_assert_max_num_queries(24):
        response = client.get(url("staff-report", "33.20", plan.pk, 1))
    assert response.content.decode().count('class="rb-indicator"') == 32


def test_link_any_other_citable_record_through_the_shared_registry(tree, people, login, plan,
                                                                    draft_report):
    """Kinds without a field of their own (here last year's progress report; later SOPs and
    survey reports) are offered by the shared evidence field, with the source's own rules."""
    last_year = build_plan(tree.jepara, year=2019, areas=1, activities=1, indicators=1)
    earlier = build_report(last_year, 4, values=80, status=ReportStatus.ACCEPTED)
    kudus = build_report(build_plan(tree.kudus, year=2019, areas=1, activities=1, indicators=1),
                         4, values=80, status=ReportStatus.ACCEPTED)
    client = login(people.reform)
    link = url("staff-evidence-link", "33.20", plan.pk, 1)

    refused = client.post(link, {"link-record_0": "report", "link-record_2": kudus.pk})
    assert refused.status_code == 400 and not Evidence.objects.exists()

    assert client.post(link, {"link-record_0": "report",
                              "link-record_2": earlier.pk}).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.linked_object == earlier
    assert evidence.title.startswith("Laporan TW IV 2019")
    html = client.get(url("staff-report", "33.20", plan.pk, 1)).content.decode()
    assert url("staff-report", "33.20", last_year.pk, 4) in html
