"""Status transitions with a row lock and an audit event, the one way every app changes state.

A service calls ``transition`` inside its own ``transaction.atomic`` block (the row lock needs
one; Django refuses ``select_for_update`` outside it) after checking
permission; the row is locked (``SELECT ... FOR UPDATE`` of the row itself), its current status
checked against ``allowed_from``, the change saved and recorded in the audit trail, so two
people acting at once cannot both move the same record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from . import audit

M = TypeVar("M", bound=models.Model)


def lock(obj: M) -> M:
    """A fresh copy of ``obj`` with its row locked until the transaction ends."""
    return type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)


def transition(obj: M, *, actor, allowed_from: Iterable[str], to: str, action: str,
               field: str = "status", message: str | None = None,
               changes: dict[str, Any] | None = None,
               before_save: Callable[[M], None] | None = None) -> M:
    """Move ``obj`` from one of ``allowed_from`` to ``to``, audited as ``action``.

    ``changes`` sets further fields in the same save (a timestamp, who approved); a model with
    an integer ``version`` field (optimistic locking) gets it incremented. ``before_save`` may
    adjust the locked object last. Returns the locked, saved copy; raises ``ValidationError``
    (code ``wrong_status``) when the current status does not allow the move.
    """
    locked = lock(obj)
    current = getattr(locked, field)
    if current not in set(allowed_from):
        display = getattr(locked, f"get_{field}_display", lambda: current)()
        raise ValidationError(
            message or _("Data berstatus “%(status)s” tidak dapat diproses dengan tindakan ini.")
            % {"status": display}, code="wrong_status")
    before = audit.snapshot(locked)
    setattr(locked, field, to)
    for name, value in (changes or {}).items():
        setattr(locked, name, value)
    if isinstance(getattr(locked, "version", None), int):
        locked.version += 1
    if before_save is not None:
        before_save(locked)
    locked.save()
    audit.record(locked, actor=actor, action=action, before=before)
    return locked
