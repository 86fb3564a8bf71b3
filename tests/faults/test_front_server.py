"""The shipped nginx configuration (deploy/nginx/prima.conf) in front of gunicorn: the
slow-client probe of issue 14 (eight clients sending one header line every few seconds) no
longer delays /sehat/ for other clients; uploaded files have no URL; static files, security
headers and request ids."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from tests import servers

pytestmark = pytest.mark.ops

PROBE_INTERVAL = 0.5  # seconds between header lines (5 s in the issue; the effect is the same)


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("front")
    env = servers.prima_env(PRIMA_DATA_DIR=tmp / "data", PRIMA_STATIC_ROOT=tmp / "static",
                            PRIMA_ACCEL_REDIRECT="/_files/")
    # gunicorn as `prima serve` runs it (gthread, 4 threads per worker) with one worker, so
    # the control below does not depend on how the kernel spreads connections over workers.
    app, app_url = servers.start_gunicorn(env, "gunicorn", tmp, workers=1)
    static, media = tmp / "static", tmp / "media"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_text("body{color:#123}")
    (media / "inforequests").mkdir(parents=True)
    (media / "inforequests" / "notice.pdf").write_bytes(b"%PDF-1.4 NIK 3320015505880004")
    port = servers.free_port()
    site = servers.render_nginx_site(port=port, redirect_port=servers.free_port(),
                                     upstream=app_url.removeprefix("http://"), static=static,
                                     media=media)
    nginx = servers.start_nginx(tmp / "nginx", site)
    url = f"http://127.0.0.1:{port}"
    try:
        servers.wait_for(lambda: requests.get(f"{url}/sehat/", timeout=2).ok, 30,
                         "nginx to proxy")
        yield type("Front", (), {"url": url, "app_url": app_url, "app": app, "nginx": nginx})
    finally:
        nginx.stop()
        app.stop()


def timed_get(url: str, timeout: float) -> float | None:
    started = time.monotonic()
    try:
        requests.get(url, timeout=timeout).raise_for_status()
    except requests.RequestException:
        return None
    return time.monotonic() - started


def test_slow_clients_hold_gunicorn_directly(front):
    """The control: facing gunicorn directly, the eight slow clients take every worker thread
    and /sehat/ stops answering (the issue's reproduction)."""
    probe = servers.SlowClients(int(front.app_url.rsplit(":", 1)[1]), 8, PROBE_INTERVAL)
    try:
        assert timed_get(f"{front.app_url}/sehat/", timeout=2 * PROBE_INTERVAL + 1) is None
        assert probe.open_count() == 8
    finally:
        probe.stop()
    # Once they are gone, gunicorn answers again.
    servers.wait_for(lambda: timed_get(f"{front.app_url}/sehat/", 2), 30,
                     "gunicorn to recover")


def test_slow_clients_no_longer_affect_sehat_behind_nginx(front):
    probe = servers.SlowClients(int(front.url.rsplit(":", 1)[1]), 8, PROBE_INTERVAL)
    try:
        servers.wait_for(lambda: probe.sent >= 2, 10, "the probe to trickle header lines")
        durations = [timed_get(f"{front.url}/sehat/", timeout=2) for _ in range(20)]
        assert all(d is not None for d in durations), durations
        assert max(durations) < 1.0, durations
        # The probe is still there, held by nginx, not by gunicorn.
        assert probe.open_count() == 8
    finally:
        probe.stop()


def test_files_have_no_url_behind_nginx(front):
    for path in ("/media/inforequests/notice.pdf", "/_files/inforequests/notice.pdf"):
        response = requests.get(front.url + path, timeout=5)
        assert response.status_code == 404
        assert b"3320015505880004" not in response.content


def test_static_files_headers_and_request_ids(front):
    css = requests.get(f"{front.url}/static/css/site.css", timeout=5)
    assert css.status_code == 200 and css.text == "body{color:#123}"
    assert "immutable" in css.headers["Cache-Control"]
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    page = requests.get(f"{front.url}/sehat/", timeout=5)
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Permissions-Policy"].startswith("camera=()")
    assert page.headers["Server"] == "nginx"  # no version (server_tokens off)
    assert len(page.headers["X-Request-ID"]) == 32  # nginx's $request_id, echoed by the app
    # A body over the limit is refused from its announced length, before any is sent.
    port = int(front.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/informasi/permohonan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\n"
                     + f"Content-Length: {600 * 1024 * 1024}\r\n\r\n".encode())
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")
