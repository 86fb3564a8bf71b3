"""The staff home tells each person what waits for them, from every capability's declaration."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prima.catalog import services as catalog_services
from prima.core.dashboard import dashboard_for
from prima.inforequests.models import InformationRequest
from prima.inforequests.tests.factories import make_request
from prima.organisations.choices import Role
from prima.organisations.tests.factories import MembershipFactory
from prima.reform.choices import PlanStatus, RecommendationStatus, ReportStatus
from prima.reform.models import Recommendation
from prima.reform.tests.factories import build_plan, build_report

DASHBOARD = reverse("core:dashboard")


def _request(satker, due: dt.date, **fields):
    request = make_request(satker, **fields)
    InformationRequest.objects.filter(pk=request.pk).update(due_date=due)
    request.refresh_from_db()
    return request


def _workloads(dashboard, satker=None, title=None):
    if satker is None:
        found = dashboard.workloads
    else:
        found = next(c for c in dashboard.cards if c.satker == satker).workloads
    return [w for w in found if title is None or str(w.title) == title]


def _labels(workload) -> list[str]:
    return [str(f.label) for f in workload.figures]


@pytest.fixture
def requests_of_jepara(tree, people):
    today = timezone.localdate()
    late = _request(tree.jepara, today - dt.timedelta(days=3))
    soon = _request(tree.jepara, today + dt.timedelta(days=1))
    later = _request(tree.jepara, today + dt.timedelta(days=30))
    InformationRequest.objects.filter(pk=later.pk).update(assigned_to=people.ppid)
    _request(tree.kudus, today - dt.timedelta(days=9))  # another satker: not counted
    return late, soon, later


def test_ppid_sees_open_overdue_and_due_soon_requests_with_the_nearest(
        tree, people, requests_of_jepara):
    late, _soon, _later = requests_of_jepara

    dashboard = dashboard_for(people.ppid)

    [requests] = _workloads(dashboard, tree.jepara, "Permohonan informasi")
    assert _labels(requests) == ["3 permohonan terbuka", "1 lewat tenggat",
                                 "1 jatuh tempo dalam 3 hari kerja",
                                 "1 ditugaskan kepada Anda"]
    [nearest] = requests.due
    assert (nearest.title, nearest.overdue) == (late.number, True)
    assert nearest.url == reverse("inforequests:staff-detail", args=[late.number_slug])
    assert dashboard.waiting


def test_the_staff_home_page_says_it_in_words(login, tree, people, requests_of_jepara):
    late = requests_of_jepara[0]

    html = login(people.ppid).get(DASHBOARD).content.decode()

    assert "3 permohonan terbuka" in html and "1 lewat tenggat" in html
    assert f">{late.number}</a>, jatuh tempo " in html
    assert "lewat tenggat</span>" in html


def test_people_without_the_information_role_see_no_requests(tree, people, requests_of_jepara):
    for who in ("employee", "reform", "evaluator", "other_employee"):
        dashboard = dashboard_for(getattr(people, who))
        assert not any(str(w.title) == "Permohonan informasi"
                       for card in dashboard.cards for w in card.workloads), who
    # Kudus's administrator reads Kudus's requests only.
    [kudus] = _workloads(dashboard_for(people.other_admin), tree.kudus, "Permohonan informasi")
    assert _labels(kudus) == ["1 permohonan terbuka", "1 lewat tenggat"]


def test_reform_writers_see_plans_to_approve_reports_due_and_recommendations(tree, people):
    today = dt.date(2026, 4, 20)  # quarter I's report was due on 10 April
    build_plan(tree.jepara, year=2027, areas=1, activities=1, indicators=1,
               status=PlanStatus.SUBMITTED)
    plan = build_plan(tree.jepara, year=2026, areas=1, activities=1, indicators=1,
                      status=PlanStatus.RUNNING)
    last_year = build_plan(tree.jepara, year=2025, areas=1, activities=1, indicators=1,
                           status=PlanStatus.RUNNING)
    for quarter in (1, 2, 3):
        build_report(last_year, quarter, status=ReportStatus.ACCEPTED)
    returned = build_report(last_year, 4, status=ReportStatus.REVISE)
    Recommendation.objects.create(report=returned, text="Lengkapi notulen.",
                                  deadline=dt.date(2026, 4, 1), created_by=people.evaluator,
                                  status=RecommendationStatus.OPEN)

    [reform] = _workloads(dashboard_for(people.head, today=today), tree.jepara,
                          "Reformasi birokrasi")

    assert _labels(reform) == ["1 rencana aksi menunggu persetujuan",
                               "1 laporan triwulan lewat tenggat",
                               "1 laporan dikembalikan untuk diperbaiki",
                               "1 rekomendasi belum ditanggapi",
                               "1 rekomendasi lewat batas waktu"]
    assert [(str(d.title), d.date) for d in reform.due] == [
        ("Laporan TW IV 2025", dt.date(2026, 1, 10)),
        ("Rekomendasi atas Laporan TW IV 2025", dt.date(2026, 4, 1))]
    assert reform.due[0].url == reverse("reform:staff-report", args=["33.20", last_year.pk, 4])
    assert plan.pk  # the running 2026 plan is the one whose quarter I is late
    # Reading is not writing: an employee of Jepara gets the link, not the to-do list.
    assert not _workloads(dashboard_for(people.employee, today=today), tree.jepara,
                          "Reformasi birokrasi")


def test_evaluator_sees_reports_below_awaiting_review(login, tree, people):
    jepara_plan = build_plan(tree.jepara, year=2026, areas=1, activities=1, indicators=1)
    kudus_plan = build_plan(tree.kudus, year=2026, areas=1, activities=1, indicators=1)
    build_report(jepara_plan, 1, status=ReportStatus.SUBMITTED)
    build_report(kudus_plan, 1, status=ReportStatus.SUBMITTED)
    build_report(kudus_plan, 2, status=ReportStatus.DRAFT)
    bogor_plan = build_plan(tree.bogor, year=2026, areas=1, activities=1, indicators=1)
    build_report(bogor_plan, 1, status=ReportStatus.SUBMITTED)  # another province

    dashboard = dashboard_for(people.evaluator)

    [evaluation] = _workloads(dashboard, title="Evaluasi laporan RB")
    assert _labels(evaluation) == ["2 laporan menunggu evaluasi Anda"]
    assert sorted(item.note for item in evaluation.due) == ["KPU Kabupaten Jepara",
                                                             "KPU Kabupaten Kudus"]
    assert [a.label for a in dashboard.links] == ["Evaluasi laporan RB",
                                                  "Rekomendasi tindak lanjut",
                                                  "Verifikasi penilaian mandiri"]
    [jabar] = _workloads(dashboard_for(people.other_evaluator), title="Evaluasi laporan RB")
    assert [item.note for item in jabar.due] == ["KPU Kabupaten Bogor"]
    html = login(people.evaluator).get(DASHBOARD).content.decode()
    assert "2 laporan menunggu evaluasi Anda" in html


def test_catalog_writers_see_drafts_and_datasets_in_review(tree, people):
    catalog_services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf A",
                                    description="Uji.")
    catalog_services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf B",
                                    description="Uji.")

    [catalog] = _workloads(dashboard_for(people.ppid), tree.jepara, "Katalog data")

    assert _labels(catalog) == ["2 dataset draf"]
    assert not _workloads(dashboard_for(people.employee), tree.jepara, "Katalog data")


def test_cards_list_what_each_role_may_open(tree, people):
    [card] = dashboard_for(people.ppid).cards
    labels = [str(a.label) for a in card.actions]

    assert labels == ["Ruang kerja satker", "Dokumen & SK", "Permohonan informasi",
                      "Survei kepuasan (IKM)", "Keberatan", "Daftar Informasi Publik",
                      "Katalog data", "Reformasi birokrasi", "Standar pelayanan dan SOP",
                      "Penilaian mandiri", "Zona integritas"]
    assert card.roles == ["Petugas PPID"]
    admin_labels = [str(a.label) for a in dashboard_for(people.admin).cards[0].actions]
    assert admin_labels == ["Ruang kerja satker", "Ubah profil", "Divisi", "Dokumen & SK",
                            "Pengguna & undangan", "Kalender hari kerja", "Permohonan informasi",
                            "Survei kepuasan (IKM)", "Keberatan", "Daftar Informasi Publik",
                            "Katalog data", "Reformasi birokrasi", "Standar pelayanan dan SOP",
                            "Penilaian mandiri", "Zona integritas", "Jejak audit"]


def test_national_staff_get_the_national_dashboard_link(tree, people):
    labels = [a.label for a in dashboard_for(people.system_admin).links]
    assert "Dasbor RB nasional" in labels
    assert "Dasbor RB nasional" not in [a.label for a in dashboard_for(people.evaluator).links]


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        dashboard_for(user)
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_satkers_or_items(tree, people, requests_of_jepara):
    """One person working in one satker, then in four with many more items: same queries."""
    MembershipFactory(satker=tree.jepara, role=Role.REFORM, user=people.ppid)
    build_plan(tree.jepara, year=2026, areas=1, activities=1, indicators=1,
               status=PlanStatus.SUBMITTED)
    people.ppid._prima_memberships = None
    dashboard_for(people.ppid)  # warm the working-day calendar cache
    once = _queries(people.ppid)

    for satker in (tree.kudus, tree.bogor, tree.jateng):
        for role in (Role.PPID, Role.REFORM):
            MembershipFactory(satker=satker, role=role, user=people.ppid)
        for days in (-2, 1, 12):
            _request(satker, timezone.localdate() + dt.timedelta(days=days))
        build_plan(satker, year=2026, areas=1, activities=1, indicators=1,
                   status=PlanStatus.SUBMITTED)
        catalog_services.create_dataset(satker=satker, actor=people.system_admin,
                                        title=f"Draf {satker.code}", description="Uji.")
    people.ppid._prima_memberships = None
    dashboard_for(people.ppid)
    many = _queries(people.ppid)

    assert len(dashboard_for(people.ppid).cards) == 4
    assert many == once
