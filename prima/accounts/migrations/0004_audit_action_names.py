"""Rename the audit actions accounts recorded to the ``accounts.<object>_<verb>`` scheme.

Audit events refuse updates through the ORM (append-only), so this is raw SQL; reversible.
"""

from django.db import migrations

RENAMED = {
    "invited": "accounts.invitation_sent",
    "registered": "accounts.user_registered",
    "joined": "accounts.membership_joined",
    "accepted": "accounts.invitation_accepted",
    "revoked": "accounts.invitation_revoked",
    "deactivated": "accounts.membership_deactivated",
    "role-changed": "accounts.membership_role_changed",
    "2fa-enabled": "accounts.two_factor_enabled",
    "password-reset": "accounts.password_reset",
    "password-changed": "accounts.password_changed",
}


def _sql(pairs):
    return [("UPDATE core_auditevent SET action = %s WHERE action = %s", [new, old])
            for old, new in pairs]


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("accounts", "0003_role_choices_from_registry"),
    ]

    operations = [
        migrations.RunSQL(_sql(RENAMED.items()),
                          reverse_sql=_sql((new, old) for old, new in RENAMED.items())),
    ]
