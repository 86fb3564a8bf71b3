"""Staff pages of the reform app: teams, action plans and their editor, quarterly reports with
evidence, socialisation events with attendance, and the export downloads.

Every view fetches through ``policies`` (``satkers_for``/``plans_visible_to``/...), so a satker
or a record outside a person's scope answers 404 exactly like one that does not exist; a write
the person may not make answers 404 as well. Views parse, authorise, call ``services`` and
respond; a service's ``ValidationError`` is shown on the form with nothing changed.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.catalog.choices import DatasetStatus
from prima.catalog.models import Dataset
from prima.core.viewutils import add_service_errors, page_of, posted
from prima.organisations.models import Document, Satker
from prima.organisations.policies import Purpose, can, is_system_admin, satkers_for

from . import achievement, dashboards, exports, policies, services
from .choices import PlanStatus, ProgressState, ReportStatus, TeamStatus
from .forms import (
    ActivityForm,
    AdoptTemplateForm,
    ApproveForm,
    BulkParticipantsForm,
    CopyPlanForm,
    EventForm,
    EvidenceLinkForm,
    EvidenceUploadForm,
    IndicatorForm,
    InviteSatkerForm,
    ParticipantForm,
    PlanCreateForm,
    PlanVersionForm,
    ProgrammeForm,
    RecommendationResponseForm,
    ReportForm,
    ReturnPlanForm,
    TeamForm,
    TeamMemberForm,
    people_of,
)
from .models import (
    ActionPlan,
    Activity,
    Evidence,
    Indicator,
    Programme,
    ProgressReport,
    ReformTeam,
    SocialisationEvent,
    TeamMember,
)
from .querysets import (
    ACTIVE_PLAN_STATUSES,
    OPEN_RECOMMENDATION_STATUSES,
    report_due_date,
)

HOME_PLANS = 6
HOME_EVENTS = 5
QUARTERS = (1, 2, 3, 4)
QUARTER_LABELS = {1: "I", 2: "II", 3: "III", 4: "IV"}


# --- helpers -----------------------------------------------------------------------------------


def _satker(request, code, *, write=False) -> Satker:
    """The satker in the URL, when the person reads (or writes) its reform records."""
    return get_object_or_404(
        satkers_for(request.user, Purpose.REFORM, write=write).select_related("parent"),
        code=code)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _render(request, template, satker, context=None, **kwargs):
    user = request.user
    return render(request, template, {
        "satker": satker,
        "can_write": can(user, Purpose.REFORM, satker, write=True),
        "can_documents": can(user, Purpose.DOCUMENTS, satker, write=True),
        **(context or {}),
    }, **kwargs)


def _version(form) -> int | None:
    return form.cleaned_data.get("version") if form.is_valid() else None


# --- home --------------------------------------------------------------------------------------


def _plan_rows(user, plans):
    """Plans with their achievement at the latest report (R1's roll-up), newest first; drafts
    and templates have none yet."""
    rows = []
    for plan in plans:
        progress = None
        if plan.status != PlanStatus.DRAFT and not plan.is_template:
            progress = _progress(user, plan)
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
    satker = _satker(request, code)
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
    return _render(request, "reform/staff/home.html", satker, {
        "team": team,
        "plan_rows": _plan_rows(user, plans),
        "due_reports": _due_reports(satker, plans, today),
        "recommendations": recommendations,
        "events": events,
        "today": today,
        "can_adopt": satker.parent_id is not None,
    })


# --- teams -------------------------------------------------------------------------------------


@login_required
@require_GET
def team_list(request, code):
    satker = _satker(request, code)
    teams = (ReformTeam.objects.filter(satker=satker).select_related("decree", "supersedes")
             .annotate(n_members=Count("members")).order_by("-period_start"))
    return _render(request, "reform/staff/team_list.html", satker,
                   {"page_obj": page_of(request, teams)})


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, code):
    satker = _satker(request, code, write=True)
    form = TeamForm(posted(request), satker=satker)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.establish_team(
                satker=satker, actor=request.user, decree=data["decree"],
                period_start=data["period_start"], period_end=data["period_end"],
                name=data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Tim ditetapkan. Tambahkan anggotanya."))
            return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    active = ReformTeam.objects.filter(satker=satker, status=TeamStatus.ACTIVE).first()
    return _render(request, "reform/staff/team_form.html", satker,
                   {"form": form, "active_team": active})


def _team(satker, team_pk) -> ReformTeam:
    return get_object_or_404(ReformTeam.objects.select_related("decree", "supersedes",
                                                               "satker"),
                             satker=satker, pk=team_pk)


@login_required
@require_GET
def team_detail(request, code, team_pk):
    satker = _satker(request, code)
    team = _team(satker, team_pk)
    members = team.members.select_related("user", "area")
    return _render(request, "reform/staff/team_detail.html", satker, {
        "team": team, "members": list(members),
        "can_edit_team": (team.status == TeamStatus.ACTIVE
                          and policies.can_manage_team(request.user, satker)),
    })


def _team_areas(team: ReformTeam):
    return services.regime_for_year(team.period_start.year).areas.all()


def _editable_team(request, code, team_pk):
    satker = _satker(request, code, write=True)
    team = _team(satker, team_pk)
    if team.status != TeamStatus.ACTIVE:
        raise Http404(_("Tim yang sudah digantikan tidak dapat diubah."))
    return satker, team


@login_required
@require_http_methods(["GET", "POST"])
def member_form(request, code, team_pk, member_pk=None):
    """Add (without ``member_pk``) or change a member of the active team."""
    satker, team = _editable_team(request, code, team_pk)
    member = get_object_or_404(TeamMember, team=team, pk=member_pk) if member_pk else None
    form = TeamMemberForm(posted(request), instance=member, satker=satker,
                          areas=_team_areas(team))
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                services.add_team_member(team=team, actor=request.user, **form.member_data())
            else:
                services.update_team_member(member=member, actor=request.user,
                                            data=form.member_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Anggota tim disimpan."))
            return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    return _render(request, "reform/staff/member_form.html", satker,
                   {"form": form, "team": team, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def member_delete(request, code, team_pk, member_pk):
    satker, team = _editable_team(request, code, team_pk)
    member = get_object_or_404(TeamMember, team=team, pk=member_pk)
    if request.method == "POST":
        services.remove_team_member(member=member, actor=request.user)
        messages.success(request, _("%(name)s dikeluarkan dari tim.") % {"name": member.name})
        return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    return _render(request, "reform/staff/confirm.html", satker, {
        "title": _("Keluarkan %(name)s dari tim?") % {"name": member.name},
        "message": _("Perubahan dicatat dalam jejak audit."),
        "confirm_label": _("Ya, keluarkan"),
        "cancel_url": reverse("reform:staff-team", args=[satker.code, team.pk]),
    })


# --- plans -------------------------------------------------------------------------------------


def _plans(request, satker):
    return policies.plans_visible_to(request.user).filter(satker=satker)


@login_required
@require_GET
def plan_list(request, code):
    satker = _satker(request, code)
    plans = _plans(request, satker).select_related("regime", "decree").order_by(
        "-year", "is_template", "-id")
    return _render(request, "reform/staff/plan_list.html", satker, {
        "page_obj": page_of(request, plans),
        "can_create": policies.can_create_plan(request.user, satker),
        "can_adopt": satker.parent_id is not None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, code):
    satker = _satker(request, code, write=True)
    allow_template = satker.children.exists()
    year = timezone.localdate().year
    form = PlanCreateForm(posted(request), allow_template=allow_template,
                          initial={"year": year, "regime": services.regime_for_year(year),
                                   "title": services.default_plan_title(satker, year)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(satker=satker, actor=request.user, year=data["year"],
                                        regime=data["regime"], title=data["title"],
                                        is_template=data.get("is_template", False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi dibuat. Susun program, kegiatan dan "
                                        "indikatornya."))
            return redirect("reform:staff-plan", code=satker.code, plan_pk=plan.pk)
    return _render(request, "reform/staff/plan_create.html", satker, {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request, code):
    """A new draft copied from one of the satker's earlier plans (usually last year's)."""
    satker = _satker(request, code, write=True)
    sources = _plans(request, satker).filter(is_template=False).order_by("-year")
    latest = sources.first()
    form = CopyPlanForm(posted(request), sources=sources, initial={
        "source": latest, "year": (latest.year + 1) if latest else timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.copy_plan(source=data["source"], year=data["year"], satker=satker,
                                      actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi %(year)s disalin dari %(source)s. "
                                        "Sesuaikan target dan kegiatannya.")
                             % {"year": plan.year, "source": data["source"].year})
            return redirect("reform:staff-plan", code=satker.code, plan_pk=plan.pk)
    return _render(request, "reform/staff/plan_copy.html", satker,
                   {"form": form, "has_sources": latest is not None})


def _templates(request, satker):
    """Template plans of the satker directly above, once they are no longer drafts."""
    if satker.parent_id is None:
        return ActionPlan.objects.none()
    return (policies.plans_visible_to(request.user)
            .filter(is_template=True, satker_id=satker.parent_id)
            .exclude(status=PlanStatus.DRAFT).select_related("satker", "regime"))


@login_required
@require_GET
def template_list(request, code):
    satker = _satker(request, code)
    templates = _templates(request, satker).annotate(
        n_programmes=Count("programmes", distinct=True),
        n_indicators=Count("programmes__activities__indicators", distinct=True),
    ).order_by("-year")
    return _render(request, "reform/staff/template_list.html", satker,
                   {"templates": list(templates)})


@login_required
@require_http_methods(["GET", "POST"])
def template_adopt(request, code, template_pk):
    """Preview a province template and adopt it as this satker's draft plan."""
    satker = _satker(request, code)
    template = get_object_or_404(_templates(request, satker), pk=template_pk)
    can_adopt = policies.can_adopt_template(request.user, template, satker)
    if request.method == "POST" and not can_adopt:
        raise Http404
    form = AdoptTemplateForm(posted(request), initial={"year": template.year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.copy_plan(source=template, year=form.cleaned_data["year"],
                                      satker=satker, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Templat diadopsi sebagai rencana aksi %(year)s. "
                                        "Sesuaikan dengan kondisi satker.")
                             % {"year": plan.year})
            return redirect("reform:staff-plan", code=satker.code, plan_pk=plan.pk)
    return _render(request, "reform/staff/template_adopt.html", satker, {
        "form": form, "template": template, "can_adopt": can_adopt,
        "areas": _plan_areas(template, _progress(request.user, template)),
    })


def _label_states(progress) -> None:
    """Attach ``state_label`` to every level of R1's PlanProgress for the templates."""
    progress.state_label = ProgressState(progress.state).label
    for area in progress.areas:
        area.state_label = ProgressState(area.state).label
        for programme in area.programmes:
            programme.state_label = ProgressState(programme.state).label
            for activity in programme.activities:
                activity.state_label = ProgressState(activity.state).label
                for indicator in activity.indicators:
                    indicator.state_label = ProgressState(indicator.state).label


def _plan_areas(plan: ActionPlan, progress) -> list[dict]:
    """Every area of the plan's regime (also those without programmes yet, so that the editor
    can add to them) with its part of R1's progress tree."""
    _label_states(progress)
    by_area = {a.area.pk: a for a in progress.areas}
    return [{"area": area, "progress": by_area.get(area.pk)}
            for area in plan.regime.areas.all()]


def _progress(user, plan: ActionPlan, quarter=None):
    """R1's progress tree; the satker's own people also see figures of draft reports."""
    own = is_system_admin(user) or plan.satker_id in policies.own_satker_ids(user)
    return dashboards.plan_progress(plan, quarter, include_drafts=own, with_evidence=False)


def _plan(request, satker, plan_pk) -> ActionPlan:
    return get_object_or_404(
        _plans(request, satker).select_related("regime", "decree", "approved_by", "satker",
                                               "copied_from"),
        pk=plan_pk)


def _plan_permissions(user, plan: ActionPlan) -> dict:
    manage = policies.can_manage_plan(user, plan)
    return {
        "manage": manage,
        "edit": manage and plan.status == PlanStatus.DRAFT,
        "approve": policies.can_approve_plan(user, plan),
        "report": policies.can_report_on(user, plan),
    }


@login_required
@require_GET
def plan_detail(request, code, plan_pk):
    """The plan page: the editor while a draft (for writers), read-only otherwise, with the
    workflow buttons, quarterly reports and downloads."""
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    allowed = _plan_permissions(request.user, plan)
    progress = _progress(request.user, plan)
    reports = {r.quarter: r for r in policies.reports_visible_to(request.user).filter(
        plan=plan).only("pk", "quarter", "status", "submitted_at", "plan_id")}
    quarters = [{"quarter": q, "label": QUARTER_LABELS[q], "report": reports.get(q),
                 "due": report_due_date(plan.year, q)} for q in QUARTERS]
    return _render(request, "reform/staff/plan_detail.html", satker, {
        "plan": plan, "allowed": allowed, "areas": _plan_areas(plan, progress),
        "progress": progress, "quarters": quarters,
        "show_progress": not plan.is_template and plan.status != PlanStatus.DRAFT,
        "approve_form": ApproveForm(satker=satker) if allowed["approve"]
        and plan.status == PlanStatus.SUBMITTED else None,
        "Status": PlanStatus,
    })


def _editable_plan(request, code, plan_pk):
    """The plan for an editor page: writers only (404 otherwise); not a draft → back to the
    plan page with the reason."""
    satker = _satker(request, code, write=True)
    plan = _plan(request, satker, plan_pk)
    if not policies.can_manage_plan(request.user, plan):
        raise Http404
    return satker, plan


def _not_draft(request, plan):
    if plan.status == PlanStatus.DRAFT:
        return None
    messages.error(request, _("Rencana aksi berstatus “%(status)s” tidak dapat diubah; hanya "
                              "draf yang dapat diubah.") % {"status": plan.get_status_display()})
    return redirect("reform:staff-plan", code=plan.satker.code, plan_pk=plan.pk)


def _plan_url(plan, anchor="") -> str:
    url = reverse("reform:staff-plan", args=[plan.satker.code, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def _item_form(request, *, satker, plan, form, save, template_context, anchor):
    """The shared body of the programme/activity/indicator editor views."""
    if request.method == "POST" and form.is_valid():
        try:
            item = save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan rencana aksi disimpan."))
            return redirect(_plan_url(plan, f"{anchor}-{item.pk}"))
    form.fields["version"].initial = plan.version
    return _render(request, "reform/staff/item_form.html", satker,
                   {"form": form, "plan": plan, **template_context})


@login_required
@require_http_methods(["GET", "POST"])
def programme_form(request, code, plan_pk, item_pk=None):
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    programme = get_object_or_404(Programme, plan=plan, pk=item_pk) if item_pk else None
    form = ProgrammeForm(posted(request), instance=programme, plan=plan,
                         initial={"area": request.GET.get("area")} if not programme else None)

    def save(form):
        current = Programme.objects.get(pk=programme.pk) if programme else None
        return services.save_programme(plan=plan, actor=request.user, data=form.item_data(),
                                       programme=current, expected_version=_version(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save, anchor="program",
                      template_context={"title": _("Ubah program") if programme
                                        else _("Tambah program"), "item": programme})


@login_required
@require_http_methods(["GET", "POST"])
def activity_form(request, code, plan_pk, item_pk=None, programme_pk=None):
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    activity = (get_object_or_404(Activity.objects.select_related("programme"),
                                  programme__plan=plan, pk=item_pk) if item_pk else None)
    programme = (activity.programme if activity
                 else get_object_or_404(Programme, plan=plan, pk=programme_pk))
    programme.plan = plan
    form = ActivityForm(posted(request), instance=activity, plan=plan)

    def save(form):
        current = Activity.objects.get(pk=activity.pk) if activity else None
        return services.save_activity(programme=programme, actor=request.user,
                                      data=form.item_data(), activity=current,
                                      expected_version=_version(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save,
                      anchor="kegiatan",
                      template_context={"title": _("Ubah kegiatan") if activity
                                        else _("Tambah kegiatan"),
                                        "item": activity, "parent": programme,
                                        "parent_label": _("Program")})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_form(request, code, plan_pk, item_pk=None, activity_pk=None):
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    indicator = (get_object_or_404(Indicator.objects.select_related("activity__programme"),
                                   activity__programme__plan=plan, pk=item_pk)
                 if item_pk else None)
    activity = (indicator.activity if indicator else get_object_or_404(
        Activity.objects.select_related("programme"), programme__plan=plan, pk=activity_pk))
    activity.programme.plan = plan
    form = IndicatorForm(posted(request), instance=indicator)

    def save(form):
        current = Indicator.objects.get(pk=indicator.pk) if indicator else None
        return services.save_indicator(activity=activity, actor=request.user,
                                       data=form.item_data(), indicator=current,
                                       expected_version=_version(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save,
                      anchor="indikator",
                      template_context={"title": _("Ubah indikator") if indicator
                                        else _("Tambah indikator"),
                                        "item": indicator, "parent": activity,
                                        "parent_label": _("Kegiatan")})


def _item_delete(request, *, satker, plan, item, delete, title, message):
    """Confirm (GET), then delete (POST) with the plan version of the confirmation page."""
    if (response := _not_draft(request, plan)) is not None:
        return response
    form = PlanVersionForm(posted(request), initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            delete(form.cleaned_data["version"])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("“%(name)s” dihapus.") % {"name": item})
        return redirect(_plan_url(plan))
    return _render(request, "reform/staff/confirm.html", satker, {
        "title": title, "message": message, "form": form,
        "confirm_label": _("Ya, hapus"), "cancel_url": _plan_url(plan),
    })


@login_required
@require_http_methods(["GET", "POST"])
def programme_delete(request, code, plan_pk, item_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    programme = get_object_or_404(Programme.objects.annotate(
        n_activities=Count("activities")), plan=plan, pk=item_pk)
    programme.plan = plan
    return _item_delete(
        request, satker=satker, plan=plan, item=programme,
        delete=lambda v: services.delete_programme(programme=programme, actor=request.user,
                                                   expected_version=v),
        title=_("Hapus program “%(name)s”?") % {"name": programme},
        message=_("Program ini beserta %(n)s kegiatan dan seluruh indikatornya akan dihapus.")
        % {"n": programme.n_activities})


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, code, plan_pk, item_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    activity = get_object_or_404(Activity.objects.select_related("programme").annotate(
        n_indicators=Count("indicators")), programme__plan=plan, pk=item_pk)
    activity.programme.plan = plan
    return _item_delete(
        request, satker=satker, plan=plan, item=activity,
        delete=lambda v: services.delete_activity(activity=activity, actor=request.user,
                                                  expected_version=v),
        title=_("Hapus kegiatan “%(name)s”?") % {"name": activity},
        message=_("Kegiatan ini beserta %(n)s indikatornya akan dihapus.")
        % {"n": activity.n_indicators})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, code, plan_pk, item_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    indicator = get_object_or_404(Indicator.objects.select_related("activity__programme"),
                                  activity__programme__plan=plan, pk=item_pk)
    indicator.activity.programme.plan = plan
    return _item_delete(
        request, satker=satker, plan=plan, item=indicator,
        delete=lambda v: services.delete_indicator(indicator=indicator, actor=request.user,
                                                   expected_version=v),
        title=_("Hapus indikator “%(name)s”?") % {"name": indicator},
        message=_("Indikator ini akan dihapus dari rencana aksi."))


def _workflow(request, code, plan_pk, *, allowed, action, done):
    """A plan transition posted from the plan page."""
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    if not allowed(request.user, plan):
        raise Http404
    try:
        action(plan)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    return redirect(_plan_url(plan))


@login_required
@require_POST
def plan_submit(request, code, plan_pk):
    return _workflow(request, code, plan_pk, allowed=policies.can_manage_plan,
                     action=lambda p: services.submit_plan(plan=p, actor=request.user),
                     done=_("Rencana aksi diajukan kepada pimpinan untuk disetujui."))


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request, code, plan_pk):
    """The head approves a submitted plan, choosing the decree (SK) that sets it."""
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    if not policies.can_approve_plan(request.user, plan):
        raise Http404
    form = ApproveForm(posted(request), satker=satker)
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_plan(plan=plan, actor=request.user,
                                  decree=form.cleaned_data["decree"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi disetujui dengan %(decree)s.")
                             % {"decree": form.cleaned_data["decree"].number})
            return redirect(_plan_url(plan))
    return _render(request, "reform/staff/plan_approve.html", satker,
                   {"form": form, "plan": plan, "return_form": ReturnPlanForm()})


@login_required
@require_POST
def plan_return(request, code, plan_pk):
    """The head sends a submitted plan back to draft with the reason."""
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    if not policies.can_approve_plan(request.user, plan):
        raise Http404
    form = ReturnPlanForm(request.POST)
    if form.is_valid():
        try:
            services.return_plan(plan=plan, actor=request.user,
                                 reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi dikembalikan menjadi draf."))
            return redirect(_plan_url(plan))
    return _render(request, "reform/staff/plan_approve.html", satker, {
        "form": ApproveForm(satker=satker), "plan": plan, "return_form": form})


@login_required
@require_POST
def plan_start(request, code, plan_pk):
    return _workflow(request, code, plan_pk, allowed=policies.can_manage_plan,
                     action=lambda p: services.start_plan(plan=p, actor=request.user),
                     done=_("Rencana aksi mulai berjalan."))


@login_required
@require_http_methods(["GET", "POST"])
def plan_close(request, code, plan_pk):
    if request.method == "POST":
        return _workflow(request, code, plan_pk, allowed=policies.can_manage_plan,
                         action=lambda p: services.close_plan(plan=p, actor=request.user),
                         done=_("Rencana aksi ditutup."))
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    if not policies.can_manage_plan(request.user, plan):
        raise Http404
    return _render(request, "reform/staff/confirm.html", satker, {
        "title": _("Tutup rencana aksi %(year)s?") % {"year": plan.year},
        "message": _("Rencana aksi yang ditutup tidak dapat dilaporkan lagi. Laporan yang sudah "
                     "ada tetap tersimpan."),
        "confirm_label": _("Ya, tutup"), "cancel_url": _plan_url(plan),
    })


@login_required
@require_POST
def plan_publish(request, code, plan_pk):
    publish = request.POST.get("is_published") == "1"
    return _workflow(
        request, code, plan_pk, allowed=policies.can_manage_plan,
        action=lambda p: services.publish_plan(plan=p, actor=request.user,
                                               is_published=publish),
        done=_("Rencana aksi ditampilkan di halaman publik.") if publish
        else _("Rencana aksi tidak lagi ditampilkan di halaman publik."))


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan_filename(plan, suffix) -> str:
    return f"rencana-aksi-{plan.satker.code}-{plan.year}{suffix}"


@login_required
@require_GET
def plan_xlsx(request, code, plan_pk):
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    return _download(exports.plan_xlsx(plan), filename=_plan_filename(plan, ".xlsx"),
                     content_type=XLSX)


@login_required
@require_GET
def plan_pdf(request, code, plan_pk):
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    return _download(exports.plan_pdf(plan), filename=_plan_filename(plan, ".pdf"),
                     content_type="application/pdf")


# --- quarterly reports -------------------------------------------------------------------------


def _quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise Http404
    return quarter


def _report_scope(request, code, plan_pk, quarter):
    """(satker, plan, report or None); a quarter without a report exists only for those who
    may write it."""
    satker = _satker(request, code)
    plan = _plan(request, satker, plan_pk)
    quarter = _quarter(quarter)
    if plan.is_template:
        raise Http404
    report = (policies.reports_visible_to(request.user).filter(plan=plan, quarter=quarter)
              .select_related("updated_by", "submitted_by", "reviewed_by").first())
    if report is None and not policies.can_report_on(request.user, plan):
        raise Http404
    if report is not None:
        report.plan = plan
    return satker, plan, quarter, report


def _plan_indicators(plan):
    return list(Indicator.objects.filter(activity__programme__plan=plan)
                .select_related("activity__programme__area")
                .order_by("activity__programme__area__number", "activity__programme__order",
                          "activity__programme_id", "activity__order", "activity_id", "order",
                          "id"))


def _indicator_rows(plan, quarter, indicators, report, form):
    """Per indicator: its saved realisation, computed achievement and state, its form fields,
    its comments and evidence."""
    saved = {}
    comments, evidence = {}, {}
    if report is not None:
        saved = {r.indicator_id: r for r in report.realisations.all()}
        for comment in report.comments.all():
            comments.setdefault(comment.indicator_id, []).append(comment)
        for item in report.evidence.all():
            evidence.setdefault(item.indicator_id, []).append(item)
    rows, area = [], None
    for indicator in indicators:
        realisation = saved.get(indicator.pk)
        value = realisation.value if realisation else None
        ratio = achievement.indicator_achievement(
            direction=indicator.direction, baseline=indicator.baseline, target=indicator.target,
            realisation=value, cap=None)
        expected = achievement.expected_fraction(
            direction=indicator.direction, target=indicator.target, quarter=quarter,
            quarter_target=indicator.quarter_target(quarter))
        capped = achievement.indicator_achievement(
            direction=indicator.direction, target=indicator.target, realisation=value)
        state = achievement.state_for(capped, expected)
        current_area = indicator.activity.programme.area
        rows.append({
            "indicator": indicator, "realisation": realisation,
            "quarter_target": indicator.quarter_target(quarter),
            "achievement": ratio, "state": state,
            "state_label": ProgressState(state).label,
            "value_field": form.value_field(indicator) if form else None,
            "note_field": form.note_field(indicator) if form else None,
            "comments": comments.get(indicator.pk, []),
            "evidence": evidence.get(indicator.pk, []),
            "new_area": current_area if current_area != area else None,
        })
        area = current_area
    return rows, comments.get(None, []), evidence.get(None, [])


def _report_form(data, *, report, indicators):
    """The report form: bound to ``data`` (what the person typed, shown back as it was), or
    filled with the saved report."""
    initial = {"version": report.version if report else 0}
    if data is None and report is not None:
        initial.update(narrative=report.narrative, obstacles=report.obstacles,
                       follow_up=report.follow_up)
        for r in report.realisations.all():
            initial[f"value_{r.indicator_id}"] = r.value
            initial[f"note_{r.indicator_id}"] = r.note
    return ReportForm(data, indicators=indicators, initial=initial)


def _evidence_sources(satker):
    documents = (Document.objects.filter(satker=satker).only("pk", "kind", "number",
                                                             "subject", "date")
                 .order_by("-date", "-id"))
    datasets = (Dataset.objects.filter(satker=satker, status=DatasetStatus.PUBLISHED)
                .only("pk", "title").order_by("title"))
    events = (SocialisationEvent.objects
              .filter(Q(organiser=satker) | Q(participants__satker=satker)).distinct()
              .only("pk", "title", "date").order_by("-date", "-id"))
    return {"documents": documents, "datasets": datasets, "events": events}


def _evidence_forms(satker, plan, upload_data=None, upload_files=None, link_data=None):
    indicators = Indicator.objects.filter(activity__programme__plan=plan).order_by(
        "activity__programme__area__number", "activity_id", "order", "id")
    return (EvidenceUploadForm(upload_data, upload_files, indicators=indicators,
                               prefix="upload"),
            EvidenceLinkForm(link_data, indicators=indicators, prefix="link",
                             **_evidence_sources(satker)))


def _render_report(request, satker, plan, quarter, report, *, form=None, upload_form=None,
                   link_form=None, conflict=None, status=200):
    can_edit = (policies.can_edit_report(request.user, report) if report is not None
                else policies.can_report_on(request.user, plan))
    indicators = _plan_indicators(plan)
    if report is not None:
        report = (ProgressReport.objects.select_related("updated_by", "submitted_by",
                                                         "reviewed_by")
                  .prefetch_related("realisations", "comments__author",
                                    "evidence__linked_type", "evidence__added_by",
                                    "recommendations__responded_by")
                  .get(pk=report.pk))
        report.plan = plan
    if can_edit and form is None:
        form = _report_form(None, report=report, indicators=indicators)
    if not can_edit:
        form = None
    rows, general_comments, general_evidence = _indicator_rows(plan, quarter, indicators,
                                                               report, form)
    if can_edit and report is not None and (upload_form is None or link_form is None):
        default_upload, default_link = _evidence_forms(satker, plan)
        upload_form = upload_form or default_upload
        link_form = link_form or default_link
    can_respond = can(request.user, Purpose.REFORM, satker, write=True)
    recommendations = list(report.recommendations.all()) if report else []
    for recommendation in recommendations:
        recommendation.can_respond = (
            can_respond and policies.can_respond_recommendation(request.user, recommendation))
    for item in (e for r in rows for e in r["evidence"]):
        item.link = _evidence_link(item, satker, plan, quarter)
    for item in general_evidence:
        item.link = _evidence_link(item, satker, plan, quarter)
    return _render(request, "reform/staff/report.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": form, "rows": rows, "conflict": conflict,
        "general_comments": general_comments, "general_evidence": general_evidence,
        "upload_form": upload_form if report is not None and can_edit else None,
        "link_form": link_form if report is not None and can_edit else None,
        "recommendations": recommendations,
        "can_edit": can_edit,
        "can_submit": can_edit and report is not None,
        "due": report.due_date if report and report.due_date
        else report_due_date(plan.year, quarter),
        "response_form": RecommendationResponseForm(),
    }, status=status)


def _evidence_link(evidence: Evidence, satker, plan, quarter) -> str:
    if evidence.file:
        return reverse("reform:staff-evidence-download",
                       args=[satker.code, plan.pk, quarter, evidence.pk])
    if evidence.url:
        return evidence.url
    model = evidence.linked_type.model_class() if evidence.linked_type_id else None
    if model is Document:
        return reverse("organisations:staff-document-download",
                       args=[satker.code, evidence.linked_id])
    if model is SocialisationEvent:
        event = evidence.linked_object
        if event is not None:
            return reverse("reform:staff-event", args=[event.organiser.code, event.pk])
    if model is Dataset:
        dataset = evidence.linked_object
        if dataset is not None:
            return reverse("catalog:dataset-detail", args=[dataset.slug])
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, code, plan_pk, quarter):
    """The quarter's report: the form for writers while draft or sent back, read-only
    otherwise; evidence, evaluator comments and recommendations."""
    satker, plan, quarter, report = _report_scope(request, code, plan_pk, quarter)
    if request.method == "GET":
        return _render_report(request, satker, plan, quarter, report)
    allowed = (policies.can_edit_report(request.user, report) if report is not None
               else policies.can_report_on(request.user, plan))
    if not allowed:
        raise Http404
    indicators = _plan_indicators(plan)
    form = _report_form(request.POST, report=report, indicators=indicators)
    if not form.is_valid():
        return _render_report(request, satker, plan, quarter, report, form=form, status=400)
    try:
        saved = services.save_report(
            actor=request.user, plan=plan, quarter=quarter, data=form.report_data(),
            realisations=form.realisations(), expected_version=form.cleaned_data["version"])
        if request.POST.get("action") == "submit":
            services.submit_report(report=saved, actor=request.user,
                                   expected_version=saved.version)
    except ValidationError as exc:
        conflict = _error_text(exc) if getattr(exc, "code", None) == "conflict" else None
        if conflict is None:
            add_service_errors(form, exc)
        report = ProgressReport.objects.filter(plan=plan, quarter=quarter).first()
        return _render_report(request, satker, plan, quarter, report, form=form,
                              conflict=conflict, status=409 if conflict else 400)
    if request.POST.get("action") == "submit":
        messages.success(request, _("Laporan triwulan %(q)s disimpan dan diajukan untuk "
                                    "evaluasi.") % {"q": QUARTER_LABELS[quarter]})
    else:
        messages.success(request, _("Laporan triwulan %(q)s disimpan.")
                         % {"q": QUARTER_LABELS[quarter]})
    return redirect("reform:staff-report", code=satker.code, plan_pk=plan.pk, quarter=quarter)


def _existing_report(request, code, plan_pk, quarter, *, edit=True):
    satker, plan, quarter, report = _report_scope(request, code, plan_pk, quarter)
    if report is None or (edit and not policies.can_edit_report(request.user, report)):
        raise Http404
    return satker, plan, quarter, report


def _report_url(plan, quarter, anchor="") -> str:
    url = reverse("reform:staff-report", args=[plan.satker.code, plan.pk, quarter])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_POST
def report_submit(request, code, plan_pk, quarter):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    form = PlanVersionForm(request.POST)
    try:
        services.submit_report(report=report, actor=request.user,
                               expected_version=_version(form))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Laporan triwulan %(q)s diajukan untuk evaluasi.")
                         % {"q": QUARTER_LABELS[quarter]})
    return redirect(_report_url(plan, quarter))


@login_required
@require_http_methods(["GET", "POST"])
def evidence_upload(request, code, plan_pk, quarter):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    upload_form, _link = _evidence_forms(satker, plan, posted(request),
                                         posted(request, files=True))
    if request.method == "POST" and upload_form.is_valid():
        data = upload_form.cleaned_data
        try:
            services.add_evidence(report=report, actor=request.user, title=data["title"],
                                  upload=data["file"], indicator=data["indicator"])
        except ValidationError as exc:
            add_service_errors(upload_form, exc)
        else:
            messages.success(request, _("Data dukung diunggah."))
            return redirect(_report_url(plan, quarter, "data-dukung"))
    return _render(request, "reform/staff/evidence_form.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": upload_form, "multipart": True,
        "title": _("Unggah data dukung")}, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_link(request, code, plan_pk, quarter):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    _upload, link_form = _evidence_forms(satker, plan, link_data=posted(request))
    if request.method == "POST" and link_form.is_valid():
        data = link_form.cleaned_data
        try:
            services.add_evidence(report=report, actor=request.user, title=data["title"],
                                  url=data["url"], linked_object=data["linked_object"],
                                  indicator=data["indicator"])
        except ValidationError as exc:
            add_service_errors(link_form, exc)
        else:
            messages.success(request, _("Data dukung ditautkan."))
            return redirect(_report_url(plan, quarter, "data-dukung"))
    return _render(request, "reform/staff/evidence_form.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": link_form, "multipart": False,
        "title": _("Tautkan data yang sudah ada di Prima")},
        status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def evidence_download(request, code, plan_pk, quarter, evidence_pk):
    _satker_, _plan_, _q, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    evidence = get_object_or_404(Evidence, report=report, pk=evidence_pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas data dukung tidak tersedia.")) from exc
    response = FileResponse(handle, as_attachment=True,
                            filename=evidence.original_name or f"data-dukung-{evidence.pk}")
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request, code, plan_pk, quarter, evidence_pk):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    evidence = get_object_or_404(Evidence, report=report, pk=evidence_pk)
    if request.method == "POST":
        try:
            services.delete_evidence(evidence=evidence, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Data dukung “%(title)s” dihapus.")
                             % {"title": evidence.title})
        return redirect(_report_url(plan, quarter, "data-dukung"))
    return _render(request, "reform/staff/confirm.html", satker, {
        "title": _("Hapus data dukung “%(title)s”?") % {"title": evidence.title},
        "message": _("Data dukung ini dilepas dari laporan. Dokumen, dataset atau kegiatan yang "
                     "ditautkan tetap ada."),
        "confirm_label": _("Ya, hapus"), "cancel_url": _report_url(plan, quarter),
    })


def _report_filename(plan, quarter, suffix) -> str:
    return f"laporan-rb-{plan.satker.code}-{plan.year}-tw{quarter}{suffix}"


@login_required
@require_GET
def report_xlsx(request, code, plan_pk, quarter):
    _s, plan, quarter, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    return _download(exports.report_xlsx(report), content_type=XLSX,
                     filename=_report_filename(plan, quarter, ".xlsx"))


@login_required
@require_GET
def report_pdf(request, code, plan_pk, quarter):
    _s, plan, quarter, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    return _download(exports.report_pdf(report), content_type="application/pdf",
                     filename=_report_filename(plan, quarter, ".pdf"))


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_respond(request, code, recommendation_pk):
    """The satker answers an evaluator's follow-up recommendation."""
    satker = _satker(request, code, write=True)
    recommendation = get_object_or_404(
        policies.recommendations_visible_to(request.user)
        .filter(report__plan__satker=satker).select_related("report__plan__satker"),
        pk=recommendation_pk)
    if not policies.can_respond_recommendation(request.user, recommendation):
        raise Http404
    report = recommendation.report
    form = RecommendationResponseForm(posted(request),
                                      initial={"response": recommendation.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_recommendation(recommendation=recommendation, actor=request.user,
                                            response=form.cleaned_data["response"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Tanggapan atas rekomendasi disimpan."))
            return redirect(_report_url(report.plan, report.quarter, "rekomendasi"))
    return _render(request, "reform/staff/recommendation_form.html", satker, {
        "form": form, "recommendation": recommendation, "report": report,
        "plan": report.plan, "quarter_label": QUARTER_LABELS[report.quarter]})


# --- socialisation events ----------------------------------------------------------------------


@login_required
@require_GET
def event_list(request, code):
    """Events the satker organised, and the sessions of the satker above it."""
    satker = _satker(request, code)
    events = (policies.events_visible_to(request.user)
              .filter(Q(organiser=satker) | Q(organiser_id=satker.parent_id))
              .select_related("organiser", "area")
              .annotate(n_participants=Count("participants", distinct=True),
                        n_attended=Count("participants", filter=Q(participants__attended=True),
                                         distinct=True))
              .order_by("-date", "-id"))
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        events = events.filter(Q(title__icontains=q) | Q(series__icontains=q))
    return _render(request, "reform/staff/event_list.html", satker, {
        "page_obj": page_of(request, events), "q": q,
        "query_string": f"q={q}" if q else "",
        "can_manage": policies.can_manage_event(request.user, satker),
    })


def _event(request, satker, event_pk) -> SocialisationEvent:
    """An event shown under ``satker``: one it organised or one of the satker above it."""
    return get_object_or_404(
        policies.events_visible_to(request.user)
        .filter(Q(organiser=satker) | Q(organiser_id=satker.parent_id))
        .select_related("organiser", "area", "created_by"), pk=event_pk)


def _event_areas():
    return services.regime_for_year(timezone.localdate().year).areas.all()


@login_required
@require_http_methods(["GET", "POST"])
def event_form(request, code, event_pk=None):
    satker = _satker(request, code, write=True)
    event = None
    if event_pk:
        event = get_object_or_404(SocialisationEvent, organiser=satker, pk=event_pk)
    form = EventForm(posted(request), instance=event, organiser=satker, areas=_event_areas())
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.create_event(organiser=satker, actor=request.user,
                                              data=form.event_data())
            else:
                event = services.update_event(event=event, actor=request.user,
                                              data=form.event_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)
    return _render(request, "reform/staff/event_form.html", satker,
                   {"form": form, "event": event})


def _participant_satkers(organiser: Satker):
    """The organiser and the satkers below it (as ``services.set_attendance`` requires)."""
    return (Satker.objects.filter(Q(pk=organiser.pk) | Q(code__startswith=organiser.code + ".")
                                  if organiser.parent_id else Q())
            .only("pk", "code", "name").order_by("code"))


@login_required
@require_GET
def event_detail(request, code, event_pk):
    satker = _satker(request, code)
    event = _event(request, satker, event_pk)
    participants = list(event.participants.select_related("satker"))
    can_manage = policies.can_manage_event(request.user, event)
    satkers = _participant_satkers(event.organiser)
    return _render(request, "reform/staff/event_detail.html", satker, {
        "event": event, "participants": participants,
        "materials": list(event.materials.all()),
        "n_attended": sum(1 for p in participants if p.attended),
        "can_manage": can_manage,
        "participant_form": ParticipantForm(satkers=satkers, initial={"satker": satker})
        if can_manage else None,
        "invite_form": InviteSatkerForm(satkers=satkers) if can_manage else None,
        "bulk_form": BulkParticipantsForm(satkers=satkers, initial={"satker": satker})
        if can_manage else None,
    })


def _managed_event(request, code, event_pk):
    satker = _satker(request, code, write=True)
    event = get_object_or_404(SocialisationEvent.objects.select_related("organiser"),
                              organiser=satker, pk=event_pk)
    return satker, event


def _current_participants(event) -> list[dict]:
    return [{"satker": p.satker, "user": p.user, "name": p.name, "position": p.position,
             "attended": p.attended}
            for p in event.participants.select_related("satker", "user")]


def _set_participants(request, event, participants, done):
    try:
        services.set_attendance(event=event, actor=request.user, participants=participants)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return False
    messages.success(request, done)
    return True


def _event_form_error(request, satker, event, form, title):
    return _render(request, "reform/staff/participant_form.html", satker,
                   {"event": event, "form": form, "title": title}, status=400)


@login_required
@require_POST
def participant_add(request, code, event_pk):
    satker, event = _managed_event(request, code, event_pk)
    form = ParticipantForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Tambah peserta"))
    _set_participants(request, event, [*_current_participants(event), form.participant()],
                      _("Peserta %(name)s ditambahkan.") % {"name": form.cleaned_data["name"]})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def participant_invite(request, code, event_pk):
    """Add every active user of a satker who is not yet on the list."""
    satker, event = _managed_event(request, code, event_pk)
    form = InviteSatkerForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Undang satker"))
    invited = form.cleaned_data["satker"]
    current = _current_participants(event)
    present = {p["user"].pk for p in current if p["user"] is not None}
    added = [{"satker": invited, "user": u, "name": u.full_name or u.email, "position": "",
              "attended": False}
             for u in people_of(invited) if u.pk not in present]
    _set_participants(request, event, [*current, *added],
                      _("%(n)s pengguna %(satker)s diundang.")
                      % {"n": len(added), "satker": invited.name})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def participant_bulk(request, code, event_pk):
    satker, event = _managed_event(request, code, event_pk)
    form = BulkParticipantsForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Tempel daftar peserta"))
    added = form.participants()
    _set_participants(request, event, [*_current_participants(event), *added],
                      _("%(n)s peserta ditambahkan.") % {"n": len(added)})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def attendance_save(request, code, event_pk):
    """Tick who attended: the posted ``attended`` ids are present, the others absent."""
    satker, event = _managed_event(request, code, event_pk)
    attended = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    participants = [{"satker": p.satker, "user": p.user, "name": p.name,
                     "position": p.position, "attended": p.pk in attended}
                    for p in event.participants.select_related("satker", "user")]
    _set_participants(request, event, participants,
                      _("Kehadiran disimpan: %(n)s hadir.")
                      % {"n": sum(1 for p in participants if p["attended"])})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def participant_delete(request, code, event_pk, participant_pk):
    satker, event = _managed_event(request, code, event_pk)
    participant = get_object_or_404(event.participants, pk=participant_pk)
    if request.method == "POST":
        remaining = [{"satker": p.satker, "user": p.user, "name": p.name,
                      "position": p.position, "attended": p.attended}
                     for p in event.participants.select_related("satker", "user")
                     if p.pk != participant.pk]
        _set_participants(request, event, remaining,
                          _("%(name)s dihapus dari daftar peserta.") % {"name": participant})
        return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)
    return _render(request, "reform/staff/confirm.html", satker, {
        "title": _("Hapus %(name)s dari daftar peserta?") % {"name": participant.name},
        "message": _("Perubahan dicatat dalam jejak audit."),
        "confirm_label": _("Ya, hapus"),
        "cancel_url": reverse("reform:staff-event", args=[satker.code, event.pk]),
    })
