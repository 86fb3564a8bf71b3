"""Staff pages of the survey (``staf/survei/<code>/``): the satker's surveys, a survey with its
links and QR code, opening and closing, paper entry, the report and its exports, follow-up."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page
from prima.core.viewutils import add_service_errors, posted
from prima.organisations.policies import Purpose, satkers_for

from .. import exports, ikm, policies, services
from ..choices import Channel, SurveyStatus
from ..forms import FollowUpForm, PaperForm, SurveyForm
from ..models import FollowUp, Response, Survey
from ..reports import build_report


def _satker(request, code, *, write=False):
    return get_object_or_404(satkers_for(request.user, Purpose.SURVEYS, write=write),
                             code=code)


def _survey(request, code, pk, *, write=False):
    satker = _satker(request, code, write=write)
    return satker, get_object_or_404(Survey.objects.select_related("satker"), satker=satker,
                                     pk=pk)


def _render(request, template, satker, context=None, **kwargs):
    return render(request, template, {
        "satker": satker, "can_write": policies.can_manage(request.user, satker),
        **(context or {})}, **kwargs)


@login_required
@require_GET
def survey_list(request, code):
    satker = _satker(request, code)
    surveys = list(Survey.objects.filter(satker=satker).order_by("-year", "-period_number",
                                                                   "-id"))
    per_survey = ikm.compute_by(Response.objects.filter(satker=satker), "survey")
    return _render(request, "surveys/staff/list.html", satker, {
        "rows": [(s, per_survey.get(s.pk)) for s in surveys]})


def _survey_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data["services"] = list(data["services"])
    return data


@login_required
@require_http_methods(["GET", "POST"])
def survey_form(request, code, pk=None):
    satker = _satker(request, code, write=True)
    survey = get_object_or_404(Survey, satker=satker, pk=pk) if pk else None
    initial = ({f: getattr(survey, f) for f in SurveyForm.base_fields} if survey
               else {"year": 2020, "period_number": 1, "is_published": True})
    form = SurveyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if survey:
                survey = services.update_survey(survey=survey, actor=request.user,
                                                **_survey_fields(form))
            else:
                survey = services.create_survey(satker=satker, actor=request.user,
                                                **_survey_fields(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Survei disimpan."))
            return redirect("surveys:staff-survey", satker.code, survey.pk)
    return _render(request, "surveys/staff/survey_form.html", satker,
                   {"form": form, "survey": survey}, status=400 if form.errors else 200)


@login_required
@require_GET
def survey_detail(request, code, pk):
    satker, survey = _survey(request, code, pk)
    result = ikm.compute(Response.objects.filter(survey=survey))
    sample = ikm.krejcie_morgan(survey.population) if survey.population else None
    link = request.build_absolute_uri(reverse("surveys:public-form", args=[survey.public_key]))
    return _render(request, "surveys/staff/detail.html", satker, {
        "survey": survey, "result": result, "sample": sample,
        "below_sample": sample is not None and result.n < sample, "link": link,
        "qr_link": link + "?kanal=qr",
        "kiosk_link": request.build_absolute_uri(
            reverse("surveys:public-kiosk", args=[survey.public_key]))})


@login_required
@require_GET
def survey_qr(request, code, pk):
    """The QR code (SVG) of the questionnaire for the front desk."""
    _satker_obj, survey = _survey(request, code, pk)
    link = request.build_absolute_uri(
        reverse("surveys:public-form", args=[survey.public_key])) + "?kanal=qr"
    buffer = io.BytesIO()
    qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=12).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="survei-{survey.pk}-qr.svg"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def survey_status(request, code, pk, action):
    """Open (or reopen) or close a survey, after confirmation."""
    satker, survey = _survey(request, code, pk, write=True)
    detail = reverse("surveys:staff-survey", args=[satker.code, survey.pk])
    opening = action == "buka"
    if request.method == "POST":
        try:
            if opening:
                services.open_survey(survey=survey, actor=request.user)
            else:
                services.close_survey(survey=survey, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Survei dibuka.") if opening else _("Survei ditutup."))
        return redirect(detail)
    return confirm_page(
        request, title=_("Buka survei") if opening else _("Tutup survei"),
        message=(_("Masyarakat dapat mengisi kuesioner setelah survei dibuka.") if opening
                 else _("Setelah ditutup, jawaban baru tidak diterima lagi.")),
        confirm_label=_("Buka survei") if opening else _("Tutup survei"), cancel_url=detail,
        danger=not opening, facts=[(_("Survei"), survey.title),
                                   (_("Periode"), survey.period_label())])


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, code, pk):
    """An officer enters a paper questionnaire (channel "paper")."""
    satker, survey = _survey(request, code, pk, write=True)
    form = PaperForm(posted(request), survey=survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_response(survey=survey, data=data, channel=Channel.PAPER,
                                     answered_on=data["answered_on"],
                                     answered_time=data.get("answered_time"),
                                     actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kuesioner kertas disimpan. Masukkan lembar berikutnya."))
            return redirect("surveys:staff-paper", satker.code, survey.pk)
    return _render(request, "surveys/staff/paper.html", satker,
                   {"survey": survey, "form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def report(request, code, pk):
    satker, survey = _survey(request, code, pk)
    data = build_report(survey)
    return _render(request, "surveys/staff/report.html", satker, {
        "survey": survey, "report": data, "nrr_chart": data.nrr_chart(),
        "trend_chart": data.trend_chart(), "method": ikm.method_note()})


@login_required
@require_GET
def report_pdf(request, code, pk):
    _satker_obj, survey = _survey(request, code, pk)
    response = HttpResponse(exports.report_pdf(build_report(survey)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-skm-{survey.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def report_xlsx(request, code, pk):
    _satker_obj, survey = _survey(request, code, pk)
    return exports.report_xlsx(build_report(survey))


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_form(request, code, pk, followup_pk=None):
    satker, survey = _survey(request, code, pk, write=True)
    follow_up = get_object_or_404(FollowUp, survey=survey, pk=followup_pk) if followup_pk \
        else None
    form = FollowUpForm(posted(request), instance=follow_up)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in FollowUpForm.Meta.fields}
        try:
            services.save_follow_up(survey=survey, actor=request.user,
                                    follow_up=follow_up, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana tindak lanjut disimpan."))
            return redirect("surveys:staff-report", satker.code, survey.pk)
    return _render(request, "surveys/staff/follow_up_form.html", satker,
                   {"survey": survey, "form": form, "follow_up": follow_up},
                   status=400 if form.errors else 200)


@login_required
@require_GET
def rollup(request):
    """IKM per province and nationally (core.rollup), for a year and optional quarter."""
    if not satkers_for(request.user, Purpose.SURVEYS).exists():
        from django.http import Http404

        raise Http404
    try:
        year = int(request.GET.get("tahun", "2020"))
        quarter = int(request.GET["tw"]) if request.GET.get("tw") else None
    except ValueError:
        year, quarter = 2020, None
    if quarter is not None and not 1 <= quarter <= 4:
        quarter = None
    data = ikm.national_rollup(year, quarter)
    return render(request, "surveys/staff/rollup.html", {
        **data, "year": year, "quarter": quarter, "method": ikm.method_note(),
        "status_open": SurveyStatus.OPEN})
