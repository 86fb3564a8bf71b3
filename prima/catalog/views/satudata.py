"""Satu Data Indonesia pages (domain satu-data.md, ``satudata``): the walidata's review queue,
review page and per-satker setting; the producer's data dictionary (MS-Var) and indicator
metadata (MS-Ind) forms; the public data dictionary CSV (the exports' sidecar).

The review pages answer 404 to anyone who is not walidata of the dataset's satker or above;
the metadata forms to anyone who does not write the dataset's catalog (as the other staff
pages). Writes are POST only and go through ``services``/``satudata``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors
from prima.organisations.models import Satker

from .. import policies, satudata, services
from ..choices import ColumnAccess, ColumnReference, DatasetStatus, UpdateFrequency
from ..models import Resource
from .common import error_text, staff_dataset, staff_resource
from .public import _visible_dataset


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", gettext_lazy("Terbitkan")),
                                          ("return", gettext_lazy("Kembalikan"))])
    note = forms.CharField(label=gettext_lazy("Catatan untuk produsen data"), required=False,
                           max_length=satudata.NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=gettext_lazy("Wajib diisi jika dataset dikembalikan."))


class SettingForm(forms.Form):
    review_required = forms.TypedChoiceField(
        label=gettext_lazy("Cara menerbitkan dataset"), coerce=lambda v: v == "yes",
        choices=[("yes", gettext_lazy("Melalui pemeriksaan walidata")),
                 ("no", gettext_lazy("Langsung oleh produsen data (tanpa pemeriksaan)"))],
        widget=forms.RadioSelect)


class ColumnForm(forms.Form):
    concept = forms.CharField(label=gettext_lazy("Konsep"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    definition = forms.CharField(label=gettext_lazy("Definisi"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    classification = forms.CharField(label=gettext_lazy("Klasifikasi / daftar kode"),
                                     required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reference = forms.ChoiceField(label=gettext_lazy("Kode referensi"), required=False,
                                  choices=[("", gettext_lazy("Tidak ada")),
                                           *ColumnReference.choices])
    validation_rule = forms.CharField(label=gettext_lazy("Aturan validasi"), required=False,
                                      max_length=500)
    time_reference = forms.CharField(label=gettext_lazy("Rujukan waktu"), required=False,
                                     max_length=200)
    unit = forms.CharField(label=gettext_lazy("Satuan"), required=False, max_length=100)
    access = forms.ChoiceField(label=gettext_lazy("Akses publik"), choices=ColumnAccess.choices)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama indikator"), required=False, max_length=300)
    concept = forms.CharField(label=gettext_lazy("Konsep"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    definition = forms.CharField(label=gettext_lazy("Definisi"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    formula = forms.CharField(label=gettext_lazy("Rumus perhitungan"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=gettext_lazy("Satuan"), required=False, max_length=100)
    interpretation = forms.CharField(label=gettext_lazy("Interpretasi"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    disaggregation = forms.CharField(label=gettext_lazy("Tingkat penyajian (disagregasi)"),
                                     required=False, max_length=300)
    frequency = forms.ChoiceField(label=gettext_lazy("Frekuensi"), required=False,
                                  choices=[("", "—"), *UpdateFrequency.choices])


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True, max_num=50,
                                         validate_max=True)


# --- walidata -----------------------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request):
    """The datasets waiting for this walidata's review, oldest first."""
    if not policies.is_walidata_anywhere(request.user):
        raise Http404
    datasets = list(satudata.datasets_to_review(request.user)[:200])
    return render(request, "catalog/staff/review_queue.html", {"datasets": datasets})


def _reviewed_dataset(request, slug):
    dataset = staff_dataset(request, slug)
    if not policies.is_walidata_for(request.user, dataset.satker):
        raise Http404
    return dataset


@login_required
@require_http_methods(["GET", "POST"])
def dataset_review(request, slug):
    """The walidata checks a dataset in review: publish it, or return it with notes."""
    dataset = _reviewed_dataset(request, slug)
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.publish_dataset(dataset=dataset, actor=request.user)
                done = _("Dataset diperiksa dan diterbitkan.")
            else:
                satudata.return_dataset(dataset=dataset, actor=request.user,
                                        note=form.cleaned_data["note"])
                done = _("Dataset dikembalikan ke produsen data dengan catatan.")
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 400
        else:
            messages.success(request, done)
            return redirect("catalog:staff-dataset", dataset.slug)
    elif request.method == "POST":
        status = 400
    return render(request, "catalog/staff/review.html", {
        "dataset": dataset, "form": form, "problems": satudata.review_problems(dataset),
        "in_review": dataset.status == DatasetStatus.IN_REVIEW,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def satker_setting(request, code):
    """Whether a satker publishes through its walidata (decided by the walidata)."""
    satker = get_object_or_404(Satker, code=code)
    if not policies.is_walidata_for(request.user, satker):
        raise Http404
    required = satudata.review_required(satker)
    form = SettingForm(request.POST or None,
                       initial={"review_required": "yes" if required else "no"})
    if request.method == "POST" and form.is_valid():
        satudata.set_review_required(satker=satker, actor=request.user,
                                     required=form.cleaned_data["review_required"])
        messages.success(request, _("Pengaturan disimpan."))
        return redirect("catalog:staff-catalog-setting", satker.code)
    return render(request, "catalog/staff/setting.html", {"satker": satker, "form": form,
                                                          "required": required})


# --- metadata -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def resource_dictionary(request, slug, resource_slug):
    """The producer fills the MS-Var of every column of a table."""
    resource = staff_resource(request, slug, resource_slug, write=True)
    dataset = resource.dataset
    entries = satudata.data_dictionary(resource)
    if not entries:
        raise Http404
    forms_by_column = [
        (entry, ColumnForm(request.POST or None, prefix=f"k{i}",
                           initial={f: entry[f] for f in satudata.MS_VAR_FIELDS}))
        for i, entry in enumerate(entries)]
    error, problems = "", []
    if request.method == "POST" and all(f.is_valid() for _e, f in forms_by_column):
        try:
            problems = satudata.save_column_metadata(
                resource=resource, actor=request.user,
                columns={e["name"]: f.cleaned_data for e, f in forms_by_column})
        except ValidationError as exc:
            error = error_text(exc)
        else:
            if problems:
                messages.warning(request, _("Kamus data disimpan, tetapi versi yang menunggu "
                                            "pemeriksaan memuat kode yang tidak dikenal."))
            else:
                messages.success(request, _("Kamus data disimpan."))
            return redirect("catalog:staff-resource", dataset.slug, resource.slug)
    return render(request, "catalog/staff/dictionary_form.html", {
        "dataset": dataset, "resource": resource, "forms": forms_by_column, "error": error,
    }, status=400 if error or request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def dataset_indicators(request, slug):
    """The producer fills the indicator metadata (MS-Ind) of an indicator dataset."""
    dataset = staff_dataset(request, slug, write=True)
    initial = [{f: getattr(i, f) for f in satudata.MS_IND_FIELDS}
               for i in dataset.indicators.all()]
    formset = IndicatorFormSet(request.POST or None, initial=initial, prefix="ind")
    error = ""
    if request.method == "POST" and formset.is_valid():
        rows = [f.cleaned_data for f in formset
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
                and any(str(v).strip() for k, v in f.cleaned_data.items() if k != "DELETE")]
        try:
            satudata.save_indicators(dataset=dataset, actor=request.user, indicators=rows)
        except ValidationError as exc:
            error = error_text(exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Metadata indikator disimpan."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/indicators_form.html", {
        "dataset": dataset, "formset": formset, "error": error,
    }, status=400 if request.method == "POST" else 200)


# --- public -------------------------------------------------------------------------------------


@require_GET
def dictionary_csv(request, slug, resource_slug):
    """The data dictionary of a published table as CSV (the sidecar of its exports)."""
    dataset = _visible_dataset(request, slug)
    resource = get_object_or_404(Resource.objects.select_related("current_version"),
                                 dataset=dataset, slug=resource_slug, is_tabular=True,
                                 current_version__isnull=False)
    response = HttpResponse(satudata.dictionary_csv(resource),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="{dataset.slug}-'
                                       f'{resource.slug}-kamus-data.csv"')
    return response
