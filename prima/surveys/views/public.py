"""Public pages of the survey: the questionnaire by link, QR code/kiosk and invitation, the
kiosk's offline submission endpoint, and a satker's published results."""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.public_forms import guard_posts, over_limit
from prima.core.viewutils import add_service_errors, posted
from prima.organisations.models import Satker

from .. import ikm, open_data, services
from ..choices import Channel, SurveyStatus
from ..forms import QuestionnaireForm
from ..models import Invitation, Response, Survey
from ..reports import build_report

SUBMIT_GROUP = "surveys.response"
SUBMIT_RATE = "30/h"
# A front-desk device sends many responses from one address (the office's).
KIOSK_RATE = "600/h"


def _survey(key: str) -> Survey:
    return get_object_or_404(Survey.objects.select_related("satker"), public_key=key)


def _private(response):
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _questionnaire(request, survey, *, channel, token=None, template="surveys/public/form.html",
                   extra=None):
    if not survey.is_open:
        return _private(render(request, "surveys/public/closed.html", {"survey": survey},
                               status=410 if survey.status == SurveyStatus.CLOSED else 404))
    form = QuestionnaireForm(posted(request), survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(survey=survey, data=form.cleaned_data, channel=channel,
                                     invitation_token=token)
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            return redirect("surveys:public-thanks", survey.public_key)
    return _private(render(request, template, {
        "survey": survey, "form": form, "channel": channel, **(extra or {})},
        status=400 if form.errors else 200))


@require_http_methods(["GET", "POST"])
@guard_posts(group=SUBMIT_GROUP, rate=SUBMIT_RATE)
def questionnaire(request, key):
    """The questionnaire by its public link (``?kanal=qr`` when reached by the QR code)."""
    survey = _survey(key)
    channel = Channel.KIOSK if request.GET.get("kanal") == "qr" else Channel.LINK
    return _questionnaire(request, survey, channel=channel)


@require_http_methods(["GET", "POST"])
@guard_posts(group=SUBMIT_GROUP, rate=SUBMIT_RATE)
def invitation(request, key, token):
    """The questionnaire by a one-time invitation link."""
    survey = _survey(key)
    found = Invitation.objects.filter(survey=survey,
                                      token_hash=services.hash_token(token)).first()
    if found is None:
        raise Http404
    if found.used_at is not None:
        return _private(render(request, "surveys/public/used.html", {"survey": survey},
                               status=410))
    return _questionnaire(request, survey, channel=Channel.INVITATION, token=token)


@require_GET
def thanks(request, key):
    return render(request, "surveys/public/thanks.html", {"survey": _survey(key)})


@require_GET
def kiosk(request, key):
    """The front-desk questionnaire: answers wait on the device while the office is offline
    and are sent when the connection is back (static surveys/kiosk.js)."""
    survey = _survey(key)
    if not survey.is_open:
        return _private(render(request, "surveys/public/closed.html", {"survey": survey},
                               status=410))
    form = QuestionnaireForm(survey=survey)
    return _private(render(request, "surveys/public/kiosk.html",
                           {"survey": survey, "form": form, "channel": Channel.KIOSK}))


@require_GET
def kiosk_worker(request, key):
    """The kiosk's service worker, served under the kiosk page so its scope covers it."""
    _survey(key)
    path = finders.find("surveys/kiosk-sw.js")
    with open(path, encoding="utf-8") as script:
        response = HttpResponse(script.read(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
def kiosk_submit(request, key):
    """One queued kiosk response as JSON, with its idempotency key: sent twice, stored once."""
    if over_limit(request, group="surveys.kiosk", rate=KIOSK_RATE):
        return JsonResponse({"ok": False, "error": _("Terlalu banyak kiriman.")}, status=429)
    survey = _survey(key)
    try:
        payload = json.loads(request.body.decode() or "{}")
        if not isinstance(payload, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"ok": False, "error": _("Data tidak dapat dibaca.")}, status=400)
    if payload.get("website"):  # the honeypot
        return JsonResponse({"ok": False, "error": _("Data ditolak.")}, status=400)
    key_value = str(payload.get("idempotency_key") or "")
    if not 8 <= len(key_value) <= 64:
        return JsonResponse({"ok": False, "error": _("Kunci pengiriman tidak ada.")},
                            status=400)
    try:
        response, created = services.submit_response(
            survey=survey, data=payload.get("answers") or {}, channel=Channel.KIOSK,
            idempotency_key=f"kiosk:{key_value}")
    except ValidationError as exc:
        # A rejected response is dropped from the queue (it will never become valid).
        return JsonResponse({"ok": False, "final": True, "errors": exc.messages}, status=422)
    return JsonResponse({"ok": True, "created": created, "id": response.pk},
                        status=201 if created else 200)


@require_GET
def results_csv(request, code):
    """The satker's published IKM results as CSV (the open dataset's resource)."""
    satker = get_object_or_404(Satker, code=code)
    response = HttpResponse(open_data.results_csv(satker), content_type="text/csv")
    response["Content-Disposition"] = f'inline; filename="ikm-{satker.code}.csv"'
    return response


@require_GET
def results(request, code):
    """A satker's published survey results: each published survey's IKM and category, and
    the latest report's elements."""
    satker = get_object_or_404(Satker, code=code)
    surveys = list(Survey.objects.filter(satker=satker, is_published=True)
                   .exclude(status=SurveyStatus.DRAFT).order_by("-year", "-period_number"))
    per_survey = ikm.compute_by(Response.objects.filter(survey__in=surveys), "survey")
    rows = [(s, per_survey.get(s.pk)) for s in surveys]
    latest = next((s for s, r in rows if r is not None), None)
    report = build_report(latest) if latest else None
    return render(request, "surveys/public/results.html", {
        "satker": satker, "rows": rows, "report": report,
        "nrr_chart": report.nrr_chart() if report else None,
        "trend_chart": report.trend_chart() if report else None})
