"""Dashboards: a satker's figures, the province comparison (ranking, heat map, report status)
and the national overview; who sees which; queries that do not grow with the satkers."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prima.organisations.choices import Level, Role
from prima.organisations.tests.factories import SatkerFactory, member
from prima.reform import services
from prima.reform.choices import PlanStatus, ReportStatus
from prima.reform.views.dashboards import heat_class

from .factories import build_plan, build_report, indicators_of
from .helpers import url


@pytest.fixture
def jepara_plan(tree, people):
    """Jepara 2020: 2 areas × 1 activity × 2 indicators (targets 100, quarterly 10/40/70/100);
    quarter II submitted with 40, 20, 40, 40: areas 30% and 40%, plan 35%, indicator 2 at risk
    (20% where 40% was expected)."""
    plan = build_plan(tree.jepara, year=2020, areas=2, activities=1, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
    values = dict(zip([i.pk for i in indicators_of(plan)], [40, 20, 40, 40], strict=True))
    build_report(plan, 1, values=10, status=ReportStatus.ACCEPTED)
    build_report(plan, 2, values=values, updated_by=people.reform)
    return plan


@pytest.fixture
def kudus_plan(tree):
    """Kudus 2020: the same shape, quarter II accepted with 80 everywhere: 80%."""
    plan = build_plan(tree.kudus, year=2020, areas=2, activities=1, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
    build_report(plan, 2, values=80, status=ReportStatus.ACCEPTED)
    return plan


# --- one satker --------------------------------------------------------------------------------


def test_satker_dashboard_shows_known_figures(people, login, jepara_plan):
    client = login(people.evaluator)
    response = client.get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert response.status_code == 200
    context = response.context
    assert [(a["area"].number, a["value"]) for a in context["areas"]] == [(1, D("0.3")),
                                                                          (2, D("0.4"))]
    assert context["plan_state"]["value"] == D("0.35")
    assert context["plan_state"]["state"] == "on_track"
    indicators = indicators_of(jepara_plan)
    assert [r["item"].indicator for r in context["at_risk"]] == [indicators[1]]
    assert context["at_risk"][0]["state"] == "at_risk"
    assert [(t["quarter"], t["value"], t["status"]) for t in context["trend"]] == [
        (1, D("0.1"), "accepted"), (2, D("0.35"), "submitted")]
    html = response.content.decode()
    assert "35%" in html and "30%" in html
    assert f'<a href="{url("eval-report", jepara_plan.reports.get(quarter=1).pk)}">TW I</a>' \
        in html
    assert "<svg" in html and "<desc" in html
    # The evaluator drills down to the review page of each report and to the plan.
    report = jepara_plan.reports.get(quarter=2)
    assert url("eval-report", report.pk) in html
    assert url("staff-plan", "33.20", jepara_plan.pk) in html


def test_own_staff_see_their_draft_figures_the_evaluator_does_not(people, login, tree):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      quarterly=True)
    build_report(plan, 1, values=10, status=ReportStatus.ACCEPTED)
    build_report(plan, 2, values=20, status=ReportStatus.DRAFT)
    own = login(people.employee).get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert [t["quarter"] for t in own.context["trend"]] == [1, 2]
    assert own.context["plan_state"]["value"] == D("0.2")
    above = login(people.evaluator).get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert [t["quarter"] for t in above.context["trend"]] == [1]
    assert above.context["plan_state"]["value"] == D("0.1")


def test_a_draft_plan_stays_inside_the_satker(people, login, tree):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      status=PlanStatus.DRAFT, title="Rancangan rahasia")
    own = login(people.employee).get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert own.context["plan"] == plan
    above = login(people.evaluator).get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert above.context["plan"] is None
    html = above.content.decode()
    assert "Rancangan rahasia" not in html
    assert "masih berupa draf" in html


def test_overdue_reports_and_open_recommendations(people, login, tree):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    report = build_report(plan, 1, values=10)
    services.review_report(report=report, actor=people.evaluator, verdict="revise",
                           recommendations=[("Perbaiki notulen.", timezone.localdate()
                                             + dt.timedelta(days=5))])
    response = login(people.admin).get(url("dashboard-satker", "33.20"), {"year": 2020})
    # 2020 is long past: all four quarters are overdue (the first one was sent back).
    assert [o["due"].quarter for o in response.context["overdue"]] == [1, 2, 3, 4]
    assert [r["rec"].text for r in response.context["recommendations"]] == ["Perbaiki notulen."]
    html = response.content.decode()
    assert "Perbaiki notulen." in html
    assert url("staff-report", "33.20", plan.pk, 1) in html


@pytest.mark.parametrize(("who", "status"), [
    ("employee", 200), ("reform", 200), ("admin", 200), ("evaluator", 200),
    ("system_admin", 200), ("other_admin", 404), ("other_employee", 404),
    ("other_evaluator", 404), ("citizen", 404)])
def test_who_sees_a_satker_dashboard(people, login, jepara_plan, who, status):
    assert login(getattr(people, who)).get(url("dashboard-satker", "33.20")).status_code == status


def test_satker_dashboard_queries_are_bounded(people, login, tree,
                                              django_assert_max_num_queries):
    plan = build_plan(tree.jepara, year=2020, areas=8, activities=3, indicators=3)
    for quarter in (1, 2, 3):
        build_report(plan, quarter)
    client = login(people.evaluator)
    client.get(url("dashboard-satker", "33.20"), {"year": 2020})
    with django_assert_max_num_queries(30):
        response = client.get(url("dashboard-satker", "33.20"), {"year": 2020})
    assert len(response.context["areas"]) == 8


# --- province comparison -----------------------------------------------------------------------


def test_comparison_ranks_and_maps_the_kabupaten(people, login, jepara_plan, kudus_plan):
    client = login(people.evaluator)
    response = client.get(url("dashboard-comparison", "33"), {"year": 2020})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r["satker"].code, r["row"].rank, r["value"]) for r in rows] == [
        ("33.19", 1, D("0.8")), ("33.20", 2, D("0.35"))]
    # Heat map: areas 1..8 of the regime, the two plans cover areas 1 and 2.
    assert [(c["text"], c["css"]) for c in rows[1]["cells"][:3]] == [
        ("30%", "rb-heat-2"), ("40%", "rb-heat-2"), ("—", "rb-heat-none")]
    assert [c["css"] for c in rows[0]["cells"][:2]] == ["rb-heat-4", "rb-heat-4"]
    assert [s["status"] for s in rows[1]["statuses"]] == ["accepted", "submitted", "none",
                                                          "none"]
    html = response.content.decode()
    assert "80%" in html and "35%" in html
    assert "belum ada data" in html  # the legend explains empty cells
    assert url("dashboard-satker", "33.20") in html


def test_comparison_for_a_chosen_quarter(people, login, jepara_plan, kudus_plan):
    response = login(people.evaluator).get(url("dashboard-comparison", "33"),
                                           {"year": 2020, "quarter": 1})
    rows = {r["satker"].code: r for r in response.context["rows"]}
    assert rows["33.20"]["value"] == D("0.1")
    assert rows["33.19"]["value"] is None
    assert rows["33.19"]["row"].rank is None


def test_drafts_count_as_not_submitted_in_the_comparison(people, login, tree):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    build_report(plan, 1, values=50, status=ReportStatus.DRAFT)
    response = login(people.evaluator).get(url("dashboard-comparison", "33"), {"year": 2020})
    jepara = next(r for r in response.context["rows"] if r["satker"].code == "33.20")
    assert jepara["value"] is None
    assert jepara["statuses"][0]["status"] == "none"


def test_who_sees_the_province_comparison(people, login, tree, jepara_plan):
    jateng_employee = member(tree.jateng, Role.EMPLOYEE)
    allowed = [people.evaluator, people.system_admin, jateng_employee]
    for user in allowed:
        assert login(user).get(url("dashboard-comparison", "33")).status_code == 200
    for user in (people.admin, people.employee, people.other_evaluator, people.other_admin,
                 people.citizen):
        assert login(user).get(url("dashboard-comparison", "33")).status_code == 404
    # The province's own employee sees the comparison but no drill-down into the kabupaten.
    response = login(jateng_employee).get(url("dashboard-comparison", "33"))
    assert url("dashboard-satker", "33.20") not in response.content.decode()
    # The province's own dashboard links to the comparison.
    html = login(people.evaluator).get(url("dashboard-satker", "33")).content.decode()
    assert url("dashboard-comparison", "33") in html
    # A kabupaten has no comparison page.
    assert login(people.evaluator).get(url("dashboard-comparison", "33.20")).status_code == 404


def _kabupaten_with_plans(tree, numbers):
    for n in numbers:
        satker = SatkerFactory(code=f"33.{n}", name=f"KPU Kabupaten Uji {n}",
                               parent=tree.jateng)
        plan = build_plan(satker, year=2020, areas=8, activities=1, indicators=2)
        build_report(plan, 1 + n % 4, values=n - 40)


def _count(client, path, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, query)
    assert response.status_code == 200
    return len(queries), response


def test_comparison_queries_do_not_grow_with_the_kabupaten(people, login, tree):
    client = login(people.evaluator)
    path = url("dashboard-comparison", "33")
    _kabupaten_with_plans(tree, range(50, 52))
    client.get(path, {"year": 2020})
    cache.clear()  # measure the computation, not the cached result
    few, _response = _count(client, path, {"year": 2020})
    _kabupaten_with_plans(tree, range(52, 85))  # 35 kabupaten/kota with plans in all
    cache.clear()
    many, response = _count(client, path, {"year": 2020})
    assert len(response.context["rows"]) == 2 + 35  # Jepara and Kudus have no plan
    assert sum(1 for r in response.context["rows"] if r["value"] is not None) == 35
    assert many == few
    assert many <= 25


# --- national ----------------------------------------------------------------------------------


def test_national_rolls_up_the_provinces(people, login, tree, jepara_plan, kudus_plan):
    plan = build_plan(tree.jateng, year=2020, areas=2, activities=1, indicators=2)
    build_report(plan, 2, values=50, status=ReportStatus.ACCEPTED)
    response = login(people.system_admin).get(url("dashboard-national"), {"year": 2020})
    assert response.status_code == 200
    rows = {r["satker"].code: r for r in response.context["rows"]}
    assert set(rows) == {"33", "32", "91"}
    # Jawa Tengah: the mean of itself (50%), Kudus (80%) and Jepara (35%).
    assert rows["33"]["value"] == D("0.55")
    assert rows["33"]["row"].rank == 1
    assert rows["32"]["value"] is None
    assert (rows["33"]["row"].plans, rows["33"]["row"].satkers) == (3, 3)
    html = response.content.decode()
    assert "55%" in html
    assert url("dashboard-comparison", "33") in html


def test_who_sees_the_national_overview(people, login, tree):
    national_employee = member(tree.root, Role.EMPLOYEE)
    national_evaluator = member(tree.root, Role.EVALUATOR)
    for user in (people.system_admin, national_employee, national_evaluator):
        assert login(user).get(url("dashboard-national")).status_code == 200
    for user in (people.evaluator, people.admin, people.other_evaluator, people.citizen,
                 people.employee):
        assert login(user).get(url("dashboard-national")).status_code == 404
    # KPU RI's employee sees the overview but no drill-down into the provinces.
    html = login(national_employee).get(url("dashboard-national")).content.decode()
    assert url("dashboard-comparison", "33") not in html
    html = login(national_evaluator).get(url("dashboard-national")).content.decode()
    assert url("dashboard-comparison", "33") in html


def test_national_queries_do_not_grow_with_the_provinces(people, login, tree):
    client = login(people.system_admin)
    path = url("dashboard-national")
    build_report(build_plan(tree.jateng, year=2020, areas=8, activities=1, indicators=1), 1)
    client.get(path, {"year": 2020})
    cache.clear()  # measure the computation, not the cached result
    few, _response = _count(client, path, {"year": 2020})
    for n in range(40, 75):  # 35 more provinces: 38 in all
        province = SatkerFactory(code=str(n), name=f"KPU Provinsi Uji {n}",
                                 level=Level.PROVINCE, parent=tree.root)
        kabupaten = SatkerFactory(code=f"{n}.01", name=f"KPU Kabupaten Uji {n}",
                                  parent=province)
        for satker in (province, kabupaten):
            plan = build_plan(satker, year=2020, areas=8, activities=1, indicators=1)
            build_report(plan, 1, values=n)
    cache.clear()
    many, response = _count(client, path, {"year": 2020})
    assert len(response.context["rows"]) == 38
    assert many == few
    assert many <= 25


def test_heat_classes():
    assert [heat_class(v) for v in (None, D(0), D("0.249"), D("0.25"), D("0.5"), D("0.75"),
                                    D("0.9"), D("1.2"))] == [
        "rb-heat-none", "rb-heat-1", "rb-heat-1", "rb-heat-2", "rb-heat-3", "rb-heat-4",
        "rb-heat-5", "rb-heat-5"]


def test_comparison_marks_a_satker_that_missed_a_quarter_and_explains_why(people, login, tree):
    # Jepara reported only TW I (a high figure); Kudus reported every quarter of 2020.
    early = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    build_report(early, 1, values=90, status=ReportStatus.ACCEPTED)
    steady = build_plan(tree.kudus, year=2020, areas=1, activities=1, indicators=1)
    for quarter in (1, 2, 3, 4):
        build_report(steady, quarter, values=25 * quarter - 5, status=ReportStatus.ACCEPTED)

    response = login(people.evaluator).get(url("dashboard-comparison", "33"), {"year": 2020})

    rows = response.context["rows"]
    assert [(r["satker"].code, r["row"].rank, r["state"]) for r in rows] == [
        ("33.19", 1, "on_track"), ("33.20", 2, "not_reported")]
    assert rows[1]["measured"] == "I" and rows[1]["unreported"] == ["II", "III", "IV"]
    html = response.content.decode()
    assert "Belum melapor" in html and 'id="state-rules"' in html
    assert "2 satker yang memiliki data" in html


def test_dashboards_open_on_the_latest_year_with_reports_and_honour_the_year(people, login,
                                                                           tree, jepara_plan):
    build_plan(tree.kudus, year=2021, areas=1, activities=1, indicators=1)  # nothing reported
    client = login(people.evaluator)

    assert client.get(url("dashboard-comparison", "33")).context["year"] == 2020
    national = login(member(tree.root, Role.EVALUATOR)).get(url("dashboard-national"))
    assert national.context["year"] == 2020
    empty = client.get(url("dashboard-comparison", "33"), {"year": 2019})
    assert empty.context["year"] == 2019
    assert "Belum ada capaian" in empty.content.decode()
