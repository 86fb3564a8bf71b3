"""Rate limits on the embedded default (SQLite, no Redis) live in the database cache: two
gunicorn processes count against one limit, and a restart keeps the count."""

from __future__ import annotations

import pytest
import requests

from prima.inforequests.tests.factories import request_data
from tests import servers

pytestmark = pytest.mark.ops

LIMIT = 20  # requests per hour and address (prima/inforequests/api.py SUBMIT_RATE)


def test_two_processes_share_one_limit_that_survives_a_restart(shared_services, tmp_path):
    # SQLite with the database cache (its table is made by migrate), as the embedded default.
    env = servers.prima_env(PRIMA_DATA_DIR=shared_services.migrated_sqlite(tmp_path / "data"))
    servers.manage(env, "shell", "-c", "from prima.organisations.tests.factories import "
                                       "build_small_tree; build_small_tree()")
    data = {key: str(value) for key, value in request_data().items()}
    data["satker_code"] = "33.20"

    def submit(url):
        return requests.post(f"{url}/api/v1/informasi/permohonan", json=data,
                             timeout=30).status_code

    first, url1 = servers.start_gunicorn(env, "one", tmp_path, workers=2)
    second, url2 = servers.start_gunicorn(env, "two", tmp_path, workers=2)
    try:
        answers = [submit(url1 if i % 2 else url2) for i in range(LIMIT)]
        assert answers == [201] * LIMIT
        assert submit(url1) == 429 and submit(url2) == 429
    finally:
        first.stop()
        second.stop()
    again, url = servers.start_gunicorn(env, "again", tmp_path, workers=2)
    try:
        assert submit(url) == 429
    finally:
        again.stop()
