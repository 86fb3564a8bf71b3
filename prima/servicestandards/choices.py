from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKey(models.TextChoices):
    """Canonical service keys, shared with the surveys app (a satker may add others)."""

    INFORMATION_REQUEST = "permohonan-informasi", _("Permohonan informasi publik")
    DATA_REQUEST = "permohonan-data", _("Permohonan data")
    VOTER_DATA_CHECK = "cek-data-pemilih", _("Pengecekan data pemilih")
    LEGAL_DOCUMENT = "dokumen-hukum", _("Permohonan dokumen hukum")
    COMPLAINT = "pengaduan", _("Pengaduan")
    VISIT = "kunjungan-audiensi", _("Kunjungan dan audiensi")


class Channel(models.TextChoices):
    """Service channels (service-standards.md): offline at the office, online otherwise."""

    OFFLINE = "luring", _("Luring (di kantor)")
    ONLINE = "daring", _("Daring (web, email, telepon, chat)")


class OnlineMedium(models.TextChoices):
    WEB = "web", _("Situs web")
    EMAIL = "email", _("Email")
    PHONE = "telepon", _("Telepon")
    CHAT = "chat", _("Pesan singkat/chat")


class TimeUnit(models.TextChoices):
    MINUTE = "menit", _("menit")
    HOUR = "jam", _("jam")
    WORKDAY = "hari", _("hari kerja")


# Minutes per unit when step times are summed and compared with the standard's time. A working
# day counts as 8 working hours (the KPU office day, 07.30–16.00 less the break).
MINUTES_PER_UNIT = {TimeUnit.MINUTE: 1, TimeUnit.HOUR: 60, TimeUnit.WORKDAY: 8 * 60}


class SopStatus(models.TextChoices):
    """SOP versions (service-standards.md): draft → approved → effective → superseded."""

    DRAFT = "draft", _("Draf")
    APPROVED = "approved", _("Disahkan")
    EFFECTIVE = "effective", _("Berlaku")
    SUPERSEDED = "superseded", _("Tidak berlaku (diganti)")


class StepKind(models.TextChoices):
    """Flowchart symbols of PermenPANRB 35/2012 a step is drawn with."""

    START = "start", _("Mulai (terminator)")
    PROCESS = "process", _("Proses")
    DECISION = "decision", _("Keputusan (ya/tidak)")
    END = "end", _("Selesai (terminator)")


class AuditAction(models.TextChoices):
    SERVICE_CREATED = "servicestandards.service_created", _("Layanan ditambahkan")
    SERVICE_UPDATED = "servicestandards.service_updated", _("Standar pelayanan diubah")
    SERVICE_PUBLISHED = "servicestandards.service_published", _("Layanan diterbitkan")
    SERVICE_UNPUBLISHED = "servicestandards.service_unpublished", _(
        "Layanan ditarik dari halaman publik")
    SOP_CREATED = "servicestandards.sop_created", _("SOP dibuat")
    SOP_UPDATED = "servicestandards.sop_updated", _("Identitas SOP diubah")
    SOP_STEPS_UPDATED = "servicestandards.sop_steps_updated", _("Langkah SOP diubah")
    SOP_APPROVED = "servicestandards.sop_approved", _("SOP disahkan")
    SOP_EFFECTIVE = "servicestandards.sop_effective", _("SOP diberlakukan")
    SOP_SUPERSEDED = "servicestandards.sop_superseded", _("SOP diganti versi baru")
    SOP_REVISED = "servicestandards.sop_revised", _("Revisi SOP dibuat")
    SOP_DISCARDED = "servicestandards.sop_discarded", _("Draf SOP dibuang")
    SOP_TEMPLATE_SET = "servicestandards.sop_template_set", _("SOP ditawarkan sebagai templat")
    SOP_ADOPTED = "servicestandards.sop_adopted", _("Templat SOP diadopsi")
