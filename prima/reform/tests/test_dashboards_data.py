import datetime as dt
from decimal import Decimal as D

import pytest

from prima.organisations.choices import Level
from prima.organisations.tests.factories import SatkerFactory
from prima.reform.choices import (
    Direction,
    PlanStatus,
    ProgressState,
    RecommendationStatus,
    ReportStatus,
)
from prima.reform.dashboards import comparison, national_overview, plan_progress, satker_dashboard
from prima.reform.models import AreaOfChange, Indicator, Recommendation

from .factories import build_plan, build_report, indicators_of

TODAY = dt.date(2020, 12, 1)


def test_plan_progress_rolls_up_with_weights_and_cap(tree):
    plan = build_plan(tree.jepara, areas=2, activities=1, indicators=2)
    a, b, c, d = indicators_of(plan)
    Indicator.objects.filter(pk=b.pk).update(weight=3)
    # area 1: a = 50/100 = 0.5 (w1), b = 150/100 capped 1.0 (w3) → 0.875; area 2: c = 0.2, d none
    build_report(plan, 2, values={a.pk: 50, b.pk: 150, c.pk: 20})
    progress = plan_progress(plan)
    assert progress.quarter == 2
    first, second = progress.areas
    assert [(i.achievement, i.capped) for i in first.indicators] == [
        (D("0.5000"), D("0.5000")), (D("1.5000"), D("1.0000"))]
    assert first.achievement == D("0.8750")
    assert second.achievement == D("0.2000")
    assert second.indicators[1].achievement is None
    assert second.indicators[1].state == ProgressState.NOT_STARTED
    assert progress.achievement == D("0.5375")
    assert progress.expected == D("0.5000")
    assert progress.state == ProgressState.ON_TRACK
    assert [i.indicator.pk for i in progress.at_risk] == [c.pk]
    assert progress.at_risk[0].state == ProgressState.LATE


def test_area_weights_count_in_the_plan_achievement(tree):
    plan = build_plan(tree.jepara, areas=2, activities=1, indicators=1)
    a, b = indicators_of(plan)
    AreaOfChange.objects.filter(regime=plan.regime, number=1).update(weight=3)
    build_report(plan, 4, values={a.pk: 100, b.pk: 20})
    assert plan_progress(plan).achievement == D("0.8000")  # (3 × 1.0 + 1 × 0.2) / 4


def test_lower_is_better_indicator_in_a_plan(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, target=3,
                      direction=Direction.LOWER)
    (indicator,) = indicators_of(plan)
    build_report(plan, 1, values={indicator.pk: 5})
    progress = plan_progress(plan)
    assert progress.indicators[0].achievement == D("0.6000")


def test_missing_quarter_gives_no_achievement_but_keeps_the_expected(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, quarterly=True)
    build_report(plan, 1)
    progress = plan_progress(plan, quarter=3)
    assert progress.report is None
    assert progress.achievement is None
    assert progress.state == ProgressState.NOT_STARTED
    assert progress.indicators[0].expected == D("0.7000")


def test_quarterly_targets_set_the_expected_fraction(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, quarterly=True)
    (indicator,) = indicators_of(plan)
    build_report(plan, 1, values={indicator.pk: 9})  # q1 target 10 of 100
    progress = plan_progress(plan)
    assert progress.indicators[0].expected == D("0.1000")
    assert progress.indicators[0].achievement == D("0.0900")
    assert progress.state == ProgressState.ON_TRACK


def test_drafts_count_only_when_asked(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(plan, 1, values=25)
    build_report(plan, 2, values=40, status=ReportStatus.DRAFT)
    assert plan_progress(plan).quarter == 1
    assert plan_progress(plan, include_drafts=True).quarter == 2
    assert plan_progress(plan, include_drafts=True).achievement == D("0.4000")


def test_plan_progress_query_count_does_not_grow_with_the_plan(tree, django_assert_max_num_queries):
    plan = build_plan(tree.jepara, areas=8, activities=3, indicators=3)
    build_report(plan, 2)
    with django_assert_max_num_queries(7):
        progress = plan_progress(plan)
    assert len(progress.indicators) == 72
    assert progress.achievement == D("0.5000")


def test_satker_dashboard(tree, people):
    plan = build_plan(tree.jepara, areas=2, activities=1, indicators=1)
    a, b = indicators_of(plan)
    build_report(plan, 1, values={a.pk: 25, b.pk: 25})
    q2 = build_report(plan, 2, values={a.pk: 50, b.pk: 10}, status=ReportStatus.SUBMITTED)
    build_report(plan, 3, values=80, status=ReportStatus.REVISE)
    Recommendation.objects.create(report=q2, text="Lengkapi data dukung",
                                  deadline=dt.date(2020, 8, 1), created_by=people.evaluator)
    Recommendation.objects.create(report=q2, text="Selesai", deadline=dt.date(2020, 8, 1),
                                  status=RecommendationStatus.CLOSED,
                                  created_by=people.evaluator)
    dashboard = satker_dashboard(tree.jepara, 2020, today=TODAY)
    assert dashboard.progress.quarter == 3
    assert [(p.quarter, p.achievement, p.state) for p in dashboard.trend] == [
        (1, D("0.2500"), ProgressState.ON_TRACK), (2, D("0.3000"), ProgressState.AT_RISK),
        (3, D("0.8000"), ProgressState.ON_TRACK)]
    # Q3 was sent back for revision (pending) and its deadline 10 Oct passed.
    assert [(d.quarter, d.due_date, d.status) for d in dashboard.overdue_reports] == [
        (3, dt.date(2020, 10, 10), ReportStatus.REVISE)]
    assert [r.text for r in dashboard.open_recommendations] == ["Lengkapi data dukung"]
    assert dashboard.indicators_at_risk == []


def test_satker_dashboard_counts_missing_reports_as_overdue(tree):
    build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    dashboard = satker_dashboard(tree.jepara, 2020, today=dt.date(2021, 1, 11))
    assert [d.quarter for d in dashboard.overdue_reports] == [1, 2, 3, 4]
    assert dashboard.progress.achievement is None


def test_satker_dashboard_without_plan(tree):
    dashboard = satker_dashboard(tree.kudus, 2020)
    assert dashboard.plan is None and dashboard.progress is None


def test_comparison_of_a_province_ranks_its_units(tree):
    jepara = build_plan(tree.jepara, areas=2, activities=1, indicators=1)
    kudus = build_plan(tree.kudus, areas=2, activities=1, indicators=1)
    build_report(jepara, 2, values=50)
    build_report(kudus, 2, values=80)
    build_report(kudus, 3, values=90, status=ReportStatus.DRAFT)  # not counted
    result = comparison(tree.jateng, 2020, today=TODAY)
    assert [a.number for a in result.areas] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [(r.satker.code, r.achievement, r.rank) for r in result.ranking] == [
        ("33.19", D("0.8000"), 1), ("33.20", D("0.5000"), 2)]
    kudus_row = result.ranking[0]
    assert kudus_row.areas[:3] == [D("0.8000"), D("0.8000"), None]
    assert kudus_row.report_statuses == {2: ReportStatus.SUBMITTED, 3: ReportStatus.DRAFT}
    assert kudus_row.overdue_reports == 2  # Q1 missing, Q3 still a draft
    assert result.achievement == D("0.6500")


def test_comparison_at_a_quarter_and_satkers_without_plans(tree):
    SatkerFactory(code="33.01", name="KPU Kabupaten Cilacap", parent=tree.jateng)
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(plan, 1, values=25)
    build_report(plan, 2, values=45)
    result = comparison(tree.jateng, 2020, quarter=1, today=TODAY)
    rows = {r.satker.code: r for r in result.rows}
    assert rows["33.20"].achievement == D("0.2500")
    assert rows["33.01"].plan_id is None and rows["33.01"].rank is None
    assert rows["33.01"].state == ProgressState.NOT_STARTED


def _province(code, n):
    province = SatkerFactory(code=code, name=f"KPU Provinsi {code}", level=Level.PROVINCE)
    return province, [SatkerFactory(code=f"{code}.{i:02d}", parent=province)
                      for i in range(1, n + 1)]


@pytest.mark.parametrize("units", [3, 12])
def test_comparison_queries_do_not_grow_with_units(tree, units, django_assert_max_num_queries):
    province, children = _province("71", units)
    for i, satker in enumerate(children):
        plan = build_plan(satker, areas=8, activities=1, indicators=2)
        build_report(plan, 2, values=5 * (i + 1))
    with django_assert_max_num_queries(9):
        result = comparison(province, 2020, today=TODAY)
        ranks = [r.rank for r in result.ranking]
    assert len(result.rows) == units
    assert ranks == list(range(1, units + 1))


def test_national_overview_rolls_up_provinces(tree, django_assert_max_num_queries):
    build_report(build_plan(tree.jepara, areas=1, activities=1, indicators=1), 2, values=60)
    build_report(build_plan(tree.kudus, areas=1, activities=1, indicators=1), 2, values=20)
    build_report(build_plan(tree.jateng, areas=1, activities=1, indicators=1), 2, values=100)
    build_report(build_plan(tree.bogor, areas=1, activities=1, indicators=1), 2, values=50)
    build_plan(tree.papua, areas=1, activities=1, indicators=1, status=PlanStatus.DRAFT)
    with django_assert_max_num_queries(10):
        result = national_overview(2020, today=TODAY)
    rows = {r.satker.code: r for r in result.rows}
    assert set(rows) == {"33", "32", "91"}
    assert rows["33"].satkers == 3 and rows["33"].plans == 3
    assert rows["33"].achievement == D("0.6000")  # mean of 0.6, 0.2 and 1.0
    assert rows["33"].submitted_by_quarter == {2: 3}
    assert rows["32"].achievement == D("0.5000")
    assert rows["91"].achievement is None and rows["91"].plans == 1
    assert [r.satker.code for r in result.ranking] == ["33", "32", "91"]
    assert result.parent == tree.root


def test_national_overview_queries_do_not_grow_with_satkers(tree,
                                                            django_assert_max_num_queries):
    for code in ("71", "72", "73"):
        _province_, children = _province(code, 5)
        for satker in children:
            build_report(build_plan(satker, areas=8, activities=1, indicators=1), 1)
    with django_assert_max_num_queries(10):
        result = national_overview(2020, today=TODAY)
    assert len(result.rows) == 6
    assert {r.satker.code: r.satkers for r in result.rows}["71"] == 6


def test_a_satker_that_missed_a_due_quarter_is_never_on_track_and_ranks_below(tree):
    """Karanganyar's case: a high figure from an early report must not beat a satker that
    reported every due quarter (issue: the comparison rewarded not reporting)."""
    early = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(early, 1, values=49)           # Q2 and Q3 were due by 1 December: missing
    steady = build_plan(tree.kudus, areas=1, activities=1, indicators=1)
    for quarter, value in ((1, 10), (2, 20), (3, 30)):
        build_report(steady, quarter, values=value)

    result = comparison(tree.jateng, 2020, today=TODAY)
    rows = {r.satker.code: r for r in result.rows}

    assert rows["33.20"].achievement > rows["33.19"].achievement
    assert rows["33.20"].unreported == [2, 3]
    assert rows["33.20"].state == ProgressState.NOT_REPORTED
    assert rows["33.19"].unreported == []
    assert rows["33.19"].state != ProgressState.NOT_REPORTED
    assert [r.satker.code for r in result.ranking] == ["33.19", "33.20"]
    assert (rows["33.19"].rank, rows["33.20"].rank) == (1, 2)
    assert result.with_data == 2


def test_an_earlier_missing_quarter_marks_the_satker_late_not_on_track(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(plan, 2, values=60)
    build_report(plan, 3, values=90)             # well on track, but Q1 was never reported

    row = {r.satker.code: r for r in comparison(tree.jateng, 2020, today=TODAY).rows}["33.20"]

    assert row.unreported == [1]
    assert row.state == ProgressState.REPORT_LATE


def test_a_chosen_quarter_only_asks_for_the_quarters_up_to_it(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(plan, 1, values=25)
    build_report(plan, 2, values=50)             # Q3 missing, but TW II is what is measured

    rows = comparison(tree.jateng, 2020, quarter=2, today=TODAY).rows
    row = {r.satker.code: r for r in rows}["33.20"]

    assert row.unreported == []
    assert row.state == ProgressState.ON_TRACK
