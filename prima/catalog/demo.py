"""Demo datasets of the open data catalog, published through the catalog's own services.

- KPU Provinsi Jawa Tengah: TPS results of Jawa Tengah (every desa, about 9 TPS each: ~77,000
  rows);
- KPU RI: a national TPS results table; by default a sample (every 20th desa: ~38,000 rows), the
  full ~750,000-row table when ``PRIMA_DEMO_FULL_TPS=1`` (the same generator as ``bench/``);
- KPU Kabupaten Jepara: three small datasets (TPS per kecamatan, voter participation, the
  socialisation budget) with topics and tags.

Satu Data Indonesia (domain satu-data.md): every table gets its data dictionary (MS-Var per
column, region-code columns declared), the participation dataset its indicator (MS-Ind). KPU RI
publishes directly (its setting); Jawa Tengah and Jepara publish through the demo walidata of
Jawa Tengah (``walidata-jateng@demo.kpu.go.id``, a login added here), who returns the budget
dataset once with notes before publishing it.

Ingestion runs synchronously here (the engine's ``ingest_version``), as the background task would.
Idempotent: a dataset that already exists (same satker and title) is left as it is.
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from django.core.files import File

from prima.accounts.models import User
from prima.catalog import satudata, services
from prima.catalog.choices import WALIDATA, VersionStatus
from prima.catalog.models import Dataset
from prima.core.registry import registry
from prima.organisations.demo import DEMO_PASSWORD
from prima.organisations.models import Membership, Satker
from prima.organisations.seed import DATA_DIR

DOMAIN = "demo.kpu.go.id"
TPS_COLUMNS = ["kode_provinsi", "provinsi", "kode_kabkota", "kabkota", "kode_kecamatan",
               "kecamatan", "kode_desa", "desa", "no_tps", "dpt", "suara_paslon_1",
               "suara_paslon_2", "suara_paslon_3", "suara_sah", "suara_tidak_sah"]
SAMPLE_EVERY = 20
JEPARA = "33.20"


def _regions():
    names, desa = {}, []
    with (DATA_DIR / "wilayah.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names[row["kode"]] = row["nama"]
            if row["kode"].count(".") == 3:
                desa.append(row["kode"])
    return names, desa


def write_tps_csv(path, *, province: str | None = None, every: int = 1,
                  seed: int = 2024) -> int:
    """TPS results over the real desa list (the columns of bench/tps_generate.py): for
    ``province`` only, or every ``every``-th desa of the country. Returns the row count."""
    rng = random.Random(seed)
    names, desa = _regions()
    if province:
        desa = [code for code in desa if code.split(".")[0] == province]
    desa = desa[::every]
    lean: dict[str, list[float]] = {}
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(TPS_COLUMNS)
        for code in desa:
            prov, kab, kec, _desa = code.split(".")
            kab_code, kec_code = f"{prov}.{kab}", f"{prov}.{kab}.{kec}"
            shares = lean.setdefault(kab_code, [rng.uniform(0.5, 1.5) for _ in range(3)])
            for number in range(1, max(1, round(rng.lognormvariate(2.05, 0.55))) + 1):
                dpt = rng.randint(120, 300)
                used = int(dpt * rng.uniform(0.62, 0.9))
                invalid = int(used * rng.uniform(0.005, 0.04))
                valid = used - invalid
                weights = [s * rng.uniform(0.7, 1.3) for s in shares]
                v1 = int(valid * weights[0] / sum(weights))
                v2 = int(valid * weights[1] / sum(weights))
                writer.writerow([prov, names[prov], kab_code, names[kab_code], kec_code,
                                 names[kec_code], code, names[code], f"{number:03d}", dpt,
                                 v1, v2, valid - v1 - v2, valid, invalid])
                written += 1
    return written


def _full_national_csv(path) -> int:
    """The bench generator's full table when running from a checkout, else ours."""
    try:
        from bench.tps_generate import generate
    except ImportError:
        return write_tps_csv(path)
    return generate(path)


def _actor(local: str) -> User:
    user = (User.objects.filter(email=f"{local}@{DOMAIN}").first()
            or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())
    if user is None:
        raise RuntimeError("The catalog demo needs the demo users: run the demo loader first.")
    return user


def _ingest(version) -> None:
    from prima.catalog.engine.ingest import ingest_version

    version.refresh_from_db()
    if version.status in (VersionStatus.UPLOADED, VersionStatus.INGESTING):
        # An immediate task backend has already ingested it on commit; else do it now.
        ingest_version(version.pk)
        version.refresh_from_db()
    if version.problems:
        raise RuntimeError(f"Demo data failed to ingest: {version.problems[:3]}")


# MS-Var of the demo columns: definition, concept, unit; region-code columns are declared.
REGION = {"reference": "wilayah", "concept": "Wilayah administrasi",
          "classification": "Kode wilayah Kemendagri"}
COLUMNS = {
    "kode_provinsi": dict(REGION, definition="Kode provinsi (Kemendagri)."),
    "provinsi": {"definition": "Nama provinsi."},
    "kode_kabkota": dict(REGION, definition="Kode kabupaten/kota (Kemendagri)."),
    "kabkota": {"definition": "Nama kabupaten/kota."},
    "kode_kecamatan": dict(REGION, definition="Kode kecamatan (Kemendagri)."),
    "kecamatan": {"definition": "Nama kecamatan."},
    "kode_desa": dict(REGION, definition="Kode desa/kelurahan (Kemendagri)."),
    "desa": {"definition": "Nama desa/kelurahan."},
    "no_tps": {"definition": "Nomor TPS di desa/kelurahan.", "concept": "Tempat Pemungutan Suara"},
    "dpt": {"definition": "Pemilih dalam Daftar Pemilih Tetap di TPS.", "unit": "orang",
            "concept": "Daftar Pemilih Tetap", "validation_rule": "bilangan bulat ≥ 0"},
    "suara_paslon_1": {"definition": "Suara sah pasangan calon nomor urut 1.", "unit": "suara"},
    "suara_paslon_2": {"definition": "Suara sah pasangan calon nomor urut 2.", "unit": "suara"},
    "suara_paslon_3": {"definition": "Suara sah pasangan calon nomor urut 3.", "unit": "suara"},
    "suara_sah": {"definition": "Jumlah suara sah.", "unit": "suara",
                  "validation_rule": "= suara_paslon_1 + suara_paslon_2 + suara_paslon_3"},
    "suara_tidak_sah": {"definition": "Jumlah suara tidak sah.", "unit": "suara"},
    "jumlah_desa": {"definition": "Banyaknya desa/kelurahan di kecamatan.", "unit": "desa"},
    "jumlah_tps": {"definition": "Banyaknya TPS di kecamatan.", "unit": "TPS"},
    "jumlah_dpt": {"definition": "Pemilih dalam DPT di kecamatan.", "unit": "orang"},
    "tahun": {"definition": "Tahun pemilu.", "time_reference": "Hari pemungutan suara"},
    "pemilih_terdaftar": {"definition": "Pemilih dalam DPT.", "unit": "orang"},
    "pengguna_hak_pilih": {"definition": "Pemilih yang memberikan suara.", "unit": "orang"},
    "partisipasi_persen": {"definition": "Pengguna hak pilih dibagi pemilih terdaftar.",
                           "unit": "persen", "validation_rule": "0–100"},
    "bulan": {"definition": "Bulan pelaksanaan kegiatan (TTTT-BB).",
              "time_reference": "Tahun anggaran 2024"},
    "kegiatan": {"definition": "Nama kegiatan."},
    "kelompok": {"definition": "Kelompok kegiatan.",
                 "classification": "Sosialisasi; Pendidikan pemilih; Media; Partisipasi"},
    "pagu": {"definition": "Pagu anggaran kegiatan.", "unit": "rupiah"},
    "realisasi": {"definition": "Realisasi anggaran kegiatan.", "unit": "rupiah"},
}
PARTICIPATION = {"name": "Tingkat partisipasi pemilih",
                 "concept": "Partisipasi pemilih dalam pemungutan suara",
                 "definition": "Persentase pemilih terdaftar yang menggunakan hak pilihnya.",
                 "formula": "pengguna_hak_pilih / pemilih_terdaftar × 100", "unit": "persen",
                 "interpretation": "Makin tinggi, makin banyak pemilih yang memberikan suara.",
                 "disaggregation": "Kecamatan", "frequency": "per_election"}


def _dictionary(schema) -> dict:
    return {c["name"]: COLUMNS.get(c["name"], {"definition": c.get("label") or c["name"]})
            for c in schema}


def publish_table(*, satker: Satker, actor, title: str, path: Path, resource_name: str,
                  filename: str, key_column: str = "", reviewer=None, indicators=(),
                  return_note: str = "", **fields) -> Dataset | None:
    """Create, ingest and publish a one-table dataset with its data dictionary unless it
    exists already: directly, or submitted to ``reviewer`` (the walidata), who may first
    return it with ``return_note``."""
    if Dataset.objects.filter(satker=satker, title=title).exists():
        return None
    dataset = services.create_dataset(satker=satker, actor=actor, title=title, **fields)
    with open(path, "rb") as fh:
        upload = File(fh, name=filename)
        resource, version = services.add_resource(
            dataset=dataset, actor=actor, name=resource_name, upload=upload,
            key_column=key_column)
        # The service queued ingestion for after the commit; run it here, synchronously.
    _ingest(version)
    services.publish_version(version=version, actor=actor)
    resource.refresh_from_db()
    satudata.save_column_metadata(resource=resource, actor=actor,
                                  columns=_dictionary(version.schema))
    if indicators:
        satudata.save_indicators(dataset=dataset, actor=actor, indicators=list(indicators))
    if reviewer is None:
        return services.publish_dataset(dataset=dataset, actor=actor)
    services.submit_for_review(dataset=dataset, actor=actor)
    if return_note:
        satudata.return_dataset(dataset=dataset, actor=reviewer, note=return_note)
        services.submit_for_review(dataset=dataset, actor=actor)
    return services.publish_dataset(dataset=dataset, actor=reviewer)


class WalidataLogin:
    """The demo walidata's login, listed with the other demo logins."""

    def __init__(self, user, satker):
        self.user, self.satker = user, satker

    def describe(self) -> str:
        return (f"Login demo katalog (kata sandi / password: {DEMO_PASSWORD})\n"
                f"  {self.user.email:<38} {registry.role_label(WALIDATA):<34} "
                f"{self.satker.name}")


def _walidata(satker: Satker) -> User:
    """The demo walidata of ``satker`` (Satu Data: "a unit at KPU RI or the province")."""
    user, _created = User.objects.get_or_create(email=f"walidata-jateng@{DOMAIN}",
                                                defaults={"full_name": "Dewi Lestari"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.update_or_create(user=user, satker=satker, role=WALIDATA,
                                        defaults={"title": "Walidata (Satu Data)",
                                                  "is_active": True})
    return user


def _small_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _jepara_tables(workdir: Path) -> list[dict]:
    names, desa = _regions()
    rng = random.Random(3320)
    per_kecamatan: dict[str, list[str]] = defaultdict(list)
    for code in desa:
        if code.startswith(JEPARA + "."):
            per_kecamatan[code.rsplit(".", 1)[0]].append(code)
    tps_rows, participation_rows = [], []
    for kec_code in sorted(per_kecamatan):
        villages = per_kecamatan[kec_code]
        tps = sum(rng.randint(6, 14) for _ in villages)
        dpt = tps * rng.randint(215, 265)
        tps_rows.append([kec_code, names[kec_code], len(villages), tps, dpt])
        for year, base in ((2019, 0.80), (2024, 0.83)):
            voters = int(dpt * (0.96 if year == 2019 else 1))
            turnout = int(voters * rng.uniform(base - 0.05, base + 0.05))
            participation_rows.append([year, kec_code, names[kec_code], voters, turnout,
                                       round(100 * turnout / voters, 2)])
    budget_rows = [
        ["2024-01", "Sosialisasi tatap muka di kecamatan", "Sosialisasi", 145_000_000,
         138_250_000],
        ["2024-01", "Rumah Pintar Pemilu", "Pendidikan pemilih", 60_000_000, 58_900_000],
        ["2024-02", "Sosialisasi pemilih pemula di SMA/SMK", "Pendidikan pemilih",
         85_000_000, 84_100_000],
        ["2024-02", "Iklan layanan masyarakat radio lokal", "Media", 40_000_000, 39_500_000],
        ["2024-03", "Relawan demokrasi", "Partisipasi", 120_000_000, 117_600_000],
        ["2024-09", "Sosialisasi Pilkada Jepara 2024", "Sosialisasi", 210_000_000,
         0],
    ]
    return [
        dict(title="Daftar TPS per Kecamatan Pemilu 2024 Kabupaten Jepara",
             description="Jumlah desa, TPS dan pemilih (DPT) per kecamatan di Kabupaten "
                         "Jepara pada Pemilu 2024.",
             topics=["tps", "pemilih"], tags=["tps", "dpt", "pemilu 2024", "jepara"],
             resource_name="TPS per kecamatan", filename="tps-per-kecamatan-2024.csv",
             key_column="kode_kecamatan",
             path=_small_csv(workdir / "tps.csv", ["kode_kecamatan", "kecamatan",
                                                   "jumlah_desa", "jumlah_tps", "jumlah_dpt"],
                             tps_rows),
             temporal_start=date(2024, 2, 14), temporal_end=date(2024, 2, 14),
             update_frequency="per_election", activity_name="Pemutakhiran data pemilih",
             activity_period="2023–2024"),
        dict(title="Rekap Partisipasi Pemilih Kabupaten Jepara 2019 dan 2024",
             description="Pemilih terdaftar, pengguna hak pilih dan tingkat partisipasi per "
                         "kecamatan pada Pemilu 2019 dan 2024.",
             topics=["partisipasi", "pemilu"], tags=["partisipasi", "pemilu 2019",
                                                     "pemilu 2024", "jepara"],
             resource_name="Partisipasi per kecamatan", filename="partisipasi-jepara.csv",
             path=_small_csv(workdir / "partisipasi.csv",
                             ["tahun", "kode_kecamatan", "kecamatan", "pemilih_terdaftar",
                              "pengguna_hak_pilih", "partisipasi_persen"],
                             participation_rows),
             temporal_start=date(2019, 4, 17), temporal_end=date(2024, 2, 14),
             update_frequency="per_election", activity_name="Rekapitulasi partisipasi pemilih",
             activity_period="Pemilu 2019 dan 2024", indicators=[PARTICIPATION]),
        dict(title="Anggaran Sosialisasi dan Pendidikan Pemilih KPU Kabupaten Jepara 2024",
             description="Pagu dan realisasi kegiatan sosialisasi, pendidikan pemilih dan "
                         "partisipasi masyarakat tahun anggaran 2024.",
             topics=["anggaran", "partisipasi"], tags=["anggaran", "sosialisasi", "jepara"],
             resource_name="Pagu dan realisasi", filename="anggaran-sosialisasi-2024.csv",
             path=_small_csv(workdir / "anggaran.csv",
                             ["bulan", "kegiatan", "kelompok", "pagu", "realisasi"],
                             budget_rows),
             temporal_start=date(2024, 1, 1), temporal_end=date(2024, 12, 31),
             update_frequency="yearly", activity_name="Sosialisasi dan pendidikan pemilih",
             activity_period="Tahun anggaran 2024",
             return_note="Sebutkan satuan pagu dan realisasi (rupiah) di kamus data."),
    ]


def load_catalog_demo(stdout=None) -> WalidataLogin:
    """Publish the demo datasets (see the module docstring); returns the walidata login."""
    started = time.monotonic()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(f"  katalog: {message} ({time.monotonic() - started:.1f} s)\n")

    root = Satker.objects.get(code="0")
    jateng = Satker.objects.get(code="33")
    jepara = Satker.objects.get(code=JEPARA)
    admin, ppid = _actor("admin"), _actor("ppid-jepara")
    walidata = _walidata(jateng)
    if satudata.review_required(root):
        satudata.set_review_required(satker=root, actor=admin, required=False)
    full = os.environ.get("PRIMA_DEMO_FULL_TPS") == "1"
    common = dict(licence="CC-BY-4.0", source="Formulir Model C.Hasil (data demo, fiktif)",
                  activity_name="Rekapitulasi hasil penghitungan suara",
                  activity_method="Salinan formulir hasil penghitungan suara di TPS.",
                  activity_period="14 Februari – 20 Maret 2024",
                  contact_name="PPID KPU", contact_email="ppid@demo.kpu.go.id")
    created = []
    with tempfile.TemporaryDirectory(prefix="prima-demo-catalog-") as tmp:
        workdir = Path(tmp)
        title = "Hasil Penghitungan Suara Pemilu Presiden 2024 per TPS — Jawa Tengah"
        if not Dataset.objects.filter(satker=jateng, title=title).exists():
            rows = write_tps_csv(workdir / "jateng.csv", province="33")
            say(f"{rows} baris TPS Jawa Tengah dibuat")
            created.append(publish_table(
                satker=jateng, actor=admin, title=title, path=workdir / "jateng.csv",
                resource_name="Hasil per TPS", filename="hasil-tps-jawa-tengah-2024.csv",
                description="Perolehan suara tiga pasangan calon, suara sah dan tidak sah per "
                            "TPS di seluruh desa/kelurahan Jawa Tengah (data demo, fiktif).",
                topics=["pemilu", "tps"], tags=["hasil pemilu", "tps", "pilpres 2024",
                                                "jawa tengah"],
                spatial_code="33", temporal_start=date(2024, 2, 14),
                temporal_end=date(2024, 2, 14), update_frequency="per_election",
                activity_organiser="KPU Provinsi Jawa Tengah", reviewer=walidata, **common))
            say("Jawa Tengah terbit")
        title = ("Hasil Penghitungan Suara Pemilu Presiden 2024 per TPS — Nasional"
                 + ("" if full else " (sampel)"))
        if not Dataset.objects.filter(satker=root, title=title).exists():
            path = workdir / "nasional.csv"
            rows = _full_national_csv(path) if full else write_tps_csv(path,
                                                                       every=SAMPLE_EVERY)
            say(f"{rows} baris TPS nasional dibuat")
            description = ("Perolehan suara per TPS di seluruh Indonesia (data demo, fiktif)."
                           if full else
                           "Sampel nasional: TPS dari setiap desa/kelurahan ke-20 (data demo, "
                           "fiktif). Tabel lengkap ±750.000 baris dengan PRIMA_DEMO_FULL_TPS=1.")
            created.append(publish_table(
                satker=root, actor=admin, title=title, path=path,
                resource_name="Hasil per TPS", filename="hasil-tps-nasional-2024.csv",
                description=description, topics=["pemilu", "tps"],
                tags=["hasil pemilu", "tps", "pilpres 2024", "nasional"], spatial_code="0",
                temporal_start=date(2024, 2, 14), temporal_end=date(2024, 2, 14),
                update_frequency="per_election", activity_organiser="KPU RI", **common))
            say("nasional terbit")
        for spec in _jepara_tables(workdir):
            created.append(publish_table(
                satker=jepara, actor=ppid, spatial_code=JEPARA, reviewer=walidata,
                contact_name="PPID KPU Kabupaten Jepara", contact_email="jepara@demo.kpu.go.id",
                source="KPU Kabupaten Jepara (data demo, fiktif)",
                activity_organiser="KPU Kabupaten Jepara", **spec))
        say("dataset Jepara diperiksa walidata dan terbit")
    return WalidataLogin(walidata, jateng)
