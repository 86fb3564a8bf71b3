"""Helpers shared by the reform views: the satker in the URL, rendering with the satker's
permissions, confirmation pages, plans fetched through the policies, R1's progress tree with
its labels, evidence links and downloads.

Every staff view fetches through ``policies`` (``satkers_for``/``plans_visible_to``/...), so a
satker or a record outside a person's scope answers 404 exactly like one that does not exist;
a write the person may not make answers 404 as well.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from prima.core import evidence as shared_evidence
from prima.core.confirm import confirm_page
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, can, is_system_admin, satkers_for

from .. import dashboards, policies
from ..choices import ProgressState
from ..models import ActionPlan, Evidence

QUARTERS = (1, 2, 3, 4)
QUARTER_LABELS = {1: "I", 2: "II", 3: "III", 4: "IV"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def satker_in_scope(request, code, *, write=False) -> Satker:
    """The satker in the URL, when the person reads (or writes) its reform records."""
    return get_object_or_404(
        satkers_for(request.user, Purpose.REFORM, write=write).select_related("parent"),
        code=code)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def render_staff(request, template, satker, context=None, **kwargs):
    """Render a reform staff page of ``satker`` with what the person may do there."""
    user = request.user
    return render(request, template, {
        "satker": satker,
        "can_write": can(user, Purpose.REFORM, satker, write=True),
        "can_documents": can(user, Purpose.DOCUMENTS, satker, write=True),
        **(context or {}),
    }, **kwargs)


def version_of(form) -> int | None:
    return form.cleaned_data.get("version") if form.is_valid() else None


def staff_crumbs(satker, *more) -> list[tuple[str, str]]:
    """Breadcrumbs of a reform staff page: the satker, its reform home, then ``more``."""
    return [(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
            (_("Reformasi birokrasi"), reverse("reform:staff-home", args=[satker.code])),
            *more]


def confirm(request, satker, *, title, confirm_label, cancel_url, message="", crumbs=(),
            facts=(), form=None, error="", status=200):
    """The shared confirmation page (``core.confirm``) under the satker's reform crumbs."""
    return confirm_page(request, title=title, message=message, confirm_label=confirm_label,
                        cancel_url=cancel_url, crumbs=staff_crumbs(satker, *crumbs),
                        facts=facts, form=form, error=error, status=status)


# --- plans -------------------------------------------------------------------------------------


def plans_of(request, satker):
    return policies.plans_visible_to(request.user).filter(satker=satker)


def plan_of(request, satker, plan_pk) -> ActionPlan:
    return get_object_or_404(
        plans_of(request, satker).select_related("regime", "decree", "approved_by", "satker",
                                                 "copied_from"),
        pk=plan_pk)


def plan_url(plan, anchor="") -> str:
    url = reverse("reform:staff-plan", args=[plan.satker.code, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def report_url(plan, quarter, anchor="") -> str:
    url = reverse("reform:staff-report", args=[plan.satker.code, plan.pk, quarter])
    return f"{url}#{anchor}" if anchor else url


def progress_of(user, plan: ActionPlan, quarter=None):
    """R1's progress tree; the satker's own people also see figures of draft reports."""
    own = is_system_admin(user) or plan.satker_id in policies.own_satker_ids(user)
    return dashboards.plan_progress(plan, quarter, include_drafts=own, with_evidence=False)


def label_states(progress) -> None:
    """Attach ``state_label`` to every level of R1's PlanProgress for the templates."""
    progress.state_label = ProgressState(progress.state).label
    for area in progress.areas:
        area.state_label = ProgressState(area.state).label
        for programme in area.programmes:
            programme.state_label = ProgressState(programme.state).label
            for activity in programme.activities:
                activity.state_label = ProgressState(activity.state).label
                for indicator in activity.indicators:
                    indicator.state_label = ProgressState(indicator.state).label


def plan_areas(plan: ActionPlan, progress) -> list[dict]:
    """Every area of the plan's regime (also those without programmes yet, so that the editor
    can add to them) with its part of R1's progress tree."""
    label_states(progress)
    by_area = {a.area.pk: a for a in progress.areas}
    return [{"area": area, "progress": by_area.get(area.pk)}
            for area in plan.regime.areas.all()]


# --- evidence and downloads --------------------------------------------------------------------


def evidence_href(evidence: Evidence, satker, plan, quarter, cited=None) -> str:
    """Where a piece of evidence opens: its file, its link, or the record it cites (its public
    page when it has one, else its staff page; see ``set_evidence_links``)."""
    if evidence.file:
        return reverse("reform:staff-evidence-download",
                       args=[satker.code, plan.pk, quarter, evidence.pk])
    if evidence.url:
        return evidence.url
    if cited is None and evidence.linked_type_id:
        cited = set_evidence_links([evidence], satker, plan, quarter).get(evidence.pk)
    if not cited or not cited.available:
        return ""
    return cited.public_url or cited.staff_url


def set_evidence_links(items, satker, plan, quarter, *, user=None) -> dict:
    """Set ``item.link`` on every piece of evidence, describing the cited records through the
    shared evidence registry in one query per kind; returns {evidence id: Cited}."""
    items = list(items)
    kinds = {src.model_class: src.key for src in shared_evidence.sources()}
    refs = {}
    for item in items:
        if item.linked_type_id and not item.file and not item.url:
            kind = kinds.get(item.linked_type.model_class())
            if kind:
                refs[item.pk] = shared_evidence.EvidenceRef(kind, str(item.linked_id))
    described = shared_evidence.describe(refs.values(), user=user)
    cited = {pk: described[ref] for pk, ref in refs.items()}
    for item in items:
        item.link = evidence_href(item, satker, plan, quarter, cited.get(item.pk, False))
    return cited


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
