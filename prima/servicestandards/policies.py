"""Who may read and keep service standards and SOPs, on top of ``organisations.policies``.

Purpose.SERVICES (capability.py): everyone in the satker reads; the satker's leadership and
its PPID officers keep services, standards and SOP drafts. An SOP is approved (signed) by the
head of the satker (PermenPANRB 35/2012: the identity block carries the head's signature) or
by the system administrator.
"""

from __future__ import annotations

from prima.organisations.choices import Role
from prima.organisations.policies import Purpose, can, is_system_admin, roles_in, satkers_for

from .models import Service, Sop

APPROVER_ROLES = frozenset({Role.HEAD})


def services_visible_to(user):
    return Service.objects.filter(satker__in=satkers_for(user, Purpose.SERVICES))


def sops_visible_to(user):
    return Sop.objects.filter(service__satker__in=satkers_for(user, Purpose.SERVICES))


def can_edit(user, satker) -> bool:
    return can(user, Purpose.SERVICES, satker, write=True)


def can_approve(user, satker) -> bool:
    return is_system_admin(user) or bool(roles_in(user, satker) & APPROVER_ROLES)
