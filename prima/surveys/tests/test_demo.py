"""The demo: Jepara's four quarters of 2020 with a follow-up plan, idempotent, and the reform
indicator fed by the quarter's IKM."""

from decimal import Decimal

from prima.reform.models import Indicator, Realisation
from prima.reform.tests.factories import build_plan, build_report, indicators_of
from prima.surveys import ikm
from prima.surveys.demo import load_surveys_demo
from prima.surveys.models import FollowUp, Survey
from prima.surveys.reports import build_report as survey_report


def test_demo_loads_once_and_feeds_the_reform_indicator(tree):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    Indicator.objects.filter(pk=indicators_of(plan)[0].pk).update(
        name="Indeks kepuasan masyarakat")
    for quarter in (1, 2, 3, 4):
        build_report(plan, quarter)
    result = load_surveys_demo()
    assert result.surveys == 6 and not result.skipped  # 4 + current Jepara, Kudus
    assert load_surveys_demo().skipped
    values = [ikm.satker_ikm(tree.jepara, 2020, q) for q in (1, 2, 3, 4)]
    assert all(v is not None for v in values)
    assert values == sorted(values)  # improving over the year
    fed = Indicator.objects.get(source="ikm")
    assert {r.report.quarter: r.value for r in Realisation.objects.filter(indicator=fed)} == \
        dict(zip((1, 2, 3, 4), values, strict=True))
    q4 = Survey.objects.get(satker=tree.jepara, year=2020, period_number=4,
                            period_kind="quarter")
    report = survey_report(q4)
    assert len(report.trend) == 4
    assert report.previous_follow_ups and FollowUp.objects.count() == 4
    assert ikm.national_rollup(2020)["national"].units == 2
    assert isinstance(values[0], Decimal)
