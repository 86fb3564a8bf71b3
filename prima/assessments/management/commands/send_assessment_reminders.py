import datetime as dt

from django.core.management.base import BaseCommand

from prima.assessments.tasks import send_reminders


class Command(BaseCommand):
    help = ("Email satkers still filling a self-assessment worksheet on the reminder days before "
            "the national submission deadline (run daily; one email per assessment per day).")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None,
                            help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        sent = send_reminders(options["date"])
        self.stdout.write(f"reminders={sent}")
