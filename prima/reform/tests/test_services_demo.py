import time
from decimal import Decimal as D

import pytest

from prima.organisations.demo import load_demo
from prima.organisations.models import Satker
from prima.reform.choices import PlanStatus, ReportStatus
from prima.reform.dashboards import comparison, plan_progress
from prima.reform.demo import load_reform_demo
from prima.reform.models import (
    ActionPlan,
    ProgressReport,
    Recommendation,
    ReformTeam,
    ReviewComment,
    SocialisationEvent,
)


@pytest.mark.django_db
def test_reform_demo_jepara_and_the_province_comparison():
    load_demo()
    started = time.monotonic()
    result = load_reform_demo()
    elapsed = time.monotonic() - started
    assert elapsed < 20
    jepara = Satker.objects.get(code="33.20")
    plan = ActionPlan.objects.get(satker=jepara, year=2020)
    assert plan.decree.number == "35/2020"
    assert plan.status == PlanStatus.CLOSED and plan.is_published
    assert plan.programmes.values("area").distinct().count() == 8
    team = ReformTeam.objects.get(satker=jepara)
    assert team.decree.kind == "sk" and team.members.count() == 9
    reports = ProgressReport.objects.filter(plan=plan).order_by("quarter")
    assert [r.status for r in reports] == [ReportStatus.ACCEPTED] * 4
    assert ReviewComment.objects.filter(report__plan=plan,
                                        author__email="evaluator-jateng@demo.kpu.go.id").exists()
    assert Recommendation.objects.filter(report__plan=plan).count() == 2
    assert SocialisationEvent.objects.filter(series="Rabu Ingin Tahu").count() == 8
    progress = plan_progress(plan)
    assert progress.quarter == 4
    assert progress.achievement > D("0.95")
    jateng = Satker.objects.get(code="33")
    overview = comparison(jateng, 2020)
    assert len(overview.rows) == 35
    assert all(r.plan_id for r in overview.rows)
    ranked = [r.achievement for r in overview.ranking if r.achievement is not None]
    assert len(ranked) == 35 and ranked[0] > ranked[-1] + D("0.2")
    assert result.plans == 35
    again = load_reform_demo()
    assert again.skipped and ActionPlan.objects.filter(year=2020).count() == 35
