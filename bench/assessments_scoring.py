#!/usr/bin/env python
"""Benchmark of assessment scoring and comparison: 553 satkers × a full PMPRB worksheet.

Prepares a fresh database (a SQLite file under a temporary directory, or the PostgreSQL database
``prima_bench_assessments`` on postgres://postgres@127.0.0.1:5432, dropped and re-created),
migrates, seeds the satker tree (KPU RI, 38 provinces, 514 kabupaten/kota) and writes, for every
satker, a 2021 PMPRB assessment (PermenPANRB 26/2020 worksheet) with every item answered by the
satker and about a fifth changed by the evaluator (bulk_create, scored by the engine). Then:

1. the scoring engine (``scoring.score``, pure Python) over the 553 full worksheets, both sides;
2. the comparison (``querysets.compare``: every satker's totals, area scores, last year's total
   and evidence completeness, two queries) beside the raw aggregate SQL that fetches the same
   rows on the same database (the peer), p50 over ``--runs`` runs, and the ratio.

Usage:

    python bench/assessments_scoring.py [--db sqlite|postgres] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, environment

YEAR = 2021


def build() -> int:
    from prima.assessments import scoring, services
    from prima.assessments import worksheet as ws
    from prima.assessments.models import Answer, Assessment
    from prima.organisations.models import Satker

    rng = random.Random(553)  # noqa: S311 - benchmark data
    sheet = ws.worksheet_for("rb", YEAR)
    version = services.ensure_version(sheet)
    satkers = list(Satker.objects.order_by("code"))
    assessments = Assessment.objects.bulk_create(
        [Assessment(satker=s, year=YEAR, kind="rb", worksheet=version, status="submitted")
         for s in satkers], batch_size=1000)
    placement = sheet.placement()
    rows = []
    for assessment in assessments:
        mine, theirs = {}, {}
        for item in sheet.items:
            if item.computed:
                continue
            if item.codes:
                mine[item.key] = rng.choice(item.codes)
                if rng.random() < 0.2:
                    theirs[item.key] = rng.choice(item.codes)
            elif item.answer == "index":
                mine[item.key] = str(round(rng.uniform(2.5, 4), 2))
            else:
                mine[item.key] = str(rng.randint(1, 100))
        full_mine = scoring.score(sheet, mine)
        full_theirs = scoring.score(sheet, {**mine, **theirs})
        p_mine = scoring.points_per_item(sheet, full_mine.items)
        p_theirs = scoring.points_per_item(sheet, full_theirs.items)
        for item in sheet.items:
            answer = full_mine.answers.get(item.key, "")
            if not answer:
                continue
            evaluator = full_theirs.answers.get(item.key, "")
            rows.append(Answer(
                assessment=assessment, item_key=item.key, area=placement[item.key][0].code,
                self_answer=answer, evaluator_answer=evaluator if evaluator != answer else "",
                self_points=p_mine.get(item.key), evaluator_points=p_theirs.get(item.key),
                evidence_count=1 if item.evidence and rng.random() < 0.7 else 0, version=1))
        assessment.self_total = scoring.rounded(full_mine.total)
        assessment.evaluator_total = scoring.rounded(full_theirs.total)
    Answer.objects.bulk_create(rows, batch_size=5000)
    Assessment.objects.bulk_update(assessments, ["self_total", "evaluator_total"],
                                   batch_size=1000)
    return len(rows)


def measure_scoring() -> tuple[float, int]:
    from prima.assessments import scoring, services
    from prima.assessments.models import Assessment

    assessments = list(Assessment.objects.select_related("worksheet")
                       .prefetch_related("answers"))
    began = time.perf_counter()
    for assessment in assessments:
        rows = list(assessment.answers.all())
        sheet = assessment.sheet
        scoring.score(sheet, services.answers_of(rows, "self"))
        scoring.score(sheet, services.answers_of(rows, "evaluator"))
    return time.perf_counter() - began, len(assessments)


def compare_prima():
    from prima.assessments import querysets
    from prima.assessments.models import Assessment

    return querysets.compare(Assessment.objects.all(), kind="rb", year=YEAR)


def compare_raw(keys: list[str]):
    """The peer: the same two reads as hand-written SQL (totals with last year's, then the
    per-area sums and evidence counts), rows fetched."""
    from django.db import connection

    placeholders = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, a.satker_id, a.year, a.self_total, a.evaluator_total, s.code, s.name "
            "FROM assessments_assessment a JOIN organisations_satker s ON s.id = a.satker_id "
            "WHERE a.kind = %s AND a.year IN (%s, %s) ORDER BY s.code", ["rb", YEAR - 1, YEAR])
        assessments = cursor.fetchall()
        ids = [row[0] for row in assessments if row[2] == YEAR]
        id_marks = ", ".join(["%s"] * len(ids))
        # Only "%s" placeholders are formatted into the text; every value is a parameter.
        sql = ("SELECT assessment_id, area, SUM(self_points), SUM(evaluator_points), "  # noqa: S608
               f"COUNT(CASE WHEN evidence_count > 0 AND item_key IN ({placeholders}) THEN 1 END) "
               f"FROM assessments_answer WHERE assessment_id IN ({id_marks}) "
               "GROUP BY assessment_id, area")
        cursor.execute(sql, [*keys, *ids])
        return assessments, cursor.fetchall()


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-assessments-"))
    try:
        env = environment(workdir, args.db, "prima_bench_assessments")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        django.setup()
        print(f"Fresh {args.db} database in {workdir}; migrating and seeding …", flush=True)
        call_command("migrate", verbosity=0)
        call_command("seed_satkers", verbosity=0)
        began = time.monotonic()
        answers = build()
        print(f"Built 553-satker PMPRB {YEAR}: {answers} answers in "
              f"{time.monotonic() - began:.1f} s", flush=True)

        seconds, n = measure_scoring()
        print(f"Scoring engine: {n} full worksheets × 2 sides in {seconds * 1000:.0f} ms "
              f"({seconds / n * 1000:.2f} ms per assessment)")

        from prima.assessments import querysets
        from prima.assessments import worksheet as ws

        keys = querysets.evidence_keys(ws.worksheet_for("rb", YEAR))
        compare_prima()
        compare_raw(keys)  # warm both
        with CaptureQueriesContext(connection) as queries:
            result = compare_prima()
        assert len(result.rows) == n, (len(result.rows), n)
        prima_times = timed(compare_prima, args.runs)
        raw_times = timed(lambda: compare_raw(keys), args.runs)
        p_prima = statistics.median(prima_times) * 1000
        p_raw = statistics.median(raw_times) * 1000
        print(f"{'comparison of 553 satkers':<40} {'p50 ms':>9} {'queries':>8}")
        print(f"{'Prima querysets.compare':<40} {p_prima:>9.1f} {len(queries):>8}")
        print(f"{'raw aggregate SQL (peer)':<40} {p_raw:>9.1f} {2:>8}")
        print(f"ratio Prima / raw SQL: {p_prima / p_raw:.2f}x (aim ≤ 1.5x)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
