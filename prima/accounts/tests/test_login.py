from urllib.parse import parse_qs

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from prima.organisations.tests.factories import PASSWORD

LOGIN = "/akun/masuk/"


def test_login_page_is_indonesian(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Kata sandi" in response.text
    assert "Lupa kata sandi?" in response.text


def test_employee_logs_in_and_lands_on_dashboard(client, people):
    response = client.post(LOGIN, {"username": people.employee.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.session[SESSION_KEY] == str(people.employee.pk)


def test_login_email_is_case_insensitive(client, people):
    response = client.post(LOGIN, {"username": people.employee.email.upper(),
                                   "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(people.employee.pk)


def test_login_follows_safe_next(client, people):
    response = client.post(LOGIN, {"username": people.employee.email, "password": PASSWORD,
                                   "next": "/satker/"})
    assert response["Location"] == "/satker/"


def test_login_ignores_next_to_another_site(client, people):
    response = client.post(LOGIN, {"username": people.employee.email, "password": PASSWORD,
                                   "next": "https://jahat.example/"})
    assert response["Location"] == reverse("core:dashboard")


def test_wrong_password_shows_message_and_signs_nobody_in(client, people):
    response = client.post(LOGIN, {"username": people.employee.email, "password": "salah-123"})
    assert response.status_code == 200
    assert "Email atau kata sandi salah" in response.text
    assert SESSION_KEY not in client.session
    people.employee.refresh_from_db()
    assert people.employee.last_login is None


def test_admin_is_sent_to_two_factor_setup_after_password(client, people):
    response = client.post(LOGIN, {"username": people.admin.email, "password": PASSWORD,
                                   "next": "/staf/"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/atur/?next=%2Fstaf%2F"


def test_lockout_after_five_failures_blocks_even_the_right_password(client, people):
    user = people.employee
    for attempt in range(4):
        response = client.post(LOGIN, {"username": user.email, "password": f"salah-{attempt}"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": user.email, "password": "salah-4"})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.text
    assert "30 menit" in response.text

    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    user.refresh_from_db()
    assert user.last_login is None


def test_login_posts_are_rate_limited_per_address(client, people, settings):
    settings.AXES_ENABLED = False
    for _i in range(20):
        assert client.post(LOGIN, {"username": "x@kpu.test", "password": "y"}).status_code == 200
    response = client.post(LOGIN, {"username": people.employee.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.text
    assert SESSION_KEY not in client.session


def test_signed_in_person_without_admin_access_sees_message_not_a_loop(client, login, people):
    login(people.employee)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    path, _, query = response.redirect_chain[-1][0].partition("?")
    assert path == "/akun/masuk/"
    assert parse_qs(query)["next"] == ["/admin/"]
    assert "tidak berwenang membuka halaman yang diminta" in response.text


def test_signed_in_person_opening_login_goes_to_dashboard(client, login, people):
    login(people.employee)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_logout_is_post_only(client, login, people):
    login(people.employee)
    assert client.get("/akun/keluar/").status_code == 405
    assert SESSION_KEY in client.session
    response = client.post("/akun/keluar/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("who", ["admin", "evaluator", "system_admin"])
def test_two_factor_roles_without_device_are_sent_to_setup(client, people, who):
    client.force_login(getattr(people, who))
    response = client.get("/staf/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/atur/?next=/staf/"


def test_two_factor_role_with_device_is_sent_to_verify(client, people):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=people.admin, name="hp", confirmed=True)
    client.force_login(people.admin)
    response = client.get("/staf/")
    assert response["Location"] == "/akun/2fa/verifikasi/?next=/staf/"


def test_employee_is_not_asked_for_two_factor(client, people):
    client.force_login(people.employee)
    response = client.get("/staf/")
    assert response.status_code == 200


def test_login_page_shows_the_product_name_not_the_host(client, db):
    response = client.get(LOGIN)
    assert "<title>" in response.text
    title = response.text.split("<title>")[1].split("</title>")[0]
    assert "Prima KPU" in title
    assert "testserver" not in response.text
