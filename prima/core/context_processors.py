from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The navigation per (capabilities discovered, URL prefix, URLconf): the same on every page, so
# its URLs are reversed once per process, not on every request (issue 13). The labels stay lazy
# and are translated when the page is written, in the reader's language.
_nav_memo: tuple = (None, None, None, [])  # capabilities, prefix, urlconf, entries


def navigation() -> list[tuple[str, str]]:
    """The main navigation: every capability's entries (``Capability.nav``), in order."""
    from prima.core.registry import registry

    capabilities, prefix, urlconf = registry.capabilities(), get_script_prefix(), get_urlconf()
    global _nav_memo  # noqa: PLW0603 - one tuple, replaced whole (safe across threads)
    memo = _nav_memo
    if memo[0] is capabilities and memo[1] == prefix and memo[2] == urlconf:
        return memo[3]
    entries = [(entry.label, reverse(entry.url_name)) for entry in registry.nav()]
    _nav_memo = (capabilities, prefix, urlconf, entries)
    return entries


def prima(request):
    from prima.organisations.policies import is_staff_member

    user = getattr(request, "user", None)
    return {
        "prima_name": settings.PRIMA_SITE_NAME,
        "is_staff_member": bool(user and is_staff_member(user)),
        "prima_nav": navigation,  # a callable: evaluated only by pages that show the navigation
    }
