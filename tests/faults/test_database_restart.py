"""PostgreSQL restarted mid-load: no accepted submission is lost, and while it is down every
client gets a clear 503 (JSON for the API, a page for browsers), never a traceback."""

from __future__ import annotations

import threading

import pytest
import requests

from prima.inforequests.tests.factories import request_data
from tests import servers

pytestmark = pytest.mark.ops


def payload(i: int) -> dict:
    data = {key: str(value) for key, value in request_data().items()}
    data.update(satker_code="33.20", full_name=f"Pemohon Uji {i}")
    return data


def test_postgresql_restarted_mid_load(site):
    node = site.node(PRIMA_RATELIMIT_ENABLE="0")
    accepted, refused, other = [], [], []
    pages = []
    stop = threading.Event()

    def submit(offset: int):
        i = offset
        while not stop.is_set():
            i += 2
            try:
                response = requests.post(f"{node.url}/api/v1/informasi/permohonan",
                                         json=payload(i), timeout=20)
            except requests.RequestException as exc:
                other.append(repr(exc))
                continue
            if response.status_code == 201:
                accepted.append(response.json()["number"])
            elif response.status_code == 503:
                refused.append(response)
            else:
                other.append((response.status_code, response.text[:300]))

    def browse():
        while not stop.is_set():
            try:
                pages.append(requests.get(f"{node.url}/informasi/", timeout=20,
                                          headers={"Accept": "text/html"}))
            except requests.RequestException as exc:
                other.append(repr(exc))

    threads = [threading.Thread(target=submit, args=(k,)) for k in (0, 1)]
    threads.append(threading.Thread(target=browse))
    for thread in threads:
        thread.start()
    try:
        servers.wait_for(lambda: len(accepted) >= 10, 60, "submissions before the restart")
        site.pg.stop("fast")
        servers.wait_for(lambda: len(refused) >= 5, 60, "503 answers while it is down")
        down_pages = len(pages)
        servers.wait_for(lambda: any(p.status_code == 503 for p in pages[down_pages - 1:]),
                         60, "a page answered while it is down")
        site.pg.start()
        before = len(accepted)
        servers.wait_for(lambda: len(accepted) >= before + 10, 60,
                         "submissions after the restart")
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)

    assert other == []  # neither a 500 nor a dropped connection
    for response in refused:
        assert response.json()["error"] == "service_unavailable"
        assert response.headers["Retry-After"] == "30"
    down = [p for p in pages if p.status_code == 503]
    assert down and all("tidak tersedia" in p.text and "Traceback" not in p.text for p in down)
    assert {p.status_code for p in pages} <= {200, 503}
    # Every accepted submission is in the database, exactly once.
    stored = [row[0] for row in site.sql("SELECT number FROM inforequests_informationrequest")]
    assert sorted(stored) == sorted(accepted)
    assert len(set(stored)) == len(stored)
