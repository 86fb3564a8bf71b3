"""Sign-in, two-factor authentication, passwords and invitations (pages under /akun/)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice

from prima.core import audit

from .. import services, two_factor
from ..choices import AuditAction
from ..forms import AcceptInvitationForm, LoginForm, ResetPasswordForm, SetupTokenForm, TokenForm
from ..middleware import requires_two_factor
from ..models import User
from ..ratelimits import LOGIN_RATE, OTP_RATE, RESET_RATE, limit_posts

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request) -> str:
    """The ``next`` address from the query or form, if it stays on this site; else ``""``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def two_factor_url(user, next_url: str) -> str:
    has_device = two_factor.has_confirmed_device(user)
    target = "accounts:otp-verify" if has_device else "accounts:otp-setup"
    return f"{reverse(target)}?{urlencode({'next': next_url})}"


@method_decorator(limit_posts(group="login", rate=LOGIN_RATE), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    # Never redirect a signed-in person away: with a ``next`` they could not open (the Django
    # admin, say) that would loop; the page explains instead (see the template).
    redirect_authenticated_user = False

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.get_redirect_url():
            return HttpResponseRedirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signed_in_without_access"] = (self.request.user.is_authenticated
                                               and bool(self.get_redirect_url()))
        return context

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        next_url = self.get_success_url()
        if requires_two_factor(user):
            return redirect(two_factor_url(user, next_url))
        return HttpResponseRedirect(next_url)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule), so a link cannot sign anyone out."""


@never_cache
@login_required
def otp_setup(request):
    user = request.user
    next_url = safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)
    if two_factor.has_confirmed_device(user) and not user.is_verified():
        # Replacing a device needs the current one first, or a stolen password would suffice.
        return redirect(two_factor_url(user, next_url))
    device = two_factor.pending_totp_device(user)
    form = SetupTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_totp_device(user=user, device=device,
                                               token=form.cleaned_data["token"])
        if codes is not None:
            two_factor.verified_login(request, device)
            return render(request, "accounts/otp_backup_codes.html",
                          {"codes": codes, "next_url": next_url})
        form.add_error("token", _("Kode tidak cocok. Pastikan jam ponsel Anda tepat, lalu "
                                  "masukkan kode yang sedang tampil di aplikasi."))
    return render(request, "accounts/otp_setup.html", {
        "form": form,
        "next_url": next_url,
        "qr_svg": two_factor.qr_code_svg(device.config_url),
        "secret": two_factor.secret_base32(device),
        "replacing": two_factor.has_confirmed_device(user),
    })


@never_cache
@login_required
@limit_posts(group="otp-verify", rate=OTP_RATE, key="user_or_ip")
def otp_verify(request):
    user = request.user
    next_url = safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)
    if not two_factor.has_confirmed_device(user):
        return redirect(two_factor_url(user, next_url))
    if user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = two_factor.match_device(user, form.cleaned_data["token"])
        if device is not None:
            two_factor.verified_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("Anda masuk dengan kode cadangan. Sisa kode "
                                            "cadangan: %(n)d.") % {"n": left})
            return redirect(next_url)
        if throttled:
            form.add_error("token", _("Terlalu banyak kode salah. Tunggu beberapa detik, lalu "
                                      "coba lagi."))
        else:
            form.add_error("token", _("Kode salah. Masukkan 6 angka dari aplikasi "
                                      "autentikator atau salah satu kode cadangan Anda."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next_url": next_url})


@method_decorator(limit_posts(group="password-reset", rate=RESET_RATE),
                  name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetPasswordForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")
    extra_email_context = {"site_name": settings.PRIMA_SITE_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(form.user, actor=form.user, action=AuditAction.PASSWORD_RESET, changes={})
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password-change-done")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and requires_two_factor(user) and not user.is_verified():
            return redirect(two_factor_url(user, request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # form.user is request.user's lazy proxy; the audit trail needs the model instance.
        user = User.objects.get(pk=form.user.pk)
        audit.record(user, actor=user, action=AuditAction.PASSWORD_CHANGED, changes={})
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def _invalid_invitation(request, error: ValidationError):
    status = 404 if error.code == "unknown" else 410
    return render(request, "accounts/invitation_invalid.html",
                  {"message": error.messages[0]}, status=status)


@never_cache
def invitation_accept(request, token):
    try:
        invitation = services.find_invitation(token)
    except ValidationError as exc:
        return _invalid_invitation(request, exc)
    user = request.user
    signed_in = user.is_authenticated
    wrong_user = signed_in and user.email.lower() != invitation.email.lower()
    has_account = (not signed_in
                   and User.objects.filter(email__iexact=invitation.email).exists())
    form = None
    if not signed_in and not has_account:
        form = AcceptInvitationForm(request.POST or None,
                                    initial={"full_name": invitation.full_name})
    if request.method == "POST" and not wrong_user and not has_account:
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                membership = services.accept_invitation(
                    token=token, user=user if signed_in else None,
                    full_name=data.get("full_name", ""), password=data.get("password", ""),
                )
            except ValidationError as exc:
                if form is not None and hasattr(exc, "error_dict"):
                    form.add_error(None, exc)
                else:
                    return _invalid_invitation(request, exc)
            else:
                if not signed_in:
                    auth_login(request, membership.user, backend=MODEL_BACKEND)
                messages.success(request, _("Selamat bergabung: Anda kini %(role)s di "
                                            "%(satker)s.") % {
                    "role": membership.get_role_display(), "satker": membership.satker})
                return redirect(settings.LOGIN_REDIRECT_URL)
    login_url = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
    return render(request, "accounts/invitation_accept.html", {
        "invitation": invitation, "form": form, "wrong_user": wrong_user,
        "has_account": has_account, "login_url": login_url,
    })
