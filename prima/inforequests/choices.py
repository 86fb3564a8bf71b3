"""States and kinds of public information requests (UU 14/2008, PP 61/2010, Perki 1/2021)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring")
    API = "api", _("API")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Surat")
    PHONE = "phone", _("Telepon")
    WALK_IN = "walk_in", _("Datang langsung")


OFFLINE_CHANNELS = (Channel.EMAIL, Channel.LETTER, Channel.PHONE, Channel.WALK_IN)


class RequesterKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Perorangan")
    ENTITY = "entity", _("Badan hukum")
    GROUP = "group", _("Kelompok orang")
    PROXY = "proxy", _("Kuasa")


class ObtainMethod(models.TextChoices):
    # Perki 1/2021: melihat/membaca/mendengarkan/mencatat, or get a copy.
    VIEW = "view", _("Melihat / membaca / mendengarkan / mencatat")
    COPY = "copy", _("Mendapatkan salinan")


class CopyForm(models.TextChoices):
    SOFT = "soft", _("Salinan elektronik (soft copy)")
    HARD = "hard", _("Salinan cetak (hard copy)")


class DeliveryMethod(models.TextChoices):
    DOWNLOAD = "download", _("Tautan unduhan pribadi")
    EMAIL = "email", _("Email")
    PICK_UP = "pick_up", _("Mengambil langsung")
    COURIER = "courier", _("Kurir")
    POST = "post", _("Pos")
    FAX = "fax", _("Faksimili")


class HandoverMethod(models.TextChoices):
    """How information was handed over without a file upload (domain "Deadlines": delivery
    follows the notice, with a proof of handover)."""

    HARD_COPY = "hard_copy", _("Salinan cetak diserahkan")
    VIEWED = "viewed", _("Informasi dilihat/dibaca di kantor")
    PICKED_UP = "picked_up", _("Salinan diambil di kantor")


class HandoverConfirmation(models.TextChoices):
    SIGNATURE = "signature", _("Ditandatangani pemohon pada tanda terima")
    ATTESTATION = "attestation", _("Dinyatakan oleh petugas")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Terdaftar")
    CLARIFICATION = "clarification", _("Menunggu klarifikasi pemohon")
    IN_PROGRESS = "in_progress", _("Diproses")
    DECIDED = "decided", _("Pemberitahuan tertulis terbit")
    DELIVERED = "delivered", _("Informasi diserahkan")
    CLOSED = "closed", _("Selesai")
    WITHDRAWN = "withdrawn", _("Ditarik pemohon")


OPEN_STATUSES = (Status.REGISTERED, Status.CLARIFICATION, Status.IN_PROGRESS)


class Decision(models.TextChoices):
    GRANTED = "granted", _("Diberikan seluruhnya")
    GRANTED_IN_PART = "granted_in_part", _("Diberikan sebagian")
    REFUSED = "refused", _("Ditolak (informasi dikecualikan)")
    NOT_HELD = "not_held", _("Tidak dikuasai")
    NOT_DOCUMENTED = "not_documented", _("Belum didokumentasikan")
    WITHDRAWN = "withdrawn", _("Ditarik pemohon")


GIVEN_DECISIONS = (Decision.GRANTED, Decision.GRANTED_IN_PART)
# UU 14/2008 Pasal 17 jo. 19 and Pasal 22(7) c, e: withholding any part of the information (a
# refusal, or a grant in part) names the Pasal 17 letter and rests on a consequence test.
EXEMPTING_DECISIONS = (Decision.REFUSED, Decision.GRANTED_IN_PART)


class Exemption(models.TextChoices):
    """UU 14/2008 Pasal 17 letters a–j."""

    A = "a", _("Pasal 17 huruf a: menghambat proses penegakan hukum")
    B = "b", _("Pasal 17 huruf b: mengganggu perlindungan HKI dan persaingan usaha sehat")
    C = "c", _("Pasal 17 huruf c: membahayakan pertahanan dan keamanan negara")
    D = "d", _("Pasal 17 huruf d: mengungkapkan kekayaan alam Indonesia")
    E = "e", _("Pasal 17 huruf e: merugikan ketahanan ekonomi nasional")
    F = "f", _("Pasal 17 huruf f: merugikan kepentingan hubungan luar negeri")
    G = "g", _("Pasal 17 huruf g: mengungkap isi akta otentik pribadi atau wasiat")
    H = "h", _("Pasal 17 huruf h: mengungkap rahasia pribadi")
    I = "i", _("Pasal 17 huruf i: memorandum antar/intra badan publik yang dirahasiakan")  # noqa: E741
    J = "j", _("Pasal 17 huruf j: informasi yang tidak boleh diungkap berdasarkan undang-undang")


class ObjectionGround(models.TextChoices):
    """UU 14/2008 Pasal 35(1) letters a–g."""

    A = "a", _("Permohonan informasi ditolak berdasarkan alasan pengecualian Pasal 17")
    B = "b", _("Informasi berkala tidak disediakan")
    C = "c", _("Permintaan informasi tidak ditanggapi")
    D = "d", _("Permintaan informasi ditanggapi tidak sebagaimana yang diminta")
    E = "e", _("Permintaan informasi tidak dipenuhi")
    F = "f", _("Pengenaan biaya yang tidak wajar")
    G = "g", _("Penyampaian informasi melebihi waktu yang diatur")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Terdaftar")
    DECIDED = "decided", _("Diputus atasan PPID")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Keberatan diterima (informasi diberikan)")
    UPHELD_IN_PART = "upheld_in_part", _("Keberatan diterima sebagian")
    REJECTED = "rejected", _("Keberatan ditolak (menguatkan putusan PPID)")


class DisputeOutcome(models.TextChoices):
    PENDING = "pending", _("Dalam proses")
    MEDIATED = "mediated", _("Mediasi berhasil")
    GRANTED = "granted", _("Putusan: informasi dibuka")
    PARTLY_GRANTED = "partly_granted", _("Putusan: dibuka sebagian")
    REJECTED = "rejected", _("Putusan: permohonan ditolak")
    WITHDRAWN = "withdrawn", _("Dicabut")


class InformationClass(models.TextChoices):
    """UU 14/2008 Pasal 9, 10, 11 and 17."""

    PERIODIC = "berkala", _("Berkala")
    IMMEDIATE = "serta_merta", _("Serta-merta")
    ON_REQUEST = "setiap_saat", _("Setiap saat")
    EXEMPT = "dikecualikan", _("Dikecualikan")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Permohonan terdaftar")
    ASSIGNED = "assigned", _("Petugas ditugaskan")
    NOTE = "note", _("Catatan internal")
    CLARIFICATION_ASKED = "clarification_asked", _("Permintaan klarifikasi")
    CLARIFICATION_ANSWERED = "clarification_answered", _("Klarifikasi dijawab")
    EXTENDED = "extended", _("Jangka waktu diperpanjang")
    DECIDED = "decided", _("Pemberitahuan tertulis diterbitkan")
    FILE_ADDED = "file_added", _("Berkas disiapkan")
    DELIVERED = "delivered", _("Informasi diserahkan")
    DOWNLOADED = "downloaded", _("Berkas diunduh pemohon")
    WITHDRAWN = "withdrawn", _("Permohonan ditarik")
    OBJECTION_FILED = "objection_filed", _("Keberatan diajukan")
    OBJECTION_DECIDED = "objection_decided", _("Keberatan diputus")
    DISPUTE_RECORDED = "dispute_recorded", _("Sengketa dicatat")
    REMINDER = "reminder", _("Pengingat tenggat")


class AuditAction(models.TextChoices):
    """What the audit trail records for information requests (read as sentences on the audit
    page); services pass these as ``action``."""

    REQUEST_REGISTERED = "inforequests.request_registered", _("Permohonan informasi didaftarkan")
    PERSONAL_DATA_ANONYMISED = "inforequests.personal_data_anonymised", _(
        "Data pribadi pemohon dianonimkan setelah masa retensi")
    ANSWER_PUBLISHED = "inforequests.answer_published", _(
        "Jawaban permohonan dipublikasikan di register")
    TRACKING_LINK_RESENT = "inforequests.tracking_link_resent", _(
        "Tautan pelacakan dikirim ulang kepada pemohon")
    REQUEST_ASSIGNED = "inforequests.request_assigned", _("Petugas permohonan ditugaskan")
    NOTE_ADDED = "inforequests.note_added", _("Catatan internal permohonan ditambahkan")
    CLARIFICATION_ASKED = "inforequests.clarification_asked", _(
        "Klarifikasi diminta kepada pemohon")
    CLARIFICATION_ANSWERED = "inforequests.clarification_answered", _(
        "Jawaban klarifikasi pemohon dicatat")
    REQUEST_EXTENDED = "inforequests.request_extended", _(
        "Jangka waktu permohonan diperpanjang")
    REQUEST_DECIDED = "inforequests.request_decided", _("Permohonan informasi diputus")
    NOTICE_ISSUED = "inforequests.notice_issued", _("Pemberitahuan tertulis diterbitkan")
    FILE_ADDED = "inforequests.file_added", _("Berkas untuk pemohon disiapkan")
    REQUEST_DELIVERED = "inforequests.request_delivered", _("Informasi diserahkan kepada pemohon")
    HANDOVER_RECORDED = "inforequests.handover_recorded", _(
        "Tanda terima penyerahan informasi dicatat")
    REQUEST_WITHDRAWN = "inforequests.request_withdrawn", _("Permohonan informasi ditarik")
    OBJECTION_FILED = "inforequests.objection_filed", _("Keberatan diajukan")
    OBJECTION_DECIDED = "inforequests.objection_decided", _("Keberatan diputus atasan PPID")
    REQUESTER_RESPONSE_RECORDED = "inforequests.requester_response_recorded", _(
        "Tanggapan pemohon atas putusan keberatan dicatat")
    DISPUTE_RECORDED = "inforequests.dispute_recorded", _(
        "Sengketa di Komisi Informasi dicatat")
    REPORT_NOTES_SAVED = "inforequests.report_notes_saved", _(
        "Kendala dan rekomendasi laporan tahunan disimpan")
    CONSEQUENCE_TEST_CREATED = "inforequests.consequence_test_created", _(
        "Uji konsekuensi dicatat")
    DIP_ENTRY_CREATED = "inforequests.dip_entry_created", _(
        "Entri Daftar Informasi Publik ditambahkan")
    DIP_ENTRY_UPDATED = "inforequests.dip_entry_updated", _(
        "Entri Daftar Informasi Publik diubah")
    DIP_ENTRY_DELETED = "inforequests.dip_entry_deleted", _(
        "Entri Daftar Informasi Publik dihapus")

