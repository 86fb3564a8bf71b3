import pytest

from prima.accounts.models import Invitation
from prima.core.models import AuditEvent, OutboxEmail
from prima.organisations.choices import Role
from prima.organisations.models import Membership
from prima.organisations.tests.factories import MembershipFactory, UserFactory

LIST = "/staf/satker/33.20/pengguna/"
INVITE = "/staf/satker/33.20/pengguna/undang/"


def _invite_data(**overrides):
    return {"email": "baru@kpu.test", "full_name": "Sri Rahayu", "role": Role.PPID,
            **overrides}


@pytest.mark.parametrize(("who", "status"), [
    ("admin", 200), ("head", 200), ("secretary", 200), ("system_admin", 200),
    ("employee", 404), ("ppid", 404), ("evaluator", 404), ("other_admin", 404),
    ("citizen", 404),
])
def test_member_list_access(client, login, people, who, status):
    login(getattr(people, who))
    assert client.get(LIST).status_code == status


def test_member_list_needs_sign_in(client, people):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_unknown_satker_is_404(client, login, people):
    login(people.system_admin)
    assert client.get("/staf/satker/99.99/pengguna/").status_code == 404


def test_admin_sees_members_invitations_and_invite_form(client, login, people, tree):
    Invitation.objects.create(email="tunggu@kpu.test", full_name="Menunggu", satker=tree.jepara,
                              role=Role.EMPLOYEE, token_hash="x" * 64, invited_by=people.admin,
                              expires_at="2999-01-01T00:00:00+07:00")
    login(people.admin)
    response = client.get(LIST)
    text = response.text
    assert "Pegawai Jepara" in text
    assert "Admin Kudus" not in text
    assert "tunggu@kpu.test" in text
    assert 'action="/staf/satker/33.20/pengguna/undang/"' in text
    assert "Nonaktifkan" in text


def test_head_reads_without_write_controls(client, login, people):
    login(people.head)
    text = client.get(LIST).text
    assert "Pegawai Jepara" in text
    assert "Kirim undangan" not in text
    assert "Nonaktifkan" not in text


def test_search_filters_by_name_and_email(client, login, people):
    login(people.admin)
    text = client.get(LIST, {"q": "ketua"}).text
    assert "Ketua Jepara" in text
    assert "Pegawai Jepara" not in text
    text = client.get(LIST, {"q": people.employee.email}).text
    assert "Pegawai Jepara" in text
    assert "Ketua Jepara" not in text
    assert "Tidak ada pengguna yang cocok" in client.get(LIST, {"q": "zzz"}).text


def test_member_list_is_paginated_without_a_query_per_row(client, login, people, tree,
                                                          django_assert_max_num_queries):
    for i in range(40):
        MembershipFactory(satker=tree.jepara, role=Role.EMPLOYEE,
                          user=UserFactory(full_name=f"Zz Pegawai {i:02d}"))
    login(people.admin)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.text.count("data-membership=") == 25
    assert "Halaman 1 dari 2" in response.text
    assert client.get(LIST, {"page": 2}).text.count("data-membership=") == 22


def test_invite_form_offers_only_assignable_roles(client, login, people):
    login(people.admin)
    text = client.get(LIST).text
    for role in Role:
        assert f'<option value="{role.value}"' in text


def test_admin_invites_through_the_page(client, login, people, tree, outbox):
    login(people.admin)
    response = outbox(client.post, INVITE, _invite_data())
    assert response.status_code == 302
    assert response["Location"] == LIST
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.satker, invitation.role) == (
        "baru@kpu.test", tree.jepara, Role.PPID)
    assert OutboxEmail.objects.get().to == ["baru@kpu.test"]
    assert "http://testserver/akun/undangan/" in OutboxEmail.objects.get().body
    assert AuditEvent.objects.filter(action="accounts.invitation_sent",
                                     satker=tree.jepara).count() == 1


def test_invite_with_bad_email_shows_error_and_creates_nothing(client, login, people):
    login(people.admin)
    response = client.post(INVITE, _invite_data(email="bukan-email"))
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert Invitation.objects.count() == 0


def test_duplicate_invite_shows_service_error(client, login, people):
    login(people.admin)
    client.post(INVITE, _invite_data())
    response = client.post(INVITE, _invite_data())
    assert "masih berlaku" in response.text
    assert Invitation.objects.count() == 1


def test_kudus_admin_cannot_invite_into_jepara(client, login, people):
    login(people.other_admin)
    assert client.get(LIST).status_code == 404
    assert client.post(INVITE, _invite_data()).status_code == 404
    assert Invitation.objects.count() == 0
    assert OutboxEmail.objects.count() == 0


@pytest.mark.parametrize("who", ["employee", "head", "secretary"])
def test_non_admins_cannot_invite(client, login, people, who):
    login(getattr(people, who))
    assert client.post(INVITE, _invite_data()).status_code == 404
    assert Invitation.objects.count() == 0


def test_invite_get_is_not_allowed(client, login, people):
    login(people.admin)
    assert client.get(INVITE).status_code == 405


def _pending(people, tree):
    return Invitation.objects.create(
        email="tunggu@kpu.test", full_name="Menunggu", satker=tree.jepara, role=Role.EMPLOYEE,
        token_hash="y" * 64, invited_by=people.admin, expires_at="2999-01-01T00:00:00+07:00")


def test_revoke_asks_for_confirmation_then_revokes(client, login, people, tree):
    invitation = _pending(people, tree)
    url = f"/staf/satker/33.20/pengguna/undangan/{invitation.pk}/batalkan/"
    login(people.admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "Batalkan undangan untuk tunggu@kpu.test" in page.text
    invitation.refresh_from_db()
    assert invitation.revoked_at is None

    response = client.post(url)
    assert response["Location"] == LIST
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(url).status_code == 404


def test_revoke_by_head_is_404_and_changes_nothing(client, login, people, tree):
    invitation = _pending(people, tree)
    login(people.head)
    url = f"/staf/satker/33.20/pengguna/undangan/{invitation.pk}/batalkan/"
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_deactivate_asks_for_confirmation_then_deactivates(client, login, people, tree):
    membership = Membership.objects.get(user=people.employee, satker=tree.jepara)
    url = f"/staf/satker/33.20/pengguna/{membership.pk}/nonaktifkan/"
    login(people.admin)
    assert "Nonaktifkan peran Pegawai milik Pegawai Jepara" in client.get(url).text
    membership.refresh_from_db()
    assert membership.is_active is True

    response = client.post(url)
    assert response["Location"] == LIST
    membership.refresh_from_db()
    assert membership.is_active is False
    assert AuditEvent.objects.get(action="accounts.membership_deactivated").actor == people.admin


def test_deactivating_the_last_admin_shows_message(client, login, people, tree):
    membership = Membership.objects.get(user=people.admin, satker=tree.jepara)
    login(people.admin)
    response = client.post(f"/staf/satker/33.20/pengguna/{membership.pk}/nonaktifkan/")
    assert response.status_code == 200
    assert "administrator terakhir" in response.text
    membership.refresh_from_db()
    assert membership.is_active is True


def test_deactivate_membership_of_other_satker_is_404(client, login, people, tree):
    membership = Membership.objects.get(user=people.other_employee, satker=tree.kudus)
    login(people.admin)
    response = client.post(f"/staf/satker/33.20/pengguna/{membership.pk}/nonaktifkan/")
    assert response.status_code == 404
    assert client.post(f"/staf/satker/33.19/pengguna/{membership.pk}/nonaktifkan/"
                       ).status_code == 404
    membership.refresh_from_db()
    assert membership.is_active is True


def test_change_role_through_the_page(client, login, people, tree):
    membership = Membership.objects.get(user=people.employee, satker=tree.jepara)
    url = f"/staf/satker/33.20/pengguna/{membership.pk}/peran/"
    login(people.admin)
    page = client.get(url)
    assert f'<option value="{Role.EMPLOYEE}"' not in page.text
    response = client.post(url, {"role": Role.REFORM})
    assert response["Location"] == LIST
    membership.refresh_from_db()
    assert membership.role == Role.REFORM
