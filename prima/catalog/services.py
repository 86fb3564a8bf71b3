"""Writes of the catalog: dataset lifecycle, resources, versions and their schema review.

Lifecycle of a dataset: draft → submitted for review (in_review) → published → withdrawn (and
submitted again). A satker publishes through its walidata by default (Perpres 39/2019, see
``satudata``): the walidata publishes a dataset in review or returns it to draft with notes. A
satker set to publish directly lets its writers (``Purpose.CATALOG`` write: admin, head,
secretary, PPID) publish a draft themselves.

Lifecycle of a version: every upload is a new immutable ``ResourceVersion``. Tabular files (CSV,
XLSX, JSON) start ``uploaded`` and are ingested into Parquet by a background task (queued after
commit) which leaves them in ``review`` (schema to check) or ``failed`` (problems listed); other
files (PDF, ...) go straight to ``review``. ``publish_version`` makes a reviewed version the
resource's current one and marks the previous one superseded, so the published data never changes
until a new version is published.

Every function checks the actor's right, runs in one transaction and records an audit event.
Bad input raises ``ValidationError`` with an Indonesian message and changes nothing.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from prima.core import audit, uploads
from prima.core.transitions import lock, transition
from prima.organisations.models import Satker
from prima.organisations.seed import DATA_DIR

from . import policies
from .choices import AuditAction, DatasetStatus, NumberFormat, ResourceKind, VersionStatus
from .models import Dataset, Licence, Resource, ResourceVersion, Tag, Topic

# Lock only the row itself: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
SELF = ("self",)

TABULAR_KINDS = ("csv", "xlsx", "json")
# Plain downloads (no table page); only kinds that core.uploads knows how to check.
DOWNLOAD_KINDS = ("pdf",)
DATASET_FIELDS = (
    "title", "description", "licence", "update_frequency", "temporal_start", "temporal_end",
    "spatial_code", "contact_name", "contact_email", "source", "activity_name",
    "activity_organiser", "activity_purpose", "activity_method", "quality_assurance",
    "data_standard", "activity_unit", "activity_period", "activity_design",
    "activity_dissemination",
)
SLUG_MAX = 100
TAG_MAX = 100
EDITABLE_VERSION_STATUSES = (VersionStatus.REVIEW, VersionStatus.FAILED)


# --- Helpers ------------------------------------------------------------------------------------


def _require_write(actor, dataset_or_satker) -> None:
    satker = getattr(dataset_or_satker, "satker", dataset_or_satker)
    if not policies.can_create_for(actor, satker):
        raise PermissionDenied(_("Anda tidak berwenang mengubah katalog satker ini."))


def _unique_slug(base: str, taken) -> str:
    """``base`` slugified, with "-2", "-3", ... until ``taken(slug)`` is False."""
    root = (slugify(base) or "data")[:SLUG_MAX].strip("-") or "data"
    slug, n = root, 1
    while taken(slug):
        n += 1
        suffix = f"-{n}"
        slug = root[:SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


@functools.lru_cache(maxsize=1)
def wilayah_codes() -> frozenset[str]:
    """Every Kemendagri region code of prima/data/wilayah.csv (province to desa)."""
    with (DATA_DIR / "wilayah.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(row["kode"].strip() for row in csv.DictReader(fh))


def validate_spatial_code(code: str) -> str:
    """A blank code, a satker code ("0" for national) or a Kemendagri region code."""
    code = (code or "").strip()
    if not code or code in wilayah_codes() or Satker.objects.filter(code=code).exists():
        return code
    raise ValidationError(
        {"spatial_code": _("Kode wilayah %(code)s tidak dikenal. Gunakan kode Kemendagri "
                           "(mis. 33 untuk Jawa Tengah, 33.20 untuk Kabupaten Jepara) atau 0 "
                           "untuk nasional.") % {"code": code}},
        code="unknown_region",
    )


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Tags from comma-separated text (or a list): trimmed, spaces collapsed, no duplicates."""
    items = text.split(",") if isinstance(text, str) else list(text)
    seen, tags = set(), []
    for item in items:
        name = " ".join(str(item).split())[:TAG_MAX]
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append(name)
    return tags


def _dataset_state(dataset: Dataset) -> dict:
    state = audit.snapshot(dataset)
    if dataset.pk:
        state["topics"] = sorted(dataset.topics.values_list("slug", flat=True))
        state["tags"] = sorted(dataset.tags.values_list("name", flat=True))
    return state


def _validate_fields(fields: dict) -> dict:
    unknown = set(fields) - set(DATASET_FIELDS) - {"topics", "tags"}
    if unknown:
        raise TypeError(f"unknown dataset fields: {sorted(unknown)}")
    if "title" in fields and not str(fields["title"] or "").strip():
        raise ValidationError({"title": _("Judul dataset wajib diisi.")})
    if "description" in fields and not str(fields["description"] or "").strip():
        raise ValidationError({"description": _("Deskripsi dataset wajib diisi.")})
    if "spatial_code" in fields:
        fields["spatial_code"] = validate_spatial_code(fields["spatial_code"])
    if isinstance(fields.get("licence"), str):
        licence = Licence.objects.filter(pk=fields["licence"]).first()
        if licence is None:
            raise ValidationError({"licence": _("Lisensi tidak dikenal.")})
        fields["licence"] = licence
    start, end = fields.get("temporal_start"), fields.get("temporal_end")
    if start and end and end < start:
        raise ValidationError({"temporal_end": _("Akhir cakupan waktu tidak boleh sebelum "
                                                 "awalnya.")})
    return fields


def _set_relations(dataset: Dataset, topics, tags) -> None:
    if topics is not None:
        topic_objs = [t if isinstance(t, Topic) else Topic.objects.get(slug=t) for t in topics]
        dataset.topics.set(topic_objs)
    if tags is not None:
        names = parse_tags(tags)
        existing = {t.name.casefold(): t for t in Tag.objects.filter(name__in=names)}
        tag_objs = []
        for name in names:
            tag = existing.get(name.casefold())
            if tag is None:
                tag = (Tag.objects.filter(name__iexact=name).first()
                       or Tag.objects.create(name=name))
            tag_objs.append(tag)
        dataset.tags.set(tag_objs)


# --- Datasets -----------------------------------------------------------------------------------


@transaction.atomic
def create_dataset(*, satker: Satker, actor, **fields) -> Dataset:
    """A new draft dataset of ``satker`` with its metadata (``topics``, ``tags`` included)."""
    _require_write(actor, satker)
    fields = _validate_fields(dict(fields))
    topics, tags = fields.pop("topics", None), fields.pop("tags", None)
    slug = _unique_slug(fields["title"], lambda s: Dataset.objects.filter(slug=s).exists())
    dataset = Dataset(satker=satker, slug=slug, created_by=actor, status=DatasetStatus.DRAFT,
                      **fields)
    dataset.full_clean(exclude=["created_by", "licence"])
    dataset.save()
    _set_relations(dataset, topics, tags)
    audit.record(dataset, actor=actor, action=AuditAction.DATASET_CREATED,
                 after=_dataset_state(dataset))
    return dataset


@transaction.atomic
def update_dataset(*, dataset: Dataset, actor, **fields) -> Dataset:
    """Change the metadata of ``dataset`` (any status); the slug stays, so links keep working."""
    _require_write(actor, dataset)
    dataset = Dataset.objects.select_for_update(of=SELF).get(pk=dataset.pk)
    before = _dataset_state(dataset)
    fields = _validate_fields(dict(fields))
    topics, tags = fields.pop("topics", None), fields.pop("tags", None)
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.full_clean(exclude=["created_by", "licence"])
    dataset.save()
    _set_relations(dataset, topics, tags)
    audit.record(dataset, actor=actor, action=AuditAction.DATASET_UPDATED, before=before,
                 after=_dataset_state(dataset))
    return dataset


@transaction.atomic
def submit_for_review(*, dataset: Dataset, actor) -> Dataset:
    """The producer submits a draft (or a withdrawn dataset) for the walidata's check."""
    _require_write(actor, dataset)
    return transition(dataset, actor=actor,
                      allowed_from=(DatasetStatus.DRAFT, DatasetStatus.WITHDRAWN),
                      to=DatasetStatus.IN_REVIEW, action=AuditAction.DATASET_SUBMITTED,
                      message=_("Hanya dataset berstatus draf atau ditarik yang dapat diajukan "
                                "untuk diperiksa."))


def has_content(dataset: Dataset) -> bool:
    """At least one published file version or one link."""
    return Resource.objects.filter(dataset=dataset).filter(
        Q(current_version__isnull=False) | Q(kind=ResourceKind.LINK)).exists()


@transaction.atomic
def publish_dataset(*, dataset: Dataset, actor) -> Dataset:
    """Make ``dataset`` public; it needs at least one link or one published file.

    Satu Data Indonesia (domain satu-data.md: "Produsen Data → Walidata → published",
    configurable per satker): when the satker publishes through its walidata
    (``satudata.review_required``), only a walidata of the satker or above publishes, only a
    dataset submitted for review, and only once ``satudata.review_problems`` finds nothing.
    Otherwise the satker's writers publish directly (the walidata may still publish a dataset
    submitted to them)."""
    from . import satudata

    dataset = lock(dataset)  # the status checked below is the current one
    walidata = policies.is_walidata_for(actor, dataset.satker)
    if satudata.review_required(dataset.satker):
        if not walidata:
            if policies.can_create_for(actor, dataset.satker):
                raise ValidationError(_("Satker ini menerbitkan data melalui walidata: ajukan "
                                        "dataset untuk diperiksa walidata."),
                                      code="review_required")
            raise PermissionDenied(_("Anda tidak berwenang menerbitkan dataset ini."))
        allowed: tuple[DatasetStatus, ...] = (DatasetStatus.IN_REVIEW,)
    else:
        if not walidata:
            _require_write(actor, dataset)
        allowed = (DatasetStatus.DRAFT, DatasetStatus.IN_REVIEW, DatasetStatus.WITHDRAWN)
    if not has_content(dataset):
        raise ValidationError(_("Dataset belum dapat diterbitkan: terbitkan minimal satu versi "
                                "berkas atau tambahkan satu tautan terlebih dahulu."),
                              code="no_content")
    changes: dict[str, object] = {"published_at": timezone.now()}
    if walidata and dataset.status == DatasetStatus.IN_REVIEW:
        problems = satudata.review_problems(dataset)
        if problems:
            raise ValidationError(problems, code="review_problems")
        changes.update(reviewed_by=actor, reviewed_at=timezone.now(), review_note="")
    return transition(dataset, actor=actor, allowed_from=allowed,
                      to=DatasetStatus.PUBLISHED, action=AuditAction.DATASET_PUBLISHED,
                      message=_("Dataset ini sudah terbit.") if dataset.is_published
                      else _("Dataset harus diajukan untuk diperiksa walidata terlebih "
                             "dahulu."),
                      changes=changes)


@transaction.atomic
def withdraw_dataset(*, dataset: Dataset, actor) -> Dataset:
    """Take a published dataset off the public catalog (its versions are kept)."""
    _require_write(actor, dataset)
    return transition(dataset, actor=actor, allowed_from=(DatasetStatus.PUBLISHED,),
                      to=DatasetStatus.WITHDRAWN, action=AuditAction.DATASET_WITHDRAWN,
                      message=_("Hanya dataset yang terbit yang dapat ditarik."))


# --- Resources and versions ---------------------------------------------------------------------


def _format_of_url(url: str) -> str:
    suffix = PurePosixPath(urlparse(url).path).suffix.lstrip(".")
    return suffix.upper()[:20] if suffix.isalnum() else ""


def _check_file(upload) -> uploads.CheckedFile:
    return uploads.check_upload(upload, allowed_kinds=(*TABULAR_KINDS, *DOWNLOAD_KINDS),
                                max_bytes=settings.CATALOG_MAX_UPLOAD_BYTES)


def _queue_ingestion(version_id: int) -> None:
    from . import tasks

    tasks.ingest_resource_version.enqueue(version_id)


def _create_version(resource: Resource, actor, upload, checked: uploads.CheckedFile):
    number = (ResourceVersion.objects.filter(resource=resource)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    tabular = checked.kind in TABULAR_KINDS
    version = ResourceVersion(
        resource=resource, number=number, original_name=checked.original_name,
        content_type=checked.content_type, sha256=checked.sha256, size=checked.size,
        created_by=actor,
        status=VersionStatus.UPLOADED if tabular else VersionStatus.REVIEW,
        progress=0 if tabular else 100,
    )
    upload.seek(0)
    version.original.save(checked.original_name, upload, save=False)
    version.save()
    if tabular:
        transaction.on_commit(lambda: _queue_ingestion(version.pk))
    return version


@transaction.atomic
def add_resource(*, dataset: Dataset, actor, name: str, upload=None, url: str = "",
                 description: str = "", key_column: str = "",
                 number_format: str = NumberFormat.INTERNATIONAL,
                 ) -> tuple[Resource, ResourceVersion | None]:
    """A file (first version uploaded and, if tabular, queued for ingestion) or a link."""
    _require_write(actor, dataset)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Nama sumber data wajib diisi.")})
    if bool(upload) == bool(url):
        raise ValidationError(_("Unggah satu berkas atau isi satu tautan (tidak keduanya)."),
                              code="file_or_link")
    if number_format not in NumberFormat.values:
        raise ValidationError({"number_format": _("Format angka tidak dikenal.")})
    checked = _check_file(upload) if upload else None
    slug = _unique_slug(name, lambda s: Resource.objects.filter(dataset=dataset,
                                                                slug=s).exists())
    position = (Resource.objects.filter(dataset=dataset).aggregate(p=Max("position"))["p"]
                or 0) + 1
    resource = Resource(
        dataset=dataset, slug=slug, name=name[:300], description=description,
        kind=ResourceKind.FILE if upload else ResourceKind.LINK,
        url=url, format=checked.kind.upper() if checked else _format_of_url(url),
        is_tabular=bool(checked and checked.kind in TABULAR_KINDS),
        key_column=key_column.strip(), number_format=number_format, position=position,
    )
    resource.full_clean(exclude=["dataset", "current_version"])
    resource.save()
    audit.record(resource, actor=actor, action=AuditAction.RESOURCE_ADDED,
                 satker=dataset.satker_id)
    version = _create_version(resource, actor, upload, checked) if checked else None
    if version:
        audit.record(version, actor=actor, action=AuditAction.VERSION_UPLOADED,
                     satker=dataset.satker_id)
    return resource, version


@transaction.atomic
def update_resource(*, resource: Resource, actor, **fields) -> Resource:
    """Change name, description, key column or number format (and the URL of a link)."""
    _require_write(actor, resource.dataset)
    allowed = {"name", "description", "key_column", "number_format", "url"}
    if set(fields) - allowed:
        raise TypeError(f"unknown resource fields: {sorted(set(fields) - allowed)}")
    resource = Resource.objects.select_for_update(of=SELF).get(pk=resource.pk)
    before = audit.snapshot(resource)
    if "url" in fields and resource.kind != ResourceKind.LINK:
        fields.pop("url")
    if "name" in fields and not " ".join((fields["name"] or "").split()):
        raise ValidationError({"name": _("Nama sumber data wajib diisi.")})
    for name, value in fields.items():
        setattr(resource, name, value.strip() if isinstance(value, str) else value)
    if resource.kind == ResourceKind.LINK:
        resource.format = _format_of_url(resource.url)
    resource.full_clean(exclude=["dataset", "current_version"])
    resource.save()
    audit.record(resource, actor=actor, action=AuditAction.RESOURCE_UPDATED, before=before,
                 satker=resource.dataset.satker_id)
    return resource


@transaction.atomic
def upload_new_version(*, resource: Resource, actor, upload) -> ResourceVersion:
    """A new version of a file resource; the published version stays until this one is
    reviewed and published."""
    _require_write(actor, resource.dataset)
    if resource.kind != ResourceKind.FILE:
        raise ValidationError(_("Sumber data berupa tautan tidak memiliki versi berkas."),
                              code="link")
    checked = _check_file(upload)
    resource = Resource.objects.select_for_update(of=SELF).get(pk=resource.pk)
    if resource.is_tabular != (checked.kind in TABULAR_KINDS):
        raise ValidationError(
            _("Versi baru harus sejenis dengan versi sebelumnya (%(expected)s).")
            % {"expected": _("berkas tabel CSV, XLSX atau JSON") if resource.is_tabular
               else resource.format or _("berkas unduhan")},
            code="kind_changed")
    version = _create_version(resource, actor, upload, checked)
    audit.record(version, actor=actor, action=AuditAction.VERSION_UPLOADED,
                 satker=resource.dataset.satker_id)
    return version


def _locked_version(version: ResourceVersion) -> ResourceVersion:
    return (ResourceVersion.objects.select_for_update(of=SELF)
            .select_related("resource__dataset__satker").get(pk=version.pk))


SCHEMA_KEYS = ("name", "label", "type", "is_code", "description")


@transaction.atomic
def review_schema(*, version: ResourceVersion, actor, schema: list[dict]) -> list[dict]:
    """Apply the officer's column names, labels, types and code flags; returns the problems
    (values that do not fit a chosen type, with their line), also kept on the version."""
    from .engine.ingest import apply_schema

    version = _locked_version(version)
    _require_write(actor, version.resource.dataset)
    if version.status not in EDITABLE_VERSION_STATUSES or not version.resource.is_tabular:
        raise ValidationError(_("Skema hanya dapat diperiksa pada versi tabel yang menunggu "
                                "pemeriksaan."), code="wrong_status")
    if not version.schema:
        raise ValidationError(_("Berkas ini gagal diproses; unggah berkas yang sudah "
                                "diperbaiki sebagai versi baru."), code="failed")
    if len(schema) != len(version.schema):
        raise ValidationError(_("Jumlah kolom tidak sesuai dengan berkas."), code="columns")
    names = [str(c.get("name", "")).strip() for c in schema]
    if any(not n for n in names):
        raise ValidationError(_("Setiap kolom harus memiliki nama."), code="blank_name")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValidationError(_("Nama kolom harus unik: %(names)s.")
                              % {"names": ", ".join(duplicates)}, code="duplicate_name")
    merged = []
    for old, new in zip(version.schema, schema, strict=True):
        column = dict(old)
        column.update({k: new[k] for k in SCHEMA_KEYS if k in new})
        column["name"] = str(column["name"]).strip()
        column["label"] = str(column.get("label") or "").strip() or column["name"]
        merged.append(column)
    before = {"schema": version.schema, "problems": version.problems, "status": version.status}
    problems = apply_schema(version, merged)
    # The engine saves the schema and rewrites the Parquet file only when every value fits;
    # with problems both stay as they were and the version cannot be published.
    version.refresh_from_db()
    version.problems = problems
    version.status = VersionStatus.REVIEW
    version.save(update_fields=["schema", "problems", "status"])
    audit.record(version, actor=actor, action=AuditAction.SCHEMA_REVIEWED,
                 satker=version.resource.dataset.satker_id,
                 changes=audit.diff(before, {"schema": version.schema,
                                             "problems": version.problems,
                                             "status": version.status}))
    return problems


@transaction.atomic
def publish_version(*, version: ResourceVersion, actor) -> ResourceVersion:
    """Make a reviewed version (no problems) the current one; the previous one is superseded
    and the change between them is summarised."""
    version = _locked_version(version)
    resource = Resource.objects.select_for_update(of=SELF).get(pk=version.resource_id)
    dataset = version.resource.dataset
    _require_write(actor, dataset)
    if version.status != VersionStatus.REVIEW:
        raise ValidationError(_("Hanya versi yang sudah diperiksa (status menunggu pemeriksaan "
                                "skema) yang dapat diterbitkan."), code="wrong_status")
    if version.problems:
        raise ValidationError(_("Versi ini masih memiliki masalah; perbaiki skema atau unggah "
                                "berkas yang sudah diperbaiki."), code="problems")
    previous = resource.current_version
    summary: dict[str, object] = {}
    if resource.is_tabular:
        summary = {"rows_before": None, "rows_after": version.row_count, "added": None,
                   "removed": None, "columns_added": [], "columns_removed": []}
        if previous is not None:
            from .engine.diff import change_summary

            summary = change_summary(previous, version, resource.key_column or None)
    now = timezone.now()
    if previous is not None:
        before_previous = audit.snapshot(previous)
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        audit.record(previous, actor=actor, action=AuditAction.VERSION_SUPERSEDED,
                     before=before_previous, satker=dataset.satker_id)
    before = audit.snapshot(version)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.change_summary = summary
    version.save(update_fields=["status", "published_at", "change_summary"])
    resource_before = audit.snapshot(resource)
    resource.current_version = version
    resource.format = (version.original_name.rsplit(".", 1)[-1].upper()
                       if "." in version.original_name else resource.format)[:20]
    resource.save(update_fields=["current_version", "format", "updated_at"])
    audit.record(version, actor=actor, action=AuditAction.VERSION_PUBLISHED, before=before,
                 satker=dataset.satker_id)
    audit.record(resource, actor=actor, action=AuditAction.RESOURCE_VERSION_CHANGED,
                 before=resource_before, satker=dataset.satker_id)
    return version


@transaction.atomic
def discard_version(*, version: ResourceVersion, actor) -> ResourceVersion:
    """Drop a version that was never published (uploaded, in review or failed)."""
    version = _locked_version(version)
    _require_write(actor, version.resource.dataset)
    if version.status in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED,
                          VersionStatus.DISCARDED):
        raise ValidationError(_("Versi yang sudah terbit atau sudah dibuang tidak dapat "
                                "dibuang."), code="wrong_status")
    before = audit.snapshot(version)
    version.status = VersionStatus.DISCARDED
    version.save(update_fields=["status"])
    audit.record(version, actor=actor, action=AuditAction.VERSION_DISCARDED, before=before,
                 satker=version.resource.dataset.satker_id)
    return version
