"""The cached comparisons are reused while nothing changes and recomputed after a change."""

import datetime as dt
from decimal import Decimal

from prima.reform import dashboards, services
from prima.reform.choices import ReportStatus
from prima.reform.tests.factories import build_plan, build_report, indicators_of

TODAY = dt.date(2020, 12, 15)


def test_national_overview_is_reused_until_a_report_changes(tree, people,
                                                             django_assert_num_queries):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    report = build_report(plan, 1, values=25, status=ReportStatus.DRAFT, updated_by=people.reform)
    first = dashboards.cached_national_overview(2020, today=TODAY)
    # A second call costs only the fingerprint (three aggregate queries).
    with django_assert_num_queries(3):
        again = dashboards.cached_national_overview(2020, today=TODAY)
    assert again.rows[0].achievement == first.rows[0].achievement

    indicator = indicators_of(plan)[0]
    services.save_report(actor=people.reform, report=report, data={"narrative": "Revisi"},
                         realisations={indicator.pk: (Decimal(50), "")},
                         expected_version=report.version)
    services.submit_report(report=report, actor=people.reform)
    fresh = dashboards.cached_national_overview(2020, today=TODAY)

    def jateng(result):
        return next(r for r in result.rows if r.satker.code == "33").achievement

    # The draft did not count for the nation; the submitted report does, at once.
    assert jateng(first) is None
    assert jateng(fresh) == Decimal("0.5000")
    assert jateng(fresh) == jateng(dashboards.national_overview(2020, today=TODAY))


def test_comparison_cache_follows_the_fingerprint(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    build_report(plan, 1, values=25, updated_by=people.reform)
    before = dashboards.data_fingerprint(2020)
    cached = dashboards.cached_comparison(tree.jateng, 2020, today=TODAY)
    assert dashboards.cached_comparison(tree.jateng, 2020, today=TODAY).rows == cached.rows
    build_report(plan, 2, values=60, updated_by=people.reform)
    assert dashboards.data_fingerprint(2020) != before
    updated = dashboards.cached_comparison(tree.jateng, 2020, today=TODAY)
    expected = dashboards.comparison(tree.jateng, 2020, today=TODAY)
    assert [r.achievement for r in updated.rows] == [r.achievement for r in expected.rows]
