from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamRole(models.TextChoices):
    PERSON_IN_CHARGE = "penanggung_jawab", _("Penanggung jawab")
    CHAIR = "ketua", _("Ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    AREA_COORDINATOR = "koordinator_area", _("Koordinator area perubahan")
    MEMBER = "anggota", _("Anggota")
    AGENT_OF_CHANGE = "agen_perubahan", _("Agen perubahan")


class TeamStatus(models.TextChoices):
    ACTIVE = "active", _("Berlaku")
    SUPERSEDED = "superseded", _("Digantikan SK baru")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan ke pimpinan")
    APPROVED = "approved", _("Disetujui")
    RUNNING = "running", _("Berjalan")
    CLOSED = "closed", _("Ditutup")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Makin tinggi makin baik")
    LOWER = "lower", _("Makin rendah makin baik")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan untuk evaluasi")
    REVISE = "revise", _("Perlu perbaikan")
    ACCEPTED = "accepted", _("Diterima")


class ProgressState(models.TextChoices):
    ON_TRACK = "on_track", _("Sesuai rencana")
    AT_RISK = "at_risk", _("Berisiko")
    LATE = "late", _("Terlambat")
    NOT_STARTED = "not_started", _("Belum ada data")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    ANSWERED = "answered", _("Ditanggapi satker")
    CLOSED = "closed", _("Selesai")


class EventMode(models.TextChoices):
    ONLINE = "online", _("Daring")
    OFFLINE = "offline", _("Luring")
    HYBRID = "hybrid", _("Hibrida")
