"""Two-factor authentication is required of administrators and evaluators (issue 2).

A signed-in person holding such a role who has not passed a TOTP check in this session is
sent to verify (or, with no device yet, to set one up) before any other page.
"""

from django.shortcuts import redirect
from django.urls import reverse

from prima.organisations.choices import Role
from prima.organisations.policies import memberships_of

TWO_FACTOR_ROLES = {Role.ADMIN, Role.EVALUATOR}
# Account pages (login, logout, 2FA set-up and check) live under /akun/.
ALWAYS_ALLOWED_PREFIXES = ("/akun/", "/static/", "/media/", "/i18n/", "/jsi18n/", "/sehat/")


def requires_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(m.role in TWO_FACTOR_ROLES for m in memberships_of(user))


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and requires_two_factor(user) and not user.is_verified():
            path = request.path
            if not path.startswith(ALWAYS_ALLOWED_PREFIXES):
                from django_otp import devices_for_user

                has_device = any(True for _ in devices_for_user(user, confirmed=True))
                target = "accounts:otp-verify" if has_device else "accounts:otp-setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
