"""Files in Django storage (a local directory, or S3-compatible object storage) as Prima uses them.

- ``FileSystemStorage``: Django's, but a file appears under its name only once it is complete
  (written to a temporary file beside it, then renamed): a full disk or a killed process leaves
  no half-written file behind, and the error reaches the caller.
- ``LocalReadCache``: each node's cache of Parquet and rollup files read by DuckDB, which reads
  local files only. Files are keyed by their SHA-256 (``PRIMA_DATA_DIR/cache/<sha256>.parquet``),
  downloaded once per node (a lock file per key serialises the gunicorn workers of one node),
  verified, renamed into place atomically, and evicted least recently used first beyond
  ``PRIMA_CACHE_MAX_MB``. Nothing in it is the only copy: a node can be added or lost at any
  time, and an evicted file is downloaded again when next read.
- ``local_path`` / ``store_file``: the bridge between the two for code that needs a path
  (DuckDB, openpyxl): the storage's own path when it is a local directory, else a copy.

Content-addressed files (named by their SHA-256) get a fixed modification time
(``CONTENT_MTIME_NS``) wherever they are written or downloaded, so a file's (size, mtime)
signature, which the rollup manifest and the query caches use, is the same on every node.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.core.files.storage import Storage, default_storage
from django.utils.crypto import get_random_string

logger = logging.getLogger(__name__)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
CACHE_FILE_RE = re.compile(r"^[0-9a-f]{64}\.(parquet|rollups\.sqlite3)$")
CONTENT_MTIME_NS = 946_684_800 * 10**9  # 2000-01-01T00:00:00Z: "content-addressed, see name"
CHUNK = 1024 * 1024
TOUCH_EVERY_SECONDS = 60


class StorageFull(OSError):
    """The storage has no space left for a file (ENOSPC/EDQUOT); nothing was stored."""


# --- the local directory storage ------------------------------------------------------------

class FileSystemStorage(DjangoFileSystemStorage):
    """Django's file system storage, writing each file under a temporary name first, so a
    failed write (disk full, killed process) never leaves a partial file under the real one."""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=directory)
        try:
            with self._writer(fd) as out:
                if hasattr(content, "seek"):
                    try:
                        content.seek(0)
                    except (OSError, ValueError):
                        pass
                for chunk in content.chunks() if hasattr(content, "chunks") else [content.read()]:
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(tmp, self.file_permissions_mode)
            # The name may have been taken meanwhile: never overwrite another upload.
            while True:
                try:
                    os.link(tmp, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StorageFull(exc.errno, os.strerror(exc.errno), name) from exc
            raise
        finally:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        return str(name).replace("\\", "/")

    def _writer(self, fd: int):
        """The file object a new file is written through (a test wraps it to fill the disk)."""
        return os.fdopen(fd, "wb")


def is_local(storage: Storage | None = None) -> bool:
    """True when the storage keeps its files in a local directory (Django's file system
    storage or a subclass); object storage and the like are read through ``open()``."""
    return isinstance(storage or default_storage, DjangoFileSystemStorage)


def sha256_of(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def set_content_mtime(path: str | os.PathLike) -> None:
    os.utime(path, ns=(time.time_ns(), CONTENT_MTIME_NS))


def store_file(local: str | os.PathLike, name: str, storage: Storage | None = None) -> str:
    """Put the local file ``local`` into storage under exactly ``name`` (a content-addressed
    name: an existing file of that name already holds the same bytes and is kept). The local
    file is consumed (moved or uploaded, then removed). Returns ``name``."""
    storage = storage or default_storage
    if is_local(storage):
        dest = storage.path(name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        tmp = f"{dest}.{os.getpid()}.{get_random_string(6)}.part"
        try:
            try:
                os.link(local, tmp)
            except OSError:
                shutil.copyfile(local, tmp)
            shutil.copystat(local, tmp)
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        os.unlink(local)
        return name
    if not storage.exists(name):
        with open(local, "rb") as fh:
            saved = storage.save(name, File(fh, name=os.path.basename(name)))
        if saved != name:  # the storage chose another name: never expected for our names
            storage.delete(saved)
            raise OSError(f"storage stored {name!r} as {saved!r}")
    os.unlink(local)
    return name


@contextmanager
def local_path(field_file, workdir: str | None = None):
    """A local path to a stored file for the duration of the block: the storage's own path
    when local, else a copy downloaded into ``workdir`` (or a temporary directory)."""
    storage = field_file.storage
    if is_local(storage):
        yield storage.path(field_file.name)
        return
    own = workdir is None
    directory = tempfile.mkdtemp(prefix="prima-file-") if own else workdir
    dest = os.path.join(directory, "original-" + get_random_string(8))
    try:
        with storage.open(field_file.name, "rb") as src, open(dest, "wb") as out:
            shutil.copyfileobj(src, out, CHUNK)
        yield dest
    finally:
        if own:
            shutil.rmtree(directory, ignore_errors=True)
        elif os.path.exists(dest):
            os.unlink(dest)


# --- the per-node read cache ---------------------------------------------------------------

class ChecksumMismatch(OSError):
    pass


class LocalReadCache:
    """Content-addressed local copies of stored files (see the module docstring)."""

    def __init__(self, directory: str | os.PathLike | None = None, max_bytes: int | None = None):
        self._directory = directory
        self._max_bytes = max_bytes

    @property
    def directory(self) -> Path:
        path = Path(self._directory or getattr(settings, "PRIMA_CACHE_DIR",
                                               Path(settings.DATA_DIR) / "cache"))
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def max_bytes(self) -> int:
        if self._max_bytes is not None:
            return self._max_bytes
        return int(getattr(settings, "PRIMA_CACHE_MAX_BYTES", 10 * 1024**3))

    def path_for(self, key: str) -> Path:
        if not CACHE_FILE_RE.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.directory / key

    @contextmanager
    def _locked(self, name: str):
        locks = self.directory / ".locks"
        locks.mkdir(exist_ok=True)
        with open(locks / f"{name}.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _touch(self, path: Path) -> None:
        """Record a use (the access time orders eviction); at most once a minute per file."""
        try:
            stat = path.stat()
            now = time.time_ns()
            if now - stat.st_atime_ns > TOUCH_EVERY_SECONDS * 10**9:
                os.utime(path, ns=(now, stat.st_mtime_ns))
        except FileNotFoundError:
            pass

    def get(self, key: str) -> Path | None:
        path = self.path_for(key)
        if path.exists():
            self._touch(path)
            return path
        return None

    def fetch(self, key: str, name: str, *, sha256: str | None = None,
              storage: Storage | None = None) -> Path:
        """The local copy of the stored file ``name`` under ``key``, downloaded once per node
        (``FileNotFoundError`` when storage has no such file). With ``sha256`` the copy is
        verified before it is used."""
        found = self.get(key)
        if found is not None:
            return found
        storage = storage or default_storage
        dest = self.path_for(key)
        with self._locked(key):
            if dest.exists():  # another worker of this node downloaded it meanwhile
                return dest
            tmp = dest.with_name(f"{dest.name}.{os.getpid()}.{get_random_string(6)}.part")
            digest = hashlib.sha256()
            try:
                with storage.open(name, "rb") as src, open(tmp, "wb") as out:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                if sha256 and digest.hexdigest() != sha256:
                    raise ChecksumMismatch(f"{name}: sha256 {digest.hexdigest()} != {sha256}")
                set_content_mtime(tmp)
                os.replace(tmp, dest)
            except Exception:
                if tmp.exists():
                    tmp.unlink()
                raise
            self.forget_absent(key)
        self.evict(keep={key})
        return dest

    def adopt(self, key: str, local: str | os.PathLike) -> Path:
        """Copy a file this node has just produced into the cache (saves a download)."""
        dest = self.path_for(key)
        with self._locked(key):
            if not dest.exists():
                tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
                shutil.copyfile(local, tmp)
                shutil.copystat(local, tmp)
                os.replace(tmp, dest)
            self.forget_absent(key)
        self.evict(keep={key})
        return dest

    # Files that storage does not have (a table without rollups) are remembered for a while,
    # so every query does not ask storage again.
    def mark_absent(self, key: str) -> None:
        (self.directory / f"{key}.absent").touch()

    def forget_absent(self, key: str) -> None:
        try:
            (self.directory / f"{key}.absent").unlink()
        except FileNotFoundError:
            pass

    def known_absent(self, key: str, seconds: float) -> bool:
        try:
            age = time.time() - (self.directory / f"{key}.absent").stat().st_mtime
        except FileNotFoundError:
            return False
        return age < seconds

    def entries(self) -> list[os.stat_result]:
        out = []
        with os.scandir(self.directory) as it:
            for entry in it:
                if entry.is_file() and CACHE_FILE_RE.match(entry.name):
                    out.append((entry.path, entry.stat()))
        return out

    def size(self) -> int:
        return sum(stat.st_size for _path, stat in self.entries())

    def evict(self, keep: set[str] = frozenset()) -> list[str]:
        """Remove the least recently used files until the cache fits its budget. A DuckDB
        connection that still has a removed file open keeps reading it (POSIX); the next
        request downloads it again."""
        removed = []
        with self._locked("evict"):
            entries = self.entries()
            total = sum(stat.st_size for _path, stat in entries)
            if total <= self.max_bytes:
                return removed
            for path, stat in sorted(entries, key=lambda item: item[1].st_atime_ns):
                if total <= self.max_bytes:
                    break
                if os.path.basename(path) in keep:
                    continue
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    continue
                total -= stat.st_size
                removed.append(os.path.basename(path))
        if removed:
            logger.info("Local file cache: evicted %s file(s)", len(removed))
        return removed


read_cache = LocalReadCache()


# --- downloads handed to nginx ------------------------------------------------------------------

class AccelRedirectMiddleware:
    """With ``PRIMA_ACCEL_REDIRECT`` set (e.g. ``/_files/``), a download that a view streams
    from the local storage directory (a ``FileResponse`` over a stored file, after the view
    checked permission) is handed to nginx instead: the response carries no body but
    ``X-Accel-Redirect: /_files/<name>``, and nginx sends the file from its ``internal``
    location (deploy/nginx/prima.conf), which no client can request directly. Headers the view
    set (type, attachment name, cache policy) are kept. Files in object storage keep being
    streamed by the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        prefix = getattr(settings, "PRIMA_ACCEL_REDIRECT", "")
        if not prefix or not getattr(response, "streaming", False):
            return response
        stored = getattr(response, "file_to_stream", None)
        storage = getattr(stored, "storage", None)
        name = getattr(stored, "name", None)
        if storage is None or not name or not is_local(storage):
            return response
        from urllib.parse import quote

        from django.http import HttpResponse

        accel = HttpResponse(status=response.status_code)
        for header, value in response.items():
            if header.lower() not in ("content-length",):
                accel[header] = value
        accel["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(str(name).lstrip("/"))
        # Only the file is closed: closing the response itself would signal the end of the
        # request (request_finished) while the new response is still on its way.
        stored.close()
        return accel
