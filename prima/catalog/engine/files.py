"""Where a version's table files live: storage names, local paths for DuckDB, publication.

A version's typed table is stored as ``catalog/parquet/<version id>/<sha256>.parquet`` and its
rollups (``rollup.py``) beside it as ``<sha256>.rollups.sqlite3``: named by the table's
checksum, a stored file never changes, and a rewritten table (a reviewed schema) is a new file
whose name the version's ``parquet_path`` records (in the same transaction as its schema).
Versions written before carry the old name ``catalog/parquet/<id>.parquet``.

With a local storage directory (the embedded default) DuckDB reads the stored file itself. With
object storage each node reads its local copy from ``prima.core.storage.read_cache`` (keyed by
the checksum, downloaded on first use), so any node can answer for any table.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from prima.core import storage as core_storage

logger = logging.getLogger(__name__)

PARQUET_DIR = "catalog/parquet"
ROLLUP_SUFFIX = ".rollups.sqlite3"


def legacy_name(version, suffix: str = "") -> str:
    """The fixed name of tables written before names carried the checksum."""
    return f"{PARQUET_DIR}/{version.pk}{suffix}.parquet"


def content_name(version, sha256: str) -> str:
    return f"{PARQUET_DIR}/{version.pk}/{sha256}.parquet"


def stored_name(version) -> str:
    return version.parquet_path or legacy_name(version)


def rollup_name(name: str) -> str:
    return name[: -len(".parquet")] + ROLLUP_SUFFIX


def checksum_of_name(name: str) -> str | None:
    stem = posixpath.basename(name)[: -len(".parquet")] if name.endswith(".parquet") else ""
    return stem if core_storage.SHA256_RE.match(stem) else None


def absent_seconds() -> float:
    return float(getattr(settings, "PRIMA_CACHE_ABSENT_SECONDS", 300))


def location(version) -> str:
    """A local path of the version's table that DuckDB can read (its rollups beside it when
    it has any). Raises ``ValidationError`` (code ``no_data``) when there is no table."""
    name = stored_name(version)
    if core_storage.is_local(default_storage):
        return default_storage.path(name)
    sha = checksum_of_name(name)
    # Old names carry no checksum: they are keyed by the name (they are never rewritten).
    key = sha or hashlib.sha256(name.encode()).hexdigest()
    cache = core_storage.read_cache
    try:
        path = cache.fetch(f"{key}.parquet", name, sha256=sha)
    except FileNotFoundError as exc:
        raise ValidationError(_("Data tabel untuk versi ini belum tersedia."),
                              code="no_data") from exc
    rollup_key = f"{key}{ROLLUP_SUFFIX}"
    if cache.get(rollup_key) is None and not cache.known_absent(rollup_key, absent_seconds()):
        try:
            cache.fetch(rollup_key, rollup_name(name))
        except FileNotFoundError:
            cache.mark_absent(rollup_key)
    return str(path)


def publish(version, local_parquet: str) -> str:
    """Store a table just written at ``local_parquet`` (and its rollups beside it, if built)
    under its checksum name; returns that name for ``version.parquet_path``. The local files
    are consumed; with object storage this node keeps them in its read cache."""
    from . import rollup

    sha = core_storage.sha256_of(local_parquet)
    core_storage.set_content_mtime(local_parquet)
    name = content_name(version, sha)
    local_rollups = rollup.rollup_path(local_parquet)
    if not core_storage.is_local(default_storage):
        core_storage.read_cache.adopt(f"{sha}.parquet", local_parquet)
        if os.path.exists(local_rollups):
            core_storage.read_cache.adopt(f"{sha}{ROLLUP_SUFFIX}", local_rollups)
    # The rollups first: a reader that finds the table finds its rollups too.
    if os.path.exists(local_rollups):
        core_storage.store_file(local_rollups, rollup_name(name))
    else:
        remove_names([rollup_name(name)])
    core_storage.store_file(local_parquet, name)
    return name


def remove_names(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except FileNotFoundError:
            pass


def remove_replaced(old_name: str, new_name: str) -> None:
    """Delete a table (and rollups) that a rewrite replaced, once the new name is committed
    (a rolled back review keeps the old name, and so its files)."""
    if old_name and new_name and old_name != new_name:
        transaction.on_commit(lambda: remove_names([old_name, rollup_name(old_name)]))


def rebuild_rollups(conn, version) -> list[dict]:
    """Build the version's rollups again (``catalog_rollups``) and store them."""
    from . import rollup

    path = location(version)
    levels = rollup.build(conn, path, version.schema)
    if not core_storage.is_local(default_storage):
        name = stored_name(version)
        local = rollup.rollup_path(path)
        if os.path.exists(local):
            tmp = f"{local}.{os.getpid()}.upload"
            os.link(local, tmp)
            default_storage.delete(rollup_name(name))
            core_storage.store_file(tmp, rollup_name(name))
        else:
            remove_names([rollup_name(name)])
    return levels
