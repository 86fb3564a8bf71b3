"""Helpers shared by the views: the satker in the URL, records fetched through the policies
(so "not allowed" answers 404 like "not found"), rendering with what the person may do."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from prima.core.confirm import confirm_page
from prima.organisations.policies import Purpose, satkers_for

from .. import flowchart, policies, services
from ..models import Service, Sop


def satker_in_scope(request, code, *, write=False):
    return get_object_or_404(
        satkers_for(request.user, Purpose.SERVICES, write=write).select_related("parent"),
        code=code)


def service_of(request, satker, pk) -> Service:
    return get_object_or_404(Service.objects.select_related("satker"), satker=satker, pk=pk)


def sop_of(request, satker, pk) -> Sop:
    return get_object_or_404(
        Sop.objects.select_related("service__satker", "decree", "approved_by", "copied_from")
        .prefetch_related("actors", "steps__actor"), service__satker=satker, pk=pk)


def staff_crumbs(satker, *more):
    return [(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
            (_("Standar pelayanan"), reverse("servicestandards:staff-list", args=[satker.code])),
            *more]


def render_staff(request, template, satker, context=None, **kwargs):
    return render(request, template, {
        "satker": satker,
        "can_write": policies.can_edit(request.user, satker),
        "can_approve": policies.can_approve(request.user, satker),
        **(context or {}),
    }, **kwargs)


def confirm(request, satker, *, title, confirm_label, cancel_url, message="", crumbs=(),
            facts=(), form=None, error="", status=200, danger=False):
    return confirm_page(request, title=title, message=message, confirm_label=confirm_label,
                        cancel_url=cancel_url, crumbs=staff_crumbs(satker, *crumbs),
                        facts=facts, form=form, error=error, status=status, danger=danger)


def error_text(exc) -> str:
    return " ".join(exc.messages)


def sop_context(sop: Sop) -> dict:
    """What an SOP page shows: its actors, rows, flowchart and the time check."""
    actors, steps = list(sop.actors.all()), list(sop.steps.all())
    check = services.time_check(sop, steps)
    columns = {a.pk: i for i, a in enumerate(actors)}
    return {
        "sop": sop, "actors": actors, "steps": steps,
        "step_columns": [(s, columns.get(s.actor_id)) for s in steps],
        "flowchart": flowchart.screen_svg(
            actors, steps, title=_("Bagan alir %(name)s") % {"name": sop.name}),
        "time_check": check,
        "total_time": services.format_minutes(check.total_minutes),
        "limit_time": services.format_minutes(check.limit_minutes)
        if check.limit_minutes is not None else "",
    }
