#!/usr/bin/env python
"""Mixed load: citizens and officers at once, beside the trivial page through the same stack.

Prepares a fresh database (SQLite under a temporary directory, or the PostgreSQL database
``prima_bench_mixed``), migrates, collects static files and loads the demo (satker tree, KPU
Kabupaten Jepara with its people, published catalog datasets, information requests), starts
gunicorn on 127.0.0.1 (DEBUG off, rate limits off) and drives it with N concurrent keep-alive
clients (default 200):

1. ``GET /sehat/`` — the trivial page, the baseline, for ``--seconds``;
2. the mix, for ``--seconds``, each client picking its next request at random by weight:
   - citizens browsing data (40 %): the catalog search page, a dataset page, a table page and
     its ``.json`` twin with a filter;
   - citizens tracking a request (20 %): the private tracking page, or tracking through the API;
   - citizens submitting a request (10 %): ``POST /api/v1/informasi/permohonan``;
   - officers working their inbox (30 %): the information request inbox and a request's page,
     signed in (a session made for each officer, two-factor verified).

Prints requests/s, p50 and p95 of the trivial page, of the whole mix and of each kind, each
beside the trivial page's (ratio), then stops the server and removes the temporary directory:

    python bench/mixed_load.py [--db sqlite|postgres] [--clients 200] [--seconds 20]
"""

# Fixed command lines and scripts built here, never from outside input.
# ruff: noqa: S603
from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from harness import PYTHON, ROOT, environment, free_port, start_gunicorn, stop
from inforequests_load import Phase, manage, run_phase, submission, unexpected_lines

# Run in ``manage.py shell``: what the clients need, as one JSON line after the marker.
SETUP = r"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from prima.accounts.models import User
from prima.catalog.models import Resource
from prima.inforequests.models import InformationRequest

tables = []
for resource in Resource.objects.published().select_related("dataset"):
    table = resource.published_table()
    if table is not None:
        column = next((c["name"] for c in table.schema if c.get("type") in ("code", "text")),
                      None)
        tables.append({"dataset": resource.dataset.slug, "resource": resource.slug,
                       "column": column})
store = import_module(settings.SESSION_ENGINE).SessionStore
sessions = []
for user in User.objects.filter(memberships__is_active=True).distinct():
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench",
                                                 defaults={"confirmed": True})
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    sessions.append(session.session_key)
jepara = InformationRequest.objects.filter(satker__code="33.20")[:200]
requests = [r.number_slug for r in jepara]
print("@@BENCH@@" + json.dumps({"tables": tables, "sessions": sessions,
                                "requests": requests}))
"""


def setup_data(env) -> dict:
    run = subprocess.run([PYTHON, "manage.py", "shell", "--verbosity", "0", "-c", SETUP],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"preparing the clients' data failed:\n{run.stderr[-3000:]}")
    out = run.stdout
    line = next(line for line in out.splitlines() if line.startswith("@@BENCH@@"))
    return json.loads(line.removeprefix("@@BENCH@@"))


def request_once(port, method, path, body=None, headers=None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def officers_with_an_inbox(port, sessions, request_page) -> list[str]:
    """The sessions whose inbox and ``request_page`` answer 200 (officers handling them)."""
    return [key for key in sessions
            if all(request_once(port, "GET", path, headers={"Cookie": f"sessionid={key}"})[0]
                   == 200 for path in ("/staf/informasi/", request_page))]


def run_mixed(port, clients, seconds, mix) -> tuple[Phase, list[Phase]]:
    """``clients`` threads with one keep-alive connection each, until ``seconds`` pass; each
    request's kind drawn by weight from ``mix`` (``(weight, name, make_request)``), measured
    in the whole and per kind."""
    whole = Phase("mixed (all kinds)")
    kinds = {name: Phase(f"  {name}") for _weight, name, _make in mix}
    lock = threading.Lock()
    gate = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def pick(rng):
        draw, total = rng.random(), 0.0
        for weight, name, make in mix:
            total += weight
            if draw < total:
                return name, make
        return mix[-1][1], mix[-1][2]

    def client(index: int) -> None:
        rng = random.Random(index)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local: dict[str, Phase] = {name: Phase(name) for name in kinds}
        gate.wait()
        while time.monotonic() < stop_at[0]:
            name, make = pick(rng)
            method, path, body, headers = make(index)
            mine = local[name]
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException):
                mine.errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            took = time.perf_counter() - began
            mine.statuses[response.status] = mine.statuses.get(response.status, 0) + 1
            if 200 <= response.status < 300:
                mine.latencies.append(took)
            else:
                mine.errors += 1
                if not mine.first_error:
                    mine.first_error = f"{response.status} {path}: {payload[:200]!r}"
        conn.close()
        with lock:
            for name, phase in local.items():
                for target in (kinds[name], whole):
                    target.latencies.extend(phase.latencies)
                    target.errors += phase.errors
                    for status, n in phase.statuses.items():
                        target.statuses[status] = target.statuses.get(status, 0) + n
                    target.first_error = target.first_error or phase.first_error

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + seconds
    gate.wait()
    for thread in threads:
        thread.join(seconds + 120)
    elapsed = time.monotonic() - began
    for phase in (whole, *kinds.values()):
        phase.elapsed = elapsed
    return whole, list(kinds.values())


def report(db, clients, seconds, workers, threads, baseline, mix, kinds) -> str:
    lines = [
        f"Prima mixed load — {db}, {clients} concurrent clients, {seconds} s per phase, "
        f"gunicorn {workers} workers × {threads} threads (gthread), {os.cpu_count()} CPU",
        "",
        f"{'phase':<44} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'req/s ÷ base':>13} {'p95 ÷ base':>11}",
    ]
    rows = [baseline, mix, *kinds]
    for phase in rows:
        rate = phase.rate
        lines.append(
            f"{phase.name:<44} {phase.count:>7} {phase.errors:>5} {rate:>8.1f} "
            f"{phase.p50:>8.1f} {phase.p95:>8.1f} {rate / baseline.rate:>13.2f} "
            f"{phase.p95 / baseline.p95:>11.2f}")
    lines.append("")
    lines.append("Kinds share the mix's time: their req/s add up to the mix's.")
    lines += unexpected_lines(rows)
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="prima-bench-mixed-"))
    server = None
    try:
        env = environment(workdir, args.db, "prima_bench_mixed")
        print(f"Preparing a fresh {args.db} database with the demo in {workdir} …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "demo_data")
        data = setup_data(env)
        if not data["tables"]:
            raise SystemExit("the demo has no published table to browse")
        port = free_port()
        server = start_gunicorn(env, port, workers=args.workers, threads=args.threads,
                                timeout=60)
        rng = random.Random(1)
        serial = itertools.count(1)
        json_headers = {"Content-Type": "application/json"}
        tracked: list[tuple[str, str]] = []
        for _ in range(50):  # requests to track, made through the API like a citizen would
            status, body = request_once(port, "POST", "/api/v1/informasi/permohonan",
                                        submission("33.20", next(serial)), json_headers)
            if status == 201:
                answer = json.loads(body)
                tracked.append((answer["number_slug"], answer["tracking_secret"]))
        if not tracked:
            raise SystemExit("no submission succeeded; cannot measure tracking")
        inbox_requests = data["requests"] or [slug for slug, _secret in tracked]
        officers = officers_with_an_inbox(port, data["sessions"],
                                          f"/staf/informasi/{inbox_requests[0]}/")
        if not officers:
            raise SystemExit("no demo officer can open the inbox")
        print(f"gunicorn on 127.0.0.1:{port}; {len(data['tables'])} tables, {len(officers)} "
              f"officers, {len(tracked)} requests to track", flush=True)

        baseline = run_phase("GET /sehat/ (trivial page)", port, args.clients, args.seconds,
                             lambda i: ("GET", "/sehat/", None, {}))

        def browse(i):
            table = rng.choice(data["tables"])
            base = f"/data/{table['dataset']}/{table['resource']}"
            choice = rng.random()
            if choice < 0.25:
                return "GET", "/data/", None, {}
            if choice < 0.5:
                return "GET", f"/data/{table['dataset']}/", None, {}
            if choice < 0.75:
                return "GET", base + "/", None, {}
            return "GET", base + f".json?_size=50&_offset={rng.randrange(0, 200)}", None, {}

        def track(i):
            slug, secret = rng.choice(tracked)
            if rng.random() < 0.5:
                return "GET", f"/informasi/lacak/{slug}/{secret}/", None, {}
            return "GET", f"/api/v1/informasi/permohonan/{slug}?secret={secret}", None, {}

        def submit(i):
            return ("POST", "/api/v1/informasi/permohonan",
                    submission(rng.choice(["33.20", "33", "0"]), next(serial)), json_headers)

        def officer(i):
            cookie = {"Cookie": f"sessionid={officers[i % len(officers)]}"}
            if rng.random() < 0.6:
                return "GET", "/staf/informasi/", None, cookie
            return "GET", f"/staf/informasi/{rng.choice(inbox_requests)}/", None, cookie

        mix = [(0.4, "citizens browsing data", browse), (0.2, "citizens tracking", track),
               (0.1, "citizens submitting", submit), (0.3, "officers in their inbox", officer)]
        whole, kinds = run_mixed(port, args.clients, args.seconds, mix)
        print()
        print(report(args.db, args.clients, args.seconds, args.workers, args.threads, baseline,
                     whole, kinds))
        return 0
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
