"""The request file and every workflow action through the officer's pages."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prima.core import calendar
from prima.inforequests import deadlines
from prima.inforequests.choices import Channel, Decision, EventKind, Exemption, Status
from prima.inforequests.models import (
    DeliveredFile,
    DownloadLink,
    InformationRequest,
    Notice,
    RequestEvent,
)
from prima.inforequests.tests.factories import (
    grant,
    make_consequence_test,
    make_request,
    pdf_upload,
)
from prima.organisations.choices import Role
from prima.organisations.tests.factories import member, pdf_bytes

CREATE = reverse("inforequests:staff-create")
NIK = "3320014507900001"


def url(name, request, *args):
    return reverse(f"inforequests:{name}", args=[request.number_slug, *args])


def offline_data(satker, **overrides):
    data = {
        "satker": satker.pk, "channel": Channel.PHONE, "received_at": "2024-10-07T10:00",
        "requester_kind": "individual", "full_name": "Bambang Wijaya", "nik": NIK,
        "entity_number": "", "address": "Jl. Pemuda No. 1, Jepara", "phone": "081234567890",
        "email": "", "occupation": "Wartawan",
        "information_requested": "Rekapitulasi DPT Pemilu 2024 per kecamatan",
        "purpose": "Bahan berita", "obtain_method": "copy", "copy_form": "soft",
        "delivery_method": "download",
    }
    data.update(overrides)
    return data


def state(request):
    """What an action could change, to assert that a refused one changed nothing."""
    request = InformationRequest.objects.get(pk=request.pk)
    return (request.status, request.assigned_to_id, request.due_date, request.decision,
            request.events.count(), Notice.objects.filter(request=request).count(),
            request.delivered_files.count(), request.download_links.count())


# --- Offline entry -----------------------------------------------------------------------------


def test_offline_entry_registers_with_channel_and_deadline(tree, people, login):
    c = login(people.ppid)
    assert c.get(CREATE).status_code == 200
    response = c.post(CREATE, offline_data(tree.jepara))
    assert response.status_code == 200
    request = InformationRequest.objects.get()
    assert request.channel == Channel.PHONE
    assert request.satker == tree.jepara
    assert request.created_by == people.ppid
    assert request.received_at == dt.datetime(2024, 10, 7, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB
    assert request.received_on == dt.date(2024, 10, 7)
    assert request.due_date == dt.date(2024, 10, 21)
    assert request.number == "0001/PPID/33.20/2024"
    # The tracking secret is shown once, in clear, for the officer to pass on.
    secret = response.context["secret"]
    assert hashlib.sha256(secret.encode()).hexdigest() == request.tracking_secret_hash
    html = response.content.decode()
    assert secret in html
    assert f"/informasi/lacak/{request.number_slug}/{secret}/" in html
    assert request.events.get().kind == EventKind.REGISTERED


def test_offline_entry_uses_the_satkers_local_time(tree, login):
    papua_ppid = member(tree.papua, Role.PPID)
    login(papua_ppid).post(CREATE, offline_data(tree.papua, received_at="2024-10-07T15:30"))
    request = InformationRequest.objects.get()
    assert request.received_at == dt.datetime(2024, 10, 7, 6, 30, tzinfo=dt.UTC)  # 15:30 WIT


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"nik": "12345"}, "nik", "NIK harus 16 digit angka."),
    ({"purpose": ""}, "purpose", "Tujuan penggunaan informasi wajib diisi."),
    ({"received_at": "2099-01-01T10:00"}, "received_at",
     "Waktu penerimaan tidak boleh di masa yang akan datang."),
    ({"channel": "web"}, "channel", None),
], ids=["bad-nik", "no-purpose", "future", "web-channel"])
def test_offline_entry_bad_input_stores_nothing(tree, people, login, overrides, field, message):
    response = login(people.ppid).post(CREATE, offline_data(tree.jepara, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert message in errors[field]
        assert message in response.content.decode()
    assert InformationRequest.objects.count() == 0


def test_offline_entry_only_for_satkers_where_the_user_writes(tree, people, login, kudus_ppid):
    response = login(people.ppid).post(CREATE, offline_data(tree.kudus))
    assert "satker" in response.context["form"].errors
    assert InformationRequest.objects.count() == 0
    for actor in (people.head, people.employee, people.evaluator, people.citizen):
        assert login(actor, Client()).get(CREATE).status_code == 404


def test_offline_entry_with_an_executable_attachment_is_refused(tree, people, login):
    fake = SimpleUploadedFile("kuasa.pdf", b"MZ\x90\x00" + b"\x00" * 200,
                             content_type="application/pdf")
    response = login(people.ppid).post(
        CREATE, {**offline_data(tree.jepara), "power_of_attorney": fake})
    assert "power_of_attorney" in response.context["form"].errors
    assert InformationRequest.objects.count() == 0


# --- The request file --------------------------------------------------------------------------


def test_detail_shows_personal_data_only_to_ppid_staff(tree, people, login):
    request = make_request(tree.jepara, nik=NIK, phone="081234567890",
                           attachments=[("identity", pdf_upload("ktp.pdf"))])
    attachment = request.attachments.get()
    ppid = login(people.ppid)
    html = ppid.get(url("staff-detail", request)).content.decode()
    assert NIK in html and "081234567890" in html and "Jl. Kartini No. 5" in html
    assert ppid.get(url("staff-attachment", request, attachment.pk)).status_code == 200

    head = login(people.head, Client())
    response = head.get(url("staff-detail", request))
    html = response.content.decode()
    assert response.status_code == 200
    assert NIK not in html and "3320********0001" in html
    assert "081234567890" not in html and "0812******90" in html
    assert "Jl. Kartini No. 5" not in html
    assert response.context["panels"] == []  # reading only
    assert head.get(url("staff-attachment", request, attachment.pk)).status_code == 404


@pytest.mark.parametrize("actor", ["employee", "evaluator", "other_admin", "other_employee",
                                   "citizen"])
def test_detail_is_404_outside_the_scope(tree, people, login, actor):
    request = make_request(tree.jepara)
    assert login(getattr(people, actor)).get(url("staff-detail", request)).status_code == 404


def test_detail_of_another_satker_is_404(tree, login, kudus_ppid):
    request = make_request(tree.jepara)
    assert login(kudus_ppid).get(url("staff-detail", request)).status_code == 404


def test_assign_note_clarify_answer(tree, people, login):
    request = make_request(tree.jepara)
    c = login(people.ppid)
    response = c.post(url("staff-assign", request), {"officer": people.atasan_ppid.pk})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.assigned_to == people.atasan_ppid
    assert request.status == Status.IN_PROGRESS

    # Only PPID staff of this satker are offered (and accepted).
    response = c.post(url("staff-assign", request), {"officer": people.head.pk})
    assert response.status_code == 400
    assert "officer" in response.context["panels"][0].form.errors

    c.post(url("staff-note", request), {"text": "Minta data ke Subbag Teknis"})
    note = request.events.get(kind=EventKind.NOTE)
    assert note.is_public is False and note.actor == people.ppid
    # The requester's tracking page never shows internal notes.
    public = Client().get(reverse("inforequests:public-tracking",
                                  args=[request.number_slug, request.secret]))
    assert public.status_code == 200
    assert "Minta data ke Subbag Teknis" not in public.content.decode()
    assert "Minta data ke Subbag Teknis" in c.get(url("staff-detail", request)).content.decode()

    c.post(url("staff-clarify", request), {"question": "Kecamatan mana saja?"})
    request.refresh_from_db()
    assert request.status == Status.CLARIFICATION
    c.post(url("staff-clarification-answer", request), {"answer": "Semua kecamatan"})
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS
    assert request.events.get(kind=EventKind.CLARIFICATION_ANSWERED).text == "Semua kecamatan"


def test_empty_note_is_refused(tree, people, login):
    request = make_request(tree.jepara)
    before = state(request)
    response = login(people.ppid).post(url("staff-note", request), {"text": "  "})
    assert response.status_code == 400
    assert "Langkah tidak disimpan" in response.content.decode()
    assert state(request) == before


def test_extend_once(tree, people, login):
    request = make_request(tree.jepara)
    old_due = request.due_date
    c = login(people.ppid)
    response = c.post(url("staff-extend", request), {"days": 3, "reasons": "Data di arsip"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.due_date == calendar.add_working_days(old_due, 3, satker=tree.jepara)
    assert request.extension_days == 3

    before = state(request)
    response = c.post(url("staff-extend", request), {"days": 2, "reasons": "Lagi"})
    assert response.status_code == 400
    assert "perpanjangan hanya dapat diberikan satu kali" in response.content.decode()
    assert state(request) == before


@pytest.mark.parametrize("days", [0, 8])
def test_extend_outside_one_to_seven_days_is_refused(tree, people, login, days):
    request = make_request(tree.jepara)
    before = state(request)
    response = login(people.ppid).post(url("staff-extend", request),
                                       {"days": days, "reasons": "Alasan"})
    assert response.status_code == 400
    assert state(request) == before


def test_extend_after_the_due_date_is_refused(tree, people, login, monkeypatch):
    request = make_request(tree.jepara)
    monkeypatch.setattr(deadlines, "local_today",
                        lambda satker=None: request.due_date + dt.timedelta(days=1))
    c = login(people.ppid)
    # No extend panel once the due date has passed, and a forced post is refused.
    names = [p.name for p in c.get(url("staff-detail", request)).context["panels"]]
    assert "extend" not in names
    before = state(request)
    response = c.post(url("staff-extend", request), {"days": 3, "reasons": "Terlambat"})
    assert response.status_code == 400
    assert "Batas waktu sudah lewat" in response.content.decode()
    assert state(request) == before


DECIDE_ERRORS = [
    (Decision.GRANTED, {}, "information_given", "Tuliskan informasi yang akan diberikan."),
    (Decision.GRANTED_IN_PART, {"information_given": "SK"}, "redaction_explanation",
     "Jelaskan bagian yang dihitamkan dan alasannya."),
    (Decision.REFUSED, {}, "exemption",
     "Penolakan wajib menyebut alasan pengecualian Pasal 17."),
    (Decision.REFUSED, {"exemption": "h"}, "consequence_test",
     "Penolakan wajib didasarkan pada uji konsekuensi."),
    # Domain "Outcomes": a grant in part withholds exempt information, so it names the
    # Pasal 17 letter and rests on a consequence test like a refusal.
    (Decision.GRANTED_IN_PART, {"information_given": "SK", "redaction_explanation": "NIK"},
     "exemption", "Pemberian sebagian wajib menyebut alasan pengecualian Pasal 17 untuk bagian "
     "yang tidak diberikan."),
    (Decision.GRANTED_IN_PART, {"information_given": "SK", "redaction_explanation": "NIK",
                                "exemption": "h"}, "consequence_test",
     "Pemberian sebagian wajib didasarkan pada uji konsekuensi."),
    (Decision.NOT_HELD, {}, "holder_body", None),
    (Decision.NOT_DOCUMENTED, {}, "documentation_time",
     "Sebutkan waktu yang dibutuhkan untuk mendokumentasikan informasi."),
    ("", {}, "decision", None),
]


@pytest.mark.parametrize(("decision", "data", "field", "message"), DECIDE_ERRORS,
                         ids=["granted", "in-part", "refused-no-letter", "refused-no-test",
                              "in-part-no-letter", "in-part-no-test",
                              "not-held", "not-documented", "none"])
def test_decide_validation_errors_change_nothing(tree, people, login, decision, data, field,
                                                 message):
    request = make_request(tree.jepara)
    before = state(request)
    response = login(people.ppid).post(url("staff-decide", request),
                                       {"decision": decision, "costs": "0", **data})
    assert response.status_code == 400
    panel = next(p for p in response.context["panels"] if p.name == "decide")
    assert field in panel.form.errors
    if message:
        assert message in panel.form.errors[field]
    assert panel.has_errors
    assert state(request) == before


def test_refusal_needs_a_consequence_test_of_this_satker(tree, people, login, kudus_ppid):
    request = make_request(tree.jepara)
    kudus_test = make_consequence_test(tree.kudus, kudus_ppid)
    before = state(request)
    response = login(people.ppid).post(url("staff-decide", request), {
        "decision": Decision.REFUSED, "exemption": "h", "consequence_test": kudus_test.pk})
    assert response.status_code == 400
    assert state(request) == before


@pytest.mark.parametrize(("decision", "data"), [
    (Decision.GRANTED, {"information_given": "Salinan SK DPT"}),
    (Decision.GRANTED_IN_PART, {"information_given": "Salinan SK DPT", "exemption": Exemption.H,
                                "redaction_explanation": "NIK dihitamkan (Pasal 17 huruf h)"}),
    (Decision.REFUSED, {"exemption": Exemption.H}),
    (Decision.NOT_HELD, {"holder_body": "Bawaslu Kabupaten Jepara"}),
    (Decision.NOT_DOCUMENTED, {"documentation_time": "14 hari kerja"}),
], ids=["granted", "in-part", "refused", "not-held", "not-documented"])
def test_decide_each_outcome(tree, people, login, decision, data):
    request = make_request(tree.jepara)
    if decision in (Decision.REFUSED, Decision.GRANTED_IN_PART):
        data = {**data, "consequence_test": make_consequence_test(tree.jepara, people.ppid).pk}
    c = login(people.ppid)
    response = c.post(url("staff-decide", request),
                      {"decision": decision, "costs": "0", "confirmed": "1", **data})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DECIDED
    assert request.decision == decision
    notice = Notice.objects.get(request=request)
    assert notice.is_held is (decision != Decision.NOT_HELD)
    assert notice.signed_by_name == "PPID Jepara"
    pdf = c.get(url("staff-notice-pdf", request))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_notice_pdf_is_404_before_a_decision(tree, people, login):
    request = make_request(tree.jepara)
    assert login(people.ppid).get(url("staff-notice-pdf", request)).status_code == 404


def test_add_file_refuses_a_fake_pdf_and_delivers(tree, people, login):
    request = make_request(tree.jepara, channel=Channel.WALK_IN, actor=people.ppid)
    grant(request, people.ppid)
    c = login(people.ppid)
    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00" + b"\x00" * 500,
                             content_type="application/pdf")
    before = state(request)
    response = c.post(url("staff-add-file", request), {"title": "SK DPT", "upload": fake})
    assert response.status_code == 400
    panel = next(p for p in response.context["panels"] if p.name == "add-file")
    assert "upload" in panel.form.errors
    assert state(request) == before

    response = c.post(url("staff-add-file", request), {"title": "Dataset DPT"})
    assert response.status_code == 400
    assert "Unggah berkas atau isi tautan." in response.content.decode()

    good = SimpleUploadedFile("sk.pdf", pdf_bytes(), content_type="application/pdf")
    assert c.post(url("staff-add-file", request), {
        "title": "SK DPT (dihitamkan)", "upload": good, "is_redacted": "on",
        "redaction_note": "NIK dihitamkan"}).status_code == 302
    assert c.post(url("staff-add-file", request), {
        "title": "Dataset DPT", "link_url": "https://data.kpu.go.id/dpt"}).status_code == 302
    stored = DeliveredFile.objects.get(request=request, title="SK DPT (dihitamkan)")
    assert stored.is_redacted and stored.redaction_note == "NIK dihitamkan"
    download = c.get(url("staff-file", request, stored.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()

    response = c.post(url("staff-deliver", request), {"valid_days": 14})
    assert response.status_code == 200
    link = DownloadLink.objects.get(request=request)
    token = response.context["token"]
    assert hashlib.sha256(token.encode()).hexdigest() == link.token_hash
    html = response.content.decode()
    assert f"/informasi/unduh/{token}/" in html
    assert "diterima secara luring" in html
    request.refresh_from_db()
    assert request.status == Status.DELIVERED
    # The token is never shown again on the request file.
    assert token not in c.get(url("staff-detail", request)).content.decode()


def test_deliver_needs_prepared_files(tree, people, login):
    request = make_request(tree.jepara)
    grant(request, people.ppid)
    before = state(request)
    response = login(people.ppid).post(url("staff-deliver", request), {"valid_days": 30})
    assert response.status_code == 400
    assert "Belum ada berkas atau tautan" in response.content.decode()
    assert state(request) == before


def test_withdraw_needs_confirmation(tree, people, login):
    request = make_request(tree.jepara)
    c = login(people.ppid)
    before = state(request)
    response = c.post(url("staff-withdraw", request), {"reason": "Tidak jadi"})
    assert response.status_code == 400
    assert "Centang untuk mengonfirmasi penarikan." in response.content.decode()
    assert state(request) == before
    response = c.post(url("staff-withdraw", request), {"reason": "Tidak jadi", "confirm": "on"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    # A closed request offers only the internal note.
    names = [p.name for p in c.get(url("staff-detail", request)).context["panels"]]
    assert names == ["note"]


def _action_posts(tree, people):
    test = make_consequence_test(tree.jepara, people.ppid)
    return [
        ("staff-assign", {"officer": people.ppid.pk}),
        ("staff-note", {"text": "Catatan"}),
        ("staff-clarify", {"question": "Apa?"}),
        ("staff-clarification-answer", {"answer": "Ini"}),
        ("staff-extend", {"days": 2, "reasons": "Alasan"}),
        ("staff-decide", {"decision": Decision.REFUSED, "exemption": "h", "confirmed": "1",
                          "consequence_test": test.pk}),
        ("staff-add-file", {"title": "Data", "link_url": "https://data.kpu.go.id/x"}),
        ("staff-deliver", {"valid_days": 30}),
        ("staff-withdraw", {"confirm": "on"}),
    ]


@pytest.mark.parametrize("actor", ["kudus_ppid", "head", "admin", "employee", "evaluator",
                                   "other_admin", "citizen"])
def test_every_action_is_404_without_the_write_right(tree, people, login, kudus_ppid, actor):
    request = make_request(tree.jepara)
    user = kudus_ppid if actor == "kudus_ppid" else getattr(people, actor)
    c = login(user)
    before = state(request)
    for name, data in _action_posts(tree, people):
        assert c.post(url(name, request), data).status_code == 404, name
    assert state(request) == before
    assert not RequestEvent.objects.filter(request=request, actor=user).exists()


def test_actions_are_post_only(tree, people, login):
    request = make_request(tree.jepara)
    c = login(people.ppid)
    for name, _data in _action_posts(tree, people):
        assert c.get(url(name, request)).status_code == 405, name


def test_anonymous_is_sent_to_login(tree, client):
    request = make_request(tree.jepara)
    response = client.post(url("staff-note", request), {"text": "x"})
    assert response.status_code == 302
    assert not request.events.filter(kind=EventKind.NOTE).exists()


def test_system_admin_acts_everywhere(tree, people, login):
    request = make_request(tree.kudus)
    response = login(people.system_admin).post(url("staff-note", request), {"text": "Cek"})
    assert response.status_code == 302
    assert request.events.filter(kind=EventKind.NOTE).count() == 1


def test_unknown_request_number_is_404(tree, people, login):
    c = login(people.ppid)
    assert c.get(reverse("inforequests:staff-detail",
                         args=["9999-PPID-33.20-2024"])).status_code == 404


def test_services_stay_the_single_writer(tree, people, login):
    """Each action records an audit event through its service."""
    from prima.core.models import AuditEvent

    request = make_request(tree.jepara)
    login(people.ppid).post(url("staff-assign", request), {"officer": people.ppid.pk})
    assert AuditEvent.objects.filter(action="inforequests.request_assigned",
                                     actor=people.ppid).exists()


def test_request_file_query_count(tree, people, login, django_assert_max_num_queries):
    request = make_request(tree.jepara, attachments=[("identity", pdf_upload("ktp.pdf"))])
    grant(request, people.ppid)
    c = login(people.ppid)
    for i in range(5):
        c.post(url("staff-note", request), {"text": f"Catatan {i}"})
        c.post(url("staff-add-file", request), {"title": f"Data {i}",
                                                "link_url": f"https://data.kpu.go.id/{i}"})
    c.get(url("staff-detail", request))
    with django_assert_max_num_queries(20):
        response = c.get(url("staff-detail", request))
    assert len(response.context["events"]) == 12
    assert len(response.context["delivered_files"]) == 5
