"""The catalog's audit actions: declared once (``choices.AuditAction``) with a label, named
``catalog.<object>_<verb>``, and the recorded names of older events renamed by migration."""

import re
from importlib import import_module

import pytest
from django.db import connection

from prima.catalog import satudata, services
from prima.catalog.choices import AuditAction
from prima.core import audit
from prima.core.models import AuditEvent

from .factories import TPS_CSV, ingest, table_resource, upload

pytestmark = pytest.mark.django_db

rename_migration = import_module("prima.catalog.migrations.0004_rename_audit_actions")


def test_every_action_is_named_by_the_scheme_and_labelled():
    for action in AuditAction:
        assert re.fullmatch(r"catalog\.[a-z]+_[a-z_]+", action.value), action.value
        assert str(action.label) and str(action.label) != action.value


def test_the_whole_lifecycle_records_exactly_the_declared_actions(people, tree, walidata):
    ppid = people.ppid
    dataset = services.create_dataset(satker=tree.jepara, actor=ppid, title="Hasil per TPS",
                                      description="Perolehan suara per TPS.",
                                      contact_name="PPID Jepara", activity_name="Pemilu 2024",
                                      activity_organiser="KPU Kabupaten Jepara",
                                      activity_period="2024")
    services.update_dataset(dataset=dataset, actor=ppid, source="Rekapitulasi KPU")
    services.submit_for_review(dataset=dataset, actor=ppid)
    resource, first = table_resource(dataset, ppid, publish=False)
    services.review_schema(version=first, actor=ppid, schema=first.schema)
    services.publish_version(version=first, actor=ppid)
    services.update_resource(resource=resource, actor=ppid, description="Satu baris per TPS.")
    second = ingest(services.upload_new_version(resource=resource, actor=ppid,
                                                upload=upload(TPS_CSV, "tps-2.csv")))
    services.publish_version(version=second, actor=ppid)  # the first is superseded
    third = services.upload_new_version(resource=resource, actor=ppid,
                                        upload=upload(TPS_CSV, "tps-3.csv"))
    services.discard_version(version=third, actor=ppid)
    satudata.return_dataset(dataset=dataset, actor=walidata, note="Lengkapi definisi kolom.")
    satudata.save_column_metadata(resource=resource, actor=ppid, columns={
        c["name"]: {"definition": f"Definisi {c['name']}"} for c in second.schema})
    services.submit_for_review(dataset=dataset, actor=ppid)
    services.publish_dataset(dataset=dataset, actor=walidata)
    services.withdraw_dataset(dataset=dataset, actor=ppid)
    satudata.set_review_required(satker=tree.jepara, actor=walidata, required=False)

    recorded = set(AuditEvent.objects.values_list("action", flat=True))

    assert recorded == set(AuditAction.values)


def _run(statements) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def test_the_renaming_migration_renames_recorded_actions_and_back(people, tree):
    old = audit.record(tree.jepara, actor=people.ppid, action="catalog.resource_current_version")
    other = audit.record(tree.jepara, actor=people.ppid, action="catalog.dataset_published")
    operation = rename_migration.Migration.operations[0]

    _run(operation.sql)
    assert AuditEvent.objects.get(pk=old.pk).action == "catalog.resource_version_changed"
    assert AuditEvent.objects.get(pk=other.pk).action == "catalog.dataset_published"

    _run(operation.reverse_sql)
    assert AuditEvent.objects.get(pk=old.pk).action == "catalog.resource_current_version"
    assert AuditEvent.objects.get(pk=other.pk).action == "catalog.dataset_published"
