"""Forms shape and check input; domain rules live in ``services`` (one home per rule)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prima.organisations.choices import DocumentKind
from prima.organisations.models import Document

from .choices import Channel, OnlineMedium, StepKind, TimeUnit
from .models import Service, Sop

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    online_media = forms.MultipleChoiceField(
        label=_("Media daring"), choices=OnlineMedium.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    online_url = forms.URLField(label=_("Alamat layanan daring"), required=False,
                                max_length=200, assume_scheme="https")

    class Meta:
        model = Service
        fields = (
            "key", "name", "description", "order",
            "requirements", "procedure", "time_value", "time_unit", "time_note", "is_free",
            "cost", "product", "complaints",
            "legal_basis", "facilities", "competence", "supervision", "staff_count",
            "guarantee", "safety", "evaluation", "publish_management",
            "offline", "online_media", "online_url", "opening_hours", "served_by",
            "pledge", "pledge_signed_by",
        )
        labels = {
            "requirements": _("1. Persyaratan"),
            "procedure": _("2. Sistem, mekanisme dan prosedur"),
            "time_value": _("3. Jangka waktu pelayanan"),
            "cost": _("4. Biaya/tarif (bila tidak gratis)"),
            "product": _("5. Produk pelayanan"),
            "complaints": _("6. Penanganan pengaduan, saran dan masukan"),
            "legal_basis": _("7. Dasar hukum"),
            "facilities": _("8. Sarana, prasarana dan/atau fasilitas"),
            "competence": _("9. Kompetensi pelaksana"),
            "supervision": _("10. Pengawasan internal"),
            "staff_count": _("11. Jumlah pelaksana"),
            "guarantee": _("12. Jaminan pelayanan"),
            "safety": _("13. Jaminan keamanan dan keselamatan pelayanan"),
            "evaluation": _("14. Evaluasi kinerja pelaksana"),
        }
        widgets = {
            "key": forms.TextInput(attrs={"list": "service-keys"}),
            **{name: TEXTAREA for name in (
                "description", "requirements", "procedure", "cost", "product", "complaints",
                "legal_basis", "facilities", "competence", "supervision", "guarantee",
                "safety", "evaluation", "pledge")},
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # the key links surveys and SOPs: fixed once created
            del self.fields["key"]


class SopForm(forms.ModelForm):
    class Meta:
        model = Sop
        fields = ("name", "number", "made_on", "revised_on", "legal_basis", "qualifications",
                  "related_sops", "equipment", "warnings", "records")
        widgets = {
            "made_on": date_input(),
            "revised_on": date_input(),
            **{name: TEXTAREA for name in ("legal_basis", "qualifications", "related_sops",
                                           "equipment", "warnings", "records")},
        }


class SopCreateForm(SopForm):
    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices)
    actors = forms.CharField(
        label=_("Pelaksana (satu per baris)"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kolom bagan alir, mis. Pemohon, Petugas layanan, PPID."))

    class Meta(SopForm.Meta):
        fields = ("channel", *SopForm.Meta.fields, "actors")

    def clean_actors(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["actors"].splitlines()]
        return [n for n in names if n]


class ActorsForm(forms.Form):
    actors = forms.CharField(
        label=_("Pelaksana (satu per baris, urutan kolom bagan alir)"),
        widget=forms.Textarea(attrs={"rows": 4}))

    def names(self) -> list[str]:
        text = self.cleaned_data.get("actors", "") if self.is_valid() else ""
        return [n for n in (" ".join(line.split()) for line in text.splitlines()) if n]


class StepForm(forms.Form):
    number = forms.IntegerField(label=pgettext_lazy("nomor urut", "No"), min_value=1, max_value=999,
                                widget=forms.NumberInput(attrs={"class": "narrow"}))
    activity = forms.CharField(label=_("Kegiatan"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))
    actor = forms.ChoiceField(label=_("Pelaksana"))
    kind = forms.ChoiceField(label=_("Simbol"), choices=StepKind.choices,
                             initial=StepKind.PROCESS)
    no_goto = forms.IntegerField(label=_("Jika tidak, ke"), min_value=1, max_value=999,
                                 required=False)
    requirements = forms.CharField(label=_("Kelengkapan"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    time_value = forms.IntegerField(label=_("Waktu"), min_value=0, max_value=100000,
                                    initial=0)
    time_unit = forms.ChoiceField(label=_("Satuan"), choices=TimeUnit.choices,
                                  initial=TimeUnit.MINUTE)
    output = forms.CharField(label=_("Output"), required=False, max_length=300)
    remarks = forms.CharField(label=_("Keterangan"), required=False, max_length=300)

    def __init__(self, *args, actors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "—"), *((a, a) for a in actors)]


class BaseStepFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """Filled rows (deleted and untouched blank rows left out), ordered by their No."""
        kept = [f.cleaned_data for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        ordered = sorted(enumerate(kept), key=lambda pair: (pair[1]["number"], pair[0]))
        return [{k: v for k, v in row.items() if k not in ("DELETE", "number")}
                for _i, row in ordered]


StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=2,
                                    can_delete=True, max_num=60, validate_max=True)


class ApproveForm(forms.Form):
    decree = forms.ModelChoiceField(label=_("SK pengesahan"), queryset=Document.objects.none())
    approver_name = forms.CharField(label=_("Nama pengesah"), max_length=200)
    approver_position = forms.CharField(label=_("Jabatan pengesah"), max_length=200)
    approver_nip = forms.CharField(label=_("NIP"), max_length=30, required=False)

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decree"].queryset = Document.objects.filter(
            satker=satker, kind=DocumentKind.DECREE).order_by("-date", "-pk")
        self.fields["decree"].label_from_instance = lambda d: f"{d.number} — {d.subject}"


class EffectiveForm(forms.Form):
    effective_on = forms.DateField(label=_("Tanggal efektif"),
                                   widget=date_input())
