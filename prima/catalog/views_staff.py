"""The officer's catalog pages: datasets of their satkers, metadata, resources, versions with
ingestion progress, schema review, publication and usage figures.

Datasets are fetched through ``policies.staff_datasets(user)`` (``Purpose.CATALOG`` read), so a
dataset of another satker answers 404 exactly like one that does not exist; changes also need
the write right (admin, head, secretary, PPID), else 404 as well (evaluators above read only).
Writes are POST only and go through ``services``; a ``ValidationError`` is shown on the page and
changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors
from prima.organisations.policies import is_staff_member

from . import policies, services, usage
from .choices import DatasetStatus, VersionStatus
from .forms import (
    DatasetFilterForm,
    DatasetForm,
    ResourceEditForm,
    ResourceForm,
    VersionUploadForm,
    column_formset,
)
from .models import Dataset, Resource, ResourceVersion
from .tables import preview_rows

PAGE_SIZE = 25
PENDING_STATUSES = (VersionStatus.UPLOADED, VersionStatus.INGESTING)


# --- Helpers ------------------------------------------------------------------------------------


def _dataset(request, slug, *, write=False) -> Dataset:
    dataset = get_object_or_404(
        policies.staff_datasets(request.user).select_related("satker", "licence"), slug=slug)
    if write and not policies.can_edit_dataset(request.user, dataset):
        raise Http404
    return dataset


def _resource(request, slug, resource_slug, *, write=False) -> Resource:
    dataset = _dataset(request, slug, write=write)
    resource = get_object_or_404(Resource.objects.select_related("current_version"),
                                 dataset=dataset, slug=resource_slug)
    resource.dataset = dataset
    return resource


def _version(request, slug, resource_slug, number, *, write=False) -> ResourceVersion:
    resource = _resource(request, slug, resource_slug, write=write)
    version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    version.resource = resource
    return version


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _version_url(version: ResourceVersion) -> str:
    resource = version.resource
    return reverse("catalog:staff-version",
                   args=[resource.dataset.slug, resource.slug, version.number])


# --- Datasets -----------------------------------------------------------------------------------


@login_required
@require_GET
def dataset_list(request):
    if not is_staff_member(request.user):
        raise Http404
    form = DatasetFilterForm(request.GET or None)
    datasets = (policies.staff_datasets(request.user)
                .select_related("satker")
                .annotate(n_resources=Count("resources", distinct=True))
                .order_by("-updated_at"))
    if form.is_valid():
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            datasets = datasets.filter(Q(title__icontains=q) | Q(description__icontains=q)
                                       | Q(satker__name__icontains=q))
        if form.cleaned_data["status"]:
            datasets = datasets.filter(status=form.cleaned_data["status"])
    page_obj = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = usage.usage_summary([d.pk for d in page_obj]) if page_obj.object_list else {}
    for dataset in page_obj:
        dataset.figures = counts.get(dataset.pk, {})
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "catalog/staff/dataset_list.html", {
        "form": form, "page_obj": page_obj, "query_string": params.urlencode(),
        "can_create": policies.writable_satkers(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def dataset_create(request):
    satkers = policies.writable_satkers(request.user)
    if not satkers.exists():
        raise Http404
    form = DatasetForm(request.POST or None, satkers=satkers)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.create_dataset(satker=form.cleaned_data["satker"],
                                              actor=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Dataset dibuat sebagai draf. Tambahkan sumber data."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/dataset_form.html", {"form": form, "dataset": None})


@login_required
@require_http_methods(["GET", "POST"])
def dataset_edit(request, slug):
    dataset = _dataset(request, slug, write=True)
    form = DatasetForm(request.POST or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dataset(dataset=dataset, actor=request.user,
                                    **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Metadata dataset disimpan."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/dataset_form.html", {"form": form,
                                                                "dataset": dataset})


@login_required
@require_GET
def dataset_detail(request, slug):
    dataset = _dataset(request, slug)
    resources = list(
        Resource.objects.filter(dataset=dataset)
        .select_related("current_version")
        .annotate(latest_number=Max("versions__number"),
                  n_versions=Count("versions")))
    latest = {(v.resource_id, v.number): v for v in ResourceVersion.objects.filter(
        resource__in=resources,
        number__in=[r.latest_number for r in resources if r.latest_number]).only(
        "id", "resource_id", "number", "status", "progress", "created_at")}
    resource_usage = usage.resource_usage_summary(resources) if resources else {}
    for resource in resources:
        resource.latest_version = latest.get((resource.pk, resource.latest_number))
        resource.figures = resource_usage.get(resource.pk, {})
    dataset_usage = usage.usage_summary([dataset.pk])[dataset.pk]
    return render(request, "catalog/staff/dataset_detail.html", {
        "dataset": dataset, "resources": resources, "usage": dataset_usage,
        "topics": list(dataset.topics.all()), "tags": list(dataset.tags.all()),
        "can_edit": policies.can_edit_dataset(request.user, dataset),
        "Status": DatasetStatus,
    })


TRANSITIONS = {
    "publish": (services.publish_dataset, _("Terbitkan dataset"),
                _("Dataset akan tampil di katalog publik dan dapat diunduh siapa pun."),
                _("Dataset diterbitkan.")),
    "withdraw": (services.withdraw_dataset, _("Tarik dataset"),
                 _("Dataset tidak lagi tampil di katalog publik; versinya tetap tersimpan dan "
                   "dapat diterbitkan kembali."),
                 _("Dataset ditarik dari katalog publik.")),
    "submit": (services.submit_for_review, _("Ajukan untuk diperiksa walidata"),
               _("Dataset ditandai siap diperiksa sebelum diterbitkan."),
               _("Dataset diajukan untuk diperiksa.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def dataset_transition(request, slug, action):
    dataset = _dataset(request, slug, write=True)
    function, title, explanation, done = TRANSITIONS[action]
    error = None
    if request.method == "POST":
        try:
            function(dataset=dataset, actor=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, str(done))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/confirm.html", {
        "dataset": dataset, "title": title, "explanation": explanation, "error": error,
        "button": title, "cancel_url": reverse("catalog:staff-dataset", args=[dataset.slug]),
        "danger": action == "withdraw",
    }, status=400 if error else 200)


# --- Resources ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request, slug):
    dataset = _dataset(request, slug, write=True)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource, version = services.add_resource(
                dataset=dataset, actor=request.user, name=data["name"],
                description=data["description"], upload=data["upload"], url=data["url"],
                key_column=data["key_column"], number_format=data["number_format"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if version is not None:
                version.resource = resource
                return redirect(_version_url(version))
            messages.success(request, _("Tautan ditambahkan."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/resource_form.html", {"form": form,
                                                                 "dataset": dataset})


@login_required
@require_GET
def resource_detail(request, slug, resource_slug):
    resource = _resource(request, slug, resource_slug)
    versions = list(resource.versions.select_related("created_by").order_by("-number"))
    for version in versions:
        version.resource = resource
    return render(request, "catalog/staff/resource_detail.html", {
        "dataset": resource.dataset, "resource": resource, "versions": versions,
        "upload_form": VersionUploadForm(),
        "can_edit": policies.can_edit_dataset(request.user, resource.dataset),
        "usage": usage.resource_usage_summary([resource.pk])[resource.pk],
    })


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request, slug, resource_slug):
    resource = _resource(request, slug, resource_slug, write=True)
    initial = {"name": resource.name, "description": resource.description,
               "key_column": resource.key_column, "number_format": resource.number_format}
    form = ResourceEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(resource=resource, actor=request.user,
                                     **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Sumber data disimpan."))
            return redirect("catalog:staff-resource", resource.dataset.slug, resource.slug)
    return render(request, "catalog/staff/resource_edit.html", {
        "form": form, "dataset": resource.dataset, "resource": resource})


@login_required
@require_http_methods(["POST"])
def version_upload(request, slug, resource_slug):
    resource = _resource(request, slug, resource_slug, write=True)
    form = VersionUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.upload_new_version(resource=resource, actor=request.user,
                                                  upload=form.cleaned_data["upload"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            version.resource = resource
            return redirect(_version_url(version))
    versions = list(resource.versions.select_related("created_by").order_by("-number"))
    for version in versions:
        version.resource = resource
    return render(request, "catalog/staff/resource_detail.html", {
        "dataset": resource.dataset, "resource": resource, "versions": versions,
        "upload_form": form, "can_edit": True,
        "usage": usage.resource_usage_summary([resource.pk])[resource.pk],
    }, status=400)


# --- Versions -----------------------------------------------------------------------------------


def _version_context(request, version, formset=None, *, problems=None):
    resource = version.resource
    can_edit = policies.can_edit_dataset(request.user, resource.dataset)
    reviewable = (resource.is_tabular and version.status in services.EDITABLE_VERSION_STATUSES
                  and bool(version.schema) and bool(version.parquet_path))
    preview = None
    if resource.is_tabular and version.parquet_path and version.status not in PENDING_STATUSES:
        preview = preview_rows(version)
    if formset is None and reviewable and can_edit:
        formset = column_formset(version)
    previous = resource.current_version if resource.current_version_id != version.pk else None
    return {
        "dataset": resource.dataset, "resource": resource, "version": version,
        "pending": version.status in PENDING_STATUSES, "formset": formset,
        "preview": preview, "problems": version.problems if problems is None else problems,
        "can_edit": can_edit, "previous": previous,
        "can_publish": can_edit and version.status == VersionStatus.REVIEW
        and not version.problems,
        "can_discard": can_edit and version.status not in (
            VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, VersionStatus.DISCARDED),
        "Status": VersionStatus,
    }


@login_required
@require_http_methods(["GET", "POST"])
def version_detail(request, slug, resource_slug, number):
    version = _version(request, slug, resource_slug, number)
    if request.method == "POST":
        if not policies.can_edit_dataset(request.user, version.resource.dataset):
            raise Http404
        formset = column_formset(version, data=request.POST)
        if formset.is_valid():
            schema = [dict(form.cleaned_data) for form in formset.forms]
            try:
                problems = services.review_schema(version=version, actor=request.user,
                                                  schema=schema)
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                if not problems:
                    messages.success(request, _("Skema disimpan. Periksa pratinjau lalu "
                                                "terbitkan versi ini."))
                    return redirect(_version_url(version))
                version.refresh_from_db()
                version.resource = _resource(request, slug, resource_slug)
                return render(request, "catalog/staff/version_detail.html",
                              _version_context(request, version, formset), status=400)
        return render(request, "catalog/staff/version_detail.html",
                      _version_context(request, version, formset), status=400)
    return render(request, "catalog/staff/version_detail.html",
                  _version_context(request, version))


@login_required
@require_GET
def version_status(request, slug, resource_slug, number):
    """The progress partial polled by htmx every 2 s; once ingestion has ended it asks the
    browser to reload the page, which then shows the review form or the problems."""
    version = _version(request, slug, resource_slug, number)
    response = render(request, "catalog/staff/_version_status.html",
                      {"version": version, "dataset": version.resource.dataset,
                       "resource": version.resource,
                       "pending": version.status in PENDING_STATUSES})
    if request.headers.get("HX-Request") and version.status not in PENDING_STATUSES:
        response["HX-Refresh"] = "true"
    return response


VERSION_ACTIONS = {
    "publish": (services.publish_version, _("Terbitkan versi"),
                _("Versi ini menjadi data yang tampil dan dapat diunduh publik; versi terbit "
                  "sebelumnya tetap dapat diunduh sebagai versi lama."),
                _("Versi diterbitkan.")),
    "discard": (services.discard_version, _("Buang versi"),
                _("Versi ini tidak akan diterbitkan. Data yang sudah terbit tidak berubah."),
                _("Versi dibuang.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def version_action(request, slug, resource_slug, number, action):
    version = _version(request, slug, resource_slug, number, write=True)
    function, title, explanation, done = VERSION_ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            function(version=version, actor=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, str(done))
            return redirect("catalog:staff-resource", slug, resource_slug)
    return render(request, "catalog/staff/confirm.html", {
        "dataset": version.resource.dataset, "resource": version.resource,
        "version": version, "title": title, "explanation": explanation, "error": error,
        "button": title, "cancel_url": _version_url(version), "danger": action == "discard",
    }, status=400 if error else 200)


@login_required
@require_GET
def version_download(request, slug, resource_slug, number):
    version = _version(request, slug, resource_slug, number)
    try:
        handle = version.original.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=version.original_name,
                        content_type=version.content_type or "application/octet-stream")

