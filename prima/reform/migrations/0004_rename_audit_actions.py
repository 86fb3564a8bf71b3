"""Rename the reform app's recorded audit actions to the ``reform.<object>_<verb>`` scheme.

Audit events are append-only for the application (the model refuses updates), so the rename
is raw SQL; it is reversible. The mapping is written out here, frozen, rather than read from
``choices.AuditAction``. ``reform_reminder_sent`` is left as it is: the reminder task still
records it and reads it back to send one reminder a day.
"""

from django.db import migrations

RENAMED = [
    ("reform_team_established", "reform.team_established"),
    ("reform_team_superseded", "reform.team_superseded"),
    ("reform_team_member_added", "reform.team_member_added"),
    ("reform_team_member_updated", "reform.team_member_updated"),
    ("reform_team_member_removed", "reform.team_member_removed"),
    ("reform_plan_created", "reform.plan_created"),
    ("reform_plan_copied", "reform.plan_copied"),
    ("reform_template_adopted", "reform.template_adopted"),
    ("reform_programme_created", "reform.programme_created"),
    ("reform_programme_updated", "reform.programme_updated"),
    ("reform_programme_deleted", "reform.programme_deleted"),
    ("reform_activity_created", "reform.activity_created"),
    ("reform_activity_updated", "reform.activity_updated"),
    ("reform_activity_deleted", "reform.activity_deleted"),
    ("reform_indicator_created", "reform.indicator_created"),
    ("reform_indicator_updated", "reform.indicator_updated"),
    ("reform_indicator_deleted", "reform.indicator_deleted"),
    ("reform_plan_submitted", "reform.plan_submitted"),
    ("reform_plan_returned", "reform.plan_returned"),
    ("reform_plan_return_reason", "reform.plan_return_reason_recorded"),
    ("reform_plan_approved", "reform.plan_approved"),
    ("reform_plan_started", "reform.plan_started"),
    ("reform_plan_closed", "reform.plan_closed"),
    ("reform_plan_published", "reform.plan_published"),
    ("reform_plan_unpublished", "reform.plan_unpublished"),
    ("reform_report_saved", "reform.report_saved"),
    ("reform_report_submitted", "reform.report_submitted"),
    ("reform_report_accepted", "reform.report_accepted"),
    ("reform_report_revise", "reform.report_revision_requested"),
    ("reform_evidence_added", "reform.evidence_added"),
    ("reform_evidence_deleted", "reform.evidence_deleted"),
    ("reform_recommendation_answered", "reform.recommendation_answered"),
    ("reform_recommendation_closed", "reform.recommendation_closed"),
    ("reform_event_created", "reform.event_created"),
    ("reform_event_updated", "reform.event_updated"),
    ("reform_event_deleted", "reform.event_deleted"),
    ("reform_event_attendance_set", "reform.event_attendance_set"),
]
SQL = "UPDATE core_auditevent SET action = %s WHERE action = %s"


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("reform", "0003_reviewcomment_answer"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[(SQL, [new, old]) for old, new in RENAMED],
            reverse_sql=[(SQL, [old, new]) for old, new in RENAMED],
        ),
    ]
