"""Writes on satkers, divisions and documents; each one records an audit event.

Callers authorise first (through ``policies``); these functions trust the actor they are given.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.uploads import CheckedFile

from .choices import AuditAction
from .models import Division, Document, Satker

# Fields of a satker that its own managers keep; code, name, level, parent, time zone and
# population come from the Kemendagri data and are kept by the system administrator.
PROFILE_FIELDS = ("description", "address", "phone", "email", "website", "office_hours")
DIVISION_FIELDS = ("kind", "name", "description", "order")


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def update_satker_profile(*, satker: Satker, actor, data: dict) -> Satker:
    """Change a satker's profile and contact details; nothing is written when nothing changed."""
    locked = Satker.objects.select_for_update().get(pk=satker.pk)
    before = audit.snapshot(locked)
    changed = _apply(locked, data, PROFILE_FIELDS)
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        audit.record(locked, actor=actor, action=AuditAction.SATKER_PROFILE_UPDATED, before=before)
    return locked


def _duplicate_division_name(satker: Satker, name: str) -> ValidationError:
    return ValidationError(
        {"name": _("Nama “%(name)s” sudah dipakai divisi/subbagian lain di satker ini.")
         % {"name": name}}, code="duplicate")


@transaction.atomic
def create_division(*, satker: Satker, actor, kind: str, name: str, description: str = "",
                    order: int = 0) -> Division:
    try:
        with transaction.atomic():
            division = Division.objects.create(satker=satker, kind=kind, name=name,
                                               description=description, order=order)
    except IntegrityError as exc:
        raise _duplicate_division_name(satker, name) from exc
    audit.record(division, actor=actor, action=AuditAction.DIVISION_CREATED)
    return division


@transaction.atomic
def update_division(*, division: Division, actor, data: dict) -> Division:
    locked = Division.objects.select_for_update().get(pk=division.pk)
    before = audit.snapshot(locked)
    changed = _apply(locked, data, DIVISION_FIELDS)
    if changed:
        try:
            with transaction.atomic():
                locked.save(update_fields=changed)
        except IntegrityError as exc:
            raise _duplicate_division_name(locked.satker, locked.name) from exc
        audit.record(locked, actor=actor, action=AuditAction.DIVISION_UPDATED, before=before)
    return locked


@transaction.atomic
def delete_division(*, division: Division, actor) -> None:
    """Delete a division; its members stay in the satker without a division."""
    before = audit.snapshot(division)
    # Recorded before the delete, while the row still has its id; both share one transaction.
    audit.record(division, actor=actor, action=AuditAction.DIVISION_DELETED, before=before,
                 after={})
    division.delete()


def duplicate_number_error(number: str, kind_label) -> ValidationError:
    return ValidationError(
        {"number": _("Nomor “%(number)s” sudah terdaftar untuk jenis %(kind)s di satker ini. "
                     "Periksa nomornya atau buka dokumen yang sudah ada.")
         % {"number": number, "kind": kind_label}},
        code="duplicate",
    )


def upload_document(*, satker: Satker, actor, file, checked: CheckedFile, kind: str,
                    number: str, date: dt.date, subject: str,
                    is_public: bool = False) -> Document:
    """Store a checked PDF and its record together: on any error neither the row nor the file
    is kept (the file written to storage is removed again)."""
    document = Document(satker=satker, kind=kind, number=number, date=date, subject=subject,
                        is_public=is_public, sha256=checked.sha256, size=checked.size,
                        original_name=checked.original_name, uploaded_by=actor)
    stored_name = None
    try:
        with transaction.atomic():
            file.seek(0)
            document.file.save(checked.original_name or "dokumen.pdf", file, save=False)
            stored_name = document.file.name
            document.save()
            audit.record(document, actor=actor, action=AuditAction.DOCUMENT_UPLOADED)
    except BaseException as exc:
        if stored_name:
            document.file.storage.delete(stored_name)
        if isinstance(exc, IntegrityError) and Document.objects.filter(
                satker=satker, kind=kind, number=number).exists():
            # Another upload took the number between the form's check and this insert.
            raise duplicate_number_error(number, document.get_kind_display()) from exc
        raise
    return document
