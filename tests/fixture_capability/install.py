"""Install the test-only capability for a while, as if it were listed in ``PRIMA_APPS``."""

import sys
from contextlib import contextmanager

from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches

APP = "tests.fixture_capability"
# The site's URLs, built again by ``prima.urls.build`` (what the site runs at start-up).
URLCONF = "tests.fixture_capability.urlconf"


def _forget_urlconf():
    sys.modules.pop(URLCONF, None)
    clear_url_caches()


@contextmanager
def installed():
    """The registry reads the installed apps again (``INSTALLED_APPS`` changed), and the URLs
    are built again with this capability's; both are undone on leaving."""
    import prima.urls  # noqa: F401 - the site's own URLs are built before, without it
    from prima.core.registry import registry

    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, APP],
                           ROOT_URLCONF=URLCONF):
        _forget_urlconf()
        try:
            yield registry.get("fixture_capability")
        finally:
            _forget_urlconf()
