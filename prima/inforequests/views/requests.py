"""One request's file as the officer sees it, and each workflow step posted from it (assign,
note, clarification, extension, decision, files, delivery, withdrawal), with its files.

The request is fetched through ``policies.requests_visible_to`` (404 outside a person's scope);
a step also needs the write right (PPID and atasan PPID), else 404. Writes are POST only and go
through ``services``; a ``ValidationError`` is shown on the step's form and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from prima.core.confirm import confirm_page
from prima.core.viewutils import add_service_errors

from .. import deadlines, emails, policies, services
from ..choices import GIVEN_DECISIONS, OFFLINE_CHANNELS, OPEN_STATUSES, Status
from ..forms_staff import (
    AddFileForm,
    AssignForm,
    ClarificationAnswerForm,
    ClarificationForm,
    DecideConfirmForm,
    DecideForm,
    DeliverForm,
    ExtendForm,
    HandoverForm,
    NoteForm,
    PublishAnswerForm,
    WithdrawForm,
)
from ..handover_pdf import render_handover
from ..models import (
    DeliveredFile,
    HandoverReceipt,
    InformationRequest,
    Notice,
    RequestAttachment,
)
from ..numbers import slug_to_number
from ..services.decisions import check_decision
from ..timeline import due_rule, long_date, with_texts
from .common import file_response, personal, requester_name, with_slug


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
        actions |= {"add-file", "deliver", "handover"}
        if information_request.is_published:
            actions.add("publish")
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
    "handover": HandoverForm,
    "publish": PublishAnswerForm,
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
    "handover": gettext_lazy("Catat penyerahan langsung (tanda terima)"),
    "publish": gettext_lazy("Publikasikan jawaban di register publik"),
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
    if name == "decide":
        return DecideForm(data, satker=information_request.satker,
                          information_request=information_request)
    if name == "publish":
        return PublishAnswerForm(data, information_request=information_request)
    return ACTION_FORMS[name](data, **kwargs)


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
        "personal": personal(ir, visible),
        "show_personal": visible,
        "requester": requester_name(ir.full_name, visible),
        "countdown": deadlines.countdown(ir),
        "due_rule": due_rule(ir),
        "notice": notice,
        "attachments": list(ir.attachments.all()),
        "events": with_texts(list(ir.events.select_related("actor")), ir,
                             list(ir.objections.all())),
        "delivered_files": list(ir.delivered_files.select_related("added_by")
                                .annotate(n_downloads=Count("downloads"))),
        "download_links": list(ir.download_links.all()),
        "handovers": list(ir.handovers.select_related("recorded_by")),
        "objections": [with_slug(o) for o in ir.objections.all()],
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
        "date": long_date(ir.due_date)}


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


def _handover(ir, form, user):
    d = form.cleaned_data
    services.record_handover(request=ir, actor=user, method=d["method"],
                             received_by_name=d["received_by_name"],
                             handed_over_at=d["handed_over_at"],
                             confirmation=d["confirmation"], attestation=d["attestation"],
                             note=d["note"])
    return _("Penyerahan dicatat; tanda terima dapat dicetak.")


def _publish(ir, form, user):
    services.publish_answer(request=ir, actor=user, answer=form.cleaned_data["answer"],
                            file_ids=form.cleaned_data["files"])
    return _("Jawaban dipublikasikan di register publik.")


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
    "handover": _handover,
    "publish": _publish,
    "withdraw": _withdraw,
}


@login_required
@require_POST
def request_action(request, number_slug, action):
    """One workflow step on a request (``action`` comes from the URL pattern, not the user)."""
    ir = _get_request(request, number_slug, write=True)
    form = _action_form(action, ir, request.POST, request.FILES)
    if action == "decide" and form.is_valid() and request.POST.get("confirmed") != "1":
        # The written notice cannot be taken back: confirm before it is issued (core.confirm),
        # once the decision passes every check of the service.
        try:
            check_decision(request=ir, decision=form.cleaned_data["decision"],
                           notice_data=form.notice_data(),
                           consequence_test=form.cleaned_data["consequence_test"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _confirm_decision(request, ir, form)
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


def _confirm_decision(request, ir, form):
    data = request.POST.copy()
    data["confirmed"] = "1"
    hidden = DecideConfirmForm(data, satker=ir.satker)
    d = form.cleaned_data
    facts = [(_("Nomor pendaftaran"), ir.number),
             (_("Keputusan"), dict(form.fields["decision"].choices).get(d["decision"], ""))]
    for name in DecideForm.OUTCOME_FIELDS:
        if d["decision"] in DecideForm.OUTCOME_FIELDS[name] and d.get(name) not in (None, ""):
            field = form[name]
            value = d[name]
            choices = dict(getattr(field.field, "choices", ()) or ())
            facts.append((field.label, choices.get(value, value)
                          if not hasattr(value, "pk") else str(value)))
    return confirm_page(
        request,
        title=_("Terbitkan pemberitahuan tertulis %(number)s?") % {"number": ir.number},
        message=_("Pemberitahuan tertulis ditandatangani atas nama Anda, dikirim kepada pemohon "
                  "dan tidak dapat diubah atau ditarik."),
        confirm_label=_("Ya, terbitkan pemberitahuan"), cancel_url=ir.get_absolute_url(),
        crumbs=[(_("Permohonan informasi"), reverse("inforequests:staff-inbox")),
                (ir.number, ir.get_absolute_url())],
        facts=facts, form=hidden, danger=False,
        action_url=reverse("inforequests:staff-decide", args=[ir.number_slug]))


@login_required
@require_GET
def delivered_file(request, number_slug, file_pk):
    """A soft copy prepared for the requester, as the officer sees it."""
    ir = _get_request(request, number_slug)
    item = get_object_or_404(DeliveredFile, request=ir, pk=file_pk)
    if not item.file:
        raise Http404(_("Berkas ini berupa tautan."))
    return file_response(item.file, filename=item.original_name or f"berkas-{item.pk}",
                          content_type=item.content_type)


@login_required
@require_GET
def attachment(request, number_slug, file_pk):
    """An attachment of the requester (ID scan, power of attorney): PPID staff only."""
    ir = _get_request(request, number_slug)
    if not policies.can_see_personal_data(request.user, ir):
        raise Http404(_("Berkas tidak ditemukan."))
    item = get_object_or_404(RequestAttachment, request=ir, pk=file_pk)
    return file_response(item.file, filename=item.original_name,
                          content_type=item.content_type)


@login_required
@require_GET
def notice_pdf(request, number_slug):
    ir = _get_request(request, number_slug)
    notice = Notice.objects.filter(request=ir).first()
    if notice is None:
        raise Http404(_("Pemberitahuan tertulis belum terbit."))
    return file_response(notice.pdf, filename=f"pemberitahuan-{ir.number_slug}.pdf",
                          content_type="application/pdf")


@login_required
@require_GET
def handover_pdf(request, number_slug, receipt_pk):
    """The handover receipt (tanda terima) as a PDF to print and sign."""
    ir = _get_request(request, number_slug)
    receipt = get_object_or_404(HandoverReceipt.objects.select_related("recorded_by"),
                                request=ir, pk=receipt_pk)
    receipt.request = ir
    response = HttpResponse(render_handover(receipt), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="tanda-terima-{ir.number_slug}-{receipt.pk}.pdf"')
    add_never_cache_headers(response)
    return response
