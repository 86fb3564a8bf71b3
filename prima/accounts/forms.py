from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UsernameField
from django.utils.translation import gettext_lazy as _

from prima.core.mail import compose
from prima.core.registry import registry


class LoginForm(AuthenticationForm):
    """Sign-in by email and password."""

    username = UsernameField(
        label=_("Email"), max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Email atau kata sandi salah. Periksa kembali lalu coba lagi. "
                           "Setelah beberapa kali gagal, akun dikunci sementara."),
        "inactive": _("Akun ini tidak aktif. Hubungi administrator satker Anda."),
    }


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app (or, when verifying, a backup code)."""

    token = forms.CharField(
        label=_("Kode verifikasi"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "autocapitalize": "off", "spellcheck": "false"}),
    )


class SetupTokenForm(TokenForm):
    token = forms.RegexField(
        label=_("Kode 6 angka dari aplikasi"), regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Masukkan 6 angka yang tampil di aplikasi autentikator.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    role = forms.ChoiceField(label=_("Peran"), choices=())

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, registry.role_label(r)) for r in roles]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran baru"), choices=())

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, registry.role_label(r)) for r in roles]


class AcceptInvitationForm(forms.Form):
    """A new account's name and password; the email is the invited one."""

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    password = forms.CharField(
        label=_("Kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter, tidak hanya angka, dan tidak mudah ditebak."),
    )
    password_confirm = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("Kedua kata sandi tidak sama."))
        return data


class ResetPasswordForm(PasswordResetForm):
    """Django's password reset, with the email written the one way Prima writes email
    (``core.mail.compose``: templates, outbox, retries) in the language of the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        compose(to=[to_email], template=email_template_name.removesuffix(".txt"),
                subject_template=subject_template_name, context=context, language=None)
