"""Working-day deadlines of requests: holidays, cuti bersama, after hours, weekends, extension,
time zones, countdowns and the recomputation after a calendar change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from prima.core.models import CalendarOverride
from prima.inforequests import deadlines, services
from prima.inforequests.choices import EventKind
from prima.inforequests.tasks import recompute_open_deadlines
from prima.inforequests.tests.factories import at, freeze_now, grant, make_request
from prima.organisations.choices import TimeZone
from prima.organisations.tests.factories import SatkerFactory


def test_tuesday_17_march_2026_meets_nyepi_and_idul_fitri(tree):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    assert request.received_on == dt.date(2026, 3, 17)
    # 18 (cuti bersama Nyepi), 19 (Nyepi), 20, 23, 24 (cuti bersama Idul Fitri), 21-22 (Idul
    # Fitri) and the weekends do not count: day 10 is Wednesday 8 April 2026.
    assert request.due_date == dt.date(2026, 4, 8)
    assert "19 Maret 2026 (Hari Suci Nyepi)" in request.due_rule
    assert "23 Maret 2026 (Cuti Bersama Hari Raya Idul Fitri)" in request.due_rule


def test_friday_20_march_2026_after_hours_counts_from_the_next_working_day(tree):
    request = make_request(tree.jepara, received_at=at(2026, 3, 20, 17))
    assert request.received_on == dt.date(2026, 3, 25)
    assert request.due_date == dt.date(2026, 4, 9)


@pytest.mark.parametrize(("hour", "received_on", "due"), [
    (10, dt.date(2026, 3, 13), dt.date(2026, 4, 6)),
    (15, dt.date(2026, 3, 13), dt.date(2026, 4, 6)),
    (16, dt.date(2026, 3, 16), dt.date(2026, 4, 7)),
    (17, dt.date(2026, 3, 16), dt.date(2026, 4, 7)),
], ids=["10h", "15h", "16h-cutoff", "17h"])
def test_office_hours_cutoff_on_an_ordinary_friday(tree, hour, received_on, due):
    request = make_request(tree.jepara, received_at=at(2026, 3, 13, hour))
    assert (request.received_on, request.due_date) == (received_on, due)


def test_request_on_a_saturday(tree):
    request = make_request(tree.jepara, received_at=at(2026, 3, 28, 10))
    assert request.received_on == dt.date(2026, 3, 30)
    # Good Friday 3 April 2026 is skipped.
    assert request.due_date == dt.date(2026, 4, 14)
    assert "bukan hari kerja" in request.due_rule


def test_extension_of_seven_days_across_good_friday(tree, people, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 11, 10))
    assert request.due_date == dt.date(2026, 4, 1)
    freeze_now(monkeypatch, at(2026, 4, 1, 15))  # the last day is still in time
    request = services.extend_request(request=request, days=7, reasons="Arsip di gudang",
                                      actor=people.ppid)
    assert request.due_date == dt.date(2026, 4, 13)


def test_satker_in_wita_uses_its_own_office_hours(tree):
    makassar = SatkerFactory(code="73.71", name="KPU Kota Makassar",
                             timezone=TimeZone.WITA, parent=tree.root)
    # 15:30 WIB is 16:30 WITA: after hours in Makassar, still office hours in Jepara.
    moment = dt.datetime(2026, 3, 16, 15, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    in_makassar = make_request(makassar, received_at=moment)
    in_jepara = make_request(tree.jepara, received_at=moment)
    assert in_makassar.received_on == dt.date(2026, 3, 17)
    assert in_makassar.due_date == dt.date(2026, 4, 8)
    assert "WITA" in in_makassar.due_rule
    assert in_jepara.received_on == dt.date(2026, 3, 16)
    assert in_jepara.due_date == dt.date(2026, 4, 7)


def test_new_year_in_wit_takes_the_local_year(tree):
    # 31 Dec 2025 23:30 WIB is 1 Jan 2026 01:30 WIT in Papua.
    moment = dt.datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    request = make_request(tree.papua, received_at=moment)
    assert request.number == "0001/PPID/91/2026"


@pytest.mark.parametrize(("today", "days_left", "state"), [
    (dt.date(2026, 3, 30), 6, "ok"),
    (dt.date(2026, 4, 1), 4, "ok"),
    (dt.date(2026, 4, 2), 3, "soon"),
    (dt.date(2026, 4, 8), 0, "soon"),
    (dt.date(2026, 4, 9), -1, "overdue"),
    (dt.date(2026, 4, 13), -3, "overdue"),
], ids=["6-left", "4-left", "3-left-good-friday", "due-today", "1-late", "3-late"])
def test_countdown(tree, today, days_left, state):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    countdown = deadlines.countdown(request, today=today)
    assert (countdown.days_left, countdown.state) == (days_left, state)
    assert countdown.is_overdue is (state == "overdue")


def test_countdown_of_a_decided_request_is_closed(tree, people):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    grant(request, people.ppid)
    request.refresh_from_db()
    assert deadlines.countdown(request, today=dt.date(2026, 5, 1)).state == "closed"


def test_deadlines_recompute_after_a_new_day_off(tree, people):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    other = make_request(tree.kudus, received_at=at(2026, 3, 17, 10))
    CalendarOverride.objects.create(date=dt.date(2026, 4, 1), satker=tree.jepara,
                                    kind=CalendarOverride.Kind.DAY_OFF, name="Kantor tutup",
                                    legal_basis="SK Ketua", created_by=people.admin)
    from prima.core import calendar

    calendar.bump_version()
    assert recompute_open_deadlines(date="2026-04-01", satker_id=tree.jepara.pk) == 1
    request.refresh_from_db()
    other.refresh_from_db()
    assert request.due_date == dt.date(2026, 4, 9)
    assert "Kantor tutup" in request.due_rule
    assert other.due_date == dt.date(2026, 4, 8)
    assert request.events.filter(kind=EventKind.NOTE, is_public=False).count() == 1
    assert recompute_open_deadlines(date="2026-04-01", satker_id=tree.jepara.pk) == 0
