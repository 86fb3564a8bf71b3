"""The annual report (page and PDF) and the XLSX registers.

The report is public: figures only, computed on request over a fixed number of queries. The
staff registers are fetched through ``satkers_for(user, Purpose.INFORMATION)``, so a satker
outside a person's scope answers 404 like an unknown one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.scope import ROOT_CODE
from prima.core.viewutils import add_service_errors, posted
from prima.organisations.choices import Level
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, satkers_for

from .. import charts, exports, policies, services
from ..forms_public import RegisterFilterForm
from ..forms_staff import ReportNotesForm
from ..models import AnnualReportNote, InformationRequest, Objection
from ..report_pdf import render_annual_report
from ..reports import annual_report, available_years, per_unit_rows, scope_of
from ..services.report_notes import REPORT_NOTE_FIELDS
from .common import information_satkers, lookup_value

EARLIEST_YEAR = 2008  # UU 14/2008 on public information


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if EARLIEST_YEAR <= year <= default + 1 else default


def _scope_choices():
    """Scope picker: KPU RI, then each province followed by its kabupaten/kota (one query)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    national: list[tuple[str, str]] = []
    for code, name, level in Satker.objects.order_by("code").values_list("code", "name",
                                                                         "level"):
        if level == Level.NATIONAL:
            national.append((code, _("%(name)s (nasional)") % {"name": name}))
        elif level == Level.PROVINCE:
            groups.append((name, [(code, _("%(name)s (se-provinsi)") % {"name": name})]))
        elif groups:
            groups[-1][1].append((code, name))
    return national, groups


def _report_context(request):
    today = timezone.localdate()
    code = request.GET.get("satker") or ROOT_CODE
    satker = Satker.objects.filter(code=lookup_value(code)).select_related("parent").first()
    if satker is None:
        raise Http404(_("Satuan kerja tidak ditemukan."))
    year = _year(request.GET.get("year"), today.year)
    report = annual_report(satkers=scope_of(satker), year=year, today=today)
    units = per_unit_rows(satker, year, today=today) if satker.level != Level.REGENCY else []
    # The PPID's obstacles and recommendations of the scope's own satker.
    notes = AnnualReportNote.objects.filter(satker=satker, year=year).first()
    return {"satker": satker, "year": year, "report": report, "units": units, "today": today,
            "notes": notes,
            "can_write_notes": policies.can_act_for_satker(request.user, satker)}


def _scope_name(satker: Satker) -> str:
    if satker.level == Level.NATIONAL:
        return _("%(name)s — seluruh satuan kerja KPU") % {"name": satker.name}
    if satker.level == Level.PROVINCE:
        return _("%(name)s — termasuk KPU kabupaten/kota di wilayahnya") % {"name": satker.name}
    return satker.name


@require_GET
def annual(request):
    context = _report_context(request)
    report = context["report"]
    national, groups = _scope_choices()
    context.update(
        scope_name=_scope_name(context["satker"]),
        national_choices=national,
        province_groups=groups,
        years=available_years(context["today"]),
        outcome_chart=charts.horizontal_bars(
            _("Hasil permohonan informasi tahun %(year)s") % {"year": report.year},
            [(t.label, t.count) for t in report.outcomes]),
        month_chart=charts.vertical_bars(
            _("Permohonan informasi per bulan tahun %(year)s") % {"year": report.year},
            [(t.label, t.count) for t in report.by_month]),
    )
    return render(request, "inforequests/reports/annual.html", context)


@require_GET
def annual_pdf(request):
    context = _report_context(request)
    satker, year = context["satker"], context["year"]
    pdf = render_annual_report(report=context["report"], scope_name=_scope_name(satker),
                               units=context["units"], notes=context["notes"])
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"laporan-informasi-{satker.code}-{year}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _staff_satker_and_year(request) -> tuple[Satker, int]:
    """The requested satker within the user's scope (first in scope when none is given)."""
    scope = satkers_for(request.user, Purpose.INFORMATION).order_by("code")
    code = request.GET.get("satker")
    satker = get_object_or_404(scope, code=lookup_value(code)) if code else scope.first()
    if satker is None:
        raise Http404(_("Tidak ada satuan kerja yang dapat Anda lihat."))
    return satker, _year(request.GET.get("year"), timezone.localdate().year)


@require_GET
@login_required
def staff_register_xlsx(request):
    """The request register of one satker and year (buku register permohonan)."""
    satker, year = _staff_satker_and_year(request)
    requests = InformationRequest.objects.filter(satker=satker, year=year)
    return exports.register_response(
        requests=requests, user=request.user,
        filename=f"register-permohonan-{satker.code}-{year}.xlsx")


@require_GET
@login_required
def staff_objection_register_xlsx(request):
    """The objection register of one satker and year (register keberatan)."""
    satker, year = _staff_satker_and_year(request)
    objections = Objection.objects.filter(satker=satker, year=year)
    return exports.objection_register_response(
        objections=objections, user=request.user,
        filename=f"register-keberatan-{satker.code}-{year}.xlsx")


@require_GET
def public_register_xlsx(request):
    """The public register with the filters of the register page; no personal data."""
    form = RegisterFilterForm(request.GET or None)
    requests = InformationRequest.objects.all()
    suffix = "semua"
    if form.is_bound and not form.is_valid():
        requests = requests.none()
    elif form.is_bound:
        data = form.cleaned_data
        satker = None
        if data["satker"]:
            satker = get_object_or_404(Satker, code=data["satker"])
            suffix = satker.code
        if data["year"]:
            suffix += f"-{data['year']}"
        requests = requests.in_register(satker=satker, year=data["year"],
                                        decision=data["decision"], q=data["q"])
    return exports.public_register_response(requests=requests,
                                            filename=f"register-publik-{suffix}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def report_notes(request, code, year):
    """The PPID writes the obstacles and recommendations of the satker's annual report."""
    satker = get_object_or_404(information_satkers(request.user, write=True),
                               code=lookup_value(code))
    year = _year(year, timezone.localdate().year)
    note = AnnualReportNote.objects.filter(satker=satker, year=year).first()
    initial = {name: getattr(note, name) for name in REPORT_NOTE_FIELDS} if note else {}
    form = ReportNotesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report_notes(satker=satker, year=year, actor=request.user,
                                       **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Kendala dan rekomendasi disimpan."))
            return redirect(f"{reverse('inforequests:report-annual')}?satker={satker.code}"
                            f"&year={year}")
    return render(request, "inforequests/staff/report_notes.html",
                  {"form": form, "satker": satker, "year": year},
                  status=400 if form.is_bound and form.errors else 200)
