"""Fixtures of the core tests (the root conftest clears the cache around every test)."""

import datetime as dt

import pytest
from django.utils import translation


@pytest.fixture
def superuser(db):
    from prima.accounts.models import User

    return User.objects.create_superuser(email="root@kpu.test", password="kata-sandi-uji-123")


@pytest.fixture
def event(people):
    """An audit event recorded on a calendar override."""
    from prima.core import audit
    from prima.core.models import CalendarOverride

    override = CalendarOverride.objects.create(date=dt.date(2026, 3, 26), kind="day_off",
                                               name="Libur", legal_basis="Keppres 1/2026")
    return audit.record(override, actor=people.system_admin, action="created")


@pytest.fixture
def jobs(settings, monkeypatch):
    """Two fake daily jobs; the list of the jobs run (``job_b`` fails once ``fail_b`` ran)."""
    from prima.core import daily

    settings.PRIMA_DAILY_COMMANDS = ["job_a", "job_b"]
    settings.PRIMA_DAILY_AT = "07:00"
    calls = []

    def fake_call(name):
        if name == "job_b" and "fail_b" in calls:
            raise RuntimeError("SMTP down")
        calls.append(name)

    monkeypatch.setattr(daily, "call_command", fake_call)
    return calls


@pytest.fixture
def indonesian():
    """Messages in Indonesian, whatever language an earlier test left active."""
    with translation.override("id"):
        yield
