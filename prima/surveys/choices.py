"""Choices of the satisfaction survey (SKM, PermenPANRB 14/2017; domain/survey-ikm.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKey(models.TextChoices):
    """Canonical service keys, shared with the servicestandards app."""

    INFORMATION_REQUEST = "permohonan-informasi", _("Permohonan informasi publik")
    DATA_REQUEST = "permohonan-data", _("Permohonan data")
    VOTER_CHECK = "cek-data-pemilih", _("Cek data pemilih")
    LEGAL_DOCUMENTS = "dokumen-hukum", _("Dokumen hukum")
    COMPLAINT = "pengaduan", _("Pengaduan")
    VISIT = "kunjungan-audiensi", _("Kunjungan dan audiensi")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Triwulan")
    SEMESTER = "semester", _("Semester")
    YEAR = "year", _("Tahun")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")


class Channel(models.TextChoices):
    """How a response arrived (every response records its channel)."""

    LINK = "link", _("Tautan")
    KIOSK = "kiosk", _("Kode QR / kios layanan")
    INVITATION = "invitation", _("Undangan surel")
    PAPER = "paper", _("Kuesioner kertas")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    SD = "SD", _("SD")
    SMP = "SMP", _("SMP")
    SMA = "SMA", _("SMA")
    DIPLOMA = "D1-D3", _("D1–D3")
    BACHELOR = "D4/S1", _("D4/S1")
    MASTER = "S2", _("S2")
    DOCTOR = "S3", _("S3")


class Job(models.TextChoices):
    CIVIL_SERVANT = "PNS", _("PNS")
    MILITARY = "TNI", _("TNI")
    POLICE = "POLRI", _("POLRI")
    PRIVATE = "Swasta", _("Swasta")
    ENTREPRENEUR = "Wirausaha", _("Wirausaha")
    OTHER = "Lainnya", _("Lainnya")


class AgeGroup(models.TextChoices):
    """Age bands of the respondent profile in the report."""

    UNDER_20 = "<20", _("di bawah 20 tahun")
    TWENTIES = "20-29", _("20–29 tahun")
    THIRTIES = "30-39", _("30–39 tahun")
    FORTIES = "40-49", _("40–49 tahun")
    FIFTY_PLUS = "50+", _("50 tahun ke atas")


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")


class Category(models.TextChoices):
    """Mutu pelayanan (PermenPANRB 14/2017) with the unit's performance (kinerja unit)."""

    A = "A", _("A (Sangat baik)")
    B = "B", _("B (Baik)")
    C = "C", _("C (Kurang baik)")
    D = "D", _("D (Tidak baik)")


class AuditAction(models.TextChoices):
    """What the surveys app records in the audit trail (``<app>.<object>_<verb>``)."""

    SURVEY_CREATED = "surveys.survey_created", _("Survei kepuasan masyarakat dibuat")
    SURVEY_UPDATED = "surveys.survey_updated", _("Survei kepuasan masyarakat diubah")
    SURVEY_OPENED = "surveys.survey_opened", _("Survei kepuasan masyarakat dibuka")
    SURVEY_CLOSED = "surveys.survey_closed", _("Survei kepuasan masyarakat ditutup")
    PAPER_ENTERED = "surveys.paper_entered", _("Kuesioner kertas dimasukkan petugas")
    FOLLOWUP_CREATED = "surveys.followup_created", _("Rencana tindak lanjut survei dibuat")
    FOLLOWUP_UPDATED = "surveys.followup_updated", _("Progres tindak lanjut survei diperbarui")
