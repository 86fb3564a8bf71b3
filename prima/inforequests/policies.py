"""Who may see and act on information requests, built on ``organisations.policies``.

Read: admin, head, secretary, PPID and atasan PPID of the satker; write: PPID and atasan PPID;
the system administrator everything (``Purpose.INFORMATION``). Objections are decided by the
atasan PPID only (UU 14/2008 Pasal 36). Personal data (NIK, address, phone) is seen only by the
satker's PPID staff (UU 27/2022).
"""

from __future__ import annotations

from django.db.models import QuerySet

from prima.organisations.choices import Role
from prima.organisations.policies import Purpose, can, is_system_admin, roles_in, satkers_for

from .models import InformationRequest, Objection

PPID_ROLES = frozenset({Role.PPID, Role.ATASAN_PPID})


def requests_visible_to(user) -> QuerySet[InformationRequest]:
    """Requests of the satkers ``user`` may read for information services."""
    return InformationRequest.objects.filter(satker__in=satkers_for(user, Purpose.INFORMATION))


def objections_visible_to(user) -> QuerySet[Objection]:
    return Objection.objects.filter(satker__in=satkers_for(user, Purpose.INFORMATION))


def can_act_on(user, request: InformationRequest) -> bool:
    """PPID staff of the request's satker (and the system administrator) handle it."""
    return can(user, Purpose.INFORMATION, request.satker, write=True)


def can_act_for_satker(user, satker) -> bool:
    return can(user, Purpose.INFORMATION, satker, write=True)


def can_decide_objection(user, objection: Objection) -> bool:
    """Only the atasan PPID of the satker (or the system administrator): Pasal 36(2)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    return Role.ATASAN_PPID in roles_in(user, objection.satker)


def can_see_personal_data(user, request: InformationRequest) -> bool:
    """NIK, address and phone in full: the satker's PPID and atasan PPID, the system admin."""
    return can_see_personal_data_of(user, request.satker)


def can_see_personal_data_of(user, satker) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    return bool(set(PPID_ROLES) & roles_in(user, satker))
