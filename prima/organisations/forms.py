from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prima.core.uploads import check_pdf, megabytes

from .choices import DocumentKind
from .models import Division, Document, Satker
from .services import DIVISION_FIELDS, PROFILE_FIELDS, duplicate_number_error


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _https_url_fields(db_field, **kwargs):
    # Sites typed without a scheme ("kpu.go.id") are taken as https.
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class SatkerProfileForm(forms.ModelForm):
    class Meta:
        model = Satker
        fields = PROFILE_FIELDS
        formfield_callback = _https_url_fields
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "description": _("Profil singkat satker untuk halaman publik."),
            "office_hours": _("Contoh: Senin–Jumat 08.00–16.00"),
        }


class DivisionForm(forms.ModelForm):
    class Meta:
        model = Division
        fields = DIVISION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"order": _("Urutan tampil di dalam jenisnya; angka kecil tampil lebih dulu.")}

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Division.objects.filter(satker=self.satker, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _("Nama “%(name)s” sudah dipakai divisi/subbagian lain di satker ini."),
                params={"name": name}, code="duplicate")
        return name


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Berkas PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    class Meta:
        model = Document
        fields = ["kind", "number", "date", "subject", "is_public"]
        widgets = {"date": DateInput(), "subject": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "number": _("Contoh: 35/PP.06-Kpt/3320/KPU-Kab/II/2020"),
            "is_public": _("Dokumen publik dapat diunduh siapa pun dari halaman satker."),
        }

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker
        self.checked_file = None
        self.fields["file"].help_text = _(
            "Hanya PDF asli (diperiksa dari isinya), tanpa kata sandi, paling besar %(limit)s MB."
        ) % {"limit": megabytes(self._max_bytes())}

    @staticmethod
    def _max_bytes() -> int:
        from django.conf import settings

        return settings.DOCUMENT_MAX_BYTES

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split())

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.checked_file = check_pdf(uploaded, max_bytes=self._max_bytes())
        return uploaded

    def clean(self):
        cleaned = super().clean()
        kind, number = cleaned.get("kind"), cleaned.get("number")
        if kind and number and Document.objects.filter(
                satker=self.satker, kind=kind, number__iexact=number).exists():
            self.add_error(None, duplicate_number_error(number, DocumentKind(kind).label))
        return cleaned


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nomor atau perihal"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), required=False,
                             choices=[("", _("Semua jenis")), *DocumentKind.choices])


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Tindakan"), required=False)
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())

    def __init__(self, *args, actions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua tindakan")), *actions]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("Tanggal awal harus sebelum atau sama dengan tanggal akhir."))
        return cleaned
