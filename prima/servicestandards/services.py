"""Writes on services, standards and SOPs: plain functions, keyword-only, with an explicit
actor, one transaction each, audited. Status changes go through ``core.transitions``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prima.core import audit
from prima.core.scope import is_in_subtree
from prima.core.transitions import lock, transition
from prima.organisations.choices import DocumentKind, Level
from prima.organisations.models import Document

from . import policies
from .choices import (
    MINUTES_PER_UNIT,
    AuditAction,
    Channel,
    OnlineMedium,
    SopStatus,
    StepKind,
    TimeUnit,
)
from .models import COMPONENTS, Service, Sop, SopActor, SopStep

SERVICE_FIELDS = (
    "key", "name", "description", "order", "time_value", "time_unit", "time_note", "is_free",
    "offline", "online_media", "online_url", "opening_hours", "served_by", "pledge",
    "pledge_signed_by", "publish_management",
    *(f for _n, f, _l in COMPONENTS if f != "time_text"),
)
SOP_FIELDS = ("name", "number", "made_on", "revised_on", "legal_basis", "qualifications",
              "related_sops", "equipment", "warnings", "records")
STEP_FIELDS = ("activity", "kind", "no_goto", "requirements", "time_value", "time_unit",
               "output", "remarks")
MAX_STEPS = 60
MAX_ACTORS = 10


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _set(obj, data: dict, fields) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _check_service(service: Service) -> None:
    if service.is_free is False and not (service.cost or "").strip():
        raise ValidationError({"cost": _("Sebutkan biaya/tarif bila layanan tidak gratis.")},
                              code="cost_required")
    unknown = set(service.online_media or ()) - set(OnlineMedium.values)
    if unknown:
        raise ValidationError({"online_media": _("Media daring tidak dikenal.")},
                              code="invalid_medium")
    clash = Service.objects.filter(satker=service.satker_id, key=service.key)
    if clash.exclude(pk=service.pk).exists():
        raise ValidationError({"key": _("Satker ini sudah memiliki layanan dengan kunci "
                                        "“%(key)s”.") % {"key": service.key}},
                              code="duplicate_key")


# --- services and standards ---------------------------------------------------------------


@transaction.atomic
def create_service(*, satker, actor, data: dict) -> Service:
    require(policies.can_edit(actor, satker))
    service = Service(satker=satker, created_by=actor)
    _set(service, data, SERVICE_FIELDS)
    _check_service(service)
    service.save()
    audit.record(service, actor=actor, action=AuditAction.SERVICE_CREATED)
    return service


@transaction.atomic
def update_service(*, service: Service, actor, data: dict) -> Service:
    require(policies.can_edit(actor, service.satker))
    locked = lock(service)
    before = audit.snapshot(locked)
    _set(locked, data, SERVICE_FIELDS)
    _check_service(locked)
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.SERVICE_UPDATED, before=before)
    return locked


@transaction.atomic
def publish_service(*, service: Service, actor, is_published: bool = True) -> Service:
    """Show the service and its standard publicly; every delivery component (1–6, published
    to the public under UU 25/2009 Pasal 21) must be filled first."""
    require(policies.can_edit(actor, service.satker))
    locked = lock(service)
    if is_published:
        missing = locked.missing_delivery()
        if missing:
            raise ValidationError(
                _("Standar pelayanan belum lengkap; isi dahulu: %(missing)s.")
                % {"missing": ", ".join(missing)}, code="incomplete")
    if locked.is_published == is_published:
        return locked
    before = audit.snapshot(locked)
    locked.is_published = is_published
    locked.save(update_fields=["is_published", "updated_at"])
    audit.record(locked, actor=actor, before=before, action=(
        AuditAction.SERVICE_PUBLISHED if is_published else AuditAction.SERVICE_UNPUBLISHED))
    return locked


# --- SOP identity and steps ---------------------------------------------------------------


def _next_revision(service: Service, channel: str) -> int:
    last = Sop.objects.filter(service=service, channel=channel).aggregate(m=Max("revision"))
    return 0 if last["m"] is None else last["m"] + 1


@transaction.atomic
def create_sop(*, service: Service, channel: str, actor, data: dict,
               actor_names: Sequence[str] = ()) -> Sop:
    """A new draft SOP (the next revision) for ``channel``, with its actor columns."""
    require(policies.can_edit(actor, service.satker))
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Pilih kanal luring atau daring.")},
                              code="invalid_channel")
    lock(service)  # revision numbers are given one at a time per service
    if Sop.objects.filter(service=service, channel=channel, status=SopStatus.DRAFT).exists():
        raise ValidationError(_("Sudah ada draf SOP %(channel)s untuk layanan ini; lanjutkan "
                                "draf itu.") % {"channel": Channel(channel).label},
                              code="draft_exists")
    sop = Sop(service=service, channel=channel, created_by=actor,
              revision=_next_revision(service, channel))
    _set(sop, data, SOP_FIELDS)
    if not (sop.name or "").strip():
        raise ValidationError({"name": _("Nama SOP wajib diisi.")}, code="required")
    names = [" ".join(n.split()) for n in actor_names if n and n.strip()]
    if len({n.casefold() for n in names}) != len(names) or len(names) > MAX_ACTORS \
            or any(len(n) > 120 for n in names):
        raise ValidationError({"actors": _("Nama pelaksana harus berbeda, paling banyak "
                                           "%(n)s pelaksana.") % {"n": MAX_ACTORS}},
                              code="invalid_actors")
    sop.save()
    SopActor.objects.bulk_create([SopActor(sop=sop, name=name, order=index)
                                  for index, name in enumerate(names)])
    audit.record(sop, actor=actor, action=AuditAction.SOP_CREATED)
    return sop


def _editable(sop: Sop, actor) -> Sop:
    require(policies.can_edit(actor, sop.service.satker))
    locked = lock(sop)
    if locked.status != SopStatus.DRAFT:
        raise ValidationError(_("Hanya draf SOP yang dapat diubah; buat revisi untuk "
                                "mengubah SOP yang sudah disahkan."), code="not_draft")
    return locked


@transaction.atomic
def update_sop(*, sop: Sop, actor, data: dict) -> Sop:
    locked = _editable(sop, actor)
    before = audit.snapshot(locked)
    _set(locked, data, SOP_FIELDS)
    if not (locked.name or "").strip():
        raise ValidationError({"name": _("Nama SOP wajib diisi.")}, code="required")
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.SOP_UPDATED, before=before)
    return locked


def clean_steps(actor_names: list[str], rows: list[dict]) -> tuple[list[str], list[dict]]:
    """The actors and procedure rows, checked (PermenPANRB 35/2012 flowchart rules): the
    procedure starts with a start terminator and ends with an end terminator; a decision names
    the step its "tidak" branch goes to; every step has an activity and an actor of the table.
    Raises one ``ValidationError`` listing every problem, by row."""
    names = [" ".join(n.split()) for n in actor_names if n and n.strip()]
    errors = []
    if not names:
        errors.append(_("Sebutkan paling sedikit satu pelaksana."))
    if len(names) > MAX_ACTORS:
        errors.append(_("Paling banyak %(n)s pelaksana.") % {"n": MAX_ACTORS})
    if len({n.casefold() for n in names}) != len(names):
        errors.append(_("Nama pelaksana tidak boleh sama."))
    if any(len(n) > 120 for n in names):
        errors.append(_("Nama pelaksana paling banyak 120 karakter."))
    if not rows:
        errors.append(_("Isi paling sedikit langkah mulai dan langkah selesai."))
    if len(rows) > MAX_STEPS:
        errors.append(_("Paling banyak %(n)s langkah.") % {"n": MAX_STEPS})
    count = len(rows)
    for number, row in enumerate(rows, start=1):
        prefix = _("Langkah %(n)s: ") % {"n": number}
        if not (row.get("activity") or "").strip():
            errors.append(prefix + _("kegiatan wajib diisi."))
        if row.get("actor") not in names:
            errors.append(prefix + _("pilih pelaksana yang ada di daftar pelaksana."))
        kind = row.get("kind")
        if kind not in StepKind.values:
            errors.append(prefix + _("pilih simbol bagan alir."))
        if number == 1 and kind != StepKind.START:
            errors.append(prefix + _("langkah pertama harus simbol mulai."))
        if number > 1 and kind == StepKind.START:
            errors.append(prefix + _("simbol mulai hanya untuk langkah pertama."))
        if number == count and kind != StepKind.END:
            errors.append(prefix + _("langkah terakhir harus simbol selesai."))
        target = row.get("no_goto")
        if kind == StepKind.DECISION:
            if not target or not 1 <= target <= count or target == number:
                errors.append(prefix + _("keputusan harus menyebut nomor langkah lain (1–%(n)s) "
                                         "untuk jawaban “tidak”.") % {"n": count})
        elif target:
            errors.append(prefix + _("hanya simbol keputusan yang memiliki cabang “tidak”."))
        if (row.get("time_value") or 0) < 0 or row.get("time_unit") not in MINUTES_PER_UNIT:
            errors.append(prefix + _("waktu tidak valid."))
    if errors:
        raise ValidationError(errors, code="invalid_steps")
    return names, rows


@transaction.atomic
def save_steps(*, sop: Sop, actor, actor_names: list[str], rows: list[dict]) -> Sop:
    """Replace the actors and procedure rows of a draft SOP (numbered in the given order)."""
    locked = _editable(sop, actor)
    names, rows = clean_steps(actor_names, rows)
    before = {"actors": list(locked.actors.values_list("name", flat=True)),
              "steps": locked.steps.count()}
    _write_steps(locked, names, rows)
    locked.save(update_fields=["updated_at"])
    audit.record(locked, actor=actor, action=AuditAction.SOP_STEPS_UPDATED,
                 changes={"actors": [before["actors"], names],
                          "steps": [before["steps"], len(rows)]})
    return locked


def _write_steps(sop: Sop, names: list[str], rows: list[dict]) -> None:
    sop.steps.all().delete()
    sop.actors.all().delete()
    actors = {name: SopActor.objects.create(sop=sop, name=name, order=index)
              for index, name in enumerate(names)}
    SopStep.objects.bulk_create([
        SopStep(sop=sop, number=number, actor=actors[row["actor"]],
                **{f: row.get(f) if f != "no_goto" or row.get("kind") == StepKind.DECISION
                   else None for f in STEP_FIELDS if f in row})
        for number, row in enumerate(rows, start=1)])


@transaction.atomic
def discard_sop(*, sop: Sop, actor) -> None:
    """Throw a draft away (its rows with it); approved versions are kept for the record."""
    locked = _editable(sop, actor)
    audit.record(locked, actor=actor, action=AuditAction.SOP_DISCARDED,
                 before=audit.snapshot(locked), after={})
    locked.steps.all().delete()
    locked.actors.all().delete()
    locked.delete()


def step_rows(sop: Sop) -> tuple[list[str], list[dict]]:
    """The SOP's actors and rows in the shape ``save_steps`` takes (for copies and forms)."""
    steps = list(sop.steps.select_related("actor"))
    actors = [a.name for a in sop.actors.all()]
    return actors, [{"actor": s.actor.name, **{f: getattr(s, f) for f in STEP_FIELDS}}
                    for s in steps]


# --- time check ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeCheck:
    total_minutes: int
    limit_minutes: int | None

    @property
    def exceeds(self) -> bool:
        return self.limit_minutes is not None and self.total_minutes > self.limit_minutes


def format_minutes(minutes: int) -> str:
    """Minutes as working days, hours and minutes ("1 hari kerja 2 jam 30 menit")."""
    day = MINUTES_PER_UNIT[TimeUnit.WORKDAY]
    days, rest = divmod(minutes, day)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)s hari kerja", "%(n)s hari kerja", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)s jam", "%(n)s jam", hours) % {"n": hours})
    if mins or not parts:
        parts.append(ngettext("%(n)s menit", "%(n)s menit", mins) % {"n": mins})
    return " ".join(parts)


def time_check(sop: Sop, steps=None) -> TimeCheck:
    """The steps' total time against the service standard's time (component 3)."""
    return TimeCheck(sop.total_minutes(steps), sop.service.time_minutes)


# --- versions -----------------------------------------------------------------------------


def _check_decree(decree, satker) -> Document:
    if not isinstance(decree, Document) or decree.kind != DocumentKind.DECREE \
            or decree.satker_id != satker.pk:
        raise ValidationError(
            {"decree": _("Pilih Surat Keputusan (SK) yang terdaftar di dokumen %(satker)s.")
             % {"satker": satker.name}}, code="invalid_decree")
    return decree


@transaction.atomic
def approve_sop(*, sop: Sop, actor, decree, approver_name: str, approver_position: str,
                approver_nip: str = "", approved_on=None) -> Sop:
    """Draft → approved: signed by the head (name, position, NIP) and set by a decree (SK).
    ``approved_on`` records a signature made before it was entered (never in the future)."""
    satker = sop.service.satker
    approved_at = timezone.now()
    if approved_on is not None:
        if approved_on > timezone.localdate():
            raise ValidationError({"approved_on": _("Tanggal pengesahan tidak boleh di masa "
                                                    "depan.")}, code="future")
        approved_at = timezone.make_aware(dt.datetime.combine(approved_on, dt.time(12)))
    require(policies.can_approve(actor, satker))
    _check_decree(decree, satker)
    errors = {}
    if not (approver_name or "").strip():
        errors["approver_name"] = _("Nama pengesah wajib diisi.")
    if not (approver_position or "").strip():
        errors["approver_position"] = _("Jabatan pengesah wajib diisi.")
    if errors:
        raise ValidationError(errors, code="required")
    if not sop.steps.exists():
        raise ValidationError(_("SOP belum memiliki langkah prosedur."), code="no_steps")
    if not (sop.number or "").strip():
        raise ValidationError(_("Isi nomor SOP sebelum disahkan."), code="no_number")
    return transition(sop, actor=actor, allowed_from=(SopStatus.DRAFT,),
                      to=SopStatus.APPROVED, action=AuditAction.SOP_APPROVED, changes={
                          "decree": decree, "approved_by": actor, "approved_at": approved_at,
                          "approver_name": approver_name.strip(),
                          "approver_position": approver_position.strip(),
                          "approver_nip": (approver_nip or "").strip()})


@transaction.atomic
def make_effective(*, sop: Sop, actor, effective_on) -> Sop:
    """Approved → effective from ``effective_on``; the version effective until now for the
    same service and channel is superseded."""
    require(policies.can_edit(actor, sop.service.satker))
    if effective_on is None:
        raise ValidationError({"effective_on": _("Tanggal efektif wajib diisi.")},
                              code="required")
    if sop.approved_at and effective_on < timezone.localdate(sop.approved_at):
        raise ValidationError({"effective_on": _("Tanggal efektif tidak boleh sebelum "
                                                 "tanggal pengesahan.")}, code="too_early")
    lock(sop.service)
    current = Sop.objects.filter(service=sop.service_id, channel=sop.channel,
                                 status=SopStatus.EFFECTIVE).exclude(pk=sop.pk).first()
    # Check the status first, so a wrong move supersedes nothing.
    if lock(sop).status != SopStatus.APPROVED:
        raise ValidationError(_("Hanya SOP yang sudah disahkan yang dapat diberlakukan."),
                              code="wrong_status")
    if current is not None:
        transition(current, actor=actor, allowed_from=(SopStatus.EFFECTIVE,),
                   to=SopStatus.SUPERSEDED, action=AuditAction.SOP_SUPERSEDED,
                   changes={"superseded_at": timezone.now(), "is_template": False})
    return transition(sop, actor=actor, allowed_from=(SopStatus.APPROVED,),
                      to=SopStatus.EFFECTIVE, action=AuditAction.SOP_EFFECTIVE,
                      changes={"effective_on": effective_on})


def _copy(source: Sop, *, service: Service, actor, revision: int, action: str) -> Sop:
    copy = Sop(service=service, channel=source.channel, revision=revision, created_by=actor,
               copied_from=source, made_on=source.made_on if service == source.service
               else timezone.localdate(),
               **{f: getattr(source, f) for f in SOP_FIELDS if f not in ("made_on",)})
    if service == source.service:
        copy.revised_on = timezone.localdate()
    else:
        copy.number = ""
    copy.save()
    names, rows = step_rows(source)
    _write_steps(copy, names, rows)
    audit.record(copy, actor=actor, action=action)
    return copy


@transaction.atomic
def revise_sop(*, sop: Sop, actor) -> Sop:
    """A new draft version copied from an approved, effective or superseded one."""
    require(policies.can_edit(actor, sop.service.satker))
    lock(sop.service)
    if sop.status == SopStatus.DRAFT:
        raise ValidationError(_("Draf dapat diubah langsung; revisi dibuat dari SOP yang "
                                "sudah disahkan."), code="is_draft")
    if Sop.objects.filter(service=sop.service_id, channel=sop.channel,
                          status=SopStatus.DRAFT).exists():
        raise ValidationError(_("Sudah ada draf revisi untuk kanal ini."), code="draft_exists")
    return _copy(sop, service=sop.service, actor=actor,
                 revision=_next_revision(sop.service, sop.channel),
                 action=AuditAction.SOP_REVISED)


# --- templates ----------------------------------------------------------------------------


@transaction.atomic
def set_template(*, sop: Sop, actor, is_template: bool) -> Sop:
    """A province (or KPU RI) offers its effective SOP to the satkers below as a template."""
    satker = sop.service.satker
    require(policies.can_edit(actor, satker))
    locked = lock(sop)
    if is_template and satker.level == Level.REGENCY:
        raise ValidationError(_("Hanya KPU Provinsi atau KPU RI yang dapat menawarkan templat "
                                "SOP."), code="not_province")
    if is_template and locked.status != SopStatus.EFFECTIVE:
        raise ValidationError(_("Hanya SOP yang berlaku yang dapat dijadikan templat."),
                              code="not_effective")
    before = audit.snapshot(locked)
    locked.is_template = is_template
    locked.save(update_fields=["is_template", "updated_at"])
    audit.record(locked, actor=actor, action=AuditAction.SOP_TEMPLATE_SET, before=before)
    return locked


def templates_for(satker):
    """Template SOPs offered by the satkers above ``satker`` (its province and KPU RI)."""
    above = []
    parent = satker.parent
    while parent is not None:
        above.append(parent.pk)
        parent = parent.parent
    return (Sop.objects.filter(is_template=True, status=SopStatus.EFFECTIVE,
                               service__satker__in=above)
            .select_related("service__satker").order_by("service__name", "channel"))


@transaction.atomic
def adopt_template(*, template: Sop, satker, actor) -> Sop:
    """Copy a template SOP of the satker above into a draft of ``satker``'s own service with
    the same key (created, unpublished, with the template service's standard when missing)."""
    require(policies.can_edit(actor, satker))
    source_satker = template.service.satker
    if not (template.is_template and template.status == SopStatus.EFFECTIVE
            and is_in_subtree(satker.code, source_satker.code, include_self=False)):
        raise ValidationError(_("Templat ini tidak ditawarkan untuk %(satker)s.")
                              % {"satker": satker.name}, code="not_offered")
    service = Service.objects.filter(satker=satker, key=template.service.key).first()
    if service is None:
        origin = template.service
        service = Service(satker=satker, created_by=actor, is_published=False)
        _set(service, {f: getattr(origin, f) for f in SERVICE_FIELDS}, SERVICE_FIELDS)
        service.save()
        audit.record(service, actor=actor, action=AuditAction.SERVICE_CREATED)
    lock(service)
    if Sop.objects.filter(service=service, channel=template.channel,
                          status=SopStatus.DRAFT).exists():
        raise ValidationError(_("Sudah ada draf SOP %(channel)s untuk layanan “%(service)s”.")
                              % {"channel": template.get_channel_display(),
                                 "service": service.name}, code="draft_exists")
    return _copy(template, service=service, actor=actor,
                 revision=_next_revision(service, template.channel),
                 action=AuditAction.SOP_ADOPTED)
