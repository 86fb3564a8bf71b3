"""Open data catalog: datasets, their resources and immutable resource versions (Parquet)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import (
    DatasetStatus,
    NumberFormat,
    ResourceKind,
    UpdateFrequency,
    UsageKind,
    VersionStatus,
)
from .querysets import DatasetQuerySet, ResourceQuerySet

USER = settings.AUTH_USER_MODEL
DEFAULT_LICENCE = "CC-BY-4.0"


class Topic(models.Model):
    """A theme of the catalog (e.g. Pemilu, Partisipasi, Anggaran); CKAN's "group"."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("label")
        verbose_name_plural = _("label")

    def __str__(self):
        return self.name


class Licence(models.Model):
    """A licence a dataset can carry (id as in CKAN's licence list, e.g. CC-BY-4.0)."""

    id = models.CharField(max_length=64, primary_key=True)
    title = models.CharField(_("nama"), max_length=200)
    url = models.URLField(blank=True)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("lisensi")
        verbose_name_plural = _("lisensi")

    def __str__(self):
        return self.title


class Dataset(models.Model):
    """A dataset of one satker, with Satu Data Indonesia metadata (Peraturan BPS 5/2020)."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="datasets", verbose_name=_("produsen data"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("judul"), max_length=300)
    description = models.TextField(_("deskripsi"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="datasets",
                                    verbose_name=_("topik"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets",
                                  verbose_name=_("label"))
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, default=DEFAULT_LICENCE,
                                related_name="+", verbose_name=_("lisensi"))
    update_frequency = models.CharField(_("frekuensi pembaruan"), max_length=16,
                                        choices=UpdateFrequency.choices,
                                        default=UpdateFrequency.IRREGULAR)
    temporal_start = models.DateField(_("cakupan waktu mulai"), null=True, blank=True)
    temporal_end = models.DateField(_("cakupan waktu sampai"), null=True, blank=True)
    spatial_code = models.CharField(_("cakupan wilayah (kode Kemendagri)"), max_length=16,
                                    blank=True)
    contact_name = models.CharField(_("nama kontak"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email kontak"), blank=True)
    source = models.CharField(_("sumber data"), max_length=300, blank=True)
    # Satu Data Indonesia activity metadata (MS-Keg), kept as named fields.
    activity_name = models.CharField(_("nama kegiatan"), max_length=300, blank=True)
    activity_organiser = models.CharField(_("penyelenggara kegiatan"), max_length=300,
                                          blank=True)
    activity_purpose = models.TextField(_("tujuan kegiatan"), blank=True)
    activity_method = models.TextField(_("metode pengumpulan data"), blank=True)
    quality_assurance = models.TextField(_("jaminan kualitas"), blank=True)
    data_standard = models.CharField(_("standar data"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DatasetStatus.choices,
                              default=DatasetStatus.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("terbit"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("dataset")
        verbose_name_plural = _("dataset")
        indexes = [models.Index(fields=["status", "satker"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:dataset-detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == DatasetStatus.PUBLISHED


class Resource(models.Model):
    """A file or link of a dataset; tabular files get versions ingested into Parquet."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    slug = models.SlugField(_("slug"), max_length=120)
    name = models.CharField(_("nama"), max_length=300)
    description = models.TextField(_("deskripsi"), blank=True)
    kind = models.CharField(_("jenis"), max_length=8, choices=ResourceKind.choices)
    format = models.CharField(_("format"), max_length=20, blank=True)
    url = models.URLField(_("tautan"), blank=True, max_length=1000)
    is_tabular = models.BooleanField(_("tabel"), default=False)
    key_column = models.CharField(_("kolom kunci"), max_length=200, blank=True,
                                  help_text=_("Untuk ringkasan perubahan antarversi."))
    number_format = models.CharField(_("format angka"), max_length=16,
                                     choices=NumberFormat.choices,
                                     default=NumberFormat.INTERNATIONAL)
    current_version = models.ForeignKey("ResourceVersion", on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+",
                                        verbose_name=_("versi terbit"))
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["dataset", "position", "id"]
        verbose_name = _("sumber data")
        verbose_name_plural = _("sumber data")
        constraints = [models.UniqueConstraint(fields=["dataset", "slug"],
                                               name="resource_unique_slug")]

    def __str__(self):
        return self.name

    def published_table(self) -> ResourceVersion | None:
        """The current version when it is a published table with its Parquet copy (what the
        JSON API rows, CKAN's datastore and the DCAT table links read), else None."""
        version = self.current_version
        if (self.is_tabular and version is not None
                and version.status == VersionStatus.PUBLISHED and version.parquet_path):
            return version
        return None


def original_upload_to(instance, filename):
    return f"catalog/{instance.resource.dataset.satker.code}/{instance.resource_id}/" \
           f"v{instance.number}/{instance.sha256}"


class ResourceVersion(models.Model):
    """One immutable upload of a resource: original file, Parquet copy, schema, change summary."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices,
                              default=VersionStatus.UPLOADED, db_index=True)
    original = models.FileField(upload_to=original_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    parquet_path = models.CharField(max_length=500, blank=True)
    # [{"name", "label", "type" (ColumnType), "is_code", "source_name", "description"}]
    schema = models.JSONField(default=list, blank=True)
    detected = models.JSONField(default=dict, blank=True)  # encoding, delimiter, sheet, ...
    row_count = models.PositiveBigIntegerField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100
    problems = models.JSONField(default=list, blank=True)  # [{"line", "column", "message"}]
    change_summary = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ingested_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resource", "-number"]
        verbose_name = _("versi sumber data")
        verbose_name_plural = _("versi sumber data")
        constraints = [models.UniqueConstraint(fields=["resource", "number"],
                                               name="resource_version_unique_number")]

    def __str__(self):
        return f"{self.resource} v{self.number}"


class UsageDaily(models.Model):
    """Views and downloads per dataset/resource per day (one row per key, counted with F())."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="usage")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="usage")
    day = models.DateField()
    kind = models.CharField(max_length=16, choices=UsageKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("statistik penggunaan")
        verbose_name_plural = _("statistik penggunaan")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "resource", "day", "kind"],
                                    name="usage_unique_key",
                                    condition=models.Q(resource__isnull=False)),
            models.UniqueConstraint(fields=["dataset", "day", "kind"],
                                    name="usage_unique_dataset_key",
                                    condition=models.Q(resource__isnull=True)),
        ]

    def __str__(self):
        return f"{self.dataset} {self.day} {self.kind}={self.count}"


from .models_exports import ExportJob, ExportStatus  # noqa: E402, F401  (large exports)
