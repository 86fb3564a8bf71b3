from django.conf import settings
from django.urls import reverse


def _nav() -> list[tuple[str, str]]:
    """The main navigation: every capability's entries (``Capability.nav``), in order."""
    from prima.core.registry import registry

    return [(entry.label, reverse(entry.url_name)) for entry in registry.nav()]


def prima(request):
    from prima.organisations.policies import is_staff_member

    user = getattr(request, "user", None)
    return {
        "prima_name": settings.PRIMA_SITE_NAME,
        "is_staff_member": bool(user and is_staff_member(user)),
        "prima_nav": _nav,  # a callable: evaluated only by pages that show the navigation
    }
