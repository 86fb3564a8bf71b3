"""SMTP down: the outbox keeps the email and delivers it once the server is back. A worker
killed in the middle of an ingestion: the version is retried by the next worker (or marked
failed with a message past the attempts allowed), never left in progress."""

from __future__ import annotations

import os
import random

import pytest
import requests
from aiosmtpd.controller import Controller

from prima.inforequests.tests.factories import request_data
from tests import servers

pytestmark = pytest.mark.ops


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def test_smtp_down_then_back_delivers_from_the_outbox(site):
    port = servers.free_port()  # nothing listens there yet: the mail server is down
    smtp = dict(PRIMA_DELIVERY_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, PRIMA_RATELIMIT_ENABLE="0")
    node = site.node(**smtp)
    site.worker("worker", "--outbox-interval", "0.3", **smtp)
    data = {key: str(value) for key, value in request_data().items()}
    data.update(satker_code="33.20", email="pemohon@example.org")
    submitted = requests.post(f"{node.url}/api/v1/informasi/permohonan", json=data, timeout=30)
    assert submitted.status_code == 201
    number = submitted.json()["number"]

    def attempts():
        rows = site.sql("SELECT status, attempts, last_error FROM core_outboxemail "
                        "WHERE \"to\"::text LIKE %s", "%pemohon@example.org%")
        return rows if rows and rows[0][1] >= 1 else None

    (status, tries, error), = servers.wait_for(attempts, 60, "a failed delivery attempt")
    assert status == "pending" and "Connection refused" in error

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # The back-off (1 minute after the first failure) has passed.
        site.sql("UPDATE core_outboxemail SET next_attempt_at = now() WHERE status = 'pending'")
        servers.wait_for(lambda: inbox.messages, 60, "the email to be delivered")
    finally:
        controller.stop()
    recipients, content = inbox.messages[0]
    assert recipients == ["pemohon@example.org"] and number in content
    (status, tries), = site.sql("SELECT status, attempts FROM core_outboxemail "
                                "WHERE \"to\"::text LIKE %s", "%pemohon@example.org%")
    assert status == "sent" and tries >= 2


def big_csv(path, rows: int = 500_000) -> None:
    rng = random.Random(3)
    with open(path, "w") as out:
        out.write("kode_kab,kecamatan,desa,no_tps,dpt,suara_01,suara_02\n")
        for i in range(rows):
            out.write(f"33.{20 + i % 9},Kecamatan {i % 97},Desa {i % 4001},{i % 40:03d},"
                      f"{rng.randint(100, 300)},{rng.randint(0, 150)},{rng.randint(0, 150)}\n")


QUEUE_UPLOAD = """
import os
from django.core.files.uploadedfile import SimpleUploadedFile
from prima.catalog import services
from prima.organisations.choices import Role
from prima.organisations.models import Satker
from prima.organisations.tests.factories import member
jepara = Satker.objects.get(code="33.20")
ppid = member(jepara, Role.PPID, full_name="PPID Jepara")
dataset = services.create_dataset(satker=jepara, actor=ppid, title="TPS besar",
                                  description="Uji pekerja yang mati.")
with open(os.environ["BIG_CSV"], "rb") as fh:
    upload = SimpleUploadedFile("tps.csv", fh.read(), content_type="text/csv")
services.add_resource(dataset=dataset, actor=ppid, name="TPS", upload=upload)
"""


@pytest.mark.parametrize("attempts, outcome", [(2, "review"), (1, "failed")],
                         ids=["retried", "failed-after-attempts"])
def test_worker_killed_during_ingestion(site, tmp_path, attempts, outcome):
    csv = tmp_path / "big.csv"
    big_csv(csv)
    lease = dict(PRIMA_INGEST_LEASE_SECONDS="2", PRIMA_INGEST_ATTEMPTS=str(attempts))
    servers.manage({**site.env("setup", **lease), "BIG_CSV": str(csv)}, "shell", "-c",
                   QUEUE_UPLOAD)
    first = site.worker("worker-1", "--outbox-interval", "0.3", **lease)

    def status():
        return site.sql("SELECT status, progress FROM catalog_resourceversion")[0]

    servers.wait_for(lambda: status()[0] == "ingesting" and status()[1] >= 5, 120,
                     "the ingestion to start")
    first.kill()  # SIGKILL: no chance to clean up
    servers.wait_for(lambda: not first.alive(), 10, "the worker to die")
    assert status()[0] == "ingesting"  # what a dead worker leaves

    site.worker("worker-2", "--outbox-interval", "0.3", **lease)
    final = servers.wait_for(lambda: status()[0] if status()[0] in ("review", "failed")
                             else None, 240, "the interrupted ingestion to be recovered")
    assert final == outcome
    (problems, rows), = site.sql("SELECT problems::text, row_count "
                                 "FROM catalog_resourceversion")
    if outcome == "review":
        assert rows == 500_000 and problems == "[]"
    else:
        assert "Pemrosesan berkas terhenti 1 kali karena pekerja latar berhenti" in problems
    assert site.sql("SELECT count(*) FROM ops_lease")[0][0] == 0
    assert os.path.getsize(csv) > 15_000_000
