from django.core.management.base import BaseCommand

from prima.inforequests.tasks import send_reminders


class Command(BaseCommand):
    help = ("Email PPID officers about information requests due within 2 working days or "
            "overdue, and objections due soon (run daily from cron; idempotent per day).")

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"reminders={sent}")
