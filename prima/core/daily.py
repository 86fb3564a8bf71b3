"""Daily jobs run by the worker (deadline and report reminders), so no cron is needed.

Each command in ``settings.PRIMA_DAILY_COMMANDS`` runs once per local day, after
``settings.PRIMA_DAILY_AT``. The day it last ran is kept in a ``Sequence`` row locked while it
is claimed, so several workers never run the same job twice in one day; a job that fails is
released and tried again on the next round.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .models import Sequence

logger = logging.getLogger("prima.daily")


def _claim(name: str, stamp: int) -> int | None:
    """Mark ``name`` as run for ``stamp`` (yyyymmdd); returns the previous stamp, or None if
    it already ran that day."""
    with transaction.atomic():
        row, _ = Sequence.objects.select_for_update().get_or_create(key=f"daily:{name}")
        if row.value >= stamp:
            return None
        previous = row.value
        row.value = stamp
        row.save(update_fields=["value"])
        return previous


def _release(name: str, previous: int) -> None:
    Sequence.objects.filter(key=f"daily:{name}").update(value=previous)


def run_due_daily_commands(now: dt.datetime | None = None) -> list[str]:
    """Run each daily command not yet run today (local time); returns the names run."""
    local = timezone.localtime(now or timezone.now())
    hour, minute = (int(part) for part in settings.PRIMA_DAILY_AT.split(":"))
    if local.time() < dt.time(hour, minute):
        return []
    stamp = int(local.strftime("%Y%m%d"))
    ran = []
    for name in settings.PRIMA_DAILY_COMMANDS:
        previous = _claim(name, stamp)
        if previous is None:
            continue
        try:
            call_command(name)
        except Exception:
            logger.exception("Daily command %s failed; it will be tried again.", name)
            _release(name, previous)
            continue
        ran.append(name)
    return ran
