from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceStandardsConfig(AppConfig):
    name = "prima.servicestandards"
    label = "servicestandards"
    verbose_name = _("Standar pelayanan")
