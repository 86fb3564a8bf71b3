"""Generate a realistic polling-station (TPS) results table over the real desa list.

One row per TPS: province, kabupaten/kota, kecamatan and desa (Kemendagri codes and names from
``prima/data/wilayah.csv``), the TPS number (text, "001"), voters (DPT), votes for three
candidate pairs, valid and invalid votes. Deterministic for a given seed. About 9 TPS per desa on
average, varying per desa (a log-normal "population"); by default the whole country makes about
750,000 rows (an ~81 MB CSV). Votes are consistent: sah = paslon 1 + 2 + 3 and
sah + tidak_sah <= dpt.

    .venv/bin/python bench/tps_generate.py out.csv                    # ~750,000 rows
    .venv/bin/python bench/tps_generate.py out.csv --province 33      # Jawa Tengah only
    .venv/bin/python bench/tps_generate.py out.csv --rows 100000      # scaled down
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WILAYAH = ROOT / "prima" / "data" / "wilayah.csv"
NATIONAL_ROWS = 750_000
TPS_PER_DESA = 8.95
COLUMNS = ["kode_provinsi", "provinsi", "kode_kabkota", "kabkota", "kode_kecamatan",
           "kecamatan", "kode_desa", "desa", "no_tps", "dpt", "suara_paslon_1",
           "suara_paslon_2", "suara_paslon_3", "suara_sah", "suara_tidak_sah"]


def load_regions(province: str | None = None):
    names, desa = {}, []
    with WILAYAH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["kode"]
            names[code] = row["nama"]
            if code.count(".") == 3 and (province is None or code.split(".")[0] == province):
                desa.append(code)
    return names, desa


def generate(path, *, rows: int | None = None, province: str | None = None,
             seed: int = 2024) -> int:
    """Write the CSV to ``path``; returns the number of data rows."""
    rng = random.Random(seed)
    names, desa = load_regions(province)
    if not desa:
        raise SystemExit(f"no desa for province {province!r}")
    target = rows if rows is not None else (
        NATIONAL_ROWS if province is None else round(len(desa) * TPS_PER_DESA))
    weights = [rng.lognormvariate(0, 0.55) for _ in desa]
    scale = target / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    # Adjust so the total is exactly the target (when the target allows one TPS per desa).
    diff = target - sum(counts)
    index = 0
    while diff != 0 and index < 10 * len(counts):
        i = index % len(counts)
        if diff > 0:
            counts[i] += 1
            diff -= 1
        elif counts[i] > 1:
            counts[i] -= 1
            diff += 1
        index += 1
    # Regional preferences: each kabupaten/kota leans to one pair or another.
    lean = {}
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for code, count in zip(desa, counts, strict=True):
            prov, kab, kec, _d = code.split(".")
            kab_code, kec_code = f"{prov}.{kab}", f"{prov}.{kab}.{kec}"
            if kab_code not in lean:
                lean[kab_code] = [rng.uniform(0.5, 1.5) for _ in range(3)]
            shares = lean[kab_code]
            for number in range(1, count + 1):
                dpt = rng.randint(120, 300)
                turnout = rng.uniform(0.62, 0.9)
                used = int(dpt * turnout)
                invalid = int(used * rng.uniform(0.005, 0.04))
                valid = used - invalid
                w = [s * rng.uniform(0.7, 1.3) for s in shares]
                total = sum(w)
                v1 = int(valid * w[0] / total)
                v2 = int(valid * w[1] / total)
                v3 = valid - v1 - v2
                writer.writerow([prov, names[prov], kab_code, names[kab_code], kec_code,
                                 names[kec_code], code, names[code], f"{number:03d}", dpt,
                                 v1, v2, v3, valid, invalid])
                written += 1
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--province", default=None, help="province code, e.g. 33")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    n = generate(args.output, rows=args.rows, province=args.province, seed=args.seed)
    size = Path(args.output).stat().st_size
    print(f"{n} rows, {size / 1024 / 1024:.1f} MB -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
