from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What is assessed; each kind has one worksheet in force per year (``worksheet_for``)."""

    RB = "rb", _("Penilaian mandiri pelaksanaan RB (PMPRB / RB General)")
    ZI = "zi", _("Lembar kerja evaluasi zona integritas")


class Status(models.TextChoices):
    DRAFT = "draft", _("Diisi satker")
    SUBMITTED = "submitted", _("Diajukan untuk verifikasi")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    FINAL = "final", _("Final")


EDITABLE = (Status.DRAFT, Status.RETURNED)


class Side(models.TextChoices):
    SELF = "self", _("Nilai mandiri")
    EVALUATOR = "evaluator", _("Nilai evaluator")


class AuditAction(models.TextChoices):
    """What the assessments app records in the audit trail (``<app>.<object>_<verb>``)."""

    ASSESSMENT_CREATED = "assessments.assessment_created", _("Penilaian mandiri dimulai")
    ANSWER_SAVED = "assessments.answer_saved", _("Jawaban lembar kerja disimpan")
    ANSWER_VERIFIED = "assessments.answer_verified", _("Jawaban evaluator disimpan")
    ANSWERS_IMPORTED = "assessments.answers_imported", _("Jawaban lembar kerja diimpor dari XLSX")
    FILE_ADDED = "assessments.file_added", _("Berkas data dukung penilaian diunggah")
    FILE_DELETED = "assessments.file_deleted", _("Berkas data dukung penilaian dihapus")
    ASSESSMENT_SUBMITTED = "assessments.assessment_submitted", _("Penilaian mandiri diajukan")
    ASSESSMENT_RETURNED = ("assessments.assessment_returned",
                           _("Butir penilaian dikembalikan untuk diperbaiki"))
    ASSESSMENT_FINALISED = "assessments.assessment_finalised", _("Penilaian ditetapkan final")
    ASSESSMENT_REOPENED = ("assessments.assessment_reopened",
                           _("Penilaian final dibuka kembali"))
    REMINDER_SENT = ("assessments.reminder_sent",
                     _("Pengingat batas pengiriman penilaian dikirim"))
