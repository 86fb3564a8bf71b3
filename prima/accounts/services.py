"""Invitations and memberships: who may join a satker, in which role, and who removes them.

Only an administrator of the satker (or the system administrator) changes its people
(``policies.can(actor, Purpose.MEMBERS, satker, write=True)``). Every change is audited.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.mail import compose
from prima.organisations.choices import Role
from prima.organisations.models import Membership, Satker
from prima.organisations.policies import (
    Purpose,
    assignable_roles,
    can,
    forget_memberships,
)

from .choices import AuditAction
from .models import Invitation, User, hash_token

# Lock only the row itself: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
SELF = ("self",)


def _require_member_admin(actor, satker: Satker) -> None:
    if not can(actor, Purpose.MEMBERS, satker, write=True):
        raise PermissionDenied(_("Anda tidak berwenang mengelola pengguna satker ini."))


def _require_assignable(actor, satker: Satker, role: str) -> None:
    if role not in assignable_roles(actor, satker):
        raise ValidationError({"role": _("Peran ini tidak dapat Anda berikan di satker ini.")})


def invitation_url(token: str, base_url: str | None = None) -> str:
    base = (base_url if base_url is not None else getattr(settings, "PRIMA_BASE_URL", ""))
    return base.rstrip("/") + reverse("accounts:invitation-accept", args=[token])


@transaction.atomic
def invite_member(*, actor, satker: Satker, email: str, full_name: str, role: str,
                  base_url: str | None = None) -> tuple[Invitation, str]:
    """Invite ``email`` to take ``role`` at ``satker``; returns the invitation and its token.

    The token itself is only in the email; the database keeps its SHA-256 hash.
    """
    _require_member_admin(actor, satker)
    _require_assignable(actor, satker, role)
    email = User.objects.normalize_email(email).strip().lower()
    full_name = full_name.strip()
    if Membership.objects.filter(satker=satker, role=role, is_active=True,
                                 user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Orang dengan email ini sudah memegang peran tersebut di satker ini.")}
        )
    if Invitation.objects.pending().filter(satker=satker, role=role,
                                           email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Undangan untuk email dan peran ini masih berlaku. Batalkan undangan "
                        "itu terlebih dahulu bila ingin mengirim ulang.")}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email, full_name=full_name, satker=satker, role=role,
        token_hash=hash_token(token), invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record(invitation, actor=actor, action=AuditAction.INVITATION_SENT, satker=satker)
    context = {
        "invitation": invitation,
        "url": invitation_url(token, base_url),
        "role": invitation.get_role_display(),
        "site_name": settings.PRIMA_SITE_NAME,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    # The outbox backend stores the message in this transaction and delivers it after commit.
    compose(to=[email], subject_template="accounts/email/invitation_subject.txt",
            template="accounts/email/invitation", context=context)
    return invitation, token


def _unknown_invitation() -> ValidationError:
    return ValidationError(_("Tautan undangan tidak dikenal. Periksa kembali tautan pada email "
                             "Anda."), code="unknown")


def find_invitation(token: str) -> Invitation:
    """The invitation for ``token`` if it can still be accepted; a clear error otherwise."""
    invitation = (Invitation.objects.select_related("satker")
                  .filter(token_hash=hash_token(token or "")).first())
    if invitation is None:
        raise _unknown_invitation()
    check_invitation(invitation)
    return invitation


def check_invitation(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("Undangan ini sudah digunakan. Silakan masuk dengan akun Anda."),
                              code="used")
    if invitation.revoked_at is not None:
        raise ValidationError(_("Undangan ini telah dibatalkan oleh administrator satker. "
                                "Hubungi administrator bila Anda masih memerlukan akses."),
                              code="revoked")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Undangan ini sudah kedaluwarsa. Mintalah administrator satker "
                                "mengirim undangan baru."), code="expired")


@transaction.atomic
def accept_invitation(*, token: str, user=None, full_name: str = "",
                      password: str = "") -> Membership:
    """Accept an invitation: create the account (if new) and the membership in the satker.

    ``user`` is the signed-in person, whose email must be the invited one. Without ``user`` a
    new account is created with ``full_name`` and ``password`` (checked by Django's password
    validators); an existing account must sign in first.
    """
    invitation = (Invitation.objects.select_for_update(of=SELF)
                  .filter(token_hash=hash_token(token or "")).first())
    if invitation is None:
        raise _unknown_invitation()
    check_invitation(invitation)
    if user is not None and getattr(user, "is_authenticated", False):
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(
                _("Undangan ini ditujukan untuk %(email)s, sedangkan Anda masuk sebagai "
                  "%(current)s. Keluar lalu buka tautan ini lagi.")
                % {"email": invitation.email, "current": user.email}, code="other_user")
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("Akun dengan email ini sudah ada. Masuk terlebih dahulu, "
                                    "lalu buka tautan undangan ini lagi."), code="existing")
        full_name = (full_name or "").strip() or invitation.full_name
        user = User(email=invitation.email, full_name=full_name)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.error_list}) from exc
        user.set_password(password)
        user.save()
        audit.record(user, actor=user, action=AuditAction.USER_REGISTERED, satker=invitation.satker)

    membership = Membership.objects.filter(user=user, satker=invitation.satker,
                                           role=invitation.role).first()
    before = audit.snapshot(membership)
    if membership is None:
        membership = Membership.objects.create(user=user, satker=invitation.satker,
                                               role=invitation.role)
    elif not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    audit.record(membership, actor=user, action=AuditAction.MEMBERSHIP_JOINED, before=before,
                 satker=invitation.satker)

    before = audit.snapshot(invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(invitation, actor=user, action=AuditAction.INVITATION_ACCEPTED, before=before,
                 satker=invitation.satker)
    forget_memberships(user)
    return membership


@transaction.atomic
def revoke_invitation(*, actor, invitation: Invitation) -> Invitation:
    _require_member_admin(actor, invitation.satker)
    invitation = Invitation.objects.select_for_update(of=SELF).get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Undangan ini sudah tidak berlaku, jadi tidak perlu dibatalkan."))
    before = audit.snapshot(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(invitation, actor=actor, action=AuditAction.INVITATION_REVOKED, before=before,
                 satker=invitation.satker)
    return invitation


def _is_last_admin(membership: Membership) -> bool:
    """Whether ``membership`` is the only active administrator role of its satker."""
    if membership.role != Role.ADMIN or not membership.is_active:
        return False
    admins = list(Membership.objects.active().select_for_update(of=SELF)
                  .filter(satker_id=membership.satker_id, role=Role.ADMIN)
                  .values_list("pk", flat=True))
    return admins == [membership.pk]


@transaction.atomic
def deactivate_membership(*, actor, membership: Membership) -> Membership:
    """End a person's role in a satker; the last administrator of a satker cannot be removed."""
    _require_member_admin(actor, membership.satker)
    membership = Membership.objects.select_for_update(of=SELF).select_related("user", "satker").get(
        pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("Peran ini sudah nonaktif."))
    if _is_last_admin(membership):
        raise ValidationError(_("%(name)s adalah administrator terakhir satker ini. Tetapkan "
                                "administrator lain terlebih dahulu.")
                              % {"name": membership.user})
    before = audit.snapshot(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record(membership, actor=actor, action=AuditAction.MEMBERSHIP_DEACTIVATED, before=before,
                 satker=membership.satker)
    forget_memberships(membership.user)
    return membership


@transaction.atomic
def change_role(*, actor, membership: Membership, role: str) -> Membership:
    """Give a member another role in the same satker (keeping at least one administrator)."""
    _require_member_admin(actor, membership.satker)
    _require_assignable(actor, membership.satker, role)
    membership = Membership.objects.select_for_update(of=SELF).select_related("user", "satker").get(
        pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("Peran yang nonaktif tidak dapat diubah."))
    if membership.role == role:
        raise ValidationError({"role": _("Pengguna ini sudah memegang peran tersebut.")})
    if Membership.objects.filter(user_id=membership.user_id, satker_id=membership.satker_id,
                                 role=role).exists():
        raise ValidationError(
            {"role": _("Pengguna ini sudah memiliki peran tersebut di satker ini (aktif atau "
                       "nonaktif).")})
    if _is_last_admin(membership):
        raise ValidationError({"role": _("%(name)s adalah administrator terakhir satker ini. "
                                         "Tetapkan administrator lain terlebih dahulu.")
                               % {"name": membership.user}})
    before = audit.snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(membership, actor=actor, action=AuditAction.MEMBERSHIP_ROLE_CHANGED, before=before,
                 satker=membership.satker)
    forget_memberships(membership.user)
    return membership
