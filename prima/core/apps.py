from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "prima.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self):
        from .registry import registry

        # Discover every capability now, so a broken declaration fails at start-up.
        registry.reset()
        registry.capabilities()
