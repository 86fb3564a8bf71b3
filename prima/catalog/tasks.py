"""Background tasks of the catalog: ingestion of an uploaded resource version, and the
recovery of ingestions whose worker died.

An ingestion holds the lease ``catalog.ingest:<version id>`` (``prima.ops.leases``) renewed by a
heartbeat while it runs. A worker killed mid-way (OOM, SIGKILL, a lost node) leaves the version
"in progress" and its lease expiring: ``recover_interrupted_ingestions`` (run by every
``prima worker`` with its outbox sweep) queues it again, up to ``PRIMA_INGEST_ATTEMPTS``
attempts in all, then marks it failed with a message, so no version stays in progress forever.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger(__name__)

LEASE_PREFIX = "catalog.ingest:"


def lease_seconds() -> float:
    return float(getattr(settings, "PRIMA_INGEST_LEASE_SECONDS", 300))


def max_attempts() -> int:
    return int(getattr(settings, "PRIMA_INGEST_ATTEMPTS", 2))


@task()
def ingest_resource_version(version_id: int) -> str:
    """Ingest the version's file into Parquet; returns the version's resulting status."""
    from prima.ops import leases

    from .engine.ingest import ingest_version
    from .models import ResourceVersion

    with leases.held(f"{LEASE_PREFIX}{version_id}", lease_seconds()):
        ingest_version(version_id)
    return ResourceVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()


def recover_interrupted_ingestions(now=None) -> dict[str, list[int]]:
    """Retry (or, past the attempts allowed, fail) every ingestion whose lease expired."""
    from prima.ops import leases
    from prima.ops.models import Lease

    from .choices import VersionStatus
    from .models import ResourceVersion

    retried, failed = [], []
    for lease in leases.expired(LEASE_PREFIX, now):
        version_id = int(lease.key.removeprefix(LEASE_PREFIX))
        with transaction.atomic():
            lease = Lease.objects.select_for_update().filter(
                pk=lease.pk, expires_at__lt=now or timezone.now()).first()
            if lease is None:  # renewed or handled by another sweeper meanwhile
                continue
            version = ResourceVersion.objects.select_for_update().filter(pk=version_id).first()
            waiting = (version is not None and version.status == VersionStatus.UPLOADED
                       and not lease.owner)
            if version is None or not (version.status == VersionStatus.INGESTING or waiting):
                lease.delete()
                continue
            if waiting or lease.attempts < max_attempts():
                # Queued again (also when a retry queued earlier was never picked up, e.g. a
                # queue lost with its Redis); the lease and its attempt count stay, with time
                # for a worker to take it, until the retry takes it again.
                version.status, version.progress = VersionStatus.UPLOADED, 0
                version.save(update_fields=["status", "progress"])
                lease.owner = ""
                lease.expires_at = timezone.now() + timedelta(seconds=4 * lease_seconds())
                lease.save(update_fields=["owner", "expires_at"])
                transaction.on_commit(lambda pk=version_id: ingest_resource_version.enqueue(pk))
                retried.append(version_id)
            else:
                version.status, version.progress = VersionStatus.FAILED, 100
                version.ingested_at = timezone.now()
                version.problems = [{"line": None, "column": None, "message": _(
                    "Pemrosesan berkas terhenti %(n)s kali karena pekerja latar berhenti di "
                    "tengah jalan (misalnya kehabisan memori). Unggah ulang berkas; jika tetap "
                    "gagal, hubungi admin.") % {"n": lease.attempts}}]
                version.save(update_fields=["status", "progress", "ingested_at", "problems"])
                lease.delete()
                failed.append(version_id)
    if retried or failed:
        logger.warning("Interrupted ingestions: retried %s, failed %s", retried, failed)
    return {"retried": retried, "failed": failed}


PROGRESS_STEP = 0.05  # a background export's progress is saved every 5% of its rows


@task()
def prepare_export(job_id: int) -> str:
    """Write a large export's file (``models_exports.ExportJob``) with its progress; returns
    the job's resulting status."""
    import os
    import tempfile

    from django.core.exceptions import ValidationError
    from django.core.files import File
    from django.core.files.storage import default_storage
    from django.http import QueryDict

    from . import tables
    from .engine import query as engine
    from .engine.export import stream_export
    from .models import ExportJob, ExportStatus

    job = ExportJob.objects.select_related("version__resource__dataset").get(pk=job_id)
    if job.status != ExportStatus.QUEUED:
        return job.status
    from .engine.access import public_view

    # Background exports are started from the public table page: its columns only.
    version = public_view(job.version)
    job.status = ExportStatus.RUNNING
    job.save(update_fields=["status"])
    workdir = tempfile.mkdtemp(prefix="prima-export-job-")
    path = os.path.join(workdir, f"export.{job.fmt}")
    try:
        query = engine.parse_query(tables.engine_params(QueryDict(job.query)), version.schema)
        job.rows_total = engine.count_rows(version, query)
        job.save(update_fields=["rows_total"])
        step = max(1, int(job.rows_total * PROGRESS_STEP))
        state = {"done": 0, "saved": 0}

        def on_rows(n: int) -> None:
            state["done"] += n
            if state["done"] - state["saved"] >= step:
                state["saved"] = state["done"]
                ExportJob.objects.filter(pk=job.pk).update(rows_done=state["done"])

        with open(path, "wb") as out:
            for chunk in stream_export(version, query, job.fmt, on_rows=on_rows):
                out.write(chunk)
        resource = version.resource
        name = (f"catalog/exports/{resource.dataset.satker.code}/{job.token}/"
                f"{resource.dataset.slug}-{resource.slug}.{job.fmt}")
        with open(path, "rb") as fh:
            job.file.name = default_storage.save(name, File(fh))
        job.size = os.path.getsize(path)
        job.rows_done = job.rows_total
        job.status = ExportStatus.DONE
    except ValidationError as exc:
        job.status, job.error = ExportStatus.FAILED, " ".join(exc.messages)
    except Exception:
        logger.exception("Background export %s failed", job_id)
        job.status = ExportStatus.FAILED
        job.error = _("Ekspor gagal disiapkan. Coba lagi nanti atau persempit saringan.")
        raise
    finally:
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "size", "rows_done", "status", "error",
                                "finished_at"])
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    return job.status
