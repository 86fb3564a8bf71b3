import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prima.core.models import AuditEvent
from prima.organisations.tests.factories import pdf_bytes
from prima.reform import policies, services
from prima.reform.choices import (
    PlanStatus,
    RecommendationStatus,
    ReportStatus,
    TeamRole,
    TeamStatus,
)
from prima.reform.models import (
    ActionPlan,
    Evidence,
    Indicator,
    ProgressReport,
    Realisation,
    Recommendation,
    ReformTeam,
    ReviewComment,
)

from .factories import build_plan, build_report, decree, indicators_of
from .helpers import area

# --- teams ---------------------------------------------------------------------------------------

def test_establish_team_with_members_and_audit(tree, people):
    sk = decree(tree.jepara, "12/PP.01-Kpt/3320/2020")
    team = services.establish_team(
        satker=tree.jepara, actor=people.reform, decree=sk, period_start=dt.date(2020, 1, 6),
        members=[{"name": "Ahmad Fauzi", "role": TeamRole.PERSON_IN_CHARGE},
                 {"user": people.secretary, "role": TeamRole.CHAIR},
                 {"name": "Yusuf", "role": TeamRole.AREA_COORDINATOR, "area": area(1)}])
    assert team.status == TeamStatus.ACTIVE
    assert [(m.name, m.role) for m in team.members.all()] == [
        ("Ahmad Fauzi", "penanggung_jawab"), ("Sekretaris Jepara", "ketua"),
        ("Yusuf", "koordinator_area")]
    assert AuditEvent.objects.filter(action="reform.team_established",
                                     object_id=str(team.pk)).count() == 1


def test_new_team_supersedes_the_active_one_and_keeps_history(tree, people):
    first = services.establish_team(
        satker=tree.jepara, actor=people.admin, decree=decree(tree.jepara, "1/2020"),
        period_start=dt.date(2020, 1, 6), members=[{"name": "Lama", "role": TeamRole.MEMBER}])
    second = services.establish_team(
        satker=tree.jepara, actor=people.admin, decree=decree(tree.jepara, "2/2021"),
        period_start=dt.date(2021, 2, 1), members=[{"name": "Baru", "role": TeamRole.MEMBER}])
    first.refresh_from_db()
    assert first.status == TeamStatus.SUPERSEDED
    assert first.period_end == dt.date(2021, 1, 31)
    assert second.supersedes == first
    assert first.superseded_by == second
    assert [m.name for m in first.members.all()] == ["Lama"]
    assert ReformTeam.objects.filter(satker=tree.jepara).count() == 2
    with pytest.raises(ValidationError) as error:
        services.add_team_member(team=first, actor=people.admin, name="X",
                                 role=TeamRole.MEMBER)
    assert error.value.code == "superseded"
    assert first.members.count() == 1


def test_team_member_add_update_remove(tree, people):
    team = services.establish_team(satker=tree.jepara, actor=people.admin,
                                   decree=decree(tree.jepara), period_start=dt.date(2020, 1, 6))
    member = services.add_team_member(team=team, actor=people.reform, name="Nur Aini",
                                      role=TeamRole.AGENT_OF_CHANGE)
    assert member.order == 1
    services.update_team_member(member=member, actor=people.reform,
                                data={"position": "Staf"})
    member.refresh_from_db()
    assert member.position == "Staf"
    services.remove_team_member(member=member, actor=people.reform)
    assert team.members.count() == 0


def test_team_needs_a_decree_of_the_satker(tree, people):
    with pytest.raises(ValidationError) as error:
        services.establish_team(satker=tree.jepara, actor=people.admin,
                                decree=decree(tree.kudus), period_start=dt.date(2020, 1, 6))
    assert "decree" in error.value.message_dict
    assert not ReformTeam.objects.exists()


def test_employee_cannot_establish_a_team(tree, people):
    with pytest.raises(PermissionDenied):
        services.establish_team(satker=tree.jepara, actor=people.employee,
                                decree=decree(tree.jepara), period_start=dt.date(2020, 1, 6))
    assert not ReformTeam.objects.exists()


def test_coordinator_needs_an_area(tree, people):
    with pytest.raises(ValidationError):
        services.establish_team(satker=tree.jepara, actor=people.admin,
                                decree=decree(tree.jepara), period_start=dt.date(2020, 1, 6),
                                members=[{"name": "A", "role": TeamRole.AREA_COORDINATOR}])
    assert not ReformTeam.objects.exists()


# --- plans ---------------------------------------------------------------------------------------

def test_create_plan_and_edit_its_tree_bumps_the_version(tree, people):
    plan = services.create_plan(satker=tree.jepara, year=2020, actor=people.reform)
    assert plan.title == "Rencana Aksi Reformasi Birokrasi KPU Kabupaten Jepara Tahun 2020"
    assert plan.regime.code == "permenpanrb-26-2020"
    assert plan.version == 1
    programme = services.save_programme(plan=plan, actor=people.reform,
                                        data={"area": area(8), "name": "Layanan daring"},
                                        expected_version=1)
    activity = services.save_activity(programme=programme, actor=people.reform, data={
        "name": "Layanan informasi daring", "output": "Portal PPID", "quarters": [2, 1],
        "budget": "15000000", "weight": "2"})
    indicator = services.save_indicator(activity=activity, actor=people.reform, data={
        "name": "Waktu layanan", "unit": "hari", "direction": "lower", "baseline": "7",
        "target": "3", "target_q1": "6", "target_q2": "5", "target_q3": "4", "target_q4": "3"})
    plan.refresh_from_db()
    assert plan.version == 4
    assert activity.quarters == [1, 2]
    assert activity.budget == D("15000000")
    assert indicator.target == D(3)
    with pytest.raises(ValidationError) as error:
        services.save_programme(plan=plan, actor=people.reform,
                                data={"area": area(1), "name": "X"}, expected_version=1)
    assert error.value.code == "conflict"
    services.delete_indicator(indicator=indicator, actor=people.reform, expected_version=4)
    assert not Indicator.objects.exists()


def test_duplicate_plan_for_the_year_is_refused(tree, people):
    services.create_plan(satker=tree.jepara, year=2020, actor=people.reform)
    with pytest.raises(ValidationError) as error:
        services.create_plan(satker=tree.jepara, year=2020, actor=people.reform)
    assert error.value.message_dict["year"] == [
        "KPU Kabupaten Jepara sudah memiliki rencana aksi tahun 2020."]
    assert ActionPlan.objects.count() == 1


def test_indicator_bad_input_changes_nothing(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=0, status=PlanStatus.DRAFT)
    activity = plan.programmes.get().activities.get()
    with pytest.raises(ValidationError) as error:
        services.save_indicator(activity=activity, actor=people.reform, data={
            "name": "Dokumen", "unit": "dokumen", "target": "sepuluh"})
    assert error.value.message_dict == {"target": ["Target tahunan harus berupa angka."]}
    with pytest.raises(ValidationError) as error:
        services.save_indicator(activity=activity, actor=people.reform, data={
            "name": "Dokumen", "unit": "dokumen", "target": "-1"})
    assert error.value.message_dict == {
        "target": ["Target tahunan tidak boleh kurang dari 0."]}
    assert not Indicator.objects.exists()
    plan.refresh_from_db()
    assert plan.version == 1


def test_plan_structure_is_frozen_after_submission(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, status=PlanStatus.DRAFT)
    services.submit_plan(plan=plan, actor=people.reform)
    programme = plan.programmes.get()
    with pytest.raises(ValidationError) as error:
        services.save_programme(plan=plan, actor=people.reform, programme=programme,
                                data={"area": area(1), "name": "Diubah"})
    assert error.value.code == "not_draft"
    programme.refresh_from_db()
    assert programme.name == "Program area 1"


def test_empty_plan_cannot_be_submitted(tree, people):
    plan = services.create_plan(satker=tree.jepara, year=2020, actor=people.reform)
    with pytest.raises(ValidationError) as error:
        services.submit_plan(plan=plan, actor=people.reform)
    assert error.value.code == "no_indicators"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


@pytest.mark.parametrize("who", ["admin", "secretary", "reform", "evaluator"])
def test_only_the_head_approves(tree, people, who):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1,
                      status=PlanStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan=plan, actor=getattr(people, who),
                              decree=decree(tree.jepara))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.decree is None


@pytest.mark.parametrize("who", ["head", "system_admin"])
def test_head_or_system_admin_approves_with_a_decree(tree, people, who):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1,
                      status=PlanStatus.SUBMITTED)
    sk = decree(tree.jepara, "35/2020")
    services.approve_plan(plan=plan, actor=getattr(people, who), decree=sk)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.decree == sk
    assert plan.approved_by == getattr(people, who)
    services.start_plan(plan=plan, actor=people.reform)
    services.publish_plan(plan=plan, actor=people.reform, is_published=True)
    plan.refresh_from_db()
    assert (plan.status, plan.is_published) == (PlanStatus.RUNNING, True)
    services.close_plan(plan=plan, actor=people.reform)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED


def test_head_can_return_a_submitted_plan(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1,
                      status=PlanStatus.SUBMITTED)
    services.return_plan(plan=plan, actor=people.head, reason="Lengkapi target triwulan.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert AuditEvent.objects.filter(action="reform.plan_return_reason_recorded").get().changes == {
        "reason": [None, "Lengkapi target triwulan."]}


def test_draft_plan_cannot_be_published(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, status=PlanStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.publish_plan(plan=plan, actor=people.reform, is_published=True)
    plan.refresh_from_db()
    assert plan.is_published is False


def test_copy_plan_from_last_year(tree, people):
    source = build_plan(tree.jepara, year=2020, areas=2, activities=2, indicators=2,
                        quarterly=True, status=PlanStatus.CLOSED)
    copy = services.copy_plan(source=source, year=2021, actor=people.reform)
    assert (copy.satker, copy.year, copy.status, copy.copied_from) == (
        tree.jepara, 2021, PlanStatus.DRAFT, source)
    old, new = indicators_of(source), indicators_of(copy)
    assert len(new) == 8
    assert [(i.name, i.target, i.target_q2) for i in new] == [
        (i.name, i.target, i.target_q2) for i in old]
    assert {i.activity.programme.plan_id for i in new} == {copy.pk}


def test_adopt_province_template(tree, people):
    from prima.organisations.choices import Role
    from prima.organisations.tests.factories import member

    province_reform = member(tree.jateng, Role.REFORM, full_name="Tim RB Jateng")
    template = services.create_plan(satker=tree.jateng, year=2021, actor=province_reform,
                                    is_template=True)
    programme = services.save_programme(plan=template, actor=province_reform,
                                        data={"area": area(1), "name": "Agen perubahan"})
    activity = services.save_activity(programme=programme, actor=province_reform, data={
        "name": "Penetapan agen perubahan", "output": "SK agen perubahan"})
    services.save_indicator(activity=activity, actor=province_reform, data={
        "name": "Agen perubahan ditetapkan", "unit": "orang", "target": "5"})
    assert template.pk not in set(policies.plans_visible_to(people.reform)
                                  .values_list("pk", flat=True))  # still a draft
    services.submit_plan(plan=template, actor=province_reform)
    assert template.pk in set(policies.plans_visible_to(people.reform)
                              .values_list("pk", flat=True))
    adopted = services.copy_plan(source=template, year=2021, actor=people.reform,
                                 satker=tree.jepara)
    assert adopted.satker == tree.jepara and adopted.is_template is False
    assert [i.name for i in indicators_of(adopted)] == ["Agen perubahan ditetapkan"]
    assert AuditEvent.objects.filter(action="reform.template_adopted").count() == 1


def test_other_province_cannot_adopt_the_template(tree, people):
    from prima.organisations.choices import Role
    from prima.organisations.tests.factories import member

    template = build_plan(tree.jateng, year=2021, areas=1, activities=1, indicators=1,
                          is_template=True, status=PlanStatus.APPROVED)
    bogor_reform = member(tree.bogor, Role.REFORM)
    with pytest.raises(ValidationError) as error:
        services.copy_plan(source=template, year=2021, actor=bogor_reform, satker=tree.bogor)
    assert error.value.messages == [
        "Templat KPU Provinsi Jawa Tengah hanya dapat diadopsi oleh satker di bawahnya."]
    assert not ActionPlan.objects.filter(satker=tree.bogor).exists()
    assert template.pk not in set(policies.plans_visible_to(bogor_reform)
                                  .values_list("pk", flat=True))


def test_copying_another_satkers_plan_is_refused(tree, people):
    source = build_plan(tree.kudus, areas=1, activities=1, indicators=1)
    with pytest.raises(ValidationError):
        services.copy_plan(source=source, year=2021, actor=people.reform, satker=tree.jepara)
    assert not ActionPlan.objects.filter(satker=tree.jepara).exists()


# --- permissions -------------------------------------------------------------------------------

def test_drafts_stay_inside_the_satker(tree, people):
    jepara_draft = build_plan(tree.jepara, year=2020, status=PlanStatus.DRAFT, areas=1)
    kudus_draft = build_plan(tree.kudus, year=2020, status=PlanStatus.DRAFT, areas=1)
    kudus_running = build_plan(tree.kudus, year=2021, status=PlanStatus.RUNNING, areas=1)

    def visible(user):
        return set(policies.plans_visible_to(user).values_list("pk", flat=True))

    assert visible(people.employee) == {jepara_draft.pk}
    assert visible(people.other_employee) == {kudus_draft.pk, kudus_running.pk}
    assert visible(people.evaluator) == {kudus_running.pk}
    assert visible(people.other_evaluator) == set()
    assert visible(people.citizen) == set()
    assert visible(people.system_admin) == {jepara_draft.pk, kudus_draft.pk, kudus_running.pk}


def test_report_drafts_only_for_own_staff_submitted_for_the_evaluator_above(tree, people):
    plan = build_plan(tree.jepara, areas=1)
    draft = build_report(plan, 1, status=ReportStatus.DRAFT)
    submitted = build_report(plan, 2, status=ReportStatus.SUBMITTED)

    def visible(user):
        return set(policies.reports_visible_to(user).values_list("pk", flat=True))

    assert visible(people.employee) == {draft.pk, submitted.pk}
    assert visible(people.other_admin) == set()
    assert visible(people.evaluator) == {submitted.pk}
    assert visible(people.other_evaluator) == set()
    assert policies.can_see_report(people.evaluator, draft) is False
    assert policies.can_see_report(people.evaluator, submitted) is True
    assert policies.can_review_report(people.evaluator, submitted) is True
    assert policies.can_review_report(people.other_evaluator, submitted) is False


def test_province_evaluator_reviews_but_cannot_edit_the_plan(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, status=PlanStatus.DRAFT)
    assert policies.can_edit_plan(people.reform, plan) is True
    assert policies.can_edit_plan(people.evaluator, plan) is False
    assert policies.can_evaluate(people.evaluator, tree.jepara) is True
    assert policies.can_evaluate(people.evaluator, tree.jateng) is False
    assert policies.can_evaluate(people.other_evaluator, tree.jepara) is False
    with pytest.raises(PermissionDenied):
        services.save_programme(plan=plan, actor=people.evaluator,
                                data={"area": area(2), "name": "X"})
    assert plan.programmes.count() == 1


def test_other_province_evaluator_cannot_review(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    report = build_report(plan, 1)
    with pytest.raises(PermissionDenied):
        services.review_report(report=report, actor=people.other_evaluator,
                               verdict=ReportStatus.ACCEPTED)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# --- reports ------------------------------------------------------------------------------------

def test_save_report_creates_it_with_due_date_and_realisations(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=2)
    first, second = indicators_of(plan)
    report = services.save_report(plan=plan, quarter=1, actor=people.reform, expected_version=0,
                                  data={"narrative": "Berjalan baik."},
                                  realisations={first.pk: ("25", "rapat 1"),
                                                second.pk: (None, "")})
    assert report.version == 1
    assert report.due_date == dt.date(2020, 4, 10)
    assert report.updated_by == people.reform
    assert [(r.indicator_id, r.value, r.note) for r in report.realisations.all()] == [
        (first.pk, D(25), "rapat 1")]
    assert AuditEvent.objects.get(action="reform.report_saved").changes["realisations"] == [
        None, {str(first.pk): [None, "25"]}]


def test_concurrent_edits_of_a_report_never_overwrite(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    (indicator,) = indicators_of(plan)
    report = services.save_report(plan=plan, quarter=2, actor=people.reform, expected_version=0,
                                  data={"narrative": "Awal"},
                                  realisations={indicator.pk: ("10", "")})
    # Two people load version 1.
    loaded_by_first = loaded_by_second = report.version
    services.save_report(report=report, actor=people.reform, expected_version=loaded_by_first,
                         data={"narrative": "Versi Tim RB"},
                         realisations={indicator.pk: ("40", "")})
    with pytest.raises(ValidationError) as error:
        services.save_report(report=report, actor=people.secretary,
                             expected_version=loaded_by_second,
                             data={"narrative": "Versi Sekretaris"},
                             realisations={indicator.pk: ("99", "")})
    assert error.value.code == "conflict"
    message = error.value.messages[0]
    assert message.startswith("Laporan ini telah diubah oleh Tim RB Jepara pada ")
    assert "Muat ulang halaman" in message
    report.refresh_from_db()
    assert (report.narrative, report.version, report.updated_by) == (
        "Versi Tim RB", 2, people.reform)
    assert Realisation.objects.get(report=report).value == D(40)
    assert AuditEvent.objects.filter(action="reform.report_saved").count() == 2


def test_two_people_creating_the_same_quarter_conflict(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    services.save_report(plan=plan, quarter=3, actor=people.reform, expected_version=0,
                         data={"narrative": "Pertama"})
    with pytest.raises(ValidationError) as error:
        services.save_report(plan=plan, quarter=3, actor=people.secretary, expected_version=0,
                             data={"narrative": "Kedua"})
    assert "Tim RB Jepara" in error.value.messages[0]
    assert ProgressReport.objects.get().narrative == "Pertama"


def test_realisation_of_another_plan_is_refused(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    other = build_plan(tree.kudus, areas=1, activities=1, indicators=1)
    (foreign,) = indicators_of(other)
    with pytest.raises(ValidationError):
        services.save_report(plan=plan, quarter=1, actor=people.reform, expected_version=0,
                             data={}, realisations={foreign.pk: ("1", "")})
    assert not ProgressReport.objects.exists()


def test_report_needs_an_approved_or_running_plan(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, status=PlanStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.save_report(plan=plan, quarter=1, actor=people.reform, data={})


def test_evidence_upload_link_and_record(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    (indicator,) = indicators_of(plan)
    report = build_report(plan, 1, status=ReportStatus.DRAFT)
    upload = SimpleUploadedFile("notulen.pdf", pdf_bytes(), content_type="application/pdf")
    evidence = services.add_evidence(report=report, actor=people.reform, title="Notulen rapat",
                                     upload=upload, indicator=indicator)
    assert evidence.original_name == "notulen.pdf" and len(evidence.sha256) == 64
    assert evidence.file.read().startswith(b"%PDF-")
    sk = decree(tree.jepara, "7/2020")
    linked = services.add_evidence(report=report, actor=people.reform, title="SK Tim",
                                   linked_object=sk)
    assert linked.linked_object == sk
    services.add_evidence(report=report, actor=people.reform, title="Berita",
                          url="https://kab-jepara.kpu.go.id/berita/1")
    assert Evidence.objects.filter(report=report).count() == 3


def test_fake_pdf_evidence_is_refused(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    report = build_report(plan, 1, status=ReportStatus.DRAFT)
    upload = SimpleUploadedFile("x.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_evidence(report=report, actor=people.reform, title="X", upload=upload)
    assert error.value.code == "wrong_type"
    assert not Evidence.objects.exists()


def test_other_satkers_private_record_is_no_evidence(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    report = build_report(plan, 1, status=ReportStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.add_evidence(report=report, actor=people.reform, title="SK Kudus",
                              linked_object=decree(tree.kudus, "9/2020"))
    assert not Evidence.objects.exists()


def test_review_cycle_revise_then_accept(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    (indicator,) = indicators_of(plan)
    report = services.save_report(plan=plan, quarter=1, actor=people.reform, expected_version=0,
                                  data={"narrative": "TW I"},
                                  realisations={indicator.pk: ("20", "")})
    services.submit_report(report=report, actor=people.reform)
    with pytest.raises(ValidationError):
        services.review_report(report=report, actor=people.evaluator,
                               verdict=ReportStatus.REVISE)
    report = services.review_report(
        report=report, actor=people.evaluator, verdict=ReportStatus.REVISE,
        comments=[(indicator.pk, "Lampirkan daftar hadir."), (None, "Perbaiki uraian.")],
        recommendations=[("Unggah daftar hadir rapat", dt.date(2020, 5, 15))])
    assert report.status == ReportStatus.REVISE
    assert ReviewComment.objects.filter(report=report).count() == 2
    recommendation = Recommendation.objects.get()
    services.respond_recommendation(recommendation=recommendation, actor=people.reform,
                                    response="Sudah diunggah.")
    report = services.save_report(report=report, actor=people.reform,
                                  expected_version=report.version,
                                  data={"narrative": "TW I diperbaiki"})
    services.submit_report(report=report, actor=people.reform)
    report = services.review_report(report=report, actor=people.evaluator,
                                    verdict=ReportStatus.ACCEPTED)
    services.close_recommendation(recommendation=recommendation, actor=people.evaluator)
    recommendation.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.reviewed_by == people.evaluator
    assert recommendation.status == RecommendationStatus.CLOSED
    assert recommendation.response == "Sudah diunggah."
    with pytest.raises(ValidationError):
        services.save_report(report=report, actor=people.reform, data={"narrative": "x"})


def test_empty_report_cannot_be_submitted(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    report = services.save_report(plan=plan, quarter=1, actor=people.reform, data={})
    with pytest.raises(ValidationError) as error:
        services.submit_report(report=report, actor=people.reform)
    assert error.value.code == "empty"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


# --- events ----------------------------------------------------------------------------------

def test_event_with_attendance_from_units_below(tree, people):
    from prima.organisations.choices import Role
    from prima.organisations.tests.factories import member

    province_reform = member(tree.jateng, Role.REFORM)
    event = services.create_event(organiser=tree.jateng, actor=province_reform, data={
        "title": "Rabu Ingin Tahu: Zona Integritas", "series": "Rabu Ingin Tahu",
        "date": dt.date(2020, 7, 1), "mode": "online", "location": "Zoom"})
    rows = services.set_attendance(event=event, actor=province_reform, participants=[
        {"satker": tree.jepara, "name": "Yusuf", "attended": True},
        {"satker": tree.kudus, "name": "Rina", "attended": False}])
    assert [(r.satker.code, r.attended) for r in rows] == [("33.20", True), ("33.19", False)]
    with pytest.raises(ValidationError):
        services.set_attendance(event=event, actor=province_reform,
                                participants=[{"satker": tree.bogor, "name": "Z"}])
    assert event.participants.count() == 2
    assert event in policies.events_visible_to(people.employee)
    assert event not in policies.events_visible_to(people.other_evaluator)


@pytest.mark.parametrize(("year", "code"), [(2020, "permenpanrb-26-2020"),
                                            (2023, "permenpanrb-26-2020"),
                                            (2024, "permenpanrb-9-2023"),
                                            (2027, "permenpanrb-9-2023")])
def test_plans_use_the_regime_in_force_for_their_year(tree, year, code):
    """26/2020 was replaced by 9/2023 (reform-evaluation.md): plans of 2024 and later use it."""
    assert services.regime_for_year(year).code == code
