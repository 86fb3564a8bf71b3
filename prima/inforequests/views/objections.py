"""Objections (keberatan) as the officer sees them: the list with countdowns, one objection's
file, the atasan PPID's decision, the requester's response and the dispute record.

Objections are fetched through ``policies.objections_visible_to`` (404 outside a person's
scope); deciding needs the atasan PPID (UU 14/2008 Pasal 36), recording needs the write right.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prima.core.viewutils import add_service_errors, page_of, query_without_page

from .. import deadlines, policies, services
from ..choices import ObjectionStatus
from ..forms_staff import (
    DisputeForm,
    ObjectionDecideForm,
    ObjectionFilterForm,
    RequesterResponseForm,
)
from ..models import Dispute, Objection
from ..numbers import slug_to_number
from ..timeline import objection_due_rule
from .common import information_satkers_or_404, personal, requester_name, with_slug


@dataclass
class ObjectionRow:
    objection: Objection
    requester: str
    countdown: deadlines.Countdown


@login_required
@require_GET
def objections(request):
    user = request.user
    satkers = information_satkers_or_404(user)
    form = ObjectionFilterForm(request.GET or None, satkers=satkers)
    items = policies.objections_visible_to(user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("satker"):
        items = items.filter(satker=data["satker"])
    if data.get("status"):
        items = items.filter(status=data["status"])
    if data.get("outcome"):
        items = items.filter(outcome=data["outcome"])
    if data.get("q"):
        q = data["q"]
        items = items.filter(Q(number__icontains=q) | Q(number__icontains=slug_to_number(q))
                             | Q(request__number__icontains=slug_to_number(q))
                             | Q(request__full_name__icontains=q) | Q(full_name__icontains=q))
    items = items.select_related("satker", "request").order_by(
        Case(When(status=ObjectionStatus.FILED, then=Value(0)), default=Value(1),
             output_field=IntegerField()), "due_date", "id")
    page_obj = page_of(request, items)
    today = {}
    rows = []
    for o in page_obj.object_list:
        if o.satker_id not in today:
            today[o.satker_id] = deadlines.local_today(o.satker)
        visible = policies.can_see_personal_data_of(user, o.satker)
        rows.append(ObjectionRow(with_slug(o), requester_name(o.requester_name, visible),
                                 deadlines.objection_countdown(o, today=today[o.satker_id])))
    page_obj.object_list = rows
    return render(request, "inforequests/staff/objections.html", {
        "form": form, "page_obj": page_obj, "query_string": query_without_page(request),
        "several_satkers": satkers[:2].count() > 1,
        "filtered": any(request.GET.get(k) for k in ("q", "status", "outcome", "satker")),
    })


def _get_objection(request, number_slug) -> Objection:
    objection = (policies.objections_visible_to(request.user)
                 .select_related("satker", "request", "request__satker", "decided_by")
                 .filter(number=slug_to_number(number_slug)).first())
    if objection is None:
        raise Http404(_("Keberatan tidak ditemukan."))
    return objection


def _objection_forms(user, objection, bound=None) -> dict:
    forms = {}
    can_act = policies.can_act_for_satker(user, objection.satker)
    if objection.status == ObjectionStatus.FILED and policies.can_decide_objection(user,
                                                                                   objection):
        forms["decide"] = ObjectionDecideForm()
    if objection.status == ObjectionStatus.DECIDED and can_act:
        forms["response"] = RequesterResponseForm(
            initial={"text": objection.requester_response})
        if not Dispute.objects.filter(objection=objection).exists():
            forms["dispute"] = DisputeForm()
    elif objection.status == ObjectionStatus.FILED and can_act and \
            deadlines.local_today(objection.satker) > objection.due_date:
        # The atasan did not answer in time: the requester may go to the Komisi Informasi.
        forms["dispute"] = DisputeForm()
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


def _render_objection(request, objection, bound=None, status=200):
    user = request.user
    visible = policies.can_see_personal_data_of(user, objection.satker)
    return render(request, "inforequests/staff/objection_detail.html", {
        "objection": with_slug(objection),
        "ir": objection.request,
        "requester": requester_name(objection.requester_name, visible),
        "personal": personal(objection.request or objection, visible),
        "countdown": deadlines.objection_countdown(objection),
        "due_rule": objection_due_rule(objection),
        "dispute": Dispute.objects.filter(objection=objection).first(),
        "dispute_deadline": deadlines.dispute_deadline(objection),
        "forms": _objection_forms(user, objection, bound),
    }, status=status)


@login_required
@require_GET
def objection_detail(request, number_slug):
    return _render_objection(request, _get_objection(request, number_slug))


def _objection_post(request, number_slug, name, form_class, allowed, call, message):
    objection = _get_objection(request, number_slug)
    if not allowed(request.user, objection):
        raise Http404(_("Keberatan tidak ditemukan."))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(objection, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, message)
            return redirect("inforequests:staff-objection-detail", number_slug=number_slug)
    objection.refresh_from_db()
    messages.error(request, _("Langkah tidak disimpan; periksa isian pada formulir."))
    return _render_objection(request, objection, bound=(name, form), status=400)


def _may_write_objection(user, objection) -> bool:
    return policies.can_act_for_satker(user, objection.satker)


@login_required
@require_POST
def objection_decide(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "decide", ObjectionDecideForm, policies.can_decide_objection,
        lambda o, d: services.decide_objection(objection=o, actor=user, outcome=d["outcome"],
                                               response=d["response"]),
        _("Tanggapan atasan PPID atas keberatan disimpan."))


@login_required
@require_POST
def objection_response(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "response", RequesterResponseForm, _may_write_objection,
        lambda o, d: services.record_requester_response(objection=o, text=d["text"],
                                                        actor=user),
        _("Tanggapan pemohon dicatat."))


@login_required
@require_POST
def dispute(request, number_slug):
    user = request.user
    return _objection_post(
        request, number_slug, "dispute", DisputeForm, _may_write_objection,
        lambda o, d: services.record_dispute(objection=o, actor=user, **d),
        _("Sengketa informasi dicatat."))
