"""What every benchmark here needs around its measurements: a free local port, a fresh
database (a SQLite file in the run's temporary directory, or a re-created PostgreSQL database),
the environment Prima runs with, and gunicorn started, awaited and stopped on 127.0.0.1."""

# Fixed command lines built here, never from outside input.
# ruff: noqa: S603
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres(database: str) -> str:
    """Drop and create ``database`` on the local server; returns its URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    return f"{POSTGRES_SERVER}/{database}"


def environment(workdir: Path, db: str, database: str) -> dict[str, str]:
    """Prima's environment for a run: production-like (``DEBUG=0``, no rate limits so the
    load is not answered with 429), files under ``workdir``, and the database ``database``
    (a SQLite file of that name in ``workdir``, or a fresh PostgreSQL database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRIMA_", "DATABASE_"))}
    env.update({
        "PRIMA_ENV": "development", "DEBUG": "0", "PRIMA_TESTING": "0",
        "PRIMA_RATELIMIT_ENABLE": "0", "PRIMA_DATA_DIR": str(workdir),
        "PRIMA_STATIC_ROOT": str(workdir / "static"), "PRIMA_MEDIA_ROOT": str(workdir / "media"),
        "PRIMA_LOG_LEVEL": "ERROR", "DJANGO_SETTINGS_MODULE": "prima.settings",
        "DATABASE_URL": (f"sqlite:///{workdir / f'{database}.sqlite3'}" if db == "sqlite"
                         else fresh_postgres(database)),
    })
    return env


def wait_http(port: int, path: str, server: subprocess.Popen, seconds: int = 60) -> None:
    """Until ``GET path`` answers 200 (stops the server and exits when it does not)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server on port {port} exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise SystemExit(f"no answer to {path} on port {port} within {seconds} s")


def start_gunicorn(env: dict, port: int, *, workers: int = 2, threads: int = 4,
                   timeout: int = 120) -> subprocess.Popen:
    """Prima under gunicorn (``gthread``) on 127.0.0.1:``port``, once it answers /sehat/."""
    gunicorn = Path(PYTHON).with_name("gunicorn")
    command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "prima.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads",
               str(threads), "--worker-class", "gthread", "--keep-alive", "30",
               "--timeout", str(timeout), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    wait_http(port, "/sehat/", server)
    return server


def stop(server: subprocess.Popen | None) -> None:
    """Stop a server started in its own session (and its workers)."""
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
