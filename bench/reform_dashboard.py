#!/usr/bin/env python
"""Benchmark of the national reform dashboard: 553 satkers × 5 years of action plans.

Prepares a fresh database (a SQLite file under a temporary directory, or the PostgreSQL database
``prima_bench_reform`` on postgres://postgres@127.0.0.1:5432, dropped and re-created), migrates,
seeds the satker tree (KPU RI, 38 provinces, 514 kabupaten/kota) and writes, with bulk_create,
one plan per satker and year (2020–2024) with about 40 indicators each (8 areas × 2–3 activities
× 2 indicators) and four quarterly reports with realisations. Then it measures:

1. COLD: ``dashboards.national_overview(year)`` — the uncached computation a cache miss
   runs — directly in process, p50/p95 over N runs and the number of queries of one
   computation; WARM: ``dashboards.cached_national_overview(year)`` with an unchanged data
   fingerprint (fingerprint queries + cache hit), p50/p95 over N runs;
2. the national dashboard page over HTTP when the evaluation/dashboard UI provides it
   (gunicorn on a free 127.0.0.1 port, a logged-in, 2FA-verified system administrator): COLD,
   the first request to the freshly started server (empty per-process cache), one client;
   then unmeasured warm-up requests so every worker has the result cached, and WARM, the page
   under ``--clients`` clients beside the trivial page ``/sehat/`` and the ratio; with
   ``--inprocess`` the page is measured (warm) through Django's test Client instead; when no
   such page exists the script says so.

Usage:

    python bench/reform_dashboard.py [--db sqlite|postgres] [--years 5] [--runs 30]
                                     [--clients 4] [--seconds 10] [--path /some/url/]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

from harness import ROOT, environment, free_port, start_gunicorn, stop

# URL names the dashboard UI may give the national page (the first that resolves is used).
NATIONAL_URL_NAMES = ("reform:dashboard-national", "reform:national-dashboard",
                      "reform:dashboards-national", "reform:national", "reform:dashboard")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index] * 1000


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def build(years: list[int]) -> dict:
    """Plans, programmes, activities, indicators, reports and realisations in bulk."""
    from prima.accounts.models import User
    from prima.organisations.models import Satker
    from prima.reform.choices import Direction, PlanStatus, ReportStatus
    from prima.reform.models import (
        ActionPlan,
        Activity,
        AreaOfChange,
        Indicator,
        Programme,
        ProgressReport,
        Realisation,
    )
    from prima.reform.querysets import report_due_date

    rng = random.Random(553)  # noqa: S311 - benchmark data
    creator, _ = User.objects.get_or_create(email="bench@kpu.test",
                                            defaults={"full_name": "Bench"})
    satkers = list(Satker.objects.exclude(level="pusat").order_by("code"))
    areas = list(AreaOfChange.objects.filter(regime__code="permenpanrb-26-2020")
                 .order_by("number"))
    counts = dict.fromkeys(("plans", "indicators", "reports", "realisations"), 0)
    for year in years:
        plans = ActionPlan.objects.bulk_create(
            [ActionPlan(satker=s, year=year, regime=areas[0].regime, status=PlanStatus.RUNNING,
                        title=f"Rencana Aksi {s.name} {year}", created_by=creator)
             for s in satkers], batch_size=1000)
        programmes = Programme.objects.bulk_create(
            [Programme(plan=p, area=a, name=f"Program {a.number}", order=a.number)
             for p in plans for a in areas], batch_size=5000)
        activity_rows = []
        for programme in programmes:
            for order in range(1, (3 if programme.order % 2 else 2) + 1):
                activity_rows.append(Activity(programme=programme, name=f"Kegiatan {order}",
                                              output="Keluaran", quarters=[1, 2, 3, 4],
                                              order=order))
        activities = Activity.objects.bulk_create(activity_rows, batch_size=5000)
        plan_of = {p.pk: p.plan_id for p in programmes}
        indicator_rows = []
        for activity in activities:
            for order in (1, 2):
                lower = rng.random() < 0.15
                indicator_rows.append(Indicator(
                    activity=activity, name=f"Indikator {order}", unit="hari" if lower else "%",
                    direction=Direction.LOWER if lower else Direction.HIGHER,
                    baseline=Decimal(0), target=Decimal(3 if lower else 100), order=order,
                    target_q1=Decimal(6 if lower else 25), target_q2=Decimal(5 if lower else 50),
                    target_q3=Decimal(4 if lower else 75), target_q4=Decimal(3 if lower else 100)))
        indicators = Indicator.objects.bulk_create(indicator_rows, batch_size=5000)
        by_plan: dict[int, list] = {}
        activity_plan = {a.pk: plan_of[a.programme_id] for a in activities}
        for indicator in indicators:
            by_plan.setdefault(activity_plan[indicator.activity_id], []).append(indicator)
        reports = ProgressReport.objects.bulk_create(
            [ProgressReport(plan=p, quarter=q, due_date=report_due_date(year, q),
                            status=ReportStatus.ACCEPTED if q < 4 else ReportStatus.SUBMITTED)
             for p in plans for q in range(1, 5)], batch_size=5000)
        realisations = []
        for report in reports:
            pace = 0.5 + (report.plan_id % 7) / 10
            for indicator in by_plan[report.plan_id]:
                planned = indicator.quarter_target(report.quarter)
                value = (planned / Decimal(str(pace)) if indicator.direction == Direction.LOWER
                         else planned * Decimal(str(pace)))
                realisations.append(Realisation(report=report, indicator=indicator,
                                                value=value.quantize(Decimal("0.01"))))
            if len(realisations) >= 50000:
                Realisation.objects.bulk_create(realisations, batch_size=5000)
                counts["realisations"] += len(realisations)
                realisations = []
        Realisation.objects.bulk_create(realisations, batch_size=5000)
        counts["realisations"] += len(realisations)
        counts["plans"] += len(plans)
        counts["indicators"] += len(indicators)
        counts["reports"] += len(reports)
        print(f"  {year}: {len(plans)} plans, {len(indicators)} indicators", flush=True)
    return counts


def measure_function(year: int, runs: int) -> tuple[list[float], int, int]:
    """COLD: the uncached computation ``national_overview(year)``, run directly in process —
    what the page computes on the first request after reform data of the year changed (the
    page adds the fingerprint queries and the rendering)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from prima.reform.dashboards import national_overview

    with CaptureQueriesContext(connection) as queries:
        overview = national_overview(year)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        national_overview(year)
        timings.append(time.perf_counter() - began)
    return timings, len(queries), len(overview.rows)


def measure_cached(year: int, runs: int) -> tuple[list[float], int]:
    """WARM: ``cached_national_overview(year)`` with an unchanged fingerprint — the fingerprint
    queries and a cache hit (the first call, which fills the cache, is not counted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from prima.reform.dashboards import cached_national_overview

    cached_national_overview(year)
    with CaptureQueriesContext(connection) as queries:
        cached_national_overview(year)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        cached_national_overview(year)
        timings.append(time.perf_counter() - began)
    return timings, len(queries)


def single_request(port: int, path: str, cookie: str) -> tuple[float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    began = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    took = time.perf_counter() - began
    conn.close()
    return took, response.status


def warm_up(port: int, path: str, cookie: str, clients: int, rounds: int = 3) -> None:
    """Concurrent unmeasured requests so every worker process has computed and cached the
    overview (the cache is per process: local memory) before the warm phase."""
    for _ in range(rounds):
        threads = [threading.Thread(target=single_request, args=(port, path, cookie),
                                    daemon=True) for _ in range(max(clients, 2))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)


def national_path(explicit: str | None, year: int) -> str | None:
    if explicit:
        return explicit
    from django.urls import NoReverseMatch, reverse

    for name in NATIONAL_URL_NAMES:
        for args in ((), (year,)):
            try:
                return reverse(name, args=args)
            except NoReverseMatch:
                continue
    return None


def session_cookie() -> str:
    """A logged-in, 2FA-verified system administrator's session (stored in the database)."""
    from django.conf import settings
    from django.test import Client

    from prima.accounts.models import User
    from prima.accounts.tests.helpers import force_login_verified
    from prima.organisations.models import Membership, Satker

    user, _ = User.objects.get_or_create(email="bench-admin@kpu.test",
                                         defaults={"full_name": "Bench Admin"})
    Membership.objects.get_or_create(user=user, satker=Satker.objects.get(code="0"),
                                     role="admin")
    client = Client()
    force_login_verified(client, user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def http_phase(port: int, path: str, cookie: str, clients: int,
               seconds: float) -> tuple[list[float], dict]:
    latencies, statuses, lock = [], {}, threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine, codes = [], {}
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                codes[0] = codes.get(0, 0) + 1
                continue
            codes[response.status] = codes.get(response.status, 0) + 1
            if response.status == 200:
                mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)
    return latencies, statuses


def inprocess_phase(path: str, runs: int) -> tuple[list[float], dict]:
    from django.test import Client

    from prima.accounts.models import User
    from prima.accounts.tests.helpers import force_login_verified

    client = Client()
    force_login_verified(client, User.objects.get(email="bench-admin@kpu.test"))
    latencies, statuses = [], {}
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(path)
        took = time.perf_counter() - began
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code == 200:
            latencies.append(took)
    return latencies, statuses


def line(name: str, latencies: list[float], base_p95: float | None = None) -> str:
    p95 = percentile(latencies, 95)
    ratio = f"{p95 / base_p95:>10.1f}" if base_p95 else f"{'':>10}"
    return f"{name:<52} {len(latencies):>6} {median_ms(latencies):>9.1f} {p95:>9.1f} {ratio}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30, help="in-process runs")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument("--seconds", type=float, default=10, help="per HTTP phase")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--path", default=None, help="national dashboard path (auto-detected)")
    parser.add_argument("--inprocess", action="store_true",
                        help="measure the page with Django's test Client, not gunicorn")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-reform-"))
    server = None
    try:
        env = environment(workdir, args.db, "prima_bench_reform")
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "prima.settings"
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        print(f"Fresh {args.db} database in {workdir}; migrating and seeding …", flush=True)
        call_command("migrate", verbosity=0)
        call_command("seed_satkers", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        years = list(range(2020, 2020 + args.years))
        began = time.monotonic()
        counts = build(years)
        print(f"Built {counts} in {time.monotonic() - began:.1f} s", flush=True)
        year = years[-1]
        timings, queries, provinces = measure_function(year, args.runs)
        warm_timings, warm_queries = measure_cached(year, args.runs)
        lines = [
            f"Prima reform national dashboard — {args.db}, {counts['plans']} plans "
            f"({args.years} years × 552 satkers), {counts['indicators']} indicators, "
            f"{counts['realisations']} realisations; {os.cpu_count()} CPU",
            f"national_overview({year}): {provinces} province rows, {queries} queries per "
            f"computation; cached_national_overview({year}) with a cache hit: {warm_queries} "
            "queries",
            "COLD = the uncached computation national_overview() run directly in process, and "
            "the first page request to a fresh server (empty cache); WARM = unchanged data "
            "fingerprint, the cached result.",
            "",
            f"{'measure':<52} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'p95÷base':>10}",
            line(f"COLD national_overview({year}) in process", timings),
            line(f"WARM cached_national_overview({year}) in process", warm_timings),
        ]
        path = national_path(args.path, year)
        if path is None:
            lines.append("National dashboard page: not provided by the dashboard UI yet "
                         f"(none of {', '.join(NATIONAL_URL_NAMES)} resolves); pass --path "
                         "to measure a page.")
        else:
            cookie = session_cookie()
            cold_line = None
            if args.inprocess:
                base, base_status = inprocess_phase("/sehat/", args.runs)
                page, status = inprocess_phase(path, args.runs)
                mode = ("in process (Django test Client); the cache was filled by the warm "
                        "in-process runs above")
            else:
                port = free_port()
                server = start_gunicorn(env, port, workers=args.workers, threads=args.threads)
                cold, cold_status = single_request(port, path, cookie)
                cold_line = (f"{'COLD GET ' + path + ' (first request)':<52} "
                             f"{1:>6} {cold * 1000:>9.1f} {'':>9} {'':>10}"
                             + ("" if cold_status == 200 else f"  status {cold_status}"))
                warm_up(port, path, cookie, args.clients)
                base, base_status = http_phase(port, "/sehat/", cookie, args.clients,
                                               args.seconds)
                page, status = http_phase(port, path, cookie, args.clients, args.seconds)
                mode = (f"HTTP, gunicorn {args.workers} workers × {args.threads} threads, "
                        f"{args.clients} clients")
            base_p95 = percentile(base, 95)
            if cold_line:
                lines.append(cold_line)
            lines += [line("GET /sehat/ (trivial page)", base),
                      line(f"WARM GET {path}", page, base_p95), f"  page measured {mode}"]
            for name, codes in (("/sehat/", base_status), (path, status)):
                unexpected = {c: n for c, n in codes.items() if c != 200}
                if unexpected:
                    lines.append(f"  {name}: non-200 answers {unexpected}")
        print("\n".join(lines))
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
