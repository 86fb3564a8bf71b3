"""The officer's pages: inbox, offline entry, the request file with its workflow actions,
objections, consequence tests and the Daftar Informasi Publik.

Every object is fetched through a queryset filtered by ``policies`` (``Purpose.INFORMATION``),
so a request of another satker answers 404 exactly like one that does not exist; actions also
need the write right (PPID and atasan PPID), else 404 as well. Writes are POST only and go
through ``services``; a ``ValidationError`` is shown on the form and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core import calendar
from prima.core.viewutils import add_service_errors, page_of, posted, query_without_page
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, has_any_scope, satkers_for

from . import deadlines, emails, policies, services
from .choices import GIVEN_DECISIONS, OFFLINE_CHANNELS, OPEN_STATUSES, ObjectionStatus, Status
from .forms_staff import (
    AddFileForm,
    AssignForm,
    ClarificationAnswerForm,
    ClarificationForm,
    ConsequenceTestForm,
    CountdownState,
    DecideForm,
    DeliverForm,
    DisputeForm,
    ExtendForm,
    InboxFilterForm,
    InformationListEntryForm,
    NoteForm,
    ObjectionDecideForm,
    ObjectionFilterForm,
    OfflineRequestForm,
    RequesterResponseForm,
    WithdrawForm,
)
from .masking import mask_address, mask_email, mask_nik, mask_phone
from .models import (
    ConsequenceTest,
    DeliveredFile,
    Dispute,
    InformationListEntry,
    InformationRequest,
    Notice,
    Objection,
    RequestAttachment,
)
from .numbers import number_to_slug, slug_to_number

# --- Shared helpers ----------------------------------------------------------------------------


def _information_satkers(user, *, write=False):
    return satkers_for(user, Purpose.INFORMATION, write=write)


def _information_satkers_or_404(user):
    """The satkers whose requests ``user`` reads; a person who serves none gets a 404."""
    if not has_any_scope(user, Purpose.INFORMATION):
        raise Http404(_("Halaman ini hanya untuk petugas informasi."))
    return _information_satkers(user)


def _requester_name(name: str, visible: bool) -> str:
    """The requester's name for staff lists: in full for PPID staff, initials for others."""
    if visible:
        return name
    return " ".join(f"{part[0]}***" for part in name.split() if part)


@dataclass
class Deadlines:
    """Per satker: its local today and the first date that is no longer "due soon"."""

    today: dict[int, dt.date]
    soon_before: dict[int, dt.date]

    @classmethod
    def for_satkers(cls, satkers) -> Deadlines:
        today, soon_before = {}, {}
        for satker in satkers:
            day = deadlines.local_today(satker)
            today[satker.pk] = day
            # "Soon" = at most SOON_WORKING_DAYS working days left (deadlines.countdown).
            soon_before[satker.pk] = calendar.add_working_days(
                day, deadlines.SOON_WORKING_DAYS + 1, satker=satker)
        return cls(today, soon_before)

    def _grouped(self, key):
        groups = defaultdict(list)
        for satker_id in self.today:
            groups[key(satker_id)].append(satker_id)
        return groups

    def overdue_q(self) -> Q:
        q = Q(pk__in=[])
        for day, ids in self._grouped(lambda s: self.today[s]).items():
            q |= Q(satker_id__in=ids, due_date__lt=day)
        return q & Q(status__in=OPEN_STATUSES)

    def soon_q(self) -> Q:
        q = Q(pk__in=[])
        for (day, before), ids in self._grouped(
                lambda s: (self.today[s], self.soon_before[s])).items():
            q |= Q(satker_id__in=ids, due_date__gte=day, due_date__lt=before)
        return q & Q(status__in=OPEN_STATUSES)


# --- Inbox -------------------------------------------------------------------------------------


@dataclass
class InboxRow:
    request: InformationRequest
    requester: str
    countdown: deadlines.Countdown


def _open_due_ordering():
    return Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1),
                output_field=IntegerField())


SORTS = {
    "due": (_open_due_ordering(), "due_date", "id"),
    "-received": ("-received_at", "-id"),
    "received": ("received_at", "id"),
    "number": ("satker__code", "year", "sequence"),
}


@login_required
@require_GET
def inbox(request):
    """Requests of the satkers the person serves, nearest deadline first."""
    user = request.user
    satkers = _information_satkers_or_404(user)
    scope = InformationRequest.objects.filter(satker__in=satkers)
    several = satkers[:2].count() > 1
    years = list(scope.order_by("-year").values_list("year", flat=True).distinct())
    form = InboxFilterForm(request.GET or None, satkers=satkers, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("satker"):
        scope = scope.filter(satker=data["satker"])
    # The deadline thresholds of every satker with open requests (one query, calendar cached).
    bounds = Deadlines.for_satkers(
        Satker.objects.filter(pk__in=scope.open().values("satker_id")).only("pk", "timezone",
                                                                            "code", "name"))
    counters = scope.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        soon=Count("pk", filter=bounds.soon_q()),
        overdue=Count("pk", filter=bounds.overdue_q()),
    )
    requests = scope
    status = data.get("status")
    if status == InboxFilterForm.OPEN:
        requests = requests.open()
    elif status:
        requests = requests.filter(status=status)
    if data.get("channel"):
        requests = requests.filter(channel=data["channel"])
    if data.get("year"):
        requests = requests.filter(year=data["year"])
    assigned = data.get("assigned")
    if assigned == InboxFilterForm.ASSIGNED_ME:
        requests = requests.filter(assigned_to=user)
    elif assigned == InboxFilterForm.ASSIGNED_NONE:
        requests = requests.filter(assigned_to__isnull=True)
    countdown = data.get("countdown")
    if countdown == CountdownState.OVERDUE:
        requests = requests.filter(bounds.overdue_q())
    elif countdown == CountdownState.SOON:
        requests = requests.filter(bounds.soon_q())
    elif countdown == CountdownState.OK:
        requests = requests.open().exclude(bounds.overdue_q()).exclude(bounds.soon_q())
    q = data.get("q")
    if q:
        requests = requests.filter(Q(number__icontains=q) | Q(number__icontains=slug_to_number(q))
                                   | Q(full_name__icontains=q)
                                   | Q(information_requested__icontains=q))
    requests = (requests.select_related("satker", "assigned_to")
                .order_by(*SORTS.get(data.get("sort") or "due", SORTS["due"])))
    page_obj = page_of(request, requests)
    page_obj.object_list = [
        InboxRow(r, _requester_name(r.full_name, policies.can_see_personal_data(user, r)),
                 deadlines.countdown(r, today=bounds.today.get(r.satker_id)))
        for r in page_obj.object_list
    ]
    filtered = any(request.GET.get(k) for k in ("q", "status", "channel", "countdown",
                                                 "assigned", "year", "satker"))
    return render(request, "inforequests/staff/inbox.html", {
        "form": form, "page_obj": page_obj, "query_string": query_without_page(request),
        "counters": counters, "several_satkers": several, "filtered": filtered,
        "can_create": _information_satkers(user, write=True).exists(),
        "single_satker": None if several else satkers.first(),
    })


# --- Offline entry -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """Record a request received by email, letter, phone or in person."""
    satkers = _information_satkers(request.user, write=True)
    if not satkers.exists():
        raise Http404(_("Tidak ada satker tempat Anda dapat mencatat permohonan."))
    form = OfflineRequestForm(posted(request), posted(request, files=True), satkers=satkers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            information_request, secret = services.register_request(
                satker=data["satker"], channel=data["channel"], data=form.service_data(),
                attachments=form.service_attachments(), actor=request.user,
                received_at=data["received_at"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            # The secret exists in clear only now: shown once, never stored.
            messages.success(request, _("Permohonan %(number)s dicatat.")
                             % {"number": information_request.number})
            return render(request, "inforequests/staff/created.html", {
                "ir": information_request, "secret": secret,
                "tracking_link": emails.tracking_url(information_request, secret),
            })
    return render(request, "inforequests/staff/create.html", {"form": form})


# --- The request file --------------------------------------------------------------------------


def _get_request(request, number_slug, *, write=False) -> InformationRequest:
    information_request = (policies.requests_visible_to(request.user)
                           .select_related("satker", "assigned_to", "created_by")
                           .filter(number=slug_to_number(number_slug)).first())
    if information_request is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    if write and not policies.can_act_on(request.user, information_request):
        raise Http404(_("Permohonan tidak ditemukan."))
    return information_request


def available_actions(information_request) -> set[str]:
    """The steps the request's state allows (the service checks again)."""
    status = information_request.status
    actions = {"note"}
    if status in OPEN_STATUSES:
        actions |= {"assign", "decide", "withdraw"}
        if status != Status.CLARIFICATION:
            actions.add("clarify")
        if not information_request.is_extended and (
                deadlines.local_today(information_request.satker)
                <= information_request.due_date):
            actions.add("extend")
    if status == Status.CLARIFICATION:
        actions.add("clarification-answer")
    if status in (Status.DECIDED, Status.DELIVERED) and \
            information_request.decision in GIVEN_DECISIONS:
        actions |= {"add-file", "deliver"}
    return actions


ACTION_FORMS = {
    "assign": AssignForm,
    "note": NoteForm,
    "clarify": ClarificationForm,
    "clarification-answer": ClarificationAnswerForm,
    "extend": ExtendForm,
    "decide": DecideForm,
    "add-file": AddFileForm,
    "deliver": DeliverForm,
    "withdraw": WithdrawForm,
}
# The order and headings of the action panels on the request file.
ACTION_LABELS = {
    "assign": gettext_lazy("Tugaskan petugas"),
    "note": gettext_lazy("Tambah catatan internal"),
    "clarify": gettext_lazy("Minta klarifikasi kepada pemohon"),
    "clarification-answer": gettext_lazy("Catat jawaban klarifikasi pemohon"),
    "extend": gettext_lazy("Perpanjang jangka waktu"),
    "decide": gettext_lazy("Putuskan dan terbitkan pemberitahuan tertulis"),
    "add-file": gettext_lazy("Siapkan berkas atau tautan"),
    "deliver": gettext_lazy("Serahkan: buat tautan unduhan pribadi"),
    "withdraw": gettext_lazy("Catat penarikan oleh pemohon"),
}


@dataclass
class ActionPanel:
    name: str
    label: str
    form: object
    url: str

    @property
    def has_errors(self) -> bool:
        return self.form.is_bound and bool(self.form.errors)


SATKER_FORMS = {"assign", "decide"}


def _action_form(name, information_request, data=None, files=None):
    kwargs = {"satker": information_request.satker} if name in SATKER_FORMS else {}
    if name == "add-file":
        return AddFileForm(data, files)
    return ACTION_FORMS[name](data, **kwargs)


def _personal(information_request, visible: bool) -> dict:
    r = information_request
    if visible:
        return {"nik": r.nik, "address": r.address, "phone": r.phone, "email": r.email}
    return {"nik": mask_nik(r.nik), "address": mask_address(r.address),
            "phone": mask_phone(r.phone), "email": mask_email(r.email)}


def _render_detail(request, information_request, bound=None, status=200):
    """The request file; ``bound`` is the action form that failed, shown with its errors."""
    user = request.user
    ir = information_request
    can_act = policies.can_act_on(user, ir)
    visible = policies.can_see_personal_data(user, ir)
    actions = available_actions(ir) if can_act else set()
    if bound is not None:
        # Shown even when the state no longer allows the step, to carry its error message.
        actions.add(bound[0])
    panels = [
        ActionPanel(name, ACTION_LABELS[name],
                    bound[1] if bound is not None and bound[0] == name
                    else _action_form(name, ir),
                    reverse(f"inforequests:staff-{name}", args=[ir.number_slug]))
        for name in ACTION_LABELS if name in actions
    ]
    notice = deadlines.notice_of(ir)
    return render(request, "inforequests/staff/detail.html", {
        "ir": ir,
        "personal": _personal(ir, visible),
        "show_personal": visible,
        "requester": _requester_name(ir.full_name, visible),
        "countdown": deadlines.countdown(ir),
        "notice": notice,
        "attachments": list(ir.attachments.all()),
        "events": list(ir.events.select_related("actor")),
        "delivered_files": list(ir.delivered_files.select_related("added_by")
                                .annotate(n_downloads=Count("downloads"))),
        "download_links": list(ir.download_links.all()),
        "objections": [_with_slug(o) for o in ir.objections.all()],
        "can_act": can_act,
        "panels": panels,
        "is_offline": ir.channel in OFFLINE_CHANNELS,
        "consequence_test_create": (
            reverse("inforequests:staff-consequence-test-create")
            + f"?satker={ir.satker.code}&next={ir.get_absolute_url()}"),
    }, status=status)


@login_required
@require_GET
def detail(request, number_slug):
    return _render_detail(request, _get_request(request, number_slug))


def _assign(ir, form, user):
    services.assign_request(request=ir, officer=form.cleaned_data["officer"], actor=user)
    return _("Petugas ditugaskan.")


def _note(ir, form, user):
    services.add_note(request=ir, text=form.cleaned_data["text"], actor=user)
    return _("Catatan internal disimpan.")


def _clarify(ir, form, user):
    services.ask_clarification(request=ir, question=form.cleaned_data["question"], actor=user)
    return _("Permintaan klarifikasi dicatat dan dikirim kepada pemohon.")


def _clarification_answer(ir, form, user):
    services.answer_clarification(request=ir, answer=form.cleaned_data["answer"], actor=user)
    return _("Jawaban klarifikasi pemohon dicatat.")


def _extend(ir, form, user):
    ir = services.extend_request(request=ir, days=form.cleaned_data["days"],
                                 reasons=form.cleaned_data["reasons"], actor=user)
    return _("Jangka waktu diperpanjang; batas waktu baru %(date)s.") % {
        "date": calendar.format_date(ir.due_date)}


def _decide(ir, form, user):
    notice = services.decide_request(
        request=ir, actor=user, decision=form.cleaned_data["decision"],
        notice_data=form.notice_data(), consequence_test=form.cleaned_data["consequence_test"])
    return _("Pemberitahuan tertulis diterbitkan: %(decision)s.") % {
        "decision": notice.get_decision_display()}


def _add_file(ir, form, user):
    d = form.cleaned_data
    services.add_delivered_file(request=ir, actor=user, title=d["title"], upload=d["upload"],
                                link_url=d["link_url"], is_redacted=d["is_redacted"],
                                redaction_note=d["redaction_note"])
    return _("Berkas “%(title)s” disiapkan.") % {"title": d["title"]}


def _withdraw(ir, form, user):
    services.withdraw_request(request=ir, actor=user, reason=form.cleaned_data["reason"])
    return _("Permohonan dicatat sebagai ditarik pemohon.")


HANDLERS = {
    "assign": _assign,
    "note": _note,
    "clarify": _clarify,
    "clarification-answer": _clarification_answer,
    "extend": _extend,
    "decide": _decide,
    "add-file": _add_file,
    "withdraw": _withdraw,
}


@login_required
@require_POST
def request_action(request, number_slug, action):
    """One workflow step on a request (``action`` comes from the URL pattern, not the user)."""
    ir = _get_request(request, number_slug, write=True)
    form = _action_form(action, ir, request.POST, request.FILES)
    if form.is_valid():
        try:
            if action == "deliver":
                link, token = services.deliver_request(
                    request=ir, actor=request.user, valid_days=form.cleaned_data["valid_days"])
            else:
                message = HANDLERS[action](ir, form, request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            if action == "deliver":
                url = emails.download_url(token)
                messages.success(request, _("Tautan unduhan pribadi dibuat."))
                # The token exists in clear only now: shown once to the officer, never stored.
                return render(request, "inforequests/staff/delivered.html", {
                    "ir": ir, "link": link, "token": token, "download_link": url,
                    "is_offline": ir.channel in OFFLINE_CHANNELS,
                })
            messages.success(request, message)
            return redirect("inforequests:staff-detail", number_slug=ir.number_slug)
    ir.refresh_from_db()
    messages.error(request, _("Langkah tidak disimpan; periksa isian pada formulir."))
    return _render_detail(request, ir, bound=(action, form), status=400)


def _file_response(field_file, *, filename, content_type) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas tidak tersedia.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type or "application/octet-stream")
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def delivered_file(request, number_slug, file_id):
    """A soft copy prepared for the requester, as the officer sees it."""
    ir = _get_request(request, number_slug)
    item = get_object_or_404(DeliveredFile, request=ir, pk=file_id)
    if not item.file:
        raise Http404(_("Berkas ini berupa tautan."))
    return _file_response(item.file, filename=item.original_name or f"berkas-{item.pk}",
                          content_type=item.content_type)


@login_required
@require_GET
def attachment(request, number_slug, file_id):
    """An attachment of the requester (ID scan, power of attorney): PPID staff only."""
    ir = _get_request(request, number_slug)
    if not policies.can_see_personal_data(request.user, ir):
        raise Http404(_("Berkas tidak ditemukan."))
    item = get_object_or_404(RequestAttachment, request=ir, pk=file_id)
    return _file_response(item.file, filename=item.original_name,
                          content_type=item.content_type)


@login_required
@require_GET
def notice_pdf(request, number_slug):
    ir = _get_request(request, number_slug)
    notice = Notice.objects.filter(request=ir).first()
    if notice is None:
        raise Http404(_("Pemberitahuan tertulis belum terbit."))
    return _file_response(notice.pdf, filename=f"pemberitahuan-{ir.number_slug}.pdf",
                          content_type="application/pdf")


def _with_slug(objection):
    objection.slug = number_to_slug(objection.number)
    return objection


# --- Objections --------------------------------------------------------------------------------


@dataclass
class ObjectionRow:
    objection: Objection
    requester: str
    countdown: deadlines.Countdown


@login_required
@require_GET
def objections(request):
    user = request.user
    satkers = _information_satkers_or_404(user)
    form = ObjectionFilterForm(request.GET or None, satkers=satkers)
    items = policies.objections_visible_to(user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("satker"):
        items = items.filter(satker=data["satker"])
    if data.get("status"):
        items = items.filter(status=data["status"])
    if data.get("outcome"):
        items = items.filter(outcome=data["outcome"])
    if data.get("q"):
        q = data["q"]
        items = items.filter(Q(number__icontains=q) | Q(number__icontains=slug_to_number(q))
                             | Q(request__number__icontains=slug_to_number(q))
                             | Q(request__full_name__icontains=q))
    items = items.select_related("satker", "request").order_by(
        Case(When(status=ObjectionStatus.FILED, then=Value(0)), default=Value(1),
             output_field=IntegerField()), "due_date", "id")
    page_obj = page_of(request, items)
    today = {}
    rows = []
    for o in page_obj.object_list:
        if o.satker_id not in today:
            today[o.satker_id] = deadlines.local_today(o.satker)
        visible = policies.can_see_personal_data_of(user, o.satker)
        rows.append(ObjectionRow(_with_slug(o), _requester_name(o.request.full_name, visible),
                                 deadlines.objection_countdown(o, today=today[o.satker_id])))
    page_obj.object_list = rows
    return render(request, "inforequests/staff/objections.html", {
        "form": form, "page_obj": page_obj, "query_string": query_without_page(request),
        "several_satkers": satkers[:2].count() > 1,
        "filtered": any(request.GET.get(k) for k in ("q", "status", "outcome", "satker")),
    })


def _get_objection(request, number_slug) -> Objection:
    objection = (policies.objections_visible_to(request.user)
                 .select_related("satker", "request", "request__satker", "decided_by")
                 .filter(number=slug_to_number(number_slug)).first())
    if objection is None:
        raise Http404(_("Keberatan tidak ditemukan."))
    return objection


def _objection_forms(user, objection, bound=None) -> dict:
    forms = {}
    can_act = policies.can_act_for_satker(user, objection.satker)
    if objection.status == ObjectionStatus.FILED and policies.can_decide_objection(user,
                                                                                   objection):
        forms["decide"] = ObjectionDecideForm()
    if objection.status == ObjectionStatus.DECIDED and can_act:
        forms["response"] = RequesterResponseForm(
            initial={"text": objection.requester_response})
        if not Dispute.objects.filter(objection=objection).exists():
            forms["dispute"] = DisputeForm()
    elif objection.status == ObjectionStatus.FILED and can_act and \
            deadlines.local_today(objection.satker) > objection.due_date:
        # The atasan did not answer in time: the requester may go to the Komisi Informasi.
        forms["dispute"] = DisputeForm()
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


def _render_objection(request, objection, bound=None, status=200):
    user = request.user
    visible = policies.can_see_personal_data_of(user, objection.satker)
    return render(request, "inforequests/staff/objection_detail.html", {
        "objection": _with_slug(objection),
        "ir": objection.request,
        "requester": _requester_name(objection.request.full_name, visible),
        "personal": _personal(objection.request, visible),
        "countdown": deadlines.objection_countdown(objection),
        "dispute": Dispute.objects.filter(objection=objection).first(),
        "dispute_deadline": deadlines.dispute_deadline(objection),
        "forms": _objection_forms(user, objection, bound),
    }, status=status)


@login_required
@require_GET
def objection_detail(request, number_slug):
    return _render_objection(request, _get_objection(request, number_slug))


def _objection_post(request, number_slug, name, form_class, allowed, call, message):
    objection = _get_objection(request, number_slug)
    if not allowed(request.user, objection):
        raise Http404(_("Keberatan tidak ditemukan."))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(objection, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, message)
            return redirect("inforequests:staff-objection-detail", number_slug=number_slug)
    objection.refresh_from_db()
    messages.error(request, _("Langkah tidak disimpan; periksa isian pada formulir."))
    return _render_objection(request, objection, bound=(name, form), status=400)


def _may_write_objection(user, objection) -> bool:
    return policies.can_act_for_satker(user, objection.satker)


@login_required
@require_POST
def objection_decide(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "decide", ObjectionDecideForm, policies.can_decide_objection,
        lambda o, d: services.decide_objection(objection=o, actor=user, outcome=d["outcome"],
                                               response=d["response"]),
        _("Tanggapan atasan PPID atas keberatan disimpan."))


@login_required
@require_POST
def objection_response(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "response", RequesterResponseForm, _may_write_objection,
        lambda o, d: services.record_requester_response(objection=o, text=d["text"],
                                                        actor=user),
        _("Tanggapan pemohon dicatat."))


@login_required
@require_POST
def dispute(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "dispute", DisputeForm, _may_write_objection,
        lambda o, d: services.record_dispute(objection=o, actor=user, **d),
        _("Sengketa informasi dicatat."))


# --- Consequence tests -------------------------------------------------------------------------


@login_required
@require_GET
def consequence_tests(request):
    user = request.user
    satkers = _information_satkers_or_404(user)
    tests = (ConsequenceTest.objects.filter(satker__in=satkers)
             .select_related("satker", "decided_by"))
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        tests = tests.filter(Q(title__icontains=q) | Q(exempt_content__icontains=q))
    code = request.GET.get("satker", "").strip()
    if code:
        tests = tests.filter(satker__code=code)
    return render(request, "inforequests/staff/consequence_tests.html", {
        "page_obj": page_of(request, tests), "query_string": query_without_page(request), "q": q,
        "can_create": _information_satkers(user, write=True).exists(),
    })


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def consequence_test_create(request):
    satkers = _information_satkers(request.user, write=True)
    if not satkers.exists():
        raise Http404(_("Tidak ada satker tempat Anda dapat mencatat uji konsekuensi."))
    initial = {}
    chosen = satkers.filter(code=request.GET.get("satker", "")).first()
    if chosen is not None:
        initial["satker"] = chosen.pk
    form = ConsequenceTestForm(posted(request), satkers=satkers, initial=initial)
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            test = services.create_consequence_test(
                satker=form.cleaned_data["satker"], actor=request.user, **form.fields_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Uji konsekuensi “%(title)s” dicatat.")
                             % {"title": test.title})
            return redirect(next_url or reverse("inforequests:staff-consequence-tests"))
    return render(request, "inforequests/staff/consequence_test_form.html",
                  {"form": form, "next": next_url})


# --- Daftar Informasi Publik -------------------------------------------------------------------


def _dip_satker(request, code, *, write=False) -> Satker:
    return get_object_or_404(_information_satkers(request.user, write=write), code=code)


@login_required
@require_GET
def dip(request, satker_code):
    satker = _dip_satker(request, satker_code)
    entries = (InformationListEntry.objects.filter(satker=satker)
               .select_related("document", "consequence_test"))
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        entries = entries.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    information_class = request.GET.get("class", "")
    if information_class:
        entries = entries.filter(information_class=information_class)
    return render(request, "inforequests/staff/dip.html", {
        "satker": satker, "page_obj": page_of(request, entries),
        "query_string": query_without_page(request), "q": q, "information_class": information_class,
        "can_edit": policies.can_act_for_satker(request.user, satker),
    })


@login_required
@require_http_methods(["GET", "POST"])
def dip_form(request, satker_code, pk=None):
    satker = _dip_satker(request, satker_code, write=True)
    entry = get_object_or_404(InformationListEntry, satker=satker, pk=pk) if pk else None
    form = InformationListEntryForm(posted(request), instance=entry, satker=satker)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_information_list_entry(
                satker=satker, actor=request.user,
                entry=InformationListEntry.objects.get(pk=pk) if pk else None,
                **form.fields_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Entri “%(title)s” disimpan.") % {"title": saved.title})
            return redirect("inforequests:staff-dip", satker_code=satker.code)
    return render(request, "inforequests/staff/dip_form.html",
                  {"satker": satker, "form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def dip_delete(request, satker_code, pk):
    satker = _dip_satker(request, satker_code, write=True)
    entry = get_object_or_404(InformationListEntry, satker=satker, pk=pk)
    if request.method == "POST":
        try:
            services.delete_information_list_entry(entry=entry, actor=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("Entri “%(title)s” dihapus.") % {"title": entry.title})
        return redirect("inforequests:staff-dip", satker_code=satker.code)
    return render(request, "inforequests/staff/dip_confirm_delete.html",
                  {"satker": satker, "entry": entry})
