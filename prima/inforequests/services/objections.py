"""Objections (keberatan, UU 14/2008 Pasal 35-36), the atasan PPID's answer, the requester's
response, and disputes at the Komisi Informasi (Pasal 37)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, calendar
from prima.organisations.choices import Role

from .. import deadlines, emails, policies
from ..choices import (
    AuditAction,
    DisputeOutcome,
    EventKind,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    Status,
)
from ..models import Dispute, Objection
from ..numbers import next_objection_number
from .common import (
    CLOCK_SKEW,
    Errors,
    add_event,
    clean_text,
    date_text,
    has_null_character,
    local_date,
    lock_objection,
    lock_request,
    masked_snapshot,
    null_character_error,
    person_name,
    record,
    send_safely,
    signer_title,
    single_line,
    staff_or_none,
    too_long_error,
)

CASE_DESCRIPTION_MAX_LENGTH = 10000
PROXY_NAME_MAX_LENGTH = 200


def _objection_late_error(last_day: dt.date) -> ValidationError:
    return ValidationError(
        _("Batas waktu pengajuan keberatan telah lewat pada %(date)s.")
        % {"date": date_text(last_day)}, code="late")


def _clean_objector(requester, errors: Errors) -> dict:
    """The identity of an objector without a request (ground b): name, address and a contact."""
    requester = requester or {}
    data = {name: single_line(requester.get(name)) for name in ("full_name", "phone", "email")}
    data["address"] = clean_text(requester.get("address"))
    if any(has_null_character(v) for v in requester.values()):
        errors.add("full_name", null_character_error())
    if not data["full_name"]:
        errors.add("full_name", _("Nama lengkap wajib diisi."))
    if not data["address"]:
        errors.add("address", _("Alamat wajib diisi."))
    if not data["email"] and not data["phone"]:
        errors.add("email", _("Isi alamat email atau nomor telepon agar kami dapat menghubungi "
                              "Anda."))
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors.add("email", _("Alamat email tidak valid."))
        data["email"] = data["email"].lower()
    for name, limit in (("full_name", 200), ("phone", 32), ("address", 1000)):
        if len(data[name]) > limit:
            errors.add(name, too_long_error(name, limit))
    return data


@transaction.atomic
def file_objection(*, request=None, grounds: list[str], case_description, actor=None,
                   filed_at=None, proxy_name="", satker=None, requester=None,
                   reason_date=None) -> Objection:
    """File an objection (keberatan, UU 14/2008 Pasal 35-36) on one or more grounds a-g.

    Each ground within 30 working days after its own reason arises (Pasal 36(1), see
    ``deadlines.ground_window``); ground b (periodic information not published) may be filed
    without a request (``satker`` and ``requester`` identity instead). The atasan PPID answers
    within 30 working days of receipt (Pasal 36(2)).
    """
    if request is None and satker is None:
        raise TypeError("file_objection needs a request or a satker")
    satker = request.satker if request is not None else satker
    actor = (staff_or_none(actor, request) if request is not None
             else (actor if policies.can_act_for_satker(actor, satker) else None))
    errors = Errors()
    for name, value in (("case_description", case_description), ("proxy_name", proxy_name)):
        if has_null_character(value):
            errors.add(name, null_character_error())
    grounds = sorted({single_line(g) for g in (grounds or ())})
    case_description = clean_text(case_description)
    proxy_name = single_line(proxy_name)
    if not grounds or any(g not in ObjectionGround.values for g in grounds):
        errors.add("grounds", _("Pilih setidaknya satu alasan keberatan."))
    elif request is None and grounds != [ObjectionGround.B]:
        errors.add("grounds", _("Tanpa nomor permohonan, keberatan hanya dapat diajukan karena "
                                "informasi berkala tidak disediakan (Pasal 35 ayat (1) huruf "
                                "b)."))
    if not case_description and "case_description" not in errors:
        errors.add("case_description", _("Isi kasus posisi."))
    elif len(case_description) > CASE_DESCRIPTION_MAX_LENGTH:
        errors.add("case_description",
                   too_long_error(_("Kasus posisi"), CASE_DESCRIPTION_MAX_LENGTH))
    if "proxy_name" not in errors and len(proxy_name) > PROXY_NAME_MAX_LENGTH:
        errors.add("proxy_name", too_long_error(_("Nama kuasa"), PROXY_NAME_MAX_LENGTH))
    objector = _clean_objector(requester, errors) if request is None else {}
    errors.raise_if_any()
    if request is not None:
        request = lock_request(request)
        if request.status == Status.WITHDRAWN:
            raise ValidationError(_("Permohonan yang sudah ditarik tidak dapat diajukan "
                                    "keberatan."), code="state")
        if request.objections.filter(status=ObjectionStatus.FILED).exists():
            raise ValidationError(_("Masih ada keberatan atas permohonan ini yang belum diputus "
                                    "atasan PPID."), code="pending")
    now = timezone.now()
    filed_at = filed_at or now
    if timezone.is_naive(filed_at) or filed_at > now + CLOCK_SKEW:
        raise ValidationError({"filed_at": _("Waktu pengajuan keberatan tidak valid.")})
    filed_on = local_date(filed_at, satker)
    if reason_date is not None and reason_date > filed_on:
        raise ValidationError({"reason_date": _("Tanggal alasan keberatan tidak boleh sesudah "
                                                "tanggal pengajuan.")})
    # Pasal 36(1): each ground within 30 working days after its own reason arises.
    windows = deadlines.objection_windows(request, grounds, today=filed_on,
                                          reason_date=reason_date)
    for window in windows:
        label = ObjectionGround(window.ground).label
        if window.start is None:
            raise ValidationError(_("Alasan “%(ground)s” belum dapat diajukan: "
                                    "%(problem)s") % {"ground": label,
                                                      "problem": window.problem}, code="early")
        if filed_on < window.opens:
            raise ValidationError(
                _("Alasan “%(ground)s” baru timbul setelah %(date)s; keberatan dapat "
                  "diajukan sejak %(opens)s.")
                % {"ground": label, "date": date_text(window.start),
                   "opens": date_text(window.opens)}, code="early")
        if filed_on > window.last_day:
            raise _objection_late_error(window.last_day)
    due = calendar.deadline(filed_at, deadlines.OBJECTION_ANSWER_DAYS, satker=satker)
    year = filed_on.year
    sequence, number = next_objection_number(satker, year)
    objection = Objection.objects.create(
        request=request, satker=satker, year=year, sequence=sequence, number=number,
        grounds=grounds, case_description=case_description, filed_by_proxy=bool(proxy_name),
        proxy_name=proxy_name, filed_at=filed_at, received_on=due.received_on,
        due_date=due.due_date, due_rule=due.rule, received_by=actor,
        reason_date=min(w.start for w in windows),
        filing_deadline=min(w.last_day for w in windows),
        filing_rule=" ".join(w.rule for w in windows), **objector,
    )
    if request is not None:
        add_event(request, EventKind.OBJECTION_FILED, actor=actor,
                  text=_("Keberatan %(number)s diajukan; tanggapan atasan PPID paling lambat "
                         "%(due)s.") % {"number": number, "due": date_text(due.due_date)},
                  data={"objection_id": objection.pk, "grounds": grounds})
    record(objection, actor=actor, action=AuditAction.OBJECTION_FILED, satker=satker.pk)
    if objection.requester_email:
        send_safely(emails.send_objection_receipt, objection)
    send_safely(partial(emails.send_staff_new_objection, exclude=actor), objection)
    return objection


@transaction.atomic
def decide_objection(*, objection, actor, outcome, response) -> Objection:
    """The atasan PPID's written answer to an objection (UU 14/2008 Pasal 36(2))."""
    if not policies.can_decide_objection(actor, objection):
        raise PermissionDenied(_("Hanya atasan PPID satker ini yang dapat memutus keberatan."))
    response = clean_text(response)
    errors = Errors()
    if outcome not in ObjectionOutcome.values:
        errors.add("outcome", _("Pilih tanggapan atasan PPID."))
    if not response:
        errors.add("response", _("Isi tanggapan atasan PPID wajib diisi."))
    errors.raise_if_any()
    objection = lock_objection(objection)
    if objection.status != ObjectionStatus.FILED:
        raise ValidationError(_("Keberatan ini sudah diputus."), code="state")
    before = masked_snapshot(objection)
    objection.status = ObjectionStatus.DECIDED
    objection.outcome = outcome
    objection.response = response
    objection.decided_at = timezone.now()
    objection.decided_by = actor
    objection.decider_name = person_name(actor)
    objection.decider_title = signer_title(actor, objection.satker, roles=(Role.ATASAN_PPID,))
    objection.save()
    if objection.request_id:
        add_event(objection.request, EventKind.OBJECTION_DECIDED, actor=actor,
                  text=_("Keberatan %(number)s: %(outcome)s.")
                  % {"number": objection.number, "outcome": objection.get_outcome_display()},
                  data={"objection_id": objection.pk, "outcome": outcome})
    record(objection, actor=actor, action=AuditAction.OBJECTION_DECIDED, before=before)
    if objection.requester_email:
        send_safely(emails.send_objection_decision, objection)
    return objection


@transaction.atomic
def record_requester_response(*, objection, text, actor=None) -> Objection:
    """The requester's response to the atasan's answer (a column of the objection register)."""
    actor = (staff_or_none(actor, objection.request) if objection.request_id
             else (actor if policies.can_act_for_satker(actor, objection.satker) else None))
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Tanggapan pemohon wajib diisi.")})
    objection = lock_objection(objection)
    if objection.status != ObjectionStatus.DECIDED:
        raise ValidationError(_("Tanggapan pemohon dicatat setelah keberatan diputus."),
                              code="state")
    before = masked_snapshot(objection)
    objection.requester_response = text
    objection.save(update_fields=["requester_response"])
    record(objection, actor=actor, action=AuditAction.REQUESTER_RESPONSE_RECORDED, before=before)
    return objection


@transaction.atomic
def record_dispute(*, objection, actor, filed_on, commission, case_number="",
                   outcome=DisputeOutcome.PENDING, outcome_date=None, notes="") -> Dispute:
    """Record a dispute at the Komisi Informasi, filed within 14 working days after the atasan's
    answer, or after the 30 working days for an answer passed without one (Pasal 37(2))."""
    if not policies.can_act_for_satker(actor, objection.satker):
        raise PermissionDenied(_("Anda tidak berwenang mencatat sengketa satker ini."))
    commission = clean_text(commission)
    case_number = clean_text(case_number)
    notes = clean_text(notes)
    objection = lock_objection(objection)
    if not isinstance(filed_on, dt.date) or isinstance(filed_on, dt.datetime):
        raise ValidationError({"filed_on": _("Tanggal pengajuan sengketa wajib diisi.")})
    errors = Errors()
    if not commission:
        errors.add("commission", _("Nama Komisi Informasi wajib diisi."))
    if outcome not in DisputeOutcome.values:
        errors.add("outcome", _("Pilih hasil sengketa."))
    if outcome_date is not None and outcome_date < filed_on:
        errors.add("outcome_date", _("Tanggal putusan tidak boleh sebelum tanggal pengajuan."))
    errors.raise_if_any()
    if Dispute.objects.filter(objection=objection).exists():
        raise ValidationError(_("Sengketa atas keberatan ini sudah dicatat."), code="duplicate")
    today = deadlines.local_today(objection.satker)
    if filed_on > today:
        raise ValidationError({"filed_on": _("Tanggal pengajuan tidak boleh di masa yang akan "
                                             "datang.")})
    if objection.status == ObjectionStatus.DECIDED:
        start = local_date(objection.decided_at, objection.satker)
    elif today > objection.due_date:
        start = objection.due_date  # the atasan did not answer in time
    else:
        raise ValidationError(_("Sengketa dapat dicatat setelah atasan PPID memutus keberatan "
                                "atau setelah batas waktu tanggapannya (%(date)s) lewat.")
                              % {"date": date_text(objection.due_date)}, code="early")
    if filed_on < start:
        raise ValidationError({"filed_on": _("Tanggal pengajuan sengketa tidak boleh sebelum "
                                             "%(date)s.") % {"date": date_text(start)}})
    # Pasal 37(2): 14 working days after the atasan's answer.
    last_day = calendar.add_working_days(start, deadlines.DISPUTE_FILING_DAYS,
                                         satker=objection.satker)
    if filed_on > last_day:
        raise ValidationError(
            _("Batas waktu pengajuan sengketa ke Komisi Informasi telah lewat pada %(date)s.")
            % {"date": date_text(last_day)}, code="late")
    # Every deadline keeps its rule (domain "Deadlines").
    rule = (f"14 hari kerja sejak {date_text(start)} "
            + ("(tanggapan atasan PPID)" if objection.status == ObjectionStatus.DECIDED
               else "(batas waktu tanggapan atasan PPID lewat tanpa tanggapan)")
            + f", UU 14/2008 Pasal 37 ayat (2); paling lambat {date_text(last_day)}.")
    dispute = Dispute.objects.create(
        objection=objection, filed_on=filed_on, deadline=last_day, deadline_rule=rule,
        commission=commission,
        case_number=case_number, outcome=outcome, outcome_date=outcome_date, notes=notes,
        recorded_by=actor,
    )
    if objection.request_id:
        add_event(objection.request, EventKind.DISPUTE_RECORDED, actor=actor,
                  text=_("Sengketa atas keberatan %(number)s diajukan ke %(commission)s.")
                  % {"number": objection.number, "commission": commission},
                  data={"dispute_id": dispute.pk})
    audit.record(dispute, actor=actor, action=AuditAction.DISPUTE_RECORDED,
                 satker=objection.satker_id)
    return dispute
