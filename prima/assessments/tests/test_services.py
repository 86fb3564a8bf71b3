"""Filling, verifying and finalising assessments through the services (no HTTP)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prima.assessments import services
from prima.assessments import worksheet as ws
from prima.assessments.choices import AuditAction, Kind, Side, Status
from prima.assessments.models import Answer, Assessment
from prima.core.evidence import EvidenceRef
from prima.core.models import AuditEvent
from prima.organisations.tests.factories import DocumentFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def test_start_keeps_the_worksheet_version(zi_assessment):
    sheet = ws.get("lke-zi-90-2021")
    assert zi_assessment.worksheet.key == sheet.key
    assert zi_assessment.worksheet.sha256 == sheet.sha256
    assert zi_assessment.worksheet.source == sheet.source
    assert zi_assessment.self_total == 0 and zi_assessment.status == Status.DRAFT
    assert zi_assessment.to_answer == len([i for i in sheet.items if not i.computed])


def test_start_picks_the_regime_in_force(tree, people):
    old = services.start_assessment(satker=tree.jepara, year=2021, kind=Kind.RB,
                                    actor=people.reform)
    new = services.start_assessment(satker=tree.kudus, year=2024, kind=Kind.RB, actor=None)
    assert (old.worksheet.key, new.worksheet.key) == ("pmprb-26-2020", "rb-general-9-2023")


def test_a_second_assessment_of_the_same_year_is_refused(zi_assessment, tree, people):
    with pytest.raises(ValidationError, match="sudah ada"):
        services.start_assessment(satker=tree.jepara, year=2024, kind=Kind.ZI,
                                  actor=people.reform)


def test_only_the_satker_writers_start(tree, people):
    with pytest.raises(PermissionDenied):
        services.start_assessment(satker=tree.jepara, year=2024, kind=Kind.ZI,
                                  actor=people.employee)
    assert not Assessment.objects.exists()


def test_answers_update_the_score_and_progress(zi_assessment, fill):
    # P1.1 (0.5): mean(Ya=1, B=0.67) × 0.5 = 0.4175; P1.2 (1.0): mean(1, 1, 0.5) = 0.8333...
    done = fill(zi_assessment, {"mp_tim": "ya", "mp_tim_seleksi": "b", "mp_rencana": "Ya",
                                "mp_rencana_target": "A", "mp_sosialisasi": "B"})
    assert done.self_total == Decimal("1.25")
    assert done.answered == 5
    rows = {r.item_key: r for r in done.answers.all()}
    assert rows["mp_tim"].self_answer == "Ya" and rows["mp_tim_seleksi"].self_answer == "B"
    assert sum(r.self_points for r in rows.values()).quantize(Decimal("0.01")) == Decimal("1.25")


def test_formula_items_are_computed_from_their_inputs(zi_assessment, fill):
    done = fill(zi_assessment, {"ak_realisasi": "750000", "ak_pagu": "1000000"})
    row = done.answers.get(item_key="ak_serapan")
    assert row.self_answer == "75"
    # P4.2 (2.5) has 3 scored items: 0.75 / 3 × 2.5 = 0.625.
    assert row.self_points == Decimal("0.625")
    with pytest.raises(ValidationError, match="dihitung otomatis"):
        services.save_answer(assessment=done, item_key="ak_serapan", answer="90",
                             actor=done.created_by)


def test_a_bad_answer_changes_nothing(zi_assessment, people):
    with pytest.raises(ValidationError) as raised:
        services.save_answer(assessment=zi_assessment, item_key="mp_tim_seleksi", answer="F",
                             actor=people.reform)
    assert "A/B/C/D" in str(raised.value)
    assert not Answer.objects.filter(assessment=zi_assessment, item_key="mp_tim_seleksi",
                                     version__gt=0).exists()
    with pytest.raises(ValidationError, match="tidak ada di lembar kerja"):
        services.save_answer(assessment=zi_assessment, item_key="nope", answer="A",
                             actor=people.reform)


def test_a_stale_version_is_refused_and_the_other_answer_kept(zi_assessment, people):
    first = services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Ya",
                                 actor=people.reform, expected_version=0)
    assert first.version == 1
    with pytest.raises(services.AnswerConflict) as raised:
        services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Tidak",
                             actor=people.secretary, expected_version=0)
    assert raised.value.current.self_answer == "Ya"
    assert Answer.objects.get(assessment=zi_assessment, item_key="mp_tim").self_answer == "Ya"


def test_different_items_saved_from_old_pages_are_all_kept(zi_assessment, people):
    """Two people load the page (every item at version 0) and each saves another item."""
    services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Ya",
                         actor=people.reform, expected_version=0)
    services.save_answer(assessment=zi_assessment, item_key="mp_rencana", answer="Ya",
                         actor=people.secretary, expected_version=0)
    answers = dict(zi_assessment.answers.values_list("item_key", "self_answer"))
    assert answers["mp_tim"] == "Ya" and answers["mp_rencana"] == "Ya"


def test_people_outside_the_satker_cannot_answer(zi_assessment, people):
    for person in (people.employee, people.other_admin, people.evaluator):
        with pytest.raises(PermissionDenied):
            services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Ya",
                                 actor=person)
    assert not zi_assessment.answers.exclude(self_answer="").exists()


def test_verification_flow_keeps_both_values(zi_assessment, fill, people):
    fill(zi_assessment, {"mp_tim": "Ya", "mp_tim_seleksi": "A"})
    with pytest.raises(PermissionDenied):  # only the level above verifies
        services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Tidak",
                             actor=people.head, side=Side.EVALUATOR)
    services.submit(assessment=zi_assessment, actor=people.reform)
    with pytest.raises(ValidationError, match="tidak sedang diisi"):
        services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Tidak",
                             actor=people.reform)
    with pytest.raises(PermissionDenied):  # another province's evaluator
        services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Tidak",
                             actor=people.other_evaluator, side=Side.EVALUATOR)
    services.save_answer(assessment=zi_assessment, item_key="mp_tim_seleksi", answer="C",
                         note="SK tanpa mekanisme seleksi", actor=people.evaluator,
                         side=Side.EVALUATOR)
    zi_assessment.refresh_from_db()
    assert zi_assessment.self_total == Decimal("0.50")
    assert zi_assessment.evaluator_total == Decimal("0.33")  # mean(1, 0.33) × 0.5
    row = zi_assessment.answers.get(item_key="mp_tim_seleksi")
    assert (row.self_answer, row.evaluator_answer, row.evaluator_note) == (
        "A", "C", "SK tanpa mekanisme seleksi")

    services.return_items(assessment=zi_assessment, actor=people.evaluator,
                          item_keys=["mp_tim_seleksi"], note="Lengkapi notulen seleksi")
    zi_assessment.refresh_from_db()
    assert zi_assessment.status == Status.RETURNED
    assert list(zi_assessment.answers.filter(returned=True).values_list("item_key", flat=True)
                ) == ["mp_tim_seleksi"]
    services.save_answer(assessment=zi_assessment, item_key="mp_tim_seleksi", answer="B",
                         actor=people.reform)
    services.submit(assessment=zi_assessment, actor=people.reform)
    assert not zi_assessment.answers.filter(returned=True).exists()

    final = services.finalise(assessment=zi_assessment, actor=people.evaluator)
    assert final.status == Status.FINAL and final.finalised_by == people.evaluator
    with pytest.raises(ValidationError):
        services.save_answer(assessment=final, item_key="mp_tim", answer="Ya",
                             actor=people.evaluator, side=Side.EVALUATOR)
    with pytest.raises(ValidationError, match="alasan"):
        services.reopen(assessment=final, actor=people.evaluator, reason="")
    reopened = services.reopen(assessment=final, actor=people.evaluator,
                               reason="Temuan baru dari inspektorat atas data dukung")
    assert reopened.status == Status.SUBMITTED
    event = AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_REOPENED).get()
    assert "Temuan baru" in str(event.changes)


def test_ikm_feeds_index_items_when_surveys_provide_it(tree, people, monkeypatch):
    monkeypatch.setattr(services, "satker_ikm", lambda satker, year: Decimal("82.50"))
    assessment = services.start_assessment(satker=tree.jepara, year=2024, kind=Kind.ZI,
                                           actor=people.reform)
    row = assessment.answers.get(item_key="hasil_ipkp")
    assert row.self_answer == "3.3"
    # H2.1 (17.5): 3.3 / 4 × 17.5 = 14.4375.
    assert row.self_points == Decimal("14.4375")


def test_without_the_surveys_app_there_is_no_ikm(tree):
    assert services.satker_ikm(tree.jepara, 2024) is None


def test_evidence_links_and_files_count_per_item(zi_assessment, tree, people):
    document = DocumentFactory(satker=tree.jepara)
    services.link_answer_evidence(assessment=zi_assessment, item_key="mp_tim",
                                  ref=EvidenceRef("document", str(document.pk)),
                                  actor=people.reform)
    upload = SimpleUploadedFile("notulen.pdf", pdf_bytes(), content_type="application/pdf")
    record = services.attach_file(assessment=zi_assessment, item_key="mp_tim", upload=upload,
                                  actor=people.reform)
    assert zi_assessment.answers.get(item_key="mp_tim").evidence_count == 2
    services.delete_file(record=record, actor=people.reform)
    assert zi_assessment.answers.get(item_key="mp_tim").evidence_count == 1


def test_a_fake_pdf_is_refused(zi_assessment, people):
    upload = SimpleUploadedFile("x.pdf", b"\x00\x01\x02\xffgarbage", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.attach_file(assessment=zi_assessment, item_key="mp_tim", upload=upload,
                             actor=people.reform)
    assert not zi_assessment.answers.filter(evidence_count__gt=0).exists()
