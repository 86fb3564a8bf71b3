"""Open data catalog: datasets, their resources and immutable resource versions (Parquet)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import (
    ColumnAccess,
    ColumnReference,
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
    # The topic's name in English (data: satkers add topics in the admin).
    name_en = models.CharField(_("nama (bahasa Inggris)"), max_length=120, blank=True)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the language of the page (English when one is recorded)."""
        return topic_label(self.name, self.name_en)


def topic_label(name: str, name_en: str) -> str:
    from django.utils.translation import get_language

    return name_en if name_en and get_language() == "en" else name


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
    # The rest of MS-Keg (Peraturan BPS 5/2020): responsible unit, period, design and
    # dissemination of the activity that produced the data.
    activity_unit = models.CharField(_("unit penanggung jawab kegiatan"), max_length=300,
                                     blank=True)
    activity_period = models.CharField(_("periode kegiatan"), max_length=200, blank=True)
    activity_design = models.TextField(_("rancangan kegiatan"), blank=True)
    activity_dissemination = models.TextField(_("diseminasi hasil kegiatan"), blank=True)
    # The walidata's last decision (Perpres 39/2019: the walidata checks data and metadata
    # before publication): who, when and the notes when the dataset was returned.
    review_note = models.TextField(_("catatan walidata"), blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("diperiksa oleh"))
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
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
        JSON API rows, CKAN's datastore and the DCAT table links read), else None.

        It is the public view of that version (``engine.access.public_view``): columns whose
        metadata restricts them are left out."""
        from .engine.access import public_view

        return public_view(self.current_version) if self.has_published_table else None

    @property
    def original_is_public(self) -> bool:
        """False when a column's metadata restricts it: the original upload holds every
        column (reads the ``column_metadata`` prefetch when there is one)."""
        return not any(m.access == ColumnAccess.RESTRICTED
                       for m in self.column_metadata.all())

    @property
    def has_published_table(self) -> bool:
        """Whether ``published_table`` has a version (without reading column metadata)."""
        version = self.current_version
        return bool(self.is_tabular and version is not None
                    and version.status == VersionStatus.PUBLISHED and version.parquet_path)


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


class CatalogSetting(models.Model):
    """How one satker publishes (domain satu-data.md: "a satker may publish directly or through
    its walidata"). A satker without a row requires the walidata's review (the default)."""

    satker = models.OneToOneField("organisations.Satker", on_delete=models.CASCADE,
                                  related_name="catalog_setting", verbose_name=_("satker"))
    review_required = models.BooleanField(
        _("wajib diperiksa walidata"), default=True,
        help_text=_("Jika ya, dataset hanya terbit setelah diperiksa walidata."))
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan katalog satker")
        verbose_name_plural = _("pengaturan katalog satker")

    def __str__(self):
        return f"{self.satker}: {self.review_required}"


class ColumnMetadata(models.Model):
    """Variable metadata (MS-Var, Peraturan BPS 5/2020) of one column of a tabular resource.

    Kept per resource (by column name), not per version: versions are immutable while the
    metadata is edited by the staff, and a new version of the same table keeps it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE,
                                 related_name="column_metadata")
    name = models.CharField(_("nama variabel (kolom)"), max_length=200)
    concept = models.TextField(_("konsep"), blank=True)
    definition = models.TextField(_("definisi"), blank=True)
    classification = models.TextField(
        _("klasifikasi / daftar kode"), blank=True,
        help_text=_("Mis. daftar kode nilai (1 = laki-laki, 2 = perempuan) atau nama "
                    "klasifikasi baku."))
    reference = models.CharField(_("kode referensi"), max_length=16, blank=True,
                                 choices=ColumnReference.choices)
    validation_rule = models.CharField(_("aturan validasi"), max_length=500, blank=True)
    time_reference = models.CharField(_("rujukan waktu"), max_length=200, blank=True)
    unit = models.CharField(_("satuan"), max_length=100, blank=True)
    access = models.CharField(_("akses publik"), max_length=16, choices=ColumnAccess.choices,
                              default=ColumnAccess.PUBLIC)

    class Meta:
        ordering = ["resource", "id"]
        verbose_name = _("metadata variabel")
        verbose_name_plural = _("metadata variabel")
        constraints = [models.UniqueConstraint(fields=["resource", "name"],
                                               name="column_metadata_unique_name")]

    def __str__(self):
        return f"{self.resource}: {self.name}"


class Indicator(models.Model):
    """Indicator metadata (MS-Ind, Peraturan BPS 5/2020) of a dataset that publishes computed
    indicators (a dataset with at least one is an indicator dataset)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("nama indikator"), max_length=300)
    concept = models.TextField(_("konsep"), blank=True)
    definition = models.TextField(_("definisi"))
    formula = models.TextField(_("rumus perhitungan"))
    unit = models.CharField(_("satuan"), max_length=100)
    interpretation = models.TextField(_("interpretasi"), blank=True)
    disaggregation = models.CharField(_("tingkat penyajian (disagregasi)"), max_length=300,
                                      blank=True)
    frequency = models.CharField(_("frekuensi"), max_length=16, choices=UpdateFrequency.choices,
                                 blank=True)

    class Meta:
        ordering = ["dataset", "id"]
        verbose_name = _("metadata indikator")
        verbose_name_plural = _("metadata indikator")

    def __str__(self):
        return self.name
from .models_exports import ExportJob, ExportStatus  # noqa: E402, F401  (large exports)
