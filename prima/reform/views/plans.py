"""Action plans: the list, creation, copy from an earlier year, a province's templates, the
plan page with its editor (programmes, activities, indicators) while a draft, the workflow
(submit, approve or return, start, close, publish) and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.viewutils import add_service_errors, page_of, posted

from .. import exports, policies, services
from ..choices import PlanStatus
from ..forms.common import PlanVersionForm
from ..forms.plans import (
    ActivityForm,
    AdoptTemplateForm,
    ApproveForm,
    CopyPlanForm,
    IndicatorForm,
    PlanCreateForm,
    ProgrammeForm,
    ReturnPlanForm,
)
from ..models import ActionPlan, Activity, Indicator, Programme
from ..querysets import report_due_date
from .common import (
    QUARTER_LABELS,
    QUARTERS,
    XLSX,
    confirm,
    download,
    error_text,
    plan_areas,
    plan_of,
    plan_url,
    plans_of,
    progress_of,
    render_staff,
    satker_in_scope,
    version_of,
)


@login_required
@require_GET
def plan_list(request, code):
    satker = satker_in_scope(request, code)
    plans = plans_of(request, satker).select_related("regime", "decree").order_by(
        "-year", "is_template", "-id")
    return render_staff(request, "reform/staff/plan_list.html", satker, {
        "page_obj": page_of(request, plans),
        "can_create": policies.can_create_plan(request.user, satker),
        "can_adopt": satker.parent_id is not None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, code):
    satker = satker_in_scope(request, code, write=True)
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
    return render_staff(request, "reform/staff/plan_create.html", satker, {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request, code):
    """A new draft copied from one of the satker's earlier plans (usually last year's)."""
    satker = satker_in_scope(request, code, write=True)
    sources = plans_of(request, satker).filter(is_template=False).order_by("-year")
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
    return render_staff(request, "reform/staff/plan_copy.html", satker,
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
    satker = satker_in_scope(request, code)
    templates = _templates(request, satker).annotate(
        n_programmes=Count("programmes", distinct=True),
        n_indicators=Count("programmes__activities__indicators", distinct=True),
    ).order_by("-year")
    return render_staff(request, "reform/staff/template_list.html", satker,
                        {"templates": list(templates)})


@login_required
@require_http_methods(["GET", "POST"])
def template_adopt(request, code, template_pk):
    """Preview a province template and adopt it as this satker's draft plan."""
    satker = satker_in_scope(request, code)
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
    return render_staff(request, "reform/staff/template_adopt.html", satker, {
        "form": form, "template": template, "can_adopt": can_adopt,
        "areas": plan_areas(template, progress_of(request.user, template)),
    })



def _plan_permissions(user, plan: ActionPlan) -> dict:
    manage = policies.can_manage_plan(user, plan)
    return {
        "manage": manage,
        "edit": policies.can_edit_plan(user, plan),
        "approve": policies.can_approve_plan(user, plan),
        "report": policies.can_report_on(user, plan),
    }


@login_required
@require_GET
def plan_detail(request, code, plan_pk):
    """The plan page: the editor while a draft (for writers), read-only otherwise, with the
    workflow buttons, quarterly reports and downloads."""
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
    allowed = _plan_permissions(request.user, plan)
    progress = progress_of(request.user, plan)
    reports = {r.quarter: r for r in policies.reports_visible_to(request.user).filter(
        plan=plan).only("pk", "quarter", "status", "submitted_at", "plan_id")}
    quarters = [{"quarter": q, "label": QUARTER_LABELS[q], "report": reports.get(q),
                 "due": report_due_date(plan.year, q)} for q in QUARTERS]
    return render_staff(request, "reform/staff/plan_detail.html", satker, {
        "plan": plan, "allowed": allowed, "areas": plan_areas(plan, progress),
        "progress": progress, "quarters": quarters,
        "show_progress": not plan.is_template and plan.status != PlanStatus.DRAFT,
        "approve_form": ApproveForm(satker=satker) if allowed["approve"]
        and plan.status == PlanStatus.SUBMITTED else None,
        "Status": PlanStatus,
    })


def _editable_plan(request, code, plan_pk):
    """The plan for an editor page: writers only (404 otherwise); not a draft → back to the
    plan page with the reason."""
    satker = satker_in_scope(request, code, write=True)
    plan = plan_of(request, satker, plan_pk)
    if not policies.can_manage_plan(request.user, plan):
        raise Http404
    return satker, plan


def _not_draft(request, plan):
    if plan.status == PlanStatus.DRAFT:
        return None
    messages.error(request, _("Rencana aksi berstatus “%(status)s” tidak dapat diubah; hanya "
                              "draf yang dapat diubah.") % {"status": plan.get_status_display()})
    return redirect("reform:staff-plan", code=plan.satker.code, plan_pk=plan.pk)


def _item_form(request, *, satker, plan, form, save, template_context, anchor):
    """The shared body of the programme/activity/indicator editor views."""
    if request.method == "POST" and form.is_valid():
        try:
            item = save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan rencana aksi disimpan."))
            return redirect(plan_url(plan, f"{anchor}-{item.pk}"))
    form.fields["version"].initial = plan.version
    return render_staff(request, "reform/staff/item_form.html", satker,
                        {"form": form, "plan": plan, **template_context})


@login_required
@require_http_methods(["GET", "POST"])
def programme_form(request, code, plan_pk, programme_pk=None):
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    programme = (get_object_or_404(Programme, plan=plan, pk=programme_pk) if programme_pk
                 else None)
    form = ProgrammeForm(posted(request), instance=programme, plan=plan,
                         initial={"area": request.GET.get("area")} if not programme else None)

    def save(form):
        current = Programme.objects.get(pk=programme.pk) if programme else None
        return services.save_programme(plan=plan, actor=request.user, data=form.item_data(),
                                       programme=current, expected_version=version_of(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save, anchor="program",
                      template_context={"title": _("Ubah program") if programme
                                        else _("Tambah program"), "item": programme})


@login_required
@require_http_methods(["GET", "POST"])
def activity_form(request, code, plan_pk, activity_pk=None, programme_pk=None):
    """Add an activity to a programme (``programme_pk``) or change one (``activity_pk``)."""
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    activity = (get_object_or_404(Activity.objects.select_related("programme"),
                                  programme__plan=plan, pk=activity_pk) if activity_pk else None)
    programme = (activity.programme if activity
                 else get_object_or_404(Programme, plan=plan, pk=programme_pk))
    programme.plan = plan
    form = ActivityForm(posted(request), instance=activity, plan=plan)

    def save(form):
        current = Activity.objects.get(pk=activity.pk) if activity else None
        return services.save_activity(programme=programme, actor=request.user,
                                      data=form.item_data(), activity=current,
                                      expected_version=version_of(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save,
                      anchor="kegiatan",
                      template_context={"title": _("Ubah kegiatan") if activity
                                        else _("Tambah kegiatan"),
                                        "item": activity, "parent": programme,
                                        "parent_label": _("Program")})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_form(request, code, plan_pk, indicator_pk=None, activity_pk=None):
    """Add an indicator to an activity (``activity_pk``) or change one (``indicator_pk``)."""
    satker, plan = _editable_plan(request, code, plan_pk)
    if (response := _not_draft(request, plan)) is not None:
        return response
    indicator = (get_object_or_404(Indicator.objects.select_related("activity__programme"),
                                   activity__programme__plan=plan, pk=indicator_pk)
                 if indicator_pk else None)
    activity = (indicator.activity if indicator else get_object_or_404(
        Activity.objects.select_related("programme"), programme__plan=plan, pk=activity_pk))
    activity.programme.plan = plan
    form = IndicatorForm(posted(request), instance=indicator)

    def save(form):
        current = Indicator.objects.get(pk=indicator.pk) if indicator else None
        return services.save_indicator(activity=activity, actor=request.user,
                                       data=form.item_data(), indicator=current,
                                       expected_version=version_of(form))

    return _item_form(request, satker=satker, plan=plan, form=form, save=save,
                      anchor="indikator",
                      template_context={"title": _("Ubah indikator") if indicator
                                        else _("Tambah indikator"),
                                        "item": indicator, "parent": activity,
                                        "parent_label": _("Kegiatan")})


def _plan_crumbs(plan) -> list[tuple[str, str]]:
    return [(_("Rencana aksi %(year)s") % {"year": plan.year}, plan_url(plan))]


def _item_delete(request, *, satker, plan, item, delete, title, message):
    """Confirm (GET), then delete (POST) with the plan version of the confirmation page."""
    if (response := _not_draft(request, plan)) is not None:
        return response
    form = PlanVersionForm(posted(request), initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            delete(form.cleaned_data["version"])
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("“%(name)s” dihapus.") % {"name": item})
        return redirect(plan_url(plan))
    return confirm(request, satker, title=title, message=message, form=form,
                   confirm_label=_("Ya, hapus"), cancel_url=plan_url(plan),
                   crumbs=_plan_crumbs(plan))


@login_required
@require_http_methods(["GET", "POST"])
def programme_delete(request, code, plan_pk, programme_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    programme = get_object_or_404(Programme.objects.annotate(
        n_activities=Count("activities")), plan=plan, pk=programme_pk)
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
def activity_delete(request, code, plan_pk, activity_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    activity = get_object_or_404(Activity.objects.select_related("programme").annotate(
        n_indicators=Count("indicators")), programme__plan=plan, pk=activity_pk)
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
def indicator_delete(request, code, plan_pk, indicator_pk):
    satker, plan = _editable_plan(request, code, plan_pk)
    indicator = get_object_or_404(Indicator.objects.select_related("activity__programme"),
                                  activity__programme__plan=plan, pk=indicator_pk)
    indicator.activity.programme.plan = plan
    return _item_delete(
        request, satker=satker, plan=plan, item=indicator,
        delete=lambda v: services.delete_indicator(indicator=indicator, actor=request.user,
                                                   expected_version=v),
        title=_("Hapus indikator “%(name)s”?") % {"name": indicator},
        message=_("Indikator ini akan dihapus dari rencana aksi."))


def _workflow(request, code, plan_pk, *, allowed, action, done):
    """A plan transition posted from the plan page."""
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
    if not allowed(request.user, plan):
        raise Http404
    try:
        action(plan)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(plan_url(plan))


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
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
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
            return redirect(plan_url(plan))
    return render_staff(request, "reform/staff/plan_approve.html", satker,
                        {"form": form, "plan": plan, "return_form": ReturnPlanForm()})


@login_required
@require_POST
def plan_return(request, code, plan_pk):
    """The head sends a submitted plan back to draft with the reason."""
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
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
            return redirect(plan_url(plan))
    return render_staff(request, "reform/staff/plan_approve.html", satker, {
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
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
    if not policies.can_manage_plan(request.user, plan):
        raise Http404
    return confirm(
        request, satker, title=_("Tutup rencana aksi %(year)s?") % {"year": plan.year},
        message=_("Rencana aksi yang ditutup tidak dapat dilaporkan lagi. Laporan yang sudah "
                  "ada tetap tersimpan."),
        confirm_label=_("Ya, tutup"), cancel_url=plan_url(plan), crumbs=_plan_crumbs(plan),
        facts=[(_("Rencana aksi"), plan.title), (_("Status"), plan.get_status_display())])


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



def _plan_filename(plan, suffix) -> str:
    return f"rencana-aksi-{plan.satker.code}-{plan.year}{suffix}"


@login_required
@require_GET
def plan_xlsx(request, code, plan_pk):
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
    return download(exports.plan_xlsx(plan), filename=_plan_filename(plan, ".xlsx"),
                    content_type=XLSX)


@login_required
@require_GET
def plan_pdf(request, code, plan_pk):
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
    return download(exports.plan_pdf(plan), filename=_plan_filename(plan, ".pdf"),
                    content_type="application/pdf")

