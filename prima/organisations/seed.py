"""Seed the satker tree from the shipped Kemendagri region list (prima/data/wilayah.csv).

Naming follows domain kpu.md: "KPU Provinsi Jawa Tengah", "KPU Kabupaten Jepara",
"KPU Kota Semarang"; in Aceh the bodies are KIP ("KIP Aceh", "KIP Kabupaten Aceh Selatan").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .choices import Level, TimeZone
from .models import Satker

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACEH = "11"
# UU/Keppres 41/1987 time zones by province code: WITA and WIT provinces, WIB otherwise.
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}
# Short province names used by KPU for the two long official names.
PROVINCE_SHORT_NAMES = {"31": "DKI Jakarta", "34": "Daerah Istimewa Yogyakarta"}


@dataclass(frozen=True)
class Region:
    code: str
    name: str


def time_zone_for(code: str) -> str:
    province = code.split(".")[0]
    if province in WIT_PROVINCES:
        return TimeZone.WIT
    if province in WITA_PROVINCES:
        return TimeZone.WITA
    return TimeZone.WIB


def satker_name(code: str, region_name: str) -> str:
    """The KPU name of the satker for a province or kabupaten/kota region."""
    body = "KIP" if code.split(".")[0] == ACEH else "KPU"
    if "." not in code:
        name = PROVINCE_SHORT_NAMES.get(code, region_name)
        return f"{body} {name}" if body == "KIP" else f"{body} Provinsi {name}"
    # "Kota Administrasi Jakarta Pusat" → "KPU Kota Jakarta Pusat".
    name = region_name.replace(" Administrasi ", " ")
    return f"{body} {name}"


def read_regions(path: Path | None = None) -> list[Region]:
    """Provinces and kabupaten/kota (codes of one or two parts) from wilayah.csv."""
    path = path or DATA_DIR / "wilayah.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [Region(row["kode"].strip(), " ".join(row["nama"].split()))
                for row in csv.DictReader(fh) if row["kode"].count(".") <= 1]


def read_population(path: Path | None = None) -> dict[str, int]:
    path = path or DATA_DIR / "penduduk.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["kode"].strip(): int(row["total"]) for row in csv.DictReader(fh)}


@transaction.atomic
def seed_satkers() -> tuple[int, int]:
    """Create or update KPU RI and every KPU Provinsi and Kabupaten/Kota; idempotent.

    Returns (created, updated).
    """
    population = read_population()
    existing = {s.code: s for s in Satker.objects.all()}
    created = updated = 0

    def upsert(code, name, region_name, level, parent):
        nonlocal created, updated
        values = {"name": name, "region_name": region_name, "level": level, "parent": parent,
                  "timezone": time_zone_for(code) if code != "0" else TimeZone.WIB,
                  "population": population.get(code)}
        satker = existing.get(code)
        if satker is None:
            satker = Satker.objects.create(code=code, **values)
            existing[code] = satker
            created += 1
        elif any(getattr(satker, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(satker, k, v)
            satker.save()
            updated += 1
        return satker

    root = upsert("0", "KPU Republik Indonesia", "Indonesia", Level.NATIONAL, None)
    regions = read_regions()
    for region in regions:
        if "." not in region.code:
            upsert(region.code, satker_name(region.code, region.name), region.name,
                   Level.PROVINCE, root)
    for region in regions:
        if "." in region.code:
            parent = existing[region.code.split(".")[0]]
            upsert(region.code, satker_name(region.code, region.name), region.name,
                   Level.REGENCY, parent)
    return created, updated
