"""Who may see and act on reform records, built on ``organisations.policies``.

- Read (``Purpose.REFORM``): every role of the satker; evaluators also read the satkers below.
- Write: admin, head, secretary and the reform team of the satker; the system administrator.
- Plan approval: the head of the satker (``Role.HEAD``) or the system administrator.
- Evaluation (``Purpose.EVALUATION`` write): evaluators on the satkers below their own.
- Drafts stay inside the satker: a draft plan or a draft report is seen only by the satker's
  own people (and the system administrator); evaluators above see them once submitted.
- A province's template plan is offered to the satkers directly below it once it is no longer a
  draft.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from prima.organisations.choices import Role
from prima.organisations.policies import (
    RULES,
    Purpose,
    can,
    is_system_admin,
    memberships_of,
    roles_in,
    satkers_for,
)

from .choices import PlanStatus, RecommendationStatus, ReportStatus
from .models import (
    ActionPlan,
    ProgressReport,
    Recommendation,
    ReformTeam,
    SocialisationEvent,
)

EDITABLE_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.REVISE)
REPORTABLE_PLAN_STATUSES = (PlanStatus.APPROVED, PlanStatus.RUNNING)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def own_satker_ids(user) -> set[int]:
    """Satkers where ``user`` holds a role that reads reform records (its "own" satkers)."""
    roles = RULES[Purpose.REFORM].read
    return {m.satker_id for m in memberships_of(user) if m.role in roles}


def _own_and_parent_ids(user) -> set[int]:
    return {m.satker.parent_id for m in memberships_of(user)
            if m.role in RULES[Purpose.REFORM].read and m.satker.parent_id}


# --- plans -----------------------------------------------------------------------------------

def plans_visible_to(user) -> QuerySet[ActionPlan]:
    """Plans of the satkers ``user`` reads; drafts only of its own satkers; the templates of the
    satker directly above once they are no longer drafts."""
    if not _active(user):
        return ActionPlan.objects.none()
    if is_system_admin(user):
        return ActionPlan.objects.all()
    condition = (Q(satker__in=own_satker_ids(user))
                 | (Q(satker__in=satkers_for(user, Purpose.REFORM))
                    & ~Q(status=PlanStatus.DRAFT)))
    parents = _own_and_parent_ids(user)
    if parents:
        condition |= Q(is_template=True, satker__in=parents) & ~Q(status=PlanStatus.DRAFT)
    return ActionPlan.objects.filter(condition)


def can_see_plan(user, plan: ActionPlan) -> bool:
    return plans_visible_to(user).filter(pk=plan.pk).exists()


def can_manage_plan(user, plan: ActionPlan) -> bool:
    """Reform writers of the plan's satker: submit, start, close, publish, report."""
    return can(user, Purpose.REFORM, plan.satker, write=True)


def can_edit_plan(user, plan: ActionPlan) -> bool:
    """Change the plan's programmes, activities and indicators: writers, while it is a draft."""
    return plan.status == PlanStatus.DRAFT and can_manage_plan(user, plan)


def can_create_plan(user, satker) -> bool:
    return can(user, Purpose.REFORM, satker, write=True)


def can_approve_plan(user, plan: ActionPlan) -> bool:
    """The head of the satker (Role.HEAD) or the system administrator."""
    if not _active(user):
        return False
    return is_system_admin(user) or Role.HEAD in roles_in(user, plan.satker)


def can_adopt_template(user, template: ActionPlan, satker) -> bool:
    """A template of the satker directly above ``satker``, by a reform writer of ``satker``."""
    return (template.is_template and template.status != PlanStatus.DRAFT
            and satker.parent_id == template.satker_id
            and can(user, Purpose.REFORM, satker, write=True))


# --- evaluation --------------------------------------------------------------------------------

def can_evaluate(user, satker) -> bool:
    """Evaluators of the level above ``satker`` (and the system administrator)."""
    return can(user, Purpose.EVALUATION, satker, write=True)


def evaluable_satkers(user):
    return satkers_for(user, Purpose.EVALUATION, write=True)


# --- reports -----------------------------------------------------------------------------------

def reports_visible_to(user) -> QuerySet[ProgressReport]:
    """Drafts only to the satker's own people; submitted (and later) reports also to the
    evaluators above."""
    if not _active(user):
        return ProgressReport.objects.none()
    if is_system_admin(user):
        return ProgressReport.objects.all()
    condition = (Q(plan__satker__in=own_satker_ids(user))
                 | (Q(plan__satker__in=satkers_for(user, Purpose.REFORM))
                    & ~Q(status=ReportStatus.DRAFT)))
    return ProgressReport.objects.filter(condition)


def can_see_report(user, report: ProgressReport) -> bool:
    if not _active(user):
        return False
    if is_system_admin(user) or report.plan.satker_id in own_satker_ids(user):
        return True
    return report.status != ReportStatus.DRAFT and can(user, Purpose.REFORM, report.plan.satker)


def can_edit_report(user, report: ProgressReport) -> bool:
    """Reform writers of the satker, while the report is a draft or sent back for revision."""
    return (report.status in EDITABLE_REPORT_STATUSES
            and report.plan.status in REPORTABLE_PLAN_STATUSES
            and can(user, Purpose.REFORM, report.plan.satker, write=True))


def can_report_on(user, plan: ActionPlan) -> bool:
    return (plan.status in REPORTABLE_PLAN_STATUSES and not plan.is_template
            and can(user, Purpose.REFORM, plan.satker, write=True))


def can_review_report(user, report: ProgressReport) -> bool:
    return report.status == ReportStatus.SUBMITTED and can_evaluate(user, report.plan.satker)


def can_answer_comments(user, report: ProgressReport) -> bool:
    """The report's satker (its reform writers) answers the evaluator's comments, once the
    report has been submitted (comments exist only from then on)."""
    return (report.status != ReportStatus.DRAFT
            and can(user, Purpose.REFORM, report.plan.satker, write=True))


# --- recommendations ---------------------------------------------------------------------------

def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(report__in=reports_visible_to(user))


def can_respond_recommendation(user, recommendation: Recommendation) -> bool:
    return (recommendation.status != RecommendationStatus.CLOSED
            and can(user, Purpose.REFORM, recommendation.report.plan.satker, write=True))


def can_close_recommendation(user, recommendation: Recommendation) -> bool:
    return (recommendation.status != RecommendationStatus.CLOSED
            and can_evaluate(user, recommendation.report.plan.satker))


# --- teams and events --------------------------------------------------------------------------

def teams_visible_to(user) -> QuerySet[ReformTeam]:
    return ReformTeam.objects.filter(satker__in=satkers_for(user, Purpose.REFORM))


def can_manage_team(user, satker) -> bool:
    return can(user, Purpose.REFORM, satker, write=True)


def events_visible_to(user) -> QuerySet[SocialisationEvent]:
    """Events organised by satkers ``user`` reads, and by the satker above its own (a
    province's weekly session is open to its kabupaten/kota)."""
    if not _active(user):
        return SocialisationEvent.objects.none()
    if is_system_admin(user):
        return SocialisationEvent.objects.all()
    condition = Q(organiser__in=satkers_for(user, Purpose.REFORM))
    parents = _own_and_parent_ids(user)
    if parents:
        condition |= Q(organiser__in=parents)
    return SocialisationEvent.objects.filter(condition)


def can_manage_event(user, event_or_satker) -> bool:
    satker = getattr(event_or_satker, "organiser", event_or_satker)
    return can(user, Purpose.REFORM, satker, write=True)
