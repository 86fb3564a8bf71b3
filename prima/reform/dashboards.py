"""Dashboard data: achievement per indicator, activity, programme, area and plan, a satker's
dashboard, the comparison of the satkers below a province, and the national overview.

Queries are bounded: every function reads flat rows (``values_list``) in a fixed number of
queries, whatever the number of satkers, plans or indicators, and computes in Python with the
rules of ``achievement`` (see there for the choices). No view code here: R3's views render these
dataclasses.

Which figures count: outside the satker only reports that were submitted at least once
(submitted, revise, accepted) count; ``include_drafts=True`` (for the satker's own people) also
counts drafts. Without a quarter, each plan is measured at its latest counted report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from prima.core import rollup
from prima.organisations.choices import Level
from prima.organisations.models import Satker

from .achievement import (
    PLACES,
    configured_cap,
    expected_fraction,
    indicator_achievement,
    state_for,
    weighted_mean,
)
from .choices import PlanStatus, ProgressState, ReportStatus, TeamStatus
from .models import (
    ActionPlan,
    AreaOfChange,
    Evidence,
    Indicator,
    ProgressReport,
    Realisation,
    Recommendation,
    ReformTeam,
)
from .querysets import (
    ACTIVE_PLAN_STATUSES,
    COUNTED_REPORT_STATUSES,
    OPEN_RECOMMENDATION_STATUSES,
    PENDING_REPORT_STATUSES,
    report_due_date,
)

AT_RISK_STATES = (ProgressState.AT_RISK, ProgressState.LATE)


# --- the scoring engine (plain rows in, numbers out) -------------------------------------------

@dataclass(frozen=True, slots=True)
class IndicatorRow:
    id: int
    activity_id: int
    programme_id: int
    area_id: int
    direction: str
    target: Decimal
    quarter_targets: tuple
    weight: Decimal
    activity_weight: Decimal


INDICATOR_COLUMNS = ("id", "activity_id", "activity__programme_id", "activity__programme__area_id",
                     "direction", "target", "target_q1", "target_q2", "target_q3", "target_q4",
                     "weight", "activity__weight")


def _row(values: tuple) -> IndicatorRow:
    (pk, activity_id, programme_id, area_id, direction, target, q1, q2, q3, q4, weight,
     activity_weight) = values
    return IndicatorRow(pk, activity_id, programme_id, area_id, direction, target,
                        (q1, q2, q3, q4), weight, activity_weight)


@dataclass
class Score:
    """Numbers of one plan at one quarter: ``(achievement, expected)`` per level; per indicator
    ``(uncapped achievement, capped achievement, expected)``."""

    indicators: dict = field(default_factory=dict)
    activities: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)
    plan: tuple = (None, None)


def _mean_pair(items: list[tuple]) -> tuple:
    """``items`` of (weight, achievement, expected): the weighted achievement and the weighted
    expected fraction over the items that have an achievement."""
    achievement = weighted_mean((w, a) for w, a, _e in items)
    expected = weighted_mean((w, e) for w, a, e in items if a is not None)
    return achievement, expected


_UNSET = object()


def score(rows: list[IndicatorRow], values: dict, quarter: int | None,
          area_weights: dict, cap=_UNSET) -> Score:
    """Score a plan's indicators given ``values`` ({indicator_id: realisation}) at ``quarter``."""
    cap = configured_cap() if cap is _UNSET else cap
    result = Score()
    by_activity: dict[int, list] = defaultdict(list)
    activity_info: dict[int, tuple] = {}
    # Many indicators share direction, target and quarterly target: compute each case once.
    expected_memo: dict[tuple, Decimal] = {}
    for row in rows:
        value = values.get(row.id) if quarter is not None else None
        if value is None:
            raw = capped = None
        else:
            raw = indicator_achievement(direction=row.direction, target=row.target,
                                        realisation=value, cap=None)
            capped = raw if cap is None or raw is None else min(raw, cap)
        if quarter is None:
            expected = None
        else:
            key = (row.direction, row.target, row.quarter_targets[quarter - 1])
            expected = expected_memo.get(key)
            if expected is None:
                expected = expected_memo[key] = expected_fraction(
                    direction=row.direction, target=row.target, quarter=quarter,
                    quarter_target=key[2])
        result.indicators[row.id] = (raw, capped, expected)
        by_activity[row.activity_id].append((row.weight, capped, expected))
        activity_info[row.activity_id] = (row.programme_id, row.area_id, row.activity_weight)
    by_programme: dict[int, list] = defaultdict(list)
    by_area: dict[int, list] = defaultdict(list)
    for activity_id, items in by_activity.items():
        pair = _mean_pair(items)
        result.activities[activity_id] = pair
        programme_id, area_id, weight = activity_info[activity_id]
        by_programme[programme_id].append((weight, *pair))
        by_area[area_id].append((weight, *pair))
    for programme_id, items in by_programme.items():
        result.programmes[programme_id] = _mean_pair(items)
    for area_id, items in by_area.items():
        result.areas[area_id] = _mean_pair(items)
    result.plan = _mean_pair([(area_weights.get(a, Decimal(1)), *pair)
                              for a, pair in result.areas.items()])
    return result


def _latest_quarter(reports: list[tuple], statuses) -> tuple[int | None, int | None]:
    """(quarter, report id) of the latest report among ``reports`` [(id, quarter, status)]."""
    best = None
    for report_id, quarter, status in reports:
        if status in statuses and (best is None or quarter > best[0]):
            best = (quarter, report_id)
    return best or (None, None)


# --- one plan ----------------------------------------------------------------------------------

@dataclass
class IndicatorProgress:
    indicator: Indicator
    realisation: Decimal | None
    note: str
    achievement: Decimal | None          # uncapped, for display
    capped: Decimal | None               # what the roll-ups use
    expected: Decimal | None
    state: str
    quarter_target: Decimal | None
    evidence: list = field(default_factory=list)

    @property
    def is_at_risk(self) -> bool:
        return self.state in AT_RISK_STATES


@dataclass
class ActivityProgress:
    activity: object
    indicators: list[IndicatorProgress]
    achievement: Decimal | None
    expected: Decimal | None
    state: str


@dataclass
class ProgrammeProgress:
    programme: object
    activities: list[ActivityProgress]
    achievement: Decimal | None
    expected: Decimal | None
    state: str


@dataclass
class AreaProgress:
    area: AreaOfChange
    programmes: list[ProgrammeProgress]
    achievement: Decimal | None
    expected: Decimal | None
    state: str

    @property
    def indicators(self) -> list[IndicatorProgress]:
        return [i for p in self.programmes for a in p.activities for i in a.indicators]


@dataclass
class PlanProgress:
    plan: ActionPlan
    quarter: int | None
    report: ProgressReport | None
    areas: list[AreaProgress]
    achievement: Decimal | None
    expected: Decimal | None
    state: str
    evidence: list = field(default_factory=list)   # report-level evidence (no indicator)

    @property
    def indicators(self) -> list[IndicatorProgress]:
        return [i for area in self.areas for i in area.indicators]

    @property
    def at_risk(self) -> list[IndicatorProgress]:
        return [i for i in self.indicators if i.is_at_risk]


def _plan_tree(plan: ActionPlan):
    """Programmes (with area), activities and indicators of ``plan``: three queries."""
    return list(plan.programmes.select_related("area").prefetch_related(
        "activities__owner_division", "activities__owner_person", "activities__indicators")
        .order_by("area__number", "order", "id"))


def plan_progress(plan: ActionPlan, quarter: int | None = None, *,
                  include_drafts: bool = False, with_evidence: bool = True) -> PlanProgress:
    """The whole tree of ``plan`` with its achievement at ``quarter`` (default: the latest
    counted report). At most seven queries."""
    statuses = (*COUNTED_REPORT_STATUSES, ReportStatus.DRAFT) if include_drafts \
        else COUNTED_REPORT_STATUSES
    reports = {r.quarter: r for r in ProgressReport.objects.filter(plan=plan)
               .select_related("updated_by", "reviewed_by")}
    if quarter is None:
        quarter, _rid = _latest_quarter([(r.pk, r.quarter, r.status) for r in reports.values()],
                                        statuses)
    report = reports.get(quarter) if quarter else None
    if report is not None and report.status not in statuses:
        report = None
    values, notes = {}, {}
    evidence_by_indicator: dict = defaultdict(list)
    plan_evidence = []
    if report is not None:
        for indicator_id, value, note in report.realisations.values_list(
                "indicator_id", "value", "note"):
            values[indicator_id] = value
            notes[indicator_id] = note
        if with_evidence:
            for item in Evidence.objects.filter(report=report).select_related("linked_type"):
                if item.indicator_id:
                    evidence_by_indicator[item.indicator_id].append(item)
                else:
                    plan_evidence.append(item)
    programmes = _plan_tree(plan)
    rows = []
    for programme in programmes:
        for activity in programme.activities.all():
            for indicator in activity.indicators.all():
                rows.append(IndicatorRow(indicator.pk, activity.pk, programme.pk,
                                         programme.area_id, indicator.direction,
                                         indicator.target,
                                         tuple(indicator.quarter_target(q) for q in range(1, 5)),
                                         indicator.weight, activity.weight))
    area_weights = {p.area_id: p.area.weight for p in programmes}
    result = score(rows, values, quarter if report is not None else None, area_weights)
    if report is None and quarter is not None:
        # No (counted) report for the quarter: nothing achieved is known, but what the plan
        # expected by then still is.
        expected_only = score(rows, {}, quarter, area_weights)
        result.indicators = {k: (None, None, v[2])
                             for k, v in expected_only.indicators.items()}
    areas: list[AreaProgress] = []
    current = None
    for programme in programmes:
        activity_items = []
        for activity in programme.activities.all():
            indicator_items = []
            for indicator in activity.indicators.all():
                raw, capped, expected = result.indicators[indicator.pk]
                indicator_items.append(IndicatorProgress(
                    indicator=indicator, realisation=values.get(indicator.pk),
                    note=notes.get(indicator.pk, ""), achievement=raw, capped=capped,
                    expected=expected, state=state_for(capped, expected),
                    quarter_target=indicator.quarter_target(quarter) if quarter else None,
                    evidence=evidence_by_indicator.get(indicator.pk, [])))
            ach, exp = result.activities.get(activity.pk, (None, None))
            activity_items.append(ActivityProgress(activity, indicator_items, ach, exp,
                                                   state_for(ach, exp)))
        ach, exp = result.programmes.get(programme.pk, (None, None))
        programme_item = ProgrammeProgress(programme, activity_items, ach, exp,
                                           state_for(ach, exp))
        if current is None or current.area.pk != programme.area_id:
            ach, exp = result.areas.get(programme.area_id, (None, None))
            current = AreaProgress(programme.area, [], ach, exp, state_for(ach, exp))
            areas.append(current)
        current.programmes.append(programme_item)
    ach, exp = result.plan
    return PlanProgress(plan=plan, quarter=quarter, report=report, areas=areas, achievement=ach,
                        expected=exp, state=state_for(ach, exp), evidence=plan_evidence)


# --- a satker's dashboard ---------------------------------------------------------------------

@dataclass
class DueReport:
    quarter: int
    due_date: dt.date
    report: ProgressReport | None

    @property
    def status(self) -> str | None:
        return self.report.status if self.report else None


@dataclass
class QuarterPoint:
    quarter: int
    achievement: Decimal | None
    expected: Decimal | None
    state: str
    report_status: str | None


@dataclass
class SatkerDashboard:
    satker: Satker
    year: int
    plan: ActionPlan | None
    progress: PlanProgress | None
    trend: list[QuarterPoint]
    indicators_at_risk: list[IndicatorProgress]
    overdue_reports: list[DueReport]
    open_recommendations: list[Recommendation]
    team: ReformTeam | None
    reports: list[ProgressReport]

    @property
    def overdue_recommendations(self) -> list[Recommendation]:
        today = timezone.localdate()
        return [r for r in self.open_recommendations if r.deadline < today]


def overdue_reports_of(plan: ActionPlan, reports: list[ProgressReport],
                       today: dt.date) -> list[DueReport]:
    """Quarters past their report deadline whose report is missing, a draft, or sent back."""
    if plan.status not in (*ACTIVE_PLAN_STATUSES, PlanStatus.CLOSED) or plan.is_template:
        return []
    by_quarter = {r.quarter: r for r in reports}
    result = []
    for quarter in range(1, 5):
        report = by_quarter.get(quarter)
        due = report.due_date if report and report.due_date else report_due_date(plan.year,
                                                                                  quarter)
        if due < today and (report is None or report.status in PENDING_REPORT_STATUSES):
            result.append(DueReport(quarter, due, report))
    return result


def satker_dashboard(satker: Satker, year: int, *, include_drafts: bool = False,
                     today: dt.date | None = None) -> SatkerDashboard:
    """Progress by area, the trend over the quarters, indicators at risk, overdue reports and
    open recommendations of ``satker`` in ``year``. A bounded number of queries."""
    today = today or timezone.localdate()
    team = (ReformTeam.objects.filter(satker=satker, status=TeamStatus.ACTIVE)
            .select_related("decree").prefetch_related("members").first())
    plan = (ActionPlan.objects.filter(satker=satker, year=year, is_template=False)
            .select_related("satker", "regime", "decree").first())
    if plan is None:
        return SatkerDashboard(satker, year, None, None, [], [], [], [], team, [])
    progress = plan_progress(plan, include_drafts=include_drafts)
    reports = list(ProgressReport.objects.filter(plan=plan).order_by("quarter"))
    statuses = (*COUNTED_REPORT_STATUSES, ReportStatus.DRAFT) if include_drafts \
        else COUNTED_REPORT_STATUSES
    counted = {r.pk: r for r in reports if r.status in statuses}
    values: dict[int, dict] = defaultdict(dict)
    for report_id, indicator_id, value in Realisation.objects.filter(
            report_id__in=list(counted)).values_list("report_id", "indicator_id", "value"):
        values[report_id][indicator_id] = value
    rows = [i for i in _flat_rows(Q(activity__programme__plan=plan))]
    area_weights = _area_weights()
    trend = []
    for report in reports:
        if report.pk not in counted:
            trend.append(QuarterPoint(report.quarter, None, None, ProgressState.NOT_STARTED,
                                      report.status))
            continue
        ach, exp = score(rows, values[report.pk], report.quarter, area_weights).plan
        trend.append(QuarterPoint(report.quarter, ach, exp, state_for(ach, exp), report.status))
    recommendations = list(Recommendation.objects.filter(
        report__plan=plan, status__in=OPEN_RECOMMENDATION_STATUSES)
        .select_related("report").order_by("deadline", "id"))
    return SatkerDashboard(
        satker=satker, year=year, plan=plan, progress=progress, trend=trend,
        indicators_at_risk=progress.at_risk,
        overdue_reports=overdue_reports_of(plan, reports, today),
        open_recommendations=recommendations, team=team, reports=reports)


def _flat_rows(condition: Q) -> list[IndicatorRow]:
    return [_row(v) for v in Indicator.objects.filter(condition).order_by()
            .values_list(*INDICATOR_COLUMNS)]


def _area_weights() -> dict:
    return dict(AreaOfChange.objects.values_list("id", "weight"))


# --- comparison and national overview ---------------------------------------------------------

@dataclass
class AreaColumn:
    number: int
    name: str
    name_en: str = ""

    @property
    def display_name(self) -> str:
        # Cached comparisons are shared by every language: choose the name when shown.
        from django.utils.translation import get_language

        return self.name_en if self.name_en and get_language() == "en" else self.name


@dataclass
class ComparisonRow:
    satker: Satker
    plan_id: int | None
    plan_status: str | None
    quarter: int | None
    achievement: Decimal | None
    expected: Decimal | None
    state: str
    areas: list                       # achievement per area column (None: no data)
    report_statuses: dict             # {quarter: status} of the reports that exist
    overdue_reports: int = 0
    open_recommendations: int = 0
    rank: int | None = None
    satkers: int = 1                  # national overview: satkers rolled up in the row
    plans: int = 0
    reports_submitted: int = 0
    submitted_by_quarter: dict = field(default_factory=dict)  # {quarter: satkers reporting}
    unreported: list = field(default_factory=list)  # due quarters without a submitted report


@dataclass
class Comparison:
    parent: Satker | None
    year: int
    quarter: int | None
    areas: list[AreaColumn]
    rows: list[ComparisonRow]

    @property
    def ranking(self) -> list[ComparisonRow]:
        return sorted(self.rows, key=lambda r: (r.rank is None, r.rank or 0, r.satker.code))

    @property
    def achievement(self) -> Decimal | None:
        return weighted_mean((1, r.achievement) for r in self.rows)

    @property
    def with_data(self) -> int:
        """How many rows the average is taken over (those with an achievement)."""
        return sum(1 for r in self.rows if r.achievement is not None)

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def state_counts(self) -> dict:
        return {state: self.count(state) for state in ProgressState.values}


def _rank(rows: list[ComparisonRow]) -> None:
    """Competition ranking (1, 2, 2, 4 ...): first the satkers that reported every due quarter,
    then those that missed one, each by achievement, so not reporting is never rewarded; rows
    without data are unranked."""
    ordered = sorted((r for r in rows if r.achievement is not None),
                     key=lambda r: (bool(r.unreported), -r.achievement))
    previous, rank = None, 0
    for position, row in enumerate(ordered, start=1):
        key = (bool(row.unreported), row.achievement)
        if key != previous:
            rank, previous = position, key
        row.rank = rank


def _columns(year: int) -> tuple[list[AreaColumn], dict, dict]:
    """Area columns of the regime in force in ``year``, {area id: column index} for every
    regime (areas match by number) and {area id: weight}. Two queries."""
    from .services import regime_for_year

    rows = list(AreaOfChange.objects.values_list("id", "regime_id", "number", "name",
                                                 "weight", "name_en"))
    weights = {a[0]: a[4] for a in rows}
    english = {(a[1], a[2]): a[5] for a in rows}
    areas = [a[:4] for a in rows]
    try:
        regime_id = regime_for_year(year).pk
    except Exception:  # noqa: BLE001 - no regime at all: no columns
        regime_id = None
    columns = sorted({(n, name) for _i, r, n, name in areas if r == regime_id})
    index = {number: i for i, (number, _name) in enumerate(columns)}
    by_id = {pk: index[number] for pk, _r, number, _n in areas if number in index}
    return ([AreaColumn(n, name, english.get((regime_id, n), "")) for n, name in columns],
            by_id, weights)


def _plan_scores(plan_filter: Q, year: int, quarter: int | None, today: dt.date,
                 area_weights: dict):
    """Everything the comparison needs about the plans matching ``plan_filter`` (non-template,
    of ``year``), in five queries: plans, reports, indicators, realisations,
    recommendations."""
    plan_filter &= Q(year=year, is_template=False)
    plans = {pk: (satker_id, status) for pk, satker_id, status in ActionPlan.objects.filter(
        plan_filter).order_by().values_list("id", "satker_id", "status")}
    reports_by_plan: dict[int, list] = defaultdict(list)
    for pk, plan_id, q, status, due in ProgressReport.objects.filter(
            plan__in=ActionPlan.objects.filter(plan_filter)).order_by().values_list(
            "id", "plan_id", "quarter", "status", "due_date"):
        reports_by_plan[plan_id].append((pk, q, status, due))
    chosen: dict[int, tuple] = {}
    for plan_id in plans:
        items = [(pk, q, s) for pk, q, s, _d in reports_by_plan.get(plan_id, [])]
        if quarter is None:
            q, report_id = _latest_quarter(items, COUNTED_REPORT_STATUSES)
        else:
            match = [pk for pk, q, s in items if q == quarter and s in COUNTED_REPORT_STATUSES]
            q, report_id = (quarter, match[0]) if match else (quarter, None)
        chosen[plan_id] = (q, report_id)
    rows_by_plan: dict[int, list] = defaultdict(list)
    for values in Indicator.objects.filter(
            activity__programme__plan__in=ActionPlan.objects.filter(plan_filter)).order_by() \
            .values_list("activity__programme__plan_id", *INDICATOR_COLUMNS):
        rows_by_plan[values[0]].append(_row(values[1:]))
    report_ids = [rid for _q, rid in chosen.values() if rid is not None]
    values_by_report: dict[int, dict] = defaultdict(dict)
    if report_ids:
        for report_id, indicator_id, value in Realisation.objects.filter(
                report_id__in=report_ids).order_by().values_list("report_id", "indicator_id",
                                                                 "value"):
            values_by_report[report_id][indicator_id] = value
    open_recs = dict(Recommendation.objects.filter(
        report__plan__in=ActionPlan.objects.filter(plan_filter),
        status__in=OPEN_RECOMMENDATION_STATUSES).order_by()
        .values_list("report__plan_id").annotate(n=Count("id")).values_list("report__plan_id",
                                                                            "n"))
    area_weights = _area_weights()
    result = {}
    cap = configured_cap()
    for plan_id, (satker_id, status) in plans.items():
        q, report_id = chosen[plan_id]
        scored = score(rows_by_plan.get(plan_id, []),
                       values_by_report.get(report_id, {}) if report_id else {},
                       q if report_id else None, area_weights, cap=cap)
        reports = reports_by_plan.get(plan_id, [])
        overdue = 0
        unreported = []
        if status in (*ACTIVE_PLAN_STATUSES, PlanStatus.CLOSED):
            by_q = {rq: (rs, rd) for _pk, rq, rs, rd in reports}
            for rq in range(1, 5):
                rs, rd = by_q.get(rq, (None, None))
                due = rd or report_due_date(year, rq)
                if due < today and (rs is None or rs in PENDING_REPORT_STATUSES):
                    overdue += 1
                # Quarters measured up to the chosen one (all of them without a choice).
                if due < today and rs not in COUNTED_REPORT_STATUSES \
                        and (quarter is None or rq <= quarter):
                    unreported.append(rq)
        result[satker_id] = {
            "plan_id": plan_id, "status": status, "quarter": q if report_id else quarter,
            "score": scored, "reports": {rq: rs for _pk, rq, rs, _d in reports},
            "overdue": overdue, "unreported": unreported,
            "open_recommendations": open_recs.get(plan_id, 0),
            "submitted": sum(1 for _pk, _q, rs, _d in reports
                             if rs in COUNTED_REPORT_STATUSES)}
    return result


def reporting_state(achievement, expected, quarter: int | None, unreported: list[int]) -> str:
    """The state of a satker in a comparison. Reports are due every quarter
    (reform-evaluation.md), so a satker with a due quarter unreported is never on track, whatever
    its last figure: "not reported" when the quarter its figure is measured at (or every
    quarter) is missing, "reported late" when an earlier due quarter is. Otherwise the state
    compares the achievement with what was expected at the same quarter (``state_for``)."""
    if unreported:
        if achievement is None or quarter is None or quarter in unreported \
                or max(unreported) > quarter:
            return ProgressState.NOT_REPORTED
        return ProgressState.REPORT_LATE
    return state_for(achievement, expected)


def _row_for(satker: Satker, data: dict | None, columns: int, by_id: dict) -> ComparisonRow:
    if data is None:
        return ComparisonRow(satker=satker, plan_id=None, plan_status=None, quarter=None,
                             achievement=None, expected=None, state=ProgressState.NOT_STARTED,
                             areas=[None] * columns, report_statuses={})
    scored: Score = data["score"]
    areas = [None] * columns
    for area_id, (achievement, _expected) in scored.areas.items():
        if area_id in by_id:
            areas[by_id[area_id]] = achievement
    achievement, expected = scored.plan
    return ComparisonRow(
        satker=satker, plan_id=data["plan_id"], plan_status=data["status"],
        quarter=data["quarter"], achievement=achievement, expected=expected,
        state=reporting_state(achievement, expected, data["quarter"], data["unreported"]),
        unreported=data["unreported"], areas=areas, report_statuses=data["reports"],
        overdue_reports=data["overdue"], open_recommendations=data["open_recommendations"],
        plans=1, reports_submitted=data["submitted"])


def comparison(parent_satker: Satker, year: int, quarter: int | None = None, *,
               today: dt.date | None = None) -> Comparison:
    """One row per satker directly below ``parent_satker``: plan achievement, achievement per
    area (the heat map), report status per quarter, overdue reports, open recommendations and
    the rank. Nine queries whatever the number of satkers."""
    today = today or timezone.localdate()
    columns, by_id, weights = _columns(year)
    children = list(Satker.objects.filter(parent=parent_satker).order_by("code"))
    data = _plan_scores(Q(satker__parent=parent_satker), year, quarter, today, weights)
    rows = [_row_for(s, data.get(s.pk), len(columns), by_id) for s in children]
    _rank(rows)
    return Comparison(parent=parent_satker, year=year, quarter=quarter, areas=columns,
                      rows=rows)


def national_overview(year: int, quarter: int | None = None, *,
                      today: dt.date | None = None) -> Comparison:
    """One row per province, rolled up (``core.rollup.by_province``) from the province itself
    and its kabupaten/kota: the mean achievement of the satkers that have data (each satker
    counts once, whatever its plan's size), the mean per area, and the sums of reports, overdue
    reports and open recommendations. Ten queries whatever the number of satkers."""
    today = today or timezone.localdate()
    columns, by_id, weights = _columns(year)
    satkers = list(Satker.objects.filter(level__in=(Level.PROVINCE, Level.REGENCY))
                   .order_by("code"))
    data = _plan_scores(Q(satker__level__in=(Level.PROVINCE, Level.REGENCY)), year, quarter,
                        today, weights)
    provinces = [s for s in satkers if s.level == Level.PROVINCE]
    groups = rollup.by_province(
        (_row_for(s, data.get(s.pk), len(columns), by_id) for s in satkers),
        code=lambda r: r.satker.code, provinces=[p.code for p in provinces])
    rows = []
    for province in provinces:
        group = groups[province.code]
        # Each satker counts once (the mean of units), whatever its plan's size.
        achievement = group.mean("achievement", places=PLACES)
        expected = group.mean(lambda r: r.expected if r.achievement is not None else None,
                              places=PLACES)
        areas = [group.mean(lambda r, i=i: r.areas[i], places=PLACES)
                 for i in range(len(columns))]
        statuses: dict[int, int] = defaultdict(int)
        for r in group.units:
            for q, s in r.report_statuses.items():
                if s in COUNTED_REPORT_STATUSES:
                    statuses[q] += 1
        rows.append(ComparisonRow(
            satker=province, plan_id=None, plan_status=None, quarter=quarter,
            achievement=achievement, expected=expected, state=state_for(achievement, expected),
            areas=areas, report_statuses={}, submitted_by_quarter=dict(statuses),
            overdue_reports=group.total("overdue_reports"),
            open_recommendations=group.total("open_recommendations"),
            satkers=len(group), plans=group.total("plans"),
            reports_submitted=group.total("reports_submitted")))
    _rank(rows)
    root = next((s for s in Satker.objects.filter(level=Level.NATIONAL)[:1]), None)
    return Comparison(parent=root, year=year, quarter=quarter, areas=columns, rows=rows)


# --- cached comparisons -------------------------------------------------------------------------
# The national overview reads every indicator of every plan of the year (tens of thousands of
# rows); it is computed once and kept until reform data of that year changes. The fingerprint
# (three aggregate queries) moves with every write that can change a figure: plan edits and
# workflow steps bump ``ActionPlan.updated_at``, report saves and reviews bump
# ``ProgressReport.updated_at``, and recommendations change their status or answer.
CACHE_SECONDS = 15 * 60


def data_fingerprint(year: int) -> str:
    plans = ActionPlan.objects.filter(year=year).aggregate(
        n=Count("pk"), last=Max("updated_at"), version=Sum("version"))
    reports = ProgressReport.objects.filter(plan__year=year).aggregate(
        n=Count("pk"), last=Max("updated_at"), version=Sum("version"))
    recommendations = Recommendation.objects.filter(report__plan__year=year).aggregate(
        n=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_RECOMMENDATION_STATUSES)),
        answered=Max("responded_at"), closed=Max("closed_at"))
    parts = [plans, reports, recommendations]
    return "|".join(f"{k}={v}" for part in parts for k, v in sorted(part.items()))


def _cached(name: str, year: int, quarter: int | None, today: dt.date, compute):
    from hashlib import sha256

    from django.core.cache import cache

    stamp = sha256(data_fingerprint(year).encode()).hexdigest()[:16]
    key = f"prima:reform:{name}:{year}:{quarter}:{today.isoformat()}:{stamp}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, CACHE_SECONDS)
    return result


def cached_national_overview(year: int, quarter: int | None = None, *,
                             today: dt.date | None = None) -> Comparison:
    """``national_overview``, reused while the year's reform data is unchanged."""
    today = today or timezone.localdate()
    return _cached("national", year, quarter, today,
                   lambda: national_overview(year, quarter, today=today))


def cached_comparison(parent_satker: Satker, year: int, quarter: int | None = None, *,
                      today: dt.date | None = None) -> Comparison:
    """``comparison``, reused while the year's reform data is unchanged."""
    today = today or timezone.localdate()
    return _cached(f"comparison:{parent_satker.pk}", year, quarter, today,
                   lambda: comparison(parent_satker, year, quarter, today=today))
