"""Staff pages of the reform app: home, teams, plans and their editor, workflow, copy/adopt,
permissions and query bounds (through the test client)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from prima.core.models import AuditEvent
from prima.reform.choices import PlanStatus, TeamRole, TeamStatus
from prima.reform.models import (
    ActionPlan,
    Activity,
    Indicator,
    Programme,
    ReformTeam,
    TeamMember,
)

from .factories import build_plan, build_report, decree, indicators_of
from .helpers import area, url


@pytest.fixture
def draft(tree, people):
    return build_plan(tree.jepara, year=2021, areas=2, activities=1, indicators=1,
                      status=PlanStatus.DRAFT, created_by=people.reform)


# --- home --------------------------------------------------------------------------------------

def test_home_shows_team_plans_due_reports_and_links(tree, people, login):
    team = ReformTeam.objects.create(satker=tree.jepara, decree=decree(tree.jepara),
                                     period_start=dt.date(2020, 1, 6), created_by=people.reform)
    TeamMember.objects.create(team=team, name="Ahmad Fauzi", role=TeamRole.CHAIR)
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      status=PlanStatus.RUNNING)
    build_report(plan, 1, values=25)
    client = login(people.employee)
    response = client.get(url("staff-home", "33.20"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ahmad Fauzi" in html
    assert plan.title in html
    assert url("staff-plan", "33.20", plan.pk) in html
    # Q1 at 25 of 100 with no quarterly target = 25% achieved, 25% expected: on track.
    assert "25%" in html
    assert "Sesuai rencana" in html
    # Q2-Q4 of 2020 are long past their deadline with no report.
    assert url("staff-report", "33.20", plan.pk, 2) in html
    assert "terlambat" in html


@pytest.mark.parametrize("who, status", [
    ("reform", 200), ("employee", 200), ("head", 200), ("evaluator", 200),
    ("system_admin", 200), ("other_admin", 404), ("other_employee", 404),
    ("other_evaluator", 404), ("citizen", 404),
])
def test_home_scope(tree, people, login, who, status):
    client = login(getattr(people, who))
    assert client.get(url("staff-home", "33.20")).status_code == status


def test_home_needs_login(client, tree):
    response = client.get(url("staff-home", "33.20"))
    assert response.status_code == 302
    assert "/akun/" in response["Location"]


# --- teams -------------------------------------------------------------------------------------

def test_establish_team_then_members_then_supersede(tree, people, login):
    sk = decree(tree.jepara, "12/PP.01-Kpt/3320/2020")
    client = login(people.reform)
    page = client.get(url("staff-team-create", "33.20"))
    assert sk.number in page.content.decode()
    response = client.post(url("staff-team-create", "33.20"), {
        "name": "Tim RB 2020", "decree": sk.pk, "period_start": "2020-01-06"})
    team = ReformTeam.objects.get(satker=tree.jepara)
    assert response.status_code == 302
    assert response["Location"] == url("staff-team", "33.20", team.pk)
    # A member who is a user of the satker; the name comes from the account.
    response = client.post(url("staff-member-create", "33.20", team.pk), {
        "user": people.secretary.pk, "name": "", "position": "Sekretaris",
        "role": TeamRole.CHAIR, "order": 1})
    assert response.status_code == 302
    # An area coordinator without an area is refused, nothing stored.
    response = client.post(url("staff-member-create", "33.20", team.pk), {
        "name": "Yusuf", "role": TeamRole.AREA_COORDINATOR, "order": 2})
    assert response.status_code == 200
    assert "Koordinator area perubahan harus memilih areanya." in response.content.decode()
    assert team.members.count() == 1
    client.post(url("staff-member-create", "33.20", team.pk), {
        "name": "Yusuf", "role": TeamRole.AREA_COORDINATOR, "area": area(1).pk, "order": 2})
    yusuf = team.members.get(name="Yusuf")
    client.post(url("staff-member-edit", "33.20", team.pk, yusuf.pk), {
        "name": "Yusuf Hidayat", "position": "Kasubbag", "role": TeamRole.AREA_COORDINATOR,
        "area": area(8).pk, "order": 2})
    yusuf.refresh_from_db()
    assert (yusuf.name, yusuf.position, yusuf.area.number) == ("Yusuf Hidayat", "Kasubbag", 8)
    assert [(m.name, m.role) for m in team.members.all()] == [
        ("Sekretaris Jepara", "ketua"), ("Yusuf Hidayat", "koordinator_area")]
    # Removing asks for confirmation first.
    confirm = client.get(url("staff-member-delete", "33.20", team.pk, yusuf.pk))
    assert "Ya, keluarkan" in confirm.content.decode()
    assert team.members.count() == 2
    client.post(url("staff-member-delete", "33.20", team.pk, yusuf.pk))
    assert team.members.count() == 1
    # A new decree supersedes the team; the old one stays in the history, read-only.
    sk2 = decree(tree.jepara, "3/PP.01-Kpt/3320/2022", date=dt.date(2022, 1, 3))
    client.post(url("staff-team-create", "33.20"), {
        "name": "Tim RB 2022", "decree": sk2.pk, "period_start": "2022-01-03"})
    team.refresh_from_db()
    assert team.status == TeamStatus.SUPERSEDED
    listing = client.get(url("staff-teams", "33.20")).content.decode()
    assert "Tim RB 2020" in listing and "Tim RB 2022" in listing
    assert "Digantikan SK baru" in listing
    assert client.get(url("staff-member-create", "33.20", team.pk)).status_code == 404


def test_team_decree_must_be_an_sk_of_the_satker(tree, people, login):
    other = decree(tree.kudus, "1/Kudus/2020")
    client = login(people.reform)
    response = client.post(url("staff-team-create", "33.20"), {
        "name": "Tim", "decree": other.pk, "period_start": "2020-01-06"})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid." in response.content.decode()
    assert not ReformTeam.objects.exists()


@pytest.mark.parametrize("who", ["employee", "evaluator", "other_admin"])
def test_team_writes_are_404_for_readers_and_outsiders(tree, people, login, who):
    sk = decree(tree.jepara)
    client = login(getattr(people, who))
    response = client.post(url("staff-team-create", "33.20"), {
        "name": "Tim", "decree": sk.pk, "period_start": "2020-01-06"})
    assert response.status_code == 404
    assert not ReformTeam.objects.exists()


# --- plans: create, copy, adopt ------------------------------------------------------------------

def test_create_plan_and_duplicate_year_refused(tree, people, login):
    client = login(people.reform)
    regime_id = area(1).regime_id
    response = client.post(url("staff-plan-create", "33.20"), {
        "year": 2021, "regime": regime_id, "title": "Rencana Aksi RB 2021"})
    plan = ActionPlan.objects.get(satker=tree.jepara, year=2021)
    assert response["Location"] == url("staff-plan", "33.20", plan.pk)
    assert (plan.status, plan.created_by, plan.is_template) == ("draft", people.reform, False)
    response = client.post(url("staff-plan-create", "33.20"), {
        "year": 2021, "regime": regime_id, "title": "Lagi"})
    assert response.status_code == 200
    assert "sudah memiliki rencana aksi tahun 2021" in response.content.decode()
    assert ActionPlan.objects.filter(satker=tree.jepara).count() == 1
    # Kab/kota have no template option; provinces do.
    assert "is_template" not in client.get(url("staff-plan-create", "33.20")).content.decode()


def test_province_creates_a_template(tree, people, login):
    from prima.organisations.choices import Role
    from prima.organisations.tests.factories import member

    province_team = member(tree.jateng, Role.REFORM)
    client = login(province_team)
    assert "is_template" in client.get(url("staff-plan-create", "33")).content.decode()
    client.post(url("staff-plan-create", "33"), {
        "year": 2021, "regime": area(1).regime_id, "title": "Templat 2021", "is_template": "on"})
    assert ActionPlan.objects.get(satker=tree.jateng).is_template is True


def test_copy_from_last_year(tree, people, login):
    source = build_plan(tree.jepara, year=2020, areas=3, activities=2, indicators=2,
                        status=PlanStatus.CLOSED)
    client = login(people.reform)
    page = client.get(url("staff-plan-copy", "33.20")).content.decode()
    assert 'value="2021"' in page  # next year proposed
    response = client.post(url("staff-plan-copy", "33.20"), {"source": source.pk,
                                                             "year": 2021})
    copy = ActionPlan.objects.get(satker=tree.jepara, year=2021)
    assert response["Location"] == url("staff-plan", "33.20", copy.pk)
    assert (copy.status, copy.copied_from) == (PlanStatus.DRAFT, source)
    assert [i.name for i in indicators_of(copy)] == [i.name for i in indicators_of(source)]
    assert len(indicators_of(copy)) == 12


def test_copy_refuses_a_plan_of_another_satker(tree, people, login):
    kudus = build_plan(tree.kudus, year=2020, areas=1, status=PlanStatus.CLOSED)
    client = login(people.reform)
    response = client.post(url("staff-plan-copy", "33.20"), {"source": kudus.pk,
                                                             "year": 2021})
    assert response.status_code == 200
    assert not ActionPlan.objects.filter(satker=tree.jepara).exists()


def test_adopt_province_template(tree, people, login):
    template = build_plan(tree.jateng, year=2021, areas=2, activities=1, indicators=2,
                          status=PlanStatus.APPROVED, is_template=True,
                          title="Templat Jateng 2021")
    build_plan(tree.jabar, year=2021, areas=1, status=PlanStatus.APPROVED, is_template=True,
               title="Templat Jabar 2021")
    build_plan(tree.jateng, year=2022, areas=1, status=PlanStatus.DRAFT, is_template=True,
               title="Templat Jateng draf")
    client = login(people.reform)
    listing = client.get(url("staff-templates", "33.20")).content.decode()
    assert "Templat Jateng 2021" in listing
    assert "Templat Jabar 2021" not in listing  # only the province above
    assert "Templat Jateng draf" not in listing  # not drafts
    preview = client.get(url("staff-template-adopt", "33.20", template.pk)).content.decode()
    assert "Indikator 1.1.1" in preview
    response = client.post(url("staff-template-adopt", "33.20", template.pk), {"year": 2021})
    plan = ActionPlan.objects.get(satker=tree.jepara, year=2021)
    assert response["Location"] == url("staff-plan", "33.20", plan.pk)
    assert plan.copied_from == template and not plan.is_template
    assert len(indicators_of(plan)) == 4


def test_template_of_another_province_is_404(tree, people, login):
    jabar = build_plan(tree.jabar, year=2021, areas=1, status=PlanStatus.APPROVED,
                       is_template=True)
    client = login(people.reform)
    assert client.get(url("staff-template-adopt", "33.20", jabar.pk)).status_code == 404
    assert client.post(url("staff-template-adopt", "33.20", jabar.pk),
                       {"year": 2021}).status_code == 404
    assert not ActionPlan.objects.filter(satker=tree.jepara).exists()


def test_employee_previews_template_but_cannot_adopt(tree, people, login):
    template = build_plan(tree.jateng, year=2021, areas=1, status=PlanStatus.APPROVED,
                          is_template=True)
    client = login(people.employee)
    page = client.get(url("staff-template-adopt", "33.20", template.pk))
    assert page.status_code == 200
    assert "Adopsi templat" not in page.content.decode()
    assert client.post(url("staff-template-adopt", "33.20", template.pk),
                       {"year": 2021}).status_code == 404
    assert not ActionPlan.objects.filter(satker=tree.jepara).exists()


# --- the plan editor ---------------------------------------------------------------------------

def test_team_member_builds_the_plan_tree(tree, people, login, draft):
    client = login(people.reform)
    page = client.get(url("staff-plan", "33.20", draft.pk)).content.decode()
    assert "Tambah program" in page
    # Programme in area 3.
    response = client.post(url("staff-programme-create", "33.20", draft.pk), {
        "area": area(3).pk, "name": "Penataan struktur", "order": 1, "version": draft.version})
    programme = Programme.objects.get(plan=draft, name="Penataan struktur")
    assert response["Location"] == url("staff-plan", "33.20", draft.pk) + \
        f"#program-{programme.pk}"
    draft.refresh_from_db()
    # Activity with quarters, budget and owner division.
    from prima.organisations.tests.factories import DivisionFactory

    division = DivisionFactory(satker=tree.jepara, name="Subbagian Umum")
    client.post(url("staff-activity-create", "33.20", draft.pk, programme.pk), {
        "name": "Evaluasi SOTK", "output": "Laporan evaluasi", "owner_division": division.pk,
        "owner_person": people.secretary.pk, "quarters": ["2", "4"], "budget": "1500000",
        "weight": "2", "order": 1, "version": draft.version})
    activity = Activity.objects.get(programme=programme)
    assert (activity.quarters, activity.budget, activity.weight, activity.owner_division,
            activity.owner_person) == ([2, 4], D("1500000"), D(2), division, people.secretary)
    draft.refresh_from_db()
    client.post(url("staff-indicator-create", "33.20", draft.pk, activity.pk), {
        "name": "Dokumen evaluasi tersusun", "unit": "dokumen", "direction": "higher",
        "baseline": "0", "target": "1", "target_q2": "0.5", "target_q4": "1", "weight": "1",
        "order": 1, "version": draft.version})
    indicator = Indicator.objects.get(activity=activity)
    assert (indicator.unit, indicator.target, indicator.target_q1, indicator.target_q2) == (
        "dokumen", D(1), None, D("0.5"))
    # Edit the indicator, then delete the activity after confirming.
    draft.refresh_from_db()
    client.post(url("staff-indicator-edit", "33.20", draft.pk, indicator.pk), {
        "name": "Dokumen evaluasi SOTK", "unit": "dokumen", "direction": "higher",
        "target": "2", "weight": "1", "order": 1, "version": draft.version})
    indicator.refresh_from_db()
    assert (indicator.name, indicator.target, indicator.target_q2) == (
        "Dokumen evaluasi SOTK", D(2), None)
    page = client.get(url("staff-plan", "33.20", draft.pk)).content.decode()
    assert "Dokumen evaluasi SOTK" in page and "Subbagian Umum" in page
    draft.refresh_from_db()
    confirm = client.get(url("staff-activity-delete", "33.20", draft.pk, activity.pk))
    assert "1 indikatornya" in confirm.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    client.post(url("staff-activity-delete", "33.20", draft.pk, activity.pk),
                {"version": draft.version})
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert AuditEvent.objects.filter(action="reform.activity_deleted").count() == 1


def test_editor_refuses_bad_input_with_a_message(tree, people, login, draft):
    activity = Activity.objects.filter(programme__plan=draft).first()
    client = login(people.reform)
    before = Indicator.objects.count()
    response = client.post(url("staff-indicator-create", "33.20", draft.pk, activity.pk), {
        "name": "", "unit": "%", "direction": "higher", "target": "banyak", "weight": "1",
        "order": 1, "version": draft.version})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bidang ini tidak boleh kosong." in html
    assert "Masukkan sebuah bilangan." in html
    assert Indicator.objects.count() == before


def test_stale_plan_version_is_refused_and_the_input_kept(tree, people, login, draft):
    activity = Activity.objects.filter(programme__plan=draft).first()
    stale = draft.version
    first, second = login(people.reform), login(people.secretary, client_class())
    first.post(url("staff-activity-edit", "33.20", draft.pk, activity.pk), {
        "name": "Versi pertama", "output": "Keluaran", "weight": "1", "budget": "0",
        "order": 1, "version": stale})
    response = second.post(url("staff-activity-edit", "33.20", draft.pk, activity.pk), {
        "name": "Versi kedua", "output": "Keluaran", "weight": "1", "budget": "0",
        "order": 1, "version": stale})
    assert response.status_code == 200
    html = response.content.decode()
    assert "telah diubah orang lain" in html
    assert 'value="Versi kedua"' in html
    activity.refresh_from_db()
    assert activity.name == "Versi pertama"


def client_class():
    from django.test import Client

    return Client()


@pytest.mark.parametrize("who", ["employee", "evaluator", "other_admin", "other_employee"])
def test_editor_is_404_for_readers_and_outsiders(tree, people, login, draft, who):
    programme = Programme.objects.filter(plan=draft).first()
    client = login(getattr(people, who))
    assert client.get(url("staff-programme-create", "33.20", draft.pk)).status_code == 404
    response = client.post(url("staff-programme-edit", "33.20", draft.pk, programme.pk), {
        "area": programme.area_id, "name": "Diganti", "order": 1, "version": draft.version})
    assert response.status_code == 404
    assert client.post(url("staff-programme-delete", "33.20", draft.pk, programme.pk),
                       {"version": draft.version}).status_code == 404
    programme.refresh_from_db()
    assert programme.name != "Diganti"


def test_employee_reads_the_draft_but_sees_no_editor(tree, people, login, draft):
    client = login(people.employee)
    response = client.get(url("staff-plan", "33.20", draft.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert draft.title in html
    assert "Tambah program" not in html
    assert "Ajukan kepada pimpinan" not in html


def test_kudus_and_evaluator_do_not_see_jepara_drafts(tree, people, login, draft):
    kudus = login(people.other_admin)
    assert kudus.get(url("staff-plan", "33.20", draft.pk)).status_code == 404
    assert kudus.get(url("staff-plans", "33.20")).status_code == 404
    evaluator = login(people.evaluator, client_class())
    assert evaluator.get(url("staff-plan", "33.20", draft.pk)).status_code == 404
    listing = evaluator.get(url("staff-plans", "33.20"))
    assert listing.status_code == 200
    assert draft.title not in listing.content.decode()


def test_submitted_plan_is_read_only(tree, people, login, draft):
    client = login(people.reform)
    client.post(url("staff-plan-submit", "33.20", draft.pk))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED
    page = client.get(url("staff-plan", "33.20", draft.pk)).content.decode()
    assert "Tambah program" not in page
    assert "hanya dapat dibaca" in page
    response = client.get(url("staff-programme-create", "33.20", draft.pk))
    assert response.status_code == 302
    programme = Programme.objects.filter(plan=draft).first()
    client.post(url("staff-programme-edit", "33.20", draft.pk, programme.pk), {
        "area": programme.area_id, "name": "Diganti", "order": 1, "version": draft.version})
    programme.refresh_from_db()
    assert programme.name != "Diganti"


def test_evaluator_reads_submitted_plan_but_cannot_edit(tree, people, login, draft):
    draft.status = PlanStatus.SUBMITTED
    draft.save()
    client = login(people.evaluator)
    response = client.get(url("staff-plan", "33.20", draft.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert draft.title in html and "Tambah program" not in html
    assert "Setujui rencana aksi" not in html
    assert client.post(url("staff-plan-approve", "33.20", draft.pk),
                       {"decree": decree(tree.jepara).pk}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED


# --- workflow ----------------------------------------------------------------------------------

def test_workflow_submit_approve_start_publish_close(tree, people, login, draft):
    sk = decree(tree.jepara, "35/PP.06-Kpt/3320/KPU-Kab/II/2020")
    team_client = login(people.reform)
    team_client.post(url("staff-plan-submit", "33.20", draft.pk))
    # A reform team member cannot approve: 404 and nothing changed.
    assert team_client.get(url("staff-plan-approve", "33.20", draft.pk)).status_code == 404
    assert team_client.post(url("staff-plan-approve", "33.20", draft.pk),
                            {"decree": sk.pk}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED
    # The head approves, choosing the SK.
    head = login(people.head, client_class())
    page = head.get(url("staff-plan", "33.20", draft.pk)).content.decode()
    assert "Setujui rencana aksi" in page and sk.number in page
    response = head.post(url("staff-plan-approve", "33.20", draft.pk), {"decree": sk.pk})
    assert response["Location"] == url("staff-plan", "33.20", draft.pk)
    draft.refresh_from_db()
    assert (draft.status, draft.decree, draft.approved_by) == (PlanStatus.APPROVED, sk,
                                                               people.head)
    team_client.post(url("staff-plan-start", "33.20", draft.pk))
    team_client.post(url("staff-plan-publish", "33.20", draft.pk), {"is_published": "1"})
    draft.refresh_from_db()
    assert (draft.status, draft.is_published) == (PlanStatus.RUNNING, True)
    team_client.post(url("staff-plan-publish", "33.20", draft.pk), {"is_published": "0"})
    draft.refresh_from_db()
    assert draft.is_published is False
    confirm = team_client.get(url("staff-plan-close", "33.20", draft.pk)).content.decode()
    assert "Ya, tutup" in confirm
    team_client.post(url("staff-plan-close", "33.20", draft.pk))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.CLOSED


def test_approve_without_decree_is_refused(tree, people, login, draft):
    draft.status = PlanStatus.SUBMITTED
    draft.save()
    client = login(people.head)
    response = client.post(url("staff-plan-approve", "33.20", draft.pk), {"decree": ""})
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED


def test_head_returns_plan_to_draft(tree, people, login, draft):
    draft.status = PlanStatus.SUBMITTED
    draft.save()
    client = login(people.head)
    client.post(url("staff-plan-return", "33.20", draft.pk), {"reason": "Lengkapi target TW."})
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_submit_empty_plan_shows_the_reason(tree, people, login):
    plan = build_plan(tree.jepara, year=2022, areas=0, status=PlanStatus.DRAFT)
    client = login(people.reform)
    response = client.post(url("staff-plan-submit", "33.20", plan.pk), follow=True)
    assert "belum memiliki indikator keberhasilan" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_workflow_actions_are_post_only(tree, people, login, draft):
    client = login(people.reform)
    assert client.get(url("staff-plan-submit", "33.20", draft.pk)).status_code == 405
    assert client.get(url("staff-plan-start", "33.20", draft.pk)).status_code == 405
    assert client.get(url("staff-plan-publish", "33.20", draft.pk)).status_code == 405


@pytest.mark.parametrize("who", ["employee", "evaluator", "other_admin"])
def test_workflow_is_404_for_non_writers(tree, people, login, draft, who):
    client = login(getattr(people, who))
    assert client.post(url("staff-plan-submit", "33.20", draft.pk)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


# --- query bounds ------------------------------------------------------------------------------

def test_plan_page_queries_are_bounded(tree, people, login, django_assert_max_num_queries):
    plan = build_plan(tree.jepara, year=2020, areas=8, activities=2, indicators=2,
                      status=PlanStatus.RUNNING)
    build_report(plan, 1)
    build_report(plan, 2)
    client = login(people.reform)
    client.get(url("staff-plan", "33.20", plan.pk))
    with django_assert_max_num_queries(18):
        response = client.get(url("staff-plan", "33.20", plan.pk))
    assert response.status_code == 200
    assert response.content.decode().count('class="rb-activity"') == 16


def test_draft_plan_editor_queries_are_bounded(tree, people, login,
                                               django_assert_max_num_queries):
    plan = build_plan(tree.jepara, year=2021, areas=8, activities=2, indicators=2,
                      status=PlanStatus.DRAFT)
    client = login(people.reform)
    client.get(url("staff-plan", "33.20", plan.pk))
    with django_assert_max_num_queries(22):
        response = client.get(url("staff-plan", "33.20", plan.pk))
    assert response.content.decode().count("Tambah indikator") == 16


def test_home_and_lists_queries_are_bounded(tree, people, login,
                                            django_assert_max_num_queries):
    for year in range(2018, 2024):
        plan = build_plan(tree.jepara, year=year, areas=8, activities=1, indicators=1,
                          status=PlanStatus.CLOSED)
        build_report(plan, 4)
    client = login(people.reform)
    client.get(url("staff-home", "33.20"))
    with django_assert_max_num_queries(46):
        assert client.get(url("staff-home", "33.20")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url("staff-plans", "33.20")).status_code == 200
