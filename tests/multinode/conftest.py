"""Two web nodes and one RQ worker as separate processes, sharing only PostgreSQL (a fresh
cluster of the tests' own), Redis and an S3 server (moto); each node has its own data
directory (its read cache, its metrics)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import servers

SEED = """
from prima.catalog import services
from prima.organisations.choices import Role
from prima.organisations.tests.factories import build_small_tree, member
tree = build_small_tree()
ppid = member(tree.jepara, Role.PPID, email="ppid@kpu.test", full_name="PPID Jepara")
services.create_dataset(satker=tree.jepara, actor=ppid, title="Hasil Pemilu per TPS",
                        description="Perolehan suara per TPS di Kabupaten Jepara.")
# Jepara publishes directly here (the catalog's default is the walidata's review first).
from prima.catalog.tests.factories import publishes_directly
publishes_directly(tree.jepara)
"""


@pytest.fixture(scope="session")
def shared_services():
    """PostgreSQL, Redis and S3 for the whole session (each test uses its own database)."""
    log_dir = Path(tempfile.mkdtemp(prefix="prima-ops-shared-"))
    pg = servers.Postgres()
    pg.start()
    redis, redis_url = servers.start_redis(log_dir)
    moto, s3_url = servers.start_moto(log_dir)
    static = log_dir / "static"
    servers.manage(servers.prima_env(PRIMA_STATIC_ROOT=static), "collectstatic", "--noinput",
                   "-v", "0")
    # Migrated once: PostgreSQL databases are copies of a template, SQLite files of a file.
    template = pg.create_database("prima_template")
    servers.manage(servers.prima_env(DATABASE_URL=template, PRIMA_DATA_DIR=log_dir / "pg"),
                   "migrate", "--noinput", "-v", "0")
    sqlite_dir = log_dir / "sqlite"
    sqlite_dir.mkdir()
    servers.manage(servers.prima_env(PRIMA_DATA_DIR=sqlite_dir), "migrate", "--noinput",
                   "-v", "0")

    def migrated_postgres(name: str) -> str:
        return pg.create_database(name, template="prima_template")

    def migrated_sqlite(data_dir: Path) -> Path:
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sqlite_dir / "prima.sqlite3", data_dir / "prima.sqlite3")
        return data_dir

    try:
        yield SimpleNamespace(pg=pg, redis_url=redis_url, s3_url=s3_url, static=static,
                              log_dir=log_dir, migrated_postgres=migrated_postgres,
                              migrated_sqlite=migrated_sqlite)
    finally:
        moto.stop()
        redis.stop()
        pg.destroy()


@pytest.fixture(scope="module")
def stack(shared_services, tmp_path_factory):
    """A fresh database and bucket, seeded; ``stack.node(name)`` starts a web node and
    ``stack.worker()`` the RQ worker, all stopped at the end."""
    tmp_path = tmp_path_factory.mktemp("stack")
    name = f"prima_multinode_{tmp_path.name[-12:].replace('-', '_')}".lower()
    database = shared_services.migrated_postgres(name)
    bucket = name.replace("_", "-")
    servers.create_bucket(shared_services.s3_url, bucket)
    base = dict(DATABASE_URL=database, REDIS_URL=shared_services.redis_url,
                PRIMA_TASKS_BACKEND="rq", PRIMA_S3_BUCKET=bucket,
                PRIMA_S3_ENDPOINT_URL=shared_services.s3_url,
                PRIMA_STATIC_ROOT=shared_services.static, **servers.S3_KEYS)
    setup_env = servers.prima_env(PRIMA_DATA_DIR=tmp_path / "setup", **base)
    servers.manage(setup_env, "shell", "-c", SEED)
    started = []

    def env_for(node: str, **extra):
        return servers.prima_env(PRIMA_DATA_DIR=tmp_path / node, **base, **extra)

    def node(label: str, **extra):
        label = f"{label}-{len(started)}"
        proc, url = servers.start_gunicorn(env_for(label, **extra), label, tmp_path)
        started.append(proc)
        return SimpleNamespace(proc=proc, url=url, data_dir=tmp_path / label)

    def worker(label: str = "worker", **extra):
        label = f"{label}-{len(started)}"
        proc = servers.start_worker(env_for(label, **extra), label, tmp_path,
                                    "--outbox-interval", "0.5")
        started.append(proc)
        return SimpleNamespace(proc=proc, data_dir=tmp_path / label)

    def sql(query: str, *params):
        import psycopg

        with psycopg.connect(database) as conn:
            return conn.execute(query, params).fetchall()

    try:
        yield SimpleNamespace(node=node, worker=worker, sql=sql, database=database,
                              bucket=bucket, s3_url=shared_services.s3_url, env_for=env_for,
                              tmp_path=tmp_path)
    finally:
        for proc in reversed(started):
            proc.stop()
