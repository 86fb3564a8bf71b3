"""A satker's integrity zone for its staff: the declaration, the units built towards WBK/WBBM,
completion of the pact in force (rolled up below a province or KPU RI), who has not signed,
and the printed collective list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.evidence import EvidenceRef, describe
from prima.inforequests.views.common import file_response
from prima.organisations.choices import Level
from prima.organisations.models import Document, Membership
from prima.organisations.policies import Purpose, can

from .. import completion, pdfs, services
from ..choices import UNIT_MOVES, UnitStatus
from ..forms import DeclarationForm, UnitForm, UnitStatusForm
from ..models import Declaration, PactVersion, Roster, Signature, ZoneUnit
from .common import error_text, pdf_response, satker_in_scope, staff_crumbs

ASSESSMENT_URL_NAME = "assessments:staff-list"  # the WBK/WBBM eligibility of the satker


def assessment_url(satker) -> str:
    """The link slot for the zone's assessment (LKE ZI, eligibility), kept by the
    assessments capability; empty while it is not installed."""
    try:
        return reverse(ASSESSMENT_URL_NAME, args=[satker.code])
    except NoReverseMatch:
        return ""


def _members(satker, version):
    """One query: the satker's active employees, each with whether they signed ``version``."""
    signed = (Exists(Signature.objects.filter(version=version, user=OuterRef("user")))
              if version else None)
    qs = (Membership.objects.active().filter(satker=satker).select_related("user")
          .order_by("user__full_name", "user__email", "pk"))
    if signed is not None:
        qs = qs.annotate(has_signed=signed)
    people, seen = [], set()
    for m in qs:
        if m.user_id in seen:
            continue
        seen.add(m.user_id)
        people.append({"user": m.user, "title": m.title,
                       "signed": bool(getattr(m, "has_signed", False))})
    return people


@login_required
@require_GET
def satker_home(request, code):
    satker = satker_in_scope(request, code)
    version = PactVersion.objects.current()
    declarations = list(Declaration.objects.filter(satker=satker))
    refs = [EvidenceRef.parse(d.charter_ref) for d in declarations if d.charter_ref]
    cited = describe([r for r in refs if r], user=request.user)
    for d in declarations:
        d.cited = cited.get(EvidenceRef.parse(d.charter_ref)) if d.charter_ref else None
    rollup = None
    if satker.level != Level.REGENCY:
        own, total, children = completion.rollup_below(satker, version)
        rollup = {"own": own, "total": total, "children": children}
    people = _members(satker, version)
    signed_count = sum(1 for p in people if p["signed"])
    can_write = can(request.user, Purpose.INTEGRITY, satker, write=True)
    units = list(ZoneUnit.objects.filter(satker=satker))
    for unit in units:
        unit.moves = [UnitStatus(s) for s in UNIT_MOVES[unit.status]]
    return render(request, "integrity/staff/satker.html", {
        "satker": satker, "version": version, "declarations": declarations,
        "units": units, "people": people, "signed_count": signed_count,
        "active_count": len(people),
        "percent": completion.Completion(satker.code, satker.name, len(people),
                                         signed_count).percent,
        "rollup": rollup, "can_write": can_write,
        "rosters": Roster.objects.filter(satker=satker)[:5] if can_write else [],
        "assessment_url": assessment_url(satker),
        "unit_form": UnitForm(), "crumbs": staff_crumbs(satker)[:1]})


def _documents(satker):
    return list(Document.objects.filter(satker=satker).order_by("-date", "-id")[:100])


def _declaration_form(request, satker, declaration=None):
    form = DeclarationForm(request.POST or None, request.FILES or None, instance=declaration,
                           documents=_documents(satker))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("date", "event", "place", "witnesses",
                                                  "description", "is_public")}
        kwargs = {"actor": request.user, "data": data,
                  "charter_upload": form.cleaned_data.get("charter_upload"),
                  "charter_ref": form.cleaned_data.get("charter_ref") or ""}
        try:
            if declaration is None:
                services.record_declaration(satker=satker, **kwargs)
            else:
                services.update_declaration(declaration=declaration, **kwargs)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Pencanangan zona integritas disimpan."))
            return redirect("integrity:staff-satker", satker.code)
    return render(request, "integrity/staff/declaration_form.html", {
        "satker": satker, "form": form, "declaration": declaration,
        "readiness": completion.declaration_readiness(satker, PactVersion.objects.current()),
        "crumbs": staff_crumbs(satker)})


@login_required
@require_http_methods(["GET", "POST"])
def declaration_create(request, code):
    satker = satker_in_scope(request, code, write=True)
    return _declaration_form(request, satker)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_edit(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    declaration = get_object_or_404(Declaration, satker=satker, pk=pk)
    return _declaration_form(request, satker, declaration)


@login_required
@require_GET
def declaration_charter(request, code, pk):
    """The uploaded charter, privately (never from a guessable address)."""
    satker = satker_in_scope(request, code)
    declaration = get_object_or_404(Declaration.objects.exclude(charter_file=""),
                                    satker=satker, pk=pk)
    return file_response(declaration.charter_file, filename=declaration.charter_name
                         or "piagam.pdf", content_type="application/pdf")


@login_required
@require_POST
def unit_create(request, code):
    satker = satker_in_scope(request, code, write=True)
    form = UnitForm(request.POST)
    if form.is_valid():
        try:
            services.add_unit(satker=satker, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Unit zona integritas ditambahkan."))
    else:
        messages.error(request, _("Periksa target dan tahun unit."))
    return redirect("integrity:staff-satker", satker.code)


@login_required
@require_POST
def unit_status(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    unit = get_object_or_404(ZoneUnit, satker=satker, pk=pk)
    form = UnitStatusForm(request.POST)
    if form.is_valid():
        try:
            services.move_unit(unit=unit, actor=request.user, to=form.cleaned_data["status"])
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Status unit diubah."))
    else:
        messages.error(request, _("Pilih status yang tersedia."))
    return redirect("integrity:staff-satker", satker.code)


@login_required
@require_POST
def roster_issue(request, code):
    """Fix the collective list as it stands now and download it."""
    satker = satker_in_scope(request, code, write=True)
    version = PactVersion.objects.current()
    if version is None:
        messages.error(request, _("Belum ada pakta integritas yang diterbitkan."))
        return redirect("integrity:staff-satker", satker.code)
    roster = services.issue_roster(satker=satker, version=version, actor=request.user)
    return redirect("integrity:staff-roster-pdf", satker.code, roster.pk)


@login_required
@require_GET
def roster_pdf(request, code, pk):
    satker = satker_in_scope(request, code, write=True)
    roster = get_object_or_404(Roster.objects.select_related("version", "satker"),
                               satker=satker, pk=pk)
    result = services.verify(roster.code)
    return pdf_response(pdfs.roster_pdf(roster, result.signatures),
                        f"daftar-pakta-{satker.code}-{roster.code}.pdf")
