"""Test data for the reform app: plans of any size in a few queries, reports with realisations.

``build_plan(satker, areas=8, activities=2, indicators=2)`` makes a plan with that many
programmes (one per area), activities per programme and indicators per activity; targets are
100 (higher is better) unless given. ``build_report(plan, quarter, values=...)`` adds a report
with one realisation per indicator. Both write rows directly (bulk), not through the services,
so that tests of the services start from a known state; use the services where the side
effects (audit, versions) are what the test is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from prima.organisations.tests.factories import DocumentFactory, UserFactory

from ..choices import Direction, PlanStatus, ReportStatus
from ..models import (
    ActionPlan,
    Activity,
    AreaOfChange,
    Indicator,
    Programme,
    ProgressReport,
    Realisation,
    Regime,
)
from ..querysets import report_due_date

REGIME_CODE = "permenpanrb-26-2020"


def regime() -> Regime:
    return Regime.objects.get(code=REGIME_CODE)


def decree(satker, number: str = "35/PP.06-Kpt/3320/Kab/2020", *, uploaded_by=None,
           date: dt.date = dt.date(2020, 1, 15), subject: str = "Penetapan rencana aksi"):
    """An SK document of ``satker`` (set MEDIA_ROOT to a temporary directory in the test)."""
    return DocumentFactory(satker=satker, number=number, date=date, subject=subject,
                           uploaded_by=uploaded_by or UserFactory())


def build_plan(satker, *, year: int = 2020, areas: int = 8, activities: int = 2,
               indicators: int = 2, status: str = PlanStatus.RUNNING, created_by=None,
               target=Decimal(100), direction: str = Direction.HIGHER,
               quarterly: bool = False, is_template: bool = False,
               title: str | None = None) -> ActionPlan:
    """A plan with ``areas`` programmes (one per area, in area order), ``activities``
    activities each and ``indicators`` indicators per activity, all weight 1.

    With ``quarterly=True`` the quarterly targets are 10%, 40%, 70% and 100% of the target.
    """
    plan = ActionPlan.objects.create(
        satker=satker, year=year, regime=regime(), status=status, is_template=is_template,
        title=title or f"Rencana Aksi RB {satker.name} {year}",
        created_by=created_by or UserFactory())
    area_list = list(AreaOfChange.objects.filter(regime=plan.regime).order_by("number")[:areas])
    programmes = Programme.objects.bulk_create(
        [Programme(plan=plan, area=area, name=f"Program area {area.number}", order=1)
         for area in area_list])
    acts = Activity.objects.bulk_create(
        [Activity(programme=p, name=f"Kegiatan {p.area.number}.{a}",
                  output=f"Keluaran {p.area.number}.{a}", quarters=[1, 2, 3, 4], order=a)
         for p in programmes for a in range(1, activities + 1)])
    target = Decimal(target)
    fractions = (Decimal("0.1"), Decimal("0.4"), Decimal("0.7"), Decimal(1))
    Indicator.objects.bulk_create(
        [Indicator(activity=act, name=f"Indikator {act.name[9:]}.{i}", unit="%",
                   direction=direction, baseline=Decimal(0), target=target, order=i,
                   **({f"target_q{q}": target * f for q, f in enumerate(fractions, start=1)}
                      if quarterly else {}))
         for act in acts for i in range(1, indicators + 1)])
    return plan


def indicators_of(plan: ActionPlan) -> list[Indicator]:
    return list(Indicator.objects.filter(activity__programme__plan=plan)
                .order_by("activity__programme__area__number", "activity__order", "order"))


def build_report(plan: ActionPlan, quarter: int, *, values=None,
                 status: str = ReportStatus.SUBMITTED, updated_by=None,
                 narrative: str = "") -> ProgressReport:
    """A report of ``quarter`` with a realisation per indicator.

    ``values``: one number for every indicator, a ``{indicator_id: value}`` dict (indicators
    left out get no realisation), or a callable ``(indicator) -> value | None``; default: the
    quarter's share of the target (quarter / 4 × target).
    """
    report = ProgressReport.objects.create(
        plan=plan, quarter=quarter, status=status, due_date=report_due_date(plan.year, quarter),
        narrative=narrative or f"Capaian triwulan {quarter}.", updated_by=updated_by,
        submitted_by=updated_by if status != ReportStatus.DRAFT else None)
    indicators = indicators_of(plan)
    value_of: Callable
    if values is None:
        def value_of(i):
            return i.target * quarter / 4
    elif callable(values):
        value_of = values
    elif isinstance(values, dict):
        def value_of(i):
            return values.get(i.pk)
    else:
        def value_of(i):
            return Decimal(values)
    rows = []
    for indicator in indicators:
        value = value_of(indicator)
        if value is not None:
            rows.append(Realisation(report=report, indicator=indicator, value=Decimal(value)))
    Realisation.objects.bulk_create(rows)
    return report
