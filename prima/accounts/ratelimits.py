"""Rate limits on sign-in and password-reset POSTs (django-ratelimit).

The decorator blocks; the block is answered here by ``settings.RATELIMIT_VIEW`` (a 429 page),
so the limit works whether or not django-ratelimit's middleware is installed.
"""

from functools import wraps

from django.conf import settings
from django.utils.module_loading import import_string
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

LOGIN_RATE = "20/m"
RESET_RATE = "20/m"
OTP_RATE = "20/m"


def limit_posts(*, group: str, rate: str, key: str = "ip"):
    def decorator(view):
        limited = ratelimit(group=group, key=key, rate=rate, method="POST", block=True)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return limited(request, *args, **kwargs)
            except Ratelimited as exc:
                return import_string(settings.RATELIMIT_VIEW)(request, exc)

        return wrapper

    return decorator
