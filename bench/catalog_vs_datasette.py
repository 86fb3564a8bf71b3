#!/usr/bin/env python
"""The open data catalog against Datasette, on the same ~750,000-row TPS results table.

1. generates the table with ``bench/tps_generate.py`` (deterministic) as CSV;
2. prepares a fresh SQLite database for Prima (migrate, collectstatic), creates a published
   dataset with the CSV as its resource and times the real ingestion (``ingest_version``:
   encoding and delimiter detection over the whole file, type inference, Parquet);
3. builds a SQLite file for Datasette (``sqlite3``; an index on every column, ANALYZE)
   and starts ``datasette serve`` on a free 127.0.0.1 port (time limits raised so no query is
   cut short, CSV streaming unlimited);
4. starts Prima with gunicorn (``prima.wsgi``, 2 gthread workers) on a free port;
5. measures, one client, sequential keep-alive requests, p50/p95 of operations whose columns,
   values, sort keys and metrics are drawn at random on every run (``--seed`` repeats a run;
   the seed is printed): text columns for equality filters, facets and groups, number columns
   for sort keys, ranges and sums, values from random rows:
   - a filtered page of 50 rows with its total (text column = value),
   - a top-50 page within such a filter, sorted by a number column descending, with its total,
   - a filtered count (text column = value and number column > a value),
   - a facet count with the total within a filter (another text column),
   - a group-by sum within a filter (another text column, a number column),
   - a facet count over the whole table (text column x facet size),
   - a group-by sum over the whole table (text column x 1-4 number columns),
   - a national aggregation (sums per province, over sets of summed columns),
   - the full CSV export of one (random) province,
   through Prima's HTTP endpoints (the table's lean ``.json`` twin with ``_facet`` /
   ``_group_by`` + ``_metric``, the streamed ``ekspor.csv``) and Datasette's (``.json``,
   ``_facet``, ``_sort_desc``, ``?sql=``, ``.csv?_stream=on``; its SQLite has an index on
   every column and ANALYZE statistics), and the same operations as in-process engine
   calls. COLD figures: every measured request has parameters not asked before, so Prima's
   per-version results cache cannot answer it; ``--rounds`` rounds (default 3) on fresh
   parameters, the best round reported with the spread. WARM figures, labelled as such: one
   URL asked again and again (Prima's results cache);
6. measures the peak RSS of a full national CSV export in a fresh process (/proc/self/status);
7. prints the table with ratios, stops both servers and removes the temporary directory.

    .venv/bin/python bench/catalog_vs_datasette.py                # 750,000 rows
    .venv/bin/python bench/catalog_vs_datasette.py --rows 100000 --repeat 10
"""

# A benchmark script: it runs its own servers and its own fixed SQL over its own files.
# ruff: noqa: S603, S608
from __future__ import annotations

import argparse
import csv
import http.client
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tps_generate  # noqa: E402
from harness import environment, free_port, start_gunicorn, stop, wait_http  # noqa: E402

INTEGER_COLUMNS = {"dpt", "suara_paslon_1", "suara_paslon_2", "suara_paslon_3", "suara_sah",
                   "suara_tidak_sah"}
# Every column may be filtered, sorted, faceted or summed: Datasette gets an index on each.
INDEXED = list(tps_generate.COLUMNS)
TEXT_COLUMNS = [c for c in tps_generate.COLUMNS if c not in INTEGER_COLUMNS]
NUMBER_COLUMNS = [c for c in tps_generate.COLUMNS if c in INTEGER_COLUMNS]


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def create_dataset(csv_path: Path):
    """A published dataset of KPU RI with the CSV as a tabular resource; returns the version
    (not yet ingested)."""
    import hashlib

    from django.core.files import File
    from django.utils import timezone

    from prima.accounts.models import User
    from prima.catalog.models import Dataset, Resource, ResourceVersion
    from prima.organisations.models import Satker

    satker = Satker.objects.filter(code="0").first() or Satker.objects.create(
        code="0", name="KPU Republik Indonesia", level="pusat")
    user = User.objects.create_user(email="bench@example.org", password=None)
    dataset = Dataset.objects.create(satker=satker, slug="hasil-tps", title="Hasil TPS",
                                     description="Bench", created_by=user, status="published",
                                     published_at=timezone.now())
    resource = Resource.objects.create(dataset=dataset, slug="tps", name="Hasil per TPS",
                                       kind="file", format="CSV", is_tabular=True)
    digest = hashlib.sha256()
    with csv_path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    version = ResourceVersion(resource=resource, number=1, original_name="tps.csv",
                              sha256=digest.hexdigest(), size=csv_path.stat().st_size,
                              created_by=user)
    with csv_path.open("rb") as fh:
        version.original.save("tps.csv", File(fh), save=False)
    version.save()
    return version


def publish(version) -> None:
    from django.utils import timezone

    type(version).objects.filter(pk=version.pk).update(status="published",
                                                       published_at=timezone.now())
    version.resource.current_version = version
    version.resource.save(update_fields=["current_version"])
    version.refresh_from_db()


def build_sqlite(csv_path: Path, db_path: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(db_path)
    columns = ", ".join(f"[{c}] {'INTEGER' if c in INTEGER_COLUMNS else 'TEXT'}"
                        for c in tps_generate.COLUMNS)
    conn.execute(f"CREATE TABLE tps ({columns})")
    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        conn.executemany(f"INSERT INTO tps VALUES ({', '.join('?' * 15)})",
                         ([int(v) if c in INTEGER_COLUMNS else v
                           for c, v in zip(tps_generate.COLUMNS, row, strict=True)]
                          for row in reader))
    for column in INDEXED:
        conn.execute(f"CREATE INDEX tps_{column} ON tps ([{column}])")
    conn.execute("ANALYZE")  # statistics for SQLite's planner to choose among the indexes
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def start_datasette(db_path: Path, port: int) -> subprocess.Popen:
    datasette = Path(PYTHON).with_name("datasette")
    command = [str(datasette), "serve", str(db_path), "--host", "127.0.0.1", "--port", str(port),
               "--setting", "sql_time_limit_ms", "120000",
               "--setting", "facet_time_limit_ms", "120000",
               "--setting", "max_returned_rows", "1000",
               "--setting", "max_csv_mb", "0",
               "--setting", "num_sql_threads", "3",
               "--setting", "suggest_facets", "off"]
    server = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(port, "/-/versions.json", server)
    return server


class Client:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str) -> tuple[float, int, bytes]:
        started = time.perf_counter()
        try:
            self.conn.request("GET", path)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            self.conn.request("GET", path)
            response = self.conn.getresponse()
        size = 0
        body = b""
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if len(body) < 4096:
                body += chunk[:4096]
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"GET {path} on :{self.port} answered {response.status}: "
                             f"{body[:300]!r}")
        return elapsed, size, body


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(function, arguments: list, warmup: int = 1) -> tuple[float, float]:
    for argument in arguments[:warmup]:
        function(argument)
    samples = []
    for argument in arguments:
        started = time.perf_counter()
        function(argument)
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def q(params: list[tuple[str, str]]) -> str:
    return urllib.parse.urlencode(params)


def rss_probe(version_id: int) -> None:
    """Run in a fresh process: export the whole table as CSV, sampling VmRSS."""
    import django

    django.setup()
    from prima.catalog.engine.export import stream_export
    from prima.catalog.engine.query import Query
    from prima.catalog.models import ResourceVersion

    def rss() -> int:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    version = ResourceVersion.objects.get(pk=version_id)
    baseline, size, samples = rss(), 0, []
    started = time.perf_counter()
    fmt = os.environ.get("BENCH_FORMAT", "csv")
    for n, chunk in enumerate(stream_export(version, Query(), fmt)):
        size += len(chunk)
        if n % 4 == 0:
            samples.append(rss())
    samples.append(rss())
    quarters = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)]
    print(json.dumps({"baseline": baseline, "peak": max(samples), "bytes": size,
                      "quarters": quarters, "seconds": time.perf_counter() - started}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None, help="default: the national ~750k")
    parser.add_argument("--repeat", type=int, default=30,
                        help="requests per fast operation and round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="measurement rounds (best and spread are reported)")
    parser.add_argument("--export-repeat", type=int, default=3, help="exports per round")
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres",
                        help="Prima's own database (catalog metadata, usage counters): the "
                             "production PostgreSQL (postgres@127.0.0.1:5432, database "
                             "prima_bench_catalog, re-created) or the embedded SQLite")
    parser.add_argument("--seed", type=int, default=None,
                        help="repeat a run's draws of columns, values and sort keys (default: "
                             "a fresh seed from the system's random source, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--rss-probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return 0

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {seed} (repeat these draws with --seed {seed})", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="prima-catalog-bench-"))
    datasette = prima = None
    try:
        csv_path = workdir / "tps.csv"
        started = time.perf_counter()
        rows = tps_generate.generate(csv_path, rows=args.rows)
        print(f"generated {rows} rows, {csv_path.stat().st_size / 2**20:.1f} MB in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        env = environment(workdir, args.db, "prima_bench_catalog")
        setup_django(env)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        version = create_dataset(csv_path)
        from prima.catalog.engine.ingest import ingest_version

        started = time.perf_counter()
        ingest_version(version.pk)
        ingest_seconds = time.perf_counter() - started
        version.refresh_from_db()
        if version.status != "review":
            raise SystemExit(f"ingestion failed: {version.problems[:3]}")
        codes = [c["name"] for c in version.schema if c["is_code"]]
        print(f"Prima ingestion: {ingest_seconds:.2f} s ({version.row_count} rows; code "
              f"columns kept as text: {', '.join(codes)})", flush=True)
        from prima.catalog.engine import rollup
        from prima.catalog.engine.safety import parquet_location as _location

        levels = rollup.rollups_for(_location(version)).levels
        print("Prima rollups (aggregate indexes built during that ingestion): "
              + "; ".join(f"{level.rows} groups of {', '.join(sorted(level.dims))}"
                          for level in levels), flush=True)
        publish(version)
        db_path = workdir / "tps.db"
        sqlite_seconds = build_sqlite(csv_path, db_path)
        print(f"SQLite for Datasette (load + {len(INDEXED)} indexes + ANALYZE): "
              f"{sqlite_seconds:.2f} s", flush=True)

        ds_port, prima_port = free_port(), free_port()
        datasette = start_datasette(db_path, ds_port)
        prima = start_gunicorn(env, prima_port, workers=2, threads=4, timeout=300)
        ds, pr = Client(ds_port), Client(prima_port)

        import duckdb

        from prima.catalog.engine.export import stream_export
        from prima.catalog.engine.query import (
            Filter,
            Query,
            aggregate,
            count_rows,
            facet_counts,
            run_query,
        )
        from prima.catalog.engine.safety import parquet_location

        conn = duckdb.connect()
        path = parquet_location(version)
        provinces = [r[0] for r in conn.execute(
            f"SELECT DISTINCT kode_provinsi FROM read_parquet('{path}') ORDER BY 1").fetchall()]
        per_op = args.repeat * args.rounds + 1  # one warm-up argument, never measured
        rng = random.Random(seed)
        # Values are drawn from random rows (so a value's chance follows its frequency: a
        # province as often as its rows, a desa rarely); one query of 2,000 random row numbers
        # per operation, read from the Parquet file outside any timing.
        sample_rows = conn.execute(
            f"SELECT * FROM read_parquet('{path}') WHERE __row IN "
            f"(SELECT unnest(?::BIGINT[]))", [[rng.randrange(1, version.row_count + 1)
                                               for _n in range(per_op * 8)]]).fetchall()
        sample_names = [d[0] for d in conn.description]
        conn.close()
        samples = [dict(zip(sample_names, row, strict=True)) for row in sample_rows]
        rng.shuffle(samples)
        draw_row = itertools.cycle(samples).__next__
        texts, numbers = TEXT_COLUMNS, NUMBER_COLUMNS

        def args_for(make) -> list:
            """``per_op`` arguments, each drawn afresh (a duplicate is drawn again: cold)."""
            out, seen = [], set()
            for _attempt in range(per_op * 50):
                arg = make()
                if repr(arg) not in seen:
                    seen.add(repr(arg))
                    out.append(arg)
                if len(out) == per_op:
                    break
            return (out * (per_op // len(out) + 1))[:per_op]

        def eq() -> tuple[str, str]:
            column = rng.choice(texts)
            return column, draw_row()[column]

        def page_arg():
            return eq()

        def topk_arg():
            return (*eq(), rng.choice(numbers))

        def count_arg():
            column, value = eq()
            number = rng.choice(numbers)
            return column, value, number, draw_row()[number]

        def facet_in_arg():
            column, value = eq()
            return column, value, rng.choice([t for t in texts if t != column])

        def group_in_arg():
            column, value = eq()
            return (column, value, rng.choice([t for t in texts if t != column]),
                    rng.choice(numbers))

        def whole_facet_arg():
            return rng.choice(texts), rng.choice([10, 20, 30, 50, 100])

        def whole_group_arg():
            return rng.choice(texts), tuple(sorted(rng.sample(numbers, rng.randint(1, 4))))

        def national_arg():
            return (rng.choice(["provinsi", "kode_provinsi"]),
                    tuple(sorted(rng.sample(numbers, rng.randint(1, 5)))))

        def sums_sql(group: str, combo, where: str = "") -> str:
            return (f"SELECT {group}, " + ", ".join(f"sum({c}) AS sum_{c}" for c in combo)
                    + f" FROM tps{where} GROUP BY {group} ORDER BY {group} LIMIT 1000")

        base = "/data/hasil-tps/tps"
        province = rng.choice(provinces)

        # (name, arguments, Prima .json, Datasette, in-process engine)
        ops = [
            ("filtered page of 50 rows (+ total)", args_for(page_arg),
             lambda a: pr.get(f"{base}.json?" + q([(f"{a[0]}__eq", a[1]), ("_size", "50")])),
             lambda a: ds.get("/tps/tps.json?" + q([(a[0], a[1]), ("_size", "50"),
                                                    ("_shape", "objects")])),
             lambda a: run_query(version, Query(filters=[Filter(a[0], "eq", a[1])]))),
            ("top-50 page by a number, desc (+ total)", args_for(topk_arg),
             lambda a: pr.get(f"{base}.json?" + q([(f"{a[0]}__eq", a[1]), ("_sort_desc", a[2]),
                                                   ("_size", "50")])),
             lambda a: ds.get("/tps/tps.json?" + q([(a[0], a[1]), ("_sort_desc", a[2]),
                                                    ("_size", "50"), ("_shape", "objects")])),
             lambda a: run_query(version, Query(filters=[Filter(a[0], "eq", a[1])],
                                                sort=[(a[2], True)]))),
            ("filtered count (text = v and number > x)", args_for(count_arg),
             lambda a: pr.get(f"{base}.json?" + q([(f"{a[0]}__eq", a[1]),
                                                   (f"{a[2]}__gt", str(a[3])),
                                                   ("_size", "0")])),
             lambda a: ds.get("/tps/tps.json?" + q([(a[0], a[1]), (f"{a[2]}__gt", str(a[3])),
                                                    ("_size", "0")])),
             lambda a: count_rows(version, Query(filters=[Filter(a[0], "eq", a[1]),
                                                          Filter(a[2], "gt", str(a[3]))]))),
            ("facet count within a filter (+ total)", args_for(facet_in_arg),
             lambda a: pr.get(f"{base}.json?" + q([(f"{a[0]}__eq", a[1]), ("_facet", a[2])])),
             lambda a: ds.get("/tps/tps.json?" + q([(a[0], a[1]), ("_facet", a[2]),
                                                    ("_size", "0")])),
             lambda a: (count_rows(version, Query(filters=[Filter(a[0], "eq", a[1])])),
                        facet_counts(version, Query(filters=[Filter(a[0], "eq", a[1])]),
                                     [a[2]]))),
            ("group-by sum within a filter", args_for(group_in_arg),
             lambda a: pr.get(f"{base}.json?" + q([(f"{a[0]}__eq", a[1]), ("_group_by", a[2]),
                                                   ("_metric", f"sum:{a[3]}"),
                                                   ("_size", "1000"), ("_nocount", "1")])),
             lambda a: ds.get("/tps.json?" + q([("sql", sums_sql(a[2], [a[3]],
                                                                 f" WHERE {a[0]} = :p")),
                                                ("p", a[1]), ("_shape", "array")])),
             lambda a: aggregate(version, Query(filters=[Filter(a[0], "eq", a[1])],
                                                limit=1000), [a[2]], [("sum", a[3])],
                                 with_total=False)),
            ("facet count, whole table (+ total)", args_for(whole_facet_arg),
             lambda a: pr.get(f"{base}.json?" + q([("_facet", a[0]),
                                                   ("_facet_size", str(a[1]))])),
             lambda a: ds.get("/tps/tps.json?" + q([("_facet", a[0]), ("_facet_size", str(a[1])),
                                                    ("_size", "0")])),
             lambda a: facet_counts(version, Query(), [a[0]], limit=a[1])),
            ("group-by sums, whole table", args_for(whole_group_arg),
             lambda a: pr.get(f"{base}.json?" + q([("_group_by", a[0]), ("_size", "1000"),
                                                   ("_nocount", "1")]
                                                  + [("_metric", f"sum:{c}") for c in a[1]])),
             lambda a: ds.get("/tps.json?" + q([("sql", sums_sql(*a)), ("_shape", "array")])),
             lambda a: aggregate(version, Query(limit=1000), [a[0]],
                                 [("sum", c) for c in a[1]], with_total=False)),
            ("national aggregation (sums per province)", args_for(national_arg),
             lambda a: pr.get(f"{base}.json?" + q([("_group_by", a[0]), ("_size", "1000"),
                                                   ("_nocount", "1")]
                                                  + [("_metric", f"sum:{c}") for c in a[1]])),
             lambda a: ds.get("/tps.json?" + q([("sql", sums_sql(*a)), ("_shape", "array")])),
             lambda a: aggregate(version, Query(limit=1000), [a[0]],
                                 [("sum", c) for c in a[1]], with_total=False)),
        ]
        export_op = (
            f"CSV export of province {province}", [province] * (args.export_repeat + 1),
            lambda p: pr.get(f"{base}/ekspor.csv?" + q([("kode_provinsi__eq", p)])),
            lambda p: ds.get("/tps/tps.csv?" + q([("kode_provinsi", p), ("_stream", "on"),
                                                  ("_size", "max")])),
            lambda p: sum(len(c) for c in stream_export(
                version, Query(filters=[Filter("kode_provinsi", "eq", p)]), "csv")))

        def rounds(function, arguments: list, size: int = args.repeat
                   ) -> list[tuple[float, float]]:
            """Warm up on arguments[0], then ``args.rounds`` rounds of ``size`` fresh
            arguments."""
            function(arguments[0])
            out = []
            for n in range(args.rounds):
                chunk = arguments[1 + n * size: 1 + (n + 1) * size]
                out.append(measure(function, chunk, warmup=0))
            return out

        results = []
        for name, arguments, ours, theirs, engine in ops:
            cold = rounds(ours, arguments)
            ds_cold = rounds(theirs, arguments)
            engine_cold = rounds(engine, arguments)
            # Warm: one URL asked again and again (Prima answers from its results cache;
            # Datasette from SQLite's page cache). Keep-alive keeps the client on one worker.
            same = [arguments[0]] * args.repeat
            warm = measure(ours, same, warmup=3)
            ds_warm = measure(theirs, same, warmup=3)
            results.append((name, cold, ds_cold, engine_cold, warm, ds_warm))
            print(f"  measured: {name}", flush=True)
        name, arguments, ours, theirs, engine = export_op
        arguments = arguments[:1] + arguments[1:] * args.rounds
        export_results = (name, rounds(ours, arguments, args.export_repeat),
                          rounds(theirs, arguments, args.export_repeat),
                          rounds(engine, arguments, args.export_repeat))
        print(f"  measured: {name}", flush=True)
        # Same bytes? Compare the province export sizes.
        _t, ours_size, _b = pr.get(f"{base}/ekspor.csv?" + q([("kode_provinsi__eq", province)]))
        _t, ds_size, _b = ds.get("/tps/tps.csv?" + q([("kode_provinsi", province),
                                                      ("_stream", "on"), ("_size", "max")]))
        probe_env = dict(env)
        probe = subprocess.run([PYTHON, __file__, "--rss-probe", str(version.pk)], cwd=ROOT,
                               env=probe_env, capture_output=True, text=True, check=True)
        memory = json.loads(probe.stdout.strip().splitlines()[-1])

        def best(samples: list[tuple[float, float]]) -> tuple[float, float, float, float]:
            """(best p50, its p95, worst p50, worst p95) over the rounds."""
            p50s = [p50 for p50, _p95 in samples]
            top = samples[p50s.index(min(p50s))]
            return top[0], top[1], max(p50s), max(p95 for _p50, p95 in samples)

        print()
        print(f"Catalog vs Datasette {_version('datasette')} — {version.row_count} rows, "
              f"{os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}; one client, sequential "
              f"keep-alive requests; ms; seed {seed}")
        print(f"Prima = gunicorn 2 gthread workers (prima.wsgi), database {args.db}, the "
              "table's .json twin and ekspor.csv; Datasette = its .json / ?sql= / "
              ".csv?_stream=on.")
        print(f"COLD: every request has parameters not asked before (columns, values, sort "
              f"keys and metrics drawn at random from every text / number column), so no "
              f"result cache helps; {args.rounds} rounds x {args.repeat} requests, best "
              f"round's p50/p95, spread = worst round's p50.")
        header = (f"{'operation (cold)':44} {'Prima p50':>9} {'p95':>6} {'Datasette p50':>13} "
                  f"{'p95':>7} {'ratio':>7} {'spread Prima':>13} {'spread DS':>10} "
                  f"{'engine p50':>10}")
        print(header)
        print("-" * len(header))
        for name, cold, ds_cold, engine_cold, _warm, _ds_warm in [
                *results, (*export_results, None, None)]:
            p50, p95, worst, _w95 = best(cold)
            d50, d95, dworst, _d = best(ds_cold)
            e50, _e95, _e, _e2 = best(engine_cold)
            print(f"{name:44} {p50:9.1f} {p95:6.1f} {d50:13.1f} {d95:7.1f} {d50 / p50:6.1f}x "
                  f"{p50:6.1f}-{worst:<6.1f} {d50:5.1f}-{dworst:<6.1f} {e50:8.1f}")
        print()
        print("WARM: the same URL again and again (Prima: its per-version results cache; "
              "Datasette: no result cache, SQLite pages in memory)")
        header = (f"{'operation (warm, same URL)':44} {'Prima p50':>9} {'p95':>6} "
                  f"{'Datasette p50':>13} {'p95':>7} {'ratio':>7}")
        print(header)
        print("-" * len(header))
        for name, _cold, _ds_cold, _engine, warm, ds_warm in results:
            print(f"{name:44} {warm[0]:9.1f} {warm[1]:6.1f} {ds_warm[0]:13.1f} {ds_warm[1]:7.1f} "
                  f"{ds_warm[0] / warm[0]:6.1f}x")
        print()
        print(f"ingestion of the {csv_path.stat().st_size / 2**20:.0f} MB CSV: "
              f"{ingest_seconds:.2f} s (target < 15 s); SQLite build for Datasette: "
              f"{sqlite_seconds:.2f} s")
        print(f"province {province} CSV: Prima {ours_size / 2**20:.1f} MB, Datasette "
              f"{ds_size / 2**20:.1f} MB")
        print(f"full national CSV export in a fresh process: {memory['bytes'] / 2**20:.0f} MB "
              f"in {memory['seconds']:.1f} s; RSS {memory['baseline'] / 2**20:.0f} MB before, "
              f"peak {memory['peak'] / 2**20:.0f} MB during; at 25/50/75/100 % of the "
              f"export: {' / '.join(str(round(q / 2**20)) for q in memory['quarters'])} MB")
        return 0
    finally:
        stop(prima)
        stop(datasette)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}")


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    raise SystemExit(main())
