"""Helpers shared by the catalog's views: staff fetches through the policies (404 for what the
user may not read or change), breadcrumbs, and the download of an original file."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import policies
from ..models import Dataset, Resource, ResourceVersion


def staff_dataset(request, slug, *, write=False) -> Dataset:
    """A dataset of the satkers the user reads for the catalog; ``write`` also needs the right
    to change it. Else 404, as for a dataset that does not exist."""
    dataset = get_object_or_404(
        policies.staff_datasets(request.user).select_related("satker", "licence"), slug=slug)
    if write and not policies.can_edit_dataset(request.user, dataset):
        raise Http404
    return dataset


def staff_resource(request, slug, resource_slug, *, write=False) -> Resource:
    dataset = staff_dataset(request, slug, write=write)
    resource = get_object_or_404(Resource.objects.select_related("current_version"),
                                 dataset=dataset, slug=resource_slug)
    resource.dataset = dataset
    return resource


def staff_version(request, slug, resource_slug, number, *, write=False) -> ResourceVersion:
    resource = staff_resource(request, slug, resource_slug, write=write)
    version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    version.resource = resource
    return version


def version_url(version: ResourceVersion) -> str:
    resource = version.resource
    return reverse("catalog:staff-version",
                   args=[resource.dataset.slug, resource.slug, version.number])


def staff_crumbs(dataset: Dataset, resource: Resource | None = None) -> list[tuple[str, str]]:
    """Breadcrumbs down to ``dataset`` (and ``resource``), as ``catalog/staff/_crumbs.html``."""
    crumbs = [(_("Katalog data"), reverse("catalog:staff-datasets")),
              (truncatechars(dataset.title, 40), reverse("catalog:staff-dataset",
                                                         args=[dataset.slug]))]
    if resource is not None:
        crumbs.append((truncatechars(resource.name, 40),
                       reverse("catalog:staff-resource", args=[dataset.slug, resource.slug])))
    return crumbs


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def original_file(version: ResourceVersion) -> FileResponse:
    """The uploaded file of ``version`` as a download (404 when the file is gone)."""
    try:
        handle = version.original.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=version.original_name,
                        content_type=version.content_type or "application/octet-stream")
