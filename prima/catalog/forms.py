"""Forms of the catalog's staff pages: they shape input and leave the rules to ``services``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import ColumnType, DatasetStatus, NumberFormat
from .models import Dataset, Licence, Topic
from .services import DATASET_FIELDS, parse_tags, validate_spatial_code


class DatasetFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *DatasetStatus.choices])


class DatasetForm(forms.ModelForm):
    """All metadata of a dataset, Satu Data Indonesia activity metadata included."""

    satker = forms.ModelChoiceField(label=_("Produsen data (satker)"), queryset=None,
                                    empty_label=None)
    tags_text = forms.CharField(
        label=_("Label"), required=False, max_length=1000,
        help_text=_("Pisahkan dengan koma, mis. pemilu 2024, tps, hasil suara."))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topik"), queryset=Topic.objects.all(), required=False, to_field_name="slug",
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Dataset
        fields = ["title", "description", "topics", "licence", "update_frequency",
                  "temporal_start", "temporal_end", "spatial_code", "contact_name",
                  "contact_email", "source", "activity_name", "activity_organiser",
                  "activity_purpose", "activity_method", "quality_assurance", "data_standard",
                  "activity_unit", "activity_period", "activity_design",
                  "activity_dissemination"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "activity_purpose": forms.Textarea(attrs={"rows": 3}),
            "activity_method": forms.Textarea(attrs={"rows": 3}),
            "quality_assurance": forms.Textarea(attrs={"rows": 3}),
            "activity_design": forms.Textarea(attrs={"rows": 3}),
            "activity_dissemination": forms.Textarea(attrs={"rows": 3}),
            "temporal_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "temporal_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "spatial_code": _("Kode wilayah Kemendagri: 33 (provinsi), 33.20 (kabupaten/kota), "
                              "atau 0 untuk nasional."),
            "activity_name": _("Metadata kegiatan (MS-Keg, Peraturan BPS 5/2020)."),
        }

    def __init__(self, *args, satkers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].queryset = Licence.objects.all()
        self.fields["licence"].empty_label = None
        if self.instance.pk:
            del self.fields["satker"]
            self.fields["tags_text"].initial = ", ".join(
                t.name for t in self.instance.tags.all())
        else:
            self.fields["satker"].queryset = satkers
        order = ["satker", "title", "description", "topics", "tags_text"]
        self.order_fields([f for f in order if f in self.fields])

    def clean_spatial_code(self):
        try:
            return validate_spatial_code(self.cleaned_data.get("spatial_code", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["spatial_code"]) from exc

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in DATASET_FIELDS
                if name in self.cleaned_data}
        data["topics"] = list(self.cleaned_data.get("topics") or [])
        data["tags"] = parse_tags(self.cleaned_data.get("tags_text", ""))
        return data


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("Nama sumber data"), max_length=300)
    description = forms.CharField(label=_("Deskripsi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(
        label=_("Berkas"), required=False,
        help_text=_("CSV, XLSX atau JSON menjadi tabel yang dapat ditelusuri; PDF dan "
                    "lainnya menjadi unduhan."))
    url = forms.URLField(label=_("Atau tautan"), required=False, max_length=1000,
                         assume_scheme="https")
    key_column = forms.CharField(
        label=_("Kolom kunci (opsional)"), required=False, max_length=200,
        help_text=_("Nama kolom yang mengenali satu baris (mis. kode_tps), untuk ringkasan "
                    "perubahan antarversi."))
    number_format = forms.ChoiceField(label=_("Format angka dalam berkas"),
                                      choices=NumberFormat.choices,
                                      initial=NumberFormat.INTERNATIONAL)

    def clean(self):
        data = super().clean()
        if bool(data.get("upload")) == bool(data.get("url")):
            raise ValidationError(_("Unggah satu berkas atau isi satu tautan (tidak "
                                    "keduanya)."))
        return data


class ResourceEditForm(forms.Form):
    name = forms.CharField(label=_("Nama sumber data"), max_length=300)
    description = forms.CharField(label=_("Deskripsi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    key_column = forms.CharField(label=_("Kolom kunci (opsional)"), required=False,
                                 max_length=200)
    number_format = forms.ChoiceField(label=_("Format angka dalam berkas"),
                                      choices=NumberFormat.choices)


class VersionUploadForm(forms.Form):
    upload = forms.FileField(label=_("Berkas versi baru"))


class ColumnForm(forms.Form):
    """One column of the schema review."""

    name = forms.CharField(label=_("Nama kolom"), max_length=200)
    label = forms.CharField(label=_("Label"), max_length=300, required=False)
    type = forms.ChoiceField(label=_("Tipe"), choices=ColumnType.choices)
    is_code = forms.BooleanField(label=_("Kode"), required=False)
    description = forms.CharField(label=_("Definisi"), max_length=1000, required=False)


ColumnFormSet = forms.formset_factory(ColumnForm, extra=0, can_delete=False,
                                      can_order=False)


def column_formset(version, data=None):
    initial = [{"name": c.get("name", ""), "label": c.get("label", ""),
                "type": c.get("type", ColumnType.TEXT), "is_code": bool(c.get("is_code")),
                "description": c.get("description", "")} for c in version.schema]
    return ColumnFormSet(data=data, initial=initial, prefix="kolom")
