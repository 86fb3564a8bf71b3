"""Gapless numbering: the next value of a named counter, safe under concurrent transactions.

The caller must be inside ``transaction.atomic``: the counter row stays locked until the
transaction ends, so a rolled-back registration never leaves a gap and two submissions never
share a number (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the IMMEDIATE write lock).
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Sequence


def next_number(key: str) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic")
    updated = Sequence.objects.filter(key=key).update(value=F("value") + 1)
    if not updated:
        try:
            with transaction.atomic():
                Sequence.objects.create(key=key, value=1)
            return 1
        except IntegrityError:
            # Another transaction created the row first; increment it instead.
            Sequence.objects.filter(key=key).update(value=F("value") + 1)
    return Sequence.objects.select_for_update().values_list("value", flat=True).get(key=key)
