"""Public satker pages (tree, search, profile, public documents) and the satker staff area.

Staff views fetch the satker through ``policies.satkers_for(user, purpose)``, so a satker
outside a person's scope answers 404 exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from prima.core import snapshots
from prima.core.confirm import confirm_page
from prima.core.models import AuditEvent
from prima.core.pagecache import public_page
from prima.core.registry import registry
from prima.core.viewutils import page_of, posted, query_without_page

from . import public_data, services
from .choices import Level, Position
from .forms import (
    AuditFilterForm,
    DivisionForm,
    DocumentFilterForm,
    DocumentForm,
    SatkerProfileForm,
)
from .models import Division, Document, Membership, Satker
from .policies import Purpose, can, satkers_for

TREE_PAGE_SIZE = 25
DOCUMENTS_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
DETAIL_DOCUMENTS = 10
DIVISION_ORDER = ("kind", "order", "name")  # commissioner divisions before secretariat sections
# Leadership is listed chair first, then commissioners, the secretary and section heads.
POSITION_ORDER = [Position.CHAIR, Position.MEMBER, Position.SECRETARY, Position.HEAD_OF_SECTION]


def _with_labels(events):
    """Each event's action label, as its capability declared it (an unknown action: its code)."""
    for event in events:
        event.action_label = registry.audit_label(event.action)
    return events


# --- Public pages ------------------------------------------------------------------------------


@require_GET
def satker_tree(request):
    """The tree (KPU RI and its provinces; kabupaten/kota load per province) or search results."""
    q = " ".join(request.GET.get("q", "").split())[:100]
    context = {"q": q}
    if q:
        results = Satker.objects.search(q).select_related("parent").order_by("code")
        context.update(page_obj=page_of(request, results, TREE_PAGE_SIZE),
                       query_string=query_without_page(request))
    else:
        context.update(
            root=Satker.objects.filter(level=Level.NATIONAL).only("code", "name").first(),
            provinces=(Satker.objects.filter(level=Level.PROVINCE)
                       .annotate(n_children=Count("children"))
                       .only("code", "name", "region_name").order_by("code")),
        )
    # The live search asks only for the results region.
    partial = request.htmx and request.htmx.target == "satker-results"
    response = render(request, "organisations/_tree_results.html" if partial
                      else "organisations/satker_tree.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _satker_or_not_found(request, code, queryset=None):
    satker = (queryset if queryset is not None else Satker.objects.all()).filter(code=code).first()
    if satker is None:
        return None, render(request, "organisations/satker_not_found.html", {"code": code},
                            status=404)
    return satker, None


@require_GET
def satker_children(request, code):
    """The kabupaten/kota of a province, as an htmx fragment (a full request goes to its page)."""
    satker, not_found = _satker_or_not_found(request, code, Satker.objects.only("pk", "code"))
    if not_found:
        return not_found
    if not request.htmx:
        return redirect(f"{satker.get_absolute_url()}#wilayah")
    children = Satker.objects.filter(parent=satker).only("code", "name").order_by("code")
    return render(request, "organisations/_satker_children.html",
                  {"satker": satker, "children": children})


@dataclass(frozen=True)
class Leader:
    full_name: str
    position: str
    title: str
    division: str


def _children(parent_ids: list | None) -> dict:
    rows = Satker.objects.exclude(parent=None).only("code", "name", "parent_id").order_by("code")
    if parent_ids is not None:
        rows = rows.filter(parent_id__in=parent_ids)
    return snapshots.grouped((s.parent_id, s) for s in rows)


def _divisions(satker_ids: list | None) -> dict:
    rows = Division.objects.order_by(*DIVISION_ORDER)
    if satker_ids is not None:
        rows = rows.filter(satker_id__in=satker_ids)
    return snapshots.grouped((d.satker_id, d) for d in rows)


def _latest_documents(satker_ids: list | None) -> dict:
    """Each satker's latest public documents, one more than the page lists (to know whether
    there are more): a window over every satker's in one query."""
    rows = Document.objects.filter(is_public=True)
    if satker_ids is not None:
        rows = rows.filter(satker_id__in=satker_ids)
    rows = (rows.annotate(position=Window(RowNumber(), partition_by=[F("satker_id")],
                                          order_by=[F("date").desc(), F("id").desc()]))
            .filter(position__lte=DETAIL_DOCUMENTS + 1)
            .only("pk", "kind", "number", "date", "subject", "size", "satker_id")
            .order_by("satker_id", "position"))
    return snapshots.grouped((d.satker_id, d) for d in rows)


def _leaders(satker_ids: list | None) -> dict:
    """Public leadership per satker: names, positions and divisions only, never personal
    contact data."""
    rank = Case(*[When(position=p, then=Value(i)) for i, p in enumerate(POSITION_ORDER)],
                default=Value(len(POSITION_ORDER)), output_field=IntegerField())
    rows = Membership.objects.active().exclude(position="")
    if satker_ids is not None:
        rows = rows.filter(satker_id__in=satker_ids)
    rows = (rows.annotate(rank=rank).order_by("satker_id", "rank", "user__full_name")
            .values_list("satker_id", "user_id", "user__full_name", "position", "title",
                         "division__name"))
    leaders, seen = {}, set()
    for satker_id, user_id, full_name, position, title, division in rows:
        if (satker_id, user_id, position) in seen:  # one person, several roles in the satker
            continue
        seen.add((satker_id, user_id, position))
        leaders.setdefault(satker_id, []).append(
            Leader(full_name, Position(position).label, title, division or ""))
    return leaders


def leadership_of(satker: Satker) -> list[Leader]:
    """Public leadership: names, positions and divisions only, never personal contact data."""
    return snapshots.for_key("organisations:leaders", satker.pk, _leaders, [])


def _capability_sections(satker: Satker) -> list[tuple[str, dict]]:
    """``(template, context)`` of each capability's section of the satker page."""
    sections = []
    for section in registry.satker_sections():
        context = section.context(satker)
        if context is not None:
            sections.append((section.template, {"satker": satker, **context}))
    return sections


@require_GET
@public_page
def satker_detail(request, code):
    """A satker's public page. The satker, its children, divisions, leadership and latest
    public documents come from ``public_data`` (read for every satker at once while the page
    cache's generation holds), as the capabilities' sections may."""
    satker = public_data.satker(code)
    if satker is None:
        return render(request, "organisations/satker_not_found.html", {"code": code},
                      status=404)
    latest_documents = snapshots.for_key("organisations:documents", satker.pk,
                                           _latest_documents, [])
    return render(request, "organisations/satker_detail.html", {
        "satker": satker,
        "service_links": [(link.label, link.url(satker)) for link in registry.satker_links()],
        "sections": _capability_sections(satker),
        "divisions": snapshots.for_key("organisations:divisions", satker.pk, _divisions, []),
        "leaders": leadership_of(satker),
        "documents": latest_documents[:DETAIL_DOCUMENTS],
        "more_documents": len(latest_documents) > DETAIL_DOCUMENTS,
        "children": snapshots.for_key("organisations:children", satker.pk, _children, []),
    })


@require_GET
def public_documents(request, code):
    satker, not_found = _satker_or_not_found(request, code)
    if not_found:
        return not_found
    documents, form = _filtered_documents(request, Document.objects.filter(satker=satker,
                                                                           is_public=True))
    return render(request, "organisations/public_documents.html", {
        "satker": satker, "form": form,
        "page_obj": page_of(request, documents, DOCUMENTS_PAGE_SIZE),
        "query_string": query_without_page(request),
    })


def _file_response(document: Document) -> FileResponse:
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas dokumen tidak tersedia.")) from exc
    return FileResponse(handle, as_attachment=True, content_type="application/pdf",
                        filename=document.original_name or f"dokumen-{document.pk}.pdf")


@require_GET
def document_download(request, code, pk):
    """Download a public document; a non-public one does not exist for the public."""
    document = get_object_or_404(Document, pk=pk, satker__code=code, is_public=True)
    return _file_response(document)


# --- Staff area --------------------------------------------------------------------------------


def _staff_satker(request, code, purpose, *, write=False) -> Satker:
    return get_object_or_404(satkers_for(request.user, purpose, write=write).select_related(
        "parent"), code=code)


def _permissions(user, satker: Satker) -> dict:
    """What the staff navigation offers; ``can`` asks no query for a member's own roles."""
    return {
        "edit": can(user, Purpose.ORGANISATION, satker, write=True),
        "documents": can(user, Purpose.DOCUMENTS, satker),
        "upload": can(user, Purpose.DOCUMENTS, satker, write=True),
        "members": can(user, Purpose.MEMBERS, satker),
        "audit": can(user, Purpose.AUDIT, satker),
    }


def _staff_render(request, template, satker, context=None, **kwargs):
    return render(request, template, {"satker": satker,
                                      "allowed": _permissions(request.user, satker),
                                      **(context or {})}, **kwargs)


@login_required
@require_GET
def staff_satker(request, code):
    satker = _staff_satker(request, code, Purpose.STAFF)
    counts = {
        "n_divisions": satker.divisions.count(),
        "n_members": satker.memberships.active().count(),
        "n_documents": satker.documents.count(),
    }
    children = (satkers_for(request.user, Purpose.STAFF).filter(parent=satker)
                .only("code", "name").order_by("code"))
    recent = []
    if can(request.user, Purpose.AUDIT, satker):
        recent = _with_labels(list(AuditEvent.objects.filter(satker=satker)
                                   .select_related("content_type")[:5]))
    return _staff_render(request, "organisations/staff/overview.html", satker, {
        **counts, "children": list(children), "recent_events": recent,
    })


@login_required
@require_http_methods(["GET", "POST"])
def staff_profile(request, code):
    satker = _staff_satker(request, code, Purpose.ORGANISATION, write=True)
    form = SatkerProfileForm(posted(request), instance=satker)
    if request.method == "POST" and form.is_valid():
        services.update_satker_profile(satker=satker, actor=request.user,
                                       data={f: form.cleaned_data[f] for f in form.fields})
        messages.success(request, _("Profil satker disimpan."))
        return redirect("organisations:staff-satker", code=satker.code)
    return _staff_render(request, "organisations/staff/profile_form.html", satker,
                         {"form": form})


@login_required
@require_GET
def staff_divisions(request, code):
    satker = _staff_satker(request, code, Purpose.ORGANISATION)
    divisions = satker.divisions.annotate(
        n_members=Count("memberships", filter=Q(memberships__is_active=True))
    ).order_by(*DIVISION_ORDER)
    return _staff_render(request, "organisations/staff/divisions.html", satker,
                         {"divisions": list(divisions)})


@login_required
@require_http_methods(["GET", "POST"])
def staff_division_form(request, code, pk=None):
    """Create (without ``pk``) or change a division."""
    satker = _staff_satker(request, code, Purpose.ORGANISATION, write=True)
    division = get_object_or_404(Division, satker=satker, pk=pk) if pk else None
    form = DivisionForm(posted(request), instance=division, satker=satker)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields}
        try:
            if division is None:
                services.create_division(satker=satker, actor=request.user, **data)
            else:
                services.update_division(division=division, actor=request.user, data=data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Divisi/subbagian disimpan."))
            return redirect("organisations:staff-divisions", code=satker.code)
    return _staff_render(request, "organisations/staff/division_form.html", satker,
                         {"form": form, "division": division})


@login_required
@require_http_methods(["GET", "POST"])
def staff_division_delete(request, code, pk):
    satker = _staff_satker(request, code, Purpose.ORGANISATION, write=True)
    division = get_object_or_404(Division.objects.annotate(
        n_members=Count("memberships", filter=Q(memberships__is_active=True))),
        satker=satker, pk=pk)
    if request.method == "POST":
        services.delete_division(division=division, actor=request.user)
        messages.success(request, _("Divisi/subbagian “%(name)s” dihapus.")
                         % {"name": division.name})
        return redirect("organisations:staff-divisions", code=satker.code)
    divisions_url = reverse("organisations:staff-divisions", args=[satker.code])
    message = _("Penghapusan dicatat dalam jejak audit dan tidak dapat dibatalkan.")
    if division.n_members:
        message = ngettext(
            "%(n)s anggota tercatat di divisi ini; mereka tetap menjadi anggota satker tanpa "
            "divisi.", "%(n)s anggota tercatat di divisi ini; mereka tetap menjadi anggota "
            "satker tanpa divisi.", division.n_members) % {"n": division.n_members} + " " + message
    return confirm_page(
        request, title=_("Hapus “%(name)s”?") % {"name": division.name}, message=message,
        confirm_label=_("Ya, hapus"), cancel_url=divisions_url, audited=False,
        crumbs=[(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
                (_("Divisi"), divisions_url)],
        facts=[(_("Jenis"), division.get_kind_display()), (_("Nama"), division.name)],
        context={"satker": satker})


def _filtered_documents(request, documents):
    form = DocumentFilterForm(request.GET or None)
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        if q:
            documents = documents.filter(Q(number__icontains=q) | Q(subject__icontains=q))
        if kind:
            documents = documents.filter(kind=kind)
    return documents, form


@login_required
@require_GET
def staff_documents(request, code):
    satker = _staff_satker(request, code, Purpose.DOCUMENTS)
    documents, form = _filtered_documents(
        request, Document.objects.filter(satker=satker).select_related("uploaded_by"))
    return _staff_render(request, "organisations/staff/documents.html", satker, {
        "form": form, "page_obj": page_of(request, documents, DOCUMENTS_PAGE_SIZE),
        "query_string": query_without_page(request),
    })


@login_required
@require_http_methods(["GET", "POST"])
def staff_document_upload(request, code):
    satker = _staff_satker(request, code, Purpose.DOCUMENTS, write=True)
    form = DocumentForm(posted(request), posted(request, files=True), satker=satker)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.upload_document(
                satker=satker, actor=request.user, file=data["file"], checked=form.checked_file,
                kind=data["kind"], number=data["number"], date=data["date"],
                subject=data["subject"], is_public=data["is_public"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Dokumen %(number)s diunggah.")
                             % {"number": document.number})
            return redirect("organisations:staff-documents", code=satker.code)
    return _staff_render(request, "organisations/staff/document_upload.html", satker,
                         {"form": form})


@login_required
@require_GET
def staff_document_download(request, code, pk):
    satker = _staff_satker(request, code, Purpose.DOCUMENTS)
    response = _file_response(get_object_or_404(Document, satker=satker, pk=pk))
    patch_cache_control(response, private=True, no_store=True)
    return response


def _action_choices(satker: Satker) -> list[tuple[str, str]]:
    actions = (AuditEvent.objects.filter(satker=satker).order_by("action")
               .values_list("action", flat=True).distinct())
    return [(a, registry.audit_label(a)) for a in actions]


@login_required
@require_GET
def staff_audit(request, code):
    satker = _staff_satker(request, code, Purpose.AUDIT)
    events = AuditEvent.objects.filter(satker=satker).select_related("content_type")
    form = AuditFilterForm(request.GET or None, actions=_action_choices(satker))
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
    page_obj = page_of(request, events, AUDIT_PAGE_SIZE)
    _with_labels(page_obj.object_list)
    return _staff_render(request, "organisations/staff/audit.html", satker, {
        "form": form, "page_obj": page_obj, "query_string": query_without_page(request),
    })


@login_required
@require_GET
def staff_audit_record(request, code, content_type_id, object_id):
    """Every recorded change of one record of this satker, with its before/after values."""
    satker = _staff_satker(request, code, Purpose.AUDIT)
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    events = _with_labels(list(AuditEvent.objects.filter(
        satker=satker, content_type=content_type, object_id=object_id)))
    if not events:
        raise Http404(_("Tidak ada jejak audit untuk data ini."))
    return _staff_render(request, "organisations/staff/audit_record.html", satker, {
        "events": events, "content_type": content_type, "object_repr": events[0].object_repr,
    })
