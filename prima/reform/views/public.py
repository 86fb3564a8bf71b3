"""The public reform progress page of a satker: its published action plans with their
achievement by area and indicator, the reform team and the socialisation events.

Only what is meant for the public: plans the satker published (``is_published``, approved or
later, never templates), figures of reports the evaluator has accepted, the team's names and
roles. Never internal notes, narratives, comments, recommendations, evidence files or drafts.
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prima.organisations.models import Satker

from .. import charts, dashboards
from ..choices import PlanStatus, ProgressState, ReportStatus, TeamStatus
from ..models import (
    ActionPlan,
    EventParticipant,
    ProgressReport,
    ReformTeam,
    SocialisationEvent,
)
from .common import QUARTER_LABELS

PUBLIC_PLAN_STATUSES = (PlanStatus.APPROVED, PlanStatus.RUNNING, PlanStatus.CLOSED)
EVENTS = 10


def _label(item) -> None:
    item.state_label = ProgressState(item.state).label
    item.text = charts.percent(item.achievement)


@require_GET
def progress(request, code):
    satker = get_object_or_404(Satker, code=code)
    plans = list(ActionPlan.objects.filter(satker=satker, is_published=True, is_template=False,
                                           status__in=PUBLIC_PLAN_STATUSES)
                 .select_related("decree").order_by("-year"))
    plan = plans[0] if plans else None
    wanted = request.GET.get("tahun", "")
    if wanted.isdigit():
        plan = next((p for p in plans if p.year == int(wanted)), plan)
    context = {"satker": satker, "plans": plans, "plan": plan}
    if plan is not None:
        context.update(_plan_figures(plan))
    team = (ReformTeam.objects.filter(satker=satker, status=TeamStatus.ACTIVE)
            .select_related("decree").prefetch_related("members__area").first())
    # Events the satker organised and those its people took part in (e.g. the province's
    # weekly "Rabu Ingin Tahu" sessions a kabupaten attends), each once.
    taken_part = EventParticipant.objects.filter(satker=satker, attended=True).values("event_id")
    events = list(SocialisationEvent.objects.filter(Q(organiser=satker) | Q(pk__in=taken_part))
                  .select_related("area", "organiser").order_by("-date", "-id")[:EVENTS])
    context.update(team=team, events=events)
    return render(request, "reform/public/progress.html", context)


def _plan_figures(plan: ActionPlan) -> dict:
    """Achievement at the latest report the evaluator accepted; before any, the plan's areas,
    activities and indicators with their targets only."""
    accepted = (ProgressReport.objects.filter(plan=plan, status=ReportStatus.ACCEPTED)
                .order_by("-quarter").values_list("quarter", flat=True).first())
    tree = dashboards.plan_progress(plan, accepted, with_evidence=False)
    if accepted is None:
        return {"tree": tree, "quarter": None, "chart": None}
    _label(tree)
    for area in tree.areas:
        _label(area)
        for programme in area.programmes:
            for activity in programme.activities:
                _label(activity)
                for item in activity.indicators:
                    _label(item)
    chart = charts.area_chart(
        tree.areas, expected=tree.expected,
        title=_("Capaian rencana aksi %(year)s per area perubahan, triwulan %(q)s")
        % {"year": plan.year, "q": QUARTER_LABELS[accepted]})
    return {"tree": tree, "quarter": accepted, "quarter_label": QUARTER_LABELS[accepted],
            "chart": chart}
