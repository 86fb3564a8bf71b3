"""Service catalog, service standards (UU 25/2009 Pasal 21, PermenPANRB 15/2014) and SOPs
(PermenPANRB 35/2012) of a satker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import MINUTES_PER_UNIT, Channel, OnlineMedium, SopStatus, StepKind, TimeUnit
from .querysets import ServiceQuerySet, SopQuerySet

USER = settings.AUTH_USER_MODEL

# The 14 components of a service standard (service-standards.md, PermenPANRB 15/2014):
# (number, field, label). 1–6 concern service delivery and are always published; 7–14 concern
# service management (internal, published when the satker chooses to).
DELIVERY = (
    (1, "requirements", _("Persyaratan")),
    (2, "procedure", _("Sistem, mekanisme dan prosedur")),
    (3, "time_text", _("Jangka waktu pelayanan")),
    (4, "cost", _("Biaya/tarif")),
    (5, "product", _("Produk pelayanan")),
    (6, "complaints", _("Penanganan pengaduan, saran dan masukan")),
)
MANAGEMENT = (
    (7, "legal_basis", _("Dasar hukum")),
    (8, "facilities", _("Sarana, prasarana dan/atau fasilitas")),
    (9, "competence", _("Kompetensi pelaksana")),
    (10, "supervision", _("Pengawasan internal")),
    (11, "staff_count", _("Jumlah pelaksana")),
    (12, "guarantee", _("Jaminan pelayanan")),
    (13, "safety", _("Jaminan keamanan dan keselamatan pelayanan")),
    (14, "evaluation", _("Evaluasi kinerja pelaksana")),
)
COMPONENTS = DELIVERY + MANAGEMENT


def to_minutes(value, unit) -> int:
    return int(value or 0) * MINUTES_PER_UNIT.get(unit, 1)


class Service(models.Model):
    """A service a satker offers, with its service standard (14 components) and pledge."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="services", verbose_name=_("satker"))
    key = models.SlugField(_("kunci layanan"), max_length=60, help_text=_(
        "Kunci tetap layanan, sama dengan survei kepuasan (mis. permohonan-informasi)."))
    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("uraian singkat"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_published = models.BooleanField(_("terbit di halaman publik"), default=False)
    # 1–6: service delivery.
    requirements = models.TextField(_("persyaratan"), blank=True)
    procedure = models.TextField(_("sistem, mekanisme dan prosedur"), blank=True)
    time_value = models.PositiveIntegerField(_("jangka waktu"), null=True, blank=True)
    time_unit = models.CharField(_("satuan waktu"), max_length=8, choices=TimeUnit.choices,
                                 default=TimeUnit.WORKDAY)
    time_note = models.CharField(_("keterangan jangka waktu"), max_length=300, blank=True)
    is_free = models.BooleanField(_("tidak dipungut biaya"), default=True)
    cost = models.TextField(_("biaya/tarif"), blank=True)
    product = models.TextField(_("produk pelayanan"), blank=True)
    complaints = models.TextField(_("penanganan pengaduan, saran dan masukan"), blank=True)
    # 7–14: service management.
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    facilities = models.TextField(_("sarana, prasarana dan/atau fasilitas"), blank=True)
    competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    supervision = models.TextField(_("pengawasan internal"), blank=True)
    staff_count = models.CharField(_("jumlah pelaksana"), max_length=200, blank=True)
    guarantee = models.TextField(_("jaminan pelayanan"), blank=True)
    safety = models.TextField(_("jaminan keamanan dan keselamatan pelayanan"), blank=True)
    evaluation = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    publish_management = models.BooleanField(
        _("terbitkan juga komponen pengelolaan (7–14)"), default=True)
    # Channels, hours, who serves, pledge.
    offline = models.BooleanField(_("layanan luring (di kantor)"), default=True)
    online_media = models.JSONField(_("media daring"), default=list, blank=True)
    online_url = models.URLField(_("alamat layanan daring"), blank=True)
    opening_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)
    served_by = models.CharField(_("dilayani oleh"), max_length=200, blank=True)
    pledge = models.TextField(_("maklumat pelayanan"), blank=True)
    pledge_signed_by = models.CharField(_("penandatangan maklumat"), max_length=200, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ("order", "name", "pk")
        constraints = [models.UniqueConstraint(fields=("satker", "key"),
                                               name="servicestandards_unique_key")]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("servicestandards:public-service", args=[self.satker.code, self.key])

    @property
    def time_minutes(self) -> int | None:
        return to_minutes(self.time_value, self.time_unit) if self.time_value else None

    @property
    def time_display(self) -> str:
        if not self.time_value:
            return self.time_note
        text = f"{self.time_value} {TimeUnit(self.time_unit).label}"
        return f"{text} ({self.time_note})" if self.time_note else text

    @property
    def cost_display(self) -> str:
        return str(_("Gratis (tidak dipungut biaya)")) if self.is_free else self.cost

    def component_value(self, field: str) -> str:
        if field == "time_text":
            return self.time_display
        if field == "cost":
            return self.cost_display
        return getattr(self, field)

    def components(self, *, public: bool = False) -> list[tuple[int, str, str]]:
        """``(number, label, text)`` of the 14 components (1–6 only, publicly, unless the
        satker publishes management components too)."""
        shown = DELIVERY if public and not self.publish_management else COMPONENTS
        return [(n, label, self.component_value(field)) for n, field, label in shown]

    def missing_delivery(self) -> list[str]:
        """Labels of delivery components (1–6) not filled in."""
        return [str(label) for _n, field, label in DELIVERY
                if not (self.component_value(field) or "").strip()]

    def online_media_labels(self) -> list[str]:
        labels = dict(OnlineMedium.choices)
        return [str(labels[m]) for m in self.online_media if m in labels]

    @property
    def request_form_url(self) -> str:
        """The real online form of this service, where Prima has one (information requests)."""
        from .choices import ServiceKey

        if self.key == ServiceKey.INFORMATION_REQUEST:
            return reverse("inforequests:public-form", args=[self.satker.code])
        return self.online_url


class Sop(models.Model):
    """One version of the SOP of a service for one channel (PermenPANRB 35/2012)."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="sops",
                                verbose_name=_("layanan"))
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=SopStatus.choices,
                              default=SopStatus.DRAFT)
    # Identity block.
    name = models.CharField(_("nama SOP"), max_length=300)
    number = models.CharField(_("nomor SOP"), max_length=120, blank=True)
    made_on = models.DateField(_("tanggal pembuatan"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("nomor revisi"), default=0)
    revised_on = models.DateField(_("tanggal revisi"), null=True, blank=True)
    effective_on = models.DateField(_("tanggal efektif"), null=True, blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    qualifications = models.TextField(_("kualifikasi pelaksana"), blank=True)
    related_sops = models.TextField(_("keterkaitan"), blank=True)
    equipment = models.TextField(_("peralatan/perlengkapan"), blank=True)
    warnings = models.TextField(_("peringatan"), blank=True)
    records = models.TextField(_("pencatatan dan pendataan"), blank=True)
    # Approval (the head signs: position, name, NIP) with the decree (SK).
    approver_position = models.CharField(_("jabatan pengesah"), max_length=200, blank=True)
    approver_name = models.CharField(_("nama pengesah"), max_length=200, blank=True)
    approver_nip = models.CharField(_("NIP pengesah"), max_length=30, blank=True)
    decree = models.ForeignKey("organisations.Document", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", verbose_name=_("SK pengesahan"))
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    # A province's SOP offered to its kabupaten/kota to adopt.
    is_template = models.BooleanField(_("templat untuk satker di bawahnya"), default=False)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SopQuerySet.as_manager()

    class Meta:
        ordering = ("service", "channel", "-revision", "-pk")
        constraints = [
            # At most one effective version per service and channel.
            models.UniqueConstraint(fields=("service", "channel"),
                                    condition=models.Q(status="effective"),
                                    name="servicestandards_one_effective_sop"),
        ]
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_channel_display()}, rev. {self.revision})"

    @property
    def satker(self):
        return self.service.satker

    @property
    def satker_id(self) -> int:  # the audit trail files SOP events under the satker
        return self.service.satker_id

    @property
    def is_draft(self) -> bool:
        return self.status == SopStatus.DRAFT

    def total_minutes(self, steps=None) -> int:
        steps = self.steps.all() if steps is None else steps
        return sum(step.minutes for step in steps)


class SopActor(models.Model):
    """A column of the procedure table: who carries out steps (pelaksana)."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("pelaksana"), max_length=120)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.name


class SopStep(models.Model):
    """A row of the procedure table: activity, actor, quality standard and remarks."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("no"))
    activity = models.TextField(_("kegiatan"))
    actor = models.ForeignKey(SopActor, on_delete=models.PROTECT, related_name="steps",
                              verbose_name=_("pelaksana"))
    kind = models.CharField(_("simbol"), max_length=10, choices=StepKind.choices,
                            default=StepKind.PROCESS)
    # A decision continues with the next step on "ya" and goes to this step on "tidak".
    no_goto = models.PositiveSmallIntegerField(_("jika tidak, ke langkah"), null=True,
                                               blank=True)
    requirements = models.TextField(_("kelengkapan/persyaratan"), blank=True)
    time_value = models.PositiveIntegerField(_("waktu"), default=0)
    time_unit = models.CharField(_("satuan waktu"), max_length=8, choices=TimeUnit.choices,
                                 default=TimeUnit.MINUTE)
    output = models.CharField(_("output"), max_length=300, blank=True)
    remarks = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = [models.UniqueConstraint(fields=("sop", "number"),
                                               name="servicestandards_unique_step")]

    def __str__(self) -> str:
        return f"{self.number}. {self.activity}"

    @property
    def minutes(self) -> int:
        return to_minutes(self.time_value, self.time_unit)

    @property
    def time_display(self) -> str:
        if not self.time_value:
            return ""
        return f"{self.time_value} {TimeUnit(self.time_unit).label}"
