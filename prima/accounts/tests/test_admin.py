import datetime as dt

from django.utils import timezone

from prima.accounts.models import Invitation, User
from prima.organisations.choices import Role
from prima.organisations.tests.factories import UserFactory


def _superuser():
    # The Django admin needs is_staff plus model permissions; a superuser has both.
    return UserFactory(full_name="Super", is_staff=True, is_superuser=True)


def test_superuser_manages_users_by_email(client, login, people):
    login(_superuser())
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{people.employee.pk}/change/").status_code == 200
    response = client.post("/admin/accounts/user/add/", {
        "email": "Staf.Baru@KPU.test", "full_name": "Staf Baru",
        "password1": "Pemilu-Jujur-Adil-2029", "password2": "Pemilu-Jujur-Adil-2029",
        "usable_password": "true",
    })
    assert response.status_code == 302
    assert User.objects.get(email__iexact="staf.baru@kpu.test").full_name == "Staf Baru"


def test_invitation_admin_is_read_only_for_the_token(client, login, people, tree):
    invitation = Invitation.objects.create(
        email="tunggu@kpu.test", full_name="Menunggu", satker=tree.jepara, role=Role.EMPLOYEE,
        token_hash="a" * 64, invited_by=people.admin,
        expires_at=timezone.now() + dt.timedelta(days=1))
    login(_superuser())
    assert client.get("/admin/accounts/invitation/").status_code == 200
    assert client.get("/admin/accounts/invitation/add/").status_code == 403
    page = client.get(f"/admin/accounts/invitation/{invitation.pk}/change/")
    assert page.status_code == 200
    assert 'name="token_hash"' not in page.text
    assert "a" * 64 in page.text


def test_jepara_admin_cannot_open_django_admin(client, login, people):
    login(people.admin)
    response = client.get("/admin/accounts/user/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/akun/masuk/")
    assert "tidak berwenang membuka halaman yang diminta" in response.text
