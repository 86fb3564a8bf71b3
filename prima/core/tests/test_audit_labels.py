"""Every audit action the code can record has a label, declared by its capability.

Two nets: the source (every ``action=`` given to ``audit.record``, ``transition`` or a
function passing its ``action`` on to them, as a literal, a module constant or an
``AuditAction`` member) and the database after the whole demo has run (actions built at run
time, e.g. from a verdict, show up there).
"""

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import TextChoices
from django.utils.functional import Promise

from prima.core.models import AuditEvent
from prima.core.registry import registry

PRIMA = Path(settings.BASE_DIR)
AUDIT_CALLS = {"record", "transition"}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _action_keyword(call: ast.Call):
    return next((k.value for k in call.keywords if k.arg == "action"), None)


def _wrappers(tree: ast.Module) -> set[str]:
    """Functions of the module that pass their own ``action`` parameter on to an audit call."""
    names = set(AUDIT_CALLS)
    functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                 and "action" in {a.arg for a in f.args.args + f.args.kwonlyargs}]
    changed = True
    while changed:
        changed = False
        for function in functions:
            if function.name in names:
                continue
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                value = _action_keyword(call)
                if (_callee(call) in names and isinstance(value, ast.Name)
                        and value.id == "action"):
                    names.add(function.name)
                    changed = True
                    break
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(PRIMA).with_suffix("").parts
    return ".".join(("prima", *(parts[:-1] if parts[-1] == "__init__" else parts)))


def _audit_action_class(tree: ast.Module, path: Path):
    """The ``AuditAction`` class the module imports (or defines), if any."""
    module_name = _module_name(path)
    package = module_name if path.name == "__init__.py" else module_name.rsplit(".", 1)[0]
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == "AuditAction" for a in node.names):
            base = package
            for _level in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            module = (f"{base}.{node.module}" if node.module else base) if node.level \
                else node.module
            return import_module(module).AuditAction
        if isinstance(node, ast.ClassDef) and node.name == "AuditAction":
            return import_module(module_name).AuditAction
    return None


def _codes(value, constants: dict, audit_action) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.IfExp):
        return _codes(value.body, constants, audit_action) | _codes(value.orelse, constants,
                                                                     audit_action)
    if isinstance(value, ast.Name) and value.id in constants:
        return {constants[value.id]}
    if (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name)
            and value.value.id == "AuditAction"):
        assert audit_action is not None, f"AuditAction.{value.attr} without its import"
        return {getattr(audit_action, value.attr).value}
    return set()  # a parameter passed through, or built at run time (the demo check sees it)


def recorded_in_source() -> dict[str, str]:
    """``{action code: where}`` for every action the code records (tests and migrations aside)."""
    found = {}
    for path in sorted(PRIMA.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        calls, audit_action = _wrappers(tree), _audit_action_class(tree, path)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            value = _action_keyword(call)
            if value is not None and _callee(call) in calls:
                for code in _codes(value, constants, audit_action):
                    found.setdefault(code, f"{path.relative_to(PRIMA)}:{call.lineno}")
    return found


def test_the_source_scan_finds_actions_of_every_kind():
    found = recorded_in_source()

    assert found["organisations.division_deleted"].startswith("organisations/services.py")
    assert "core.calendar_override_added" in found  # an AuditAction member
    assert "accounts.password_reset" in found  # recorded by a view
    assert len(found) > 60


def test_every_action_in_the_source_has_a_label():
    labels = registry.audit_labels()
    unlabelled = {code: where for code, where in recorded_in_source().items()
                  if code not in labels}
    assert unlabelled == {}


@pytest.mark.django_db
def test_every_action_recorded_by_the_demo_has_a_label():
    from prima.demo.loader import run_demo

    run_demo()

    recorded = set(AuditEvent.objects.values_list("action", flat=True).distinct())
    assert len(recorded) > 20
    assert recorded - set(registry.audit_labels()) == set()


def test_labels_are_translatable_and_actions_follow_the_naming_scheme():
    for capability in registry.capabilities():
        declared = capability.audit_actions
        if isinstance(declared, type) and issubclass(declared, TextChoices):
            for member in declared:
                assert member.value.startswith(f"{capability.app_label}."), member.value
                assert isinstance(member.label, Promise), member.value  # gettext_lazy
    assert all(isinstance(label, Promise) for label in registry.audit_labels().values())


def test_an_unknown_action_shows_its_code():
    assert registry.audit_label("organisations.division_deleted") == "Divisi/subbagian dihapus"
    assert registry.audit_label("nothing.declared_here") == "nothing.declared_here"


@pytest.mark.django_db
@pytest.mark.parametrize("app", ["core", "organisations", "accounts"])
def test_recorded_actions_are_renamed_to_the_scheme_and_back(people, app):
    migration = import_module({
        "core": "prima.core.migrations.0004_audit_action_names",
        "organisations": "prima.organisations.migrations.0003_audit_action_names",
        "accounts": "prima.accounts.migrations.0004_audit_action_names",
    }[app])
    for old in migration.RENAMED:
        AuditEvent.objects.create(action=old, object_id="1", object_repr="x",
                                  content_type=ContentType.objects.get_for_model(AuditEvent),
                                  actor=people.admin)
    forward, backward = migration.Migration.operations[0].sql, \
        migration.Migration.operations[0].reverse_sql

    with connection.cursor() as cursor:
        for sql, params in forward:
            cursor.execute(sql, params)
    renamed = set(AuditEvent.objects.values_list("action", flat=True))
    with connection.cursor() as cursor:
        for sql, params in backward:
            cursor.execute(sql, params)

    assert renamed == set(migration.RENAMED.values())
    assert renamed <= set(registry.audit_labels())
    assert set(AuditEvent.objects.values_list("action", flat=True)) == set(migration.RENAMED)
