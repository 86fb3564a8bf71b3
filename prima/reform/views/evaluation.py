"""Evaluation pages for the level above (``Purpose.EVALUATION``): the inbox of submitted
quarterly reports, the review page (achievement, evidence, comments, verdict and
recommendations) and the list of recommendations with their closing.

Reports are fetched through ``policies.evaluable_satkers`` only, so a report of a satker
outside the evaluator's scope (or a draft) answers 404 exactly like one that does not exist;
people who evaluate nothing get 404 on every page. Writes go through ``services``
(``review_report``, ``close_recommendation``), which audit them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page
from prima.core.scope import subtree_q
from prima.core.viewutils import page_of, query_without_page
from prima.organisations.policies import Purpose, has_any_scope

from .. import charts, dashboards, policies, services
from ..choices import ProgressState, RecommendationStatus, ReportStatus
from ..forms.evaluation import (
    InboxFilterForm,
    RecommendationFilterForm,
    RecommendationFormSet,
    ReviewForm,
    recommendations_of,
)
from ..models import Indicator, ProgressReport, Recommendation
from .common import QUARTER_LABELS, set_evidence_links


def _evaluator(request) -> None:
    """Only people who evaluate some satker have these pages at all."""
    if not has_any_scope(request.user, Purpose.EVALUATION, write=True):
        raise Http404


def _reports(user):
    """Reports the user evaluates: of the satkers below, once submitted (never drafts)."""
    return (ProgressReport.objects
            .filter(plan__satker__in=policies.evaluable_satkers(user), plan__is_template=False)
            .exclude(status=ReportStatus.DRAFT))


# --- inbox -------------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request):
    """Submitted reports of the satkers below, waiting ones first; filters by status, quarter,
    year and satker."""
    _evaluator(request)
    base = _reports(request.user)
    years = list(base.order_by("-plan__year").values_list("plan__year", flat=True).distinct())
    form = InboxFilterForm(request.GET or None, years=years)
    reports = base
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            reports = reports.filter(status=data["status"])
        if data["quarter"]:
            reports = reports.filter(quarter=data["quarter"])
        if data["year"]:
            reports = reports.filter(plan__year=data["year"])
        if data["satker"].strip():
            reports = reports.filter(subtree_q(data["satker"].strip(), field="plan__satker"))
    counts = base.aggregate(
        waiting=Count("id", filter=Q(status=ReportStatus.SUBMITTED)),
        revise=Count("id", filter=Q(status=ReportStatus.REVISE)),
        accepted=Count("id", filter=Q(status=ReportStatus.ACCEPTED)))
    reports = (reports.select_related("plan__satker", "submitted_by", "reviewed_by")
               .annotate(waiting=Case(When(status=ReportStatus.SUBMITTED, then=Value(0)),
                                      default=Value(1), output_field=IntegerField()))
               .order_by("waiting", "-submitted_at", "-id"))
    page_obj = page_of(request, reports)
    for report in page_obj:
        report.quarter_label = QUARTER_LABELS[report.quarter]
    return render(request, "reform/evaluation/inbox.html", {
        "form": form, "page_obj": page_obj, "counts": counts,
        "query_string": query_without_page(request),
    })


# --- one report --------------------------------------------------------------------------------


def _report(request, report_pk) -> ProgressReport:
    _evaluator(request)
    return get_object_or_404(
        _reports(request.user).select_related("plan__satker__parent", "plan__regime",
                                              "plan__decree", "submitted_by", "reviewed_by",
                                              "updated_by"),
        pk=report_pk)


def _label(progress) -> None:
    progress.state_label = ProgressState(progress.state).label


def _review_context(request, report, *, form=None, formset=None) -> dict:
    plan = report.plan
    satker = plan.satker
    progress = dashboards.plan_progress(plan, report.quarter)
    comments: dict = {}
    for comment in (report.comments.select_related("author", "answered_by")
                    .order_by("created_at", "id")):
        comments.setdefault(comment.indicator_id, []).append(comment)
    _label(progress)
    for area in progress.areas:
        _label(area)
        for programme in area.programmes:
            for activity in programme.activities:
                _label(activity)
                for item in activity.indicators:
                    _label(item)
                    item.comments = comments.get(item.indicator.pk, [])
    set_evidence_links([*progress.evidence, *(e for i in progress.indicators for e in i.evidence)],
                       satker, plan, report.quarter, user=request.user)
    can_review = policies.can_review_report(request.user, report)
    if can_review:
        indicators = [i.indicator for i in progress.indicators]
        form = form or ReviewForm(indicators=indicators)
        formset = formset or RecommendationFormSet(prefix="rec")
        for item in progress.indicators:
            item.comment_field = form.comment_field(item.indicator)
    recommendations = list(report.recommendations.select_related("responded_by", "created_by"))
    other_reports = list(_reports(request.user).filter(plan=plan).exclude(pk=report.pk)
                         .order_by("quarter").only("pk", "quarter", "status"))
    return {
        "report": report, "plan": plan, "satker": satker, "progress": progress,
        "quarter_label": QUARTER_LABELS[report.quarter],
        "general_comments": comments.get(None, []),
        "recommendations": recommendations, "other_reports": other_reports,
        "can_review": can_review, "form": form if can_review else None,
        "formset": formset if can_review else None,
        "today": timezone.localdate(),
        "chart": charts.area_chart(
            progress.areas, expected=progress.expected,
            title=_("Capaian triwulan %(q)s per area perubahan") % {
                "q": QUARTER_LABELS[report.quarter]}),
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request, report_pk):
    """The report with its achievement per indicator, activity and area, the evidence, the
    comments so far and — while it waits for evaluation — the verdict form."""
    report = _report(request, report_pk)
    if request.method == "GET":
        return render(request, "reform/evaluation/report.html",
                      _review_context(request, report))
    if report.status != ReportStatus.SUBMITTED:
        messages.error(request, _("Hanya laporan yang sudah diajukan yang dapat dievaluasi."))
        return redirect("reform:eval-report", report_pk=report.pk)
    indicators = Indicator.objects.filter(activity__programme__plan=report.plan).order_by(
        "activity__programme__area__number", "activity__programme__order",
        "activity__programme_id", "activity__order", "activity_id", "order", "id")
    form = ReviewForm(request.POST, indicators=indicators)
    formset = RecommendationFormSet(request.POST, prefix="rec")
    if form.is_valid() and formset.is_valid():
        try:
            services.review_report(report=report, actor=request.user,
                                   verdict=form.cleaned_data["verdict"],
                                   comments=form.comments(),
                                   recommendations=recommendations_of(formset))
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            if form.cleaned_data["verdict"] == ReportStatus.ACCEPTED:
                messages.success(request, _("Laporan diterima."))
            else:
                messages.success(request, _("Laporan dikembalikan kepada satker untuk "
                                            "diperbaiki."))
            return redirect("reform:eval-report", report_pk=report.pk)
    return render(request, "reform/evaluation/report.html",
                  _review_context(request, report, form=form, formset=formset), status=400)


# --- recommendations ---------------------------------------------------------------------------


def _recommendations(user):
    return Recommendation.objects.filter(
        report__plan__satker__in=policies.evaluable_satkers(user))


@login_required
@require_GET
def recommendation_list(request):
    """Recommendations given to the satkers below: answered ones (waiting to be closed) first,
    then open, then closed."""
    _evaluator(request)
    form = RecommendationFilterForm(request.GET or None)
    items = _recommendations(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            items = items.filter(status=data["status"])
        if data["satker"].strip():
            items = items.filter(subtree_q(data["satker"].strip(),
                                           field="report__plan__satker"))
    order = Case(When(status=RecommendationStatus.ANSWERED, then=Value(0)),
                 When(status=RecommendationStatus.OPEN, then=Value(1)), default=Value(2),
                 output_field=IntegerField())
    items = (items.select_related("report__plan__satker", "responded_by", "created_by")
             .annotate(order=order).order_by("order", "deadline", "id"))
    page_obj = page_of(request, items)
    for item in page_obj:
        item.quarter_label = QUARTER_LABELS[item.report.quarter]
    return render(request, "reform/evaluation/recommendations.html", {
        "form": form, "page_obj": page_obj, "today": timezone.localdate(),
        "query_string": query_without_page(request),
    })


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_close(request, recommendation_pk):
    """Close a recommendation (normally once the satker has answered it), after confirming."""
    _evaluator(request)
    recommendation = get_object_or_404(
        _recommendations(request.user).select_related("report__plan__satker", "responded_by"),
        pk=recommendation_pk)
    back = _next_url(request, reverse("reform:eval-recommendations"))
    if recommendation.status == RecommendationStatus.CLOSED:
        messages.info(request, _("Rekomendasi ini sudah selesai."))
        return redirect(back)
    if request.method == "POST":
        try:
            services.close_recommendation(recommendation=recommendation, actor=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Rekomendasi ditandai selesai."))
        return redirect(back)
    report = recommendation.report
    return confirm_page(
        request, title=_("Tandai rekomendasi ini selesai?"),
        message=_("Rekomendasi yang selesai tidak dapat ditanggapi lagi."),
        confirm_label=_("Ya, tandai selesai"), cancel_url=back, danger=False,
        action_url=f"{request.path}?{urlencode({'next': back})}",
        crumbs=[(_("Evaluasi RB"), reverse("reform:eval-inbox")),
                (_("Rekomendasi"), reverse("reform:eval-recommendations"))],
        facts=[(_("Satker"), report.plan.satker.name),
               (_("Laporan"), _("TW %(q)s %(year)s") % {"q": QUARTER_LABELS[report.quarter],
                                                        "year": report.plan.year}),
               (_("Rekomendasi"), recommendation.text),
               (_("Batas waktu"), recommendation.deadline.strftime("%d-%m-%Y")),
               (_("Status"), recommendation.get_status_display()),
               (_("Tanggapan satker"), recommendation.response
                or _("Satker belum menanggapi rekomendasi ini."))])
