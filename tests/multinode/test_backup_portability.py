"""``prima backup`` to an S3 bucket from the embedded default (SQLite, local files) and
``prima restore`` into PostgreSQL with object storage: every row and every file checksum
comes back (the backup format is one for both databases)."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests import servers

pytestmark = pytest.mark.ops

FILL = """
from prima.catalog.tests.factories import published_dataset
from prima.inforequests.tests.factories import make_request
from prima.organisations.tests.factories import DocumentFactory, build_people, build_small_tree
tree = build_small_tree()
people = build_people(tree)
DocumentFactory(satker=tree.jepara, is_public=True)
published_dataset(tree.jepara, people.ppid)
make_request(tree.jepara)
"""

# Every row of every model, normalised (JSON keys sorted, values as text), and every file.
FINGERPRINT = """
import hashlib, json
from django.apps import apps
from django.core.files.storage import default_storage
from prima.ops.backup import _excluded, walk
rows = {}
for model in apps.get_models(include_auto_created=True):
    label = model._meta.label_lower
    if model._meta.proxy or not model._meta.managed or _excluded(label):
        continue
    values = list(model._base_manager.order_by("pk").values())
    rows[label] = [json.dumps(v, sort_keys=True, default=str) for v in values]
files = {}
for name in walk(default_storage):
    if name.startswith("health/"):
        continue
    with default_storage.open(name, "rb") as fh:
        files[name] = hashlib.sha256(fh.read()).hexdigest()
print(json.dumps({"rows": rows, "files": files}))
"""


def fingerprint(env) -> dict:
    return json.loads(servers.manage(env, "shell", "-c", FINGERPRINT).strip().splitlines()[-1])


def test_backup_from_sqlite_to_s3_and_restore_into_postgresql(shared_services, tmp_path):
    s3 = dict(PRIMA_S3_ENDPOINT_URL=shared_services.s3_url, **servers.S3_KEYS)
    servers.create_bucket(shared_services.s3_url, "prima-backups")
    servers.create_bucket(shared_services.s3_url, "prima-restored-files")
    source = servers.prima_env(
        PRIMA_DATA_DIR=shared_services.migrated_sqlite(tmp_path / "sqlite"), **s3)
    servers.manage(source, "shell", "-c", FILL)
    before = fingerprint(source)
    assert len(before["files"]) == 3 and sum(map(len, before["rows"].values())) > 100
    servers.manage(source, "backup", "s3://prima-backups/nightly/1")

    target = servers.prima_env(
        PRIMA_DATA_DIR=tmp_path / "pg",
        DATABASE_URL=shared_services.migrated_postgres("prima_restored"),
        PRIMA_S3_BUCKET="prima-restored-files", **s3)
    servers.manage(target, "restore", "s3://prima-backups/nightly/1", "--yes")
    after = fingerprint(target)

    assert after["files"] == before["files"]
    assert after["rows"].keys() == before["rows"].keys()
    for label, rows in before["rows"].items():
        assert after["rows"][label] == rows, label
    listed = servers.s3_client(shared_services.s3_url).list_objects_v2(
        Bucket="prima-restored-files")["Contents"]
    assert sorted(item["Key"] for item in listed) == sorted(before["files"])
    body = servers.s3_client(shared_services.s3_url).get_object(
        Bucket="prima-restored-files", Key=sorted(before["files"])[0])["Body"].read()
    assert hashlib.sha256(body).hexdigest() == before["files"][sorted(before["files"])[0]]
