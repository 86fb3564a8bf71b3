"""Rename the audit actions organisations recorded to the ``organisations.<object>_<verb>`` scheme.

Audit events refuse updates through the ORM (append-only), so this is raw SQL; reversible.
"""

from django.db import migrations

RENAMED = {
    "satker_profile_updated": "organisations.satker_profile_updated",
    "division_created": "organisations.division_created",
    "division_updated": "organisations.division_updated",
    "division_deleted": "organisations.division_deleted",
    "document_uploaded": "organisations.document_uploaded",
}


def _sql(pairs):
    return [("UPDATE core_auditevent SET action = %s WHERE action = %s", [new, old])
            for old, new in pairs]


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("organisations", "0002_role_choices_from_registry"),
    ]

    operations = [
        migrations.RunSQL(_sql(RENAMED.items()),
                          reverse_sql=_sql((new, old) for old, new in RENAMED.items())),
    ]
