#!/usr/bin/env python
"""Benchmark of the IKM aggregates: one satker-period with 1,000,000 responses, and the national
roll-up over 553 satkers, each beside the raw SQL aggregate on the same database (the ratio).

Prepares a fresh database (a SQLite file under a temporary directory, or the PostgreSQL database
``prima_bench_surveys``, dropped and re-created), migrates, seeds the satker tree (KPU RI, 38
provinces, 514 kabupaten/kota), creates one survey per satker for 2020 Q1 and writes responses
with one INSERT ... SELECT per satker (random scores 1-4): ``--responses`` for KPU Kabupaten
Jepara (33.20) and ``--per-satker`` for every other satker. Then, ``--runs`` times each, best
and median:

1. Prima: ``prima.surveys.ikm.compute(Response.objects.filter(satker=jepara, year=2020,
   quarter=1))`` (NRR per element, IKM, category) — beside the raw ``SELECT COUNT(*),
   SUM(u1), COUNT(u1), ...`` over the same rows through the same connection;
2. Prima: ``ikm.national_rollup(2020, 1)`` (one grouped query, per-satker IKM, province and
   national mean and respondent-weighted figures via core.rollup) — beside the raw grouped
   ``SELECT code, COUNT(*), SUM(u1), ... GROUP BY satker``.

    .venv/bin/python bench/surveys_ikm.py --db sqlite
    .venv/bin/python bench/surveys_ikm.py --db postgres --responses 1000000
"""

# A benchmark script: fixed SQL over its own database.
# ruff: noqa: S608
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, environment  # noqa: E402

sys.path.insert(0, str(ROOT))
FIELDS = [f"u{i}" for i in range(1, 10)]


def timed(function, runs: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return min(times), statistics.median(times), result


def fill(connection, vendor: str, survey_id: int, satker_id: int, count: int) -> None:
    columns = ("survey_id, satker_id, service, channel, answered_on, year, quarter, "
               + ", ".join(FIELDS) + ", sex, age, education, job, suggestion, created_at")
    if vendor == "postgresql":
        score = "(floor(random() * 4) + 1)::int"
        source = f"generate_series(1, {int(count)})"
        select = (f"SELECT {survey_id}, {satker_id}, 'permohonan-informasi', 'link', "
                  f"DATE '2020-02-15', 2020, 1, {', '.join([score] * 9)}, 'L', 30, 'SMA', "
                  f"'Swasta', '', now() FROM {source}")
        sql = f"INSERT INTO surveys_response ({columns}) {select}"
    else:
        score = "(abs(random()) % 4) + 1"
        sql = (f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
               f"{int(count)}) INSERT INTO surveys_response ({columns}) "
               f"SELECT {survey_id}, {satker_id}, 'permohonan-informasi', 'link', '2020-02-15', "
               f"2020, 1, {', '.join([score] * 9)}, 'L', 30, 'SMA', 'Swasta', '', "
               f"datetime('now') FROM c")
    with connection.cursor() as cursor:
        cursor.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--per-satker", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-surveys-"))
    try:
        os.environ.update(environment(workdir, args.db, "prima_bench_surveys"))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, transaction

        from prima.organisations.models import Satker
        from prima.surveys import ikm
        from prima.surveys.models import Response, Survey

        print(f"Fresh {args.db} database in {workdir}; migrating and seeding …", flush=True)
        call_command("migrate", verbosity=0)
        call_command("seed_satkers", verbosity=0)
        satkers = list(Satker.objects.order_by("code"))
        jepara = next(s for s in satkers if s.code == "33.20")
        began = time.monotonic()
        with transaction.atomic():
            surveys = Survey.objects.bulk_create([
                Survey(satker=s, title="SKM TW I 2020", period_kind="quarter", year=2020,
                       period_number=1, services=["permohonan-informasi"], status="open",
                       public_key=f"bench-{s.pk}") for s in satkers])
            for survey in surveys:
                count = args.responses if survey.satker_id == jepara.pk else args.per_satker
                fill(connection, connection.vendor, survey.pk, survey.satker_id, count)
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            old = connection.connection.autocommit
            connection.connection.autocommit = True
            with connection.connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE surveys_response")
            connection.connection.autocommit = old
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = Response.objects.count()
        print(f"{len(satkers)} satkers, {total:,} responses written in "
              f"{time.monotonic() - began:.1f} s", flush=True)

        table = Response._meta.db_table
        satker_table = Satker._meta.db_table
        sums = ", ".join(f"SUM({f}), COUNT({f})" for f in FIELDS)

        def raw_one():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*), {sums} FROM {table} WHERE satker_id = %s "
                               f"AND year = %s AND quarter = %s", [jepara.pk, 2020, 1])
                return cursor.fetchone()

        def prima_one():
            result = ikm.compute(Response.objects.filter(satker=jepara, year=2020, quarter=1))
            return result.n, result.ikm_display, result.category

        def raw_national():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT s.code, s.name, COUNT(*), {sums} FROM {table} r "
                               f"JOIN {satker_table} s ON s.id = r.satker_id "
                               f"WHERE r.year = %s AND r.quarter = %s GROUP BY s.code, s.name",
                               [2020, 1])
                return cursor.fetchall()

        def prima_national():
            data = ikm.national_rollup(2020, 1)
            return len(data["units"]), data["national"].mean_display, \
                data["national"].weighted_display

        rows = []
        for label, prima, raw in (
                (f"IKM of one satker-period ({args.responses:,} responses)", prima_one, raw_one),
                (f"National roll-up ({len(satkers)} satkers, {total:,} responses)",
                 prima_national, raw_national)):
            raw()  # warm the page cache for both
            p_best, p_median, p_result = timed(prima, args.runs)
            r_best, r_median, _r = timed(raw, args.runs)
            rows.append((label, p_best, p_median, r_best, r_median, p_result))
        print(f"\nDatabase: {connection.vendor}; best / median of {args.runs} runs (ms)")
        print(f"{'measure':62} {'Prima':>17} {'raw SQL':>17} {'ratio':>6}")
        for label, p_best, p_median, r_best, r_median, result in rows:
            print(f"{label:62} {p_best * 1000:8.1f}/{p_median * 1000:8.1f} "
                  f"{r_best * 1000:8.1f}/{r_median * 1000:8.1f} {p_best / r_best:6.2f}")
            print(f"    result: {result}")
        print("\nTargets: ratio within 1.5x of raw SQL; < 1 s on PostgreSQL.")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
