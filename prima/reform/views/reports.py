"""Quarterly progress reports: the form for writers while a draft or sent back, read-only
otherwise; evidence (upload, link, download, delete), the submission, the downloads, and the
satker's answers to the evaluator's recommendations and comments.

Views parse, authorise, call ``services`` and respond; a service's ``ValidationError`` is shown
on the form with nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core import evidence as shared_evidence
from prima.core.viewutils import add_service_errors, posted
from prima.organisations.policies import Purpose, can
from prima.surveys.ikm import satker_ikm

from .. import achievement, exports, policies, services
from ..choices import ProgressState, RealisationSource
from ..forms.common import PlanVersionForm
from ..forms.reports import (
    CommentAnswersForm,
    EvidenceLinkForm,
    EvidenceUploadForm,
    RecommendationResponseForm,
    ReportForm,
)
from ..models import Evidence, Indicator, ProgressReport
from ..querysets import report_due_date
from .common import (
    QUARTER_LABELS,
    QUARTERS,
    XLSX,
    confirm,
    download,
    error_text,
    plan_of,
    plan_url,
    render_staff,
    report_url,
    satker_in_scope,
    set_evidence_links,
    version_of,
)


def _quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise Http404
    return quarter


def _report_scope(request, code, plan_pk, quarter):
    """(satker, plan, report or None); a quarter without a report exists only for those who
    may write it."""
    satker = satker_in_scope(request, code)
    plan = plan_of(request, satker, plan_pk)
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
    ikm_value = (satker_ikm(plan.satker, plan.year, quarter)
                 if any(i.source == RealisationSource.IKM for i in indicators) else None)
    for indicator in indicators:
        realisation = saved.get(indicator.pk)
        value = realisation.value if realisation else None
        if indicator.source == RealisationSource.IKM:  # the satker's IKM of the quarter
            value = ikm_value
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
    """The records the satker may cite, as the shared evidence registry declares them."""
    def records(kind):
        src = shared_evidence.source(kind)
        return src.records(satker) if src is not None else None

    return {"documents": records("document"), "datasets": records("dataset"),
            "events": records("event")}


def _evidence_forms(satker, plan, upload_data=None, upload_files=None, link_data=None, *,
                    user=None):
    indicators = Indicator.objects.filter(activity__programme__plan=plan).order_by(
        "activity__programme__area__number", "activity_id", "order", "id")
    return (EvidenceUploadForm(upload_data, upload_files, indicators=indicators,
                               prefix="upload"),
            EvidenceLinkForm(link_data, indicators=indicators, prefix="link", satker=satker,
                             user=user, **_evidence_sources(satker)))


def _render_report(request, satker, plan, quarter, report, *, form=None, upload_form=None,
                   link_form=None, conflict=None, status=200):
    can_edit = (policies.can_edit_report(request.user, report) if report is not None
                else policies.can_report_on(request.user, plan))
    indicators = _plan_indicators(plan)
    if report is not None:
        report = (ProgressReport.objects.select_related("updated_by", "submitted_by",
                                                         "reviewed_by")
                  .prefetch_related("realisations", "comments__author",
                                    "comments__answered_by", "evidence__linked_type",
                                    "evidence__added_by", "recommendations__responded_by")
                  .get(pk=report.pk))
        report.plan = plan
    if can_edit and form is None:
        form = _report_form(None, report=report, indicators=indicators)
    if not can_edit:
        form = None
    rows, general_comments, general_evidence = _indicator_rows(plan, quarter, indicators,
                                                               report, form)
    if can_edit and report is not None and (upload_form is None or link_form is None):
        default_upload, default_link = _evidence_forms(satker, plan, user=request.user)
        upload_form = upload_form or default_upload
        link_form = link_form or default_link
    can_respond = can(request.user, Purpose.REFORM, satker, write=True)
    recommendations = list(report.recommendations.all()) if report else []
    for recommendation in recommendations:
        recommendation.can_respond = (
            can_respond and policies.can_respond_recommendation(request.user, recommendation))
    set_evidence_links([*(e for r in rows for e in r["evidence"]), *general_evidence],
                       satker, plan, quarter, user=request.user)
    return render_staff(request, "reform/staff/report.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": form, "rows": rows, "conflict": conflict,
        "general_comments": general_comments, "general_evidence": general_evidence,
        "upload_form": upload_form if report is not None and can_edit else None,
        "link_form": link_form if report is not None and can_edit else None,
        "recommendations": recommendations,
        "can_answer_comments": report is not None and any(
            c.is_evaluator for c in report.comments.all())
        and policies.can_answer_comments(request.user, report),
        "can_edit": can_edit,
        "can_submit": can_edit and report is not None,
        "due": report.due_date if report and report.due_date
        else report_due_date(plan.year, quarter),
        "response_form": RecommendationResponseForm(),
    }, status=status)


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
        conflict = error_text(exc) if getattr(exc, "code", None) == "conflict" else None
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


def _report_crumbs(plan, quarter) -> list[tuple[str, str]]:
    return [(_("Rencana aksi %(year)s") % {"year": plan.year}, plan_url(plan)),
            (_("TW %(q)s") % {"q": QUARTER_LABELS[quarter]}, report_url(plan, quarter))]


def _existing_report(request, code, plan_pk, quarter, *, edit=True):
    satker, plan, quarter, report = _report_scope(request, code, plan_pk, quarter)
    if report is None or (edit and not policies.can_edit_report(request.user, report)):
        raise Http404
    return satker, plan, quarter, report


@login_required
@require_POST
def report_submit(request, code, plan_pk, quarter):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    form = PlanVersionForm(request.POST)
    try:
        services.submit_report(report=report, actor=request.user,
                               expected_version=version_of(form))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Laporan triwulan %(q)s diajukan untuk evaluasi.")
                         % {"q": QUARTER_LABELS[quarter]})
    return redirect(report_url(plan, quarter))


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
            return redirect(report_url(plan, quarter, "data-dukung"))
    return render_staff(request, "reform/staff/evidence_form.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": upload_form, "multipart": True,
        "title": _("Unggah data dukung")}, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_link(request, code, plan_pk, quarter):
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter)
    _upload, link_form = _evidence_forms(satker, plan, link_data=posted(request),
                                         user=request.user)
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
            return redirect(report_url(plan, quarter, "data-dukung"))
    return render_staff(request, "reform/staff/evidence_form.html", satker, {
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
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Data dukung “%(title)s” dihapus.")
                             % {"title": evidence.title})
        return redirect(report_url(plan, quarter, "data-dukung"))
    return confirm(
        request, satker, title=_("Hapus data dukung “%(title)s”?") % {"title": evidence.title},
        message=_("Data dukung ini dilepas dari laporan. Dokumen, dataset atau kegiatan yang "
                  "ditautkan tetap ada."),
        confirm_label=_("Ya, hapus"), cancel_url=report_url(plan, quarter),
        crumbs=_report_crumbs(plan, quarter),
        facts=[(_("Judul"), evidence.title),
               (_("Berkas"), evidence.original_name), (_("Tautan"), evidence.url)])


def _report_filename(plan, quarter, suffix) -> str:
    return f"laporan-rb-{plan.satker.code}-{plan.year}-tw{quarter}{suffix}"


@login_required
@require_GET
def report_xlsx(request, code, plan_pk, quarter):
    _s, plan, quarter, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    return download(exports.report_xlsx(report), content_type=XLSX,
                    filename=_report_filename(plan, quarter, ".xlsx"))


@login_required
@require_GET
def report_pdf(request, code, plan_pk, quarter):
    _s, plan, quarter, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    return download(exports.report_pdf(report), content_type="application/pdf",
                    filename=_report_filename(plan, quarter, ".pdf"))


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_respond(request, code, recommendation_pk):
    """The satker answers an evaluator's follow-up recommendation."""
    satker = satker_in_scope(request, code, write=True)
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
            return redirect(report_url(report.plan, report.quarter, "rekomendasi"))
    return render_staff(request, "reform/staff/recommendation_form.html", satker, {
        "form": form, "recommendation": recommendation, "report": report,
        "plan": report.plan, "quarter_label": QUARTER_LABELS[report.quarter]})


@login_required
@require_http_methods(["GET", "POST"])
def comment_answers(request, code, plan_pk, quarter):
    """The satker's reform team answers each evaluator comment on the report; every answer is
    then shown beside its comment, on this report page and on the evaluator's review page."""
    satker, plan, quarter, report = _existing_report(request, code, plan_pk, quarter, edit=False)
    if not policies.can_answer_comments(request.user, report):
        raise Http404
    position = {indicator.pk: n for n, indicator in enumerate(_plan_indicators(plan))}
    comments = sorted(
        report.comments.filter(is_evaluator=True).select_related("author", "answered_by",
                                                                 "indicator"),
        key=lambda c: (position.get(c.indicator_id, -1), c.created_at, c.pk))
    if not comments:
        messages.info(request, _("Belum ada komentar evaluator pada laporan ini."))
        return redirect(report_url(plan, quarter))
    form = CommentAnswersForm(posted(request), comments=comments)
    if request.method == "POST" and form.is_valid():
        try:
            answered = services.answer_comments(report=report, actor=request.user,
                                                answers=form.answers())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, ngettext(
                "Tanggapan atas %(n)s komentar evaluator disimpan.",
                "Tanggapan atas %(n)s komentar evaluator disimpan.", len(answered))
                % {"n": len(answered)})
            return redirect(report_url(plan, quarter, "komentar"))
    return render_staff(request, "reform/staff/comment_answers.html", satker, {
        "plan": plan, "quarter": quarter, "quarter_label": QUARTER_LABELS[quarter],
        "report": report, "form": form,
        "rows": [{"comment": c, "field": form.answer_field(c)} for c in comments],
    }, status=400 if request.method == "POST" else 200)
