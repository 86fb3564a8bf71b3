"""The working-day calendar: holidays, cuti bersama, overrides, receipt rule and deadlines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from prima.core import calendar
from prima.core.models import CalendarOverride
from prima.core.services import add_calendar_override, remove_calendar_override
from prima.organisations.choices import TimeZone
from prima.organisations.tests.factories import SatkerFactory

WIB = ZoneInfo("Asia/Jakarta")
D = dt.date


def wib(*args):
    return dt.datetime(*args, tzinfo=WIB)


def test_package_gives_march_2026_nyepi_and_idul_fitri_with_cuti_bersama():
    march = {d: n for d, n in calendar.package_holidays(2026).items() if d.month == 3}

    assert march == {
        D(2026, 3, 18): "Cuti Bersama Hari Suci Nyepi",
        D(2026, 3, 19): "Hari Suci Nyepi",
        D(2026, 3, 20): "Cuti Bersama Hari Raya Idul Fitri",
        D(2026, 3, 21): "Hari Raya Idul Fitri",
        D(2026, 3, 22): "Hari kedua dari Hari Raya Idul Fitri",
        D(2026, 3, 23): "Cuti Bersama Hari Raya Idul Fitri",
        D(2026, 3, 24): "Cuti Bersama Hari Raya Idul Fitri",
    }


@pytest.mark.django_db
def test_is_working_day_and_holiday_name():
    assert calendar.is_working_day(D(2026, 3, 17)) is True  # Tuesday
    assert calendar.is_working_day(D(2026, 3, 18)) is False
    assert calendar.holiday_name(D(2026, 3, 18)) == "Cuti Bersama Hari Suci Nyepi"
    assert calendar.is_working_day(D(2026, 3, 14)) is False  # plain Saturday
    assert calendar.holiday_name(D(2026, 3, 14)) is None
    assert calendar.holiday_name(D(2026, 3, 17)) is None


@pytest.mark.django_db
def test_request_on_17_march_2026_is_due_on_8_april_2026():
    # Day 0 Tue 17 March; 18-24 March are Nyepi, cuti bersama, Idul Fitri and a weekend;
    # 3 April is Good Friday. The ten working days, listed:
    counted = [D(2026, 3, 25), D(2026, 3, 26), D(2026, 3, 27), D(2026, 3, 30), D(2026, 3, 31),
               D(2026, 4, 1), D(2026, 4, 2), D(2026, 4, 6), D(2026, 4, 7), D(2026, 4, 8)]
    every_day = [D(2026, 3, 17) + dt.timedelta(days=i) for i in range(1, 23)]
    assert [d for d in every_day if calendar.is_working_day(d)] == counted

    result = calendar.deadline(wib(2026, 3, 17, 10, 0), 10)

    assert result.received_on == D(2026, 3, 17)
    assert result.due_date == D(2026, 4, 8)
    assert (result.due_date - result.received_on).days == 22  # far more than two weeks
    assert [e.date for e in result.skipped] == [
        D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 21), D(2026, 3, 22),
        D(2026, 3, 23), D(2026, 3, 24), D(2026, 4, 3), D(2026, 4, 5),
    ]
    assert result.rule == (
        "10 hari kerja sejak diterima Selasa, 17 Maret 2026 pukul 10.00 WIB (hari ke-0); "
        "tidak dihitung: 18 Maret 2026 (Cuti Bersama Hari Suci Nyepi); "
        "19 Maret 2026 (Hari Suci Nyepi); 20 Maret 2026 (Cuti Bersama Hari Raya Idul Fitri); "
        "21 Maret 2026 (Hari Raya Idul Fitri); 22 Maret 2026 (Hari kedua dari Hari Raya Idul "
        "Fitri); 23 Maret 2026 (Cuti Bersama Hari Raya Idul Fitri); 24 Maret 2026 (Cuti Bersama "
        "Hari Raya Idul Fitri); 3 April 2026 (Wafat Yesus Kristus); 5 April 2026 (Kebangkitan "
        "Yesus Kristus); 3 hari Sabtu/Minggu (Perpres 21/2023); jatuh tempo Rabu, 8 April 2026."
    )
    assert calendar.add_working_days(wib(2026, 3, 17, 10, 0), 10) == D(2026, 4, 8)


@pytest.mark.django_db
def test_after_office_hours_on_monday_counts_from_tuesday():
    moment = wib(2026, 3, 9, 16, 30)  # Monday

    assert calendar.effective_receipt_date(moment) == D(2026, 3, 10)
    result = calendar.deadline(moment, 1)
    assert result.received_on == D(2026, 3, 10)
    assert result.due_date == D(2026, 3, 11)
    assert "setelah batas jam layanan 16.00 WIB" in result.rule


@pytest.mark.django_db
@pytest.mark.parametrize(("hour", "minute", "expected"), [
    (15, 59, D(2026, 3, 9)),
    (16, 0, D(2026, 3, 10)),
    (0, 5, D(2026, 3, 9)),
], ids=["before-cutoff", "at-cutoff", "early-morning"])
def test_cutoff_boundary(hour, minute, expected):
    assert calendar.effective_receipt_date(wib(2026, 3, 9, hour, minute)) == expected


@pytest.mark.django_db
def test_cutoff_is_a_setting(settings):
    settings.OFFICE_CUTOFF = "15:00"

    assert calendar.effective_receipt_date(wib(2026, 3, 9, 15, 30)) == D(2026, 3, 10)


@pytest.mark.django_db
def test_request_on_saturday_counts_from_monday():
    moment = wib(2026, 3, 7, 9, 0)  # Saturday

    result = calendar.deadline(moment, 10)

    assert result.received_on == D(2026, 3, 9)
    # 10, 11, 12, 13, 16, 17 (6) then 18-24 off, then 25, 26, 27, 30 (10).
    assert result.due_date == D(2026, 3, 30)
    assert "bukan hari kerja" in result.rule


@pytest.mark.django_db
def test_request_during_lebaran_counts_from_first_working_day_after():
    assert calendar.effective_receipt_date(wib(2026, 3, 21, 9, 0)) == D(2026, 3, 25)


@pytest.mark.django_db
def test_cutoff_in_local_time_of_a_wita_satker(tree):
    makassar = SatkerFactory(code="73.71", name="KPU Kota Makassar", timezone=TimeZone.WITA)
    moment = wib(2026, 3, 9, 15, 30)  # 16:30 WITA

    assert calendar.effective_receipt_date(moment, satker=makassar) == D(2026, 3, 10)
    assert calendar.effective_receipt_date(moment, satker=tree.jepara) == D(2026, 3, 9)
    assert "pukul 16.30 WITA" in calendar.deadline(moment, 10, satker=makassar).rule


@pytest.mark.django_db
def test_cutoff_in_local_time_of_a_wit_satker(tree):
    moment = wib(2026, 3, 9, 14, 30)  # 16:30 WIT in Jayapura

    assert calendar.effective_receipt_date(moment, satker=tree.papua) == D(2026, 3, 10)
    assert calendar.effective_receipt_date(wib(2026, 3, 9, 13, 59),
                                           satker=tree.papua) == D(2026, 3, 9)


@pytest.mark.django_db
def test_evening_utc_moment_is_the_next_local_day():
    moment = dt.datetime(2026, 3, 9, 20, 0, tzinfo=dt.UTC)  # Tue 10 March 03:00 WIB

    assert calendar.effective_receipt_date(moment) == D(2026, 3, 10)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        calendar.effective_receipt_date(dt.datetime(2026, 3, 9, 10, 0))  # noqa: DTZ001


@pytest.mark.django_db
def test_year_boundary_2025_to_2026():
    # 31 Dec 2025 (Wednesday) after office hours; 1 Jan 2026 is New Year.
    result = calendar.deadline(wib(2025, 12, 31, 17, 0), 3)

    assert result.received_on == D(2026, 1, 2)  # Friday
    assert result.due_date == D(2026, 1, 7)  # Mon 5, Tue 6, Wed 7
    assert "1 Januari 2026 (Tahun Baru Masehi)" not in result.rule  # before day 0
    assert "bukan hari kerja" not in result.rule


@pytest.mark.django_db
def test_year_boundary_2026_to_2027_with_christmas_cuti_bersama():
    # Wed 23 Dec 2026; 24 Dec cuti bersama, 25 Dec Christmas, 1 Jan 2027 New Year,
    # 5 Jan 2027 Isra Mikraj.
    result = calendar.deadline(wib(2026, 12, 23, 9, 0), 5)

    assert result.due_date == D(2027, 1, 4)  # 28, 29, 30, 31 Dec, 4 Jan
    assert [e.date for e in result.skipped] == [D(2026, 12, 24), D(2026, 12, 25), D(2027, 1, 1)]
    assert calendar.add_working_days(D(2026, 12, 31), 2) == D(2027, 1, 6)
    assert calendar.working_days_between(D(2026, 12, 23), D(2027, 1, 6)) == 6


@pytest.mark.django_db
def test_working_days_between_across_holidays():
    assert calendar.working_days_between(D(2026, 3, 17), D(2026, 4, 8)) == 10
    assert calendar.working_days_between(D(2026, 3, 17), D(2026, 3, 24)) == 0
    assert calendar.working_days_between(D(2026, 3, 17), D(2026, 3, 17)) == 0
    assert calendar.working_days_between(D(2026, 4, 8), D(2026, 3, 17)) == -10
    # a exclusive, b inclusive
    assert calendar.working_days_between(D(2026, 3, 24), D(2026, 3, 25)) == 1
    assert calendar.working_days_between(D(2026, 3, 25), D(2026, 3, 26)) == 1


@pytest.mark.django_db
def test_add_working_days_with_dates_is_plain_arithmetic():
    assert calendar.add_working_days(D(2026, 3, 14), 1) == D(2026, 3, 16)  # Sat -> Mon
    assert calendar.add_working_days(D(2026, 3, 14), 0) == D(2026, 3, 14)
    assert calendar.add_working_days(D(2026, 3, 25), -1) == D(2026, 3, 17)
    assert calendar.next_working_day(D(2026, 3, 17)) == D(2026, 3, 25)


@pytest.mark.django_db
def test_days_off_lists_named_days_only():
    off = calendar.days_off(2026)

    assert len(off) == 25
    assert off[D(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"
    assert D(2026, 3, 14) not in off


@pytest.mark.django_db
def test_national_override_adding_a_day_off_shifts_the_deadline(people):
    add_calendar_override(actor=people.system_admin, date=D(2026, 3, 26), kind="day_off",
                          name="Cuti Bersama tambahan", legal_basis="SKB 3 Menteri Nomor 9/2026")

    result = calendar.deadline(wib(2026, 3, 17, 10, 0), 10)

    assert result.due_date == D(2026, 4, 9)
    assert "26 Maret 2026 (Cuti Bersama tambahan)" in result.rule
    assert calendar.days_off(2026)[D(2026, 3, 26)] == "Cuti Bersama tambahan"


@pytest.mark.django_db
def test_cancelling_a_cuti_bersama_restores_a_working_day(people):
    assert calendar.is_working_day(D(2026, 3, 24)) is False  # cached before the change

    override = add_calendar_override(
        actor=people.system_admin, date=D(2026, 3, 24), kind="working_day",
        name="Cuti bersama dibatalkan", legal_basis="SKB 3 Menteri Nomor 10/2026",
    )

    assert calendar.is_working_day(D(2026, 3, 24)) is True
    assert calendar.deadline(wib(2026, 3, 17, 10, 0), 10).due_date == D(2026, 4, 7)
    table = calendar.year_calendar(2026)
    assert table.cancelled[D(2026, 3, 24)].name == "Cuti Bersama Hari Raya Idul Fitri"

    remove_calendar_override(actor=people.system_admin, override=override)

    assert calendar.is_working_day(D(2026, 3, 24)) is False
    assert calendar.deadline(wib(2026, 3, 17, 10, 0), 10).due_date == D(2026, 4, 8)


@pytest.mark.django_db
def test_satker_closure_applies_to_that_satker_only(people, tree):
    add_calendar_override(actor=people.admin, satker=tree.jepara, date=D(2026, 3, 25),
                          kind="day_off", name="Kantor ditutup (banjir)",
                          legal_basis="SK Sekretaris KPU Kab. Jepara Nomor 5/2026")

    assert calendar.is_working_day(D(2026, 3, 25), satker=tree.jepara) is False
    assert calendar.is_working_day(D(2026, 3, 25), satker=tree.kudus) is True
    assert calendar.is_working_day(D(2026, 3, 25)) is True
    moment = wib(2026, 3, 17, 10, 0)
    assert calendar.deadline(moment, 10, satker=tree.jepara).due_date == D(2026, 4, 9)
    assert calendar.deadline(moment, 10, satker=tree.kudus).due_date == D(2026, 4, 8)
    assert calendar.holiday_name(D(2026, 3, 25), satker=tree.jepara) == "Kantor ditutup (banjir)"


@pytest.mark.django_db
def test_year_table_is_cached(django_assert_num_queries):
    calendar.year_calendar(2026)

    with django_assert_num_queries(0):
        calendar.deadline(wib(2026, 3, 17, 10, 0), 10)
        calendar.is_working_day(D(2026, 3, 18))


@pytest.mark.django_db
def test_row_changed_outside_services_is_seen_after_a_version_bump(people):
    calendar.is_working_day(D(2026, 3, 26))
    CalendarOverride.objects.create(date=D(2026, 3, 26), kind="day_off", name="Libur",
                                    legal_basis="Keppres")
    assert calendar.is_working_day(D(2026, 3, 26)) is True  # still the cached table

    calendar.bump_version()

    assert calendar.is_working_day(D(2026, 3, 26)) is False


@pytest.mark.django_db
def test_negative_deadline_is_refused():
    with pytest.raises(ValueError):
        calendar.deadline(wib(2026, 3, 17, 10, 0), -1)


@pytest.mark.django_db
def test_deadline_from_a_date_takes_it_as_received_in_office_hours():
    assert calendar.deadline(D(2026, 3, 17), 10).due_date == D(2026, 4, 8)
    result = calendar.deadline(D(2026, 3, 21), 1)  # Idul Fitri, a Saturday
    assert result.received_on == D(2026, 3, 25)
    assert result.due_date == D(2026, 3, 26)
    assert result.rule.startswith(
        "1 hari kerja sejak diterima Sabtu, 21 Maret 2026, bukan hari kerja, sehingga dihitung "
        "diterima Rabu, 25 Maret 2026 (hari ke-0)")


@pytest.mark.django_db
def test_a_request_reads_each_year_table_from_the_shared_cache_once(django_assert_num_queries):
    """Issue 13: a tracking page computes several deadlines; each asked the shared cache for the
    version and the table. Within a request the table is read once, and a change to the
    calendar in that request (bump_version) is seen at once."""
    from prima.core.request_context import _memo

    calendar.year_calendar(2026)  # fill the shared cache
    token = _memo.set({})
    try:
        with django_assert_num_queries(0):
            first = calendar.year_calendar(2026)
            assert calendar.year_calendar(2026) is first
            assert calendar.add_working_days(D(2026, 3, 17), 5) == D(2026, 3, 31)
        calendar.bump_version()
        assert calendar.year_calendar(2026) is not first
    finally:
        _memo.reset(token)


@pytest.mark.django_db
def test_each_process_keeps_its_tables_and_arithmetic_under_the_version(monkeypatch):
    """Issue 13: a request reads only the version from the shared cache; the tables and the
    working-day arithmetic are kept per process under it, and a bump made by another process
    (only the shared version moves) is seen at the next request."""
    from django.core.cache import cache

    from prima.core.request_context import _memo

    def in_a_request(work):
        token = _memo.set({})
        try:
            return work()
        finally:
            _memo.reset(token)

    assert in_a_request(lambda: calendar.add_working_days(D(2026, 3, 17), 5)) == D(2026, 3, 31)
    asked = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: asked.append(key) or real_get(
        key, *a, **k))
    assert in_a_request(lambda: (calendar.add_working_days(D(2026, 3, 17), 5),
                                 calendar.working_days_between(D(2026, 3, 17), D(2026, 3, 31)),
                                 calendar.is_working_day(D(2026, 3, 18)))) == (
        D(2026, 3, 31), 5, False)
    assert asked == [calendar.VERSION_KEY]

    # Another process adds a day off and moves the shared version.
    CalendarOverride.objects.create(date=D(2026, 3, 30), kind="day_off", name="Libur",
                                    legal_basis="Keppres")
    cache.incr(calendar.VERSION_KEY)
    assert in_a_request(lambda: calendar.add_working_days(D(2026, 3, 17), 5)) == D(2026, 4, 1)
    assert in_a_request(
        lambda: calendar.working_days_between(D(2026, 3, 17), D(2026, 3, 31))) == 4


@pytest.mark.django_db
def test_a_lost_version_never_comes_back_as_an_old_one():
    """Should the shared version be evicted, the new one differs from every earlier one, so
    a table a process kept under an old version is never taken for current."""
    from django.core.cache import cache

    calendar.year_calendar(2026)
    first = cache.get(calendar.VERSION_KEY)
    cache.delete(calendar.VERSION_KEY)
    calendar.year_calendar(2026)
    assert cache.get(calendar.VERSION_KEY) not in (None, first)
