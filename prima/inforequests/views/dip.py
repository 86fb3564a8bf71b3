"""Consequence tests (uji konsekuensi, UU 14/2008 Pasal 17 jo. 19) and the Daftar Informasi
Publik of a satker, on the officer's pages.

Satkers are those of ``Purpose.INFORMATION`` (404 outside a person's scope); writing needs the
PPID or atasan PPID of the satker.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page
from prima.core.viewutils import add_service_errors, page_of, posted, query_without_page
from prima.organisations.models import Satker

from .. import policies, services
from ..forms_staff import ConsequenceTestForm, InformationListEntryForm
from ..models import ConsequenceTest, InformationListEntry
from ..services.dip import catalog_candidates
from .common import (
    information_satkers,
    information_satkers_or_404,
    lookup_value,
    safe_next,
    search_text,
)


@login_required
@require_GET
def consequence_tests(request):
    user = request.user
    satkers = information_satkers_or_404(user)
    tests = (ConsequenceTest.objects.filter(satker__in=satkers)
             .select_related("satker", "decided_by"))
    q = search_text(request.GET.get("q"))
    if q:
        tests = tests.filter(Q(title__icontains=q) | Q(exempt_content__icontains=q))
    code = lookup_value(request.GET.get("satker"))
    if code:
        tests = tests.filter(satker__code=code)
    return render(request, "inforequests/staff/consequence_tests.html", {
        "page_obj": page_of(request, tests), "query_string": query_without_page(request), "q": q,
        "can_create": information_satkers(user, write=True).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def consequence_test_create(request):
    satkers = information_satkers(request.user, write=True)
    if not satkers.exists():
        raise Http404(_("Tidak ada satker tempat Anda dapat mencatat uji konsekuensi."))
    initial = {}
    chosen = satkers.filter(code=lookup_value(request.GET.get("satker"))).first()
    if chosen is not None:
        initial["satker"] = chosen.pk
    form = ConsequenceTestForm(posted(request), satkers=satkers, initial=initial)
    next_url = safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            test = services.create_consequence_test(
                satker=form.cleaned_data["satker"], actor=request.user, **form.fields_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Uji konsekuensi “%(title)s” dicatat.")
                             % {"title": test.title})
            return redirect(next_url or reverse("inforequests:staff-consequence-tests"))
    return render(request, "inforequests/staff/consequence_test_form.html",
                  {"form": form, "next": next_url})


# --- Daftar Informasi Publik -------------------------------------------------------------------


def _dip_satker(request, code, *, write=False) -> Satker:
    return get_object_or_404(information_satkers(request.user, write=write),
                             code=lookup_value(code))


@login_required
@require_GET
def dip(request, code):
    satker = _dip_satker(request, code)
    entries = (InformationListEntry.objects.filter(satker=satker)
               .select_related("document", "dataset", "consequence_test"))
    q = search_text(request.GET.get("q"))
    if q:
        entries = entries.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    information_class = lookup_value(request.GET.get("class"))
    if information_class:
        entries = entries.filter(information_class=information_class)
    return render(request, "inforequests/staff/dip.html", {
        "satker": satker, "page_obj": page_of(request, entries),
        "query_string": query_without_page(request), "q": q, "information_class": information_class,
        "can_edit": policies.can_act_for_satker(request.user, satker),
    })


@login_required
@require_http_methods(["GET", "POST"])
def dip_form(request, code, pk=None):
    satker = _dip_satker(request, code, write=True)
    entry = get_object_or_404(InformationListEntry, satker=satker, pk=pk) if pk else None
    form = InformationListEntryForm(posted(request), instance=entry, satker=satker)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_information_list_entry(
                satker=satker, actor=request.user,
                entry=entry,
                **form.fields_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Entri “%(title)s” disimpan.") % {"title": saved.title})
            return redirect("inforequests:staff-dip", code=satker.code)
    return render(request, "inforequests/staff/dip_form.html",
                  {"satker": satker, "form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def dip_delete(request, code, pk):
    """Remove a line of the DIP, after a confirmation page."""
    satker = _dip_satker(request, code, write=True)
    entry = get_object_or_404(InformationListEntry, satker=satker, pk=pk)
    if request.method == "POST":
        try:
            services.delete_information_list_entry(entry=entry, actor=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("Entri “%(title)s” dihapus.") % {"title": entry.title})
        return redirect("inforequests:staff-dip", code=satker.code)
    dip_url = reverse("inforequests:staff-dip", args=[satker.code])
    return confirm_page(
        request, title=_("Hapus “%(title)s” dari Daftar Informasi Publik?") % {
            "title": entry.title},
        message=_("Penghapusan tidak dapat dibatalkan."), confirm_label=_("Ya, hapus"),
        cancel_url=dip_url, crumbs=[(_("Daftar Informasi Publik"), dip_url)],
        facts=[(_("Satker"), satker.name), (_("Judul"), entry.title),
               (_("Klasifikasi"), entry.get_information_class_display()),
               (_("Penguasa informasi"), entry.owner)],
    )


@login_required
@require_http_methods(["GET", "POST"])
def dip_import(request, code):
    """Add the satker's published datasets and public SK documents to its DIP in one step."""
    satker = _dip_satker(request, code, write=True)
    dip_url = reverse("inforequests:staff-dip", args=[satker.code])
    if request.method == "POST":
        try:
            created = services.add_catalog_records(satker=satker, actor=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("%(n)s entri ditambahkan dari katalog dan dokumen.")
                         % {"n": len(created)})
        return redirect(dip_url)
    datasets, documents = catalog_candidates(satker)
    return confirm_page(
        request, title=_("Tambahkan dataset terbit dan SK publik ke Daftar Informasi Publik?"),
        message=_("Setiap dataset dan dokumen ditambahkan sebagai informasi setiap saat yang "
                  "tertaut ke rekamannya; klasifikasi dapat diubah sesudahnya."),
        confirm_label=_("Ya, tambahkan"), cancel_url=dip_url, danger=False,
        crumbs=[(_("Daftar Informasi Publik"), dip_url)],
        facts=[(_("Satker"), satker.name),
               (_("Dataset terbit"), ", ".join(d.title for d in datasets) or "—"),
               (_("SK publik"), ", ".join(d.number for d in documents) or "—")],
    )
