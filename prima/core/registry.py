"""The capability registry: what each Prima app contributes, declared inside the app itself.

Prima is one platform with several capabilities (information requests, the open data catalog,
reform management, and more to come). Each capability is a Django app that declares, in ONE
module of its own, ``prima/<app>/capability.py``, a ``capability = Capability(...)`` value:

- access purposes with their rules, and the staff roles it adds;
- staff dashboard entries: links per satker card, shortcuts for the person, and live figures
  (what waits for this person, with the nearest items due);
- main navigation entries, public satker-page links and sections;
- its labelled audit actions (the app's ``AuditAction`` TextChoices);
- evidence sources (records a satker may cite as evidence, see ``prima.core.evidence``);
- its permission-matrix rows, demo data step, test reference data, per-process caches;
- its URL modules and JSON API routers.

Core, accounts and organisations read the registry and name no capability app. The only list
of Prima apps is ``settings.PRIMA_APPS`` (part of INSTALLED_APPS).

How it is filled (autodiscovery). NetBox fills its application registry from each plugin's
``AppConfig.ready()``; Froide's hook registry is filled as modules are imported. Prima imports
``<app>.capability`` for every installed app, in INSTALLED_APPS order, the first time the
registry is read (``CoreConfig.ready()`` reads it once at start-up, so a broken declaration
fails at once). Declarations are plain frozen dataclasses, so a capability module may import
its app's models, policies and choices freely, and nothing has to be registered by side
effect. When INSTALLED_APPS changes (a test that installs a capability), the registry is
read again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.module_loading import import_string, module_has_submodule

# --- access -------------------------------------------------------------------------------------


class EveryRole:
    """The roles "everyone in the satker" holds: every registered role (``x in ALL_ROLES``)."""

    def __contains__(self, role) -> bool:
        return role in registry.roles()

    def __iter__(self) -> Iterator[str]:
        return iter(registry.roles())

    def __len__(self) -> int:
        return len(registry.roles())

    def __or__(self, other):
        return self

    __ror__ = __or__

    def __repr__(self) -> str:
        return "ALL_ROLES"


ALL_ROLES = EveryRole()


@dataclass(frozen=True)
class Rule:
    """Which roles of a satker read and write for a purpose, and what evaluators above may do."""

    read: frozenset | EveryRole = frozenset()
    write: frozenset | EveryRole = frozenset()
    # Evaluators see the satkers below their own for this purpose.
    evaluator_reads_below: bool = True
    # Evaluators act (write) on the satkers below their own for this purpose.
    evaluator_writes_below: bool = False


@dataclass(frozen=True)
class AccessPurpose:
    """A purpose of access (``Purpose.<name>`` in ``organisations.policies``) and its rule."""

    name: str  # attribute name, e.g. "INFORMATION"
    code: str  # stored/compared value, e.g. "information"
    label: str
    rule: Rule


@dataclass(frozen=True)
class StaffRole:
    """A role a person may hold in a satker (``Membership.role``)."""

    code: str  # at most 16 characters
    label: str


class PurposeCode(str):
    """A registered purpose code that also carries its label, like a TextChoices member."""

    label: str

    def __new__(cls, code: str, label: str):
        obj = super().__new__(cls, code)
        obj.label = label
        return obj


# --- staff dashboard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardLink:
    """An entry on a satker's card of the staff home, shown when ``allowed(user, satker)``."""

    label: str
    url: Callable[[Any], str]  # (satker) -> URL
    allowed: Callable[[Any, Any], bool]  # (user, satker) -> bool
    order: int = 100


@dataclass(frozen=True)
class Shortcut:
    """A link at the top of the staff home, for the person rather than one satker."""

    label: str
    url: Callable[[], str]
    allowed: Callable[[Any], bool]  # (WorkContext) -> bool
    order: int = 100


@dataclass(frozen=True)
class Figure:
    """One live count: ``label`` is already phrased with the number ("3 permohonan terbuka")."""

    count: int
    label: str
    url: str = ""
    tone: str = ""  # "late" (overdue), "soon" (due shortly) or "" (neutral)


@dataclass(frozen=True)
class DueItem:
    """One of the nearest items waiting: its title, date and link."""

    title: str
    url: str
    date: Any = None  # a date: when it is due (or, for ``date_label``, when it arrived)
    date_label: str = ""  # e.g. "jatuh tempo", "diajukan"
    overdue: bool = False
    note: str = ""


@dataclass(frozen=True)
class Workload:
    """What waits for the person in one capability, on one satker card (``satker_id``) or for
    the person as a whole (``satker_id=None``, e.g. reports below to evaluate)."""

    title: str
    url: str
    satker_id: int | None
    figures: tuple[Figure, ...] = ()
    due: tuple[DueItem, ...] = ()
    order: int = 100

    @property
    def waiting(self) -> bool:
        return any(f.count for f in self.figures)


@dataclass(frozen=True)
class WorkContext:
    """What a workload function (and a shortcut's predicate) gets.

    ``satkers`` are the satkers of the person's cards (one per membership satker);
    ``evaluated`` is a lazy queryset of the satkers the person evaluates and ``evaluates``
    whether there is any. A workload function must ask a fixed number of queries (one or
    two), whatever the number of satkers or items.
    """

    user: Any
    satkers: tuple
    today: Any
    evaluated: Any
    evaluates: bool = False

    def satkers_where(self, allowed: Callable[[Any, Any], bool]) -> list:
        return [s for s in self.satkers if allowed(self.user, s)]


# --- public pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NavEntry:
    """A main-navigation entry (``url_name`` reversed without arguments)."""

    label: str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class SatkerLink:
    """A link under "Layanan daring satker ini" on a satker's public page."""

    label: str
    url: Callable[[Any], str]  # (satker) -> URL
    order: int = 100


@dataclass(frozen=True)
class SatkerSection:
    """A section of a satker's public page: ``template`` rendered with ``context(satker)``;
    a context of ``None`` hides the section."""

    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


# --- wiring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlMount:
    """``path(route, include(urlconf))``; ``namespace`` defaults to the module's ``app_name``."""

    route: str
    urlconf: str
    namespace: str | None = None


@dataclass(frozen=True)
class UrlView:
    """``path(route, view)`` for a single view given by its dotted path."""

    route: str
    view: str
    name: str | None = None


@dataclass(frozen=True)
class ApiMount:
    """A django-ninja router (``"module:attribute"``) mounted at ``prefix`` under /api/v1/."""

    prefix: str
    router: str


@dataclass(frozen=True)
class DemoStep:
    """The capability's demo data: ``run(stdout=...)`` runs in ascending ``order``; a result
    with a ``describe()`` method is printed at the end (e.g. the demo logins)."""

    run: Callable[..., Any]
    order: int = 100


@dataclass(frozen=True)
class Capability:
    """Everything one app contributes to the platform. ``app_label`` is filled in on discovery."""

    label: str
    app_label: str = ""
    purposes: tuple[AccessPurpose, ...] = ()
    roles: tuple[StaffRole, ...] = ()
    card_links: tuple[CardLink, ...] = ()
    shortcuts: tuple[Shortcut, ...] = ()
    # (WorkContext) -> iterable of Workload
    workload: Callable[[WorkContext], Iterable[Workload]] | None = None
    nav: tuple[NavEntry, ...] = ()
    satker_links: tuple[SatkerLink, ...] = ()
    satker_sections: tuple[SatkerSection, ...] = ()
    # The app's AuditAction TextChoices (or a {code: label} mapping).
    audit_actions: Any = None
    evidence: tuple = ()  # prima.core.evidence.EvidenceSource
    matrix: tuple[str, ...] = ()  # modules adding permission-matrix rows
    demo: DemoStep | None = None
    # (module, function) pairs of data migrations whose rows tests need back after a flush.
    reference_data: tuple[tuple[str, str], ...] = ()
    urls: tuple[UrlMount | UrlView, ...] = ()
    api: tuple[ApiMount, ...] = ()
    # Per-process state outside Django's cache that must not outlive a test.
    process_caches: tuple[Callable[[], Any], ...] = ()
    # Housekeeping the worker runs on every sweep (e.g. retry work whose worker died); each
    # returns ``{name: count}`` of what it did.
    sweeps: tuple[Callable[[], dict], ...] = ()


# --- the registry -------------------------------------------------------------------------------


def _audit_pairs(declared) -> list[tuple[str, str]]:
    if declared is None:
        return []
    if isinstance(declared, Mapping):
        return list(declared.items())
    if isinstance(declared, type) and issubclass(declared, models.Choices):
        return [(member.value, member.label) for member in declared]
    raise ImproperlyConfigured("audit_actions must be a TextChoices class or a mapping.")


class _State:
    """Everything derived from the discovered capabilities, computed once."""

    def __init__(self, capabilities: tuple[Capability, ...]):
        self.capabilities = capabilities
        self.purposes: dict[str, AccessPurpose] = {}
        self.purpose_codes: dict[str, PurposeCode] = {}
        self.roles: dict[str, StaffRole] = {}
        self.audit_labels: dict[str, Any] = {}
        self.audit_owner: dict[str, str] = {}
        for capability in capabilities:
            for purpose in capability.purposes:
                if purpose.code in self.purposes or purpose.name in self.purpose_codes:
                    raise ImproperlyConfigured(
                        f"Access purpose {purpose.name}/{purpose.code} is declared twice "
                        f"(again by {capability.app_label}).")
                self.purposes[purpose.code] = purpose
                self.purpose_codes[purpose.name] = PurposeCode(purpose.code, purpose.label)
            for role in capability.roles:
                if role.code in self.roles:
                    raise ImproperlyConfigured(f"Role {role.code} is declared twice.")
                self.roles[role.code] = role
            for code, label in _audit_pairs(capability.audit_actions):
                if code in self.audit_labels:
                    raise ImproperlyConfigured(
                        f"Audit action {code} is declared by {self.audit_owner[code]} and "
                        f"{capability.app_label}.")
                self.audit_labels[code] = label
                self.audit_owner[code] = capability.app_label
        self.rules = {code: p.rule for code, p in self.purposes.items()}


def _discover() -> tuple[Capability, ...]:
    found = []
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "capability"):
            continue
        module = import_module(f"{config.name}.capability")
        declared = getattr(module, "capability", None)
        if not isinstance(declared, Capability):
            raise ImproperlyConfigured(
                f"{config.name}.capability must define capability = Capability(...).")
        found.append(replace(declared, app_label=config.label))
    return tuple(found)


def _sorted(items: Iterable, key=lambda item: item.order) -> list:
    return sorted(items, key=key)  # stable: equal orders keep INSTALLED_APPS order


class Registry:
    """The discovered capabilities and what they declare (read-only)."""

    def __init__(self):
        self._state: _State | None = None
        self._lock = threading.RLock()

    def _get(self) -> _State:
        state = self._state
        if state is None:
            with self._lock:
                if self._state is None:
                    self._state = _State(_discover())
                state = self._state
        return state

    def reset(self) -> None:
        """Forget what was discovered; the next read discovers again."""
        with self._lock:
            self._state = None

    # -- capabilities
    def capabilities(self) -> tuple[Capability, ...]:
        return self._get().capabilities

    def get(self, app_label: str) -> Capability | None:
        return next((c for c in self.capabilities() if c.app_label == app_label), None)

    def app_labels(self) -> list[str]:
        return [c.app_label for c in self.capabilities()]

    # -- access
    def purposes(self) -> dict[str, AccessPurpose]:
        return self._get().purposes

    def purpose_codes(self) -> dict[str, PurposeCode]:
        """``{attribute name: PurposeCode}`` of every registered purpose."""
        return self._get().purpose_codes

    def rules(self) -> dict[str, Rule]:
        return self._get().rules

    def roles(self) -> dict[str, StaffRole]:
        return self._get().roles

    def role_label(self, code: str) -> str:
        role = self.roles().get(code)
        return str(role.label) if role else code

    # -- audit
    def audit_labels(self) -> dict[str, Any]:
        return self._get().audit_labels

    def audit_label(self, action: str) -> str:
        """The action's label in the active language, or its code when none is declared."""
        label = self.audit_labels().get(action)
        return str(label) if label is not None else action

    # -- dashboard and pages
    def card_links(self) -> list[CardLink]:
        return _sorted(link for c in self.capabilities() for link in c.card_links)

    def shortcuts(self) -> list[Shortcut]:
        return _sorted(link for c in self.capabilities() for link in c.shortcuts)

    def workload_functions(self) -> list[Callable[[WorkContext], Iterable[Workload]]]:
        return [c.workload for c in self.capabilities() if c.workload is not None]

    def nav(self) -> list[NavEntry]:
        return _sorted(entry for c in self.capabilities() for entry in c.nav)

    def satker_links(self) -> list[SatkerLink]:
        return _sorted(link for c in self.capabilities() for link in c.satker_links)

    def satker_sections(self) -> list[SatkerSection]:
        return _sorted(section for c in self.capabilities() for section in c.satker_sections)

    # -- evidence, tests, demo
    def evidence_sources(self) -> list:
        return _sorted(source for c in self.capabilities() for source in c.evidence)

    def matrix_modules(self) -> list[str]:
        return [module for c in self.capabilities() for module in c.matrix]

    def demo_steps(self) -> list[DemoStep]:
        return _sorted(c.demo for c in self.capabilities() if c.demo is not None)

    def reference_data(self) -> list[tuple[str, str]]:
        return [pair for c in self.capabilities() for pair in c.reference_data]

    def process_caches(self) -> list[Callable[[], Any]]:
        return [clear for c in self.capabilities() for clear in c.process_caches]

    def sweeps(self) -> list[tuple[str, Callable[[], dict]]]:
        return [(c.app_label, sweep) for c in self.capabilities() for sweep in c.sweeps]

    # -- wiring
    def url_entries(self) -> list[UrlMount | UrlView]:
        return [entry for c in self.capabilities() for entry in c.urls]

    def api_mounts(self) -> list[ApiMount]:
        return [mount for c in self.capabilities() for mount in c.api]


registry = Registry()


def url_patterns() -> list:
    """The URL patterns of every capability, in INSTALLED_APPS order (for ``prima/urls.py``)."""
    from django.urls import include, path

    patterns = []
    for entry in registry.url_entries():
        if isinstance(entry, UrlMount):
            patterns.append(path(entry.route, include(entry.urlconf, namespace=entry.namespace)))
        else:
            patterns.append(path(entry.route, import_string(entry.view), name=entry.name))
    return patterns


def routers() -> list[tuple[str, Any]]:
    """``(prefix, router)`` of every capability's JSON API, in INSTALLED_APPS order."""
    result = []
    for mount in registry.api_mounts():
        module, _, attribute = mount.router.partition(":")
        result.append((mount.prefix, getattr(import_module(module), attribute)))
    return result


@receiver(setting_changed)
def _installed_apps_changed(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        registry.reset()
