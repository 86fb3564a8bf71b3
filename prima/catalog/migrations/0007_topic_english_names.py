"""The topics' names in English (translated data, shown on English pages)."""

from django.db import migrations, models

ENGLISH = {
    "pemilu": "Elections", "pemilih": "Voter data", "partisipasi": "Public participation",
    "peserta": "Election contestants", "tps": "Polling stations and logistics",
    "anggaran": "Budget and finance", "kelembagaan": "Institutions and staff",
    "hukum": "Law and disputes", "wilayah": "Regions and electoral districts",
}


def add_english_names(apps, schema_editor):
    """Idempotent (also reference data for tests): the default topics' English names."""
    Topic = apps.get_model("catalog", "Topic")
    for slug, english in ENGLISH.items():
        Topic.objects.filter(slug=slug, name_en="").update(name_en=english)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0006_merge_0005_export_jobs_0005_satu_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="name_en",
            field=models.CharField(blank=True, max_length=120,
                                   verbose_name="nama (bahasa Inggris)"),
        ),
        migrations.RunPython(add_english_names, migrations.RunPython.noop),
    ]
