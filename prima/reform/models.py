"""Reform management (PermenPANRB 26/2020): teams by decree, yearly action plans with success
indicators, quarterly progress with evidence, evaluation by the level above, socialisation
events."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import (
    Direction,
    EventMode,
    PlanStatus,
    RealisationSource,
    RecommendationStatus,
    ReportStatus,
    TeamRole,
    TeamStatus,
)

USER = settings.AUTH_USER_MODEL
SATKER = "organisations.Satker"
DOCUMENT = "organisations.Document"


class Regime(models.Model):
    """A bureaucratic-reform rule set (e.g. PermenPANRB 26/2020) with its areas of change."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("regulasi RB")
        verbose_name_plural = _("regulasi RB")

    def __str__(self):
        return self.name


class AreaOfChange(models.Model):
    """One area of change (area perubahan) of a regime; the list is data, not code."""

    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="areas")
    number = models.PositiveSmallIntegerField(_("nomor"))
    name = models.CharField(_("nama"), max_length=200)
    # The area's name in English (data, like the name: a regime's areas are not code).
    name_en = models.CharField(_("nama (bahasa Inggris)"), max_length=200, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["regime", "number"]
        verbose_name = _("area perubahan")
        verbose_name_plural = _("area perubahan")
        constraints = [models.UniqueConstraint(fields=["regime", "number"],
                                               name="area_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def display_name(self) -> str:
        """The name in the language of the page (English when one is recorded)."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class ReformTeam(models.Model):
    """The reform team of a satker for a period, established by a decree (SK)."""

    satker = models.ForeignKey(SATKER, on_delete=models.PROTECT, related_name="reform_teams")
    name = models.CharField(_("nama tim"), max_length=200,
                            default="Tim Reformasi Birokrasi")
    decree = models.ForeignKey(DOCUMENT, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("SK pembentukan"))
    period_start = models.DateField(_("masa tugas mulai"))
    period_end = models.DateField(_("masa tugas sampai"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TeamStatus.choices,
                              default=TeamStatus.ACTIVE)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="superseded_by",
                                      verbose_name=_("menggantikan tim"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["satker", "-period_start"]
        verbose_name = _("tim reformasi birokrasi")
        verbose_name_plural = _("tim reformasi birokrasi")

    def __str__(self):
        return f"{self.name} {self.satker} ({self.period_start:%Y})"


class TeamMember(models.Model):
    team = models.ForeignKey(ReformTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="reform_team_memberships")
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    role = models.CharField(_("peran dalam tim"), max_length=20, choices=TeamRole.choices)
    area = models.ForeignKey(AreaOfChange, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("area perubahan"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["team", "order", "id"]
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class ActionPlan(models.Model):
    """The yearly action plan (rencana aksi) of a satker, or a province's template plan."""

    satker = models.ForeignKey(SATKER, on_delete=models.PROTECT, related_name="action_plans")
    year = models.PositiveSmallIntegerField(_("tahun"))
    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("judul"), max_length=300)
    decree = models.ForeignKey(DOCUMENT, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("SK penetapan"))
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT, db_index=True)
    is_template = models.BooleanField(
        _("templat untuk satker di bawahnya"), default=False,
        help_text=_("Templat KPU Provinsi dapat diadopsi dan disesuaikan KPU Kabupaten/Kota."))
    is_published = models.BooleanField(_("tampil di halaman publik"), default=False)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="copies", verbose_name=_("disalin dari"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["satker", "-year"]
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        constraints = [
            models.UniqueConstraint(fields=["satker", "year"],
                                    condition=models.Q(is_template=False),
                                    name="plan_unique_satker_year"),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.title} ({self.satker}, {self.year})"


class Programme(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="programmes")
    area = models.ForeignKey(AreaOfChange, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("area perubahan"))
    name = models.CharField(_("program"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "area__number", "order", "id"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self):
        return self.name


class Activity(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="activities")
    name = models.CharField(_("kegiatan"), max_length=300)
    output = models.CharField(_("keluaran (output)"), max_length=300)
    owner_division = models.ForeignKey("organisations.Division", on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("penanggung jawab (unit)"))
    owner_person = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("penanggung jawab (orang)"))
    quarters = models.JSONField(_("jadwal (triwulan)"), default=list)  # e.g. [1, 2]
    budget = models.DecimalField(_("anggaran (Rp)"), max_digits=16, decimal_places=2,
                                 default=0)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A success indicator (indikator keberhasilan) of an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indikator keberhasilan"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=60)
    direction = models.CharField(_("arah"), max_length=8, choices=Direction.choices,
                                 default=Direction.HIGHER)
    baseline = models.DecimalField(_("nilai dasar"), max_digits=16, decimal_places=4,
                                   null=True, blank=True)
    target = models.DecimalField(_("target tahunan"), max_digits=16, decimal_places=4)
    target_q1 = models.DecimalField(_("target TW I"), max_digits=16, decimal_places=4,
                                    null=True, blank=True)
    target_q2 = models.DecimalField(_("target TW II"), max_digits=16, decimal_places=4,
                                    null=True, blank=True)
    target_q3 = models.DecimalField(_("target TW III"), max_digits=16, decimal_places=4,
                                    null=True, blank=True)
    target_q4 = models.DecimalField(_("target TW IV"), max_digits=16, decimal_places=4,
                                    null=True, blank=True)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(default=0)
    # The realisation may be the satker's IKM of the quarter (prima.surveys.ikm.satker_ikm).
    source = models.CharField(_("sumber realisasi"), max_length=8,
                              choices=RealisationSource.choices,
                              default=RealisationSource.TYPED)

    class Meta:
        ordering = ["activity", "order", "id"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")

    def __str__(self):
        return self.name

    def quarter_target(self, quarter: int):
        return getattr(self, f"target_q{quarter}")


class ProgressReport(models.Model):
    """The quarterly progress report (laporan monitoring) of an action plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT, db_index=True)
    narrative = models.TextField(_("uraian capaian"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True)
    follow_up = models.TextField(_("rencana tindak lanjut"), blank=True)
    due_date = models.DateField(_("batas penyampaian"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["plan", "quarter"]
        verbose_name = _("laporan kemajuan")
        verbose_name_plural = _("laporan kemajuan")
        constraints = [models.UniqueConstraint(fields=["plan", "quarter"],
                                               name="report_unique_quarter"),
                       models.CheckConstraint(condition=models.Q(quarter__gte=1,
                                                                 quarter__lte=4),
                                              name="report_quarter_1_4")]

    def __str__(self):
        return f"{self.plan} TW {self.quarter}"


class Realisation(models.Model):
    """The realisation of one indicator in one quarterly report."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="realisations")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="realisations")
    value = models.DecimalField(_("realisasi"), max_digits=16, decimal_places=4, null=True,
                                blank=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        ordering = ["report", "indicator"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"],
                                               name="realisation_unique")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


def evidence_upload_to(instance, filename):
    return f"reform/{instance.report.plan.satker.code}/{instance.report.plan.year}/" \
           f"{instance.sha256}"


class Evidence(models.Model):
    """Data dukung: an uploaded file, or a link to a record already in Prima."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="evidence")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="evidence")
    title = models.CharField(_("judul"), max_length=300)
    file = models.FileField(upload_to=evidence_upload_to, max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    url = models.URLField(_("tautan"), blank=True)
    # A record already in Prima (a document, an SOP, a dataset, a survey, an event).
    linked_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+")
    linked_id = models.CharField(max_length=64, blank=True)
    linked_object = GenericForeignKey("linked_type", "linked_id")
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("data dukung")
        verbose_name_plural = _("data dukung")

    def __str__(self):
        return self.title


class ReviewComment(models.Model):
    """An evaluator's comment on a report or one of its indicators, with the satker's answer
    kept beside it."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="comments")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="comments")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("komentar"))
    is_evaluator = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("tanggapan satker"), blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("komentar evaluasi")
        verbose_name_plural = _("komentar evaluasi")

    def __str__(self):
        return self.text[:60]


class Recommendation(models.Model):
    """A follow-up recommendation from the evaluator, with deadline and the satker's answer."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="recommendations")
    text = models.TextField(_("rekomendasi"))
    deadline = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=16,
                              choices=RecommendationStatus.choices,
                              default=RecommendationStatus.OPEN, db_index=True)
    response = models.TextField(_("tanggapan satker"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rekomendasi tindak lanjut")
        verbose_name_plural = _("rekomendasi tindak lanjut")

    def __str__(self):
        return self.text[:60]


class SocialisationEvent(models.Model):
    """A socialisation or learning event (e.g. a weekly online session of the province)."""

    organiser = models.ForeignKey(SATKER, on_delete=models.PROTECT,
                                  related_name="socialisation_events",
                                  verbose_name=_("penyelenggara"))
    title = models.CharField(_("judul"), max_length=300)
    series = models.CharField(_("seri kegiatan"), max_length=200, blank=True,
                              help_text=_("Mis. Rabu Ingin Tahu"))
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("mulai"), null=True, blank=True)
    mode = models.CharField(_("bentuk"), max_length=8, choices=EventMode.choices)
    location = models.CharField(_("tempat / tautan"), max_length=500, blank=True)
    speakers = models.TextField(_("narasumber"), blank=True)
    description = models.TextField(_("uraian"), blank=True)
    area = models.ForeignKey(AreaOfChange, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("area perubahan"))
    materials = models.ManyToManyField(DOCUMENT, blank=True, related_name="+",
                                       verbose_name=_("materi"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kegiatan sosialisasi")
        verbose_name_plural = _("kegiatan sosialisasi")

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"


class EventParticipant(models.Model):
    event = models.ForeignKey(SocialisationEvent, on_delete=models.CASCADE,
                              related_name="participants")
    satker = models.ForeignKey(SATKER, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    attended = models.BooleanField(_("hadir"), default=False)

    class Meta:
        ordering = ["event", "satker__code", "name"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")

    def __str__(self):
        return self.name
