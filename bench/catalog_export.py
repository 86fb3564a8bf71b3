#!/usr/bin/env python
"""Large exports: XLSX against CSV for the same rows, in one run (DESIGN.md: "XLSX within 5×
of CSV for the same rows", "exports in constant memory").

1. generates a TPS results table of ``--rows`` rows (default 200,000) with
   ``bench/tps_generate.py``;
2. prepares a fresh SQLite database (migrate), creates a published dataset with the CSV as its
   resource and runs the real ingestion (``ingest_version``) into Parquet;
3. exports every row as CSV and as XLSX through the engine's streamed export
   (``engine.export.stream_export``, what ``…/ekspor.<fmt>`` streams), ``--repeat`` times each,
   alternating, and reports the best and median time, the size, and XLSX ÷ CSV;
4. checks the XLSX (opens it with openpyxl in read-only mode and counts its rows);
5. exports once more of each in a fresh process and reports its peak RSS (constant memory).

    .venv/bin/python bench/catalog_export.py                 # 200,000 rows
    .venv/bin/python bench/catalog_export.py --rows 750000 --repeat 3
"""

# A benchmark script: it runs its own processes over its own files.
# ruff: noqa: S603
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tps_generate  # noqa: E402
from catalog_vs_datasette import create_dataset, publish, setup_django  # noqa: E402
from harness import environment  # noqa: E402


def export_seconds(version, fmt: str) -> tuple[float, int]:
    from prima.catalog.engine.export import stream_export
    from prima.catalog.engine.query import Query

    started = time.perf_counter()
    size = sum(len(chunk) for chunk in stream_export(version, Query(), fmt))
    return time.perf_counter() - started, size


def rss_probe(version_id: int, fmt: str) -> None:
    """Run in a fresh process: export once, print the peak RSS in MB."""
    from prima.catalog.models import ResourceVersion

    export_seconds(ResourceVersion.objects.get(pk=version_id), fmt)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print(int(line.split()[1]) // 1024)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5, help="exports per format")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--rss-probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        import django

        django.setup()
        rss_probe(int(args.rss_probe[0]), args.rss_probe[1])
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="prima-export-bench-"))
    try:
        csv_path = workdir / "tps.csv"
        rows = tps_generate.generate(csv_path, rows=args.rows)
        env = environment(workdir, "sqlite", "prima_bench_export")
        setup_django(env)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        version = create_dataset(csv_path)
        from prima.catalog.engine.ingest import ingest_version

        ingest_version(version.pk)
        version.refresh_from_db()
        if version.status != "review":
            raise SystemExit(f"ingestion failed: {version.problems[:3]}")
        publish(version)
        print(f"{rows} rows x {len(version.schema)} columns ingested", flush=True)

        times: dict[str, list[float]] = {"csv": [], "xlsx": []}
        sizes = {}
        for _round in range(args.repeat):
            for fmt in ("csv", "xlsx"):
                seconds, sizes[fmt] = export_seconds(version, fmt)
                times[fmt].append(seconds)

        from io import BytesIO

        from openpyxl import load_workbook

        from prima.catalog.engine.export import stream_export
        from prima.catalog.engine.query import Query

        book = load_workbook(BytesIO(b"".join(stream_export(version, Query(), "xlsx"))),
                             read_only=True)
        sheet_rows = sum(1 for _row in book.active.iter_rows(values_only=True))

        peaks = {}
        for fmt in ("csv", "xlsx"):
            probe = subprocess.run([sys.executable, __file__, "--rss-probe", str(version.pk),
                                    fmt], env=env, capture_output=True, text=True, check=True)
            peaks[fmt] = int(probe.stdout.strip().splitlines()[-1])

        print(f"\n{'export of ' + str(rows) + ' rows':<28}{'best s':>9}{'median s':>10}"
              f"{'MB':>9}{'peak RSS MB':>13}")
        for fmt in ("csv", "xlsx"):
            print(f"{fmt.upper():<28}{min(times[fmt]):>9.2f}"
                  f"{statistics.median(times[fmt]):>10.2f}{sizes[fmt] / 2**20:>9.1f}"
                  f"{peaks[fmt]:>13}")
        ratio = min(times["xlsx"]) / min(times["csv"])
        median_ratio = statistics.median(times["xlsx"]) / statistics.median(times["csv"])
        print(f"\nXLSX / CSV: {ratio:.2f}x best, {median_ratio:.2f}x median "
              f"(bar: within 5x) — {'OK' if ratio <= 5 else 'OVER'}")
        print(f"XLSX check: {sheet_rows - 1} data rows read back with openpyxl "
              f"({'OK' if sheet_rows - 1 == rows else 'MISMATCH'})")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
