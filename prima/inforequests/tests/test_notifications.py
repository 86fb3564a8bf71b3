"""The PPID is emailed when a request or an objection arrives; a requester who lost the
tracking secret gets a new tracking link by email (never revealing whether an email exists)."""

from django.urls import reverse

from prima.core.models import AuditEvent
from prima.inforequests import services, tracking
from prima.inforequests.models import InformationRequest
from prima.inforequests.tests.factories import at, freeze_now, guarded, make_request

RESEND = reverse("inforequests:public-resend-link")


def _to(mailoutbox, address):
    return [m for m in mailoutbox if address in m.to]


def test_ppid_is_emailed_when_a_request_arrives(tree, people, mailoutbox):
    request = make_request(tree.jepara, email="warga@contoh.id")
    [mail] = _to(mailoutbox, people.ppid.email)
    assert request.number in mail.subject
    assert reverse("inforequests:staff-detail", args=[request.number_slug]) in mail.body
    assert not _to(mailoutbox, "ppid.kudus@contoh.id")


def test_offline_entry_does_not_email_the_officer_who_entered_it(tree, people, mailoutbox):
    make_request(tree.jepara, channel="walk_in", actor=people.ppid, email="")
    assert not _to(mailoutbox, people.ppid.email)


def test_staff_are_emailed_when_an_objection_arrives(tree, people, monkeypatch, mailoutbox):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    freeze_now(monkeypatch, at(2026, 4, 9, 9))
    mailoutbox.clear()
    objection = services.file_objection(request=request, grounds=["c"],
                                        case_description="Tidak ditanggapi")
    for person in (people.ppid, people.atasan_ppid):
        [mail] = _to(mailoutbox, person.email)
        assert objection.number in mail.subject


def test_resend_gives_a_new_link_by_email_only(client, tree, mailoutbox):
    request = make_request(tree.jepara, email="siti@contoh.id")
    old = request.secret
    mailoutbox.clear()
    response = client.post(RESEND, guarded(email="Siti@Contoh.id", number=""))
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["siti@contoh.id"]
    request.refresh_from_db()
    assert tracking.find_by_secret(request.number_slug, old) is None
    assert f"/informasi/lacak/{request.number_slug}/" in mail.body
    secret = mail.body.split(f"/informasi/lacak/{request.number_slug}/")[1].split("/")[0]
    assert tracking.find_by_secret(request.number_slug, secret) == request
    assert secret not in response.content.decode()
    assert AuditEvent.objects.filter(action="inforequests.tracking_link_resent").exists()


def test_resend_never_reveals_whether_an_email_exists(client, tree, mailoutbox):
    request = make_request(tree.jepara, email="siti@contoh.id")
    before = InformationRequest.objects.get(pk=request.pk).tracking_secret_hash
    mailoutbox.clear()
    known = client.post(RESEND, guarded(email="siti@contoh.id"), follow=True)
    unknown = client.post(RESEND, guarded(email="orang.lain@contoh.id"), follow=True)
    message = [str(m) for m in unknown.context["messages"]]
    assert message == [str(m) for m in known.context["messages"]]
    assert len(mailoutbox) == 1
    assert InformationRequest.objects.get(pk=request.pk).tracking_secret_hash != before


def test_resend_form_is_guarded_and_rate_limited(client, tree, settings, mailoutbox):
    make_request(tree.jepara, email="siti@contoh.id")
    mailoutbox.clear()
    bot = client.post(RESEND, {"email": "siti@contoh.id", "website": "spam", "form_token": ""})
    assert bot.status_code == 200 and not mailoutbox
    bad = client.post(RESEND, guarded(email="bukan-email"))
    assert bad.status_code == 200 and "Alamat email tidak valid." in bad.content.decode()
    settings.RATELIMIT_ENABLE = True
    statuses = [client.post(RESEND, guarded(email="x@contoh.id")).status_code
                for _ in range(7)]
    assert 429 in statuses


def test_staff_home_lists_new_requests_nobody_has_taken_up(tree, people):
    from prima.core.dashboard import dashboard_for

    make_request(tree.jepara)
    make_request(tree.jepara)
    dashboard = dashboard_for(people.ppid)
    card = next(c for c in dashboard.cards if c.satker == tree.jepara)
    [new] = [w for w in card.workloads if str(w.title) == "Permohonan baru masuk"]
    assert [str(f.label) for f in new.figures] == ["2 permohonan baru belum ditangani"]
