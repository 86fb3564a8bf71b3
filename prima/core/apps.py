from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(sender, using="default", verbosity=1, **kwargs):
    """The database cache (rate limits on the embedded default) needs its table: ``migrate``
    creates it, so the demo, the tests and every deployment have it (infrastructure only)."""
    from django.conf import settings
    from django.core.management import call_command

    if any(conf["BACKEND"].endswith("DatabaseCache") for conf in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "prima.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self):
        post_migrate.connect(_create_cache_table, sender=self,
                             dispatch_uid="prima.core.create_cache_table")
        from . import pagecache
        from .registry import registry

        pagecache.connect_signals()

        # Discover every capability now, so a broken declaration fails at start-up.
        registry.reset()
        registry.capabilities()
