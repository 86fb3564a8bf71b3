"""Fault tests run against a PostgreSQL cluster of their own (restarted by the tests: never the
shared server), a gunicorn node and Prima workers as separate processes."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import servers

SEED = """
from prima.organisations.tests.factories import build_small_tree
build_small_tree()
"""


@pytest.fixture(scope="session")
def fault_postgres():
    pg = servers.Postgres()
    pg.start()
    static = Path(tempfile.mkdtemp(prefix="prima-ops-static-"))
    env = servers.prima_env(PRIMA_STATIC_ROOT=static, PRIMA_DATA_DIR=static / "setup",
                            DATABASE_URL=pg.create_database("prima_faults_template"))
    servers.manage(env, "collectstatic", "--noinput", "-v", "0")
    # Migrated and seeded once; each test gets a copy.
    servers.manage(env, "migrate", "--noinput", "-v", "0")
    servers.manage(env, "shell", "-c", SEED)
    try:
        yield SimpleNamespace(pg=pg, static=static, template="prima_faults_template")
    finally:
        pg.destroy()


@pytest.fixture
def site(fault_postgres, tmp_path):
    """A migrated, seeded database on the tests' own PostgreSQL; ``site.node()`` and
    ``site.worker()`` start processes on it (stopped at the end)."""
    name = f"prima_faults_{tmp_path.name[-12:].replace('-', '_')}".lower()
    database = fault_postgres.pg.create_database(name, template=fault_postgres.template)
    started = []

    def env(label: str, **extra):
        # One machine: the processes share the file storage directory.
        return servers.prima_env(DATABASE_URL=database, PRIMA_DATA_DIR=tmp_path / label,
                                 PRIMA_MEDIA_ROOT=tmp_path / "media",
                                 PRIMA_STATIC_ROOT=fault_postgres.static, **extra)


    def node(label: str = "node", **extra):
        proc, url = servers.start_gunicorn(env(label, **extra), label, tmp_path)
        started.append(proc)
        return SimpleNamespace(proc=proc, url=url)

    def worker(label: str = "worker", *args, **extra):
        proc = servers.start_worker(env(label, **extra), label, tmp_path, *args)
        started.append(proc)
        return proc

    def sql(query: str, *params):
        import psycopg

        with psycopg.connect(database, autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    try:
        yield SimpleNamespace(pg=fault_postgres.pg, node=node, worker=worker, sql=sql, env=env,
                              database=database, tmp_path=tmp_path)
    finally:
        for proc in reversed(started):
            proc.stop()
