"""Public forms: the request form (with its spam guards), tracking, clarification answer,
withdrawal, objection and the register filter.

The forms only validate and shape input; every write goes through ``services``. Checks that the
service repeats (NIK, contact, copy form) are done here too, so each message sits next to its
field and the form works without JavaScript.
"""

from __future__ import annotations

import re
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core.uploads import KINDS, check_upload, megabytes
from prima.organisations.models import Satker

from . import services
from .choices import (
    CopyForm,
    Decision,
    DeliveryMethod,
    ObjectionGround,
    ObtainMethod,
    RequesterKind,
)
from .models import RequestAttachment

# A person needs a few seconds to fill in the form; a bot posts at once (the signed timestamp
# is issued when the form is shown). An old timestamp is not refused: people take their time.
MIN_FILL_SECONDS = 3
FORM_TOKEN_SALT = "prima.inforequests.public-form"  # noqa: S105 - a signing salt, not a secret
FORM_TOKEN_MAX_AGE = 24 * 3600

NIK_RE = re.compile(r"^\d{16}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{6,32}$")
NIK_KINDS = (RequesterKind.INDIVIDUAL, RequesterKind.PROXY)
# Ways to receive a copy offered online; each is stored as the request's delivery method.
PUBLIC_DELIVERY_METHODS = [
    (DeliveryMethod.DOWNLOAD, DeliveryMethod.DOWNLOAD.label),
    (DeliveryMethod.EMAIL, DeliveryMethod.EMAIL.label),
    (DeliveryMethod.PICK_UP, DeliveryMethod.PICK_UP.label),
    (DeliveryMethod.COURIER, DeliveryMethod.COURIER.label),
    (DeliveryMethod.POST, DeliveryMethod.POST.label),
    (DeliveryMethod.FAX, DeliveryMethod.FAX.label),
]


def attachment_max_bytes() -> int:
    """The size limit of one attachment: the service's, so the form and the service agree."""
    return services.ATTACHMENT_MAX_BYTES


def issue_form_token(issued_at: float | None = None) -> str:
    """A signed moment at which the form was shown."""
    return signing.dumps({"t": time.time() if issued_at is None else issued_at},
                         salt=FORM_TOKEN_SALT, compress=True)


class HoneypotInput(forms.TextInput):
    """A field for bots only: the template hides its wrapper by CSS and from screen readers,
    and the input is out of the tab order."""

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})


def _textarea(rows: int = 4, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class RequestForm(forms.Form):
    """Permohonan informasi publik (Perki 1/2021 form), one satker."""

    requester_kind = forms.ChoiceField(
        label=_("Jenis pemohon"), choices=RequesterKind.choices, widget=forms.RadioSelect,
        initial=RequesterKind.INDIVIDUAL,
        error_messages={"required": _("Pilih jenis pemohon.")})
    full_name = forms.CharField(
        label=_("Nama lengkap"), max_length=200,
        help_text=_("Untuk badan hukum atau kelompok: nama badan/kelompok dan nama wakilnya."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Isi nama lengkap.")})
    nik = forms.CharField(
        label=_("NIK (Nomor Induk Kependudukan)"), max_length=32, required=False,
        help_text=_("16 angka sesuai KTP. Wajib untuk perorangan dan kuasa. NIK tidak pernah "
                    "ditampilkan kepada publik."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    entity_number = forms.CharField(
        label=_("Nomor akta pendirian/SK badan hukum"), max_length=120, required=False,
        help_text=_("Wajib untuk badan hukum."))
    address = forms.CharField(
        label=_("Alamat"), widget=_textarea(3, autocomplete="street-address"),
        error_messages={"required": _("Isi alamat.")})
    email = forms.EmailField(
        label=_("Email"), required=False,
        help_text=_("Tanda terima dan tautan pelacakan dikirim ke alamat ini."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Alamat email tidak valid.")})
    phone = forms.CharField(
        label=_("Nomor telepon/HP"), max_length=32, required=False,
        help_text=_("Isi email atau nomor telepon (setidaknya salah satu)."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    occupation = forms.CharField(label=_("Pekerjaan"), max_length=120, required=False)
    information_requested = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"), max_length=5000, widget=_textarea(5),
        help_text=_("Sebutkan informasi atau dokumen yang Anda minta sejelas mungkin."),
        error_messages={"required": _("Isi rincian informasi yang dibutuhkan.")})
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"), max_length=3000, widget=_textarea(3),
        error_messages={"required": _("Isi tujuan penggunaan informasi.")})
    obtain_method = forms.ChoiceField(
        label=_("Cara memperoleh informasi"), choices=ObtainMethod.choices,
        widget=forms.RadioSelect, initial=ObtainMethod.COPY,
        error_messages={"required": _("Pilih cara memperoleh informasi.")})
    copy_form = forms.ChoiceField(
        label=_("Bentuk salinan"), choices=CopyForm.choices, widget=forms.RadioSelect,
        required=False, help_text=_("Diisi bila memilih mendapatkan salinan."))
    delivery_method = forms.ChoiceField(
        label=_("Cara mendapatkan salinan"), choices=[("", "—"), *PUBLIC_DELIVERY_METHODS],
        required=False, help_text=_("Diisi bila memilih mendapatkan salinan. Salinan "
                                    "elektronik dikirim melalui tautan unduhan pribadi."))
    power_of_attorney = forms.FileField(
        label=_("Surat kuasa"), required=False,
        help_text=_("Wajib untuk pemohon kuasa."))
    identity_scan = forms.FileField(
        label=_("Pindaian kartu identitas (tidak wajib)"), required=False,
        help_text=_("KTP atau identitas lain."))
    website = forms.CharField(label=_("Jangan diisi"), required=False, widget=HoneypotInput)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each rendering carries a fresh timestamp (also after a failed submission).
        self.fields["form_token"].initial = issue_form_token()
        limit = megabytes(attachment_max_bytes())
        kind_labels = ", ".join(str(KINDS[k].label) for k in services.ATTACHMENT_KINDS)
        kinds = ",".join(".jpg,.jpeg" if k == "jpeg" else f".{k}"
                         for k in services.ATTACHMENT_KINDS)
        for name in ("power_of_attorney", "identity_scan"):
            self.fields[name].widget.attrs["accept"] = kinds
            self.fields[name].help_text = _(
                "%(help)s Berkas %(kinds)s, paling besar %(mb)s MB.") % {
                "help": self.fields[name].help_text, "kinds": kind_labels, "mb": limit}
        self.spam = False

    # --- spam guards (a bot submission is refused as a whole, with one message) ---------------

    def _spam_message(self):
        """The reason to refuse the whole submission, or None when it looks human."""
        if self.cleaned_data.get("website"):
            return _("Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali.")
        try:
            issued = signing.loads(self.cleaned_data.get("form_token") or "",
                                   salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)["t"]
            issued = float(issued)
        except signing.SignatureExpired:
            return _("Formulir sudah terlalu lama dibuka. Periksa isian Anda lalu kirim kembali.")
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return _("Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali.")
        if time.time() - issued < MIN_FILL_SECONDS:
            return _("Formulir dikirim terlalu cepat. Periksa isian Anda lalu kirim kembali.")
        return None

    def renew_token(self) -> None:
        """Give a re-rendered (invalid) form a fresh timestamp, so an expired one recovers."""
        self.data = self.data.copy()
        self.data["form_token"] = issue_form_token()

    # --- fields ----------------------------------------------------------------------------------

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_nik(self):
        nik = re.sub(r"[\s.\-]", "", self.cleaned_data["nik"])
        if nik and not NIK_RE.match(nik):
            raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik")
        return nik

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(
                _("Nomor telepon hanya boleh berisi angka, spasi, tanda +, - dan kurung."),
                code="phone")
        return phone

    def _clean_attachment(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        check_upload(upload, allowed_kinds=services.ATTACHMENT_KINDS,
                     max_bytes=attachment_max_bytes())
        return upload

    def clean_power_of_attorney(self):
        return self._clean_attachment("power_of_attorney")

    def clean_identity_scan(self):
        return self._clean_attachment("identity_scan")

    def clean(self):
        data = super().clean()
        message = self._spam_message()
        if message:
            self.spam = True
            raise ValidationError(message, code="spam")
        kind = data.get("requester_kind")
        if kind in NIK_KINDS and not data.get("nik") and "nik" not in self.errors:
            self.add_error("nik", ValidationError(
                _("NIK wajib diisi untuk pemohon perorangan dan kuasa."), code="required"))
        if kind == RequesterKind.ENTITY and not data.get("entity_number"):
            self.add_error("entity_number", ValidationError(
                _("Nomor akta/SK badan hukum wajib diisi untuk pemohon badan hukum."),
                code="required"))
        if (kind == RequesterKind.PROXY and not data.get("power_of_attorney")
                and "power_of_attorney" not in self.errors):
            self.add_error("power_of_attorney", ValidationError(
                _("Lampirkan surat kuasa untuk permohonan melalui kuasa."), code="required"))
        if (not data.get("email") and not data.get("phone")
                and "email" not in self.errors and "phone" not in self.errors):
            self.add_error("email", ValidationError(
                _("Isi email atau nomor telepon agar kami dapat menghubungi Anda."),
                code="contact"))
        if data.get("obtain_method") == ObtainMethod.COPY:
            if not data.get("copy_form"):
                self.add_error("copy_form", ValidationError(
                    _("Pilih bentuk salinan (elektronik atau cetak)."), code="required"))
            if not data.get("delivery_method"):
                self.add_error("delivery_method", ValidationError(
                    _("Pilih cara mendapatkan salinan."), code="required"))
            elif (data.get("delivery_method") == DeliveryMethod.EMAIL
                  and not data.get("email") and "email" not in self.errors):
                self.add_error("email", ValidationError(
                    _("Isi email untuk menerima salinan melalui email."), code="required"))
        else:
            data["copy_form"] = ""
            data["delivery_method"] = ""
        return data

    def service_data(self) -> dict:
        """The ``data`` dict of ``services.register_request``."""
        d = self.cleaned_data
        kind = d["requester_kind"]
        return {
            "requester_kind": kind,
            "full_name": d["full_name"],
            "nik": d["nik"] if kind != RequesterKind.ENTITY else "",
            "entity_number": d["entity_number"] if kind == RequesterKind.ENTITY else "",
            "address": d["address"].strip(),
            "phone": d["phone"],
            "email": d["email"],
            "occupation": d["occupation"].strip(),
            "information_requested": d["information_requested"].strip(),
            "purpose": d["purpose"].strip(),
            "obtain_method": d["obtain_method"],
            "copy_form": d["copy_form"],
            "delivery_method": d["delivery_method"],
        }

    def service_attachments(self) -> list:
        d = self.cleaned_data
        pairs = [(RequestAttachment.Kind.POWER_OF_ATTORNEY, d.get("power_of_attorney")),
                 (RequestAttachment.Kind.IDENTITY, d.get("identity_scan"))]
        return [(kind, upload) for kind, upload in pairs if upload]


class TrackForm(forms.Form):
    """Lacak permohonan: registration number plus the secret code from the receipt."""

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


class ClarificationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Jawaban klarifikasi"), max_length=5000, widget=_textarea(5),
        error_messages={"required": _("Isi jawaban klarifikasi.")})


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penarikan (tidak wajib)"), max_length=2000,
                             required=False, widget=_textarea(3))
    confirm = forms.BooleanField(
        label=_("Saya yakin menarik permohonan ini. Permohonan yang ditarik tidak diproses "
                "lagi."),
        error_messages={"required": _("Centang pernyataan untuk menarik permohonan.")})


class ObjectionForm(forms.Form):
    """Keberatan, UU 14/2008 Pasal 35 ayat (1)."""

    grounds = forms.MultipleChoiceField(
        label=_("Alasan keberatan (Pasal 35 ayat 1 UU 14/2008)"),
        choices=ObjectionGround.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih setidaknya satu alasan keberatan.")})
    case_description = forms.CharField(
        label=_("Kasus posisi"), max_length=10000, widget=_textarea(6),
        help_text=_("Uraikan secara singkat apa yang terjadi dan apa yang Anda minta."),
        error_messages={"required": _("Isi kasus posisi.")})
    proxy_name = forms.CharField(
        label=_("Nama kuasa (bila keberatan diajukan melalui kuasa)"), max_length=200,
        required=False)


def _year_choices():
    this_year = timezone.localdate().year
    return [("", _("Semua tahun"))] + [(str(y), str(y)) for y in range(this_year, 2009, -1)]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari dalam rincian informasi"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
    satker = forms.ChoiceField(
        label=_("Satuan kerja"), required=False,
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

