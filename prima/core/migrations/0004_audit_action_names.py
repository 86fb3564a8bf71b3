"""Rename the audit actions core recorded to the ``core.<object>_<verb>`` scheme.

Audit events refuse updates through the ORM (append-only), so this is raw SQL; reversible.
"""

from django.db import migrations

RENAMED = {
    "calendar_override_added": "core.calendar_override_added",
    "calendar_override_removed": "core.calendar_override_removed",
}


def _sql(pairs):
    return [("UPDATE core_auditevent SET action = %s WHERE action = %s", [new, old])
            for old, new in pairs]


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_evidence_link"),
    ]

    operations = [
        migrations.RunSQL(_sql(RENAMED.items()),
                          reverse_sql=_sql((new, old) for old, new in RENAMED.items())),
    ]
