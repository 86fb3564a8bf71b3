"""The one access layer: which satkers a person may see or edit, for which purpose.

Every staff view and API call asks here (directly, or through an app's own policies module
built on these functions). Rules are data (``RULES``), so a new capability adds a purpose and
its roles rather than new branching code.

Scope rules (DESIGN.md "Who uses it"):
- a role covers the satker of the membership;
- an evaluator also sees the satkers below its own (a province evaluator its kabupaten/kota,
  KPU RI's evaluator every province and kabupaten/kota) and evaluates them;
- an administrator of KPU RI (the system administrator) and a superuser cover every satker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Level, Role
from .models import Membership, Satker

ALL_ROLES = frozenset(Role.values)
MANAGERS = frozenset({Role.ADMIN, Role.HEAD, Role.SECRETARY})


class Purpose(models.TextChoices):
    STAFF = "staff", _("Ruang kerja staf")
    ORGANISATION = "organisation", _("Profil, divisi dan kontak satker")
    MEMBERS = "members", _("Pengguna dan peran")
    DOCUMENTS = "documents", _("Dokumen dan SK")
    AUDIT = "audit", _("Jejak audit")
    CALENDAR = "calendar", _("Kalender hari kerja")
    INFORMATION = "information", _("Permohonan informasi")
    REFORM = "reform", _("Reformasi birokrasi")
    CATALOG = "catalog", _("Katalog data terbuka")
    EVALUATION = "evaluation", _("Evaluasi satker di bawahnya")


@dataclass(frozen=True)
class Rule:
    read: frozenset = field(default_factory=frozenset)
    write: frozenset = field(default_factory=frozenset)
    # Evaluators see the satkers below their own for this purpose.
    evaluator_reads_below: bool = True
    # Evaluators act (write) on the satkers below their own for this purpose.
    evaluator_writes_below: bool = False


RULES: dict[str, Rule] = {
    Purpose.STAFF: Rule(read=ALL_ROLES),
    Purpose.ORGANISATION: Rule(read=ALL_ROLES, write=MANAGERS),
    Purpose.MEMBERS: Rule(read=MANAGERS, write=frozenset({Role.ADMIN}),
                          evaluator_reads_below=False),
    Purpose.DOCUMENTS: Rule(read=ALL_ROLES,
                            write=MANAGERS | {Role.PPID, Role.REFORM}),
    Purpose.AUDIT: Rule(read=MANAGERS, evaluator_reads_below=False),
    Purpose.CALENDAR: Rule(read=ALL_ROLES, write=frozenset({Role.ADMIN}),
                           evaluator_reads_below=False),
    Purpose.INFORMATION: Rule(read=MANAGERS | {Role.PPID, Role.ATASAN_PPID},
                              write=frozenset({Role.PPID, Role.ATASAN_PPID}),
                              evaluator_reads_below=False),
    Purpose.REFORM: Rule(read=ALL_ROLES, write=MANAGERS | {Role.REFORM}),
    Purpose.CATALOG: Rule(read=ALL_ROLES, write=MANAGERS | {Role.PPID}),
    Purpose.EVALUATION: Rule(read=frozenset(), write=frozenset(),
                             evaluator_reads_below=True, evaluator_writes_below=True),
}


def memberships_of(user) -> list[Membership]:
    """Active memberships of ``user``, loaded once per user object (one query per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_prima_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("satker"))
        user._prima_memberships = cached
    return cached


def forget_memberships(user) -> None:
    """Drop the per-request cache after memberships change."""
    if hasattr(user, "_prima_memberships"):
        del user._prima_memberships


def is_system_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(m.role == Role.ADMIN and m.satker.level == Level.NATIONAL
               for m in memberships_of(user))


def _scope(user, purpose: str, write: bool) -> Q | None:
    """A filter on Satker for the purpose, ``None`` meaning every satker, ``Q(pk__in=[])`` none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if is_system_admin(user):
        return None
    rule = RULES[purpose]
    roles = rule.write if write else rule.read
    below = rule.evaluator_writes_below if write else rule.evaluator_reads_below
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        if membership.role in roles:
            condition |= Q(pk=membership.satker_id)
        if membership.role == Role.EVALUATOR and below:
            if membership.satker.level == Level.NATIONAL:
                condition |= ~Q(pk=membership.satker_id)
            else:
                condition |= Q(code__startswith=membership.satker.code + ".")
    return condition


def satkers_for(user, purpose: str, *, write: bool = False) -> models.QuerySet[Satker]:
    """Satkers that ``user`` may see (or, with ``write=True``, change) for ``purpose``."""
    condition = _scope(user, purpose, write)
    qs = Satker.objects.all()
    return qs if condition is None else qs.filter(condition)


def can(user, purpose: str, satker: Satker, *, write: bool = False) -> bool:
    """Whether ``user`` may see (or change) ``satker`` for ``purpose``; no query for members."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    rule = RULES[purpose]
    roles = rule.write if write else rule.read
    below = rule.evaluator_writes_below if write else rule.evaluator_reads_below
    for membership in memberships_of(user):
        if membership.satker_id == satker.pk and membership.role in roles:
            return True
        if membership.role == Role.EVALUATOR and below and satker.is_below(membership.satker):
            return True
    return False


def has_any_scope(user, purpose: str, *, write: bool = False) -> bool:
    """Whether ``user`` may see (or change) any satker at all for ``purpose`` (no query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    rule = RULES[purpose]
    roles = rule.write if write else rule.read
    below = rule.evaluator_writes_below if write else rule.evaluator_reads_below
    return any(m.role in roles or (m.role == Role.EVALUATOR and below)
               for m in memberships_of(user))


def roles_in(user, satker: Satker) -> set[str]:
    return {m.role for m in memberships_of(user) if m.satker_id == satker.pk}


def is_staff_member(user) -> bool:
    """Whether ``user`` works in any satker (and so has a staff area)."""
    return is_system_admin(user) or bool(memberships_of(user))


def assignable_roles(user, satker: Satker) -> list[str]:
    """Roles that ``user`` may invite people into at ``satker``: only where they administer."""
    if not can(user, Purpose.MEMBERS, satker, write=True):
        return []
    return list(Role.values)
