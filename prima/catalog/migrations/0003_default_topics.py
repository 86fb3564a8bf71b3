from django.db import migrations

# The themes of a KPU data catalog (CKAN "groups"); satkers can add more in the admin.
TOPICS = [
    ("pemilu", "Pemilu dan pemilihan", "Hasil, rekapitulasi dan tahapan pemilu serta pemilihan."),
    ("pemilih", "Data pemilih", "Daftar pemilih, DPT dan pemutakhiran data pemilih."),
    ("partisipasi", "Partisipasi masyarakat",
     "Partisipasi pemilih, sosialisasi dan pendidikan pemilih."),
    ("peserta", "Peserta pemilu", "Partai politik, calon dan pasangan calon."),
    ("tps", "TPS dan logistik", "Tempat pemungutan suara, logistik dan distribusinya."),
    ("anggaran", "Anggaran dan keuangan", "Anggaran, realisasi dan pengadaan."),
    ("kelembagaan", "Kelembagaan dan SDM", "Satker, badan ad hoc, pegawai dan organisasi."),
    ("hukum", "Hukum dan sengketa", "Peraturan, keputusan, sengketa dan pelanggaran."),
    ("wilayah", "Wilayah dan daerah pemilihan", "Kode wilayah, dapil dan alokasi kursi."),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    for slug, name, description in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name,
                                                            "description": description})


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    Topic.objects.filter(slug__in=[slug for slug, *_ in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_default_licences")]
    operations = [migrations.RunPython(add_topics, remove_topics)]
