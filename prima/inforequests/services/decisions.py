"""The decision on a request and its written notice (UU 14/2008 Pasal 22(7)), and the
consequence tests a refusal rests on (Pasal 17 jo. 19)."""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit

from .. import deadlines, emails, notice_pdf
from ..choices import (
    EXEMPTING_DECISIONS,
    GIVEN_DECISIONS,
    AuditAction,
    CopyForm,
    Decision,
    DeliveryMethod,
    EventKind,
    Exemption,
    Status,
)
from ..models import ConsequenceTest, Notice
from .common import (
    Errors,
    add_event,
    clean_text,
    delete_stored,
    full_clean,
    lock_request,
    masked_snapshot,
    person_name,
    record,
    require_open,
    require_satker_staff,
    require_staff,
    send_safely,
    signer_title,
)

NOTICE_FIELDS = ("is_held", "holder_body", "exemption", "information_given",
                 "redaction_explanation", "copy_form", "delivery_method", "costs",
                 "payment_method", "time_to_provide", "documentation_time", "explanation")
CONSEQUENCE_TEST_FIELDS = ("title", "exempt_content", "exemption", "legal_basis", "harm",
                           "public_interest", "conclusion", "exempt_until", "decided_at")


def _clean_notice_data(request, decision: str, notice_data: dict, consequence_test) -> dict:
    errors = Errors()
    error = errors.add

    data = {name: notice_data.get(name) for name in NOTICE_FIELDS if name in notice_data}
    for name in ("holder_body", "exemption", "information_given", "redaction_explanation",
                 "copy_form", "delivery_method", "payment_method", "time_to_provide",
                 "documentation_time", "explanation"):
        data[name] = clean_text(data.get(name))
    try:
        costs = Decimal(str(data.get("costs") or 0))
    except (InvalidOperation, ValueError):
        costs = Decimal(-1)
    if costs < 0 or not costs.is_finite():
        error("costs", _("Biaya harus angka 0 atau lebih."))
    data["costs"] = costs
    data["copy_form"] = data["copy_form"] or request.copy_form
    data["delivery_method"] = data["delivery_method"] or request.delivery_method
    if data["copy_form"] and data["copy_form"] not in CopyForm.values:
        error("copy_form", _("Pilihan bentuk informasi tidak valid."))
    if data["delivery_method"] and data["delivery_method"] not in DeliveryMethod.values:
        error("delivery_method", _("Pilihan cara penyampaian tidak valid."))
    # Pasal 22(7) a-b: whether the body holds it, and which body does.
    data["is_held"] = decision != Decision.NOT_HELD
    if decision in GIVEN_DECISIONS and not data["information_given"]:
        error("information_given", _("Tuliskan informasi yang akan diberikan."))
    if decision == Decision.GRANTED_IN_PART and not data["redaction_explanation"]:
        # Pasal 22(7) e: the blacked-out parts with the reasons.
        error("redaction_explanation", _("Jelaskan bagian yang dihitamkan dan alasannya."))
    if decision in EXEMPTING_DECISIONS:
        # Pasal 22(7) c with Pasal 17 and 19: the exemption letter and the consequence test, for
        # a refusal and for a grant in part alike (domain "Outcomes": exempt only after a
        # consequence test).
        partial = decision == Decision.GRANTED_IN_PART
        if data["exemption"] not in Exemption.values:
            error("exemption", _("Pemberian sebagian wajib menyebut alasan pengecualian Pasal 17 "
                                 "untuk bagian yang tidak diberikan.") if partial else
                  _("Penolakan wajib menyebut alasan pengecualian Pasal 17."))
        if consequence_test is None:
            error("consequence_test", _("Pemberian sebagian wajib didasarkan pada uji "
                                        "konsekuensi.") if partial else
                  _("Penolakan wajib didasarkan pada uji konsekuensi."))
        elif consequence_test.satker_id != request.satker_id:
            error("consequence_test", _("Uji konsekuensi harus milik satker ini."))
        elif data["exemption"] and consequence_test.exemption != data["exemption"]:
            error("consequence_test",
                  _("Alasan pengecualian berbeda dengan dasar pada uji konsekuensi (Pasal 17 "
                    "huruf %(letter)s).") % {"letter": consequence_test.exemption})
    else:
        data["exemption"] = ""
    if decision == Decision.NOT_HELD and not data["holder_body"]:
        error("holder_body", _("Sebutkan badan publik yang menguasai informasi, atau tulis "
                               "\"tidak diketahui\"."))
    if decision == Decision.NOT_DOCUMENTED and not data["documentation_time"]:
        error("documentation_time",
              _("Sebutkan waktu yang dibutuhkan untuk mendokumentasikan informasi."))
    errors.raise_if_any()
    return data


def check_decision(*, request, decision, notice_data: dict, consequence_test=None) -> None:
    """The checks of ``decide_request`` without writing anything (the confirmation page is
    shown only for a decision that would be accepted)."""
    require_open(request)
    if decision not in Decision.values or decision == Decision.WITHDRAWN:
        raise ValidationError({"decision": _("Pilih keputusan.")})
    _clean_notice_data(request, decision, notice_data or {}, consequence_test)


@transaction.atomic
def decide_request(*, request, actor, decision, notice_data: dict,
                   consequence_test=None) -> Notice:
    """Issue the written notice (UU 14/2008 Pasal 22(7)), signed by the PPID, with its PDF."""
    require_staff(actor, request)
    request = lock_request(request)
    require_open(request)
    if decision == Decision.WITHDRAWN:
        raise ValidationError({"decision": _("Permohonan yang ditarik pemohon dicatat melalui "
                                             "penarikan permohonan, bukan keputusan.")})
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Pilih keputusan.")})
    data = _clean_notice_data(request, decision, notice_data or {}, consequence_test)
    before = masked_snapshot(request)
    notice = Notice(
        request=request, decision=decision,
        consequence_test=consequence_test if decision in EXEMPTING_DECISIONS else None,
        signed_by_name=person_name(actor), signed_by_title=signer_title(actor, request.satker),
        issued_at=timezone.now(), created_by=actor, **data,
    )
    content = notice_pdf.render_notice(notice)
    stored: list[str] = []
    try:
        with transaction.atomic():
            notice.sha256 = hashlib.sha256(content).hexdigest()
            notice.pdf.save(f"pemberitahuan-{request.number_slug}.pdf", ContentFile(content),
                            save=False)
            stored.append(notice.pdf.name)
            notice.save()
            request.status = Status.DECIDED
            request.decision = decision
            request.decided_at = notice.issued_at
            request.costs = data["costs"]
            if decision in GIVEN_DECISIONS:
                # Every deadline keeps its rule: the delivery deadline of the information.
                request.delivery_due_date = deadlines.delivery_due(request, notice)
                request.delivery_due_rule = deadlines.delivery_due_rule(
                    request, request.delivery_due_date)
            request.save(update_fields=["status", "decision", "decided_at", "costs",
                                        "delivery_due_date", "delivery_due_rule",
                                        "updated_at"])
            add_event(request, EventKind.DECIDED, actor=actor,
                      text=_("Keputusan: %(decision)s.") % {
                          "decision": notice.get_decision_display()},
                      data={"decision": decision, "notice_id": notice.pk})
            record(request, actor=actor, action=AuditAction.REQUEST_DECIDED, before=before)
            audit.record(notice, actor=actor, action=AuditAction.NOTICE_ISSUED,
                         satker=request.satker_id)
    except BaseException:
        delete_stored(stored)
        raise
    if request.email:
        send_safely(emails.send_decision, notice)
    return notice


@transaction.atomic
def create_consequence_test(*, satker, actor, **fields) -> ConsequenceTest:
    """Record a consequence test (uji konsekuensi, UU 14/2008 Pasal 17 jo. 19)."""
    require_satker_staff(actor, satker)
    unknown = set(fields) - set(CONSEQUENCE_TEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consequence test fields: {sorted(unknown)}")
    values = {k: (clean_text(v) if isinstance(v, str) else v) for k, v in fields.items()}
    if values.get("decided_at") is None:
        values.pop("decided_at", None)
    test = ConsequenceTest(satker=satker, decided_by=actor, **values)
    full_clean(test)
    test.save()
    audit.record(test, actor=actor, action=AuditAction.CONSEQUENCE_TEST_CREATED)
    return test
