#!/usr/bin/env python
"""Public pages under load, each beside the trivial page (``/sehat/``) in the same run.

Prepares a fresh database (SQLite under a temporary directory, or the PostgreSQL database
``prima_bench_pages``), migrates and loads the demo (the satker tree, Jepara's requests, DIP,
catalog with its TPS table, reform), starts gunicorn on 127.0.0.1 (2 workers with threads,
DEBUG off, rate limits off) and drives it with N concurrent keep-alive clients, one phase per
page, parameters drawn at random on every request (satkers, search words, filter values), so
nothing is answered from a cache warmed for the benchmark's own question:

- ``GET /sehat/`` — the baseline;
- ``GET /informasi/lacak/<number>/<secret>/`` — the private tracking page of requests submitted
  by the run;
- ``GET /informasi/register/?q=…`` — the public register;
- ``GET /satker/<code>/`` — a random satker's page (553 of them);
- ``GET /data/?q=…`` — catalog search with a random word;
- ``GET`` a published table's page with a random filter;
- ``POST /api/v1/informasi/permohonan`` — submissions.

Prints requests/s, p50 and p95 per page and its share of ``/sehat/``'s throughput, beside the
targets of issue 13 (each page ≥ 30 %, submissions ≥ 15 %). Usage:

    python bench/public_pages.py [--db sqlite|postgres] [--clients 50] [--seconds 15]
                                 [--only tracking,submissions]

``--only`` runs some phases (``tracking``, ``register``, ``satker``, ``search``, ``table``,
``submissions``) besides the baseline; the tracking page needs the submissions phase, which then
runs too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PYTHON, ROOT, environment, free_port, start_gunicorn, stop  # noqa: E402
from inforequests_load import (  # noqa: E402
    manage,
    run_phase,
    satker_codes,
    submission,
    unexpected_lines,
)

TARGETS = {"page": 0.30, "submission": 0.15}
PHASES = ("tracking", "register", "satker", "search", "table", "submissions")
WORDS = ["tps", "pemilu", "jepara", "dpt", "hasil", "suara", "anggaran", "kecamatan", "2024",
         "partisipasi", "daftar", "pemilih", "kabupaten", "informasi", "rekapitulasi"]


def shell(env, code: str) -> str:
    return subprocess.run(  # noqa: S603 - a fixed command
        [PYTHON, "manage.py", "shell", "--verbosity", "0", "-c", code], cwd=ROOT, env=env,
        check=True, capture_output=True, text=True).stdout


def table_pages(env) -> list[tuple[str, list[str]]]:
    """(URL of a published table's page, its text columns) for every published table."""
    out = shell(env, "\n".join([
        "import json",
        "from prima.catalog.models import Resource",
        "rows = []",
        "published = Resource.objects.filter(dataset__status='published',"
        " current_version__isnull=False)",
        "for r in published.select_related('dataset', 'current_version'):",
        "    cols = [c.get('name') for c in (r.current_version.schema or [])"
        " if c.get('type') in ('text', 'code')]",
        "    if cols:",
        "        rows.append([f'/data/{r.dataset.slug}/{r.slug}/', cols])",
        "print('TABLES' + json.dumps(rows))",
    ]))
    match = re.search(r"TABLES(.*)", out)
    return [tuple(row) for row in json.loads(match.group(1))] if match else []


def report(db: str, clients: int, seconds: int, phases: list, kinds: dict) -> str:
    base = phases[0]
    lines = [f"Prima public pages — {db}, {clients} concurrent clients, {seconds} s per page, "
             "gunicorn 2 workers (gthread)", "",
             f"{'page':<40} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
             f" {'÷ /sehat/':>10} {'target':>7}"]
    for phase in phases:
        share = phase.rate / base.rate if base.rate else 0.0
        target = TARGETS.get(kinds.get(phase.name, ""), None)
        verdict = "" if target is None else f"{target:.0%} {'ok' if share >= target else 'BELOW'}"
        lines.append(f"{phase.name:<40} {phase.count:>7} {phase.errors:>5} {phase.rate:>8.1f} "
                     f"{phase.p50:>8.1f} {phase.p95:>8.1f} {share:>10.2f} {verdict:>7}")
    lines += unexpected_lines(phases)
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=None,
                        help="random seed (default: a new one every run)")
    parser.add_argument("--only", default=",".join(PHASES),
                        help="comma-separated phases to run besides /sehat/ "
                             f"(default: all of {', '.join(PHASES)})")
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if only - set(PHASES):
        parser.error(f"unknown phases: {', '.join(sorted(only - set(PHASES)))}")
    if "tracking" in only:
        only.add("submissions")  # the tracking page tracks the requests submitted
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    rng = random.Random(seed)

    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-pages-"))
    server = None
    try:
        env = environment(workdir, args.db, "prima_bench_pages")
        print(f"Preparing a fresh {args.db} database with the demo in {workdir} (seed {seed}) …",
              flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "demo_data")
        codes = satker_codes(env)
        tables = table_pages(env) if "table" in only else []
        port = free_port()
        server = start_gunicorn(env, port, workers=args.workers, threads=args.threads,
                                timeout=30)
        print(f"gunicorn on 127.0.0.1:{port}; {len(codes)} satkers, {len(tables)} tables",
              flush=True)

        def phase(name, make, keep=None):
            return run_phase(name, port, args.clients, args.seconds, make, keep)

        phases, kinds = [phase("GET /sehat/ (trivial page)",
                               lambda i: ("GET", "/sehat/", None, {}))], {}
        created: list[tuple[str, str]] = []
        serial = itertools.count(1)

        def keep(payload: bytes) -> None:
            body = json.loads(payload)
            created.append((body["number_slug"], body["tracking_secret"]))

        submissions = None
        if "submissions" in only:
            submissions = phase("POST /api/v1/informasi/permohonan", lambda i: (
                "POST", "/api/v1/informasi/permohonan",
                submission(rng.choice(codes), next(serial)),
                {"Content-Type": "application/json"}), keep)
            kinds[submissions.name] = "submission"
        pages = [
            ("tracking", "GET /informasi/lacak/<no>/<secret>/", lambda i: (
                "GET", "/informasi/lacak/{}/{}/".format(*rng.choice(created)), None, {})),
            ("register", "GET /informasi/register/?q=…", lambda i: (
                "GET", f"/informasi/register/?q={rng.choice(WORDS)}", None, {})),
            ("satker", "GET /satker/<code>/",
             lambda i: ("GET", f"/satker/{rng.choice(codes)}/", None, {})),
            ("search", "GET /data/?q=…", lambda i: (
                "GET", f"/data/?q={rng.choice(WORDS)}+{rng.choice(WORDS)}", None, {})),
        ]
        if tables:
            def table(i):
                url, columns = rng.choice(tables)
                return ("GET", f"{url}?{rng.choice(columns)}__contains={rng.choice(WORDS)}",
                        None, {})
            pages.append(("table", "GET table page ?<col>__contains=…", table))
        for key, name, make in pages:
            if key not in only or (key == "tracking" and not created):
                continue
            result = phase(name, make)
            kinds[result.name] = "page"
            phases.append(result)
        if submissions is not None:
            phases.append(submissions)
        print()
        print(report(args.db, args.clients, args.seconds, phases, kinds))
        return 0
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
