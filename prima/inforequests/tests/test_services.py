"""The request workflow through the services: happy paths, wrong states and permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prima.core.models import AuditEvent
from prima.inforequests import policies, services, tracking
from prima.inforequests.choices import (
    Channel,
    Decision,
    EventKind,
    Exemption,
    Status,
)
from prima.inforequests.masking import mask_address, mask_email, mask_nik, mask_phone
from prima.inforequests.models import (
    DownloadLog,
    InformationRequest,
)
from prima.inforequests.numbers import slug_to_number
from prima.inforequests.tests.factories import (
    at,
    freeze_now,
    grant,
    make_consequence_test,
    make_request,
    pdf_upload,
)
from prima.organisations.choices import Role
from prima.organisations.tests.factories import MembershipFactory


def kinds(request):
    return list(request.events.values_list("kind", flat=True))


# --- Registration -------------------------------------------------------------------------------

def test_register_request_numbers_deadline_event_audit_and_receipt(tree, mailoutbox, settings):
    settings.PRIMA_BASE_URL = "https://prima.example.org"
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10),
                           email="siti@contoh.id")

    assert request.number == "0001/PPID/33.20/2026"
    assert request.number_slug == "0001-PPID-33.20-2026"
    assert slug_to_number(request.number_slug) == request.number
    assert (request.year, request.sequence) == (2026, 1)
    assert request.status == Status.REGISTERED
    assert request.received_on == dt.date(2026, 3, 17)
    assert request.due_date == dt.date(2026, 4, 8)
    assert "jatuh tempo Rabu, 8 April 2026" in request.due_rule
    assert request.created_by is None
    assert kinds(request) == [EventKind.REGISTERED]
    audit = AuditEvent.objects.get(action="inforequests.request_registered")
    assert audit.satker_id == tree.jepara.pk
    # Personal data is masked in the audit trail.
    assert audit.changes["nik"][1] == "3320********0001"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["siti@contoh.id"]
    assert mail.subject == "Tanda terima permohonan informasi 0001/PPID/33.20/2026"
    link = (f"https://prima.example.org/informasi/lacak/0001-PPID-33.20-2026/"
            f"{request.secret}/")
    assert link in mail.body
    assert "Rabu, 8 April 2026" in mail.body

    second = make_request(tree.jepara, received_at=at(2026, 3, 18, 9))
    other_satker = make_request(tree.kudus, received_at=at(2026, 3, 18, 9))
    assert second.number == "0002/PPID/33.20/2026"
    assert other_satker.number == "0001/PPID/33.19/2026"


def test_register_numbers_restart_each_year(tree):
    last_2025 = make_request(tree.jepara, received_at=at(2025, 12, 30, 10))
    first_2026 = make_request(tree.jepara, received_at=at(2026, 1, 5, 10))
    assert last_2025.number == "0001/PPID/33.20/2025"
    assert first_2026.number == "0001/PPID/33.20/2026"


def test_register_with_attachment_stores_checked_file(tree):
    request = make_request(tree.jepara, requester_kind="proxy",
                           attachments=[("power_of_attorney", pdf_upload("kuasa.pdf"))])
    attachment = request.attachments.get()
    assert attachment.kind == "power_of_attorney"
    assert attachment.original_name == "kuasa.pdf"
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64
    assert attachment.file.storage.exists(attachment.file.name)


def test_receipt_email_failure_keeps_the_request(tree, monkeypatch, mailoutbox):
    from prima.inforequests import emails

    def broken(*args):
        raise RuntimeError("template broke")

    monkeypatch.setattr(emails, "send_receipt", broken)
    request = make_request(tree.jepara)
    assert InformationRequest.objects.filter(pk=request.pk).exists()
    assert mailoutbox == []


def test_request_without_email_sends_nothing(tree, mailoutbox):
    make_request(tree.jepara, email="", phone="0291 591234")
    assert mailoutbox == []


def test_offline_channel_needs_ppid_staff(tree, people):
    with pytest.raises(PermissionDenied):
        make_request(tree.jepara, channel=Channel.WALK_IN)
    with pytest.raises(PermissionDenied):
        make_request(tree.jepara, channel=Channel.LETTER, actor=people.other_admin)
    with pytest.raises(PermissionDenied):
        make_request(tree.jepara, channel=Channel.LETTER, actor=people.head)
    assert InformationRequest.objects.count() == 0

    request = make_request(tree.jepara, channel=Channel.WALK_IN, actor=people.ppid,
                           received_at=at(2026, 3, 17, 9))
    assert request.channel == Channel.WALK_IN
    assert request.created_by == people.ppid
    assert request.events.get().actor == people.ppid


def test_web_request_by_logged_in_citizen_is_not_attributed_to_staff(tree, people):
    request = make_request(tree.jepara, actor=people.citizen)
    assert request.created_by is None


# --- Tracking, masking, policies ----------------------------------------------------------------

def test_tracking_secret(tree):
    request = make_request(tree.jepara)
    assert tracking.find_by_secret(request.number_slug, request.secret) == request
    assert tracking.find_by_secret(request.number_slug, "salah") is None
    assert tracking.find_by_secret(request.number_slug, "") is None
    assert tracking.find_by_secret("9999-PPID-33.20-2026", request.secret) is None
    assert request.tracking_secret_hash == tracking.hash_secret(request.secret)
    assert request.secret not in request.tracking_secret_hash


def test_masking():
    assert mask_nik("3320014507900001") == "3320********0001"
    assert mask_nik("") == ""
    assert mask_phone("081234567890") == "0812******90"
    assert mask_phone("") == ""
    assert mask_address("Jl. Kartini No. 5, Kauman, Jepara") == "***, Jepara"
    assert mask_address("Jl. Kartini No. 5") == "***"
    assert mask_email("budi.santoso@mail.id") == "b***@mail.id"


def test_personal_data_policy(tree, people):
    jepara_request = make_request(tree.jepara)
    kudus_request = make_request(tree.kudus)
    kudus_ppid = MembershipFactory(satker=tree.kudus, role=Role.PPID).user

    assert policies.can_see_personal_data(people.ppid, jepara_request)
    assert policies.can_see_personal_data(people.atasan_ppid, jepara_request)
    assert policies.can_see_personal_data(people.system_admin, jepara_request)
    assert not policies.can_see_personal_data(people.head, jepara_request)
    assert not policies.can_see_personal_data(people.admin, jepara_request)
    assert not policies.can_see_personal_data(people.citizen, jepara_request)
    assert not policies.can_see_personal_data(kudus_ppid, jepara_request)
    assert policies.can_see_personal_data(kudus_ppid, kudus_request)

    assert list(policies.requests_visible_to(kudus_ppid)) == [kudus_request]
    assert list(policies.requests_visible_to(people.head)) == [jepara_request]
    assert list(policies.requests_visible_to(people.employee)) == []
    assert list(policies.requests_visible_to(people.evaluator)) == []
    assert policies.requests_visible_to(people.system_admin).count() == 2
    assert policies.can_act_on(people.ppid, jepara_request)
    assert not policies.can_act_on(people.head, jepara_request)
    assert not policies.can_act_on(kudus_ppid, jepara_request)


# --- Handling -----------------------------------------------------------------------------------

def test_assign_note_clarification(tree, people, mailoutbox):
    request = make_request(tree.jepara)
    request = services.assign_request(request=request, officer=people.ppid, actor=people.ppid)
    assert request.assigned_to == people.ppid
    assert request.status == Status.IN_PROGRESS

    with pytest.raises(ValidationError):
        services.assign_request(request=request, officer=people.head, actor=people.ppid)
    with pytest.raises(PermissionDenied):
        services.assign_request(request=request, officer=people.ppid, actor=people.head)

    services.add_note(request=request, text="Cek arsip Subbag Teknis", actor=people.ppid)
    note = request.events.get(kind=EventKind.NOTE)
    assert note.is_public is False
    assert note.text == "Cek arsip Subbag Teknis"
    with pytest.raises(ValidationError):
        services.add_note(request=request, text="  ", actor=people.ppid)

    request = services.ask_clarification(request=request, question="Tahun berapa?",
                                         actor=people.ppid)
    assert request.status == Status.CLARIFICATION
    assert "Tahun berapa?" in mailoutbox[-1].body
    request = services.answer_clarification(request=request, answer="Tahun 2024")
    assert request.status == Status.IN_PROGRESS
    answered = request.events.get(kind=EventKind.CLARIFICATION_ANSWERED)
    assert (answered.text, answered.actor, answered.is_public) == ("Tahun 2024", None, True)
    with pytest.raises(ValidationError):
        services.answer_clarification(request=request, answer="lagi")
    assert kinds(request) == [EventKind.REGISTERED, EventKind.ASSIGNED, EventKind.NOTE,
                              EventKind.CLARIFICATION_ASKED, EventKind.CLARIFICATION_ANSWERED]


def test_extend_once_by_at_most_seven_days(tree, people, monkeypatch, mailoutbox):
    request = make_request(tree.jepara, received_at=at(2026, 3, 11, 10))
    assert request.due_date == dt.date(2026, 4, 1)
    freeze_now(monkeypatch, at(2026, 3, 30, 9))

    with pytest.raises(ValidationError) as too_long:
        services.extend_request(request=request, days=8, reasons="Arsip banyak",
                                actor=people.ppid)
    assert "paling lama 7 hari kerja" in str(too_long.value)
    with pytest.raises(ValidationError):
        services.extend_request(request=request, days=0, reasons="Arsip banyak",
                                actor=people.ppid)
    with pytest.raises(ValidationError):
        services.extend_request(request=request, days=3, reasons=" ", actor=people.ppid)
    with pytest.raises(PermissionDenied):
        services.extend_request(request=request, days=3, reasons="x", actor=people.head)
    request.refresh_from_db()
    assert request.due_date == dt.date(2026, 4, 1)
    assert request.extended_at is None

    request = services.extend_request(request=request, days=7,
                                      reasons="Dokumen harus dicari di arsip inaktif",
                                      actor=people.ppid)
    # Counted from the due date, skipping Good Friday (3 April 2026) and the weekends.
    assert request.due_date == dt.date(2026, 4, 13)
    assert request.extension_days == 7
    assert "Diperpanjang 7 hari kerja sejak Rabu, 1 April 2026" in request.due_rule
    assert "Dokumen harus dicari di arsip inaktif" in mailoutbox[-1].body
    assert "Senin, 13 April 2026" in mailoutbox[-1].body

    with pytest.raises(ValidationError) as twice:
        services.extend_request(request=request, days=1, reasons="Lagi", actor=people.ppid)
    assert "satu kali" in str(twice.value)
    request.refresh_from_db()
    assert request.due_date == dt.date(2026, 4, 13)


def test_extend_after_due_date_is_refused(tree, people, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    freeze_now(monkeypatch, at(2026, 4, 9, 9))
    with pytest.raises(ValidationError) as late:
        services.extend_request(request=request, days=2, reasons="Terlambat",
                                actor=people.ppid)
    assert "Rabu, 8 April 2026" in str(late.value)
    request.refresh_from_db()
    assert request.extended_at is None


def test_decide_granted_deliver_download(tree, people, mailoutbox):
    request = make_request(tree.jepara)
    notice = grant(request, people.ppid)
    request.refresh_from_db()
    assert request.status == Status.DECIDED
    assert request.decision == Decision.GRANTED
    assert notice.signed_by_name == "PPID Jepara"
    assert "PPID" in notice.signed_by_title
    assert notice.pdf.storage.exists(notice.pdf.name)
    assert len(notice.sha256) == 64
    assert mailoutbox[-1].attachments[0][0] == "pemberitahuan-0001-PPID-33.20-" \
        f"{request.year}.pdf"
    assert mailoutbox[-1].attachments[0][1].startswith(b"%PDF-")

    with pytest.raises(ValidationError):
        services.deliver_request(request=request, actor=people.ppid)  # nothing prepared
    delivered = services.add_delivered_file(
        request=request, actor=people.ppid, title="SK DPT (dihitamkan)",
        upload=pdf_upload("sk.pdf"), is_redacted=True, redaction_note="NIK dihitamkan")
    link_file = services.add_delivered_file(request=request, actor=people.ppid,
                                            title="Dataset DPT",
                                            link_url="https://data.kpu.go.id/dpt")
    assert delivered.file.storage.exists(delivered.file.name)
    assert link_file.file.name in ("", None)

    link, token = services.deliver_request(request=request, actor=people.ppid, valid_days=14)
    request.refresh_from_db()
    assert request.status == Status.DELIVERED
    assert request.delivered_at is not None
    assert tracking.find_download_link(token) == link
    assert tracking.find_download_link("salah") is None
    assert f"/informasi/unduh/{token}/" in mailoutbox[-1].body
    assert "SK DPT (dihitamkan)" in mailoutbox[-1].body

    services.record_download(link=link, file=delivered, ip_address="10.0.0.1",
                             user_agent="Firefox")
    services.record_download(link=link, file=delivered)
    assert DownloadLog.objects.filter(file=delivered).count() == 2
    assert request.events.filter(kind=EventKind.DOWNLOADED).count() == 1

    new_link, _token = services.deliver_request(request=request, actor=people.ppid)
    link.refresh_from_db()
    assert link.revoked_at is not None
    with pytest.raises(ValidationError):
        services.record_download(link=link, file=delivered)
    assert new_link.is_valid


def test_delivery_needs_a_given_decision(tree, people):
    request = make_request(tree.jepara)
    with pytest.raises(ValidationError):
        services.add_delivered_file(request=request, actor=people.ppid, title="x",
                                    link_url="https://data.kpu.go.id/x")
    test = make_consequence_test(tree.jepara, people.ppid)
    services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                            notice_data={"exemption": Exemption.H}, consequence_test=test)
    with pytest.raises(ValidationError):
        services.add_delivered_file(request=request, actor=people.ppid, title="x",
                                    link_url="https://data.kpu.go.id/x")
    assert request.delivered_files.count() == 0


def test_decide_refused_requires_exemption_and_consequence_test(tree, people):
    request = make_request(tree.jepara)
    with pytest.raises(ValidationError) as no_exemption:
        services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                                notice_data={})
    assert set(no_exemption.value.message_dict) == {"exemption", "consequence_test"}
    test = make_consequence_test(tree.jepara, people.ppid, exemption=Exemption.H)
    with pytest.raises(ValidationError):
        services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                                notice_data={"exemption": Exemption.H})
    with pytest.raises(ValidationError):  # letter differs from the consequence test
        services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                                notice_data={"exemption": Exemption.A}, consequence_test=test)
    kudus_test = make_consequence_test(tree.kudus, people.system_admin)
    with pytest.raises(ValidationError):
        services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                                notice_data={"exemption": Exemption.H},
                                consequence_test=kudus_test)
    request.refresh_from_db()
    assert request.status == Status.REGISTERED
    assert not hasattr(request, "notice") or request.notice is None

    notice = services.decide_request(request=request, actor=people.ppid,
                                     decision=Decision.REFUSED,
                                     notice_data={"exemption": Exemption.H},
                                     consequence_test=test)
    assert notice.consequence_test == test
    assert notice.exemption == "h"

    with pytest.raises(ValidationError):  # decided already
        grant(request, people.ppid)


@pytest.mark.parametrize(("decision", "notice_data", "field"), [
    (Decision.NOT_HELD, {}, "holder_body"),
    (Decision.GRANTED_IN_PART, {"information_given": "SK"}, "redaction_explanation"),
    (Decision.NOT_DOCUMENTED, {}, "documentation_time"),
    (Decision.GRANTED, {}, "information_given"),
    (Decision.GRANTED, {"information_given": "SK", "costs": "-5"}, "costs"),
], ids=["not-held", "in-part", "not-documented", "granted", "negative-costs"])
def test_decide_requires_the_elements_of_each_decision(tree, people, decision, notice_data,
                                                       field):
    request = make_request(tree.jepara)
    with pytest.raises(ValidationError) as error:
        services.decide_request(request=request, actor=people.ppid, decision=decision,
                                notice_data=notice_data)
    assert field in error.value.message_dict
    request.refresh_from_db()
    assert request.status == Status.REGISTERED


def test_decide_not_held_names_the_holder(tree, people):
    request = make_request(tree.jepara)
    notice = services.decide_request(request=request, actor=people.ppid,
                                     decision=Decision.NOT_HELD,
                                     notice_data={"holder_body": "Bawaslu Kabupaten Jepara"})
    assert notice.is_held is False
    assert notice.holder_body == "Bawaslu Kabupaten Jepara"


def test_decide_needs_ppid_staff(tree, people):
    request = make_request(tree.jepara)
    for actor in (people.head, people.other_admin, people.citizen, people.evaluator):
        with pytest.raises(PermissionDenied):
            grant(request, actor)
    request.refresh_from_db()
    assert request.status == Status.REGISTERED


def test_withdraw(tree, people):
    request = make_request(tree.jepara)
    request = services.withdraw_request(request=request, reason="Sudah tidak perlu")
    assert request.status == Status.WITHDRAWN
    assert request.decision == Decision.WITHDRAWN
    assert "Sudah tidak perlu" in request.remarks
    with pytest.raises(ValidationError):
        services.withdraw_request(request=request)
    with pytest.raises(ValidationError):
        grant(request, people.ppid)


def test_grant_in_part_needs_the_exemption_letter_and_a_consequence_test(tree, people):
    """Domain "Outcomes": exempt parts only after a consequence test, in part as in full."""
    request = make_request(tree.jepara)
    data = {"information_given": "SK DPT", "redaction_explanation": "NIK dihitamkan"}
    with pytest.raises(ValidationError) as error:
        services.decide_request(request=request, actor=people.ppid,
                                decision=Decision.GRANTED_IN_PART, notice_data=data)
    assert {"exemption", "consequence_test"} <= set(error.value.message_dict)
    request.refresh_from_db()
    assert request.status == Status.REGISTERED
    test = make_consequence_test(tree.jepara, people.ppid)
    notice = services.decide_request(request=request, actor=people.ppid,
                                     decision=Decision.GRANTED_IN_PART,
                                     notice_data={**data, "exemption": Exemption.H},
                                     consequence_test=test)
    assert notice.consequence_test == test
    assert notice.exemption == "h"
