"""prima.core.storage: atomic local writes, the per-node read cache, catalog tables read from a
storage without local paths (as object storage), downloads handed to nginx."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage

from prima.core import storage as core_storage
from prima.core.storage import CONTENT_MTIME_NS, FileSystemStorage, LocalReadCache, StorageFull


class CountingStorage(InMemoryStorage):
    """A storage without ``path()`` (like S3) that counts the files it hands out."""

    opened: list[str]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened = []

    def _open(self, name, mode="rb"):
        self.opened.append(name)
        return super()._open(name, mode)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the local directory storage ---------------------------------------------------------------

def test_a_stored_file_appears_whole_under_its_name(tmp_path):
    root = tmp_path / "store"
    storage = FileSystemStorage(location=root)
    name = storage.save("a/b.txt", ContentFile(b"hello"))
    assert name == "a/b.txt"
    assert (root / "a" / "b.txt").read_bytes() == b"hello"
    assert sorted(p.name for p in (root / "a").iterdir()) == ["b.txt"]
    # The same name again gets another name, never overwrites.
    other = storage.save("a/b.txt", ContentFile(b"second"))
    assert other != name and (root / "a" / "b.txt").read_bytes() == b"hello"
    assert storage.open(other).read() == b"second"


class FullDisk:
    """A file object whose writes fail with ENOSPC after ``budget`` bytes."""

    def __init__(self, real, budget):
        self.real, self.budget = real, budget

    def write(self, data):
        if self.budget < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.budget -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def test_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(core_storage.os, "fdopen",
                        lambda fd, mode: FullDisk(real_fdopen(fd, mode), 1000))
    storage = FileSystemStorage(location=tmp_path / "store")
    with pytest.raises(StorageFull) as raised:
        storage.save("docs/big.pdf", ContentFile(b"x" * 5000))
    assert raised.value.errno == errno.ENOSPC
    # The directory only, no file (neither the name nor a temporary one).
    assert list((tmp_path / "store").rglob("*")) == [tmp_path / "store" / "docs"]


# --- the read cache ---------------------------------------------------------------------------

def test_the_cache_downloads_once_and_verifies(tmp_path):
    remote = CountingStorage()
    data = b"PAR1" + os.urandom(100)
    remote.save("t/x.parquet", ContentFile(data))
    cache = LocalReadCache(tmp_path / "cache", max_bytes=10_000)
    key = f"{sha(data)}.parquet"
    first = cache.fetch(key, "t/x.parquet", sha256=sha(data), storage=remote)
    second = cache.fetch(key, "t/x.parquet", sha256=sha(data), storage=remote)
    assert first == second == tmp_path / "cache" / key
    assert first.read_bytes() == data
    assert remote.opened == ["t/x.parquet"]
    assert first.stat().st_mtime_ns == CONTENT_MTIME_NS
    with pytest.raises(FileNotFoundError):
        cache.fetch(f"{'0' * 64}.parquet", "t/missing.parquet", storage=remote)


def test_a_corrupt_download_is_refused_and_not_kept(tmp_path):
    remote = CountingStorage()
    remote.save("t/x.parquet", ContentFile(b"not what was written"))
    cache = LocalReadCache(tmp_path / "cache", max_bytes=10_000)
    expected = sha(b"what was written")
    with pytest.raises(core_storage.ChecksumMismatch):
        cache.fetch(f"{expected}.parquet", "t/x.parquet", sha256=expected, storage=remote)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [".locks"]


def test_the_cache_evicts_least_recently_used_beyond_its_budget(tmp_path):
    remote = CountingStorage()
    cache = LocalReadCache(tmp_path / "cache", max_bytes=2500)
    keys = []
    for i in range(3):
        data = bytes([i]) * 1000
        remote.save(f"f{i}", ContentFile(data))
        keys.append(f"{sha(data)}.parquet")
    cache.fetch(keys[0], "f0", storage=remote)
    cache.fetch(keys[1], "f1", storage=remote)
    # f0 is used again after f1: f1 is now the least recently used.
    os.utime(cache.path_for(keys[1]), ns=(1, CONTENT_MTIME_NS))
    os.utime(cache.path_for(keys[0]), ns=(2, CONTENT_MTIME_NS))
    cache.fetch(keys[2], "f2", storage=remote)
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]) is not None and cache.get(keys[2]) is not None
    assert cache.size() == 2000
    # An evicted file is simply downloaded again.
    assert cache.fetch(keys[1], "f1", storage=remote).read_bytes() == bytes([1]) * 1000
    assert remote.opened.count("f1") == 2


def _fetch_in_process(directory, remote_dir, key, name, out):
    storage = FileSystemStorage(location=remote_dir)

    class Remote(CountingStorage):  # a storage without path(), reading the shared directory
        def _open(self, n, mode="rb"):
            with open(os.path.join(remote_dir, "downloads.log"), "a") as log:
                log.write(n + "\n")
            return storage.open(n, mode)

    path = LocalReadCache(directory, max_bytes=10**9).fetch(key, name, storage=Remote())
    out.put(str(path))


def test_concurrent_workers_of_a_node_download_a_file_once(tmp_path):
    remote_dir = tmp_path / "remote"
    remote_dir.mkdir()
    data = os.urandom(3 * 1024 * 1024)
    (remote_dir / "big.parquet").write_bytes(data)
    key = f"{sha(data)}.parquet"
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_fetch_in_process,
                         args=(tmp_path / "cache", str(remote_dir), key, "big.parquet", out))
             for _ in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0, 0, 0, 0]
    paths = {out.get(timeout=5) for _ in procs}
    assert paths == {str(tmp_path / "cache" / key)}
    assert (remote_dir / "downloads.log").read_text().splitlines() == ["big.parquet"]
    assert (tmp_path / "cache" / key).read_bytes() == data


# --- catalog tables in a storage without local paths -------------------------------------------

@pytest.fixture
def remote_storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "prima.core.tests.test_storage.CountingStorage"}}
    settings.PRIMA_CACHE_DIR = tmp_path / "node-cache"
    from django.core.files.storage import default_storage

    assert not core_storage.is_local(default_storage)
    return default_storage


@pytest.mark.django_db
def test_catalog_tables_are_read_from_the_node_cache(remote_storage, settings, tree, tmp_path):
    from prima.catalog.engine import files, query
    from prima.catalog.tests.test_engine_rollup import table_csv
    from prima.catalog.tests.test_engine_support import ingest

    settings.CATALOG_ROLLUP_MIN_ROWS = 1000
    settings.CATALOG_ROLLUP_RATIO = 5
    settings.CATALOG_ROLLUP_MAX_DISTINCT = 200
    version = ingest(table_csv())
    assert version.status == "review", version.problems
    sha256 = files.checksum_of_name(version.parquet_path)
    assert version.parquet_path == f"catalog/parquet/{version.pk}/{sha256}.parquet"
    stored = remote_storage.open(version.parquet_path).read()
    assert hashlib.sha256(stored).hexdigest() == sha256
    assert remote_storage.exists(files.rollup_name(version.parquet_path))

    # Another node: an empty cache downloads the table and its rollups once.
    settings.PRIMA_CACHE_DIR = tmp_path / "other-node"
    query.result_cache_clear()
    remote_storage.opened.clear()
    flt = query.Query(filters=[query.Filter("kode_prov", "eq", "33")])
    table = query.Table(version)
    assert table.path == str(tmp_path / "other-node" / f"{sha256}.parquet")
    assert table.level_for(flt) is not None  # rollups found beside the cached table
    counted = query.count_rows(version, flt)
    assert counted == sum(1 for line in table_csv().decode().splitlines()[1:]
                          if line.startswith("33,"))
    query.Table(version)
    assert sorted(remote_storage.opened) == sorted(
        [version.parquet_path, files.rollup_name(version.parquet_path)])


@pytest.mark.django_db
def test_a_reviewed_schema_stores_a_new_table_and_removes_the_old(remote_storage, tree,
                                                                  django_capture_on_commit_callbacks):
    from prima.catalog.engine import files
    from prima.catalog.engine.ingest import apply_schema
    from prima.catalog.tests.test_engine_support import ingest

    version = ingest(b"kode,nilai\n01,5\n02,7\n")
    old = version.parquet_path
    schema = [dict(col) for col in version.schema]
    schema[1]["type"] = "text"  # nilai: integer -> text
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_schema(version, schema) == []
    version.refresh_from_db()
    assert version.parquet_path != old and remote_storage.exists(version.parquet_path)
    assert not remote_storage.exists(old)
    assert files.checksum_of_name(version.parquet_path)


@pytest.mark.django_db
def test_a_failed_ingestion_stores_no_table(remote_storage, tree):
    from prima.catalog.tests.test_engine_support import ingest

    version = ingest(b"a,b,c\n1,2,3\n4,5\n")
    assert version.status == "failed" and version.parquet_path == ""
    assert not remote_storage.exists(f"catalog/parquet/{version.pk}")
    assert not remote_storage.exists(f"catalog/parquet/{version.pk}.parquet")


@pytest.mark.django_db
def test_local_tables_are_read_in_place(media, tree):
    from prima.catalog.engine import files
    from prima.catalog.engine.query import Table
    from prima.catalog.tests.test_engine_support import ingest

    version = ingest(b"kode,nilai\n01,5\n02,7\n")
    assert Table(version).path == str(media / version.parquet_path)
    assert files.checksum_of_name(version.parquet_path) == hashlib.sha256(
        (media / version.parquet_path).read_bytes()).hexdigest()
