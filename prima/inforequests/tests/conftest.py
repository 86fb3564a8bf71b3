"""Fixtures the information request tests share (the root conftest has ``tree``, ``people``,
``login`` and the autouse ``media``)."""

import pytest

from prima.inforequests.tests.report_data import build_report_data
from prima.organisations.choices import Role
from prima.organisations.tests.factories import member


@pytest.fixture
def kudus_ppid(tree):
    """The PPID of KPU Kabupaten Kudus: an officer of another satker than Jepara."""
    return member(tree.kudus, Role.PPID, full_name="PPID Kudus")


@pytest.fixture
def report_data(tree):
    """Requests with known outcomes and dates for the annual report (``report_data``)."""
    return build_report_data(tree)


@pytest.fixture
def database_queue(settings):
    """The embedded set-up: the database task queue and the outbox email backend (a
    submission writes its email and task rows with its own), the public page cache on."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    return settings
