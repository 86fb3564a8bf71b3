from django.core.management.base import BaseCommand

from prima.core.mail import send_due


class Command(BaseCommand):
    help = "Deliver every pending email in the outbox that is due (run periodically)."

    def handle(self, *args, **options):
        sent, failed = send_due()
        self.stdout.write(f"sent={sent} failed={failed}")
