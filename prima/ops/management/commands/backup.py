"""``prima backup DEST``: the database and every stored file to a directory or s3://bucket/prefix
(prima/ops/backup.py)."""

from django.core.management.base import BaseCommand

from prima.ops.backup import backup


class Command(BaseCommand):
    help = ("Cadangkan basis data dan semua berkas ke direktori atau s3://bucket/awalan / "
            "Back up the database and every stored file to a directory or s3://bucket/prefix.")

    def add_arguments(self, parser):
        parser.add_argument("destination")

    def handle(self, *, destination, **options):
        summary = backup(destination)
        self.stdout.write(self.style.SUCCESS(
            f"{destination}: {summary.rows} baris, {summary.files} berkas "
            f"({summary.bytes} byte)"))
