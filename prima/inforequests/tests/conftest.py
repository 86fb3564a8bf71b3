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
