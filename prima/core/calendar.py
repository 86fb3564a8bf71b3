"""The working-day calendar (hari kerja) used for every statutory deadline.

Layers, from bottom to top (domain working-days.md):

1. weekends: Saturday and Sunday are never working days (Perpres 21/2023, five-day week);
2. national holidays and cuti bersama from the ``holidays`` package (categories ``public`` and
   ``government``; the ``government`` category holds the cuti bersama);
3. national ``CalendarOverride`` rows (``satker`` empty): an added day off, or a cancelled
   holiday (``working_day``), each with its legal basis;
4. satker ``CalendarOverride`` rows: an office closure of one satker (or, set by the system
   administrator, a holiday cancelled for that satker only).

A cancelled holiday never turns a Saturday or Sunday into a working day.

Counting (UU 14/2008 with Perki 1/2021, domain information-requests.md): the day of receipt is
day 0 and a deadline of *n* working days is the *n*-th working day after it. A request received
on a non-working day, or at or after the office-hours cut-off (``settings.OFFICE_CUTOFF``, local
time of the satker), counts as received on the next working day.

The per-year table of days off is cached (Django cache) under a version number; the service
functions that add or remove overrides call ``bump_version()`` so every process recomputes.
Each process also keeps the tables it used, and the results of its working-day arithmetic,
under that version: a request reads the version from the shared cache once and computes nothing
twice while the calendar is unchanged (issue 13).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.cache import cache

from .localcache import LocalTTLCache
from .request_context import request_memo

__all__ = [
    "CalendarDay",
    "CancelledHoliday",
    "Deadline",
    "YearCalendar",
    "add_working_days",
    "bump_version",
    "current_version",
    "deadline",
    "days_off",
    "effective_receipt_date",
    "format_date",
    "holiday_name",
    "is_working_day",
    "local_timezone",
    "next_working_day",
    "office_cutoff",
    "package_holidays",
    "working_days_between",
    "year_calendar",
]

SOURCE_HOLIDAYS = "holidays"
SOURCE_NATIONAL = "national"
SOURCE_SATKER = "satker"

VERSION_KEY = "prima:calendar:version"
CACHE_SECONDS = 6 * 3600  # a bound on staleness should a bump ever be missed
MEMO_KEY = "prima.core.calendar"  # its entry in the request memo
VERSION_MEMO = "version"  # the version read in this request, in that entry
# Per process, under the calendar's version (so a bump anywhere is seen at the next request):
# year tables, and the results of working-day steps (pure functions of the dates and tables).
_tables = LocalTTLCache(lambda: CACHE_SECONDS, size=256)
_steps = LocalTTLCache(lambda: CACHE_SECONDS, size=4096)
# Far enough for any statutory deadline (the longest is 30 working days) with margin.
MAX_SCAN_DAYS = 3 * 366

# The record of a deadline is a legal text, stored with the request: it is always written in
# Indonesian, whatever the language of the page that computed it.
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember")
TZ_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@dataclass(frozen=True)
class CalendarDay:
    """A named day off: a holiday, a cuti bersama or an office closure."""

    date: dt.date
    name: str
    source: str  # SOURCE_HOLIDAYS, SOURCE_NATIONAL or SOURCE_SATKER
    legal_basis: str = ""
    override_id: int | None = None

    @property
    def is_estimate(self) -> bool:
        """Islamic dates not yet fixed by decree are marked "(perkiraan)" by the package."""
        return "perkiraan" in self.name.lower()


@dataclass(frozen=True)
class CancelledHoliday:
    """A holiday of a lower layer that an override turned back into a working day."""

    date: dt.date
    name: str  # the cancelled holiday
    reason: str  # the override's name
    legal_basis: str
    source: str
    override_id: int


@dataclass(frozen=True)
class YearCalendar:
    year: int
    days_off: dict[dt.date, CalendarDay] = field(default_factory=dict)
    cancelled: dict[dt.date, CancelledHoliday] = field(default_factory=dict)


@dataclass(frozen=True)
class Deadline:
    """A due date with the rule that produced it (domain: every deadline records its rule)."""

    due_date: dt.date
    received_on: dt.date
    rule: str
    working_days: int = 0
    skipped: tuple[CalendarDay, ...] = ()


# --- Formatting ---------------------------------------------------------------------------------

def format_date(day: dt.date) -> str:
    """``Selasa, 17 Maret 2026``."""
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _short_date(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# --- The layers ---------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def package_holidays(year: int) -> dict[dt.date, str]:
    """National holidays and cuti bersama of ``year`` from the ``holidays`` package.

    The package's table only changes with a new package release, so it is kept per process.
    """
    table = holidays.country_holidays(
        "ID", categories=("public", "government"), years=year, language="id"
    )
    # Several names on one date come joined with "; " (e.g. two observances on one day).
    return {day: str(name) for day, name in sorted(table.items())}


def _satker_id(satker) -> int | None:
    if satker is None:
        return None
    return satker if isinstance(satker, int) else satker.pk


def _fresh_version() -> int:
    # Never a number used before (e.g. after the key was evicted or the cache flushed), so a
    # table kept under an old version is never taken for a current one.
    return time.time_ns()


def current_version() -> int:
    """The calendar's version, read from the shared cache once per request."""
    memo = request_memo()
    kept = memo.setdefault(MEMO_KEY, {}) if memo is not None else {}
    if VERSION_MEMO in kept:
        return kept[VERSION_MEMO]
    version = cache.get(VERSION_KEY)
    if version is None:
        fresh = _fresh_version()
        cache.add(VERSION_KEY, fresh, timeout=None)
        version = cache.get(VERSION_KEY, fresh)
    kept[VERSION_MEMO] = version
    return version


def bump_version() -> None:
    """Invalidate every cached year table (called by the services that change overrides)."""
    memo = request_memo()
    if memo is not None:
        memo.pop(MEMO_KEY, None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was never set
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def _build_year(year: int, satker_id: int | None) -> YearCalendar:
    from .models import CalendarOverride

    off = {
        day: CalendarDay(day, name, SOURCE_HOLIDAYS)
        for day, name in package_holidays(year).items()
    }
    cancelled: dict[dt.date, CancelledHoliday] = {}
    rows = CalendarOverride.objects.filter(date__year=year, satker__isnull=True)
    if satker_id is not None:
        rows = rows | CalendarOverride.objects.filter(date__year=year, satker_id=satker_id)
    # National rows first, then the satker's rows, so a satker row has the last word.
    ordered = sorted(rows, key=lambda r: (r.satker_id is not None, r.date))
    for row in ordered:
        source = SOURCE_NATIONAL if row.satker_id is None else SOURCE_SATKER
        if row.kind == CalendarOverride.Kind.DAY_OFF:
            off[row.date] = CalendarDay(row.date, row.name, source, row.legal_basis, row.pk)
            cancelled.pop(row.date, None)
        else:
            lower = off.pop(row.date, None)
            if lower is not None:
                cancelled[row.date] = CancelledHoliday(
                    row.date, lower.name, row.name, row.legal_basis, source, row.pk
                )
    return YearCalendar(year, dict(sorted(off.items())), dict(sorted(cancelled.items())))


def year_calendar(year: int, satker=None) -> YearCalendar:
    """The layered table of ``year`` for ``satker`` (national when ``None``), cached."""
    return _year_table(current_version(), year, _satker_id(satker))


def _year_table(version: int, year: int, satker_id: int | None) -> YearCalendar:
    # Read once per request: a tracking page computes several deadlines, each asked the
    # shared cache twice (version and table) before (issue 13).
    memo = request_memo()
    kept = memo.setdefault(MEMO_KEY, {}) if memo is not None else {}
    if (year, satker_id) in kept:
        return kept[year, satker_id]
    table = _tables.get((version, year, satker_id))
    if table is None:
        key = f"prima:calendar:{version}:{year}:{satker_id or 'national'}"
        table = cache.get(key)
        if table is None:
            table = _build_year(year, satker_id)
            cache.set(key, table, timeout=CACHE_SECONDS)
        _tables.put((version, year, satker_id), table)
    kept[year, satker_id] = table
    return table


def forget_process_tables() -> None:
    """Drop what this process keeps (tests; the version makes it unnecessary otherwise)."""
    _tables.clear()
    _steps.clear()


class _Lookup:
    """Year tables loaded once per computation (a deadline may cross a year boundary)."""

    def __init__(self, satker, version: int | None = None):
        self.satker_id = _satker_id(satker)
        self.version = current_version() if version is None else version
        self.years: dict[int, YearCalendar] = {}

    def table(self, year: int) -> YearCalendar:
        if year not in self.years:
            self.years[year] = _year_table(self.version, year, self.satker_id)
        return self.years[year]

    def day_off(self, day: dt.date) -> CalendarDay | None:
        return self.table(day.year).days_off.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        # Perpres 21/2023: the working week is Monday to Friday.
        return day.weekday() < 5 and day not in self.table(day.year).days_off


# --- Public API ---------------------------------------------------------------------------------

def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def is_working_day(day: dt.date, satker=None) -> bool:
    """Monday to Friday and not a holiday, cuti bersama or closure of ``satker``."""
    return _Lookup(satker).is_working_day(_as_date(day))


def holiday_name(day: dt.date, satker=None) -> str | None:
    """The name of the holiday, cuti bersama or closure on ``day``; ``None`` if there is none.

    A plain weekend has no name (``None``) although it is not a working day.
    """
    entry = _Lookup(satker).day_off(_as_date(day))
    return entry.name if entry else None


def days_off(year: int, satker=None) -> dict[dt.date, str]:
    """Every named day off of ``year`` (plain weekends are not listed), by date."""
    return {day: entry.name for day, entry in year_calendar(year, satker).days_off.items()}


def next_working_day(day: dt.date, satker=None) -> dt.date:
    """The first working day strictly after ``day``."""
    return add_working_days(_as_date(day), 1, satker=satker)


def _step(start: dt.date, n: int, lookup: _Lookup) -> tuple[dt.date, list[dt.date]]:
    """The ``n``-th working day after (``n`` < 0: before) ``start``, and the days passed over."""
    day = start
    passed: list[dt.date] = []
    direction = 1 if n >= 0 else -1
    remaining = abs(n)
    limit = MAX_SCAN_DAYS + 7 * abs(n)
    scanned = 0
    while remaining:
        day += dt.timedelta(days=direction)
        scanned += 1
        if scanned > limit:
            raise ValueError(f"No working day found within {limit} days of {start}.")
        if lookup.is_working_day(day):
            remaining -= 1
        else:
            passed.append(day)
    return day, passed


def add_working_days(start: dt.date | dt.datetime, n: int, satker=None) -> dt.date:
    """The ``n``-th working day after ``start`` (before it when ``n`` is negative).

    With a ``date`` this is plain arithmetic: ``start`` need not be a working day and ``n = 0``
    returns it unchanged (use it for an extension counted from a due date). With an aware
    ``datetime`` the receipt rule applies first: day 0 is ``effective_receipt_date(start)``.
    """
    if isinstance(start, dt.datetime):
        start = effective_receipt_date(start, satker=satker)
    lookup = _Lookup(satker)
    key = ("add", lookup.version, lookup.satker_id, start, n)
    day = _steps.get(key)
    if day is None:
        day, _passed = _step(start, n, lookup)
        _steps.put(key, day)
    return day


def working_days_between(a: dt.date | dt.datetime, b: dt.date | dt.datetime,
                         satker=None) -> int:
    """Working days in the interval (a, b]: ``a`` excluded, ``b`` included.

    So ``working_days_between(d, add_working_days(d, n)) == n`` for ``n >= 0``, and the count
    from a due date to today is the number of working days late. When ``b`` is before ``a`` the
    result is negative: ``working_days_between(a, b) == -working_days_between(b, a)``.
    """
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -working_days_between(b, a, satker=satker)
    lookup = _Lookup(satker)
    key = ("between", lookup.version, lookup.satker_id, a, b)
    count = _steps.get(key)
    if count is None:
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            if lookup.is_working_day(day):
                count += 1
        _steps.put(key, count)
    return count


def local_timezone(satker=None) -> ZoneInfo:
    """The satker's time zone (WIB, WITA or WIT by province); the site's zone without one."""
    name = getattr(satker, "timezone", None) or settings.TIME_ZONE
    return ZoneInfo(name)


def office_cutoff() -> dt.time:
    return dt.time.fromisoformat(settings.OFFICE_CUTOFF)


def _receipt(moment: dt.datetime, satker, lookup: _Lookup) -> tuple[dt.date, str]:
    """Day 0 for a request received at ``moment``, with the reason in words."""
    if not isinstance(moment, dt.datetime):
        day = moment
        if lookup.is_working_day(day):
            return day, f"diterima {format_date(day)} (hari ke-0)"
        effective, _ = _step(day, 1, lookup)
        return effective, (f"diterima {format_date(day)}, bukan hari kerja, sehingga dihitung "
                           f"diterima {format_date(effective)} (hari ke-0)")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("effective_receipt_date needs an aware datetime.")
    zone = local_timezone(satker)
    local = moment.astimezone(zone)
    day = local.date()
    cutoff = office_cutoff()
    zone_label = TZ_ABBREVIATIONS.get(zone.key, zone.key)
    received = f"diterima {format_date(day)} pukul {local:%H.%M} {zone_label}"
    if not lookup.is_working_day(day):
        why = "bukan hari kerja"
        entry = lookup.day_off(day)
        if entry is not None:
            why = f"bukan hari kerja ({entry.name})"
    elif local.time() >= cutoff:
        # Domain working-days.md: after office hours counts from the next working day.
        why = f"setelah batas jam layanan {cutoff:%H.%M} {zone_label}"
    else:
        return day, f"{received} (hari ke-0)"
    effective, _ = _step(day, 1, lookup)
    return effective, f"{received}, {why}, sehingga dihitung diterima {format_date(effective)} " \
                      f"(hari ke-0)"


def effective_receipt_date(moment: dt.datetime, satker=None) -> dt.date:
    """Day 0 of the count for a request received at the aware ``moment``.

    The moment is read in the satker's local time. On a working day before the cut-off it is
    that day; at or after ``settings.OFFICE_CUTOFF`` (default 16:00), or on a weekend, holiday,
    cuti bersama or office closure, it is the next working day. A plain ``date`` is taken as a
    receipt during office hours of that day.
    """
    day, _why = _receipt(moment, satker, _Lookup(satker))
    return day


def deadline(received_at: dt.datetime | dt.date, n: int, satker=None) -> Deadline:
    """The due date ``n`` working days after receipt, with the rule in words (Indonesian)."""
    if n < 0:
        raise ValueError("A deadline counts a non-negative number of working days.")
    lookup = _Lookup(satker)
    received_on, receipt_text = _receipt(received_at, satker, lookup)
    due, passed = _step(received_on, n, lookup)
    skipped = tuple(entry for day in passed if (entry := lookup.day_off(day)) is not None)
    weekend_count = sum(1 for day in passed if day.weekday() >= 5 and lookup.day_off(day) is None)
    parts = [f"{n} hari kerja sejak {receipt_text}"]
    if satker is not None:
        parts.append(f"kalender {satker}")
    skip_texts = [f"{_short_date(e.date)} ({e.name})" for e in skipped]
    if weekend_count:
        skip_texts.append(f"{weekend_count} hari Sabtu/Minggu (Perpres 21/2023)")
    if skip_texts:
        parts.append("tidak dihitung: " + "; ".join(skip_texts))
    parts.append(f"jatuh tempo {format_date(due)}")
    rule = "; ".join(parts) + "."
    return Deadline(due_date=due, received_on=received_on, rule=rule[0].upper() + rule[1:],
                    working_days=n, skipped=skipped)
