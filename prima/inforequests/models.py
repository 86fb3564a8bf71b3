"""Public information requests and everything on their record (UU 14/2008, Perki 1/2021)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    Channel,
    CopyForm,
    Decision,
    DeliveryMethod,
    DisputeOutcome,
    EventKind,
    Exemption,
    HandoverConfirmation,
    HandoverMethod,
    InformationClass,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    RequesterKind,
    Status,
)
from .querysets import InformationRequestQuerySet, ObjectionQuerySet

USER = settings.AUTH_USER_MODEL


class InformationRequest(models.Model):
    """A request for public information to one satker, from any channel."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="information_requests", verbose_name=_("satker"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor pendaftaran"), max_length=64, unique=True)
    channel = models.CharField(_("saluran"), max_length=16, choices=Channel.choices)

    # Requester (personal data: NIK, address and phone are masked for everyone but PPID staff).
    requester_kind = models.CharField(_("jenis pemohon"), max_length=16,
                                      choices=RequesterKind.choices)
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    entity_number = models.CharField(_("nomor akta/SK badan hukum"), max_length=120, blank=True)
    address = models.TextField(_("alamat"))
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=120, blank=True)

    information_requested = models.TextField(_("rincian informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"))
    obtain_method = models.CharField(_("cara memperoleh informasi"), max_length=16,
                                     choices=ObtainMethod.choices)
    copy_form = models.CharField(_("bentuk salinan"), max_length=8, choices=CopyForm.choices,
                                 blank=True)
    delivery_method = models.CharField(_("cara mendapatkan salinan"), max_length=16,
                                       choices=DeliveryMethod.choices, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.REGISTERED, db_index=True)
    received_at = models.DateTimeField(_("diterima pada"))
    received_on = models.DateField(_("tanggal penerimaan (hari ke-0)"))
    due_date = models.DateField(_("batas waktu pemberitahuan"), db_index=True)
    due_rule = models.TextField(_("dasar perhitungan batas waktu"), blank=True)
    extended_at = models.DateTimeField(_("diperpanjang pada"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("lama perpanjangan (hari kerja)"),
                                                      null=True, blank=True)
    extension_reasons = models.TextField(_("alasan perpanjangan"), blank=True)
    decision = models.CharField(_("keputusan"), max_length=16, choices=Decision.choices,
                                blank=True)
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("diserahkan pada"), null=True, blank=True)
    # Every deadline keeps its rule (domain "Deadlines"): the delivery deadline of granted
    # information, set with the written notice.
    delivery_due_date = models.DateField(_("batas waktu penyerahan"), null=True, blank=True)
    delivery_due_rule = models.TextField(_("dasar batas waktu penyerahan"), blank=True)
    costs = models.DecimalField(_("biaya"), max_digits=12, decimal_places=2, default=0)
    remarks = models.TextField(_("keterangan"), blank=True)

    assigned_to = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="assigned_requests",
                                    verbose_name=_("petugas"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dicatat oleh"))
    tracking_secret_hash = models.CharField(max_length=64, editable=False)
    # The response published on the public register when the information given is public.
    published_answer = models.TextField(_("jawaban yang dipublikasikan"), blank=True)
    answer_published_at = models.DateTimeField(_("jawaban dipublikasikan"), null=True,
                                               blank=True)
    # UU 27/2022: personal data erased after the retention period (services.retention).
    anonymised_at = models.DateTimeField(_("data pribadi dianonimkan"), null=True, blank=True)
    is_published = models.BooleanField(
        _("tampil di register publik"), default=True,
        help_text=_("Register publik tidak pernah memuat data pribadi pemohon."))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        constraints = [
            models.UniqueConstraint(fields=["satker", "year", "sequence"],
                                    name="inforequest_unique_sequence"),
        ]
        indexes = [models.Index(fields=["satker", "status", "due_date"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("inforequests:staff-detail", args=[self.number_slug])

    @property
    def number_slug(self) -> str:
        return self.number.replace("/", "-")

    @property
    def is_open(self) -> bool:
        return self.status in {Status.REGISTERED, Status.CLARIFICATION, Status.IN_PROGRESS}

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None


def attachment_upload_to(instance, filename):
    return (f"inforequests/{instance.request.satker.code}/{instance.request.year}/"
            f"attachments/{instance.sha256}")


class RequestAttachment(models.Model):
    """A file the requester sent with the request (power of attorney, ID scan)."""

    class Kind(models.TextChoices):
        POWER_OF_ATTORNEY = "power_of_attorney", _("Surat kuasa")
        IDENTITY = "identity", _("Kartu identitas")
        OTHER = "other", _("Lainnya")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="attachments")
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    file = models.FileField(upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class RequestEvent(models.Model):
    """One step on the request's timeline; public events are shown to the requester."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="events")
    kind = models.CharField(_("jenis"), max_length=32, choices=EventKind.choices)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    is_public = models.BooleanField(_("terlihat pemohon"), default=True)
    text = models.TextField(_("keterangan"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class ConsequenceTest(models.Model):
    """Uji konsekuensi (UU 14/2008 Pasal 17 jo. Pasal 19): the record behind an exemption."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="consequence_tests")
    title = models.CharField(_("informasi/dokumen"), max_length=300)
    exempt_content = models.TextField(_("bagian yang dikecualikan"))
    exemption = models.CharField(_("dasar pengecualian"), max_length=1,
                                 choices=Exemption.choices)
    legal_basis = models.TextField(_("dasar hukum lain"), blank=True)
    harm = models.TextField(_("akibat yang timbul bila dibuka"))
    public_interest = models.TextField(_("pertimbangan kepentingan publik"))
    conclusion = models.TextField(_("kesimpulan"))
    exempt_until = models.DateField(_("dikecualikan sampai"), null=True, blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan"), default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("uji konsekuensi")
        verbose_name_plural = _("uji konsekuensi")

    def __str__(self):
        return f"{self.title} ({self.get_exemption_display()})"


def notice_upload_to(instance, filename):
    return f"inforequests/{instance.request.satker.code}/{instance.request.year}/notices/{filename}"


class Notice(models.Model):
    """The written notice (pemberitahuan tertulis), UU 14/2008 Pasal 22(7)."""

    request = models.OneToOneField(InformationRequest, on_delete=models.PROTECT,
                                   related_name="notice")
    decision = models.CharField(_("keputusan"), max_length=16, choices=Decision.choices)
    # a) whether held; b) which body holds it.
    is_held = models.BooleanField(_("informasi dikuasai"), default=True)
    holder_body = models.CharField(_("badan publik yang menguasai"), max_length=300, blank=True)
    # c) refusal reason under Pasal 17, backed by a consequence test.
    exemption = models.CharField(_("alasan pengecualian"), max_length=1,
                                 choices=Exemption.choices, blank=True)
    consequence_test = models.ForeignKey(ConsequenceTest, on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="notices")
    # d) what is given; e) blacked-out parts with reasons.
    information_given = models.TextField(_("informasi yang diberikan"), blank=True)
    redaction_explanation = models.TextField(_("bagian yang dihitamkan dan alasannya"),
                                             blank=True)
    # f) format and means; g) costs and payment.
    copy_form = models.CharField(_("bentuk informasi"), max_length=8, choices=CopyForm.choices,
                                 blank=True)
    delivery_method = models.CharField(_("cara penyampaian"), max_length=16,
                                       choices=DeliveryMethod.choices, blank=True)
    costs = models.DecimalField(_("biaya"), max_digits=12, decimal_places=2, default=0)
    payment_method = models.CharField(_("cara pembayaran"), max_length=300, blank=True)
    time_to_provide = models.CharField(_("waktu penyediaan"), max_length=200, blank=True)
    documentation_time = models.CharField(_("waktu pendokumentasian"), max_length=200,
                                          blank=True)
    explanation = models.TextField(_("penjelasan"), blank=True)
    signed_by_name = models.CharField(_("ditandatangani oleh"), max_length=200)
    signed_by_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    pdf = models.FileField(upload_to=notice_upload_to, max_length=255)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("pemberitahuan tertulis")
        verbose_name_plural = _("pemberitahuan tertulis")

    def __str__(self):
        return f"Pemberitahuan {self.request.number}"


def delivered_upload_to(instance, filename):
    return (f"inforequests/{instance.request.satker.code}/{instance.request.year}/"
            f"delivered/{instance.sha256}")


class DeliveredFile(models.Model):
    """A soft copy prepared for the requester (possibly the redacted version of a document)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="delivered_files")
    file = models.FileField(upload_to=delivered_upload_to, max_length=255, blank=True)
    link_url = models.URLField(_("tautan (mis. dataset terbuka)"), blank=True)
    title = models.CharField(_("judul"), max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    is_redacted = models.BooleanField(_("versi yang dihitamkan"), default=False)
    redaction_note = models.TextField(_("yang dihitamkan dan alasannya"), blank=True)
    is_published = models.BooleanField(_("dipublikasikan di register"), default=False)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


class HandoverReceipt(models.Model):
    """The proof of handover (tanda terima) of information given without a file: a hard copy
    handed over, information viewed at the office, or a copy picked up (domain "Deadlines")."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="handovers")
    method = models.CharField(_("cara penyerahan"), max_length=16,
                              choices=HandoverMethod.choices)
    received_by_name = models.CharField(_("diterima oleh"), max_length=200)
    handed_over_at = models.DateTimeField(_("waktu penyerahan"))
    confirmation = models.CharField(_("bukti penerimaan"), max_length=16,
                                    choices=HandoverConfirmation.choices)
    attestation = models.TextField(_("pernyataan petugas"), blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("petugas"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["handed_over_at", "id"]
        verbose_name = _("tanda terima penyerahan")
        verbose_name_plural = _("tanda terima penyerahan")

    def __str__(self):
        return f"{self.request} {self.get_method_display()}"


class DownloadLink(models.Model):
    """An expiring private link through which the requester downloads delivered files."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="download_links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.request} until {self.expires_at:%Y-%m-%d}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class DownloadLog(models.Model):
    """Each download of a delivered file (the proof of handover for soft copies)."""

    file = models.ForeignKey(DeliveredFile, on_delete=models.CASCADE, related_name="downloads")
    link = models.ForeignKey(DownloadLink, on_delete=models.SET_NULL, null=True,
                             related_name="downloads")
    downloaded_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.file} {self.downloaded_at:%Y-%m-%d %H:%M}"


class Objection(models.Model):
    """Keberatan (UU 14/2008 Pasal 35-36), decided by the atasan PPID."""

    # UU 14/2008 Pasal 35(1) b: periodic information not published needs no request; the
    # objector's identity is then kept on the objection itself.
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="objections")
    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="objections")
    full_name = models.CharField(_("nama pemohon"), max_length=200, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Pasal 36(1): the reason's day and the filing deadline, with the rule per ground.
    reason_date = models.DateField(_("alasan keberatan timbul"), null=True, blank=True)
    filing_deadline = models.DateField(_("batas pengajuan keberatan"), null=True, blank=True)
    filing_rule = models.TextField(_("dasar batas pengajuan keberatan"), blank=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("nomor registrasi keberatan"), max_length=64, unique=True)
    grounds = models.JSONField(_("alasan keberatan"), default=list)
    case_description = models.TextField(_("kasus posisi"))
    filed_by_proxy = models.BooleanField(_("diajukan kuasa"), default=False)
    proxy_name = models.CharField(_("nama kuasa"), max_length=200, blank=True)
    filed_at = models.DateTimeField(_("diajukan"))
    received_on = models.DateField(_("tanggal diterima (hari ke-0)"))
    due_date = models.DateField(_("batas waktu tanggapan atasan PPID"))
    due_rule = models.TextField(blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("petugas penerima"))
    status = models.CharField(max_length=16, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.FILED)
    outcome = models.CharField(_("tanggapan atasan PPID"), max_length=16,
                               choices=ObjectionOutcome.choices, blank=True)
    response = models.TextField(_("isi tanggapan"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decider_name = models.CharField(_("nama atasan PPID"), max_length=200, blank=True)
    decider_title = models.CharField(_("jabatan atasan PPID"), max_length=200, blank=True)
    requester_response = models.TextField(_("tanggapan pemohon"), blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        constraints = [
            models.UniqueConstraint(fields=["satker", "year", "sequence"],
                                    name="objection_unique_sequence"),
        ]

    def __str__(self):
        return self.number

    @property
    def requester_name(self) -> str:
        return self.request.full_name if self.request_id else self.full_name

    @property
    def requester_email(self) -> str:
        return self.request.email if self.request_id else self.email


class Dispute(models.Model):
    """A dispute brought to the Komisi Informasi after the atasan's answer (Pasal 37)."""

    objection = models.OneToOneField(Objection, on_delete=models.PROTECT,
                                     related_name="dispute")
    filed_on = models.DateField(_("tanggal pengajuan ke Komisi Informasi"))
    deadline = models.DateField(_("batas pengajuan (14 hari kerja)"))
    deadline_rule = models.TextField(_("dasar batas pengajuan"), blank=True)
    commission = models.CharField(_("Komisi Informasi"), max_length=200)
    case_number = models.CharField(_("nomor register sengketa"), max_length=120, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=DisputeOutcome.choices,
                               default=DisputeOutcome.PENDING)
    outcome_date = models.DateField(_("tanggal putusan"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sengketa informasi")
        verbose_name_plural = _("sengketa informasi")

    def __str__(self):
        return f"Sengketa {self.objection.number}"


class InformationListEntry(models.Model):
    """One line of the satker's Daftar Informasi Publik (DIP)."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="information_list")
    title = models.CharField(_("judul informasi"), max_length=300)
    summary = models.TextField(_("ringkasan isi"), blank=True)
    information_class = models.CharField(_("klasifikasi"), max_length=16,
                                         choices=InformationClass.choices)
    owner = models.CharField(_("pejabat/unit penguasa informasi"), max_length=200)
    responsible = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    format = models.CharField(_("bentuk informasi"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun pembuatan"), null=True, blank=True)
    retention = models.CharField(_("jangka waktu penyimpanan"), max_length=120, blank=True)
    document = models.ForeignKey("organisations.Document", on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("dokumen di Prima"))
    # Domain "Information classes": where it is, as a record of Prima (a catalog dataset or a
    # document), or offline; ``url`` is kept for lines entered before records were linked.
    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+",
                                verbose_name=_("dataset di katalog"))
    url = models.URLField(_("tautan"), blank=True)
    location = models.CharField(_("lokasi (luring)"), max_length=300, blank=True)
    consequence_test = models.ForeignKey(ConsequenceTest, on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+")
    is_published = models.BooleanField(_("diterbitkan"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["information_class", "title"]
        verbose_name = _("daftar informasi publik")
        verbose_name_plural = _("daftar informasi publik")

    def __str__(self):
        return self.title


class AnnualReportNote(models.Model):
    """What the PPID writes into the annual service report (domain "Annual service report"):
    internal and external obstacles and recommendations, per satker and year."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="information_report_notes")
    year = models.PositiveSmallIntegerField(_("tahun"))
    internal_obstacles = models.TextField(_("kendala internal"), blank=True)
    external_obstacles = models.TextField(_("kendala eksternal"), blank=True)
    recommendations = models.TextField(_("rekomendasi"), blank=True)
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catatan laporan tahunan")
        verbose_name_plural = _("catatan laporan tahunan")
        constraints = [models.UniqueConstraint(fields=["satker", "year"],
                                               name="inforequest_report_note_unique")]

    def __str__(self):
        return f"{self.satker} {self.year}"
