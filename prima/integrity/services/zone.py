"""The integrity zone of a satker: its declaration (integrity-zone.md stage 1) and the units
built towards WBK/WBBM (stages 2–6)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.evidence import EvidenceRef, check_citable
from prima.core.transitions import transition
from prima.core.uploads import check_pdf

from ..choices import UNIT_MOVES, AuditAction, UnitStatus
from ..models import Declaration, ZoneUnit

DECLARATION_FIELDS = ("date", "event", "place", "witnesses", "description", "is_public")


def _charter(declaration: Declaration, *, upload, ref: str, actor) -> None:
    """Attach the charter: a checked PDF (private storage) or a citable satker document."""
    if upload is not None:
        checked = check_pdf(upload)
        declaration.charter_sha256 = checked.sha256
        declaration.charter_name = checked.original_name[:255]
        declaration.charter_ref = ""
        declaration.charter_file.save(f"{checked.sha256}.pdf", File(upload), save=False)
    elif ref:
        parsed = EvidenceRef.parse(ref)
        check_citable(parsed, satker=declaration.satker, user=actor)
        declaration.charter_ref = str(parsed)


@transaction.atomic
def record_declaration(*, satker, actor, data: dict, charter_upload=None,
                       charter_ref: str = "") -> Declaration:
    declaration = Declaration(satker=satker, created_by=actor,
                              **{k: data[k] for k in DECLARATION_FIELDS if k in data})
    _charter(declaration, upload=charter_upload, ref=charter_ref, actor=actor)
    declaration.save()
    audit.record(declaration, actor=actor, action=AuditAction.DECLARATION_CREATED)
    return declaration


@transaction.atomic
def update_declaration(*, declaration: Declaration, actor, data: dict, charter_upload=None,
                       charter_ref: str = "") -> Declaration:
    locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
    before = audit.snapshot(locked)
    for name in DECLARATION_FIELDS:
        if name in data:
            setattr(locked, name, data[name])
    _charter(locked, upload=charter_upload, ref=charter_ref, actor=actor)
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.DECLARATION_UPDATED, before=before)
    return locked


def add_unit(*, satker, actor, target: str, year: int, note: str = "") -> ZoneUnit:
    try:
        with transaction.atomic():
            unit = ZoneUnit.objects.create(satker=satker, target=target, year=year,
                                           note=(note or "").strip(), created_by=actor)
            audit.record(unit, actor=actor, action=AuditAction.UNIT_CREATED)
    except IntegrityError as exc:
        raise ValidationError(_("Unit dengan target dan tahun ini sudah tercatat."),
                              code="duplicate") from exc
    return unit


@transaction.atomic
def move_unit(*, unit: ZoneUnit, actor, to: str) -> ZoneUnit:
    """Move a unit to the next stage (``choices.UNIT_MOVES``)."""
    if to not in UnitStatus.values:
        raise ValidationError(_("Status tidak dikenal."), code="unknown_status")
    allowed_from = [s for s, targets in UNIT_MOVES.items() if to in targets]
    return transition(unit, actor=actor, allowed_from=allowed_from, to=to,
                      action=AuditAction.UNIT_STATUS_CHANGED)
