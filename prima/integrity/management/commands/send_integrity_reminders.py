import datetime as dt

from django.core.management.base import BaseCommand

from prima.integrity.tasks import send_reminders


class Command(BaseCommand):
    help = ("Email every active employee who has not yet signed the integrity pact in force "
            "(run daily; one email per person per day).")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None,
                            help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        sent = send_reminders(options["date"])
        self.stdout.write(f"reminders={sent}")
