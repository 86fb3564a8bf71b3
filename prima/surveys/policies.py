"""Who may see and run surveys (Purpose.SURVEYS, declared in capability.py): everyone in the
satker reads, its managers and PPID write, evaluators above read."""

from __future__ import annotations

from django.db.models import QuerySet

from prima.organisations.policies import Purpose, can, satkers_for

from .models import Survey


def can_manage(user, satker) -> bool:
    return can(user, Purpose.SURVEYS, satker, write=True)


def can_read(user, satker) -> bool:
    return can(user, Purpose.SURVEYS, satker)


def surveys_visible_to(user) -> QuerySet[Survey]:
    return Survey.objects.filter(satker__in=satkers_for(user, Purpose.SURVEYS))
