#!/usr/bin/env python
"""Load benchmark of the information request service beside the trivial page.

Prepares a fresh database (SQLite under a temporary directory, or the PostgreSQL database
``prima_bench``, dropped and re-created), migrates, collects static files, seeds the satker
tree, starts gunicorn on 127.0.0.1 (2 workers with threads, DEBUG off, rate limits off) and
drives it with N concurrent keep-alive clients, each phase for a fixed time:

1. ``GET /sehat/`` — the trivial page, the baseline;
2. ``POST /api/v1/informasi/permohonan`` — submissions (a real registration: gapless number,
   deadline, audit, timeline event, receipt email into the outbox);
3. ``GET /informasi/lacak/<number>/<secret>/`` — the private tracking page of the requests
   created in phase 2;
4. ``GET /api/v1/informasi/permohonan/<number>?secret=`` — tracking through the JSON API.

Prints requests/s, p50 and p95 per phase and each beside the trivial page's (ratio), then stops
the server and removes the temporary directory. Usage:

    python bench/inforequests_load.py [--db sqlite|postgres] [--clients 50] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import PYTHON, ROOT, environment, free_port, start_gunicorn, stop

CODE_RE = re.compile(r"\d+(\.\d+)*")


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    first_error: str = ""

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(95)


def manage(env, *args) -> None:
    # Fixed argument lists built here, never from outside input.
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL)


def run_phase(name, port, clients, seconds, make_request, on_response=None) -> Phase:
    """``clients`` threads with one keep-alive connection each, until ``seconds`` pass."""
    phase = Phase(name)
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local_latencies, local_errors, local_status = [], 0, {}
        start_gate.wait()
        while time.monotonic() < stop_at[0]:
            method, path, body, headers = make_request(index)
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                took = time.perf_counter() - began
            except (OSError, http.client.HTTPException):
                local_errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            local_status[response.status] = local_status.get(response.status, 0) + 1
            if 200 <= response.status < 300:
                local_latencies.append(took)
                if on_response is not None:
                    on_response(payload)
            else:
                local_errors += 1
                if not phase.first_error:
                    phase.first_error = f"{response.status} {path}: {payload[:300]!r}"
        conn.close()
        with lock:
            phase.latencies.extend(local_latencies)
            phase.errors += local_errors
            for status, n in local_status.items():
                phase.statuses[status] = phase.statuses.get(status, 0) + n

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + seconds
    start_gate.wait()
    for thread in threads:
        thread.join(seconds + 120)
    phase.elapsed = time.monotonic() - began
    return phase


def satker_codes(env) -> list[str]:
    out = subprocess.run(  # noqa: S603 - a fixed command
        [PYTHON, "manage.py", "shell", "--verbosity", "0", "-c",
         "from prima.organisations.models import Satker;"
         "print('\\n'.join(Satker.objects.values_list('code', flat=True)))"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    # Only lines that look like a region code ("0", "33", "33.20"), whatever else is printed.
    return [line.strip() for line in out.splitlines() if CODE_RE.fullmatch(line.strip())]


def submission(code: str, n: int) -> bytes:
    return json.dumps({
        "satker_code": code, "requester_kind": "individual", "full_name": f"Pemohon Uji {n}",
        "nik": f"3320{n:012d}"[:16], "address": "Jl. Kartini No. 5, Kauman, Jepara",
        "phone": "081234567890", "email": f"pemohon{n}@contoh.id", "occupation": "Peneliti",
        "information_requested": "Salinan SK penetapan DPT Pemilu 2024",
        "purpose": "Bahan penelitian", "obtain_method": "copy", "copy_form": "soft",
        "delivery_method": "download",
    }).encode()


def report(db: str, clients: int, seconds: int, phases: list[Phase]) -> str:
    base = phases[0]
    lines = [
        f"Prima information requests — {db}, {clients} concurrent clients, {seconds} s per "
        f"phase, gunicorn 2 workers (gthread), {os.cpu_count()} CPU",
        "",
        f"{'phase':<34} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'req/s ÷ base':>13} {'p95 ÷ base':>11}",
    ]
    for phase in phases:
        lines.append(
            f"{phase.name:<34} {phase.count:>7} {phase.errors:>5} {phase.rate:>8.1f} "
            f"{phase.p50:>8.1f} {phase.p95:>8.1f} {phase.rate / base.rate:>13.2f} "
            f"{phase.p95 / base.p95:>11.2f}")
    lines += unexpected_lines(phases)
    return "\n".join(lines)


def unexpected_lines(phases) -> list[str]:
    """One line per phase that got answers other than 2xx, with the first of them."""
    lines = []
    for phase in phases:
        unexpected = {s: n for s, n in phase.statuses.items() if not 200 <= s < 300}
        if unexpected:
            lines.append(f"  {phase.name}: non-2xx responses {unexpected}; first: "
                         f"{phase.first_error}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-"))
    server = None
    try:
        env = environment(workdir, args.db, "prima_bench")
        print(f"Preparing a fresh {args.db} database in {workdir} …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "seed_satkers")
        codes = satker_codes(env)
        port = free_port()
        server = start_gunicorn(env, port, workers=args.workers, threads=args.threads, timeout=30)
        print(f"gunicorn on 127.0.0.1:{port}; {len(codes)} satkers", flush=True)

        health = run_phase("GET /sehat/ (trivial page)", port, args.clients, args.seconds,
                           lambda i: ("GET", "/sehat/", None, {}))

        created: list[tuple[str, str]] = []
        serial = itertools.count(1)
        rng = random.Random(1)
        json_headers = {"Content-Type": "application/json"}

        def submit(i):
            return ("POST", "/api/v1/informasi/permohonan",
                    submission(rng.choice(codes), next(serial)), json_headers)

        def keep(payload: bytes) -> None:
            body = json.loads(payload)
            created.append((body["number_slug"], body["tracking_secret"]))

        submissions = run_phase("POST /api/v1/informasi/permohonan", port, args.clients,
                                args.seconds, submit, keep)
        if not created:
            raise SystemExit("no submission succeeded; cannot measure tracking")

        def track_page(i):
            slug, secret = created[rng.randrange(len(created))]
            return "GET", f"/informasi/lacak/{slug}/{secret}/", None, {}

        def track_api(i):
            slug, secret = created[rng.randrange(len(created))]
            return "GET", f"/api/v1/informasi/permohonan/{slug}?secret={secret}", None, {}

        tracking = run_phase("GET /informasi/lacak/<no>/<secret>/", port, args.clients,
                             args.seconds, track_page)
        tracking_api = run_phase("GET /api/v1/…/permohonan/<no>", port, args.clients,
                                 args.seconds, track_api)
        print()
        print(report(args.db, args.clients, args.seconds,
                     [health, submissions, tracking, tracking_api]))
        return 0
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
