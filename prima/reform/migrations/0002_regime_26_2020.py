import datetime

from django.db import migrations

# PermenPANRB 26/2020 (domain reform-evaluation.md): the eight areas of change.
AREAS = [
    (1, "Manajemen Perubahan"),
    (2, "Deregulasi Kebijakan"),
    (3, "Penataan Organisasi"),
    (4, "Penataan Tata Laksana"),
    (5, "Penataan Sistem Manajemen SDM Aparatur"),
    (6, "Penguatan Akuntabilitas"),
    (7, "Penguatan Pengawasan"),
    (8, "Peningkatan Kualitas Pelayanan Publik"),
]


def add_regime(apps, schema_editor):
    Regime = apps.get_model("reform", "Regime")
    AreaOfChange = apps.get_model("reform", "AreaOfChange")
    regime, _ = Regime.objects.update_or_create(
        code="permenpanrb-26-2020",
        defaults={"name": "Pedoman Evaluasi Pelaksanaan Reformasi Birokrasi",
                  "legal_basis": "Peraturan Menteri PANRB Nomor 26 Tahun 2020",
                  "valid_from": datetime.date(2020, 5, 1),
                  "valid_until": datetime.date(2023, 12, 31)})
    for number, name in AREAS:
        AreaOfChange.objects.update_or_create(regime=regime, number=number,
                                              defaults={"name": name})


def remove_regime(apps, schema_editor):
    Regime = apps.get_model("reform", "Regime")
    AreaOfChange = apps.get_model("reform", "AreaOfChange")
    AreaOfChange.objects.filter(regime__code="permenpanrb-26-2020").delete()
    Regime.objects.filter(code="permenpanrb-26-2020").delete()


class Migration(migrations.Migration):
    dependencies = [("reform", "0001_initial")]
    operations = [migrations.RunPython(add_regime, remove_regime)]
