"""The officer's resource pages: add a file or a link to a dataset, the resource page with its
versions and usage, its metadata, and the upload of a new version (fetches and rights as in
``datasets``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors

from .. import policies, services, usage
from ..forms import ResourceEditForm, ResourceForm, VersionUploadForm
from .common import staff_dataset, staff_resource, version_url


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request, slug):
    dataset = staff_dataset(request, slug, write=True)
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
                return redirect(version_url(version))
            messages.success(request, _("Tautan ditambahkan."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/resource_form.html", {"form": form,
                                                                 "dataset": dataset})


def _resource_page(request, resource, upload_form, *, can_edit: bool, status: int = 200):
    versions = list(resource.versions.select_related("created_by").order_by("-number"))
    for version in versions:
        version.resource = resource
    return render(request, "catalog/staff/resource_detail.html", {
        "dataset": resource.dataset, "resource": resource, "versions": versions,
        "upload_form": upload_form, "can_edit": can_edit,
        "usage": usage.resource_usage_summary([resource.pk])[resource.pk],
    }, status=status)


@login_required
@require_GET
def resource_detail(request, slug, resource_slug):
    resource = staff_resource(request, slug, resource_slug)
    return _resource_page(request, resource, VersionUploadForm(),
                          can_edit=policies.can_edit_dataset(request.user, resource.dataset))


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request, slug, resource_slug):
    resource = staff_resource(request, slug, resource_slug, write=True)
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
    resource = staff_resource(request, slug, resource_slug, write=True)
    form = VersionUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.upload_new_version(resource=resource, actor=request.user,
                                                  upload=form.cleaned_data["upload"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            version.resource = resource
            return redirect(version_url(version))
    return _resource_page(request, resource, form, can_edit=True, status=400)
