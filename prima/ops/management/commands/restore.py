"""``prima restore SOURCE --yes``: replace the database and write the stored files back from a
backup made by ``prima backup`` (prima/ops/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from prima.ops.backup import RestoreError, restore


class Command(BaseCommand):
    help = ("Pulihkan basis data dan berkas dari cadangan (MENGGANTI seluruh isi basis data) / "
            "Restore the database and files from a backup (REPLACES all database content).")

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--yes", action="store_true",
                            help="confirm that every row of the current database is replaced")

    def handle(self, *, source, yes, **options):
        if not yes:
            raise CommandError("Pemulihan mengganti seluruh isi basis data; ulangi dengan --yes "
                               "/ restore replaces the whole database; repeat with --yes.")
        try:
            summary = restore(source)
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{source}: {summary.rows} baris, {summary.files} berkas dipulihkan"))
