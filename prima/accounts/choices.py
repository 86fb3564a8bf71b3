from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What accounts records in the audit trail (``accounts.<object>_<verb>``)."""

    INVITATION_SENT = "accounts.invitation_sent", _("Undangan dikirim")
    INVITATION_ACCEPTED = "accounts.invitation_accepted", _("Undangan diterima")
    INVITATION_REVOKED = "accounts.invitation_revoked", _("Undangan dibatalkan")
    USER_REGISTERED = "accounts.user_registered", _("Akun pengguna dibuat dari undangan")
    MEMBERSHIP_JOINED = "accounts.membership_joined", _("Peran di satker diterima")
    MEMBERSHIP_DEACTIVATED = "accounts.membership_deactivated", _("Peran di satker dinonaktifkan")
    MEMBERSHIP_ROLE_CHANGED = "accounts.membership_role_changed", _("Peran di satker diubah")
    TWO_FACTOR_ENABLED = "accounts.two_factor_enabled", _("Verifikasi dua langkah diaktifkan")
    PASSWORD_RESET = "accounts.password_reset", _("Kata sandi diatur ulang")
    PASSWORD_CHANGED = "accounts.password_changed", _("Kata sandi diubah")
