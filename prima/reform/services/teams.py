"""The satker's reform team, set by a decree (SK), and its members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prima.core import audit
from prima.organisations.models import Document, Satker

from .. import policies
from ..choices import AuditAction, TeamRole, TeamStatus
from ..models import AreaOfChange, ReformTeam, TeamMember
from .common import SELF, apply_changes, check_decree, clean_text, require

MEMBER_FIELDS = ("user", "name", "position", "role", "area", "order")


def _member_values(data: dict) -> dict:
    values = dict(data)
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    user = values.get("user")
    if not values.get("name") and user is not None:
        values["name"] = user.full_name or user.email
    values["name"] = clean_text(values.get("name"), "name", _("Nama anggota"), max_length=200)
    values["position"] = clean_text(values.get("position"), "position", _("Jabatan"),
                                    required=False, max_length=200)
    if values.get("role") not in TeamRole.values:
        raise ValidationError({"role": _("Pilih peran anggota dalam tim.")}, code="invalid")
    area = values.get("area")
    if area is not None and not isinstance(area, AreaOfChange):
        raise ValidationError({"area": _("Area perubahan tidak dikenal.")}, code="invalid")
    if values["role"] == TeamRole.AREA_COORDINATOR and area is None:
        raise ValidationError({"area": _("Koordinator area harus memiliki area perubahan.")},
                              code="required")
    values.setdefault("order", 0)
    return values


@transaction.atomic
def establish_team(*, satker: Satker, actor, decree: Document, period_start: dt.date,
                   period_end: dt.date | None = None, name: str = "Tim Reformasi Birokrasi",
                   members: Iterable[dict] = ()) -> ReformTeam:
    """Establish the satker's reform team by a decree; the active team (if any) is superseded
    and keeps its members as history."""
    require(policies.can_manage_team(actor, satker))
    check_decree(decree, satker)
    name = clean_text(name, "name", _("Nama tim"), max_length=200)
    if not isinstance(period_start, dt.date):
        raise ValidationError({"period_start": _("Tanggal mulai masa tugas wajib diisi.")},
                              code="required")
    if period_end is not None and period_end < period_start:
        raise ValidationError(
            {"period_end": _("Akhir masa tugas tidak boleh sebelum tanggal mulainya.")},
            code="invalid")
    previous = (ReformTeam.objects.select_for_update(of=SELF)
                .filter(satker=satker, status=TeamStatus.ACTIVE).order_by("-period_start")
                .first())
    if previous is not None and period_start <= previous.period_start:
        raise ValidationError(
            {"period_start": _("Tim baru harus mulai setelah tim yang berlaku (mulai %(date)s).")
             % {"date": previous.period_start.strftime("%d-%m-%Y")}}, code="invalid")
    if ReformTeam.objects.filter(decree=decree).exists():
        raise ValidationError({"decree": _("SK ini sudah dipakai untuk membentuk tim lain.")},
                              code="duplicate")
    team = ReformTeam(satker=satker, name=name, decree=decree, period_start=period_start,
                      period_end=period_end, status=TeamStatus.ACTIVE, created_by=actor)
    rows = [_member_values(m) for m in members]
    if previous is not None:
        before = audit.snapshot(previous)
        previous.status = TeamStatus.SUPERSEDED
        if previous.period_end is None or previous.period_end >= period_start:
            previous.period_end = period_start - dt.timedelta(days=1)
        previous.save(update_fields=["status", "period_end"])
        audit.record(previous, actor=actor, action=AuditAction.TEAM_SUPERSEDED, before=before)
        team.supersedes = previous
    team.save()
    TeamMember.objects.bulk_create(
        [TeamMember(team=team, **{**row, "order": row.get("order") or i})
         for i, row in enumerate(rows, start=1)])
    audit.record(team, actor=actor, action=AuditAction.TEAM_ESTABLISHED,
                 after={**audit.snapshot(team), "members": [r["name"] for r in rows]})
    return team


def _active_team(team: ReformTeam) -> ReformTeam:
    locked = ReformTeam.objects.select_for_update(of=SELF).select_related("satker").get(pk=team.pk)
    if locked.status != TeamStatus.ACTIVE:
        raise ValidationError(
            _("Tim yang sudah digantikan SK baru tidak dapat diubah; riwayatnya tetap "
              "disimpan."), code="superseded")
    return locked


@transaction.atomic
def add_team_member(*, team: ReformTeam, actor, **data) -> TeamMember:
    locked = _active_team(team)
    require(policies.can_manage_team(actor, locked.satker))
    values = _member_values(data)
    if not values.get("order"):
        values["order"] = (locked.members.aggregate(m=Max("order"))["m"] or 0) + 1
    member = TeamMember.objects.create(team=locked, **values)
    audit.record(member, actor=actor, action=AuditAction.TEAM_MEMBER_ADDED,
                 satker=locked.satker)
    return member


@transaction.atomic
def update_team_member(*, member: TeamMember, actor, data: dict) -> TeamMember:
    locked = _active_team(member.team)
    require(policies.can_manage_team(actor, locked.satker))
    current = TeamMember.objects.select_for_update(of=SELF).get(pk=member.pk)
    before = audit.snapshot(current)
    merged = {f: getattr(current, f) for f in MEMBER_FIELDS}
    merged.update(data)
    values = _member_values(merged)
    changed = apply_changes(current, values, MEMBER_FIELDS)
    if changed:
        current.save(update_fields=changed)
        audit.record(current, actor=actor, action=AuditAction.TEAM_MEMBER_UPDATED,
                     before=before, satker=locked.satker)
    return current


@transaction.atomic
def remove_team_member(*, member: TeamMember, actor) -> None:
    locked = _active_team(member.team)
    require(policies.can_manage_team(actor, locked.satker))
    before = audit.snapshot(member)
    audit.record(member, actor=actor, action=AuditAction.TEAM_MEMBER_REMOVED, before=before,
                 after={}, satker=locked.satker)
    member.delete()
