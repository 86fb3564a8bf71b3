"""The guard of every public form (a citizen's request, objection, tracking lookup, a survey):
written once, used by every app.

Three parts:

- ``PublicFormGuard``, a form mixin: a honeypot field that only bots fill, and a signed moment at
  which the form was shown, so a submission faster than a person could type (``min_seconds``) or
  older than ``max_age`` is refused as a whole with one message. A refused or invalid form is
  re-rendered with a fresh moment, so an expired page recovers by submitting again.
- ``guard_posts``, a view decorator: a rate limit on POSTs per IP address and per form
  (django-ratelimit, counted in the shared cache, so every web worker sees the same count);
  over the limit the site's 429 page (``settings.RATELIMIT_VIEW``) answers. ``over_limit``
  counts a POST the same way for an API endpoint that shares a form's allowance.
- ``core/public_form_guard.html``, the template include with the hidden parts of the form
  (``{% include "core/public_form_guard.html" %}`` inside the ``<form>``).

Forms that render through ``includes/form.html`` need no include: the honeypot counts as a
hidden field there, rendered without a label and hidden from people and screen readers.
"""

from __future__ import annotations

import time
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

TOKEN_SALT = "prima.core.public-form"  # noqa: S105 - a signing salt, not a secret
HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret
# A person needs a few seconds to fill in a form; a bot posts at once.
MIN_FILL_SECONDS = 3
# An old page is refused (people take their time, but not days): the next render is fresh.
MAX_AGE_SECONDS = 24 * 3600

REFUSED = _("Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali.")
EXPIRED = _("Formulir sudah terlalu lama dibuka. Periksa isian Anda lalu kirim kembali.")
TOO_FAST = _("Formulir dikirim terlalu cepat. Periksa isian Anda lalu kirim kembali.")


def issue_token(issued_at: float | None = None) -> str:
    """A signed moment at which a form was shown (now by default)."""
    return signing.dumps({"t": time.time() if issued_at is None else issued_at},
                         salt=TOKEN_SALT, compress=True)


def token_age(token: str, *, max_age: float = MAX_AGE_SECONDS) -> float:
    """Seconds since ``token`` was issued; ``signing.SignatureExpired`` past ``max_age``,
    ``signing.BadSignature`` (or ``ValueError``) for anything not issued by ``issue_token``."""
    payload = signing.loads(token or "", salt=TOKEN_SALT)
    try:
        age = time.time() - float(payload["t"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError("not a form token") from exc
    if age > max_age:
        raise signing.SignatureExpired(f"Form token age {age:.0f} > {max_age} seconds")
    return age


class HoneypotInput(forms.TextInput):
    """A text input for bots only: out of the tab order, not autofilled, hidden from screen
    readers and (by the ``visually-hidden`` class) from sight.

    It counts as a hidden widget, so generic form templates render it among the hidden fields,
    without a label."""

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true",
                          "class": "visually-hidden", **(attrs or {})})

    @property
    def is_hidden(self) -> bool:
        return True


class PublicFormGuard(forms.Form):
    """Mix into a public form (first among its bases): ``class F(PublicFormGuard, forms.Form)``.

    ``guard_min_seconds`` and ``guard_max_age`` may be set per form. After ``is_valid()``,
    ``form.spam`` tells whether the submission was refused by the guard.
    """

    guard_min_seconds: float = MIN_FILL_SECONDS
    guard_max_age: int = MAX_AGE_SECONDS

    website = forms.CharField(label=_("Jangan diisi"), required=False, widget=HoneypotInput)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each rendering of an unbound form carries a fresh moment.
        self.fields[TOKEN_FIELD].initial = issue_token()
        self.spam = False

    def guard_message(self):
        """Why the whole submission is refused, or ``None`` when it looks human."""
        if self.cleaned_data.get(HONEYPOT_FIELD):
            return REFUSED
        try:
            age = token_age(self.cleaned_data.get(TOKEN_FIELD) or "",
                            max_age=self.guard_max_age)
        except signing.SignatureExpired:
            return EXPIRED
        except (signing.BadSignature, ValueError):
            return REFUSED
        if age < self.guard_min_seconds:
            return TOO_FAST
        return None

    def clean(self):
        message = self.guard_message()
        if message:
            # One message for the whole form (a person also sees the fields' own errors, to
            # check them before sending again).
            self.spam = True
            raise ValidationError(message, code="spam")
        return super().clean()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            self.renew_token()

    def renew_token(self) -> None:
        """Give a re-rendered (refused or invalid) form a fresh moment."""
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = issue_token()


def over_limit(request, *, group: str, rate: str) -> bool:
    """Count this POST against ``group``'s allowance for the client's IP address; whether the
    allowance is used up (always ``False`` with ``RATELIMIT_ENABLE`` off)."""
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST",
                          increment=True)


def guard_posts(*, group: str, rate: str):
    """A view decorator: at most ``rate`` (e.g. ``"20/h"``) POSTs per IP address to the form
    ``group``; GETs are never counted. Over the limit the 429 page answers."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and over_limit(request, group=group, rate=rate):
                return import_string(settings.RATELIMIT_VIEW)(request, Ratelimited())
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
