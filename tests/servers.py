"""Real servers for the ``ops`` tests (tests/multinode, tests/faults): a PostgreSQL cluster of
their own (initdb in a temporary directory, never the shared server), Redis, moto's S3 server,
gunicorn nodes, Prima workers and nginx, each on 127.0.0.1 and a random port, each stopped by
the fixture that started it. Waiting is always for a condition, bounded in time."""

from __future__ import annotations

import glob
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET_KEY = "ops-tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    for _ in range(200):
        port = random.randint(20000, 60000)  # noqa: S311
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def wait_for(check, timeout: float, what: str, interval: float = 0.05):
    """Poll ``check`` until it returns a truthy value (returned) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
        except Exception as exc:  # not up yet
            last = exc
            value = None
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} (after {timeout}s; last error: {last!r})")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Proc:
    """A process started in its own process group, with its output in a log file."""

    name: str
    args: list[str]
    env: dict | None = None
    cwd: str | None = None
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="prima-ops-")))
    user: str | None = None
    popen: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        return self.log_dir / f"{self.name}.log"

    def start(self) -> Proc:
        out = open(self.log, "ab")  # noqa: SIM115 - kept open by the child
        self.popen = subprocess.Popen(  # noqa: S603 - fixed argument lists from the tests
            self.args, env=self.env, cwd=self.cwd or str(ROOT), stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True, user=self.user)
        out.close()
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig=signal.SIGKILL) -> None:
        """Signal the whole process group (gunicorn's workers, RQ's work horse too)."""
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 15) -> None:
        if self.popen is None:
            return
        if self.alive():
            self.kill(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.popen.wait(10)
        else:
            self.kill(signal.SIGKILL)  # stray children of a dead leader
        self.popen = None

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


# --- PostgreSQL of our own ---------------------------------------------------------------------

class Postgres:
    """A throw-away cluster: initdb in a temporary directory, started on a random port. As
    root (CI), PostgreSQL runs as the ``postgres`` user, which owns the directory."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
        if not bins:
            raise RuntimeError("PostgreSQL server binaries are not installed")
        self.bin = Path(bins[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="prima-pg-"))
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user, self.user)
        self.data = self.dir / "data"
        subprocess.run(  # noqa: S603
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True,
            user=self.user)
        self.proc: Proc | None = None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = Proc("postgres", [str(self.bin / "postgres"), "-D", str(self.data),
                                      "-p", str(self.port), "-k", str(self.dir),
                                      "-c", "listen_addresses=127.0.0.1",
                                      "-c", "fsync=off", "-c", "max_connections=200"],
                         log_dir=self.dir, user=self.user).start()
        wait_for(self.ready, 30, "PostgreSQL to accept connections")

    def ready(self) -> bool:
        import psycopg

        with psycopg.connect(f"{self.url}/postgres", connect_timeout=2) as conn:
            conn.execute("SELECT 1")
        return True

    def stop(self, mode: str = "fast") -> None:
        """``fast``: a clean shutdown (SIGINT); ``crash``: SIGKILL, recovery at next start."""
        if self.proc is None:
            return
        if mode == "crash":
            self.proc.kill(signal.SIGKILL)
        else:
            self.proc.kill(signal.SIGINT)
        wait_for(lambda: not self.proc.alive(), 30, "PostgreSQL to stop")
        self.proc.stop()

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given: migrating once is enough)."""
        import psycopg

        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"'
                         + (f' TEMPLATE "{template}"' if template else ""))
        return f"{self.url}/{name}"

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --- Redis, S3 --------------------------------------------------------------------------------

def start_redis(log_dir: Path) -> tuple[Proc, str]:
    port = free_port()
    proc = Proc("redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                          "--save", "", "--appendonly", "no"], log_dir=log_dir).start()
    wait_for(lambda: port_open(port), 20, "Redis to listen")
    return proc, f"redis://127.0.0.1:{port}/0"


def start_moto(log_dir: Path) -> tuple[Proc, str]:
    port = free_port()
    proc = Proc("moto", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                log_dir=log_dir).start()
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(f"{url}/moto-api/", timeout=2).ok, 60, "moto to answer")
    return proc, url


S3_KEYS = {"PRIMA_S3_ACCESS_KEY_ID": "testing", "PRIMA_S3_SECRET_ACCESS_KEY": "testing",
           "PRIMA_S3_REGION": "us-east-1", "PRIMA_S3_ADDRESSING_STYLE": "path"}


def s3_client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", region_name="us-east-1")


def create_bucket(endpoint: str, name: str) -> None:
    s3_client(endpoint).create_bucket(Bucket=name)


# --- Prima processes ------------------------------------------------------------------------------

def prima_env(**overrides) -> dict:
    """The environment of a Prima process: nothing inherited from the test run's Django."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PRIMA_", "DJANGO_", "PYTEST", "DATABASE_URL", "REDIS_URL",
                                  "AWS_", "PROMETHEUS_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "prima.settings", "PRIMA_TESTING": "0",
                "DEBUG": "0", "SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PRIMA_LOG_FORMAT": "json", "PRIMA_LOG_LEVEL": "INFO",
                "PRIMA_AXES_ENABLED": "0"})
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    done = subprocess.run([str(BIN / "prima"), *args], env=env, cwd=str(ROOT),  # noqa: S603
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"prima {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start_gunicorn(env: dict, name: str, log_dir: Path, *, workers: int = 2,
                   bind: str | None = None) -> tuple[Proc, str]:
    port = free_port()
    bind = bind or f"127.0.0.1:{port}"
    # As `prima serve` and the systemd unit run it: metrics added up over the workers.
    metrics_dir = log_dir / f"{name}-metrics"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    proc = Proc(name, [str(BIN / "gunicorn"), "prima.wsgi:application", "--bind", bind,
                       "--workers", str(workers), "--threads", "4", "--timeout", "60",
                       "--graceful-timeout", "5", "--access-logfile", "-"],
                env=env, log_dir=log_dir).start()
    url = f"http://{bind}"
    try:
        wait_for(lambda: requests.get(f"{url}/sehat/", timeout=2).ok, 60, f"{name} to answer")
    except TimeoutError:
        proc.stop()
        raise RuntimeError(f"{name} did not start:\n{proc.tail()}") from None
    return proc, url


def start_worker(env: dict, name: str, log_dir: Path, *args: str) -> Proc:
    return Proc(name, [str(BIN / "prima"), "worker", *args], env=env, log_dir=log_dir).start()


def login(session: requests.Session, base: str, email: str, password: str) -> None:
    page = session.get(f"{base}/akun/masuk/", timeout=10)
    page.raise_for_status()
    response = session.post(f"{base}/akun/masuk/", timeout=10, allow_redirects=False, data={
        "username": email, "password": password,
        "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302, response.text[:500]


def csrf(session: requests.Session) -> str:
    return session.cookies["csrftoken"]


# --- nginx with the shipped configuration -------------------------------------------------------

NGINX_CONF = ROOT / "deploy" / "nginx" / "prima.conf"


def render_nginx_site(*, port: int, redirect_port: int, upstream: str, static: Path,
                      media: Path) -> str:
    """deploy/nginx/prima.conf for a test: plain HTTP on test ports (the TLS lines go), the
    upstream and directories replaced; everything else exactly as shipped."""
    out = []
    for line in NGINX_CONF.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith(("ssl_", "http2 ", "listen [::]")):
            continue
        line = line.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
        line = line.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
        line = line.replace("unix:/run/prima/gunicorn.sock", upstream)
        line = line.replace("/var/lib/prima/static/", f"{static}/")
        line = line.replace("/var/lib/prima/media/", f"{media}/")
        out.append(line)
    return "\n".join(out) + "\n"


def start_nginx(directory: Path, site: str) -> Proc:
    directory.mkdir(parents=True, exist_ok=True)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / sub).mkdir(exist_ok=True)
    (directory / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the test's directories
    (directory / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log info;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {directory}/access.log;\n"
        + "".join(f"  {kind}_temp_path {directory}/{sub};\n" for kind, sub in (
            ("client_body", "body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"),
            ("uwsgi", "uwsgi"), ("scgi", "scgi")))
        + f"  include {directory}/site.conf;\n}}\n")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    test = subprocess.run([nginx, "-t", "-c", str(directory / "nginx.conf"),  # noqa: S603
                           "-p", str(directory)], capture_output=True, text=True)
    if test.returncode:
        raise RuntimeError(f"nginx rejects the configuration:\n{test.stderr}")
    return Proc("nginx", [nginx, "-c", str(directory / "nginx.conf"), "-p", str(directory),
                          "-g", "daemon off;"], log_dir=directory).start()


class SlowClients:
    """The probe of issue 14: ``count`` connections that each send a request line, then one
    more header line every ``interval`` seconds and never finish the request."""

    def __init__(self, port: int, count: int, interval: float):
        import threading

        self.interval = interval
        self.sockets = []
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /sehat/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.sockets.append(sock)
        self.stopped = threading.Event()
        self.sent = 0
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        while not self.stopped.wait(self.interval):
            for sock in self.sockets:
                try:
                    sock.sendall(f"X-Slow-{self.sent}: 1\r\n".encode())
                except OSError:
                    pass
            self.sent += 1

    def open_count(self) -> int:
        """Connections the server has not closed (a closed one reads as EOF)."""
        alive = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                alive += sock.recv(1, socket.MSG_PEEK) != b""
            except BlockingIOError:
                alive += 1
            except OSError:
                pass
            finally:
                sock.setblocking(True)
        return alive

    def stop(self):
        self.stopped.set()
        self.thread.join(5)
        for sock in self.sockets:
            sock.close()
