"""Large exports prepared in the background: the request that starts one, its progress page
and the private download of its file (only for whoever asked, while the dataset stays
visible to them)."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .. import policies
from ..choices import UsageKind
from ..models import ExportJob, ExportStatus
from ..usage import record_usage


def start(request, version, fmt: str) -> ExportJob:
    """A queued job for the current view of ``version`` as ``fmt``, for this requester."""
    from ..tasks import prepare_export

    if not request.user.is_authenticated:
        # The anonymous requester is its session: marked modified so its cookie is sent.
        request.session["catalog_exports"] = True
        if not request.session.session_key:
            request.session.save()
    query = request.GET.copy()
    for name in ("_after", "_size", "_facet", "_group_by", "_metric", "_chart"):
        query.pop(name, None)
    job = ExportJob.objects.create(
        version=version, fmt=fmt, query=query.urlencode(),
        requested_by=request.user if request.user.is_authenticated else None,
        session_key="" if request.user.is_authenticated else request.session.session_key)
    transaction.on_commit(lambda: prepare_export.enqueue(job.pk))
    return job


def _job(request, token) -> ExportJob:
    """The job of ``token`` when this requester asked for it and may still see the data."""
    job = get_object_or_404(ExportJob.objects.select_related(
        "version__resource__dataset__satker"), token=token)
    if request.user.is_authenticated:
        mine = job.requested_by_id == request.user.pk
    else:
        mine = bool(job.session_key) and job.session_key == request.session.session_key
    dataset = job.version.resource.dataset
    if not mine or not policies.datasets_visible_to(request.user).filter(pk=dataset.pk).exists():
        raise Http404
    return job


@require_GET
def export_status(request, token):
    job = _job(request, token)
    template = ("catalog/public/_export_status.html" if request.headers.get("HX-Request")
                else "catalog/public/export_status.html")
    resource = job.version.resource
    return render(request, template, {"job": job, "resource": resource,
                                      "dataset": resource.dataset})


@require_GET
def export_download(request, token):
    job = _job(request, token)
    if job.status != ExportStatus.DONE or not job.file:
        return redirect("catalog:export-status", token=token)
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    resource = job.version.resource
    if resource.dataset.is_published:
        record_usage(dataset=resource.dataset, resource=resource, kind=UsageKind.DOWNLOAD)
    response = FileResponse(handle, as_attachment=True,
                            filename=f"{resource.dataset.slug}-{resource.slug}.{job.fmt}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
