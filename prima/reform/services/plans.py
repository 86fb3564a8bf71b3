"""Action plans (rencana aksi): creation, copy and template adoption, the programme → activity
→ indicator tree of a draft, and the plan's workflow (submit, return, approve, start, close,
publish). Plans carry a ``version`` for optimistic concurrency."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, transitions
from prima.organisations.models import Division, Document, Satker

from .. import policies
from ..choices import AuditAction, Direction, PlanStatus, RealisationSource
from ..models import ActionPlan, Activity, AreaOfChange, Indicator, Programme, Regime
from .common import SELF, apply_changes, check_decree, clean_number, clean_text, require


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
    require(policies.can_manage_plan(actor, locked))
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
    require(policies.can_create_plan(actor, satker))
    year = _check_year(year)
    if is_template and not satker.children.exists():
        raise ValidationError(
            {"is_template": _("Templat hanya dapat dibuat oleh satker yang membawahi satker "
                              "lain.")}, code="invalid")
    regime = regime or regime_for_year(year)
    title = clean_text(title or default_plan_title(satker, year, is_template=is_template), "title",
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
    audit.record(plan, actor=actor, action=AuditAction.PLAN_CREATED)
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
        require(policies.can_adopt_template(actor, source, satker))
    else:
        if source.satker_id != satker.pk:
            raise ValidationError(
                _("Rencana aksi hanya dapat disalin dari rencana aksi satker sendiri atau "
                  "templat satker di atasnya."), code="other_satker")
        require(policies.can_create_plan(actor, satker)
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
        match = divisions.get(source_divisions.get(activity.owner_division_id, ""))
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
                 action=(AuditAction.TEMPLATE_ADOPTED if source.is_template
                         else AuditAction.PLAN_COPIED),
                 after={**audit.snapshot(plan), "source": source.pk,
                        "indicators": len(indicators)})
    return plan


PROGRAMME_FIELDS = ("area", "name", "order")
ACTIVITY_FIELDS = ("name", "output", "owner_division", "owner_person", "quarters", "budget",
                   "weight", "order")
INDICATOR_FIELDS = ("name", "unit", "direction", "baseline", "target", "target_q1", "target_q2",
                    "target_q3", "target_q4", "weight", "order", "source")


def _programme_values(plan: ActionPlan, data: dict) -> dict:
    values = dict(data)
    area = values.get("area")
    if not isinstance(area, AreaOfChange) or area.regime_id != plan.regime_id:
        raise ValidationError({"area": _("Pilih salah satu area perubahan regulasi rencana "
                                         "aksi ini.")}, code="invalid")
    values["name"] = clean_text(values.get("name"), "name", _("Nama program"))
    values["order"] = int(values.get("order") or 0)
    return values


def _activity_values(plan: ActionPlan, data: dict) -> dict:
    values = dict(data)
    values["name"] = clean_text(values.get("name"), "name", _("Nama kegiatan"))
    values["output"] = clean_text(values.get("output"), "output", _("Keluaran (output)"))
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
    values["budget"] = clean_number(values.get("budget"), "budget", _("Anggaran")) or Decimal(0)
    weight = clean_number(values.get("weight", 1), "weight", _("Bobot"))
    values["weight"] = Decimal(1) if weight is None else weight
    values["order"] = int(values.get("order") or 0)
    return values


def _indicator_values(data: dict) -> dict:
    values = dict(data)
    values["name"] = clean_text(values.get("name"), "name", _("Nama indikator"))
    values["unit"] = clean_text(values.get("unit"), "unit", _("Satuan"), max_length=60)
    values["direction"] = values.get("direction") or Direction.HIGHER
    if values["direction"] not in Direction.values:
        raise ValidationError({"direction": _("Pilih arah indikator.")}, code="invalid")
    values["baseline"] = clean_number(values.get("baseline"), "baseline", _("Nilai dasar"))
    values["target"] = clean_number(values.get("target"), "target", _("Target tahunan"),
                                    required=True)
    for q in range(1, 5):
        values[f"target_q{q}"] = clean_number(values.get(f"target_q{q}"), f"target_q{q}",
                                              _("Target TW %(q)s") % {"q": q})
    weight = clean_number(values.get("weight", 1), "weight", _("Bobot"))
    values["weight"] = Decimal(1) if weight is None else weight
    values["order"] = int(values.get("order") or 0)
    values["source"] = values.get("source") or RealisationSource.TYPED
    if values["source"] not in RealisationSource.values:
        raise ValidationError({"source": _("Pilih sumber realisasi.")}, code="invalid")
    return values


def _save_child(*, model, parent_field: str, parent, plan: ActionPlan, actor, obj, values,
                fields, actions: tuple[str, str]):
    """Create (``obj=None``) or change a child of the plan tree; the plan's version moves on.
    ``actions`` are the audit actions of a creation and of a change."""
    created, updated = actions
    if obj is None:
        obj = model.objects.create(**{parent_field: parent}, **values)
        audit.record(obj, actor=actor, action=created, satker=plan.satker)
    else:
        before = audit.snapshot(obj)
        changed = apply_changes(obj, values, fields)
        if not changed:
            return obj
        obj.save(update_fields=changed)
        audit.record(obj, actor=actor, action=updated, before=before,
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
                         actions=(AuditAction.PROGRAMME_CREATED,
                                  AuditAction.PROGRAMME_UPDATED))
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
                       actions=(AuditAction.ACTIVITY_CREATED, AuditAction.ACTIVITY_UPDATED))


@transaction.atomic
def save_indicator(*, activity: Activity, actor, data: dict,
                   indicator: Indicator | None = None, expected_version=None) -> Indicator:
    locked = _editable_plan(activity.programme.plan, actor, expected_version)
    if indicator is not None and indicator.activity_id != activity.pk:
        raise PermissionDenied
    values = _indicator_values({k: data[k] for k in data if k in INDICATOR_FIELDS})
    return _save_child(model=Indicator, parent_field="activity", parent=activity, plan=locked,
                       actor=actor, obj=indicator, values=values, fields=INDICATOR_FIELDS,
                       actions=(AuditAction.INDICATOR_CREATED,
                                AuditAction.INDICATOR_UPDATED))


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
            action=AuditAction.PROGRAMME_DELETED)


@transaction.atomic
def delete_activity(*, activity: Activity, actor, expected_version=None) -> None:
    _delete(activity, plan=activity.programme.plan, actor=actor,
            expected_version=expected_version, action=AuditAction.ACTIVITY_DELETED)


@transaction.atomic
def delete_indicator(*, indicator: Indicator, actor, expected_version=None) -> None:
    _delete(indicator, plan=indicator.activity.programme.plan, actor=actor,
            expected_version=expected_version, action=AuditAction.INDICATOR_DELETED)


def _transition(plan: ActionPlan, *, actor, allowed_from, to: str, action: str,
                changes: dict | None = None) -> ActionPlan:
    """The plan's status change through ``core.transitions`` (row lock, state check, version,
    audit), refused with a message that names the plan's current status."""
    locked = _lock_plan(plan)
    return transitions.transition(
        locked, actor=actor, allowed_from=allowed_from, to=to, action=action, changes=changes,
        message=_("Rencana aksi berstatus “%(status)s” tidak dapat diproses dengan tindakan "
                  "ini.") % {"status": locked.get_status_display()})


@transaction.atomic
def submit_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    """Draft → submitted to the head; the plan needs at least one success indicator."""
    require(policies.can_manage_plan(actor, plan))
    if not Indicator.objects.filter(activity__programme__plan=plan).exists():
        raise ValidationError(_("Rencana aksi belum memiliki indikator keberhasilan. Tambahkan "
                                "kegiatan dan indikatornya sebelum diajukan."),
                              code="no_indicators")
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.DRAFT,),
                       to=PlanStatus.SUBMITTED, action=AuditAction.PLAN_SUBMITTED,
                       changes={"submitted_at": timezone.now()})


@transaction.atomic
def return_plan(*, plan: ActionPlan, actor, reason: str) -> ActionPlan:
    """The head sends a submitted plan back to draft, with the reason (audited)."""
    require(policies.can_approve_plan(actor, plan))
    reason = clean_text(reason, "reason", _("Alasan pengembalian"), max_length=2000)
    locked = _transition(plan, actor=actor, allowed_from=(PlanStatus.SUBMITTED,),
                         to=PlanStatus.DRAFT, action=AuditAction.PLAN_RETURNED)
    audit.record(locked, actor=actor, action=AuditAction.PLAN_RETURN_REASON_RECORDED,
                 changes={"reason": [None, reason]})
    return locked


@transaction.atomic
def approve_plan(*, plan: ActionPlan, actor, decree: Document) -> ActionPlan:
    """Submitted → approved by the head of the satker, set by a decree (SK)."""
    require(policies.can_approve_plan(actor, plan))
    check_decree(decree, plan.satker)
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.SUBMITTED,),
                       to=PlanStatus.APPROVED, action=AuditAction.PLAN_APPROVED,
                       changes={"decree": decree, "approved_by": actor,
                                "approved_at": timezone.now()})


@transaction.atomic
def start_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    require(policies.can_manage_plan(actor, plan))
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.APPROVED,),
                       to=PlanStatus.RUNNING, action=AuditAction.PLAN_STARTED)


@transaction.atomic
def close_plan(*, plan: ActionPlan, actor) -> ActionPlan:
    require(policies.can_manage_plan(actor, plan))
    return _transition(plan, actor=actor, allowed_from=(PlanStatus.APPROVED, PlanStatus.RUNNING),
                       to=PlanStatus.CLOSED, action=AuditAction.PLAN_CLOSED)


@transaction.atomic
def publish_plan(*, plan: ActionPlan, actor, is_published: bool) -> ActionPlan:
    """Show (or hide) an approved plan and its achievements on the public page."""
    require(policies.can_manage_plan(actor, plan))
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
                 action=(AuditAction.PLAN_PUBLISHED if is_published
                         else AuditAction.PLAN_UNPUBLISHED),
                 before=before)
    return locked

