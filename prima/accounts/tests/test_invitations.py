import datetime as dt
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from prima.accounts import services
from prima.accounts.models import Invitation, User, hash_token
from prima.core.models import AuditEvent, OutboxEmail
from prima.organisations.choices import Role
from prima.organisations.models import Membership
from prima.organisations.tests.factories import PASSWORD, MembershipFactory

NEW_PASSWORD = "Pemilu-Jujur-Adil-2029"


def _invite(actor, satker, email="baru@kpu.test", role=Role.PPID, **kwargs):
    return services.invite_member(actor=actor, satker=satker, email=email,
                                  full_name="Sri Rahayu", role=role,
                                  base_url="https://prima.example", **kwargs)


def test_invite_stores_hash_and_emails_the_link(people, tree, outbox, settings):
    settings.INVITATION_VALID_DAYS = 7
    before = timezone.now()

    invitation, token = outbox(_invite, people.admin, tree.jepara, email=" Baru@KPU.test ")

    assert invitation.email == "baru@kpu.test"
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.invited_by == people.admin
    assert (before + dt.timedelta(days=7) <= invitation.expires_at
            <= timezone.now() + dt.timedelta(days=7))
    stored = OutboxEmail.objects.get()
    assert stored.to == ["baru@kpu.test"]
    assert stored.subject == "Undangan bergabung di Prima KPU — KPU Kabupaten Jepara"
    assert f"https://prima.example/akun/undangan/{token}/" in stored.body
    assert "sebagai Petugas PPID di KPU Kabupaten Jepara" in stored.body
    assert mail.outbox[0].to == ["baru@kpu.test"]
    event = AuditEvent.objects.get(action="accounts.invitation_sent")
    assert (event.actor, event.satker, event.object_id) == (
        people.admin, tree.jepara, str(invitation.pk))
    assert "token_hash" not in event.changes


def test_system_admin_may_invite_anywhere(people, tree):
    invitation, _token = _invite(people.system_admin, tree.papua, role=Role.ADMIN)
    assert invitation.satker == tree.papua


@pytest.mark.parametrize("who", ["other_admin", "employee", "head", "evaluator", "citizen"])
def test_invite_outside_admin_scope_is_denied_and_creates_nothing(people, tree, who):
    with pytest.raises(PermissionDenied):
        _invite(getattr(people, who), tree.jepara)
    assert Invitation.objects.count() == 0
    assert OutboxEmail.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_invite_twice_while_pending_is_refused(people, tree):
    _invite(people.admin, tree.jepara)
    with pytest.raises(ValidationError) as exc:
        _invite(people.admin, tree.jepara, email="BARU@kpu.test")
    assert "masih berlaku" in exc.value.message_dict["email"][0]
    assert Invitation.objects.count() == 1


def test_invite_someone_who_already_has_the_role_is_refused(people, tree):
    with pytest.raises(ValidationError) as exc:
        _invite(people.admin, tree.jepara, email=people.ppid.email, role=Role.PPID)
    assert "sudah memegang peran" in exc.value.message_dict["email"][0]
    assert Invitation.objects.count() == 0


def test_accept_creates_user_and_membership_with_audit(people, tree):
    invitation, token = _invite(people.admin, tree.jepara)

    membership = services.accept_invitation(token=token, full_name="Sri Rahayu, S.H.",
                                            password=NEW_PASSWORD)

    user = User.objects.get(email="baru@kpu.test")
    assert user.full_name == "Sri Rahayu, S.H."
    assert user.check_password(NEW_PASSWORD)
    assert (membership.user, membership.satker, membership.role, membership.is_active) == (
        user, tree.jepara, Role.PPID, True)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    actions = set(AuditEvent.objects.filter(actor=user, satker=tree.jepara)
                  .values_list("action", flat=True))
    assert actions == {"accounts.user_registered", "accounts.membership_joined",
                       "accounts.invitation_accepted"}


def test_accept_rejects_weak_password_and_changes_nothing(people, tree):
    invitation, token = _invite(people.admin, tree.jepara)
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, full_name="Sri", password="12345678")
    assert "password" in exc.value.message_dict
    assert not User.objects.filter(email="baru@kpu.test").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_user_accepts_while_signed_in(people, tree):
    invitation, token = _invite(people.admin, tree.jepara, email=people.employee.email.upper(),
                                role=Role.REFORM)
    membership = services.accept_invitation(token=token, user=people.employee)
    assert membership.user == people.employee
    assert set(Membership.objects.filter(user=people.employee)
               .values_list("role", flat=True)) == {Role.EMPLOYEE, Role.REFORM}


def test_existing_account_must_sign_in_first(people, tree):
    _invitation, token = _invite(people.admin, tree.jepara, email=people.employee.email,
                                 role=Role.REFORM)
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, full_name="X", password=NEW_PASSWORD)
    assert exc.value.code == "existing"


def test_signed_in_user_with_other_email_cannot_accept(people, tree):
    _invitation, token = _invite(people.admin, tree.jepara)
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, user=people.employee)
    assert exc.value.code == "other_user"
    assert Membership.objects.filter(user=people.employee).count() == 1


def test_token_can_be_used_once(people, tree):
    _invitation, token = _invite(people.admin, tree.jepara)
    services.accept_invitation(token=token, full_name="Sri", password=NEW_PASSWORD)
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, full_name="Sri", password=NEW_PASSWORD)
    assert exc.value.code == "used"


def test_expired_token_is_refused(people, tree):
    invitation, token = _invite(people.admin, tree.jepara)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, full_name="Sri", password=NEW_PASSWORD)
    assert exc.value.code == "expired"
    assert "kedaluwarsa" in exc.value.messages[0]
    assert not User.objects.filter(email="baru@kpu.test").exists()


def test_revoked_token_is_refused(people, tree):
    invitation, token = _invite(people.admin, tree.jepara)
    services.revoke_invitation(actor=people.admin, invitation=invitation)
    assert AuditEvent.objects.filter(action="accounts.invitation_revoked",
                                     satker=tree.jepara).count() == 1
    with pytest.raises(ValidationError) as exc:
        services.accept_invitation(token=token, full_name="Sri", password=NEW_PASSWORD)
    assert exc.value.code == "revoked"


def test_revoke_by_other_satker_admin_is_denied(people, tree):
    invitation, _token = _invite(people.admin, tree.jepara)
    with pytest.raises(PermissionDenied):
        services.revoke_invitation(actor=people.other_admin, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_last_admin_cannot_be_deactivated(people, tree):
    membership = Membership.objects.get(user=people.admin, satker=tree.jepara)
    with pytest.raises(ValidationError) as exc:
        services.deactivate_membership(actor=people.admin, membership=membership)
    assert "administrator terakhir" in exc.value.messages[0]
    membership.refresh_from_db()
    assert membership.is_active is True
    assert AuditEvent.objects.count() == 0


def test_last_admin_cannot_lose_the_admin_role(people, tree):
    membership = Membership.objects.get(user=people.admin, satker=tree.jepara)
    with pytest.raises(ValidationError):
        services.change_role(actor=people.admin, membership=membership, role=Role.EMPLOYEE)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_admin_can_be_removed_when_another_remains(people, tree):
    MembershipFactory(satker=tree.jepara, role=Role.ADMIN)
    membership = Membership.objects.get(user=people.admin, satker=tree.jepara)
    services.deactivate_membership(actor=people.admin, membership=membership)
    membership.refresh_from_db()
    assert membership.is_active is False
    event = AuditEvent.objects.get(action="accounts.membership_deactivated")
    assert event.changes == {"is_active": [True, False]}
    assert event.satker == tree.jepara


def test_change_role_records_before_and_after(people, tree):
    membership = Membership.objects.get(user=people.employee, satker=tree.jepara)
    services.change_role(actor=people.admin, membership=membership, role=Role.REFORM)
    membership.refresh_from_db()
    assert membership.role == Role.REFORM
    event = AuditEvent.objects.get(action="accounts.membership_role_changed")
    assert event.changes == {"role": [Role.EMPLOYEE, Role.REFORM]}


def test_employee_cannot_deactivate_anyone(people, tree):
    membership = Membership.objects.get(user=people.ppid, satker=tree.jepara)
    with pytest.raises(PermissionDenied):
        services.deactivate_membership(actor=people.employee, membership=membership)
    membership.refresh_from_db()
    assert membership.is_active is True


# --- The acceptance page -------------------------------------------------------------------


def test_accept_page_creates_account_and_signs_in(client, people, tree, outbox):
    _invitation, token = outbox(_invite, people.admin, tree.jepara)
    url = re.search(r"https://prima.example(/akun/undangan/\S+/)", mail.outbox[0].body).group(1)

    page = client.get(url)
    assert page.status_code == 200
    assert "Petugas PPID" in page.text
    assert 'value="Sri Rahayu"' in page.text

    response = client.post(url, {"full_name": "Sri Rahayu", "password": NEW_PASSWORD,
                                 "password_confirm": NEW_PASSWORD})

    assert response.status_code == 302
    user = User.objects.get(email="baru@kpu.test")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert Membership.objects.filter(user=user, satker=tree.jepara, role=Role.PPID).exists()


def test_accept_page_shows_password_errors_and_creates_nothing(client, people, tree):
    _invitation, token = _invite(people.admin, tree.jepara)
    response = client.post(f"/akun/undangan/{token}/", {
        "full_name": "Sri", "password": "12345678", "password_confirm": "12345678"})
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not User.objects.filter(email="baru@kpu.test").exists()


def test_accept_page_for_expired_invitation_says_so(client, people, tree):
    invitation, token = _invite(people.admin, tree.jepara)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1))
    response = client.get(f"/akun/undangan/{token}/")
    assert response.status_code == 410
    assert "Undangan ini sudah kedaluwarsa" in response.text
    response = client.post(f"/akun/undangan/{token}/", {
        "full_name": "Sri", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 410
    assert not User.objects.filter(email="baru@kpu.test").exists()


def test_accept_page_for_unknown_token_is_404(client, db):
    response = client.get("/akun/undangan/tidak-ada/")
    assert response.status_code == 404
    assert "Tautan undangan tidak dikenal" in response.text


def test_accept_page_for_existing_account_asks_to_sign_in(client, people, tree):
    _invitation, token = _invite(people.admin, tree.jepara, email=people.employee.email,
                                 role=Role.REFORM)
    response = client.get(f"/akun/undangan/{token}/")
    assert "Akun dengan email ini sudah ada" in response.text
    login = client.post(f"/akun/masuk/?next=/akun/undangan/{token}/", {
        "username": people.employee.email, "password": PASSWORD,
        "next": f"/akun/undangan/{token}/"})
    assert login["Location"] == f"/akun/undangan/{token}/"
    response = client.post(f"/akun/undangan/{token}/")
    assert response.status_code == 302
    assert Membership.objects.filter(user=people.employee, role=Role.REFORM).exists()
