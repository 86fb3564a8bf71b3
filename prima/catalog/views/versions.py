"""The officer's version pages: ingestion progress, the schema review with a preview, publish
or discard, and the original file (fetches and rights as in ``datasets``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page

from .. import policies, services
from ..choices import VersionStatus
from ..forms import column_formset
from ..tables import preview_rows
from .common import (
    error_text,
    original_file,
    staff_crumbs,
    staff_resource,
    staff_version,
    version_url,
)

PENDING_STATUSES = (VersionStatus.UPLOADED, VersionStatus.INGESTING)


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
    version = staff_version(request, slug, resource_slug, number)
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
                    return redirect(version_url(version))
                version.refresh_from_db()
                version.resource = staff_resource(request, slug, resource_slug)
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
    version = staff_version(request, slug, resource_slug, number)
    response = render(request, "catalog/staff/_version_status.html",
                      {"version": version, "dataset": version.resource.dataset,
                       "resource": version.resource,
                       "pending": version.status in PENDING_STATUSES})
    if request.headers.get("HX-Request") and version.status not in PENDING_STATUSES:
        response["HX-Refresh"] = "true"
    return response


# action → (service, page title, confirm button, what happens, message once done)
VERSION_ACTIONS = {
    "publish": (services.publish_version, gettext_lazy("Terbitkan versi"),
                gettext_lazy("Ya, terbitkan versi"),
                gettext_lazy("Versi ini menjadi data yang tampil dan dapat diunduh publik; "
                             "versi terbit sebelumnya tetap dapat diunduh sebagai versi lama."),
                gettext_lazy("Versi diterbitkan.")),
    "discard": (services.discard_version, gettext_lazy("Buang versi"),
                gettext_lazy("Ya, buang versi"),
                gettext_lazy("Versi ini tidak akan diterbitkan. Data yang sudah terbit tidak "
                             "berubah."),
                gettext_lazy("Versi dibuang.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def version_action(request, slug, resource_slug, number, action):
    version = staff_version(request, slug, resource_slug, number, write=True)
    function, title, confirm_label, explanation, done = VERSION_ACTIONS[action]
    error = ""
    if request.method == "POST":
        try:
            function(version=version, actor=request.user)
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(request, str(done))
            return redirect("catalog:staff-resource", slug, resource_slug)
    resource = version.resource
    return confirm_page(
        request, title=str(title), message=str(explanation), confirm_label=str(confirm_label),
        cancel_url=version_url(version), crumbs=staff_crumbs(resource.dataset, resource),
        facts=[(_("Dataset"), resource.dataset.title), (_("Sumber data"), resource.name),
               (_("Versi"), version.number), (_("Berkas"), version.original_name),
               (_("Status"), version.get_status_display())],
        danger=action == "discard", error=error, status=400 if error else 200)


@login_required
@require_GET
def version_download(request, slug, resource_slug, number):
    version = staff_version(request, slug, resource_slug, number)
    return original_file(version)
