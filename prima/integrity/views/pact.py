"""The person's own integrity pact: read the text in force, sign it after re-entering the
password, download the signed pact. Nothing here takes a user id: the signer is always the
person of the session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from .. import pdfs, services
from ..forms import SignForm
from ..models import PactVersion, Signature
from ..policies import can_see_signature, signing_satker
from .common import error_text, pdf_response

SIGN_RATE = "10/h"  # signing attempts per person: a password is not guessed in a session


def _employee_satker(request):
    satker = signing_satker(request.user)
    if satker is None:
        raise Http404(_("Halaman ini untuk pegawai satker."))
    return satker


def _page(request, satker, version, form, status=200):
    mine = list(Signature.objects.filter(user=request.user).select_related("version", "satker")
                .order_by("-signed_at"))
    signed = next((s for s in mine if version is not None and s.version_id == version.pk),
                  None)
    return render(request, "integrity/staff/pact.html", {
        "satker": satker, "version": version, "form": form, "signed": signed,
        "signatures": mine}, status=status)


@login_required
@require_GET
def my_pact(request):
    satker = _employee_satker(request)
    version = PactVersion.objects.current()
    form = SignForm(initial={"text_sha256": version.text_sha256}) if version else None
    return _page(request, satker, version, form)


@login_required
@require_POST
def sign(request, pk):
    """Sign version ``pk`` as the person of this session, after re-authentication."""
    satker = _employee_satker(request)
    version = get_object_or_404(PactVersion, pk=pk)
    form = SignForm(request.POST)
    if is_ratelimited(request, group="integrity-sign", key="user", rate=SIGN_RATE,
                      method="POST", increment=True):
        form.is_valid()
        form.add_error(None, _("Terlalu banyak percobaan. Coba lagi nanti."))
        return _page(request, satker, PactVersion.objects.current(), form, status=429)
    if form.is_valid():
        try:
            signature = services.sign_pact(
                user=request.user, version=version, password=form.cleaned_data["password"],
                text_sha256=form.cleaned_data["text_sha256"],
                ip_address=request.META.get("REMOTE_ADDR"))
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Pakta integritas telah Anda tanda tangani. Kode "
                                        "verifikasi: %(code)s.")
                             % {"code": signature.display_code})
            return redirect("integrity:staff-pact")
    current = PactVersion.objects.current()
    if current is not None:  # the form shown again signs the text in force
        form.data = form.data.copy()
        form.data["text_sha256"] = current.text_sha256
    return _page(request, satker, current, form, status=200)


@login_required
@require_GET
def signature_pdf(request, pk):
    signature = get_object_or_404(Signature.objects.select_related("version", "satker"), pk=pk)
    if not can_see_signature(request.user, signature):
        raise Http404
    return pdf_response(pdfs.signature_pdf(signature),
                        f"pakta-integritas-{signature.code}.pdf")
