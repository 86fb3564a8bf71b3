"""Site actions: the site's status and the documentation of each action."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..params import required

CKAN_VERSION = "2.10.4"  # the CKAN release whose API shapes this adapter follows


def status_show(request, params):
    """Site information and the CKAN version whose API this site follows."""
    return {
        "site_title": str(settings.PRIMA_SITE_NAME),
        "site_description": _("Katalog data terbuka satuan kerja KPU."),
        "site_url": settings.PRIMA_BASE_URL,
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": ["datastore"],
    }


def help_show(request, params):
    """The documentation of an action."""
    from . import ACTIONS

    name = required(params, "name")
    if name not in ACTIONS:
        raise NotFound(_("Aksi tidak ditemukan: %(name)s") % {"name": name})
    return " ".join((ACTIONS[name].__doc__ or "").split())
