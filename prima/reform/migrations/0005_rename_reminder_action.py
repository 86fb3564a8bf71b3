"""Rename the recorded reform reminders to the ``reform.<object>_<verb>`` scheme (raw SQL: audit
events are append-only for the application; reversible)."""

from django.db import migrations

RENAMED = [("reform_reminder_sent", "reform.reminder_sent")]
SQL = "UPDATE core_auditevent SET action = %s WHERE action = %s"


class Migration(migrations.Migration):

    dependencies = [
        ("reform", "0004_rename_audit_actions"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[(SQL, [new, old]) for old, new in RENAMED],
            reverse_sql=[(SQL, [old, new]) for old, new in RENAMED],
        ),
    ]
