"""Socialisation events (a province's weekly online session, a satker's own events) with
their materials and attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.scope import is_in_subtree
from prima.organisations.models import Document, Satker

from .. import policies
from ..choices import AuditAction, EventMode
from ..models import EventParticipant, Evidence, SocialisationEvent
from .common import SELF, apply_changes, clean_text, require

QUARTER_LABELS = {1: "I", 2: "II", 3: "III", 4: "IV"}


EVENT_FIELDS = ("title", "series", "date", "start_time", "mode", "location", "speakers",
                "description", "area")


def _event_values(data: dict) -> tuple[dict, list | None]:
    values = {k: data[k] for k in data if k in EVENT_FIELDS}
    unknown = set(data) - set(EVENT_FIELDS) - {"materials"}
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    values["title"] = clean_text(values.get("title"), "title", _("Judul kegiatan"))
    values["series"] = clean_text(values.get("series"), "series", _("Seri kegiatan"),
                                  required=False, max_length=200)
    if not isinstance(values.get("date"), dt.date):
        raise ValidationError({"date": _("Tanggal kegiatan wajib diisi.")}, code="required")
    if values.get("mode") not in EventMode.values:
        raise ValidationError({"mode": _("Pilih bentuk kegiatan: daring, luring atau "
                                         "hibrida.")}, code="invalid")
    for name, label, max_length in (("location", _("Tempat / tautan"), 500),
                                    ("speakers", _("Narasumber"), 5000),
                                    ("description", _("Uraian"), 20000)):
        values[name] = clean_text(values.get(name), name, label, required=False,
                                  max_length=max_length)
    return values, data.get("materials")


def _set_materials(event: SocialisationEvent, materials) -> None:
    if materials is None:
        return
    materials = list(materials)
    if any(not isinstance(m, Document) or m.satker_id != event.organiser_id for m in materials):
        raise ValidationError({"materials": _("Materi harus dokumen milik penyelenggara.")},
                              code="invalid")
    event.materials.set(materials)


@transaction.atomic
def create_event(*, organiser: Satker, actor, data: dict) -> SocialisationEvent:
    require(policies.can_manage_event(actor, organiser))
    values, materials = _event_values(data)
    event = SocialisationEvent.objects.create(organiser=organiser, created_by=actor, **values)
    _set_materials(event, materials)
    audit.record(event, actor=actor, action=AuditAction.EVENT_CREATED, satker=organiser)
    return event


@transaction.atomic
def update_event(*, event: SocialisationEvent, actor, data: dict) -> SocialisationEvent:
    locked = SocialisationEvent.objects.select_for_update(of=SELF).get(pk=event.pk)
    require(policies.can_manage_event(actor, locked))
    merged = {f: getattr(locked, f) for f in EVENT_FIELDS}
    merged.update(data)
    values, materials = _event_values(merged)
    before = audit.snapshot(locked)
    changed = apply_changes(locked, values, EVENT_FIELDS)
    if changed:
        locked.save(update_fields=changed)
    _set_materials(locked, materials)
    audit.record(locked, actor=actor, action=AuditAction.EVENT_UPDATED, before=before,
                 satker=locked.organiser_id)
    return locked


def citing_reports(event: SocialisationEvent) -> list[str]:
    """The quarterly reports that cite ``event`` as evidence (data dukung), as "satker, year,
    quarter" labels, each once."""
    rows = (Evidence.objects.filter(linked_type=ContentType.objects.get_for_model(event),
                                    linked_id=str(event.pk))
            .order_by("report__plan__satker__code", "report__plan__year", "report__quarter")
            .values_list("report__plan__satker__name", "report__plan__year", "report__quarter")
            .distinct())
    return [_("%(satker)s, laporan TW %(q)s tahun %(year)s")
            % {"satker": name, "q": QUARTER_LABELS[quarter], "year": year}
            for name, year, quarter in rows]


def check_event_deletable(event: SocialisationEvent) -> None:
    """Refuse (``ValidationError``, code ``in_use``) to delete an event a report cites as
    evidence: the report would lose its data dukung."""
    reports = citing_reports(event)
    if reports:
        raise ValidationError(
            _("Kegiatan ini tidak dapat dihapus karena dipakai sebagai data dukung pada "
              "%(n)s laporan: %(reports)s. Lepaskan data dukung itu dari laporannya lebih "
              "dahulu; sampai saat itu kegiatan dan daftar hadirnya tetap tersimpan.")
            % {"n": len(reports), "reports": "; ".join(reports)}, code="in_use")


@transaction.atomic
def delete_event(*, event: SocialisationEvent, actor) -> None:
    """Delete an event with its attendance list; refused while a report cites it as evidence
    (the report would lose its data dukung)."""
    locked = SocialisationEvent.objects.select_for_update(of=SELF).select_related(
        "organiser").get(pk=event.pk)
    require(policies.can_manage_event(actor, locked))
    check_event_deletable(locked)
    participants = list(locked.participants.values_list("name", flat=True))
    audit.record(locked, actor=actor, action=AuditAction.EVENT_DELETED,
                 before={**audit.snapshot(locked), "participants": participants,
                         "materials": sorted(locked.materials.values_list("pk", flat=True))},
                 after={}, satker=locked.organiser_id)
    locked.delete()  # the attendance list (EventParticipant) goes with it (CASCADE)


@transaction.atomic
def set_attendance(*, event: SocialisationEvent, actor,
                   participants: Iterable[dict]) -> list[EventParticipant]:
    """Replace the participant list: dicts with satker, name, position, user, attended.
    Participants come from the organiser or the satkers below it."""
    locked = SocialisationEvent.objects.select_for_update(of=SELF).select_related("organiser").get(
        pk=event.pk)
    require(policies.can_manage_event(actor, locked))
    rows = []
    for i, entry in enumerate(participants, start=1):
        satker = entry.get("satker")
        if not isinstance(satker, Satker) or not is_in_subtree(satker.code,
                                                               locked.organiser.code):
            raise ValidationError(
                {"participants": _("Peserta baris %(n)s harus dari %(organiser)s atau satker di "
                                   "bawahnya.") % {"n": i, "organiser": locked.organiser.name}},
                code="invalid")
        user = entry.get("user")
        name = entry.get("name") or (user.full_name if user is not None else "")
        rows.append(EventParticipant(
            event=locked, satker=satker, user=user,
            name=clean_text(name, "participants", _("Nama peserta"), max_length=200),
            position=clean_text(entry.get("position"), "participants", _("Jabatan"),
                                required=False, max_length=200),
            attended=bool(entry.get("attended", True))))
    before = {"participants": locked.participants.count()}
    locked.participants.all().delete()
    created = EventParticipant.objects.bulk_create(rows)
    audit.record(locked, actor=actor, action=AuditAction.EVENT_ATTENDANCE_SET,
                 changes={"participants": [before["participants"], len(created)],
                          "attended": [None, sum(1 for r in created if r.attended)]},
                 satker=locked.organiser_id)
    return created
