"""Build (again) the aggregate indexes of tables written before they existed, or after the
rollup settings changed: ``manage.py catalog_rollups [--resource-version ID ...]``."""

from django.core.management.base import BaseCommand

from prima.catalog.choices import VersionStatus
from prima.catalog.engine import files
from prima.catalog.engine.safety import new_connection
from prima.catalog.models import ResourceVersion


class Command(BaseCommand):
    help = "Membangun indeks agregat (rollup) tabel katalog / Build the catalog's rollups."

    def add_arguments(self, parser):
        parser.add_argument("--resource-version", type=int, action="append", dest="versions",
                            help="only this version id (repeatable); default: every table of a "
                                 "published or in-review version")

    def handle(self, *args, versions=None, **options):
        qs = ResourceVersion.objects.exclude(parquet_path="").exclude(schema=[])
        if versions:
            qs = qs.filter(pk__in=versions)
        else:
            qs = qs.filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.REVIEW])
        built = 0
        conn = new_connection(lock=False)
        try:
            for version in qs.order_by("pk").only("pk", "schema", "parquet_path"):
                levels = files.rebuild_rollups(conn, version)
                built += bool(levels)
                self.stdout.write(f"versi {version.pk}: {len(levels)} tingkat "
                                  f"({', '.join(str(level['rows']) for level in levels) or '-'})")
        finally:
            conn.close()
        self.stdout.write(self.style.SUCCESS(f"{built} tabel kini memiliki rollup."))
