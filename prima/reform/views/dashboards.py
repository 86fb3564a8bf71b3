"""Reform dashboards: one satker, a province's kabupaten/kota side by side, and the national
overview of the provinces. The figures come from R1's ``dashboards`` functions, which read in a
fixed number of queries; these views add no query per row.

Who sees what (through ``organisations.policies``):
- a satker's dashboard: its own people and the evaluators above (``Purpose.REFORM`` read);
- a province's comparison: the province's own people and the evaluators above it;
- the national overview: the people of KPU RI and the system administrators.
Anything else answers 404.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prima.organisations.choices import Level
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, can, is_system_admin, satkers_for

from .. import charts, dashboards, policies
from ..choices import PlanStatus, ProgressState, ReportStatus
from ..forms.evaluation import PeriodForm
from ..models import ActionPlan
from ..querysets import COUNTED_REPORT_STATUSES
from .common import QUARTER_LABELS, QUARTERS, set_evidence_links

# Heat map classes, from the top: (lower bound of the achievement, class, legend label).
HEAT_LEVELS = (
    (Decimal("0.9"), "rb-heat-5", "≥ 90%"),
    (Decimal("0.75"), "rb-heat-4", "75–89%"),
    (Decimal("0.5"), "rb-heat-3", "50–74%"),
    (Decimal("0.25"), "rb-heat-2", "25–49%"),
    (Decimal(0), "rb-heat-1", "< 25%"),
)


def heat_class(value) -> str:
    if value is None:
        return "rb-heat-none"
    for bound, css, _label in HEAT_LEVELS:
        if value >= bound:
            return css
    return "rb-heat-1"


def _legend() -> list[dict]:
    return ([{"css": css, "label": label} for _b, css, label in HEAT_LEVELS]
            + [{"css": "rb-heat-none", "label": _("belum ada data")}])


def _cell(value) -> dict:
    return {"value": value, "text": charts.percent(value), "css": heat_class(value)}


def _state(value, state) -> dict:
    return {"value": value, "text": charts.percent(value), "state": state,
            "label": ProgressState(state).label}


# Years a dashboard may be asked for with ``?year=`` even when nothing was planned then.
FIRST_YEAR = 2000


def _requested_year(request) -> set[int]:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return set()
    return {year} if FIRST_YEAR <= year <= timezone.localdate().year + 5 else set()


def _period(request, years: dict[int, bool]) -> tuple[PeriodForm, int, int | None]:
    """The year (default: the latest year up to now with a submitted report, else with a plan,
    else this year; ``?year=`` is honoured even for a year without data) and the quarter
    (default: each plan's latest counted report). ``years``: {year: has a submitted report}."""
    this_year = timezone.localdate().year
    reported = [y for y, has_reports in years.items() if has_reports and y <= this_year]
    past = reported or [y for y in years if y <= this_year]
    default = max(past) if past else this_year
    choices = sorted(set(years) | {this_year} | _requested_year(request), reverse=True)
    form = PeriodForm(request.GET or None, years=choices, initial={"year": default})
    if form.is_valid():
        return form, form.cleaned_data["year"] or default, form.cleaned_data["quarter"]
    return PeriodForm(years=choices, initial={"year": default}), default, None


def _plan_years(**filters) -> dict[int, bool]:
    """{year: whether a report was submitted} of the non-template plans matching ``filters``
    (one query); every dashboard chooses its default year from it the same way."""
    rows = (ActionPlan.objects.filter(is_template=False, **filters).order_by().values("year")
            .annotate(reported=Count("reports", filter=Q(
                reports__status__in=COUNTED_REPORT_STATUSES))))
    return {row["year"]: row["reported"] > 0 for row in rows}


# --- one satker --------------------------------------------------------------------------------


@login_required
@require_GET
def satker_dashboard(request, code):
    """Progress by area (bar chart), the trend over the quarters, indicators at risk, overdue
    reports and open recommendations, with links down to the plan, reports and evidence."""
    user = request.user
    satker = get_object_or_404(satkers_for(user, Purpose.REFORM).select_related("parent"),
                               code=code)
    own = is_system_admin(user) or satker.pk in policies.own_satker_ids(user)
    form, year, _quarter = _period(request, _plan_years(satker=satker))
    data = dashboards.satker_dashboard(satker, year, include_drafts=own)
    plan = data.plan
    # Drafts stay inside the satker: the level above sees a plan once it has been submitted.
    hidden_draft = plan is not None and plan.status == PlanStatus.DRAFT and not own
    context = {"satker": satker, "year": year, "form": form, "data": data, "own": own,
               "hidden_draft": hidden_draft, "plan": None if hidden_draft else plan,
               "can_evaluate": policies.can_evaluate(user, satker)}
    if plan is not None and not hidden_draft:
        progress = data.progress
        quarter = progress.quarter
        reports = {r.quarter: r for r in data.reports}
        context.update(_satker_figures(data, progress, satker, plan, quarter, reports, own,
                                       context["can_evaluate"]))
    return render(request, "reform/dashboards/satker.html", context)


def _report_link(satker, plan, report, *, own: bool, evaluate: bool) -> str:
    if report is None:
        return ""
    if report.status == ReportStatus.DRAFT and not own:
        return ""
    if evaluate and report.status != ReportStatus.DRAFT:
        return reverse("reform:eval-report", args=[report.pk])
    return reverse("reform:staff-report", args=[satker.code, plan.pk, report.quarter])


def _satker_figures(data, progress, satker, plan, quarter, reports, own, evaluate) -> dict:
    areas = [{"area": a.area, **_state(a.achievement, a.state)} for a in progress.areas]
    chart = charts.area_chart(
        progress.areas, expected=progress.expected,
        title=_("Capaian rencana aksi %(year)s per area perubahan") % {"year": plan.year})
    at_risk = []
    set_evidence_links([e for item in data.indicators_at_risk for e in item.evidence],
                       satker, plan, quarter)
    for item in data.indicators_at_risk:
        at_risk.append({"item": item, **_state(item.achievement, item.state),
                        "expected_text": charts.percent(item.expected)})
    trend = []
    for point in data.trend:
        report = reports.get(point.quarter)
        if report is not None and report.status == ReportStatus.DRAFT and not own:
            continue
        trend.append({"quarter": point.quarter, "q": QUARTER_LABELS[point.quarter],
                      "status": point.report_status,
                      "status_label": ReportStatus(point.report_status).label
                      if point.report_status else "",
                      "link": _report_link(satker, plan, report, own=own, evaluate=evaluate),
                      **_state(point.achievement, point.state),
                      "expected_text": charts.percent(point.expected)})
    overdue = [{"due": d, "label": QUARTER_LABELS[d.quarter],
                "status_label": (ReportStatus(d.report.status).label
                                 if d.report and (own or d.report.status != ReportStatus.DRAFT)
                                 else _("Belum diajukan")),
                "link": _report_link(satker, plan, d.report, own=own, evaluate=evaluate)}
               for d in data.overdue_reports]
    recommendations = [{"rec": r, "label": QUARTER_LABELS[r.report.quarter],
                        "link": _report_link(satker, plan, r.report, own=own,
                                             evaluate=evaluate)}
                       for r in data.open_recommendations]
    return {
        "progress": progress, "quarter_label": QUARTER_LABELS.get(quarter, ""),
        "plan_state": _state(progress.achievement, progress.state),
        "expected_text": charts.percent(progress.expected),
        "areas": areas, "chart": chart, "at_risk": at_risk, "trend": trend,
        "overdue": overdue, "recommendations": recommendations,
        "plan_link": reverse("reform:staff-plan", args=[satker.code, plan.pk]),
        "today": timezone.localdate(),
    }


# --- comparisons -------------------------------------------------------------------------------


def _status_cells(row) -> list[dict]:
    """Report status per quarter; a draft counts as not submitted outside the satker."""
    cells = []
    for quarter in QUARTERS:
        status = row.report_statuses.get(quarter)
        if status not in COUNTED_REPORT_STATUSES:
            status = None
        cells.append({"quarter": QUARTER_LABELS[quarter], "status": status or "none",
                      "label": ReportStatus(status).label if status else _("Belum diajukan")})
    return cells


def _comparison_rows(result, *, link) -> list[dict]:
    rows = []
    for row in result.ranking:
        rows.append({
            "row": row, "satker": row.satker, "link": link(row.satker),
            **_state(row.achievement, row.state),
            "expected_text": charts.percent(row.expected),
            "measured": QUARTER_LABELS.get(row.quarter, "") if row.achievement is not None
            else "",
            "unreported": [QUARTER_LABELS[q] for q in row.unreported],
            "cells": [_cell(v) for v in row.areas],
            "statuses": _status_cells(row),
            "plan_status_label": PlanStatus(row.plan_status).label if row.plan_status else "",
            "submitted": [row.submitted_by_quarter.get(q, 0) for q in QUARTERS],
        })
    return rows


def _summary(result) -> dict:
    return {"achievement": charts.percent(result.achievement), "with_data": result.with_data,
            "states": [{"state": s, "label": ProgressState(s).label, "count": n}
                       for s, n in result.state_counts.items()]}


def _comparison_chart(result, title: str):
    items = [(r.satker.name, r.achievement, f"rb-bar rb-bar-{r.state}") for r in result.ranking]
    description = _("Capaian rencana aksi per satker, diurutkan dari peringkat teratas: "
                    "%(values)s.") % {"values": "; ".join(
                        f"{name}: {charts.percent(v)}" for name, v, _c in items)
                        or _("belum ada data")}
    return charts.bar_chart(items, title=title, description=description)


@login_required
@require_GET
def comparison(request, code):
    """A province's kabupaten/kota side by side: ranking by plan achievement, the heat map of
    areas × satkers and the report status per quarter."""
    user = request.user
    province = get_object_or_404(satkers_for(user, Purpose.REFORM).filter(level=Level.PROVINCE),
                                 code=code)
    form, year, quarter = _period(request, _plan_years(satker__parent=province))
    result = dashboards.cached_comparison(province, year, quarter)
    # Drill down to a kabupaten/kota only for those who read it (evaluators above, admins).
    below = (is_system_admin(user)
             or (result.rows and can(user, Purpose.REFORM, result.rows[0].satker)))

    def link(satker):
        return reverse("reform:dashboard-satker", args=[satker.code]) + f"?year={year}" \
            if below else ""

    return render(request, "reform/dashboards/comparison.html", {
        "satker": province, "result": result, "form": form, "year": year, "quarter": quarter,
        "quarter_label": QUARTER_LABELS.get(quarter, ""),
        "rows": _comparison_rows(result, link=link), "legend": _legend(),
        "summary": _summary(result), "quarters": [QUARTER_LABELS[q] for q in QUARTERS],
        "chart": _comparison_chart(result, _("Peringkat capaian rencana aksi %(year)s")
                                   % {"year": year}),
        "kind": "province",
    })


@login_required
@require_GET
def national(request):
    """The provinces, each rolled up from itself and its kabupaten/kota, in the same layout."""
    user = request.user
    root = get_object_or_404(Satker, level=Level.NATIONAL, parent__isnull=True)
    if not can(user, Purpose.REFORM, root):
        raise Http404
    form, year, quarter = _period(request, _plan_years(
        satker__level__in=(Level.PROVINCE, Level.REGENCY)))
    result = dashboards.cached_national_overview(year, quarter)
    # Drill down to a province only for those who read the provinces (evaluators of KPU RI,
    # system administrators), not for every employee of KPU RI.
    below = (is_system_admin(user)
             or (result.rows and can(user, Purpose.REFORM, result.rows[0].satker)))

    def link(satker):
        return (reverse("reform:dashboard-comparison", args=[satker.code]) + f"?year={year}"
                if below else "")

    return render(request, "reform/dashboards/comparison.html", {
        "satker": root, "result": result, "form": form, "year": year, "quarter": quarter,
        "quarter_label": QUARTER_LABELS.get(quarter, ""),
        "rows": _comparison_rows(result, link=link), "legend": _legend(),
        "summary": _summary(result), "quarters": [QUARTER_LABELS[q] for q in QUARTERS],
        "chart": _comparison_chart(result, _("Peringkat capaian rencana aksi provinsi %(year)s")
                                   % {"year": year}),
        "kind": "national",
    })

