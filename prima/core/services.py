"""Writes of the core app: changes to the working-day calendar, audited and validated."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from prima.organisations.policies import Purpose, can, is_system_admin

from . import audit, calendar
from .choices import AuditAction
from .models import CalendarOverride

logger = logging.getLogger(__name__)


def _calendar_changed(*, date: dt.date, satker_id: int | None) -> None:
    """After the commit: tell the apps that keep deadlines to recompute them.

    Domain working-days.md: deadlines recompute when the calendar changes. Each dotted path in
    ``settings.PRIMA_CALENDAR_CHANGED_HOOKS`` names a task (enqueued) or a callable (called)
    taking ``date`` (ISO string, the changed day) and ``satker_id`` (``None``: national).
    """
    calendar.bump_version()
    for path in getattr(settings, "PRIMA_CALENDAR_CHANGED_HOOKS", ()):
        hook = import_string(path)
        run = hook.enqueue if hasattr(hook, "enqueue") else hook
        try:
            run(date=date.isoformat(), satker_id=satker_id)
        except Exception:  # noqa: BLE001 - the calendar change is committed; log and go on
            logger.exception("Calendar hook %s failed for %s", path, date)


def can_change_override(user, *, satker=None) -> bool:
    """National rows belong to the system administrator; a closure to the satker's admin."""
    if satker is None:
        return is_system_admin(user)
    return can(user, Purpose.CALENDAR, satker, write=True)


def _validate(*, actor, date: dt.date, kind: str, satker) -> None:
    Kind = CalendarOverride.Kind
    if kind not in Kind.values:
        raise ValidationError(_("Jenis perubahan kalender tidak dikenal."), code="kind")
    duplicate = CalendarOverride.objects.filter(date=date, satker=satker)
    if duplicate.exists():
        scope = satker.name if satker is not None else _("nasional")
        raise ValidationError(
            _("Sudah ada perubahan kalender %(scope)s pada tanggal %(date)s. Hapus yang lama "
              "terlebih dahulu bila ingin menggantinya.")
            % {"scope": scope, "date": calendar.format_date(date)},
            code="duplicate",
        )
    if satker is not None and kind == Kind.WORKING_DAY and not is_system_admin(actor):
        raise ValidationError(
            _("Administrator satker hanya dapat menambahkan penutupan kantor (hari libur)."),
            code="closure_only",
        )
    if date.weekday() >= 5:
        if kind == Kind.DAY_OFF:
            raise ValidationError(
                _("%(date)s adalah hari Sabtu/Minggu yang memang bukan hari kerja "
                  "(Perpres 21/2023); menambahkannya sebagai hari libur tidak berpengaruh.")
                % {"date": calendar.format_date(date)},
                code="weekend",
            )
        raise ValidationError(
            _("%(date)s adalah hari Sabtu/Minggu; membatalkan libur pada hari itu tidak "
              "menjadikannya hari kerja (Perpres 21/2023).")
            % {"date": calendar.format_date(date)},
            code="weekend",
        )
    # The layer below the new row: national for a national row, national + nothing else for a
    # satker row (a satker has at most one row per date, checked above).
    below = calendar.year_calendar(date.year, None).days_off.get(date)
    if kind == Kind.DAY_OFF and below is not None:
        raise ValidationError(
            _("%(date)s sudah hari libur: %(name)s.")
            % {"date": calendar.format_date(date), "name": below.name},
            code="already_off",
        )
    if kind == Kind.WORKING_DAY and below is None:
        raise ValidationError(
            _("%(date)s bukan hari libur atau cuti bersama, jadi tidak ada yang dibatalkan.")
            % {"date": calendar.format_date(date)},
            code="not_a_holiday",
        )


@transaction.atomic
def add_calendar_override(*, actor, date: dt.date, kind: str, name: str, legal_basis: str,
                          satker=None) -> CalendarOverride:
    """Add a day off or cancel a holiday, nationally (``satker=None``) or for one satker."""
    if not can_change_override(actor, satker=satker):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kalender ini."))
    name, legal_basis = name.strip(), legal_basis.strip()
    if not name:
        raise ValidationError(_("Nama hari libur atau keterangan wajib diisi."), code="name")
    if not legal_basis:
        raise ValidationError(_("Dasar hukum wajib diisi."), code="legal_basis")
    _validate(actor=actor, date=date, kind=kind, satker=satker)
    try:
        with transaction.atomic():
            override = CalendarOverride.objects.create(
                date=date, kind=kind, name=name, legal_basis=legal_basis, satker=satker,
                created_by=actor,
            )
    except IntegrityError as exc:  # a concurrent request added the same date first
        raise ValidationError(
            _("Sudah ada perubahan kalender pada tanggal itu."), code="duplicate"
        ) from exc
    audit.record(override, actor=actor, action=AuditAction.CALENDAR_OVERRIDE_ADDED, satker=satker)
    # Bump now for this transaction's own reads, and again after the commit for everyone.
    calendar.bump_version()
    transaction.on_commit(partial(_calendar_changed, date=date, satker_id=override.satker_id))
    return override


@transaction.atomic
def remove_calendar_override(*, actor, override: CalendarOverride) -> None:
    """Remove an override: the layer below applies again and deadlines recompute."""
    if not can_change_override(actor, satker=override.satker):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kalender ini."))
    before = audit.snapshot(override)
    satker = override.satker
    pk = override.pk
    override.delete()
    override.pk = pk  # the event names the removed row
    audit.record(override, actor=actor, action=AuditAction.CALENDAR_OVERRIDE_REMOVED, before=before,
                 after={}, satker=satker)
    calendar.bump_version()
    transaction.on_commit(partial(_calendar_changed, date=override.date,
                                  satker_id=override.satker_id))
