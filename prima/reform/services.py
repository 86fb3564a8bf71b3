"""Writes on reform records: teams, action plans, quarterly reports, evaluation, events.

Every function is keyword-only, runs in one transaction, checks the actor through
``policies`` (``PermissionDenied``), validates its input (``ValidationError`` with an Indonesian
message, nothing changed) and records an audit event (``core.audit``).

Plans and reports carry a ``version`` for optimistic concurrency: an edit made on a stale
version is refused with a message naming who changed it and when, so two people never silently
overwrite one another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, uploads
from prima.organisations.choices import DocumentKind
from prima.organisations.models import Division, Document, Satker

from . import policies
from .achievement import to_decimal
from .choices import (
    Direction,
    EventMode,
    PlanStatus,
    RecommendationStatus,
    ReportStatus,
    TeamRole,
    TeamStatus,
)
from .models import (
    ActionPlan,
    Activity,
    AreaOfChange,
    EventParticipant,
    Evidence,
    Indicator,
    Programme,
    ProgressReport,
    Realisation,
    Recommendation,
    ReformTeam,
    Regime,
    ReviewComment,
    SocialisationEvent,
    TeamMember,
)
from .querysets import report_due_date

# Lock only the row itself: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
SELF = ("self",)

# Evidence files: PDF for now, plus any other kind the upload registry knows.
EVIDENCE_KINDS = tuple(k for k in ("pdf", "xlsx", "docx", "png", "jpeg") if k in uploads.KINDS)
MAX_NUMBER = Decimal("999999999999.9999")


# --- helpers -----------------------------------------------------------------------------------

def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _text(value, field: str, label: str, *, required: bool = True, max_length: int = 300) -> str:
    text = (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}},
                              code="required")
    if len(text) > max_length:
        raise ValidationError(
            {field: _("%(label)s paling banyak %(n)s karakter.") % {"label": label,
                                                                   "n": max_length}},
            code="max_length")
    return text


def _number(value, field: str, label: str, *, required: bool = False,
            minimum: Decimal | None = Decimal(0)) -> Decimal | None:
    try:
        number = to_decimal(value.strip().replace(",", ".") if isinstance(value, str) else value)
    except ValueError:
        raise ValidationError({field: _("%(label)s harus berupa angka.") % {"label": label}},
                              code="invalid") from None
    if number is None:
        if required:
            raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}},
                                  code="required")
        return None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        raise ValidationError({field: _("%(label)s di luar batas angka yang diterima.")
                               % {"label": label}}, code="invalid")
    if minimum is not None and number < minimum:
        raise ValidationError({field: _("%(label)s tidak boleh kurang dari %(min)s.")
                               % {"label": label, "min": minimum}}, code="min_value")
    return number


def _check_decree(decree, satker: Satker, field: str = "decree") -> Document:
    if not isinstance(decree, Document) or decree.kind != DocumentKind.DECREE \
            or decree.satker_id != satker.pk:
        raise ValidationError(
            {field: _("Pilih Surat Keputusan (SK) yang terdaftar di dokumen %(satker)s.")
             % {"satker": satker.name}}, code="invalid_decree")
    return decree


def _local_time(moment, satker) -> str:
    zone = ZoneInfo(getattr(satker, "timezone", None) or "Asia/Jakarta")
    return timezone.localtime(moment, zone).strftime("%d-%m-%Y %H:%M")


def _conflict(kind_label: str, who, when, satker) -> ValidationError:
    name = getattr(who, "full_name", "") or str(who or _("pengguna lain"))
    return ValidationError(
        _("%(kind)s ini telah diubah oleh %(name)s pada %(time)s. Muat ulang halaman untuk "
          "melihat perubahan terbaru, lalu ulangi isian Anda.")
        % {"kind": kind_label, "name": name, "time": _local_time(when, satker)},
        code="conflict")


def _lock_plan(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_for_update(of=SELF).select_related("satker").get(pk=plan.pk)


def _check_plan_version(plan: ActionPlan, expected_version) -> None:
    if expected_version is not None and int(expected_version) != plan.version:
        raise ValidationError(
            _("Rencana aksi ini telah diubah orang lain sejak Anda membukanya (versi %(now)s, "
              "Anda membuka versi %(was)s). Muat ulang halaman lalu ulangi perubahan Anda.")
            % {"now": plan.version, "was": expected_version}, code="conflict")


def _editable_plan(plan: ActionPlan, actor, expected_version=None) -> ActionPlan:
    locked = _lock_plan(plan)
    _require(policies.can_manage_plan(actor, locked))
    if locked.status != PlanStatus.DRAFT:
        raise ValidationError(
            _("Rencana aksi berstatus “%(status)s” tidak dapat diubah; hanya draf yang dapat "
              "diubah.") % {"status": locked.get_status_display()}, code="not_draft")
    _check_plan_version(locked, expected_version)
    return locked


def _bump(plan: ActionPlan) -> None:
    ActionPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1,
                                                 updated_at=timezone.now())
    plan.refresh_from_db(fields=["version", "updated_at"])


def _apply(obj, data: dict, allowed: Iterable[str]) -> list[str]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


# --- teams -------------------------------------------------------------------------------------

MEMBER_FIELDS = ("user", "name", "position", "role", "area", "order")


def _member_values(data: dict, *, team: ReformTeam) -> dict:
    values = dict(data)
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    user = values.get("user")
    if not values.get("name") and user is not None:
        values["name"] = user.full_name or user.email
    values["name"] = _text(values.get("name"), "name", _("Nama anggota"), max_length=200)
    values["position"] = _text(values.get("position"), "position", _("Jabatan"),
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
    _require(policies.can_manage_team(actor, satker))
    _check_decree(decree, satker)
    name = _text(name, "name", _("Nama tim"), max_length=200)
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
    rows = [_member_values(m, team=team) for m in members]
    if previous is not None:
        before = audit.snapshot(previous)
        previous.status = TeamStatus.SUPERSEDED
        if previous.period_end is None or previous.period_end >= period_start:
            previous.period_end = period_start - dt.timedelta(days=1)
        previous.save(update_fields=["status", "period_end"])
        audit.record(previous, actor=actor, action="reform_team_superseded", before=before)
        team.supersedes = previous
    team.save()
    TeamMember.objects.bulk_create(
        [TeamMember(team=team, **{**row, "order": row.get("order") or i})
         for i, row in enumerate(rows, start=1)])
    audit.record(team, actor=actor, action="reform_team_established",
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
    _require(policies.can_manage_team(actor, locked.satker))
    values = _member_values(data, team=locked)
    if not values.get("order"):
        values["order"] = (locked.members.aggregate(m=Max("order"))["m"] or 0) + 1
    member = TeamMember.objects.create(team=locked, **values)
    audit.record(member, actor=actor, action="reform_team_member_added",
                 satker=locked.satker)
    return member


@transaction.atomic
def update_team_member(*, member: TeamMember, actor, data: dict) -> TeamMember:
    locked = _active_team(member.team)
    _require(policies.can_manage_team(actor, locked.satker))
    current = TeamMember.objects.select_for_update(of=SELF).get(pk=member.pk)
    before = audit.snapshot(current)
    merged = {f: getattr(current, f) for f in MEMBER_FIELDS}
    merged.update(data)
    values = _member_values(merged, team=locked)
    changed = _apply(current, values, MEMBER_FIELDS)
    if changed:
        current.save(update_fields=changed)
        audit.record(current, actor=actor, action="reform_team_member_updated", before=before,
                     satker=locked.satker)
    return current


@transaction.atomic
def remove_team_member(*, member: TeamMember, actor) -> None:
    locked = _active_team(member.team)
    _require(policies.can_manage_team(actor, locked.satker))
    before = audit.snapshot(member)
    audit.record(member, actor=actor, action="reform_team_member_removed", before=before,
                 after={}, satker=locked.satker)
    member.delete()


# --- plans -------------------------------------------------------------------------------------

def regime_for_year(year: int) -> Regime:
    """The regime in force in ``year``; the newest one when none covers it."""
    candidates = list(Regime.objects.order_by("-valid_from"))
    for regime in candidates:
        if regime.valid_from.year <= year and (regime.valid_until is None
                                               or regime.valid_until.year >= year):
            return regime
    if not candidates:
        raise ValidationError(_("Belum ada regulasi RB yang terdaftar."), code="no_regime")
    return candidates[0]


def default_plan_title(satker: Satker, year: int, *, is_template: bool = False) -> str:
    if is_template:
        return f"Templat Rencana Aksi Reformasi Birokrasi {satker.name} Tahun {year}"
    return f"Rencana Aksi Reformasi Birokrasi {satker.name} Tahun {year}"


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Tahun harus berupa angka.")}, code="invalid") from None
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Tahun harus antara 2000 dan 2100.")}, code="invalid")
    return year


def _duplicate_plan(satker, year) -> ValidationError:
    return ValidationError(
        {"year": _("%(satker)s sudah memiliki rencana aksi tahun %(year)s.")
         % {"satker": satker.name, "year": year}}, code="duplicate")


@transaction.atomic
def create_plan(*, satker: Satker, year: int, actor, regime: Regime | None = None,
                title: str = "", is_template: bool = False) -> ActionPlan:
    """A new draft plan (or, for a satker with units below it, a template plan)."""
    _require(policies.can_create_plan(actor, satker))
    year = _check_year(year)
    if is_template and not satker.children.exists():
        raise ValidationError(
            {"is_template": _("Templat hanya dapat dibuat oleh satker yang membawahi satker "
                              "lain.")}, code="invalid")
    regime = regime or regime_for_year(year)
    title = _text(title or default_plan_title(satker, year, is_template=is_template), "title",
                  _("Judul"))
    if not is_template and ActionPlan.objects.filter(satker=satker, year=year,
                                                     is_template=False).exists():
        raise _duplicate_plan(satker, year)
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(satker=satker, year=year, regime=regime,
                                             title=title, is_template=is_template,
                                             created_by=actor)
    except IntegrityError as exc:
        raise _duplicate_plan(satker, year) from exc
    audit.record(plan, actor=actor, action="reform_plan_created")
    return plan


@transaction.atomic
def copy_plan(*, source: ActionPlan, year: int, actor, satker: Satker | None = None,
              title: str = "") -> ActionPlan:
    """Copy a plan's programmes, activities and indicators into a new draft: the satker's own
    plan of an earlier year, or a template of the satker directly above (adopt and adapt).

    Targets and quarterly targets are copied as they are, to be adapted; owners are kept when
    they belong to the new satker (divisions of another satker are matched by name)."""
    source = ActionPlan.objects.select_related("satker", "regime").get(pk=source.pk)
    satker = satker or source.satker
    year = _check_year(year)
    if source.is_template:
        if satker.parent_id != source.satker_id:
            raise ValidationError(
                _("Templat %(owner)s hanya dapat diadopsi oleh satker di bawahnya.")
                % {"owner": source.satker.name}, code="not_below")
        _require(policies.can_adopt_template(actor, source, satker))
    else:
        if source.satker_id != satker.pk:
            raise ValidationError(
                _("Rencana aksi hanya dapat disalin dari rencana aksi satker sendiri atau "
                  "templat satker di atasnya."), code="other_satker")
        _require(policies.can_create_plan(actor, satker)
                 and policies.can_see_plan(actor, source))
    plan = create_plan(satker=satker, year=year, actor=actor, regime=source.regime,
                       title=title)
    plan.copied_from = source
    plan.save(update_fields=["copied_from"])
    same_satker = source.satker_id == satker.pk
    divisions = {d.name: d for d in Division.objects.filter(satker=satker)}
    source_divisions = dict(Division.objects.filter(satker=source.satker)
                            .values_list("pk", "name"))
    programmes = list(source.programmes.order_by("area__number", "order", "id"))
    activities = list(Activity.objects.filter(programme__plan=source).order_by("order", "id"))
    indicators = list(Indicator.objects.filter(activity__programme__plan=source)
                      .order_by("order", "id"))
    new_programmes = Programme.objects.bulk_create(
        [Programme(plan=plan, area_id=p.area_id, name=p.name, order=p.order)
         for p in programmes])
    programme_map = {old.pk: new for old, new in zip(programmes, new_programmes, strict=True)}

    def owner_division(activity):
        if activity.owner_division_id is None:
            return None
        if same_satker:
            return activity.owner_division_id
        match = divisions.get(source_divisions.get(activity.owner_division_id))
        return match.pk if match else None

    new_activities = Activity.objects.bulk_create(
        [Activity(programme=programme_map[a.programme_id], name=a.name, output=a.output,
                  owner_division_id=owner_division(a),
                  owner_person_id=a.owner_person_id if same_satker else None,
                  quarters=list(a.quarters or []), budget=a.budget, weight=a.weight,
                  order=a.order) for a in activities])
    activity_map = {old.pk: new for old, new in zip(activities, new_activities, strict=True)}
    Indicator.objects.bulk_create(
        [Indicator(activity=activity_map[i.activity_id], name=i.name, unit=i.unit,
                   direction=i.direction, baseline=i.baseline, target=i.target,
                   target_q1=i.target_q1, target_q2=i.target_q2, target_q3=i.target_q3,
                   target_q4=i.target_q4, weight=i.weight, order=i.order)
         for i in indicators])
    audit.record(plan, actor=actor,
                 action="reform_template_adopted" if source.is_template else "reform_plan_copied",
                 after={**audit.snapshot(plan), "source": source.pk,
                        "indicators": len(indicators)})
    return plan


PROGRAMME_FIELDS = ("area", "name", "order")
ACTIVITY_FIELDS = ("name", "output", "owner_division", "owner_person", "quarters", "budget",
                   "weight", "order")
INDICATOR_FIELDS = ("name", "unit", "direction", "baseline", "target", "target_q1", "target_q2",
                    "target_q3", "target_q4", "weight", "order")


def _programme_values(plan: ActionPlan, data: dict) -> dict:
    values = dict(data)
    area = values.get("area")
    if not isinstance(area, AreaOfChange) or area.regime_id != plan.regime_id:
        raise ValidationError({"area": _("Pilih salah satu area perubahan regulasi rencana "
                                         "aksi ini.")}, code="invalid")
    values["name"] = _text(values.get("name"), "name", _("Nama program"))
    values["order"] = int(values.get("order") or 0)
    return values


def _activity_values(plan: ActionPlan, data: dict) -> dict:
    values = dict(data)
    values["name"] = _text(values.get("name"), "name", _("Nama kegiatan"))
    values["output"] = _text(values.get("output"), "output", _("Keluaran (output)"))
    division = values.get("owner_division")
    if division is not None and (not isinstance(division, Division)
                                 or division.satker_id != plan.satker_id):
        raise ValidationError({"owner_division": _("Unit penanggung jawab harus divisi atau "
                                                   "subbagian satker ini.")}, code="invalid")
    quarters = values.get("quarters") or []
    try:
        quarters = sorted({int(q) for q in quarters})
    except (TypeError, ValueError):
        quarters = [0]
    if any(q not in (1, 2, 3, 4) for q in quarters):
        raise ValidationError({"quarters": _("Jadwal hanya boleh berisi triwulan I sampai IV.")},
                              code="invalid")
    values["quarters"] = quarters
    values["budget"] = _number(values.get("budget"), "budget", _("Anggaran")) or Decimal(0)
    weight = _number(values.get("weight", 1), "weight", _("Bobot"))
    values["weight"] = Decimal(1) if weight is None else weight
    values["order"] = int(values.get("order") or 0)
    return values


def _indicator_values(data: dict) -> dict:
    values = dict(data)
    values["name"] = _text(values.get("name"), "name", _("Nama indikator"))
    values["unit"] = _text(values.get("unit"), "unit", _("Satuan"), max_length=60)
    values["direction"] = values.get("direction") or Direction.HIGHER
    if values["direction"] not in Direction.values:
        raise ValidationError({"direction": _("Pilih arah indikator.")}, code="invalid")
    values["baseline"] = _number(values.get("baseline"), "baseline", _("Nilai dasar"))
    values["target"] = _number(values.get("target"), "target", _("Target tahunan"),
                               required=True)
    for q in range(1, 5):
        values[f"target_q{q}"] = _number(values.get(f"target_q{q}"), f"target_q{q}",
                                         _("Target TW %(q)s") % {"q": q})
    weight = _number(values.get("weight", 1), "weight", _("Bobot"))
    values["weight"] = Decimal(1) if weight is None else weight
    values["order"] = int(values.get("order") or 0)
    return values


def _save_child(*, model, parent_field: str, parent, plan: ActionPlan, actor, obj, values,
                fields, action: str):
    if obj is None:
        obj = model.objects.create(**{parent_field: parent}, **values)
        audit.record(obj, actor=actor, action=f"{action}_created", satker=plan.satker)
    else:
        before = audit.snapshot(obj)
        changed = _apply(obj, values, fields)
        if not changed:
            return obj
        obj.save(update_fields=changed)
        audit.record(obj, actor=actor, action=f"{action}_updated", before=before,
                     satker=plan.satker)
    _bump(plan)
    return obj


@transaction.atomic
def save_programme(*, plan: ActionPlan, actor, data: dict, programme: Programme | None = None,
                   expected_version=None) -> Programme:
    """Create (``programme=None``) or change a programme of a draft plan."""
    locked = _editable_plan(plan, actor, expected_version)
    if programme is not None and programme.plan_id != locked.pk:
        raise PermissionDenied
    values = _programme_values(locked, {k: data[k] for k in data if k in PROGRAMME_FIELDS})
    result = _save_child(model=Programme, parent_field="plan", parent=locked, plan=locked,
                         actor=actor, obj=programme, values=values, fields=PROGRAMME_FIELDS,
                         action="reform_programme")
    plan.version = locked.version
    return result


@transaction.atomic
def save_activity(*, programme: Programme, actor, data: dict, activity: Activity | None = None,
                  expected_version=None) -> Activity:
    locked = _editable_plan(programme.plan, actor, expected_version)
    if activity is not None and activity.programme_id != programme.pk:
        raise PermissionDenied
    values = _activity_values(locked, {k: data[k] for k in data if k in ACTIVITY_FIELDS})
    return _save_child(model=Activity, parent_field="programme", parent=programme, plan=locked,
                       actor=actor, obj=activity, values=values, fields=ACTIVITY_FIELDS,
                       action="reform_activity")


@transaction.atomic
def save_indicator(*, activity: Activity, actor, data: dict,
                   indicator: Indicator | None = None, expected_version=None) -> Indicator:
    locked = _editable_plan(activity.programme.plan, actor, expected_version)
    if indicator is not None and indicator.activity_id != activity.pk:
        raise PermissionDenied
    values = _indicator_values({k: data[k] for k in data if k in INDICATOR_FIELDS})
    return _save_child(model=Indicator, parent_field="activity", parent=activity, plan=locked,
                       actor=actor, obj=indicator, values=values, fields=INDICATOR_FIELDS,
                       action="reform_indicator")


def _delete(obj, *, plan: ActionPlan, actor, expected_version, action: str) -> None:
    locked = _editable_plan(plan, actor, expected_version)
    before = audit.snapshot(obj)
    audit.record(obj, actor=actor, action=action, before=before, after={},
                 satker=locked.satker)
    obj.delete()
    _bump(locked)


@transaction.atomic
def delete_programme(*, programme: Programme, actor, expected_version=None) -> None:
    """Delete a programme with its activities and indicators (draft plans only)."""
    _delete(programme, plan=programme.plan, actor=actor, expected_version=expected_version,
            action="reform_programme_deleted")


@transaction.atomic
def delete_activity(*, activity: Activity, actor, expected_version=None) -> None:
    _delete(activity, plan=activity.programme.plan, actor=actor,
            expected_version=expected_version, action="reform_activity_deleted")


@transaction.atomic
def delete_indicator(*, indicator: Indicator, actor, expected_version=None) -> None:
    _delete(indicator, plan=indicator.activity.programme.plan, actor=actor,
            expected_version=expected_version, action="reform_indicator_deleted")


def _transition(plan: ActionPlan, *, actor, allowed_from, to: str, action: str,
                extra: dict | None = None) -> ActionPlan:
    locked = _lock_plan(plan)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("Rencana aksi berstatus “%(status)s” tidak dapat diproses dengan tindakan ini.")
            % {"status": locked.get_status_display()}, code="wrong_status")
    before = audit.snapshot(locked)
    locked.status = to
    for key, value in (extra or {}).items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    audit.record(locked, actor=actor, action=action, before=before)
    return locked


@transaction.atomic
def submit_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    """Draft → submitted to the head; the plan needs at least one success indicator."""
    _require(policies.can_manage_plan(actor, plan))
    if not Indicator.objects.filter(activity__programme__plan=plan).exists():
        raise ValidationError(_("Rencana aksi belum memiliki indikator keberhasilan. Tambahkan "
                                "kegiatan dan indikatornya sebelum diajukan."),
                              code="no_indicators")
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.DRAFT,),
                       to=PlanStatus.SUBMITTED, action="reform_plan_submitted",
                       extra={"submitted_at": timezone.now()})


@transaction.atomic
def return_plan(*, plan: ActionPlan, actor, reason: str) -> ActionPlan:
    """The head sends a submitted plan back to draft, with the reason (audited)."""
    _require(policies.can_approve_plan(actor, plan))
    reason = _text(reason, "reason", _("Alasan pengembalian"), max_length=2000)
    locked = _transition(plan, actor=actor, allowed_from=(PlanStatus.SUBMITTED,),
                         to=PlanStatus.DRAFT, action="reform_plan_returned")
    audit.record(locked, actor=actor, action="reform_plan_return_reason",
                 changes={"reason": [None, reason]})
    return locked


@transaction.atomic
def approve_plan(*, plan: ActionPlan, actor, decree: Document) -> ActionPlan:
    """Submitted → approved by the head of the satker, set by a decree (SK)."""
    _require(policies.can_approve_plan(actor, plan))
    _check_decree(decree, plan.satker)
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.SUBMITTED,),
                       to=PlanStatus.APPROVED, action="reform_plan_approved",
                       extra={"decree": decree, "approved_by": actor,
                              "approved_at": timezone.now()})


@transaction.atomic
def start_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    _require(policies.can_manage_plan(actor, plan))
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.APPROVED,),
                       to=PlanStatus.RUNNING, action="reform_plan_started")


@transaction.atomic
def close_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    _require(policies.can_manage_plan(actor, plan))
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.APPROVED, PlanStatus.RUNNING),
                       to=PlanStatus.CLOSED, action="reform_plan_closed")


@transaction.atomic
def publish_plan(*, plan: ActionPlan, actor, is_published: bool) -> ActionPlan:
    """Show (or hide) an approved plan and its achievements on the public page."""
    _require(policies.can_manage_plan(actor, plan))
    locked = _lock_plan(plan)
    if is_published and locked.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED):
        raise ValidationError(_("Hanya rencana aksi yang sudah disetujui yang dapat "
                                "dipublikasikan."), code="not_approved")
    if locked.is_template and is_published:
        raise ValidationError(_("Templat tidak ditampilkan di halaman publik."),
                              code="template")
    if locked.is_published == bool(is_published):
        return locked
    before = audit.snapshot(locked)
    locked.is_published = bool(is_published)
    locked.save(update_fields=["is_published", "updated_at"])
    audit.record(locked, actor=actor,
                 action="reform_plan_published" if is_published else "reform_plan_unpublished",
                 before=before)
    return locked


# --- progress reports --------------------------------------------------------------------------

REPORT_FIELDS = ("narrative", "obstacles", "follow_up")


def _report_conflict(report: ProgressReport) -> ValidationError:
    return _conflict(_("Laporan"), report.updated_by, report.updated_at, report.plan.satker)


@transaction.atomic
def save_report(*, actor, data: dict, realisations: dict | None = None, expected_version=None,
                report: ProgressReport | None = None, plan: ActionPlan | None = None,
                quarter: int | None = None) -> ProgressReport:
    """Save a quarter's report: narrative, obstacles, follow-up and the realisation per
    indicator (``{indicator_id: (value, note)}``; a value of ``None`` clears it).

    ``expected_version`` is the version the person loaded (0 for a report not yet created);
    when someone saved in between, nothing is stored and the conflict names them.
    """
    if report is not None:
        plan = report.plan
        quarter = report.quarter
    if plan is None or quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Pilih triwulan I sampai IV.")}, code="invalid")
    plan = ActionPlan.objects.select_related("satker").get(pk=plan.pk)
    _require(policies.can_report_on(actor, plan))
    unknown = set(data) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    locked = (ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker",
                                                                        "updated_by")
              .filter(plan=plan, quarter=quarter).first())
    expected = None if expected_version in (None, "") else int(expected_version)
    if locked is None:
        if expected not in (None, 0):
            raise ValidationError(_("Laporan ini tidak ditemukan lagi. Muat ulang halaman."),
                                  code="conflict")
        try:
            with transaction.atomic():
                locked = ProgressReport.objects.create(
                    plan=plan, quarter=quarter, due_date=report_due_date(plan.year, quarter),
                    version=0, updated_by=actor)
        except IntegrityError:
            current = ProgressReport.objects.select_related("updated_by", "plan__satker").get(
                plan=plan, quarter=quarter)
            raise _report_conflict(current) from None
        before = {}
    else:
        if expected is not None and expected != locked.version:
            raise _report_conflict(locked)
        if locked.status not in policies.EDITABLE_REPORT_STATUSES:
            raise ValidationError(
                _("Laporan berstatus “%(status)s” tidak dapat diubah.")
                % {"status": locked.get_status_display()}, code="not_editable")
        before = audit.snapshot(locked)
    labels = {"narrative": _("Uraian capaian"), "obstacles": _("Kendala"),
              "follow_up": _("Rencana tindak lanjut")}
    for name in REPORT_FIELDS:
        if name in data:
            setattr(locked, name, _text(data[name], name, labels[name], required=False,
                                        max_length=20000))
    changes = _save_realisations(locked, realisations or {})
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    audit.record(locked, actor=actor, action="reform_report_saved", before=before,
                 after={**audit.snapshot(locked), "realisations": changes},
                 satker=plan.satker_id)
    return locked


def _save_realisations(report: ProgressReport, realisations: dict) -> dict:
    if not realisations:
        return {}
    ids = {int(k) for k in realisations}
    indicators = set(Indicator.objects.filter(activity__programme__plan=report.plan_id,
                                              pk__in=ids).values_list("pk", flat=True))
    if ids - indicators:
        raise ValidationError(_("Ada indikator yang bukan bagian dari rencana aksi ini."),
                              code="invalid_indicator")
    existing = {r.indicator_id: r for r in report.realisations.filter(indicator_id__in=ids)}
    create, update, changes = [], [], {}
    for key, entry in realisations.items():
        indicator_id = int(key)
        value, note = (entry if isinstance(entry, tuple | list) else (entry, ""))
        value = _number(value, f"realisation_{indicator_id}", _("Realisasi"))
        note = _text(note, f"note_{indicator_id}", _("Keterangan"), required=False,
                     max_length=5000)
        row = existing.get(indicator_id)
        if row is None:
            if value is None and not note:
                continue
            create.append(Realisation(report=report, indicator_id=indicator_id, value=value,
                                      note=note))
            changes[str(indicator_id)] = [None, None if value is None else str(value)]
        elif row.value != value or row.note != note:
            changes[str(indicator_id)] = [None if row.value is None else str(row.value),
                                          None if value is None else str(value)]
            row.value, row.note = value, note
            update.append(row)
    Realisation.objects.bulk_create(create)
    Realisation.objects.bulk_update(update, ["value", "note"])
    return changes


def _editable_report(report: ProgressReport, actor) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker").get(
        pk=report.pk)
    _require(policies.can_report_on(actor, locked.plan))
    if locked.status not in policies.EDITABLE_REPORT_STATUSES:
        raise ValidationError(_("Laporan berstatus “%(status)s” tidak dapat diubah.")
                              % {"status": locked.get_status_display()}, code="not_editable")
    return locked


def _linked_allowed(obj, satker: Satker) -> bool:
    """A record may serve as evidence when it belongs to the satker, is public, or is an event
    the satker organised or attended."""
    if isinstance(obj, SocialisationEvent):
        return (obj.organiser_id == satker.pk
                or obj.participants.filter(satker=satker).exists())
    if getattr(obj, "satker_id", None) == satker.pk:
        return True
    return bool(getattr(obj, "is_public", False) or getattr(obj, "is_published", False))


@transaction.atomic
def add_evidence(*, report: ProgressReport, actor, title: str, upload=None, url: str = "",
                 linked_object=None, indicator: Indicator | None = None) -> Evidence:
    """Data dukung: an uploaded file (checked by content), a link, or a record already in
    Prima (so evidence is not uploaded twice)."""
    locked = _editable_report(report, actor)
    satker = locked.plan.satker
    title = _text(title, "title", _("Judul data dukung"))
    url = (url or "").strip()
    if upload is None and not url and linked_object is None:
        raise ValidationError(_("Unggah berkas, isi tautan, atau pilih data di Prima sebagai "
                                "data dukung."), code="required")
    if indicator is not None and not Indicator.objects.filter(
            pk=indicator.pk, activity__programme__plan=locked.plan_id).exists():
        raise ValidationError({"indicator": _("Indikator bukan bagian dari rencana aksi ini.")},
                              code="invalid")
    if url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": _("Tautan harus alamat web lengkap (https://...).")},
                                  code="invalid") from None
    evidence = Evidence(report=locked, indicator=indicator, title=title, url=url,
                        added_by=actor)
    if linked_object is not None:
        if linked_object.pk is None or not _linked_allowed(linked_object, satker):
            raise ValidationError(_("Data yang ditautkan tidak dapat dipakai sebagai data dukung "
                                    "satker ini."), code="invalid_link")
        evidence.linked_type = ContentType.objects.get_for_model(linked_object)
        evidence.linked_id = str(linked_object.pk)
    stored_name = None
    try:
        if upload is not None:
            checked = uploads.check_upload(upload, allowed_kinds=EVIDENCE_KINDS)
            evidence.sha256, evidence.size = checked.sha256, checked.size
            evidence.original_name = checked.original_name
            upload.seek(0)
            evidence.file.save(checked.original_name or "data-dukung", upload, save=False)
            stored_name = evidence.file.name
        with transaction.atomic():
            evidence.save()
            audit.record(evidence, actor=actor, action="reform_evidence_added",
                         satker=satker)
    except BaseException:
        if stored_name:
            evidence.file.storage.delete(stored_name)
        raise
    return evidence


@transaction.atomic
def delete_evidence(*, evidence: Evidence, actor) -> None:
    locked = _editable_report(evidence.report, actor)
    before = audit.snapshot(evidence)
    audit.record(evidence, actor=actor, action="reform_evidence_deleted", before=before,
                 after={}, satker=locked.plan.satker)
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    # The stored file is removed only once the row is gone for good.
    if name and storage is not None and not Evidence.objects.filter(
            sha256=evidence.sha256, report__plan__satker=locked.plan.satker_id).exists():
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def submit_report(*, report: ProgressReport, actor, expected_version=None) -> ProgressReport:
    """Draft (or revised) → submitted for evaluation; at least one realisation is needed."""
    locked = _editable_report(report, actor)
    if expected_version is not None and int(expected_version) != locked.version:
        raise _report_conflict(ProgressReport.objects.select_related(
            "updated_by", "plan__satker").get(pk=locked.pk))
    if not locked.realisations.filter(value__isnull=False).exists():
        raise ValidationError(_("Isi realisasi sekurang-kurangnya satu indikator sebelum "
                                "laporan diajukan."), code="empty")
    before = audit.snapshot(locked)
    locked.status = ReportStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    audit.record(locked, actor=actor, action="reform_report_submitted", before=before,
                 satker=locked.plan.satker_id)
    return locked


@transaction.atomic
def review_report(*, report: ProgressReport, actor, verdict: str,
                  comments: Iterable[tuple] = (), recommendations: Iterable[tuple] = ()
                  ) -> ProgressReport:
    """The evaluator above reviews a submitted report: comments (per indicator or general), a
    verdict (accepted / revise) and follow-up recommendations with deadlines."""
    locked = ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker").get(
        pk=report.pk)
    _require(policies.can_evaluate(actor, locked.plan.satker))
    if locked.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat dievaluasi."),
                              code="not_submitted")
    if verdict not in (ReportStatus.ACCEPTED, ReportStatus.REVISE):
        raise ValidationError({"verdict": _("Pilih hasil evaluasi: diterima atau perlu "
                                            "perbaikan.")}, code="invalid")
    comments = [(i, _text(t, "comments", _("Komentar"), max_length=5000))
                for i, t in comments if (t or "").strip()]
    recommendations = list(recommendations)
    if verdict == ReportStatus.REVISE and not comments and not recommendations:
        raise ValidationError({"comments": _("Tuliskan komentar atau rekomendasi yang perlu "
                                             "diperbaiki.")}, code="required")
    indicator_ids = {int(i) for i, _t in comments if i is not None}
    if indicator_ids - set(Indicator.objects.filter(
            activity__programme__plan=locked.plan_id, pk__in=indicator_ids)
            .values_list("pk", flat=True)):
        raise ValidationError(_("Ada indikator yang bukan bagian dari rencana aksi ini."),
                              code="invalid_indicator")
    rows = []
    for text, deadline in recommendations:
        text = _text(text, "recommendations", _("Rekomendasi"), max_length=5000)
        if not isinstance(deadline, dt.date):
            raise ValidationError({"recommendations": _("Setiap rekomendasi memerlukan batas "
                                                        "waktu.")}, code="required")
        rows.append(Recommendation(report=locked, text=text, deadline=deadline,
                                   created_by=actor))
    ReviewComment.objects.bulk_create(
        [ReviewComment(report=locked, indicator_id=i, author=actor, text=t, is_evaluator=True)
         for i, t in comments])
    Recommendation.objects.bulk_create(rows)
    before = audit.snapshot(locked)
    locked.status = verdict
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    audit.record(locked, actor=actor, action=f"reform_report_{verdict}", before=before,
                 after={**audit.snapshot(locked), "comments": len(comments),
                        "recommendations": len(rows)}, satker=locked.plan.satker_id)
    return locked


@transaction.atomic
def comment_on_report(*, report: ProgressReport, actor, text: str,
                      indicator: Indicator | None = None) -> ReviewComment:
    """A comment by the satker (answering the evaluator) or by the evaluator."""
    satker = report.plan.satker
    is_evaluator = policies.can_evaluate(actor, satker)
    _require(is_evaluator or policies.can_manage_plan(actor, report.plan))
    text = _text(text, "text", _("Komentar"), max_length=5000)
    if report.status == ReportStatus.DRAFT:
        raise ValidationError(_("Laporan belum diajukan."), code="draft")
    comment = ReviewComment.objects.create(report=report, indicator=indicator, author=actor,
                                           text=text, is_evaluator=is_evaluator)
    audit.record(comment, actor=actor, action="reform_comment_added", satker=satker)
    return comment


@transaction.atomic
def respond_recommendation(*, recommendation: Recommendation, actor,
                           response: str) -> Recommendation:
    locked = Recommendation.objects.select_for_update(of=SELF).select_related(
        "report__plan__satker").get(pk=recommendation.pk)
    _require(policies.can_respond_recommendation(actor, locked))
    before = audit.snapshot(locked)
    locked.response = _text(response, "response", _("Tanggapan"), max_length=5000)
    locked.status = RecommendationStatus.ANSWERED
    locked.responded_at = timezone.now()
    locked.responded_by = actor
    locked.save()
    audit.record(locked, actor=actor, action="reform_recommendation_answered", before=before,
                 satker=locked.report.plan.satker_id)
    return locked


@transaction.atomic
def close_recommendation(*, recommendation: Recommendation, actor) -> Recommendation:
    locked = Recommendation.objects.select_for_update(of=SELF).select_related(
        "report__plan__satker").get(pk=recommendation.pk)
    _require(policies.can_close_recommendation(actor, locked))
    before = audit.snapshot(locked)
    locked.status = RecommendationStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save()
    audit.record(locked, actor=actor, action="reform_recommendation_closed", before=before,
                 satker=locked.report.plan.satker_id)
    return locked


# --- socialisation events ----------------------------------------------------------------------

EVENT_FIELDS = ("title", "series", "date", "start_time", "mode", "location", "speakers",
                "description", "area")


def _event_values(data: dict) -> tuple[dict, list | None]:
    values = {k: data[k] for k in data if k in EVENT_FIELDS}
    unknown = set(data) - set(EVENT_FIELDS) - {"materials"}
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    values["title"] = _text(values.get("title"), "title", _("Judul kegiatan"))
    values["series"] = _text(values.get("series"), "series", _("Seri kegiatan"),
                             required=False, max_length=200)
    if not isinstance(values.get("date"), dt.date):
        raise ValidationError({"date": _("Tanggal kegiatan wajib diisi.")}, code="required")
    if values.get("mode") not in EventMode.values:
        raise ValidationError({"mode": _("Pilih bentuk kegiatan: daring, luring atau "
                                         "hibrida.")}, code="invalid")
    for name, label, max_length in (("location", _("Tempat / tautan"), 500),
                                    ("speakers", _("Narasumber"), 5000),
                                    ("description", _("Uraian"), 20000)):
        values[name] = _text(values.get(name), name, label, required=False,
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
    _require(policies.can_manage_event(actor, organiser))
    values, materials = _event_values(data)
    event = SocialisationEvent.objects.create(organiser=organiser, created_by=actor, **values)
    _set_materials(event, materials)
    audit.record(event, actor=actor, action="reform_event_created", satker=organiser)
    return event


@transaction.atomic
def update_event(*, event: SocialisationEvent, actor, data: dict) -> SocialisationEvent:
    locked = SocialisationEvent.objects.select_for_update(of=SELF).get(pk=event.pk)
    _require(policies.can_manage_event(actor, locked))
    merged = {f: getattr(locked, f) for f in EVENT_FIELDS}
    merged.update(data)
    values, materials = _event_values(merged)
    before = audit.snapshot(locked)
    changed = _apply(locked, values, EVENT_FIELDS)
    if changed:
        locked.save(update_fields=changed)
    _set_materials(locked, materials)
    audit.record(locked, actor=actor, action="reform_event_updated", before=before,
                 satker=locked.organiser_id)
    return locked


@transaction.atomic
def delete_event(*, event: SocialisationEvent, actor) -> None:
    _require(policies.can_manage_event(actor, event))
    if Evidence.objects.filter(linked_type=ContentType.objects.get_for_model(event),
                               linked_id=str(event.pk)).exists():
        raise ValidationError(_("Kegiatan ini dipakai sebagai data dukung laporan dan tidak "
                                "dapat dihapus."), code="in_use")
    audit.record(event, actor=actor, action="reform_event_deleted",
                 before=audit.snapshot(event), after={}, satker=event.organiser_id)
    event.delete()


@transaction.atomic
def set_attendance(*, event: SocialisationEvent, actor,
                   participants: Iterable[dict]) -> list[EventParticipant]:
    """Replace the participant list: dicts with satker, name, position, user, attended.
    Participants come from the organiser or the satkers below it."""
    locked = SocialisationEvent.objects.select_for_update(of=SELF).select_related("organiser").get(
        pk=event.pk)
    _require(policies.can_manage_event(actor, locked))
    rows = []
    for i, entry in enumerate(participants, start=1):
        satker = entry.get("satker")
        if not isinstance(satker, Satker) or not (
                satker.pk == locked.organiser_id or satker.is_below(locked.organiser)):
            raise ValidationError(
                {"participants": _("Peserta baris %(n)s harus dari %(organiser)s atau satker di "
                                   "bawahnya.") % {"n": i, "organiser": locked.organiser.name}},
                code="invalid")
        user = entry.get("user")
        name = entry.get("name") or (user.full_name if user is not None else "")
        rows.append(EventParticipant(
            event=locked, satker=satker, user=user,
            name=_text(name, "participants", _("Nama peserta"), max_length=200),
            position=_text(entry.get("position"), "participants", _("Jabatan"), required=False,
                           max_length=200),
            attended=bool(entry.get("attended", True))))
    before = {"participants": locked.participants.count()}
    locked.participants.all().delete()
    created = EventParticipant.objects.bulk_create(rows)
    audit.record(locked, actor=actor, action="reform_event_attendance_set",
                 changes={"participants": [before["participants"], len(created)],
                          "attended": [None, sum(1 for r in created if r.attended)]},
                 satker=locked.organiser_id)
    return created
