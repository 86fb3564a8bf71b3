"""The ``prima`` console command.

    prima demo [--port 8000] [--no-serve]   migrate, load demo data, start gunicorn and a worker
    prima serve [--port 8000]               start gunicorn and the task worker (DEBUG off)
    prima worker                            run background tasks (the configured backend's
                                            worker: database or RQ) and the email outbox
    prima backup DEST / prima restore SRC   database and files to/from a directory or s3://
    prima <anything else>                   passed through to Django's manage.py
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prima.settings")
    import django

    django.setup()


def manage(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prima.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prima", *argv])


def _public_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host  # noqa: S104 - displayed only
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _serving_environment(host: str, port: int) -> None:
    """Before Django starts: DEBUG off unless asked for, links in emails and pages pointing at
    the address really served, one metrics directory for the gunicorn workers."""
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("PRIMA_BASE_URL", _public_address(host, port))


def _metrics_dir(data_dir: Path) -> str:
    import shutil

    path = data_dir / "metrics"
    shutil.rmtree(path, ignore_errors=True)  # counters of a previous run are not this run's
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


def _serve(host: str, port: int, workers: int, with_worker: bool = True) -> int:
    """Run gunicorn (and the task worker beside it) until interrupted."""
    from django.conf import settings

    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", _metrics_dir(Path(settings.DATA_DIR)))
    bin_dir = Path(sys.executable).parent
    gunicorn = [str(bin_dir / "gunicorn"), "prima.wsgi:application", "--bind", f"{host}:{port}",
                "--workers", str(workers), "--threads", "4", "--access-logfile", "-",
                "--timeout", "60"]
    children = [subprocess.Popen(gunicorn)]  # noqa: S603 - fixed argument list
    if with_worker:
        children.append(subprocess.Popen(  # noqa: S603 - fixed argument list
            [sys.executable, "-m", "prima.cli", "worker"]))

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        return children[0].wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def demo(args: argparse.Namespace) -> int:
    _serving_environment(args.host, args.port)
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo_data", stdout=sys.stdout)
    if args.no_serve:
        print("\nDemo siap / demo ready: start it with `prima serve`.", flush=True)
        return 0
    address = settings.PRIMA_BASE_URL
    print(f"\nPrima berjalan di / is running at: {address}/", flush=True)
    for label, path in (("Data terbuka / open data", "/data/"),
                        ("Permohonan informasi / information requests", "/informasi/"),
                        ("Masuk staf / staff sign-in", "/akun/masuk/"),
                        ("Kesiapan / readiness", "/siap/")):
        print(f"  {label:<45} {address}{path}", flush=True)
    print(flush=True)
    return _serve(args.host, args.port, args.workers)


def serve(args: argparse.Namespace) -> int:
    _serving_environment(args.host, args.port)
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return _serve(args.host, args.port, args.workers)


def worker(_args: argparse.Namespace) -> int:
    manage(["worker"])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="prima", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    for name, func in (("demo", demo), ("serve", serve)):
        p = sub.add_parser(name)
        p.add_argument("--host", default=os.environ.get("PRIMA_HOST", "127.0.0.1"))
        p.add_argument("--port", type=int, default=int(os.environ.get("PRIMA_PORT", "8000")))
        p.add_argument("--workers", type=int, default=int(os.environ.get("PRIMA_WORKERS", "2")))
        if name == "demo":
            p.add_argument("--no-serve", action="store_true",
                           help="prepare the demo database and exit")
        p.set_defaults(func=func)
    sub.add_parser("worker").set_defaults(func=worker)
    if not argv or argv[0] not in {"demo", "serve", "-h", "--help"}:
        # ``prima worker [options]`` is the management command of that name.
        manage(argv)
        return 0
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
