"""Recorded audit actions renamed to the project's scheme ``<app>.<object>_<verb>``.

Audit events refuse updates through the ORM (they are append-only), so the action names are
rewritten with plain SQL; nothing else of an event changes. Reversible.
"""

from django.db import migrations

RENAMED = [
    # (old, new)
    ("catalog.resource_current_version", "catalog.resource_version_changed"),
]


def _rename(pairs):
    return [("UPDATE core_auditevent SET action = %s WHERE action = %s", [new, old])
            for old, new in pairs]


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0003_default_topics"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=_rename(RENAMED),
            reverse_sql=_rename([(new, old) for old, new in RENAMED]),
        ),
    ]
