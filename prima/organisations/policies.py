"""The one access layer: which satkers a person may see or edit, for which purpose.

Every staff view and API call asks here (directly, or through an app's own policies module
built on these functions). Rules are data: each capability declares its purposes, their rules
and any roles it adds in its ``capability.py`` (see ``prima.core.registry``), so a new
capability adds a purpose and its roles rather than new branching code here.

Scope rules (DESIGN.md "Who uses it"):
- a role covers the satker of the membership;
- an evaluator also sees the satkers below its own (a province evaluator its kabupaten/kota,
  KPU RI's evaluator every province and kabupaten/kota) and evaluates them;
- an administrator of KPU RI (the system administrator) and a superuser cover every satker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.db import models
from django.db.models import Q

from prima.core.registry import ALL_ROLES, PurposeCode, Rule, registry
from prima.core.scope import is_in_subtree, subtree_q

from .choices import Level, Role
from .models import Membership, Satker

__all__ = [
    "ALL_ROLES", "MANAGERS", "RULES", "Purpose", "Rule", "assignable_roles", "can",
    "forget_memberships", "has_any_scope", "is_staff_member", "is_system_admin",
    "memberships_of", "roles_in", "satkers_for",
]

MANAGERS = frozenset({Role.ADMIN, Role.HEAD, Role.SECRETARY})


class _Purposes:
    """Every registered access purpose by attribute: ``Purpose.INFORMATION == "information"``.

    Each capability declares its purposes in its own ``capability.py`` (organisations declares
    staff, organisation, members, documents, audit and evaluation); this object reads them from
    the registry, so ``Purpose.<NAME>`` works for every installed capability, like the
    TextChoices class it replaces (``values``, ``labels``, ``choices`` included).
    """

    def __getattr__(self, name: str) -> PurposeCode:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return registry.purpose_codes()[name]
        except KeyError:
            raise AttributeError(f"No access purpose {name!r} is registered.") from None

    def __iter__(self) -> Iterator[PurposeCode]:
        return iter(registry.purpose_codes().values())

    def __contains__(self, code) -> bool:
        return code in registry.purposes()

    @property
    def values(self) -> list[str]:
        return [str(code) for code in self]

    @property
    def labels(self) -> list[str]:
        return [code.label for code in self]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(str(code), code.label) for code in self]


Purpose = _Purposes()


class _Rules(Mapping):
    """``RULES[purpose]``: the rule each capability declared with its purpose."""

    def __getitem__(self, purpose: str) -> Rule:
        return registry.rules()[purpose]

    def __iter__(self) -> Iterator[str]:
        return iter(registry.rules())

    def __len__(self) -> int:
        return len(registry.rules())


RULES: Mapping[str, Rule] = _Rules()


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
            condition |= subtree_q(membership.satker, include_self=False)
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
        if (membership.role == Role.EVALUATOR and below
                and is_in_subtree(satker.code, membership.satker.code, include_self=False)):
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
    return list(registry.roles())
