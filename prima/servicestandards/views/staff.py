"""Staff pages of services and their standards: the satker's list, create, edit, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors, posted

from .. import services
from ..choices import Channel, ServiceKey, SopStatus
from ..forms import ServiceForm
from ..models import Service, Sop
from .common import confirm, error_text, render_staff, satker_in_scope, service_of


@login_required
@require_GET
def service_list(request, code):
    satker = satker_in_scope(request, code)
    service_rows = list(Service.objects.filter(satker=satker).annotate(
        n_drafts=Count("sops", filter=Q(sops__status=SopStatus.DRAFT)),
        n_effective=Count("sops", filter=Q(sops__status=SopStatus.EFFECTIVE))))
    return render_staff(request, "servicestandards/staff/service_list.html", satker, {
        "services": service_rows,
        "has_templates": services.templates_for(satker).exists(),
    })


def _service_form_page(request, satker, form, service=None):
    return render_staff(request, "servicestandards/staff/service_form.html", satker, {
        "form": form, "service": service, "service_keys": ServiceKey.choices})


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, code):
    satker = satker_in_scope(request, code, write=True)
    form = ServiceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service = services.create_service(satker=satker, actor=request.user,
                                              data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Layanan “%(name)s” ditambahkan.")
                             % {"name": service.name})
            return redirect("servicestandards:staff-service", satker.code, service.pk)
    return _service_form_page(request, satker, form)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    service = service_of(request, satker, pk)
    form = ServiceForm(posted(request), instance=Service.objects.get(pk=service.pk),
                       editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_service(service=service, actor=request.user,
                                    data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Standar pelayanan disimpan."))
            return redirect("servicestandards:staff-service", satker.code, service.pk)
    return _service_form_page(request, satker, form, service)


@login_required
@require_GET
def service_detail(request, code, pk):
    satker = satker_in_scope(request, code)
    service = service_of(request, satker, pk)
    sops = list(Sop.objects.filter(service=service).order_by("channel", "-revision"))
    by_channel = [(value, label, [s for s in sops if s.channel == value])
                  for value, label in Channel.choices]
    return render_staff(request, "servicestandards/staff/service_detail.html", satker, {
        "service": service, "components": service.components(),
        "by_channel": by_channel, "missing": service.missing_delivery(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_publish(request, code, pk, publish=True):
    satker = satker_in_scope(request, code, write=True)
    service = service_of(request, satker, pk)
    detail = reverse("servicestandards:staff-service", args=[satker.code, service.pk])
    title = (_("Terbitkan layanan “%(name)s”?") if publish
             else _("Tarik layanan “%(name)s” dari halaman publik?")) % {"name": service.name}
    crumbs = ((service.name, detail),)
    if request.method == "POST":
        try:
            services.publish_service(service=service, actor=request.user,
                                     is_published=publish)
        except ValidationError as exc:
            return confirm(request, satker, title=title, cancel_url=detail, crumbs=crumbs,
                           confirm_label=_("Terbitkan") if publish else _("Tarik"),
                           error=error_text(exc), status=400)
        messages.success(request, _("Layanan diterbitkan.") if publish
                         else _("Layanan ditarik dari halaman publik."))
        return redirect(detail)
    return confirm(request, satker, title=title, cancel_url=detail, crumbs=crumbs,
                   confirm_label=_("Terbitkan") if publish else _("Tarik"),
                   danger=not publish, message=_(
                       "Standar pelayanan (komponen 1–6, serta 7–14 bila dipilih), maklumat "
                       "dan SOP yang berlaku tampil di halaman publik.") if publish else _(
                       "Layanan tidak lagi tampil di halaman publik."))
