from django.core.management.base import BaseCommand

from prima.demo.loader import run_demo


class Command(BaseCommand):
    help = "Load the demo: satker tree, KPU Kabupaten Jepara filled in, one login per role."

    def handle(self, *args, **options):
        for description in run_demo(stdout=self.stdout):
            self.stdout.write(description)
