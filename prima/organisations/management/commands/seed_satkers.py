from django.core.management.base import BaseCommand

from prima.organisations.seed import seed_satkers


class Command(BaseCommand):
    help = "Create or update KPU RI, the 38 KPU Provinsi and 514 KPU Kabupaten/Kota."

    def handle(self, *args, **options):
        created, updated = seed_satkers()
        self.stdout.write(self.style.SUCCESS(f"satker: {created} dibuat, {updated} diperbarui"))
