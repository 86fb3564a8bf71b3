"""English names of the areas of change, and the regime of PermenPANRB 9/2023 for the plans of
2024 and later (reform-evaluation.md: 26/2020 was replaced by 9/2023).

The areas of an action plan under 9/2023 are UNCONFIRMED (the domain notes list only part of the
RB General worksheet): the eight areas of 26/2020 are carried over as data, marked as such in the
regime's name, and can be changed in the admin without code."""

import datetime

from django.db import migrations, models

ENGLISH = {
    1: "Change management",
    2: "Policy deregulation",
    3: "Organisation",
    4: "Business processes",
    5: "Human resource management",
    6: "Accountability",
    7: "Supervision",
    8: "Public service quality",
}
AREAS_2023 = [  # UNCONFIRMED for 9/2023: carried over from 26/2020
    (1, "Manajemen Perubahan"),
    (2, "Deregulasi Kebijakan"),
    (3, "Penataan Organisasi"),
    (4, "Penataan Tata Laksana"),
    (5, "Penataan Sistem Manajemen SDM Aparatur"),
    (6, "Penguatan Akuntabilitas"),
    (7, "Penguatan Pengawasan"),
    (8, "Peningkatan Kualitas Pelayanan Publik"),
]


def add_regime_2023(apps, schema_editor):
    """Idempotent (also reference data for tests): the 9/2023 regime from 2024, and the English
    names of every regime's areas by number."""
    Regime = apps.get_model("reform", "Regime")
    AreaOfChange = apps.get_model("reform", "AreaOfChange")
    regime, _ = Regime.objects.update_or_create(
        code="permenpanrb-9-2023",
        defaults={"name": "Evaluasi Reformasi Birokrasi (area perubahan belum terkonfirmasi)",
                  "legal_basis": "Peraturan Menteri PANRB Nomor 9 Tahun 2023; "
                                 "Keputusan Menteri PANRB Nomor 739 Tahun 2023",
                  "valid_from": datetime.date(2024, 1, 1), "valid_until": None})
    for number, name in AREAS_2023:
        AreaOfChange.objects.update_or_create(regime=regime, number=number,
                                              defaults={"name": name})
    for number, english in ENGLISH.items():
        AreaOfChange.objects.filter(number=number, name_en="").update(name_en=english)


def remove_regime_2023(apps, schema_editor):
    Regime = apps.get_model("reform", "Regime")
    AreaOfChange = apps.get_model("reform", "AreaOfChange")
    AreaOfChange.objects.filter(regime__code="permenpanrb-9-2023").delete()
    Regime.objects.filter(code="permenpanrb-9-2023").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reform", "0005_rename_reminder_action"),
    ]

    operations = [
        migrations.AddField(
            model_name="areaofchange",
            name="name_en",
            field=models.CharField(blank=True, max_length=200,
                                   verbose_name="nama (bahasa Inggris)"),
        ),
        migrations.RunPython(add_regime_2023, remove_regime_2023),
    ]
