from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InforequestsConfig(AppConfig):
    name = "prima.inforequests"
    label = "inforequests"
    verbose_name = _("Permohonan informasi publik")
