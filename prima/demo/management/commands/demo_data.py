from django.core.management.base import BaseCommand

from prima.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo: satker tree, KPU Kabupaten Jepara filled in, one login per role."

    def handle(self, *args, **options):
        from prima.demo.catalog_demo import load_catalog_demo
        from prima.demo.inforequests_demo import load_inforequests_demo
        from prima.demo.reform_demo import load_reform_demo

        result = load_demo()
        load_inforequests_demo()
        load_reform_demo()
        load_catalog_demo(stdout=self.stdout)
        self.stdout.write(result.describe())
