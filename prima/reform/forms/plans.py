"""Forms of action plans: creation, copy, template adoption, approval and return, and the
editor of the programme → activity → indicator tree."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prima.organisations.models import Division, Document, Satker

from ..models import ActionPlan, Activity, AreaOfChange, Indicator, Programme, Regime
from .common import (
    DocumentChoiceField,
    PersonChoiceField,
    clean_spaces,
    decrees_of,
    people_of,
    version_field,
)

QUARTER_CHOICES = [(1, _("TW I")), (2, _("TW II")), (3, _("TW III")), (4, _("TW IV"))]


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, **kwargs)


class PlanCreateForm(forms.Form):
    year = _year_field()
    regime = forms.ModelChoiceField(label=_("Regulasi RB"), queryset=Regime.objects.all(),
                                    empty_label=None)
    title = forms.CharField(label=_("Judul"), max_length=300,
                            help_text=_("Mis. Rencana Aksi Reformasi Birokrasi 2021"))
    is_template = forms.BooleanField(
        label=_("Templat untuk KPU Kabupaten/Kota di wilayah ini"), required=False,
        help_text=_("Templat dapat diadopsi dan disesuaikan oleh satker di bawahnya."))

    def __init__(self, *args, allow_template: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_template:
            del self.fields["is_template"]

    def clean_title(self):
        return clean_spaces(self.cleaned_data["title"])


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.year} — {obj.title} ({obj.get_status_display()})"


class CopyPlanForm(forms.Form):
    source = PlanChoiceField(label=_("Salin dari"), queryset=ActionPlan.objects.none(),
                             empty_label=None)
    year = _year_field(help_text=_("Tahun rencana aksi baru."))

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class AdoptTemplateForm(forms.Form):
    year = _year_field(help_text=_("Tahun rencana aksi satker ini."))


class ApproveForm(forms.Form):
    decree = DocumentChoiceField(label=_("SK penetapan rencana aksi"),
                                 queryset=Document.objects.none(),
                                 empty_label=_("— pilih SK —"))

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decree"].queryset = decrees_of(satker)


class ItemDataMixin:
    """``item_data()``: the cleaned values of the model fields, for a service call.

    Views pass a freshly loaded object to the service: a bound ModelForm has already copied
    the new values onto its own instance, so the service would see no change on it."""

    def item_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}



class ReturnPlanForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pengembalian"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class ProgrammeForm(ItemDataMixin, forms.ModelForm):
    version = version_field()

    class Meta:
        model = Programme
        fields = ["area", "name", "order"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = AreaOfChange.objects.filter(regime_id=plan.regime_id)
        self.fields["area"].empty_label = None

    def clean_name(self):
        return clean_spaces(self.cleaned_data["name"])


class QuarterField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=QUARTER_CHOICES, coerce=int, **kwargs)


class ActivityForm(ItemDataMixin, forms.ModelForm):
    version = version_field()
    quarters = QuarterField(label=_("Jadwal (triwulan)"), required=False)

    class Meta:
        model = Activity
        fields = ["name", "output", "owner_division", "owner_person", "quarters", "budget",
                  "weight", "order"]
        field_classes = {"owner_person": PersonChoiceField}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_division"].queryset = Division.objects.filter(satker_id=plan.satker_id)
        self.fields["owner_person"].queryset = people_of(plan.satker)
        self.fields["budget"].min_value = 0
        self.fields["weight"].min_value = 0
        self.fields["budget"].widget.attrs["min"] = 0
        self.fields["weight"].widget.attrs["min"] = 0

    def clean_quarters(self):
        return sorted(set(self.cleaned_data["quarters"]))

    def clean_budget(self):
        value = self.cleaned_data["budget"]
        if value is not None and value < 0:
            raise ValidationError(_("Anggaran tidak boleh negatif."))
        return Decimal(0) if value is None else value

    def clean_weight(self):
        value = self.cleaned_data["weight"]
        if value is not None and value < 0:
            raise ValidationError(_("Bobot tidak boleh negatif."))
        return value


class IndicatorForm(ItemDataMixin, forms.ModelForm):
    version = version_field()

    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline", "target", "target_q1", "target_q2",
                  "target_q3", "target_q4", "weight", "order", "source"]
        help_texts = {"target_q1": _("Target kumulatif sampai akhir triwulan."),
                      "weight": _("Bobot indikator di dalam kegiatannya.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False

    def clean_weight(self):
        value = self.cleaned_data["weight"]
        if value is not None and value < 0:
            raise ValidationError(_("Bobot tidak boleh negatif."))
        return value
