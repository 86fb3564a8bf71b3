import re

from django.contrib.auth import SESSION_KEY
from django.core import mail

from prima.core.models import AuditEvent, OutboxEmail
from prima.organisations.tests.factories import PASSWORD

RESET = "/akun/sandi/lupa/"
NEW_PASSWORD = "Pemilu-Jujur-Adil-2029"


def _reset_link(body):
    return re.search(r"https?://testserver(/akun/sandi/atur/[^\s]+/)", body).group(1)


def test_reset_end_to_end_through_the_outbox(client, people, outbox):
    user = people.employee

    response = outbox(client.post, RESET, {"email": user.email.upper()})

    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    stored = OutboxEmail.objects.get()
    assert stored.to == [user.email]
    assert stored.subject == "Atur ulang kata sandi Prima KPU"
    assert stored.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body == stored.body
    link = _reset_link(mail.outbox[0].body)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    assert "Buat kata sandi baru" in form_page.text
    response = client.post(set_url, {"new_password1": NEW_PASSWORD,
                                     "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/akun/sandi/atur/selesai/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="accounts.password_reset", actor=user).count() == 1

    # The link is spent: using it again changes nothing.
    again = client.get(link, follow=True)
    assert "Tautan ini tidak berlaku lagi" in again.text
    assert "new_password1" not in again.text

    login = client.post("/akun/masuk/", {"username": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_reset_for_unknown_email_sends_nothing_and_says_the_same(client, people, outbox):
    response = outbox(client.post, RESET, {"email": "tidak-ada@kpu.test"})
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_reset_rejects_weak_new_password(client, people, outbox):
    outbox(client.post, RESET, {"email": people.employee.email})
    link = _reset_link(mail.outbox[0].body)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert 'class="error"' in response.text
    people.employee.refresh_from_db()
    assert people.employee.check_password(PASSWORD)


def test_reset_posts_are_rate_limited(client, db):
    for _i in range(20):
        assert client.post(RESET, {"email": "x@kpu.test"}).status_code == 302
    assert client.post(RESET, {"email": "x@kpu.test"}).status_code == 429


def test_signed_in_person_changes_password(client, login, people):
    login(people.employee)
    response = client.post("/akun/sandi/ubah/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })
    assert response["Location"] == "/akun/sandi/ubah/selesai/"
    people.employee.refresh_from_db()
    assert people.employee.check_password(NEW_PASSWORD)
    assert SESSION_KEY in client.session  # the session stays valid after the change
    assert AuditEvent.objects.filter(action="accounts.password_changed",
                                     actor=people.employee).count() == 1


def test_password_change_with_wrong_old_password_changes_nothing(client, login, people):
    login(people.employee)
    response = client.post("/akun/sandi/ubah/", {
        "old_password": "bukan-ini", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    })
    assert response.status_code == 200
    assert 'class="error"' in response.text
    people.employee.refresh_from_db()
    assert people.employee.check_password(PASSWORD)


def test_reset_email_is_written_by_the_shared_composer_in_the_visitor_language(
        client, people, outbox, monkeypatch):
    from prima.accounts import forms as account_forms

    calls = []
    real = account_forms.compose
    monkeypatch.setattr(account_forms, "compose",
                        lambda **kw: calls.append(kw) or real(**kw))
    client.cookies["django_language"] = "en"
    client.post(RESET, {"email": people.admin.email})

    assert [c["template"] for c in calls] == ["accounts/email/password_reset"]
    assert calls[0]["to"] == [people.admin.email] and calls[0]["language"] is None
    assert OutboxEmail.objects.count() == 1
