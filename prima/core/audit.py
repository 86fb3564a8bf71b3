"""Audit trail: record every staff write with who, what, when and before/after values.

Call ``snapshot(obj)`` before a change and ``record(obj, actor=..., action=..., before=...)``
after it, inside the same transaction as the write, so the event exists if and only if the
change does.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent
from .request_context import current_ip

SKIPPED_FIELDS = {"password", "token_hash", "updated_at"}


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model | None) -> dict:
    """The concrete field values of ``obj`` as JSON-ready data (``{}`` for a new object)."""
    if obj is None or obj.pk is None:
        return {}
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in SKIPPED_FIELDS:
            continue
        data[f.name] = _plain(getattr(obj, f.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for every field whose value changed."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys)
            if before.get(k) != after.get(k)}


def _satker_of(obj):
    from prima.organisations.models import Satker

    if isinstance(obj, Satker):
        return obj
    satker_id = getattr(obj, "satker_id", None)
    return satker_id


def record(obj: models.Model, *, actor, action: str, before: dict | None = None,
           after: dict | None = None, satker=None, changes: dict | None = None) -> AuditEvent:
    """Append an audit event for ``obj``; ``before``/``after`` default to nothing/current state."""
    audit_event = event(obj, actor=actor, action=action, before=before, after=after,
                        satker=satker, changes=changes)
    audit_event.save(force_insert=True)
    return audit_event


def event(obj: models.Model, *, actor, action: str, before: dict | None = None,
          after: dict | None = None, satker=None, changes: dict | None = None) -> AuditEvent:
    """The audit event ``record`` appends, not saved yet (for a caller that writes it with its
    other rows: ``core.rows.insert``)."""
    if changes is None:
        after = snapshot(obj) if after is None else after
        changes = diff(before or {}, after)
    target_satker = satker if satker is not None else _satker_of(obj)
    kwargs = {}
    if isinstance(target_satker, models.Model):
        kwargs["satker"] = target_satker
    elif target_satker is not None:
        kwargs["satker_id"] = target_satker
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if is_user else None,
        actor_label=(str(actor) if is_user else "sistem / publik")[:255],
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes,
        ip_address=current_ip(),
        **kwargs,
    )
