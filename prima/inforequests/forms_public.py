"""Public forms: the request form, tracking, clarification answer, withdrawal, objection and the
register filter.

The forms shape widgets and carry the service's answer back; they check no rule of their own.
Their fields are "shaped" (``ShapedCharField`` and friends): they parse the input and mark the
fields every answer needs (``required``, shown with an asterisk), but the rules (which fields are
needed when, lengths, NIK, contact, attachments) live in ``services`` only, so the web form, the
officer's desk form and the JSON API answer the same input with the same message. Every public
form is guarded by ``prima.core.public_forms`` (honeypot, signed moment, rate limit).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core.public_forms import PublicFormGuard
from prima.core.uploads import KINDS, megabytes
from prima.core.viewutils import add_service_errors
from prima.core.widgets import QuickSelect
from prima.organisations.models import Satker

from .choices import (
    CopyForm,
    Decision,
    DeliveryMethod,
    ObjectionGround,
    ObtainMethod,
    RequesterKind,
)
from .services import handling, objections, registration

NIK_INPUT_MAX_LENGTH = 32  # 16 digits, typed with spaces, dots or dashes as on some cards


class Shaped:
    """A form field that parses its input but checks no rule: ``required`` only marks it for
    people (asterisk, ``required`` attribute under ``novalidate``); the service decides."""

    def validate(self, value):
        return None

    def run_validators(self, value):
        return None


class ShapedCharField(Shaped, forms.CharField):
    """Text; ``max_length`` becomes the input's ``maxlength`` (the service enforces it)."""


class ShapedChoiceField(Shaped, forms.ChoiceField):
    """A choice whose value the service checks (an unknown one gets the service's message)."""


class ShapedMultipleChoiceField(Shaped, forms.MultipleChoiceField):
    pass


class ShapedFileField(Shaped, forms.FileField):
    """An upload handed to the service as it came (an empty file too: the service says why)."""

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)


def _textarea(rows: int = 4, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def _limit(name: str) -> int:
    return registration.MAX_LENGTHS[name]


class RequestFields(forms.Form):
    """The fields of the request form (Perki 1/2021 form), shared by the public form and the
    officer's desk form for offline requests; ``clean`` asks the service."""

    requester_kind = ShapedChoiceField(
        label=_("Jenis pemohon"), choices=RequesterKind.choices, widget=forms.RadioSelect,
        initial=RequesterKind.INDIVIDUAL)
    full_name = ShapedCharField(
        label=_("Nama lengkap"), max_length=_limit("full_name"),
        help_text=_("Untuk badan hukum atau kelompok: nama badan/kelompok dan nama wakilnya."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}))
    nik = ShapedCharField(
        label=_("NIK (Nomor Induk Kependudukan)"), max_length=NIK_INPUT_MAX_LENGTH,
        help_text=_("16 angka sesuai KTP. Wajib untuk perorangan dan kuasa. NIK tidak pernah "
                    "ditampilkan kepada publik."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    entity_number = ShapedCharField(
        label=_("Nomor akta pendirian/SK badan hukum"), max_length=_limit("entity_number"),
        help_text=_("Wajib untuk badan hukum."))
    address = ShapedCharField(
        label=_("Alamat"), max_length=_limit("address"),
        widget=_textarea(3, autocomplete="street-address"))
    email = ShapedCharField(
        label=_("Email"), max_length=_limit("email"),
        help_text=_("Tanda terima dan tautan pelacakan dikirim ke alamat ini."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = ShapedCharField(
        label=_("Nomor telepon/HP"), max_length=_limit("phone"),
        help_text=_("Isi email atau nomor telepon (setidaknya salah satu)."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    occupation = ShapedCharField(label=_("Pekerjaan"), max_length=_limit("occupation"))
    information_requested = ShapedCharField(
        label=_("Rincian informasi yang dibutuhkan"),
        max_length=_limit("information_requested"), widget=_textarea(5),
        help_text=_("Sebutkan informasi atau dokumen yang Anda minta sejelas mungkin."))
    purpose = ShapedCharField(
        label=_("Tujuan penggunaan informasi"), max_length=_limit("purpose"),
        widget=_textarea(3))
    obtain_method = ShapedChoiceField(
        label=_("Cara memperoleh informasi"), choices=ObtainMethod.choices,
        widget=forms.RadioSelect, initial=ObtainMethod.COPY)
    copy_form = ShapedChoiceField(
        label=_("Bentuk salinan"), choices=CopyForm.choices, widget=forms.RadioSelect,
        help_text=_("Diisi bila memilih mendapatkan salinan."))
    delivery_method = ShapedChoiceField(
        label=_("Cara mendapatkan salinan"), choices=[("", "—"), *DeliveryMethod.choices],
        help_text=_("Diisi bila memilih mendapatkan salinan. Salinan elektronik dikirim "
                    "melalui tautan unduhan pribadi."))
    power_of_attorney = ShapedFileField(
        label=_("Surat kuasa"), help_text=_("Wajib untuk pemohon kuasa."))
    identity_scan = ShapedFileField(
        label=_("Pindaian kartu identitas (tidak wajib)"),
        help_text=_("KTP atau identitas lain."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in registration.REQUESTER_FIELDS + registration.REQUEST_FIELDS:
            self.fields[name].required = name in registration.REQUIRED_FIELDS
        for name in registration.ATTACHMENT_FIELDS.values():
            self.fields[name].required = False
        limit = megabytes(registration.ATTACHMENT_MAX_BYTES)
        kinds = registration.ATTACHMENT_KINDS
        kind_labels = ", ".join(str(KINDS[k].label) for k in kinds)
        accept = ",".join(".jpg,.jpeg" if k == "jpeg" else f".{k}" for k in kinds)
        for name in registration.ATTACHMENT_FIELDS.values():
            self.fields[name].widget.attrs["accept"] = accept
            self.fields[name].help_text = _(
                "%(help)s Berkas %(kinds)s, paling besar %(mb)s MB.") % {
                "help": self.fields[name].help_text, "kinds": kind_labels, "mb": limit}

    def service_data(self) -> dict:
        """The ``data`` of ``services.register_request``, as typed."""
        return {name: self.cleaned_data.get(name) or ""
                for name in registration.REQUESTER_FIELDS + registration.REQUEST_FIELDS}

    def service_attachments(self) -> list:
        """The ``attachments`` of ``services.register_request``: (kind, upload) pairs."""
        return [(kind, self.cleaned_data[name])
                for kind, name in registration.ATTACHMENT_FIELDS.items()
                if self.cleaned_data.get(name)]

    def service_received_at(self):
        """The moment of receipt the service checks (``None``: now, for the public form)."""
        return None

    def clean(self):
        data = super().clean()
        try:
            registration.clean_request(data=self.service_data(),
                                       attachments=self.service_attachments(),
                                       received_at=self.service_received_at())
        except ValidationError as exc:
            add_service_errors(self, exc)
        return data


# The request form's rate limit per IP address (prima.core.public_forms), shared by the JSON API
# so a client cannot double its allowance by switching between the two.
SUBMIT_GROUP = "inforequests-submit"
SUBMIT_RATE = "20/h"


class RequestForm(PublicFormGuard, RequestFields):
    """Permohonan informasi publik to one satker, on the public site."""


class ResendLinkForm(PublicFormGuard, forms.Form):
    """Send the tracking link again to the email given with the request."""

    email = forms.EmailField(label=_("Email yang Anda cantumkan pada permohonan"),
                             max_length=254,
                             error_messages={"required": _("Isi alamat email."),
                                             "invalid": _("Alamat email tidak valid.")})
    number = forms.CharField(label=_("Nomor pendaftaran (bila ingat)"), max_length=64,
                             required=False, help_text=_("Mis. 0001/PPID/33.20/2026"))


class TrackForm(PublicFormGuard, forms.Form):
    """Lacak permohonan: registration number plus the secret code from the receipt."""

    # Two fields pasted from the receipt: no fill time; the rate limit guards the guessing.
    guard_min_seconds = 0

    number = forms.CharField(
        label=_("Nomor pendaftaran"), max_length=64,
        help_text=_("Mis. 0001/PPID/33.20/2026"),
        error_messages={"required": _("Isi nomor pendaftaran.")})
    secret = forms.CharField(
        label=_("Kode rahasia"), max_length=128,
        help_text=_("Kode pada tanda terima atau di dalam tautan pelacakan."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Isi kode rahasia.")})

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split())

    def clean_secret(self):
        return self.cleaned_data["secret"].strip()

    @property
    def number_slug(self) -> str:
        return self.cleaned_data["number"].replace("/", "-")


class TrackedRequestForm(PublicFormGuard, forms.Form):
    """A form on the private tracking page: reached only through the request's secret, so no
    minimum fill time; the honeypot, the signed moment and the rate limit still apply."""

    guard_min_seconds = 0


class ClarificationAnswerForm(TrackedRequestForm):
    answer = ShapedCharField(label=_("Jawaban klarifikasi"), widget=_textarea(5),
                             max_length=handling.ANSWER_MAX_LENGTH)


class WithdrawForm(TrackedRequestForm):
    reason = ShapedCharField(label=_("Alasan penarikan (tidak wajib)"), required=False,
                             max_length=handling.WITHDRAW_REASON_MAX_LENGTH, widget=_textarea(3))
    # Not a rule of the request: the person's explicit "yes" on the confirmation page.
    confirm = forms.BooleanField(
        label=_("Saya yakin menarik permohonan ini. Permohonan yang ditarik tidak diproses "
                "lagi."),
        error_messages={"required": _("Centang pernyataan untuk menarik permohonan.")})


class ObjectionForm(TrackedRequestForm):
    """Keberatan, UU 14/2008 Pasal 35 ayat (1)."""

    grounds = ShapedMultipleChoiceField(
        label=_("Alasan keberatan (Pasal 35 ayat 1 UU 14/2008)"),
        choices=ObjectionGround.choices, widget=forms.CheckboxSelectMultiple)
    case_description = ShapedCharField(
        label=_("Kasus posisi"), max_length=objections.CASE_DESCRIPTION_MAX_LENGTH,
        widget=_textarea(6),
        help_text=_("Uraikan secara singkat apa yang terjadi dan apa yang Anda minta."))
    proxy_name = ShapedCharField(
        label=_("Nama kuasa (bila keberatan diajukan melalui kuasa)"),
        max_length=objections.PROXY_NAME_MAX_LENGTH, required=False)


class PeriodicObjectionForm(PublicFormGuard, forms.Form):
    """Keberatan on ground b (periodic information not published, UU 14/2008 Pasal 35(1) b),
    which needs no request: the objector's identity and contact instead."""

    full_name = ShapedCharField(label=_("Nama lengkap"), max_length=200)
    address = ShapedCharField(label=_("Alamat"), max_length=1000, widget=_textarea(2))
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    phone = ShapedCharField(label=_("Telepon"), max_length=32, required=False)
    information = ShapedCharField(
        label=_("Informasi berkala yang tidak disediakan"), max_length=1000,
        widget=_textarea(2))
    reason_date = forms.DateField(
        label=_("Sejak kapan informasi itu seharusnya tersedia"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Keberatan diajukan paling lambat 30 hari kerja sejak tanggal ini; "
                    "kosongkan bila hari ini."))
    case_description = ShapedCharField(
        label=_("Kasus posisi"), max_length=objections.CASE_DESCRIPTION_MAX_LENGTH,
        widget=_textarea(5))


def _year_choices():
    this_year = timezone.localdate().year
    return [("", _("Semua tahun"))] + [(str(y), str(y)) for y in range(this_year, 2009, -1)]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari dalam rincian informasi"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
    satker = forms.ChoiceField(
        label=_("Satuan kerja"), required=False, widget=QuickSelect,  # 553 options
        help_text=_("Satuan kerja provinsi mencakup kabupaten/kota di bawahnya."))
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)
    decision = forms.ChoiceField(
        label=_("Keputusan"), required=False,
        choices=[("", _("Semua keputusan")), *Decision.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()
        self.fields["satker"].choices = [("", _("Semua satuan kerja"))] + [
            (code, f"{code} — {name}")
            for code, name in Satker.objects.order_by("code").values_list("code", "name")]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
