from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "prima.surveys"
    label = "surveys"
    verbose_name = _("Survei kepuasan masyarakat")

    def ready(self):
        # Infrastructure hook (STYLE.md allows signals only for this): when an information
        # request is delivered, the surveys app queues an invitation to the SKM. The
        # inforequests app sends ``request_delivered`` and does not know this app.
        from prima.inforequests.signals import request_delivered

        from .invitations import invite_after_delivery

        request_delivered.connect(invite_after_delivery, dispatch_uid="surveys.invite")
