"""``prima backup`` / ``prima restore``: the database and every stored file, to a directory or
an S3 bucket (``s3://bucket/prefix``), and back.

The database is written with Django's serializers (JSON Lines, every model, in primary-key
order; times to the microsecond), not with ``pg_dump`` or SQLite's ``.backup``: one format that
restores into either database, so a satker can move from the embedded SQLite to PostgreSQL (or
back) with the same two commands, and restoring checks every foreign key. The price is speed on
very large tables (a ``pg_dump`` of the same database is the faster daily backup on PostgreSQL;
see README). Sessions and work leases are left out (they are not data).

A backup is a directory (or prefix) holding ``manifest.json`` (format, time, row counts per
model, every file with its size and SHA-256), ``database.primajsonl.gz`` and ``files/<name>``
for each stored file. Restore empties the database, loads the rows, writes the files back under
their names and verifies every checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import connection, transaction

FORMAT = 1
DATABASE_FILE = "database.primajsonl.gz"
EXCLUDED = ["sessions", "ops.lease"]
CHUNK = 1024 * 1024


def walk(storage: Storage, top: str = ""):
    """Every file name in ``storage`` (recursively)."""
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for sub in sorted(dirs):
        yield from walk(storage, f"{top}/{sub}" if top else sub)


def sha256_of_stream(stream) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


# --- where a backup lives ------------------------------------------------------------------------

class DirectoryTarget:
    def __init__(self, path: str):
        self.root = Path(path)

    def put(self, name: str, local: str) -> None:
        dest = self.root / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(local, dest)

    def put_stream(self, name: str, stream) -> None:
        dest = self.root / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "wb") as out:
            shutil.copyfileobj(stream, out, CHUNK)

    def get(self, name: str, local: str) -> None:
        shutil.copyfile(self.root / name, local)

    def open(self, name: str):
        return open(self.root / name, "rb")  # noqa: SIM115 - the caller closes it

    def exists(self) -> bool:
        return (self.root / "manifest.json").exists()


class S3Target:
    """``s3://bucket/prefix``; the endpoint and keys are those of the file storage
    (PRIMA_S3_*), or PRIMA_BACKUP_S3_* when the backups live elsewhere."""

    def __init__(self, url: str):
        import boto3

        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        self.bucket, self.prefix = bucket, prefix.strip("/")
        env = os.environ.get
        self.client = boto3.client(
            "s3",
            endpoint_url=env("PRIMA_BACKUP_S3_ENDPOINT_URL") or env("PRIMA_S3_ENDPOINT_URL")
            or None,
            aws_access_key_id=env("PRIMA_BACKUP_S3_ACCESS_KEY_ID")
            or env("PRIMA_S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=env("PRIMA_BACKUP_S3_SECRET_ACCESS_KEY")
            or env("PRIMA_S3_SECRET_ACCESS_KEY") or None,
            region_name=env("PRIMA_BACKUP_S3_REGION") or env("PRIMA_S3_REGION") or None)

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name

    def put(self, name: str, local: str) -> None:
        self.client.upload_file(local, self.bucket, self.key(name))

    def put_stream(self, name: str, stream) -> None:
        self.client.upload_fileobj(stream, self.bucket, self.key(name))

    def get(self, name: str, local: str) -> None:
        self.client.download_file(self.bucket, self.key(name), local)

    def open(self, name: str):
        return self.client.get_object(Bucket=self.bucket, Key=self.key(name))["Body"]

    def exists(self) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key("manifest.json"))
        except Exception:  # botocore's ClientError 404
            return False
        return True


def target_for(dest: str):
    return S3Target(dest) if dest.startswith("s3://") else DirectoryTarget(dest)


# --- backup ------------------------------------------------------------------------------------

@dataclass
class Summary:
    rows: int
    files: int
    bytes: int


def counts() -> dict[str, int]:
    out = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or _excluded(label):
            continue
        out[label] = model._base_manager.count()
    return out


def _excluded(label: str) -> bool:
    return label.split(".")[0] in EXCLUDED or label in EXCLUDED


def backup(dest: str, *, storage: Storage | None = None) -> Summary:
    storage = storage or default_storage
    target = target_for(dest)
    workdir = tempfile.mkdtemp(prefix="prima-backup-")
    try:
        dump = os.path.join(workdir, DATABASE_FILE)
        # One transaction, so the rows are one consistent state (REPEATABLE READ on PostgreSQL
        # through the serializable snapshot of a single read-only transaction).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            row_counts = counts()
            call_command("dumpdata", format="primajsonl", exclude=EXCLUDED, output=dump,
                         verbosity=0)
        target.put(DATABASE_FILE, dump)
        files = []
        for name in walk(storage):
            with storage.open(name, "rb") as src:
                digest, size = sha256_of_stream(src)
            with storage.open(name, "rb") as src:
                target.put_stream(f"files/{name}", src)
            files.append({"name": name, "size": size, "sha256": digest})
        manifest = {"format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    "database_vendor": connection.vendor, "rows": row_counts,
                    "files": files, "prima_base_url": settings.PRIMA_BASE_URL}
        path = os.path.join(workdir, "manifest.json")
        Path(path).write_text(json.dumps(manifest, indent=1))
        target.put("manifest.json", path)  # last: a backup without a manifest is incomplete
        return Summary(rows=sum(row_counts.values()), files=len(files),
                       bytes=sum(f["size"] for f in files))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- restore -----------------------------------------------------------------------------------

class RestoreError(Exception):
    pass


def restore(source: str, *, storage: Storage | None = None) -> Summary:
    storage = storage or default_storage
    target = target_for(source)
    if not target.exists():
        raise RestoreError(f"{source}: no manifest.json (not a backup, or an unfinished one)")
    with target.open("manifest.json") as fh:
        manifest = json.loads(fh.read())
    if manifest.get("format") != FORMAT:
        raise RestoreError(f"unknown backup format {manifest.get('format')!r}")
    workdir = tempfile.mkdtemp(prefix="prima-restore-")
    try:
        dump = os.path.join(workdir, DATABASE_FILE)
        target.get(DATABASE_FILE, dump)
        with transaction.atomic():
            # Every table emptied (the content types too, which the dump brings back with
            # their own ids), then every row loaded with its primary key; foreign keys are
            # checked at the end and sequences reset.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", dump, verbosity=0)
            found = counts()
            if found != manifest["rows"]:
                wrong = {k: (found.get(k), v) for k, v in manifest["rows"].items()
                         if found.get(k) != v}
                raise RestoreError(f"row counts differ after loading: {wrong}")
        for item in manifest["files"]:
            local = os.path.join(workdir, "file")
            target.get(f"files/{item['name']}", local)
            with open(local, "rb") as fh:
                digest, size = sha256_of_stream(fh)
            if digest != item["sha256"]:
                raise RestoreError(f"{item['name']}: checksum mismatch in the backup")
            if storage.exists(item["name"]):
                storage.delete(item["name"])
            with open(local, "rb") as fh:
                saved = storage.save(item["name"], File(fh, name=os.path.basename(item["name"])))
            if saved != item["name"]:
                raise RestoreError(f"{item['name']} was stored as {saved}")
            os.unlink(local)
        return Summary(rows=sum(manifest["rows"].values()), files=len(manifest["files"]),
                       bytes=sum(f["size"] for f in manifest["files"]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
