"""Public pages of the information request service: the satker picker and request form, the
receipt, tracking (with clarification answer, withdrawal and objection), soft-copy downloads,
the public register and the Daftar Informasi Publik.

Views parse the input, find the request through its secret (``tracking``) and call
``services``; a wrong number/secret pair answers like a request that does not exist. Pages that
carry a secret in their URL are never cached and never leak it as a referrer.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.calendar import current_version as calendar_version  # read once per request
from prima.core.confirm import confirm_page
from prima.core.localcache import LocalTTLCache
from prima.core.pagecache import public_page
from prima.core.public_forms import guard_posts
from prima.core.viewutils import add_service_errors, posted, query_without_page
from prima.organisations.choices import Level
from prima.organisations.models import Satker

from .. import deadlines, services, tracking
from ..choices import (
    Channel,
    Decision,
    EventKind,
    InformationClass,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    Status,
)
from ..compiled import CompiledQuery
from ..forms_public import (
    SUBMIT_GROUP,
    SUBMIT_RATE,
    ClarificationAnswerForm,
    ObjectionForm,
    PeriodicObjectionForm,
    RegisterFilterForm,
    RequestForm,
    ResendLinkForm,
    TrackForm,
    WithdrawForm,
)
from ..masking import mask_address, mask_email, mask_nik, mask_phone
from ..models import (
    DeliveredFile,
    InformationListEntry,
    InformationRequest,
    Objection,
    RequestEvent,
)
from ..numbers import slug_to_number
from ..timeline import due_rule as _due_rule
from ..timeline import long_date, with_texts
from . import tracking_html
from .common import lookup_value, search_text
from .frame import render_framed

# Rate limits per IP address and per form (prima.core.public_forms); the request form's is
# shared with the JSON API (forms_public.SUBMIT_GROUP).
TRACK_RATE = "30/h"
PICKER_PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 25
# The receipt (with the secret in clear) is shown only in the session that submitted, briefly.
RECEIPT_SESSION_KEY = "inforequests_receipts"
RECEIPT_SECONDS = 30 * 60
GENERIC_TRACK_ERROR = _("Nomor pendaftaran atau kode rahasia tidak cocok. Periksa kembali "
                        "tanda terima Anda.")
DIP_ORDER = (InformationClass.PERIODIC, InformationClass.IMMEDIATE, InformationClass.ON_REQUEST,
             InformationClass.EXEMPT)


# --- helpers -------------------------------------------------------------------------------------


def _private(response, *, posts_back=False):
    """A page or file reached through a secret: no cache, no referrer, not indexed.

    A page whose form posts back to this site (``posts_back``) sends its referrer to this
    origin only: under "no-referrer" browsers send ``Origin: null`` with the POST, which
    Django's CSRF check refuses. Other sites still never see the secret URL.
    """
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin" if posts_back else "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _tracked_or_404(number_slug: str, secret: str) -> InformationRequest:
    ir = tracking.find_by_secret(number_slug, secret)
    if ir is None:
        raise Http404
    return ir


def _tracking_url(ir, secret) -> str:
    return reverse("inforequests:public-tracking", args=[ir.number_slug, secret])


def _date_label(day) -> str:
    return long_date(day)


def _objection_state(ir: InformationRequest, objections, *, today=None) -> dict:
    """Whether the requester may object now (UU 14/2008 Pasal 35-36) and until when: each
    ground has its own window (``deadlines.ground_window``); the latest open one is shown. An
    objection still waiting for the atasan PPID blocks a second one (the service says so too).
    """
    state = {"allowed": False, "deadline": None, "passed": False}
    if ir.status == Status.WITHDRAWN:
        return state
    today = today or deadlines.local_today(ir.satker)
    if today <= ir.due_date and deadlines.notice_of(ir) is None:
        # No window is open yet (most pages): without a written notice grounds a, d and f have
        # not arisen, g needs information granted, c and e open the day after the due date.
        return state
    windows = [w for w in deadlines.objection_windows(
        ir, [g for g in ObjectionGround.values if g != ObjectionGround.B], today=today)
        if w.start is not None and w.opens <= today]
    if not windows:
        return state
    last_day = max(w.last_day for w in windows)
    pending = any(o.status == ObjectionStatus.FILED for o in objections)
    state.update(deadline=last_day, passed=today > last_day,
                 allowed=today <= last_day and not pending)
    return state


def _valid_link(ir: InformationRequest):
    now = timezone.now()
    return (ir.download_links.filter(revoked_at__isnull=True, expires_at__gt=now)
            .order_by("-expires_at").first())


# The tracking page's timeline and objections, compiled once (prima.inforequests.compiled).
_REQUEST_STAND_IN = -7_000_000_001
_TIMELINE = CompiledQuery(
    lambda pk: (RequestEvent.objects.filter(request_id=pk, is_public=True)
                .exclude(kind__in=(EventKind.NOTE, EventKind.REMINDER))
                .order_by("created_at", "id")), _REQUEST_STAND_IN)
_OBJECTIONS = CompiledQuery(
    lambda pk: Objection.objects.filter(request_id=pk).order_by("filed_at"), _REQUEST_STAND_IN)


# Choice labels by value (lazy: written in the reader's language). ``get_FOO_display`` makes
# its dict from the field's choices again on every call, a fifth of the page's template work.
_STATUS_LABELS = dict(Status.choices)
_DECISION_LABELS = dict(Decision.choices)
_EVENT_LABELS = dict(EventKind.choices)
_OBJECTION_STATUS_LABELS = dict(ObjectionStatus.choices)
_OUTCOME_LABELS = dict(ObjectionOutcome.choices)


def _timeline_of(ir: InformationRequest) -> tuple[list, list]:
    """The request's public events and its objections."""
    events = _TIMELINE(ir.pk)
    # ``has_objections`` comes with the request on the tracking page (find_by_secret).
    objections = _OBJECTIONS(ir.pk) if getattr(ir, "has_objections", True) else []
    for objection in objections:
        objection.request = ir
    return events, objections


# The tracking page's own blocks (without the frame and the CSRF token) per process, under a
# digest of everything they are made of (``_blocks_key``); on the page cache's lifetime.
_tracking_blocks = LocalTTLCache(lambda: settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS, size=1024)
setting_changed.connect(_tracking_blocks.clear, dispatch_uid="prima-inforequests-tracking-blocks")


def _values(obj) -> tuple:
    if obj is None:
        return ()
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def _blocks_key(ir: InformationRequest, secret: str, events, objections) -> str | None:
    """A digest of every input of the tracking page's blocks: the rows shown (the request, its
    satker, notice, events and objections, all their columns), the secret in its links, the
    language and time zone, the satker's today and the calendar's version (countdowns and
    objection windows). ``None`` (not kept) for a page with a form (its anti-bot token holds the
    moment it was shown) or with delivered files (their links expire on their own)."""
    if settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS <= 0:
        return None
    if ir.status == Status.CLARIFICATION or ir.delivered_at is not None:
        return None
    inputs = (get_language(), timezone.get_current_timezone_name(), secret,
              calendar_version(), deadlines.local_today(ir.satker), _values(ir),
              _values(ir.satker), _values(deadlines.notice_of(ir)),
              [_values(e) for e in events], [_values(o) for o in objections])
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _tracking_context(ir: InformationRequest, secret: str, *, clarification_form=None,
                      timeline=None) -> dict:
    events, objections = timeline or _timeline_of(ir)
    for event in events:
        event.kind_label = _EVENT_LABELS.get(event.kind, event.kind)
    for objection in objections:
        objection.status_label = _OBJECTION_STATUS_LABELS.get(objection.status,
                                                              objection.status)
        objection.outcome_label = _OUTCOME_LABELS.get(objection.outcome, objection.outcome)
    events = with_texts(events, ir, objections)
    question = ""
    if ir.status == Status.CLARIFICATION:
        asked = [e for e in events if e.kind == EventKind.CLARIFICATION_ASKED]
        question = asked[-1].text if asked else ""
    files = list(ir.delivered_files.all()) if ir.delivered_at else []
    objection = _objection_state(ir, objections)
    return {
        "ir": ir, "secret": secret,
        "status_label": _STATUS_LABELS.get(ir.status, ir.status),
        "decision_label": _DECISION_LABELS.get(ir.decision, ir.decision),
        "notice": deadlines.notice_of(ir),
        "countdown": deadlines.countdown(ir),
        "due_label": _date_label(ir.due_date),
        "due_rule": _due_rule(ir),
        "masked": {"nik": mask_nik(ir.nik), "address": mask_address(ir.address),
                   "phone": mask_phone(ir.phone), "email": mask_email(ir.email)},
        "events": events,
        "objections": objections,
        "clarification_question": question,
        # The form (and its anti-bot token) only when the PPID asked something.
        "clarification_form": clarification_form or (ClarificationAnswerForm() if question
                                                     else None),
        "files": files,
        "can_download": bool(files) and _valid_link(ir) is not None,
        "objection_allowed": objection["allowed"],
        "objection_deadline_label": _date_label(objection["deadline"]),
        "objection_deadline_passed": objection["passed"],
    }


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _serve_delivered(request, link, file: DeliveredFile):
    """Log the download (the proof of handover), then stream the file or go to the dataset."""
    handle = None
    if not file.link_url:
        try:
            handle = file.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404(_("Berkas tidak tersedia.")) from exc
    try:
        services.record_download(link=link, file=file, ip_address=_client_ip(request),
                                 user_agent=request.META.get("HTTP_USER_AGENT", ""))
    except ValidationError as exc:
        if handle is not None:
            handle.close()
        return _link_gone(request, " ".join(exc.messages))
    if handle is None:
        return _private(redirect(file.link_url))
    response = FileResponse(handle, as_attachment=True,
                            filename=file.original_name or f"berkas-{file.pk}",
                            content_type=file.content_type or "application/octet-stream")
    return _private(response)


def _link_gone(request, message: str):
    return _private(render(request, "inforequests/public/link_gone.html",
                           {"message": message}, status=410))


def _gone_message(link) -> str:
    if link.revoked_at is not None:
        return _("Tautan unduhan ini telah dicabut oleh PPID.")
    return _("Masa berlaku tautan unduhan ini telah habis pada %(date)s.") % {
        "date": _date_label(timezone.localtime(link.expires_at).date())}


# --- satker picker and request form -------------------------------------------------------------


@require_GET
def start(request):
    """Pick the satker: search by name/region/code, or browse provinces and their kab/kota."""
    q = search_text(request.GET.get("q"))
    context = {"q": q}
    if q:
        results = Satker.objects.search(q).select_related("parent").only(
            "code", "name", "parent__name").order_by("code")
        context.update(page_obj=Paginator(results, PICKER_PAGE_SIZE).get_page(
            request.GET.get("page")), query_string=query_without_page(request))
    else:
        units = Satker.objects.only("code", "name", "parent_id").order_by("code")
        context.update(
            root=Satker.objects.filter(level=Level.NATIONAL).only("code", "name").first(),
            provinces=(Satker.objects.filter(level=Level.PROVINCE).only("code", "name")
                       .order_by("code")
                       .prefetch_related(Prefetch("children", queryset=units, to_attr="units"))),
        )
    response = render(request, "inforequests/public/start.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@guard_posts(group=SUBMIT_GROUP, rate=SUBMIT_RATE)
@require_http_methods(["GET", "POST"])
def request_form(request, code):
    satker = get_object_or_404(Satker.objects.only("pk", "code", "name", "timezone"),
                               code=lookup_value(code))
    form = RequestForm(posted(request), posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        try:
            ir, secret = services.register_request(
                satker=satker, channel=Channel.WEB, data=form.service_data(),
                attachments=form.service_attachments())
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            receipts = request.session.get(RECEIPT_SESSION_KEY, {})
            receipts[ir.number_slug] = {"secret": secret, "at": time.time()}
            request.session[RECEIPT_SESSION_KEY] = receipts
            return redirect("inforequests:public-receipt", number_slug=ir.number_slug)
    return render(request, "inforequests/public/request_form.html",
                  {"satker": satker, "form": form})


@require_GET
def receipt(request, number_slug):
    """The receipt with the secret in clear: only in the submitting session, for a while."""
    receipts = request.session.get(RECEIPT_SESSION_KEY, {})
    entry = receipts.get(number_slug)
    if not entry or time.time() - entry.get("at", 0) > RECEIPT_SECONDS:
        if entry:
            receipts.pop(number_slug, None)
            request.session[RECEIPT_SESSION_KEY] = receipts
        raise Http404
    ir = _tracked_or_404(number_slug, entry["secret"])
    path = _tracking_url(ir, entry["secret"])
    return _private(render(request, "inforequests/public/receipt.html", {
        "ir": ir, "secret": entry["secret"],
        "tracking_url": request.build_absolute_uri(path),
        "received_label": _date_label(ir.received_on),
        "due_label": _date_label(ir.due_date),
        "due_rule": _due_rule(ir),
    }))


# --- tracking ------------------------------------------------------------------------------------


@guard_posts(group="inforequests-track", rate=TRACK_RATE)
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ir = tracking.find_by_secret(form.number_slug, form.cleaned_data["secret"])
        if ir is not None:
            return _private(redirect(_tracking_url(ir, form.cleaned_data["secret"])))
        form.add_error(None, GENERIC_TRACK_ERROR)
    return _private(render(request, "inforequests/public/track.html", {"form": form}),
                    posts_back=True)


# Sending links again costs an email: a tighter limit than tracking.
RESEND_RATE = "5/h"


@guard_posts(group="inforequests-resend", rate=RESEND_RATE)
@require_http_methods(["GET", "POST"])
def resend_link(request):
    """A requester who lost the tracking secret gets the link again by email. The answer is the
    same whether or not the email is known (never reveal which addresses made requests)."""
    form = ResendLinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.resend_tracking_links(email=form.cleaned_data["email"],
                                           number=form.cleaned_data["number"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            messages.success(request, _(
                "Jika alamat email tersebut tercatat pada permohonan, tautan pelacakan baru "
                "telah dikirim ke alamat itu. Periksa kotak masuk dan folder spam Anda."))
            return _private(redirect("inforequests:public-track"))
    return _private(render(request, "inforequests/public/resend_link.html", {"form": form}),
                    posts_back=True)


@require_GET
def tracking_page(request, number_slug, secret):
    ir = tracking.find_by_secret(number_slug, secret, objections_flag=True)
    if ir is None:
        raise Http404
    # Kept blocks are used only here, after the secret matched; the page stays private.
    timeline = _timeline_of(ir)
    return _private(render_framed(
        request, "inforequests/public/tracking.html",
        lambda: _tracking_context(ir, secret, timeline=timeline),
        kept=_tracking_blocks, key=_blocks_key(ir, secret, *timeline),
        write=tracking_html.blocks), posts_back=True)


@guard_posts(group="inforequests-clarification", rate=TRACK_RATE)
@require_POST
def clarification_answer(request, number_slug, secret):
    ir = _tracked_or_404(number_slug, secret)
    form = ClarificationAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_clarification(request=ir, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            messages.success(request, _("Jawaban klarifikasi Anda telah dikirim kepada PPID."))
            return _private(redirect(_tracking_url(ir, secret)))
    return _private(render(request, "inforequests/public/tracking.html",
                           _tracking_context(ir, secret, clarification_form=form)),
                    posts_back=True)


@guard_posts(group="inforequests-withdraw", rate=TRACK_RATE)
@require_http_methods(["GET", "POST"])
def withdraw(request, number_slug, secret):
    """Withdraw the request, after an explicit confirmation."""
    ir = _tracked_or_404(number_slug, secret)
    tracking_url = _tracking_url(ir, secret)
    if not ir.is_open:
        messages.error(request, _("Permohonan ini tidak dapat ditarik lagi karena sudah "
                                  "diputus, diserahkan, atau ditarik."))
        return _private(redirect(tracking_url))
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_request(request=ir, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            messages.success(request, _("Permohonan %(number)s telah ditarik.")
                             % {"number": ir.number})
            return _private(redirect(tracking_url))
    return _private(confirm_page(
        request, base="inforequests/public/base.html",
        title=_("Tarik permohonan %(number)s?") % {"number": ir.number},
        message=_("Permohonan yang ditarik tidak akan diproses lagi dan tidak dapat dibuka "
                  "kembali. Anda dapat mengajukan permohonan baru kapan saja."),
        confirm_label=_("Ya, tarik permohonan"), cancel_url=tracking_url,
        crumbs=[(_("Lacak permohonan"), tracking_url)],
        facts=[(_("Nomor pendaftaran"), ir.number), (_("Status"), ir.get_status_display()),
               (_("Diterima"), _date_label(ir.received_on))],
        form=form, action_url=reverse("inforequests:public-withdraw",
                                      args=[ir.number_slug, secret]),
    ), posts_back=True)


@guard_posts(group="inforequests-objection", rate=TRACK_RATE)
@require_http_methods(["GET", "POST"])
def objection(request, number_slug, secret):
    """File a keberatan (UU 14/2008 Pasal 35(1)); the service checks the 30-working-day limit."""
    ir = _tracked_or_404(number_slug, secret)
    form = ObjectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.file_objection(
                request=ir, grounds=form.cleaned_data["grounds"],
                case_description=form.cleaned_data["case_description"],
                proxy_name=form.cleaned_data["proxy_name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            messages.success(request, _(
                "Keberatan Anda terdaftar dengan nomor %(number)s. Atasan PPID wajib "
                "menanggapinya paling lambat %(date)s.")
                % {"number": filed.number, "date": _date_label(filed.due_date)})
            return _private(redirect(_tracking_url(ir, secret)))
    state = _objection_state(ir, list(ir.objections.all()))
    return _private(render(request, "inforequests/public/objection_form.html", {
        "ir": ir, "secret": secret, "form": form,
        "deadline_label": _date_label(state["deadline"]),
        "ground_labels": dict(ObjectionGround.choices),
    }), posts_back=True)


@guard_posts(group="inforequests-objection", rate=TRACK_RATE)
@require_http_methods(["GET", "POST"])
def periodic_objection(request, code):
    """A keberatan because periodic information is not published (UU 14/2008 Pasal 35(1) b),
    filed without a request."""
    satker = get_object_or_404(Satker.objects.only("pk", "code", "name"),
                               code=lookup_value(code))
    form = PeriodicObjectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            filed = services.file_objection(
                satker=satker, grounds=[ObjectionGround.B],
                case_description=f"{d['information']}\n\n{d['case_description']}",
                requester={"full_name": d["full_name"], "address": d["address"],
                           "email": d["email"], "phone": d["phone"]},
                reason_date=d["reason_date"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_token()
        else:
            messages.success(request, _(
                "Keberatan Anda terdaftar dengan nomor %(number)s. Atasan PPID wajib "
                "menanggapinya paling lambat %(date)s.")
                % {"number": filed.number, "date": _date_label(filed.due_date)})
            return redirect("inforequests:public-dip", code=satker.code)
    return render(request, "inforequests/public/periodic_objection.html",
                  {"satker": satker, "form": form})


@require_GET
def notice_pdf(request, number_slug, secret):
    ir = _tracked_or_404(number_slug, secret)
    notice = deadlines.notice_of(ir)
    if notice is None or not notice.pdf:
        raise Http404
    try:
        handle = notice.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas pemberitahuan tidak tersedia.")) from exc
    return _private(FileResponse(handle, as_attachment=True, content_type="application/pdf",
                                 filename=f"pemberitahuan-{ir.number_slug}.pdf"))


@require_GET
def tracking_file(request, number_slug, secret, file_pk):
    """A delivered file from the tracking page, while a download link of the request is valid
    (logged against that link like a download through it)."""
    ir = _tracked_or_404(number_slug, secret)
    file = get_object_or_404(DeliveredFile, pk=file_pk, request=ir)
    link = _valid_link(ir)
    if link is None:
        return _link_gone(request, _("Masa berlaku tautan unduhan permohonan ini telah habis."))
    return _serve_delivered(request, link, file)


# --- downloads -----------------------------------------------------------------------------------


def _link_or_404(token):
    link = tracking.find_download_link(token)
    if link is None:
        raise Http404
    return link


@require_GET
def download_list(request, token):
    link = _link_or_404(token)
    if not link.is_valid:
        return _link_gone(request, _gone_message(link))
    ir = link.request
    return _private(render(request, "inforequests/public/download_list.html", {
        "ir": ir, "token": token, "files": list(ir.delivered_files.all()),
        "notice": deadlines.notice_of(ir),
        "expires_label": _date_label(timezone.localtime(link.expires_at).date()),
    }))


@require_GET
def download(request, token, file_pk):
    link = _link_or_404(token)
    if not link.is_valid:
        return _link_gone(request, _gone_message(link))
    file = get_object_or_404(DeliveredFile, pk=file_pk, request_id=link.request_id)
    return _serve_delivered(request, link, file)


# --- public register and DIP ---------------------------------------------------------------------


def _register_queryset():
    # Only public columns are loaded: the requester's personal data never leaves the database.
    return (InformationRequest.objects.filter(is_published=True)
            .select_related("satker")
            .annotate(notice_issued_at=F("notice__issued_at"))
            .only("number", "received_at", "information_requested", "status", "decision",
                  "delivered_at", "answer_published_at", "satker__code", "satker__name")
            .order_by("-received_at", "-id"))


@require_GET
@public_page
def register(request):
    form = RegisterFilterForm(request.GET or None)
    requests = _register_queryset()
    satker = None
    if form.is_valid():
        data = form.cleaned_data
        code = data["satker"]
        if code:
            satker = Satker.objects.only("pk", "code", "name").filter(code=code).first()
        if code and satker is None:
            form.add_error("satker", _("Satuan kerja dengan kode ini tidak ditemukan."))
            requests = requests.none()
        else:
            requests = requests.in_register(satker=satker, year=data["year"],
                                            decision=data["decision"], q=data["q"])
    elif form.is_bound:
        requests = requests.none()
    return render(request, "inforequests/public/register.html", {
        "form": form, "satker": satker,
        "page_obj": Paginator(requests, REGISTER_PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": query_without_page(request),
    })


def _register_entry_or_404(number_slug) -> InformationRequest:
    ir = (_register_queryset().filter(number=slug_to_number(number_slug))
          .only("number", "received_at", "information_requested", "purpose", "status",
                "decision", "delivered_at", "published_answer", "answer_published_at",
                "obtain_method", "copy_form", "costs", "satker__code", "satker__name")
          .first()) if "\x00" not in number_slug else None
    if ir is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    return ir


@require_GET
def register_entry(request, number_slug):
    """One row of the public register, with the published answer and documents when the PPID
    published them. Never any personal data of the requester."""
    ir = _register_entry_or_404(number_slug)
    files = (list(ir.delivered_files.filter(is_published=True).order_by("id"))
             if ir.answer_published_at else [])
    return render(request, "inforequests/public/register_entry.html",
                  {"ir": ir, "files": files})


@require_GET
def register_file(request, number_slug, file_pk):
    """A document published with the answer (served privately, never from a guessable URL of
    the storage)."""
    ir = _register_entry_or_404(number_slug)
    item = get_object_or_404(DeliveredFile, request=ir, pk=file_pk, is_published=True)
    if ir.answer_published_at is None:
        raise Http404
    if item.link_url:
        return redirect(item.link_url)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas tidak tersedia.")) from exc
    return FileResponse(handle, as_attachment=True,
                        filename=item.original_name or f"berkas-{item.pk}",
                        content_type=item.content_type or "application/octet-stream")


@require_GET
def dip(request, code):
    satker = get_object_or_404(Satker.objects.only("pk", "code", "name"),
                               code=lookup_value(code))
    entries = list(InformationListEntry.objects.filter(satker=satker, is_published=True)
                   .select_related("document", "dataset").order_by("title"))
    groups = [{"key": cls.value, "label": cls.label,
               "entries": [e for e in entries if e.information_class == cls]}
              for cls in DIP_ORDER]
    return render(request, "inforequests/public/dip.html", {"satker": satker, "groups": groups})
