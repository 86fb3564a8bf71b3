"""A satker's reform home: its team, plans with their achievement, reports due, open
recommendations and events, with links to everything else."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import policies
from ..choices import PlanStatus, ProgressState, ReportStatus, TeamStatus
from ..models import ProgressReport, ReformTeam
from ..querysets import ACTIVE_PLAN_STATUSES, OPEN_RECOMMENDATION_STATUSES, report_due_date
from .common import QUARTERS, progress_of, render_staff, satker_in_scope

HOME_PLANS = 6
HOME_EVENTS = 5


def _plan_rows(user, plans):
    """Plans with their achievement at the latest report (R1's roll-up), newest first; drafts
    and templates have none yet."""
    rows = []
    for plan in plans:
        progress = None
        if plan.status != PlanStatus.DRAFT and not plan.is_template:
            progress = progress_of(user, plan)
            progress.state_label = ProgressState(progress.state).label
        rows.append({"plan": plan, "progress": progress})
    return rows


def _due_reports(satker, plans, today):
    """Quarters of the running plans whose report is missing or not yet submitted, with their
    deadline (passed or within the next 45 days)."""
    active = [p for p in plans if p.status in ACTIVE_PLAN_STATUSES and not p.is_template]
    reports = {(r.plan_id, r.quarter): r for r in ProgressReport.objects.filter(
        plan__in=active).only("pk", "plan_id", "quarter", "status")}
    due = []
    for plan in active:
        for quarter in QUARTERS:
            report = reports.get((plan.pk, quarter))
            if report is not None and report.status not in (ReportStatus.DRAFT,
                                                             ReportStatus.REVISE):
                continue
            deadline = report_due_date(plan.year, quarter)
            if deadline - today > dt.timedelta(days=45):
                continue
            due.append({"plan": plan, "quarter": quarter, "report": report,
                        "deadline": deadline, "overdue": deadline < today})
    return due


@login_required
@require_GET
def home(request, code):
    """A satker's reform home: team, plans with achievement, reports due, recommendations,
    events, and links to everything else."""
    satker = satker_in_scope(request, code)
    user = request.user
    team = (ReformTeam.objects.filter(satker=satker, status=TeamStatus.ACTIVE)
            .select_related("decree").prefetch_related("members__area").first())
    plans = list(policies.plans_visible_to(user).filter(satker=satker)
                 .select_related("regime", "satker").order_by("-year", "is_template")[:HOME_PLANS])
    today = timezone.localdate()
    recommendations = list(
        policies.recommendations_visible_to(user)
        .filter(report__plan__satker=satker, status__in=OPEN_RECOMMENDATION_STATUSES)
        .select_related("report__plan").order_by("deadline")[:10])
    events = list(policies.events_visible_to(user)
                  .filter(Q(organiser=satker) | Q(organiser_id=satker.parent_id))
                  .select_related("organiser").annotate(n_participants=Count("participants"))
                  .order_by("-date")[:HOME_EVENTS])
    return render_staff(request, "reform/staff/home.html", satker, {
        "team": team,
        "plan_rows": _plan_rows(user, plans),
        "due_reports": _due_reports(satker, plans, today),
        "recommendations": recommendations,
        "events": events,
        "today": today,
        "can_adopt": satker.parent_id is not None,
    })
