from django.core.management.base import BaseCommand

from prima.inforequests.services.retention import anonymise_expired


class Command(BaseCommand):
    help = ("Anonymise information requesters' personal data (NIK, address, phone, "
            "attachments) after the retention period (run daily; idempotent).")

    def handle(self, *args, **options):
        self.stdout.write(f"anonymised={anonymise_expired()}")
