"""Forms of the evaluation pages: inbox filters, the review of a report (verdict, comments per
indicator and general, several recommendations with deadlines) and dashboard selectors."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..choices import RecommendationStatus, ReportStatus

QUARTER_CHOICES = [("", _("Semua triwulan"))] + [
    (str(q), format_lazy("{} {}", _("Triwulan"), label))
    for q, label in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))]
REVIEWED_STATUSES = [(s.value, s.label) for s in ReportStatus if s != ReportStatus.DRAFT]


def _year_choices(years) -> list[tuple[str, str]]:
    return [("", _("Semua tahun"))] + [(str(y), str(y)) for y in years]


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))] + REVIEWED_STATUSES)
    quarter = forms.TypedChoiceField(label=_("Triwulan"), required=False, coerce=int,
                                     empty_value=None, choices=QUARTER_CHOICES)
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)
    satker = forms.CharField(label=_("Kode satker"), required=False, max_length=20,
                             help_text=_("Mis. 33.20; kode provinsi mencakup kabupaten/kotanya."))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years)


class RecommendationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))]
                               + list(RecommendationStatus.choices))
    satker = forms.CharField(label=_("Kode satker"), required=False, max_length=20)


class ReviewForm(forms.Form):
    """The verdict with a general comment and one optional comment per indicator
    (``comment_<indicator id>``)."""

    verdict = forms.ChoiceField(
        label=_("Hasil evaluasi"), widget=forms.RadioSelect,
        choices=[(ReportStatus.ACCEPTED.value, _("Diterima")),
                 (ReportStatus.REVISE.value, _("Perlu perbaikan"))],
        error_messages={"required": _("Pilih hasil evaluasi: diterima atau perlu perbaikan.")})
    comment = forms.CharField(label=_("Komentar umum"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Komentar untuk indikator “%(name)s”") % {"name": indicator.name},
                required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def comment_field(self, indicator):
        return self[f"comment_{indicator.pk}"]

    def comments(self) -> list[tuple[int | None, str]]:
        """``(indicator id or None, text)`` for every comment written, general first."""
        data = self.cleaned_data
        result = [(None, data["comment"])] if data.get("comment", "").strip() else []
        for indicator in self.indicators:
            text = data.get(f"comment_{indicator.pk}", "")
            if text.strip():
                result.append((indicator.pk, text))
        return result


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Rekomendasi"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("Batas waktu"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        text, deadline = (data.get("text") or "").strip(), data.get("deadline")
        if text and not deadline and "deadline" not in self.errors:
            self.add_error("deadline", _("Isi batas waktu rekomendasi ini."))
        if deadline and not text:
            self.add_error("text", _("Tuliskan rekomendasinya atau kosongkan batas waktunya."))
        if deadline and deadline < timezone.localdate():
            self.add_error("deadline", _("Batas waktu tidak boleh sebelum hari ini."))
        return data


RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=3, max_num=10,
                                              validate_max=True)


def recommendations_of(formset) -> list[tuple[str, object]]:
    return [(f.cleaned_data["text"], f.cleaned_data["deadline"]) for f in formset.forms
            if f.cleaned_data.get("text", "").strip()]


class PeriodForm(forms.Form):
    """Year and quarter selectors of the dashboards."""

    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False,
                                  empty_value=None)
    quarter = forms.TypedChoiceField(
        label=_("Triwulan"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Laporan terakhir"))] + QUARTER_CHOICES[1:])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
