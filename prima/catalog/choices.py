from django.db import models
from django.utils.translation import gettext_lazy as _

# The staff role of the data steward (Satu Data Indonesia's *Walidata*, domain satu-data.md).
WALIDATA = "walidata"


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    IN_REVIEW = "in_review", _("Diperiksa walidata")
    PUBLISHED = "published", _("Terbit")
    WITHDRAWN = "withdrawn", _("Ditarik")


class UpdateFrequency(models.TextChoices):
    ONCE = "once", _("Sekali")
    DAILY = "daily", _("Harian")
    WEEKLY = "weekly", _("Mingguan")
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMESTERLY = "semesterly", _("Semesteran")
    YEARLY = "yearly", _("Tahunan")
    PER_ELECTION = "per_election", _("Setiap pemilu/pemilihan")
    IRREGULAR = "irregular", _("Tidak tentu")


class ResourceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


class VersionStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah")
    INGESTING = "ingesting", _("Sedang diproses")
    REVIEW = "review", _("Menunggu pemeriksaan skema")
    PUBLISHED = "published", _("Terbit")
    FAILED = "failed", _("Gagal diproses")
    SUPERSEDED = "superseded", _("Digantikan versi baru")
    DISCARDED = "discarded", _("Dibuang")


class ColumnType(models.TextChoices):
    TEXT = "text", _("Teks")
    CODE = "code", _("Kode (teks, tidak pernah diubah)")
    INTEGER = "integer", _("Bilangan bulat")
    DECIMAL = "decimal", _("Bilangan desimal")
    DATE = "date", _("Tanggal")
    DATETIME = "datetime", _("Tanggal dan waktu")
    BOOLEAN = "boolean", _("Ya/tidak")


class NumberFormat(models.TextChoices):
    INTERNATIONAL = "international", _("1,234.56 (titik desimal)")
    INDONESIAN = "indonesian", _("1.234,56 (koma desimal)")


class UsageKind(models.TextChoices):
    VIEW = "view", _("Dilihat")
    DOWNLOAD = "download", _("Diunduh")
    API = "api", _("Diakses lewat API")


class ColumnReference(models.TextChoices):
    """Master reference codes a column may be declared to hold (domain satu-data.md, 4)."""

    WILAYAH = "wilayah", _("Kode wilayah Kemendagri")


class ColumnAccess(models.TextChoices):
    PUBLIC = "public", _("Terbuka")
    RESTRICTED = "restricted", _("Terbatas")


class AuditAction(models.TextChoices):
    """What the catalog records in the audit trail (``<app>.<object>_<verb>``), labelled so
    that the audit page reads as sentences."""

    DATASET_CREATED = "catalog.dataset_created", _("Dataset dibuat")
    DATASET_UPDATED = "catalog.dataset_updated", _("Metadata dataset diubah")
    DATASET_SUBMITTED = "catalog.dataset_submitted", _("Dataset diajukan untuk diperiksa walidata")
    DATASET_PUBLISHED = "catalog.dataset_published", _("Dataset diterbitkan")
    DATASET_RETURNED = "catalog.dataset_returned", _(
        "Dataset dikembalikan walidata dengan catatan")
    DATASET_METADATA_UPDATED = "catalog.dataset_metadata_updated", _(
        "Metadata Satu Data (variabel/indikator) diubah")
    SETTING_UPDATED = "catalog.setting_updated", _("Pengaturan pemeriksaan walidata diubah")
    DATASET_WITHDRAWN = "catalog.dataset_withdrawn", _("Dataset ditarik dari katalog publik")
    RESOURCE_ADDED = "catalog.resource_added", _("Sumber data ditambahkan")
    RESOURCE_UPDATED = "catalog.resource_updated", _("Sumber data diubah")
    # Recorded on the resource when a newly published version becomes its current one.
    RESOURCE_VERSION_CHANGED = "catalog.resource_version_changed", _(
        "Versi terbit sumber data berganti")
    VERSION_UPLOADED = "catalog.version_uploaded", _("Versi berkas diunggah")
    SCHEMA_REVIEWED = "catalog.schema_reviewed", _("Skema versi diperiksa")
    VERSION_PUBLISHED = "catalog.version_published", _("Versi diterbitkan")
    VERSION_SUPERSEDED = "catalog.version_superseded", _("Versi digantikan versi baru")
    VERSION_DISCARDED = "catalog.version_discarded", _("Versi dibuang")
