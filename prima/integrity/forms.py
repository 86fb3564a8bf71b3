from django import forms
from django.utils.translation import gettext_lazy as _

from prima.core.evidence import EvidenceRef

from .choices import Target, UnitStatus
from .models import Declaration


class SignForm(forms.Form):
    """Re-authentication for signing: the person's own password, and the hash of the text
    shown to them (a text changed meanwhile is not signed)."""

    password = forms.CharField(label=_("Kata sandi Anda"), strip=False,
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "current-password"}),
                               help_text=_("Masukkan kembali kata sandi untuk memastikan "
                                           "bahwa Anda sendiri yang menandatangani."))
    text_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agree = forms.BooleanField(
        label=_("Saya telah membaca dan menyetujui pakta integritas di atas."),
        error_messages={"required": _("Centang pernyataan persetujuan sebelum "
                                      "menandatangani.")})


class VersionForm(forms.Form):
    period = forms.IntegerField(label=_("Periode (tahun)"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Judul"), max_length=200)
    body = forms.CharField(label=_("Teks pakta"), widget=forms.Textarea(attrs={"rows": 14}))


class DeclarationForm(forms.ModelForm):
    charter_upload = forms.FileField(label=_("Unggah piagam pencanangan (PDF)"), required=False)
    charter_ref = forms.CharField(
        label=_("atau pilih dokumen satker sebagai piagam"), required=False,
        help_text=_("Kode dokumen, mis. document:12 (dari daftar dokumen satker)."),
        max_length=64)

    class Meta:
        model = Declaration
        fields = ["date", "event", "place", "witnesses", "description", "is_public"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}),
                   "witnesses": forms.Textarea(attrs={"rows": 4}),
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        if documents:
            self.fields["charter_ref"] = forms.ChoiceField(
                label=_("atau pilih dokumen satker sebagai piagam"), required=False,
                choices=[("", "—")] + [(str(EvidenceRef.of("document", d)), str(d))
                                       for d in documents])

    def clean(self):
        data = super().clean()
        if data.get("charter_upload") and data.get("charter_ref"):
            raise forms.ValidationError(_("Pilih salah satu: unggah piagam atau pilih "
                                          "dokumen satker."))
        return data


class UnitForm(forms.Form):
    target = forms.ChoiceField(label=_("Target predikat"), choices=Target.choices)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Catatan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class UnitStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=UnitStatus.choices)


class VerifyForm(forms.Form):
    kode = forms.CharField(label=_("Kode verifikasi"), max_length=40)
