"""Staff pages of SOPs: create a draft, edit its identity and its procedure rows, see the
flowchart and time check, approve, make effective, revise, print; provinces' templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors, posted
from prima.organisations.choices import Level

from .. import exports, policies, services
from ..choices import SopStatus
from ..forms import (
    ActorsForm,
    ApproveForm,
    EffectiveForm,
    SopCreateForm,
    SopForm,
    StepFormSet,
)
from ..models import Sop
from .common import (
    confirm,
    error_text,
    render_staff,
    satker_in_scope,
    service_of,
    sop_context,
    sop_of,
)


def sop_url(sop) -> str:
    return reverse("servicestandards:staff-sop", args=[sop.service.satker.code, sop.pk])


def service_url(service) -> str:
    return reverse("servicestandards:staff-service", args=[service.satker.code, service.pk])


@login_required
@require_http_methods(["GET", "POST"])
def sop_create(request, code, service_pk):
    satker = satker_in_scope(request, code, write=True)
    service = service_of(request, satker, service_pk)
    form = SopCreateForm(posted(request), initial={
        "channel": request.GET.get("kanal", ""),
        "name": _("SOP %(service)s") % {"service": service.name},
        "legal_basis": service.legal_basis, "qualifications": service.competence})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sop = services.create_sop(service=service, channel=data["channel"],
                                      actor=request.user, data=data,
                                      actor_names=data["actors"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draf SOP dibuat; isi langkah prosedurnya."))
            return redirect("servicestandards:staff-sop-steps", satker.code, sop.pk)
    return render_staff(request, "servicestandards/staff/sop_form.html", satker, {
        "form": form, "service": service, "title": _("SOP baru")})


@login_required
@require_GET
def sop_detail(request, code, pk):
    satker = satker_in_scope(request, code)
    sop = sop_of(request, satker, pk)
    history = (Sop.objects.filter(service=sop.service_id, channel=sop.channel)
               .exclude(pk=sop.pk).order_by("-revision"))
    return render_staff(request, "servicestandards/staff/sop_detail.html", satker, {
        **sop_context(sop), "service": sop.service, "history": history,
        "can_template": policies.can_edit(request.user, satker)
        and satker.level != Level.REGENCY and sop.status == SopStatus.EFFECTIVE,
    })


@login_required
@require_http_methods(["GET", "POST"])
def sop_edit(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    if not sop.is_draft:
        raise Http404
    form = SopForm(posted(request), instance=Sop.objects.get(pk=sop.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_sop(sop=sop, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Identitas SOP disimpan."))
            return redirect(sop_url(sop))
    return render_staff(request, "servicestandards/staff/sop_form.html", satker, {
        "form": form, "service": sop.service, "sop": sop, "title": _("Identitas SOP")})


@login_required
@require_http_methods(["GET", "POST"])
def sop_steps(request, code, pk):
    """The procedure table edited as rows: actors (columns) and one row per step."""
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    if not sop.is_draft:
        raise Http404
    current = [a.name for a in sop.actors.all()]
    data = posted(request)
    actors_form = ActorsForm(data, initial={"actors": "\n".join(current)})
    choices = (actors_form.names() or current) if data is not None else current
    choices = list(dict.fromkeys([*choices, *current]))
    initial = [{"number": s.number, "activity": s.activity, "actor": s.actor.name,
                "kind": s.kind, "no_goto": s.no_goto, "requirements": s.requirements,
                "time_value": s.time_value, "time_unit": s.time_unit, "output": s.output,
                "remarks": s.remarks} for s in sop.steps.all()]
    formset = StepFormSet(data, initial=initial, prefix="step",
                          form_kwargs={"actors": choices})
    errors = []
    if data is not None:
        if actors_form.is_valid() and formset.is_valid():
            try:
                services.save_steps(sop=sop, actor=request.user,
                                    actor_names=actors_form.names(), rows=formset.rows())
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Langkah prosedur disimpan."))
                if "continue" in data:
                    return redirect("servicestandards:staff-sop-steps", satker.code, sop.pk)
                return redirect(sop_url(sop))
        else:
            errors = [_("Periksa isian yang ditandai.")]
    return render_staff(request, "servicestandards/staff/sop_steps.html", satker, {
        "sop": sop, "service": sop.service, "actors_form": actors_form, "formset": formset,
        "errors": errors}, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def sop_approve(request, code, pk):
    satker = satker_in_scope(request, code)
    sop = sop_of(request, satker, pk)
    if not policies.can_approve(request.user, satker) or not sop.is_draft:
        raise Http404
    form = ApproveForm(posted(request), satker=satker, initial={
        "approver_name": request.user.full_name,
        "approver_position": _("Ketua %(satker)s") % {"satker": satker.name}})
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_sop(sop=sop, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("SOP disahkan."))
            return redirect(sop_url(sop))
    return confirm(request, satker, title=_("Sahkan %(name)s?") % {"name": sop.name},
                   confirm_label=_("Sahkan"), cancel_url=sop_url(sop), form=form,
                   crumbs=((sop.service.name, service_url(sop.service)),
                           (sop.name, sop_url(sop))),
                   facts=((_("Nomor SOP"), sop.number), (_("Revisi"), sop.revision),
                          (_("Kanal"), sop.get_channel_display())),
                   status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def sop_effective(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    if sop.status != SopStatus.APPROVED:
        raise Http404
    form = EffectiveForm(posted(request), initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.make_effective(sop=sop, actor=request.user,
                                    effective_on=form.cleaned_data["effective_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("SOP diberlakukan."))
            return redirect(sop_url(sop))
    return confirm(request, satker, title=_("Berlakukan %(name)s?") % {"name": sop.name},
                   confirm_label=_("Berlakukan"), cancel_url=sop_url(sop), form=form,
                   message=_("Versi yang berlaku saat ini untuk kanal yang sama akan diganti."),
                   crumbs=((sop.service.name, service_url(sop.service)),
                           (sop.name, sop_url(sop))),
                   status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def sop_revise(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    crumbs = ((sop.service.name, service_url(sop.service)), (sop.name, sop_url(sop)))
    title = _("Buat revisi %(name)s?") % {"name": sop.name}
    if request.method == "POST":
        try:
            revision = services.revise_sop(sop=sop, actor=request.user)
        except ValidationError as exc:
            return confirm(request, satker, title=title, confirm_label=_("Buat revisi"),
                           cancel_url=sop_url(sop), crumbs=crumbs, error=error_text(exc),
                           status=400)
        messages.success(request, _("Draf revisi dibuat."))
        return redirect(sop_url(revision))
    return confirm(request, satker, title=title, confirm_label=_("Buat revisi"),
                   cancel_url=sop_url(sop), crumbs=crumbs, message=_(
                       "Salinan SOP ini menjadi draf revisi berikutnya; versi yang berlaku "
                       "tetap berlaku sampai revisi diberlakukan."))


@login_required
@require_http_methods(["GET", "POST"])
def sop_discard(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    if not sop.is_draft:
        raise Http404
    crumbs = ((sop.service.name, service_url(sop.service)), (sop.name, sop_url(sop)))
    if request.method == "POST":
        services.discard_sop(sop=sop, actor=request.user)
        messages.success(request, _("Draf SOP dibuang."))
        return redirect(service_url(sop.service))
    return confirm(request, satker, title=_("Buang draf %(name)s?") % {"name": sop.name},
                   confirm_label=_("Buang draf"), cancel_url=sop_url(sop), crumbs=crumbs,
                   danger=True, facts=((_("Kanal"), sop.get_channel_display()),
                                       (_("Revisi"), sop.revision)),
                   message=_("Draf dan langkah-langkahnya dihapus; versi yang sudah disahkan "
                             "tidak berubah."))


@login_required
@require_http_methods(["GET", "POST"])
def sop_template(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    sop = sop_of(request, satker, pk)
    offer = not sop.is_template
    title = (_("Tawarkan %(name)s sebagai templat?") if offer
             else _("Hentikan templat %(name)s?")) % {"name": sop.name}
    crumbs = ((sop.service.name, service_url(sop.service)), (sop.name, sop_url(sop)))
    if request.method == "POST":
        try:
            services.set_template(sop=sop, actor=request.user, is_template=offer)
        except ValidationError as exc:
            return confirm(request, satker, title=title, confirm_label=_("Simpan"),
                           cancel_url=sop_url(sop), crumbs=crumbs, error=error_text(exc),
                           status=400)
        messages.success(request, _("Templat SOP diperbarui."))
        return redirect(sop_url(sop))
    return confirm(request, satker, title=title, confirm_label=_("Simpan"),
                   cancel_url=sop_url(sop), crumbs=crumbs, message=_(
                       "Satker di bawah dapat menyalin templat ini ke draf SOP mereka."))


@login_required
@require_GET
def sop_pdf(request, code, pk):
    satker = satker_in_scope(request, code)
    sop = sop_of(request, satker, pk)
    return _pdf_response(exports.sop_pdf(sop), f"sop-{sop.service.key}-{sop.channel}"
                                                f"-rev{sop.revision}.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def template_list(request, code):
    satker = satker_in_scope(request, code)
    return render_staff(request, "servicestandards/staff/template_list.html", satker, {
        "templates": services.templates_for(satker)})


@login_required
@require_http_methods(["GET", "POST"])
def template_adopt(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    template = get_object_or_404(services.templates_for(satker), pk=pk)
    cancel = reverse("servicestandards:staff-templates", args=[satker.code])
    title = _("Adopsi templat %(name)s?") % {"name": template.name}
    crumbs = ((_("Templat SOP"), cancel),)
    if request.method == "POST":
        try:
            sop = services.adopt_template(template=template, satker=satker, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            return confirm(request, satker, title=title, confirm_label=_("Adopsi"),
                           cancel_url=cancel, crumbs=crumbs, status=400,
                           error=error_text(exc) if isinstance(exc, ValidationError)
                           else str(exc))
        messages.success(request, _("Templat disalin menjadi draf SOP."))
        return redirect(sop_url(sop))
    return confirm(request, satker, title=title, confirm_label=_("Adopsi"), cancel_url=cancel,
                   crumbs=crumbs, facts=(
                       (_("Dari"), template.service.satker.name),
                       (_("Layanan"), template.service.name),
                       (_("Kanal"), template.get_channel_display())),
                   message=_("Templat disalin menjadi draf SOP satker ini untuk disesuaikan "
                             "dan disahkan."))

