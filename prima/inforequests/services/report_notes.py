"""The PPID's part of the annual service report: internal and external obstacles and
recommendations (domain "Annual service report")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prima.core import audit

from ..choices import AuditAction
from ..models import AnnualReportNote
from .common import clean_text, has_null_character, null_character_error, require_satker_staff

REPORT_NOTE_FIELDS = ("internal_obstacles", "external_obstacles", "recommendations")
REPORT_NOTE_MAX_LENGTH = 10000
EARLIEST_YEAR = 2008


@transaction.atomic
def save_report_notes(*, satker, year, actor, **fields) -> AnnualReportNote:
    """Create or update the satker's obstacles and recommendations of ``year``."""
    require_satker_staff(actor, satker)
    unknown = set(fields) - set(REPORT_NOTE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown report note fields: {sorted(unknown)}")
    errors = {}
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not EARLIEST_YEAR <= year <= 9999:
        errors["year"] = [_("Tahun tidak valid.")]
    values = {}
    for name in REPORT_NOTE_FIELDS:
        value = fields.get(name, "")
        if has_null_character(value):
            errors[name] = [null_character_error()]
        values[name] = clean_text(value)
        if len(values[name]) > REPORT_NOTE_MAX_LENGTH:
            errors[name] = [_("Paling banyak %(n)s karakter.") % {"n": REPORT_NOTE_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)
    note = (AnnualReportNote.objects.select_for_update().filter(satker=satker, year=year)
            .first())
    before = audit.snapshot(note) if note is not None else {}
    note = note or AnnualReportNote(satker=satker, year=year)
    for name, value in values.items():
        setattr(note, name, value)
    note.updated_by = actor
    note.save()
    audit.record(note, actor=actor, action=AuditAction.REPORT_NOTES_SAVED, before=before)
    return note
