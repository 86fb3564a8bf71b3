import datetime as dt
from zoneinfo import ZoneInfo

from django.core.management import BaseCommand

from prima.core import daily
from prima.core.models import Sequence

WIB = ZoneInfo("Asia/Jakarta")


def test_nothing_runs_before_the_daily_hour(db, jobs):
    assert daily.run_due_daily_commands(dt.datetime(2026, 3, 2, 6, 59, tzinfo=WIB)) == []
    assert jobs == []


def test_each_job_runs_once_a_day(db, jobs):
    morning = dt.datetime(2026, 3, 2, 7, 0, tzinfo=WIB)
    assert daily.run_due_daily_commands(morning) == ["job_a", "job_b"]
    assert daily.run_due_daily_commands(morning + dt.timedelta(hours=5)) == []
    assert daily.run_due_daily_commands(morning + dt.timedelta(days=1)) == ["job_a", "job_b"]
    assert jobs == ["job_a", "job_b", "job_a", "job_b"]
    assert Sequence.objects.get(key="daily:job_a").value == 20260303


def test_a_failed_job_is_released_and_retried(db, jobs):
    jobs.append("fail_b")
    morning = dt.datetime(2026, 3, 2, 8, 0, tzinfo=WIB)
    assert daily.run_due_daily_commands(morning) == ["job_a"]
    assert Sequence.objects.get(key="daily:job_b").value == 0
    jobs.remove("fail_b")
    assert daily.run_due_daily_commands(morning) == ["job_b"]


def test_configured_commands_exist():
    """Every default daily job names a real management command."""
    from django.conf import settings
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    for name in settings.PRIMA_DAILY_COMMANDS:
        assert isinstance(load_command_class(commands[name], name), BaseCommand)


def test_the_worker_runs_every_capabilitys_sweep(monkeypatch, db):
    """Core names no app: the worker's housekeeping comes from the registry (the catalog
    retries ingestions whose worker died)."""
    from io import StringIO

    from django.core.management import call_command

    from prima.core.registry import registry

    assert ("catalog", ) == tuple(label for label, _sweep in registry.sweeps())
    calls = []
    monkeypatch.setattr(registry, "sweeps", lambda: [("catalog", lambda: calls.append(1) or {
        "ingestions_retried": 1, "ingestions_failed": 0})])
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert calls == [1]
    assert "catalog: ingestions_retried=1 ingestions_failed=0" in out.getvalue()
