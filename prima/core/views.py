from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.organisations.models import Satker
from prima.organisations.policies import (
    Purpose,
    can,
    is_staff_member,
    is_system_admin,
    satkers_for,
)

from . import calendar, evidence, services
from .confirm import confirm_page
from .dashboard import dashboard_for
from .forms import (
    CalendarFilterForm,
    CalendarOverrideForm,
    WorkingDayCalculatorForm,
    default_year,
    year_choices,
)
from .models import CalendarOverride


@require_GET
def home(request):
    provinces = Satker.objects.filter(level="provinsi").only("code", "name")
    return render(request, "core/home.html", {"provinces": provinces})


@login_required
def dashboard(request):
    return render(request, "core/dashboard.html", {"dashboard": dashboard_for(request.user)})


@require_GET
def health(request):
    """A trivial page: the baseline that benchmarks compare real pages against."""
    return JsonResponse({"status": "ok"})


def rate_limited(request, exception=None):
    return render(
        request, "core/rate_limited.html",
        {"message": _("Terlalu banyak permintaan. Silakan coba lagi beberapa saat lagi.")},
        status=429,
    )


def plain_text(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)


# --- Working-day calendar (staff) ---------------------------------------------------------------

CLOSURES_PER_PAGE = 25


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise Http404


def _may_add_overrides(user) -> bool:
    return is_system_admin(user) or satkers_for(user, Purpose.CALENDAR, write=True).exists()


def _removable_overrides(user):
    """Overrides ``user`` may remove: every row for the system admin, else own closures."""
    qs = CalendarOverride.objects.select_related("satker")
    if is_system_admin(user):
        return qs
    return qs.filter(satker__in=satkers_for(user, Purpose.CALENDAR, write=True))


def _calendar_url(override: CalendarOverride) -> str:
    query = {"tahun": override.date.year}
    if override.satker_id:
        query["satker"] = override.satker.code
    return f"{reverse('core:calendar')}?{urlencode(query)}"


def _calendar_context(request, *, override_form=None) -> dict:
    user = request.user
    filter_form = CalendarFilterForm(request.GET or None, user=user)
    year, satker = default_year(), None
    if filter_form.is_bound:
        filter_form.is_valid()
        if "satker" in filter_form.errors:  # a satker outside the user's scope: not found
            raise Http404
        # A year that is not a number or out of range falls back to the current year.
        year = filter_form.cleaned_data.get("tahun") or year
        satker = filter_form.cleaned_data.get("satker")
    table = calendar.year_calendar(year, satker)
    national_admin = is_system_admin(user)
    days = [
        {"day": entry, "removable": entry.override_id is not None and (
            national_admin or (entry.source == calendar.SOURCE_SATKER
                               and can(user, Purpose.CALENDAR, satker, write=True)))}
        for entry in table.days_off.values()
    ]
    closures = (CalendarOverride.objects
                .filter(date__year=year, satker__in=satkers_for(user, Purpose.CALENDAR))
                .select_related("satker", "created_by").order_by("date", "satker__code"))
    page_obj = Paginator(closures, CLOSURES_PER_PAGE).get_page(request.GET.get("page"))
    closure_rows = [
        {"override": o, "removable": can(user, Purpose.CALENDAR, o.satker, write=True)}
        for o in page_obj
    ]
    calculator = WorkingDayCalculatorForm(
        request.GET if "hitung-received_at" in request.GET else None, user=user,
        initial={"days": 10, "satker": satker},
    )
    result = calculator.result() if calculator.is_bound and calculator.is_valid() else None
    if override_form is None and _may_add_overrides(user):
        override_form = CalendarOverrideForm(user=user)
    query = {"tahun": year}
    if satker is not None:
        query["satker"] = satker.code
    return {
        "year": year, "years": year_choices(year), "satker": satker, "table": table,
        "days": days, "weekend_rule": "Perpres 21/2023", "filter_form": filter_form,
        "page_obj": page_obj, "closure_rows": closure_rows,
        "query_string": urlencode(query),
        "calculator": calculator, "result": result, "override_form": override_form,
        "is_system_admin": national_admin, "office_cutoff": calendar.office_cutoff(),
    }


@login_required
@require_GET
def calendar_page(request):
    """The year's days off with their sources, the override form and a deadline calculator."""
    _require_staff(request.user)
    return render(request, "core/calendar.html", _calendar_context(request))


@login_required
@require_POST
def calendar_override_add(request):
    _require_staff(request.user)
    if not _may_add_overrides(request.user):
        raise Http404
    form = CalendarOverrideForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            override = services.add_calendar_override(
                actor=request.user, date=data["date"], kind=data["kind"], name=data["name"],
                legal_basis=data["legal_basis"], satker=data.get("satker"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Perubahan kalender %(name)s pada %(date)s disimpan.")
                             % {"name": override.name,
                                "date": calendar.format_date(override.date)})
            return redirect(_calendar_url(override))
    context = _calendar_context(request, override_form=form)
    return render(request, "core/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_override_remove(request, pk: int):
    """Confirm (GET), then remove (POST) an override within the user's scope."""
    _require_staff(request.user)
    override = get_object_or_404(_removable_overrides(request.user), pk=pk)
    if request.method == "POST":
        services.remove_calendar_override(actor=request.user, override=override)
        messages.success(request, _("Perubahan kalender %(name)s pada %(date)s dihapus.")
                         % {"name": override.name, "date": calendar.format_date(override.date)})
        return redirect(_calendar_url(override))
    # What the date becomes once the row is gone: the layer below it applies again.
    if override.satker_id is None:
        restored = calendar.package_holidays(override.date.year).get(override.date)
    else:
        entry = calendar.year_calendar(override.date.year, None).days_off.get(override.date)
        restored = entry.name if entry else None
    if restored:
        message = (_("Setelah dihapus, tanggal ini kembali menjadi hari libur: %(restored)s.")
                   % {"restored": restored})
    elif override.date.weekday() >= 5:
        message = _("Setelah dihapus, tanggal ini tetap bukan hari kerja (Sabtu/Minggu).")
    else:
        message = _("Setelah dihapus, tanggal ini menjadi hari kerja.")
    calendar_url = _calendar_url(override)
    return confirm_page(
        request, title=_("Hapus perubahan kalender?"), message=message,
        confirm_label=_("Ya, hapus"), cancel_url=calendar_url,
        crumbs=[(_("Kalender hari kerja"), calendar_url)],
        facts=[(_("Tanggal"), date_format(override.date, "l, j F Y")),
               (_("Berlaku untuk"), override.satker.name if override.satker_id
                else _("Nasional (semua satker)")),
               (_("Jenis"), override.get_kind_display()), (_("Nama"), override.name),
               (_("Dasar hukum"), override.legal_basis)])


# --- Evidence picker (staff) ----------------------------------------------------------------------


@login_required
@require_GET
def evidence_records(request):
    """The ``<option>`` list of one kind of evidence a satker may cite (``EvidenceField``):
    ``?satker=<code>&kind=<key>&q=<search>&page=<n>``; a satker outside the person's staff
    scope, or an unknown kind, is not found."""
    satker = get_object_or_404(satkers_for(request.user, Purpose.STAFF),
                               code=request.GET.get("satker", ""))
    # The picker sends its own fields (``<field>_0`` the kind, ``<field>_1`` the search).
    field = request.GET.get("field", "")
    kind = request.GET.get("kind") or request.GET.get(f"{field}_0", "")
    query = request.GET.get("q") or request.GET.get(f"{field}_1", "")
    source = evidence.source(kind)
    if source is None:
        raise Http404
    page = evidence.citable(kind, satker=satker, user=request.user, query=query,
                            page=request.GET.get("page", 1))
    options = [(str(record.pk), source.title(record)) for record in page.object_list]
    return HttpResponse(render_to_string("core/widgets/_evidence_options.html",
                                         {"options": options, "page": page}, request=request))
