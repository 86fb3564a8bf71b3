"""Reform's audit actions: declared once with a label, named ``reform.<object>_<verb>``, used by
the services, and the recorded history renamed by a reversible data migration."""

import datetime as dt
import re
from importlib import import_module

from django.db import connection

from prima.core import audit
from prima.core.models import AuditEvent
from prima.reform import services
from prima.reform.choices import AuditAction

from .factories import decree

migration = import_module("prima.reform.migrations.0004_rename_audit_actions")


def test_every_action_is_named_by_the_scheme_and_labelled():
    assert len(AuditAction.values) == len(set(AuditAction.values))
    for action in AuditAction:
        assert re.fullmatch(r"reform\.[a-z]+(_[a-z]+)+", action.value), action.value
        assert str(action.label) and str(action.label) != action.value


def test_services_record_declared_actions(tree, people):
    team = services.establish_team(satker=tree.jepara, actor=people.reform,
                                   decree=decree(tree.jepara, "1/TIM/2020"),
                                   period_start=dt.date(2020, 1, 6))
    services.add_team_member(team=team, actor=people.reform, name="Ani", role="anggota")
    services.create_plan(satker=tree.jepara, year=2020, actor=people.reform)
    event = services.create_event(organiser=tree.jepara, actor=people.reform, data={
        "title": "Sosialisasi", "date": dt.date(2020, 2, 5), "mode": "online"})
    services.delete_event(event=event, actor=people.reform)

    recorded = set(AuditEvent.objects.values_list("action", flat=True))

    assert recorded == {AuditAction.TEAM_ESTABLISHED, AuditAction.TEAM_MEMBER_ADDED,
                        AuditAction.PLAN_CREATED, AuditAction.EVENT_CREATED,
                        AuditAction.EVENT_DELETED}


def test_migration_renames_recorded_actions_and_back(tree, people):
    old_names = [old for old, _new in migration.RENAMED]
    for name in [*old_names, "reform_reminder_sent", "inforequests_registered"]:
        audit.record(tree.jepara, actor=people.admin, action=name, changes={})

    with connection.cursor() as cursor:
        for sql, params in migration.Migration.operations[0].sql:
            cursor.execute(sql, params)
    renamed = set(AuditEvent.objects.values_list("action", flat=True))

    assert renamed == {new for _old, new in migration.RENAMED} | {
        "reform_reminder_sent", "inforequests_registered"}
    assert {new for _old, new in migration.RENAMED} <= set(AuditAction.values)

    with connection.cursor() as cursor:
        for sql, params in migration.Migration.operations[0].reverse_sql:
            cursor.execute(sql, params)

    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        *old_names, "reform_reminder_sent", "inforequests_registered"}


def test_reminder_migration_renames_the_reminder_action_and_back(tree, people):
    from importlib import import_module

    reminder = import_module("prima.reform.migrations.0005_rename_reminder_action")
    audit.record(tree.jepara, actor=None, action="reform_reminder_sent", changes={})

    with connection.cursor() as cursor:
        for sql, params in reminder.Migration.operations[0].sql:
            cursor.execute(sql, params)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        AuditAction.REMINDER_SENT]

    with connection.cursor() as cursor:
        for sql, params in reminder.Migration.operations[0].reverse_sql:
            cursor.execute(sql, params)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "reform_reminder_sent"]
