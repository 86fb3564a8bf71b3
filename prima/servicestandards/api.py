"""Read-only JSON API of the published service catalog (django-ninja router, mounted under
/api/v1/layanan/): services with their standard (the 14 components as published), channels
and pledge, and their SOPs in effect with actors and steps. Only what the public pages show."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from prima.core.params import MAX_PAGE_NUMBER

from .choices import Channel
from .models import Service, Sop

router = Router(tags=["Standar pelayanan"])
PAGE_SIZE = 50


class ServiceFilter(Schema):
    satker: str = ""
    key: str = ""
    page: int = Field(1, ge=1, le=MAX_PAGE_NUMBER)


class ServiceOut(Schema):
    satker: str
    satker_name: str
    key: str
    name: str
    time: str
    cost: str
    online_url: str


class ServicePageOut(Schema):
    count: int
    page: int
    results: list[ServiceOut]


class ComponentOut(Schema):
    number: int
    label: str
    text: str


class StepOut(Schema):
    number: int
    activity: str
    actor: str
    kind: str
    no_goto: int | None
    requirements: str
    time: str
    output: str
    remarks: str


class SopOut(Schema):
    id: int
    channel: str
    name: str
    number: str
    revision: int
    effective_on: str | None
    actors: list[str]
    steps: list[StepOut]


class ServiceDetailOut(ServiceOut):
    description: str
    components: list[ComponentOut]
    offline: bool
    online_media: list[str]
    opening_hours: str
    served_by: str
    pledge: str
    pledge_signed_by: str
    sops: list[SopOut]


class ErrorOut(Schema):
    detail: str


def _summary(service: Service) -> dict:
    return {"satker": service.satker.code, "satker_name": service.satker.name,
            "key": service.key, "name": service.name, "time": service.time_display,
            "cost": service.cost_display, "online_url": service.request_form_url}


@router.get("/", response=ServicePageOut, summary="Daftar layanan",
            url_name="servicestandards-services")
def list_services(request, filters: Query[ServiceFilter]):
    """Published services of every satker (filter by satker code and service key)."""
    services = Service.objects.published().select_related("satker").order_by(
        "satker__code", "order", "name")
    if filters.satker:
        services = services.filter(satker__code=filters.satker)
    if filters.key:
        services = services.filter(key=filters.key)
    count = services.count()
    page = max(filters.page, 1)
    rows = services[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return {"count": count, "page": page, "results": [_summary(s) for s in rows]}


@router.get("/{code}/{key}", response={200: ServiceDetailOut, 404: ErrorOut},
            summary="Standar pelayanan dan SOP", url_name="servicestandards-service")
def get_service(request, code: str, key: str):
    """A published service: its standard, channels, pledge and the SOPs in effect."""
    effective = Sop.objects.effective().prefetch_related("actors", "steps__actor")
    service = (Service.objects.published().select_related("satker")
               .prefetch_related(Prefetch("sops", queryset=effective, to_attr="effective"))
               .filter(satker__code=code, key=key).first())
    if service is None:
        return Status(404, {"detail": _("Layanan tidak ditemukan.")})
    return Status(200, {
        **_summary(service), "description": service.description,
        "components": [{"number": n, "label": str(label), "text": text or ""}
                       for n, label, text in service.components(public=True)],
        "offline": service.offline, "online_media": service.online_media,
        "opening_hours": service.opening_hours, "served_by": service.served_by,
        "pledge": service.pledge, "pledge_signed_by": service.pledge_signed_by,
        "sops": [{
            "id": sop.pk, "channel": sop.channel, "name": sop.name, "number": sop.number,
            "revision": sop.revision,
            "effective_on": sop.effective_on.isoformat() if sop.effective_on else None,
            "actors": [a.name for a in sop.actors.all()],
            "steps": [{"number": s.number, "activity": s.activity, "actor": s.actor.name,
                       "kind": s.kind, "no_goto": s.no_goto, "requirements": s.requirements,
                       "time": s.time_display, "output": s.output, "remarks": s.remarks}
                      for s in sop.steps.all()],
        } for sop in sorted(service.effective, key=lambda s: Channel.values.index(s.channel))],
    })
