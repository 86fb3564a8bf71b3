"""The pact text, kept by the writers of KPU RI: drafts, edits, and publication (after a
confirmation: a published text never changes and everyone is asked to sign it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page

from .. import services
from ..forms import VersionForm
from ..models import PactVersion
from ..policies import can_publish
from .common import error_text


def _publisher(request):
    if not can_publish(request.user):
        raise Http404(_("Halaman ini untuk pengelola pakta integritas KPU RI."))


@login_required
@require_GET
def version_list(request):
    _publisher(request)
    return render(request, "integrity/staff/versions.html", {
        "versions": PactVersion.objects.select_related("published_by").order_by("-number"),
        "current": PactVersion.objects.current()})


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request):
    _publisher(request)
    current = PactVersion.objects.current()
    initial = ({"period": current.period, "title": current.title, "body": current.body}
               if current else {})
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_version(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Draf pakta disimpan."))
            return redirect("integrity:staff-version", version.pk)
    return render(request, "integrity/staff/version_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def version_detail(request, pk):
    _publisher(request)
    version = get_object_or_404(PactVersion, pk=pk)
    form = None
    if not version.is_published:
        form = VersionForm(request.POST or None, initial={
            "period": version.period, "title": version.title, "body": version.body})
        if request.method == "POST" and form.is_valid():
            try:
                services.update_version(version=version, actor=request.user,
                                        **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Draf pakta diperbarui."))
                return redirect("integrity:staff-version", version.pk)
    elif request.method == "POST":
        messages.error(request, _("Teks pakta yang telah diterbitkan tidak dapat diubah; buat "
                                  "versi baru."))
        return redirect("integrity:staff-version", version.pk)
    return render(request, "integrity/staff/version_detail.html",
                  {"version": version, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def version_publish(request, pk):
    _publisher(request)
    version = get_object_or_404(PactVersion, pk=pk)
    back = reverse("integrity:staff-version", args=[version.pk])
    if request.method == "POST":
        try:
            services.publish_version(version=version, actor=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Pakta diterbitkan; seluruh pegawai diminta "
                                        "menandatanganinya."))
        return redirect(back)
    return confirm_page(
        request, title=_("Terbitkan pakta integritas"), cancel_url=back,
        message=_("Setelah diterbitkan, teks pakta tidak dapat diubah lagi dan setiap pegawai "
                  "diminta menandatangani versi ini, juga yang sudah menandatangani versi "
                  "sebelumnya."),
        confirm_label=_("Terbitkan"),
        crumbs=[(_("Teks pakta integritas"), reverse("integrity:staff-versions")),
                (str(version), back)],
        facts=[(_("Judul"), version.title), (_("Periode"), version.period),
               (_("Versi"), version.number)])
