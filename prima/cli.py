"""The ``prima`` console command.

    prima demo [--port 8000] [--no-serve]   migrate, load demo data, start gunicorn and a worker
    prima serve [--port 8000]               start gunicorn and the task worker
    prima worker                            run background tasks (django-tasks database backend)
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


def _serve(host: str, port: int, workers: int, with_worker: bool = True) -> int:
    """Run gunicorn (and the task worker beside it) until interrupted."""
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
    os.environ.setdefault("DEBUG", "0")
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
    address = f"http://{args.host}:{args.port}/"
    print(f"\nPrima berjalan di / is running at: {address}\n", flush=True)
    return _serve(args.host, args.port, args.workers)


def serve(args: argparse.Namespace) -> int:
    _django_setup()
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
    if not argv or argv[0] not in {"demo", "serve", "worker", "-h", "--help"}:
        manage(argv)
        return 0
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
