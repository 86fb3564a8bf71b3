"""Builders of services and SOPs for tests (set up through the services where it matters)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from prima.organisations.tests.factories import DocumentFactory

from .. import services
from ..choices import Channel, ServiceKey, SopStatus, StepKind, TimeUnit
from ..models import Service, Sop

STANDARD = {
    "requirements": "Identitas pemohon (KTP).",
    "procedure": "Pemohon mengisi formulir, petugas mencatat dan menjawab.",
    "time_value": 10, "time_unit": TimeUnit.WORKDAY,
    "is_free": True,
    "product": "Salinan informasi publik.",
    "complaints": "Keberatan kepada atasan PPID.",
    "legal_basis": "UU 14/2008; UU 25/2009.",
    "opening_hours": "Senin–Jumat 08.00–16.00 WIB",
    "served_by": "Petugas PPID",
    "pledge": "Kami sanggup menyelenggarakan pelayanan sesuai standar pelayanan.",
    "pledge_signed_by": "Ketua KPU Kabupaten Jepara",
    "online_media": ["web", "email"],
}


def build_service(satker, actor, *, key=ServiceKey.INFORMATION_REQUEST, name=None,
                  published=False, **data) -> Service:
    service = Service.objects.create(satker=satker, created_by=actor, key=key,
                                     name=name or str(dict(ServiceKey.choices).get(key, key)),
                                     **{**STANDARD, **data})
    if published:
        service.is_published = True
        service.save(update_fields=["is_published"])
    return service


def rows(n_steps: int, actors: list[str], *, minutes: int = 10, decision_at: int | None = None):
    """``n_steps`` rows across ``actors``: start, processes (one decision), end."""
    result = []
    for number in range(1, n_steps + 1):
        kind = StepKind.PROCESS
        if number == 1:
            kind = StepKind.START
        elif number == n_steps:
            kind = StepKind.END
        elif number == decision_at:
            kind = StepKind.DECISION
        result.append({
            "activity": f"Kegiatan nomor {number} dikerjakan dengan cermat",
            "actor": actors[(number - 1) % len(actors)], "kind": kind,
            "no_goto": 2 if kind == StepKind.DECISION else None,
            "requirements": "Formulir", "time_value": minutes, "time_unit": TimeUnit.MINUTE,
            "output": f"Hasil {number}", "remarks": ""})
    return result


def decree(satker, actor, number=None):
    extra = {"number": number} if number else {}
    return DocumentFactory(satker=satker, kind="sk", uploaded_by=actor,
                           date=dt.date(2024, 1, 5), subject="Penetapan SOP pelayanan", **extra)


def build_sop(service, actor, *, channel=Channel.OFFLINE, steps=5, actors=None,
              status=SopStatus.DRAFT, decision_at=3, minutes=10, approver=None) -> Sop:
    names = actors or ["Pemohon", "Petugas layanan", "PPID"]
    sop = services.create_sop(service=service, channel=channel, actor=actor,
                              data={"name": f"SOP {service.name}", "number": "01/SOP/2024"},
                              actor_names=names)
    services.save_steps(sop=sop, actor=actor, actor_names=names,
                        rows=rows(steps, names, minutes=minutes, decision_at=decision_at))
    if status in (SopStatus.APPROVED, SopStatus.EFFECTIVE, SopStatus.SUPERSEDED):
        head = approver or actor
        sop = services.approve_sop(sop=sop, actor=head, decree=decree(service.satker, head),
                                   approver_name="Ketua Jepara", approver_position="Ketua")
    if status in (SopStatus.EFFECTIVE, SopStatus.SUPERSEDED):
        sop = services.make_effective(sop=sop, actor=actor, effective_on=timezone.localdate())
    return Sop.objects.get(pk=sop.pk)
