from django.core.management.base import BaseCommand

from prima.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo: satker tree, KPU Kabupaten Jepara filled in, one login per role."

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(result.describe())
