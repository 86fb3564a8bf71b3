from django.db import migrations

LICENCES = [
    ("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/", True),
    ("CC-BY-SA-4.0", "Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", True),
    ("CC0-1.0", "Creative Commons CCZero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", True),
    ("ODbL-1.0", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/", True),
    ("other-closed", "Lainnya (tidak terbuka)", "", False),
]


def add_licences(apps, schema_editor):
    Licence = apps.get_model("catalog", "Licence")
    for pk, title, url, is_open in LICENCES:
        Licence.objects.update_or_create(id=pk, defaults={"title": title, "url": url,
                                                          "is_open": is_open})


def remove_licences(apps, schema_editor):
    Licence = apps.get_model("catalog", "Licence")
    Licence.objects.filter(id__in=[pk for pk, *_ in LICENCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(add_licences, remove_licences)]
