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


class RealisationSource(models.TextChoices):
    """Where an indicator's quarterly realisation comes from."""

    TYPED = "typed", _("Diisi dalam laporan")
    IKM = "ikm", _("IKM survei kepuasan masyarakat triwulan itu")


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
    # A due quarter without a submitted report (reform-evaluation.md: progress is reported
    # every quarter): never "on track", whatever the last figure says.
    NOT_REPORTED = "not_reported", _("Belum melapor")
    REPORT_LATE = "report_late", _("Terlambat melapor")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    ANSWERED = "answered", _("Ditanggapi satker")
    CLOSED = "closed", _("Selesai")


class EventMode(models.TextChoices):
    ONLINE = "online", _("Daring")
    OFFLINE = "offline", _("Luring")
    HYBRID = "hybrid", _("Hibrida")


class AuditAction(models.TextChoices):
    """What the reform app records in the audit trail (``<app>.<object>_<verb>``); each label
    reads as a sentence on the audit page."""

    TEAM_ESTABLISHED = "reform.team_established", _("Tim reformasi birokrasi ditetapkan")
    TEAM_SUPERSEDED = "reform.team_superseded", _("Tim reformasi birokrasi digantikan SK baru")
    TEAM_MEMBER_ADDED = "reform.team_member_added", _("Anggota tim reformasi ditambahkan")
    TEAM_MEMBER_UPDATED = "reform.team_member_updated", _("Data anggota tim reformasi diubah")
    TEAM_MEMBER_REMOVED = "reform.team_member_removed", _("Anggota tim reformasi dikeluarkan")
    PLAN_CREATED = "reform.plan_created", _("Rencana aksi dibuat")
    PLAN_COPIED = "reform.plan_copied", _("Rencana aksi disalin dari rencana aksi sebelumnya")
    TEMPLATE_ADOPTED = "reform.template_adopted", _("Templat rencana aksi diadopsi")
    PROGRAMME_CREATED = "reform.programme_created", _("Program rencana aksi ditambahkan")
    PROGRAMME_UPDATED = "reform.programme_updated", _("Program rencana aksi diubah")
    PROGRAMME_DELETED = "reform.programme_deleted", _("Program rencana aksi dihapus")
    ACTIVITY_CREATED = "reform.activity_created", _("Kegiatan rencana aksi ditambahkan")
    ACTIVITY_UPDATED = "reform.activity_updated", _("Kegiatan rencana aksi diubah")
    ACTIVITY_DELETED = "reform.activity_deleted", _("Kegiatan rencana aksi dihapus")
    INDICATOR_CREATED = "reform.indicator_created", _("Indikator keberhasilan ditambahkan")
    INDICATOR_UPDATED = "reform.indicator_updated", _("Indikator keberhasilan diubah")
    INDICATOR_DELETED = "reform.indicator_deleted", _("Indikator keberhasilan dihapus")
    PLAN_SUBMITTED = "reform.plan_submitted", _("Rencana aksi diajukan")
    PLAN_RETURNED = "reform.plan_returned", _("Rencana aksi dikembalikan menjadi draf")
    PLAN_RETURN_REASON_RECORDED = ("reform.plan_return_reason_recorded",
                                   _("Alasan pengembalian rencana aksi dicatat"))
    PLAN_APPROVED = "reform.plan_approved", _("Rencana aksi disetujui")
    PLAN_STARTED = "reform.plan_started", _("Rencana aksi mulai berjalan")
    PLAN_CLOSED = "reform.plan_closed", _("Rencana aksi ditutup")
    PLAN_PUBLISHED = "reform.plan_published", _("Rencana aksi ditampilkan di halaman publik")
    PLAN_UNPUBLISHED = ("reform.plan_unpublished",
                        _("Rencana aksi tidak lagi ditampilkan di halaman publik"))
    REPORT_SAVED = "reform.report_saved", _("Laporan kemajuan disimpan")
    REPORT_SUBMITTED = "reform.report_submitted", _("Laporan kemajuan diajukan untuk evaluasi")
    REPORT_ACCEPTED = "reform.report_accepted", _("Laporan kemajuan diterima evaluator")
    REPORT_REVISION_REQUESTED = ("reform.report_revision_requested",
                                 _("Laporan kemajuan dikembalikan untuk diperbaiki"))
    EVIDENCE_ADDED = "reform.evidence_added", _("Data dukung ditambahkan")
    EVIDENCE_DELETED = "reform.evidence_deleted", _("Data dukung dihapus")
    COMMENT_ANSWERED = "reform.comment_answered", _("Komentar evaluator ditanggapi satker")
    RECOMMENDATION_ANSWERED = "reform.recommendation_answered", _("Rekomendasi ditanggapi satker")
    RECOMMENDATION_CLOSED = "reform.recommendation_closed", _("Rekomendasi ditandai selesai")
    EVENT_CREATED = "reform.event_created", _("Kegiatan sosialisasi dibuat")
    EVENT_UPDATED = "reform.event_updated", _("Kegiatan sosialisasi diubah")
    EVENT_DELETED = "reform.event_deleted", _("Kegiatan sosialisasi dihapus")
    EVENT_ATTENDANCE_SET = ("reform.event_attendance_set",
                            _("Daftar hadir kegiatan sosialisasi disimpan"))
    REMINDER_SENT = "reform.reminder_sent", _("Pengingat reformasi birokrasi dikirim")

