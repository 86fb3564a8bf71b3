"""The Django admin is for system administrators only, and only after two-factor verification."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def otp_admin_login_required(site):
    original_has_permission = site.has_permission

    def has_permission(request):
        from prima.organisations.policies import is_system_admin

        user = request.user
        return (original_has_permission(request) and is_system_admin(user)
                and user.is_verified())

    def login(request, extra_context=None):
        if has_permission(request):
            return redirect("admin:index")
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect(f"{reverse('accounts:login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")

    site.has_permission = has_permission
    site.login = login
    return site
