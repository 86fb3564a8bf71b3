from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "prima.integrity"
    label = "integrity"
    verbose_name = _("Zona integritas")
