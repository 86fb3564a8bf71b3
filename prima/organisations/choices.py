from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "pusat", _("KPU RI")
    PROVINCE = "provinsi", _("KPU Provinsi")
    REGENCY = "kabkota", _("KPU Kabupaten/Kota")


class TimeZone(models.TextChoices):
    # UU 2/1987 area time zones: WIB UTC+7, WITA UTC+8, WIT UTC+9.
    WIB = "Asia/Jakarta", _("WIB")
    WITA = "Asia/Makassar", _("WITA")
    WIT = "Asia/Jayapura", _("WIT")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HEAD = "head", _("Ketua")
    SECRETARY = "secretary", _("Sekretaris")
    PPID = "ppid", _("Petugas PPID")
    ATASAN_PPID = "atasan_ppid", _("Atasan PPID")
    REFORM = "reform", _("Anggota Tim Reformasi Birokrasi")
    EVALUATOR = "evaluator", _("Evaluator")
    EMPLOYEE = "employee", _("Pegawai")


def role_choices() -> list[tuple[str, str]]:
    """Every registered staff role: the roles above plus those capabilities add (registry)."""
    from prima.core.registry import registry

    return [(code, role.label) for code, role in registry.roles().items()]


class Position(models.TextChoices):
    """Public leadership position of a person in a satker (domain kpu.md)."""

    NONE = "", _("—")
    CHAIR = "ketua", _("Ketua")
    MEMBER = "anggota", _("Anggota")
    SECRETARY = "sekretaris", _("Sekretaris")
    HEAD_OF_SECTION = "kasubbag", _("Kepala Subbagian")


class DivisionKind(models.TextChoices):
    DIVISION = "divisi", _("Divisi (komisioner)")
    SECTION = "subbagian", _("Subbagian (sekretariat)")


class DocumentKind(models.TextChoices):
    DECREE = "sk", _("Surat Keputusan (SK)")
    CIRCULAR = "se", _("Surat Edaran")
    REGULATION = "peraturan", _("Peraturan")
    MINUTES = "berita_acara", _("Berita Acara")
    LETTER = "surat", _("Surat")
    REPORT = "laporan", _("Laporan")
    OTHER = "lainnya", _("Lainnya")


class AuditAction(models.TextChoices):
    """What organisations records in the audit trail (``organisations.<object>_<verb>``)."""

    SATKER_PROFILE_UPDATED = "organisations.satker_profile_updated", _("Profil satker diubah")
    DIVISION_CREATED = "organisations.division_created", _("Divisi/subbagian ditambahkan")
    DIVISION_UPDATED = "organisations.division_updated", _("Divisi/subbagian diubah")
    DIVISION_DELETED = "organisations.division_deleted", _("Divisi/subbagian dihapus")
    DOCUMENT_UPLOADED = "organisations.document_uploaded", _("Dokumen diunggah")
