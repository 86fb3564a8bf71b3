"""Issue 14: several web nodes and a worker over PostgreSQL, Redis and S3. A dataset uploaded
on node A is ingested by the worker and queried on node B; a request submitted on A is tracked
on B; node A is killed mid-load and node B keeps answering."""

from __future__ import annotations

import threading

import pytest
import requests
from django.urls import reverse

from prima.inforequests.tests.factories import request_data
from prima.organisations.tests.factories import PASSWORD
from tests import servers

pytestmark = pytest.mark.ops

CSV = ("kode_desa,desa,kecamatan,no_tps,dpt,suara_01,suara_02\n"
       "33.20.01.2001,Bategede,Kedung,001,250,120,98\n"
       "33.20.01.2001,Bategede,Kedung,002,240,100,110\n"
       "33.20.01.2002,Bulakbaru,Kedung,001,300,150,120\n"
       "33.20.02.2001,Kalianyar,Pecangaan,001,200,90,95\n"
       "33.20.02.2002,Gerdu,Pecangaan,001,210,80,100\n")


def test_a_dataset_uploaded_on_a_is_ingested_by_the_worker_and_queried_on_b(stack):
    a, b = stack.node("node-a"), stack.node("node-b")
    stack.worker()
    (slug,), = stack.sql("SELECT slug FROM catalog_dataset")

    # Upload on node A (an officer's session, stored in the shared database).
    officer = requests.Session()
    servers.login(officer, a.url, "ppid@kpu.test", PASSWORD)
    create = a.url + reverse("catalog:staff-resource-create", args=[slug])
    officer.get(create, timeout=10).raise_for_status()
    response = officer.post(create, allow_redirects=False, timeout=30, data={
        "name": "Hasil per TPS", "description": "", "url": "", "key_column": "",
        "number_format": "international", "csrfmiddlewaretoken": servers.csrf(officer)},
        files={"upload": ("tps.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 302, response.text[:300]

    # The RQ worker (its own process and disk) ingests it.
    status = servers.wait_for(
        lambda: [row[0] for row in stack.sql("SELECT status FROM catalog_resourceversion")
                 if row[0] in ("review", "failed")], 90, "the worker to ingest the upload")
    assert status == ["review"]
    (resource_slug, parquet_path, original), = stack.sql(
        "SELECT r.slug, v.parquet_path, v.original FROM catalog_resourceversion v "
        "JOIN catalog_resource r ON r.id = v.resource_id")
    stored = {item["Key"] for item in servers.s3_client(stack.s3_url).list_objects_v2(
        Bucket=stack.bucket)["Contents"]}
    assert {original, parquet_path} <= stored  # every file is in object storage
    assert not list(a.data_dir.rglob("*.parquet"))  # ... and none on node A's disk

    # Published on node B with the session opened on node A.
    other = requests.Session()
    other.cookies.update(officer.cookies)
    for name, kwargs in (("catalog:staff-version-publish",
                          {"slug": slug, "resource_slug": resource_slug, "number": 1}),
                         ("catalog:staff-dataset-publish", {"slug": slug})):
        url = b.url + reverse(name, kwargs=kwargs)
        response = other.post(url, data={"csrfmiddlewaretoken": servers.csrf(other)},
                              allow_redirects=False, timeout=30)
        assert response.status_code == 302, (name, response.text[:300])

    # Queried on node B by anyone: B downloads the table into its own cache once.
    table = b.url + reverse("catalog:resource-table-json", args=[slug, resource_slug])
    body = requests.get(table, params={"kecamatan": "Kedung", "_sort": "no_tps"},
                        timeout=30).json()
    assert body["total"] == 3
    assert sorted(row["desa"] for row in body["rows"]) == ["Bategede", "Bategede", "Bulakbaru"]
    sha256 = parquet_path.rsplit("/", 1)[1].removesuffix(".parquet")
    assert (b.data_dir / "cache" / f"{sha256}.parquet").exists()
    grouped = requests.get(table, params={"_group_by": "kecamatan", "_metric": "sum:dpt"},
                           timeout=30).json()
    assert {row["kecamatan"]: row["sum_dpt"] for row in grouped["rows"]} == {
        "Kedung": 790, "Pecangaan": 410}

    # Node B's metrics add up its gunicorn workers; the queue is read from Redis.
    metrics = requests.get(f"{b.url}/metrics", timeout=10).text
    assert ('prima_http_requests_total{method="GET",route="catalog:resource-table-json",'
            'status="200"} 2.0') in metrics
    assert 'prima_task_queue_depth{backend="rq"} 0.0' in metrics
    ready = requests.get(f"{b.url}/siap/", timeout=10).json()
    assert ready["status"] == "ready" and ready["checks"]["queue"]["backend"] == "rq"
    assert ready["checks"]["storage"]["backend"] == "S3Storage"


def test_a_request_submitted_on_a_is_tracked_on_b_and_b_survives_a(stack):
    a, b = stack.node("node-a"), stack.node("node-b")
    payload = {key: str(value) for key, value in request_data().items()}
    payload["satker_code"] = "33.20"
    submitted = requests.post(f"{a.url}/api/v1/informasi/permohonan", json=payload, timeout=30)
    assert submitted.status_code == 201, submitted.text[:300]
    receipt = submitted.json()
    tracked = requests.get(f"{b.url}/api/v1/informasi/permohonan/{receipt['number_slug']}",
                           params={"secret": receipt["tracking_secret"]}, timeout=30)
    assert tracked.status_code == 200 and tracked.json()["number"] == receipt["number"]
    page = requests.get(receipt["tracking_url"].replace(a.url, b.url), timeout=30)
    assert page.status_code == 200 and receipt["number"] in page.text

    # Load on both nodes; node A is killed in the middle; B answers every request after.
    results = {"a": [], "b": []}
    killed = threading.Event()
    after_kill = []

    def load(node, label, count):
        for i in range(count):
            if label == "b" and i == count // 3:
                a.proc.kill()  # SIGKILL to the whole gunicorn group of node A
                killed.set()
            try:
                status = requests.get(f"{node.url}/sehat/" if i % 2 else
                                      f"{node.url}/informasi/", timeout=10).status_code
            except requests.RequestException:
                status = None
            results[label].append(status)
            if label == "b" and killed.is_set():
                after_kill.append(status)

    threads = [threading.Thread(target=load, args=(a, "a", 60)),
               threading.Thread(target=load, args=(b, "b", 90))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert killed.is_set() and not a.proc.alive()
    assert len(after_kill) >= 60 and set(after_kill) == {200}
    assert set(results["b"]) == {200}
    assert None in results["a"]  # node A really went away mid-load
    # B still tracks the request and takes new ones.
    again = requests.post(f"{b.url}/api/v1/informasi/permohonan", json=payload, timeout=30)
    assert again.status_code == 201
