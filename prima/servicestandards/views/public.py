"""Public pages: the national list of published services, a satker's services, a service's
standard with its pledge and SOPs (the effective version per channel and the history), the
SOP with its flowchart, and the printable PDFs."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from prima.core.viewutils import page_of, query_without_page
from prima.organisations.models import Satker

from .. import exports
from ..choices import Channel, ServiceKey, SopStatus
from ..models import Service, Sop
from .common import sop_context


def _published(satker_code, key) -> Service:
    return get_object_or_404(Service.objects.published().select_related("satker"),
                             satker__code=satker_code, key=key)


@require_GET
def service_list(request):
    services = Service.objects.published().select_related("satker").order_by(
        "satker__code", "order", "name")
    key = request.GET.get("layanan", "")
    query = " ".join(request.GET.get("q", "").split())[:100]
    if key:
        services = services.filter(key=key)
    if query:
        services = services.filter(Q(name__icontains=query) | Q(satker__name__icontains=query))
    return render(request, "servicestandards/public/service_list.html", {
        "page_obj": page_of(request, services), "keys": ServiceKey.choices,
        "key": key, "query": query, "query_string": query_without_page(request)})


@require_GET
def satker_services(request, code):
    satker = get_object_or_404(Satker, code=code)
    services = Service.objects.published().filter(satker=satker)
    return render(request, "servicestandards/public/satker_services.html", {
        "satker": satker, "services": services})


@require_GET
def service_detail(request, code, key):
    service = _published(code, key)
    sops = list(Sop.objects.public().filter(service=service).order_by("channel", "-revision"))
    channels = []
    for value, label in Channel.choices:
        own = [s for s in sops if s.channel == value]
        current = next((s for s in own if s.status == SopStatus.EFFECTIVE), None)
        channels.append({"value": value, "label": label, "current": current,
                         "history": [s for s in own if s is not current]})
    return render(request, "servicestandards/public/service_detail.html", {
        "service": service, "satker": service.satker,
        "components": service.components(public=True), "channels": channels})


@require_GET
def service_pdf(request, code, key):
    service = _published(code, key)
    return _pdf(exports.service_pdf(service), f"standar-pelayanan-{service.key}.pdf")


def _public_sop(code, pk) -> Sop:
    return get_object_or_404(
        Sop.objects.public().select_related("service__satker", "decree")
        .prefetch_related("actors", "steps__actor"), service__satker__code=code, pk=pk)


@require_GET
def sop_detail(request, code, pk):
    sop = _public_sop(code, pk)
    return render(request, "servicestandards/public/sop_detail.html", {
        **sop_context(sop), "service": sop.service, "satker": sop.service.satker})


@require_GET
def sop_pdf(request, code, pk):
    sop = _public_sop(code, pk)
    return _pdf(exports.sop_pdf(sop), f"sop-{sop.service.key}-{sop.channel}"
                                      f"-rev{sop.revision}.pdf")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
