"""Forms of the officer's pages: inbox filters, offline entry, workflow actions, objections,
consequence tests and the Daftar Informasi Publik.

Forms shape and check input; every rule that matters for the record (NIK, deadlines, required
notice fields) is enforced again by the service, which has the last word.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core.calendar import local_timezone
from prima.core.widgets import QuickSelect
from prima.organisations.choices import Role
from prima.organisations.models import Document, Satker

from .choices import (
    OFFLINE_CHANNELS,
    Channel,
    CopyForm,
    Decision,
    DeliveryMethod,
    DisputeOutcome,
    Exemption,
    HandoverConfirmation,
    HandoverMethod,
    ObjectionOutcome,
    ObjectionStatus,
    Status,
)
from .forms_public import RequestFields
from .models import ConsequenceTest, InformationListEntry

PPID_ROLES = (Role.PPID, Role.ATASAN_PPID)
EXTENSION_DAYS = [(n, str(n)) for n in range(1, 8)]
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL)


def _https_url_fields(db_field, **kwargs):
    # Links typed without a scheme ("data.kpu.go.id/...") are taken as https.
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def _rows(n):
    return forms.Textarea(attrs={"rows": n})


# --- Inbox and register filters ----------------------------------------------------------------


class CountdownState:
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"
    CHOICES = [("", _("Semua tenggat")), (OK, _("Masih dalam tenggat")),
               (SOON, _("Segera jatuh tempo")), (OVERDUE, _("Terlambat"))]


class InboxFilterForm(forms.Form):
    OPEN = "open"
    ASSIGNED_ME = "me"
    ASSIGNED_NONE = "none"
    SORTS = [("due", _("Batas waktu terdekat")), ("-received", _("Terbaru diterima")),
             ("received", _("Terlama diterima")), ("number", _("Nomor pendaftaran"))]

    q = forms.CharField(label=_("Cari nomor, nama atau rincian informasi"), required=False,
                        max_length=100)
    satker = forms.ModelChoiceField(queryset=Satker.objects.none(), required=False,
                                    label=_("Satker"), empty_label=_("Semua satker"),
                                    widget=QuickSelect)  # up to 553 options
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), (OPEN, _("Belum diputus"))]
                               + Status.choices)
    channel = forms.ChoiceField(label=_("Saluran"), required=False,
                                choices=[("", _("Semua saluran"))] + Channel.choices)
    countdown = forms.ChoiceField(label=_("Tenggat"), required=False,
                                  choices=CountdownState.CHOICES)
    assigned = forms.ChoiceField(label=_("Petugas"), required=False, choices=[
        ("", _("Semua petugas")), (ASSIGNED_ME, _("Ditugaskan kepada saya")),
        (ASSIGNED_NONE, _("Belum ditugaskan"))])
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None, choices=[])
    sort = forms.ChoiceField(label=_("Urutkan"), required=False, choices=SORTS)

    def __init__(self, *args, satkers, years, **kwargs):
        super().__init__(*args, **kwargs)
        # A filter: only the columns of the option labels are loaded.
        self.fields["satker"].queryset = satkers.order_by("code").only("pk", "code", "name")
        self.fields["satker"].label_from_instance = lambda s: f"{s.name} ({s.code})"
        self.fields["year"].choices = [("", _("Semua tahun"))] + [(y, str(y)) for y in years]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class ObjectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nomor keberatan, nomor permohonan atau nama"),
                        required=False, max_length=100)
    satker = forms.ModelChoiceField(queryset=Satker.objects.none(), required=False,
                                    label=_("Satker"), empty_label=_("Semua satker"),
                                    widget=QuickSelect)  # up to 553 options
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))] + ObjectionStatus.choices)
    outcome = forms.ChoiceField(label=_("Tanggapan atasan PPID"), required=False,
                                choices=[("", _("Semua tanggapan"))] + ObjectionOutcome.choices)

    def __init__(self, *args, satkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers.order_by("code")
        self.fields["satker"].label_from_instance = lambda s: f"{s.name} ({s.code})"

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


# --- Offline entry -----------------------------------------------------------------------------


class OfflineRequestForm(RequestFields):
    """A request received by email, letter, phone or in person, entered by the officer.

    The same fields as the public form (and the same rules, in the service), without its spam
    guard, plus the satker, the channel and the moment of receipt (the deadline counts from it).
    """

    satker = forms.ModelChoiceField(queryset=Satker.objects.none(), label=_("Satker"),
                                    empty_label=None, widget=QuickSelect)
    channel = forms.ChoiceField(label=_("Saluran"),
                                choices=[(c.value, c.label) for c in OFFLINE_CHANNELS])
    received_at = forms.DateTimeField(
        label=_("Diterima pada"), widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Tanggal dan jam permohonan diterima, waktu setempat satker. Batas waktu "
                    "10 hari kerja dihitung dari sini."))

    def __init__(self, *args, satkers, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["satker"]
        field.queryset = satkers.order_by("code")
        field.label_from_instance = lambda s: f"{s.name} ({s.code})"
        self.fields["received_at"].initial = timezone.localtime().replace(
            second=0, microsecond=0, tzinfo=None)
        self.order_fields(["satker", "channel", "received_at"])

    def clean_received_at(self):
        # The officer types the satker's local time (WIB, WITA or WIT); the satker is cleaned
        # first (field order).
        moment = self.cleaned_data["received_at"]
        naive = timezone.make_naive(moment) if timezone.is_aware(moment) else moment
        return naive.replace(tzinfo=local_timezone(self.cleaned_data.get("satker")))

    def service_received_at(self):
        return self.cleaned_data.get("received_at")


# --- Workflow actions on one request -----------------------------------------------------------


def ppid_officers(satker):
    """Active people with a PPID role at ``satker``, the ones a request can be assigned to."""
    return (get_user_model().objects
            .filter(is_active=True, memberships__satker=satker, memberships__is_active=True,
                    memberships__role__in=PPID_ROLES)
            .distinct().order_by("full_name"))


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=None, label=_("Petugas"),
                                     empty_label=_("— pilih petugas —"))

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = ppid_officers(satker)
        self.fields["officer"].label_from_instance = lambda u: u.full_name or u.email


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Catatan internal"), widget=_rows(3), max_length=5000,
                           help_text=_("Hanya terlihat oleh petugas, tidak oleh pemohon."))


class ClarificationForm(forms.Form):
    question = forms.CharField(label=_("Pertanyaan klarifikasi kepada pemohon"),
                               widget=_rows(3), max_length=5000)


class ClarificationAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Jawaban klarifikasi dari pemohon"), widget=_rows(3),
                             max_length=5000,
                             help_text=_("Catat jawaban yang diterima lewat telepon, surat, "
                                         "email atau tatap muka."))


class ExtendForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Lama perpanjangan (hari kerja)"), coerce=int,
                                  choices=EXTENSION_DAYS, initial=7)
    reasons = forms.CharField(label=_("Alasan perpanjangan"), widget=_rows(3),
                              max_length=5000,
                              help_text=_("Dikirim kepada pemohon secara tertulis."))


NOTICE_FIELDS = [
    "holder_body", "exemption", "information_given", "redaction_explanation",
    "copy_form", "delivery_method", "costs", "payment_method", "time_to_provide",
    "documentation_time", "explanation",
]


class DecideForm(forms.Form):
    """The decision and the fields of the written notice (UU 14/2008 Pasal 22(7))."""

    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("", _("— pilih keputusan —"))]
        + [(d.value, d.label) for d in Decision if d != Decision.WITHDRAWN])
    holder_body = forms.CharField(
        label=_("Badan publik yang menguasai informasi"), required=False, max_length=300,
        help_text=_("Wajib bila informasi tidak dikuasai; tulis “tidak diketahui” bila tidak "
                    "diketahui."))
    exemption = forms.ChoiceField(label=_("Alasan pengecualian (Pasal 17)"), required=False,
                                  choices=[("", "—")] + Exemption.choices)
    consequence_test = forms.ModelChoiceField(
        queryset=ConsequenceTest.objects.none(), required=False, label=_("Uji konsekuensi"),
        empty_label="—", help_text=_("Wajib untuk penolakan dan pemberian sebagian."))
    information_given = forms.CharField(label=_("Informasi yang diberikan"), required=False,
                                        widget=_rows(3))
    redaction_explanation = forms.CharField(
        label=_("Bagian yang dihitamkan dan alasannya"), required=False, widget=_rows(3),
        help_text=_("Wajib bila informasi diberikan sebagian."))
    copy_form = forms.ChoiceField(label=_("Bentuk informasi"), required=False,
                                  choices=[("", "—")] + CopyForm.choices)
    delivery_method = forms.ChoiceField(label=_("Cara penyampaian"), required=False,
                                        choices=[("", "—")] + DeliveryMethod.choices)
    costs = forms.DecimalField(label=_("Biaya (Rp)"), required=False, min_value=0,
                               max_digits=12, decimal_places=2, initial=0)
    payment_method = forms.CharField(label=_("Cara pembayaran"), required=False,
                                     max_length=300)
    time_to_provide = forms.CharField(label=_("Waktu penyediaan"), required=False,
                                      max_length=200)
    documentation_time = forms.CharField(
        label=_("Waktu yang dibutuhkan untuk mendokumentasikan"), required=False,
        max_length=200, help_text=_("Untuk informasi yang belum didokumentasikan."))
    explanation = forms.CharField(label=_("Penjelasan"), required=False, widget=_rows(3))

    # Which outcome needs which field (UU 14/2008 Pasal 22(7)); the page's script shows only
    # those of the chosen outcome, and services.decide_request still checks them all.
    OUTCOME_FIELDS = {
        "holder_body": (Decision.NOT_HELD,),
        "exemption": (Decision.REFUSED, Decision.GRANTED_IN_PART),
        "consequence_test": (Decision.REFUSED, Decision.GRANTED_IN_PART),
        "information_given": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "redaction_explanation": (Decision.GRANTED_IN_PART,),
        "copy_form": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "delivery_method": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "costs": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "payment_method": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "time_to_provide": (Decision.GRANTED, Decision.GRANTED_IN_PART),
        "documentation_time": (Decision.NOT_DOCUMENTED,),
    }

    def __init__(self, *args, satker, information_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consequence_test"].queryset = ConsequenceTest.objects.filter(satker=satker)
        self.fields["decision"].widget.attrs["data-decide-outcome"] = ""
        for name, outcomes in self.OUTCOME_FIELDS.items():
            self.fields[name].widget.attrs["data-outcomes"] = " ".join(outcomes)
        if information_request is not None and not self.is_bound:
            # Start from what the requester asked for (form of the copy, how to receive it).
            self.initial.setdefault("copy_form", information_request.copy_form)
            self.initial.setdefault("delivery_method", information_request.delivery_method)

    def notice_data(self) -> dict:
        """The ``notice_data`` of ``services.decide_request`` (which checks what each decision
        needs, UU 14/2008 Pasal 22(7))."""
        return {name: self.cleaned_data[name] for name in NOTICE_FIELDS}


class DecideConfirmForm(DecideForm):
    """The decide form carried through the confirmation page (every field hidden)."""

    confirmed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.HiddenInput()


class AddFileForm(forms.Form):
    title = forms.CharField(label=_("Judul berkas"), max_length=300)
    upload = forms.FileField(label=_("Berkas"), required=False)
    link_url = forms.URLField(label=_("atau tautan (mis. dataset terbuka)"), required=False,
                              assume_scheme="https")
    is_redacted = forms.BooleanField(label=_("Versi yang dihitamkan"), required=False)
    redaction_note = forms.CharField(label=_("Yang dihitamkan dan alasannya"), required=False,
                                     widget=_rows(2))


class DeliverForm(forms.Form):
    valid_days = forms.IntegerField(label=_("Masa berlaku tautan (hari)"), min_value=1,
                                    max_value=90, initial=30)


class PublishAnswerForm(forms.Form):
    """The answer and released documents shown on the request's public register entry."""

    answer = forms.CharField(
        label=_("Jawaban yang dipublikasikan"), widget=_rows(4), max_length=10000,
        help_text=_("Tampil di register publik. Jangan memuat data pribadi pemohon."))
    files = forms.MultipleChoiceField(label=_("Dokumen yang dipublikasikan"), required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, information_request, **kwargs):
        super().__init__(*args, **kwargs)
        delivered = list(information_request.delivered_files.all())
        self.fields["files"].choices = [(str(f.pk), f.title) for f in delivered]
        if not self.is_bound:
            self.initial.setdefault("answer", information_request.published_answer)
            self.initial.setdefault("files", [str(f.pk) for f in delivered if f.is_published])


class HandoverForm(forms.Form):
    """A handover without a file upload, with its receipt (``services.record_handover``)."""

    method = forms.ChoiceField(label=_("Cara penyerahan"), choices=HandoverMethod.choices,
                               widget=forms.RadioSelect)
    received_by_name = forms.CharField(label=_("Diterima oleh (nama)"), max_length=200)
    handed_over_at = forms.DateTimeField(label=_("Waktu penyerahan"),
                                         widget=DateTimeLocalInput(),
                                         input_formats=[DATETIME_LOCAL])
    confirmation = forms.ChoiceField(label=_("Bukti penerimaan"),
                                     choices=HandoverConfirmation.choices,
                                     widget=forms.RadioSelect,
                                     initial=HandoverConfirmation.SIGNATURE)
    attestation = forms.CharField(
        label=_("Pernyataan petugas"), required=False, widget=_rows(2),
        help_text=_("Wajib bila pemohon tidak menandatangani tanda terima."))
    note = forms.CharField(label=_("Keterangan"), required=False, widget=_rows(2))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handed_over_at"].initial = timezone.localtime().replace(
            second=0, microsecond=0).strftime(DATETIME_LOCAL)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Keterangan penarikan"), required=False, widget=_rows(2),
                             max_length=2000)
    confirm = forms.BooleanField(label=_("Ya, pemohon menarik permohonan ini"),
                                 error_messages={"required": _("Centang untuk mengonfirmasi "
                                                               "penarikan.")})


# --- Objections --------------------------------------------------------------------------------


class ObjectionDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Tanggapan atasan PPID"),
                                choices=[("", _("— pilih —"))] + ObjectionOutcome.choices)
    response = forms.CharField(label=_("Isi tanggapan"), widget=_rows(5), max_length=10000)


class RequesterResponseForm(forms.Form):
    text = forms.CharField(label=_("Tanggapan pemohon"), widget=_rows(3), max_length=5000)


class DisputeForm(forms.Form):
    filed_on = forms.DateField(label=_("Tanggal pengajuan ke Komisi Informasi"),
                               widget=DateInput())
    commission = forms.CharField(label=_("Komisi Informasi"), max_length=200,
                                 help_text=_("Contoh: Komisi Informasi Provinsi Jawa Tengah"))
    case_number = forms.CharField(label=_("Nomor register sengketa"), required=False,
                                  max_length=120)
    outcome = forms.ChoiceField(label=_("Hasil"), choices=DisputeOutcome.choices,
                                initial=DisputeOutcome.PENDING)
    outcome_date = forms.DateField(label=_("Tanggal putusan"), required=False,
                                   widget=DateInput())
    notes = forms.CharField(label=_("Catatan"), required=False, widget=_rows(3))


# --- Consequence tests and DIP -----------------------------------------------------------------


CONSEQUENCE_TEST_FIELDS = ["title", "exempt_content", "exemption", "legal_basis", "harm",
                           "public_interest", "conclusion", "exempt_until"]


class ConsequenceTestForm(forms.ModelForm):
    satker = forms.ModelChoiceField(queryset=Satker.objects.none(), label=_("Satker"),
                                    empty_label=None, widget=QuickSelect)

    class Meta:
        model = ConsequenceTest
        fields = CONSEQUENCE_TEST_FIELDS
        widgets = {
            "exempt_content": _rows(3), "legal_basis": _rows(2), "harm": _rows(4),
            "public_interest": _rows(4), "conclusion": _rows(3), "exempt_until": DateInput(),
        }

    field_order = ["satker", *CONSEQUENCE_TEST_FIELDS]

    def __init__(self, *args, satkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers.order_by("code")
        self.fields["satker"].label_from_instance = lambda s: f"{s.name} ({s.code})"

    def fields_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONSEQUENCE_TEST_FIELDS}


# Where the information is: a record of Prima (catalog dataset or document) or offline; no
# typed links (the model keeps ``url`` of older lines).
DIP_FIELDS = ["title", "summary", "information_class", "owner", "responsible", "format",
              "year", "retention", "document", "dataset", "location", "consequence_test",
              "is_published"]


class InformationListEntryForm(forms.ModelForm):
    class Meta:
        model = InformationListEntry
        fields = DIP_FIELDS
        formfield_callback = _https_url_fields
        widgets = {"summary": _rows(3)}

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker
        self.fields["document"].queryset = Document.objects.filter(satker=satker).order_by(
            "-date", "-id")
        self.fields["document"].label_from_instance = lambda d: f"{d.number} — {d.subject}"
        from prima.catalog.models import Dataset

        self.fields["dataset"].queryset = Dataset.objects.filter(satker=satker).order_by(
            "title")
        self.fields["consequence_test"].queryset = ConsequenceTest.objects.filter(satker=satker)

    def fields_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in DIP_FIELDS}


class ReportNotesForm(forms.Form):
    """Obstacles and recommendations of the annual service report."""

    internal_obstacles = forms.CharField(label=_("Kendala internal"), required=False,
                                         widget=_rows(4), max_length=10000)
    external_obstacles = forms.CharField(label=_("Kendala eksternal"), required=False,
                                         widget=_rows(4), max_length=10000)
    recommendations = forms.CharField(label=_("Rekomendasi"), required=False, widget=_rows(4),
                                      max_length=10000)
