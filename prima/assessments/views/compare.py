"""Comparison of the satkers below one satker (a province its kabupaten/kota, KPU RI its
provinces): ranking, area scores (heat map), self vs evaluator gap, year over year and
evidence completeness, on screen and as XLSX/PDF. Two queries whatever the number of satkers."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prima.core import charts, pdf
from prima.core.scope import is_in_subtree
from prima.core.spreadsheets import Column, xlsx_response
from prima.organisations.choices import Role
from prima.organisations.policies import is_system_admin, memberships_of

from .. import policies, querysets
from ..choices import Kind
from .common import crumbs, satker_in_scope


def can_compare(user, satker) -> bool:
    """The evaluators of ``satker`` or of a level above it, and the system administrator."""
    return is_system_admin(user) or any(
        m.role == Role.EVALUATOR and is_in_subtree(satker.code, m.satker.code,
                                                   include_self=True)
        for m in memberships_of(user))


def _fmt(value) -> str:
    return "—" if value is None else f"{Decimal(value):.2f}"


def comparison_for(user, satker, kind, year):
    visible = policies.assessments_visible_to(user).filter(satker__parent=satker)
    return querysets.compare(visible, kind=kind, year=year)


@login_required
@require_GET
def compare(request, code):
    satker = satker_in_scope(request, code)
    if not can_compare(request.user, satker):
        raise Http404
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.RB
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2014), 2100)
    result = comparison_for(request.user, satker, kind, year)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return _xlsx(result, satker)
    if fmt == "pdf":
        return _pdf(result, satker)
    areas = result.areas
    means = result.area_means()
    heat = charts.heat_map(
        _("Nilai per area (persen dari bobot, nilai evaluator)"),
        [a.title for a in areas],
        [(r.satker.name, [round(100 * float(r.areas.get(a.code, (0, 0))[1]) / float(a.weight))
                          if a.weight else None for a in areas]) for r in result.rows],
        thresholds=[50, 60, 75, 90], column_keys=[a.code for a in areas],
        legend=[_("< 50%"), _("50–60%"), _("60–75%"), _("75–90%"), _("≥ 90%")],
        fmt=lambda v: f"{v}%") if result.rows else None
    bars = charts.bar_chart(_("Nilai evaluator"), [(r.satker.name, r.evaluator_total)
                                                  for r in result.rows],
                            maximum=Decimal(100)) if result.rows else None
    return render(request, "assessments/compare.html", {
        "satker": satker, "result": result, "kind": kind, "year": year, "kinds": Kind.choices,
        "heat": heat, "bars": bars, "crumbs": crumbs(satker)[:1],
        "area_rows": [(a, *means[a.code]) for a in areas] if result.rows else [],
    })


def _table(result):
    areas = result.areas
    columns = [Column(_("Peringkat"), "integer", 9), Column(_("Satker"), "text", 34),
               Column(_("Nilai mandiri"), "decimal", 11),
               Column(_("Nilai evaluator"), "decimal", 11), Column(_("Selisih"), "decimal", 9),
               Column(_("Kategori"), "text", 9),
               Column(_("Tahun lalu"), "decimal", 10),
               Column(_("Data dukung (%)"), "percent", 10)]
    columns += [Column(f"{a.code} {a.title}", "decimal", 12) for a in areas]
    rows = [[r.rank, r.satker.name, r.self_total, r.evaluator_total, r.gap, r.category,
             r.previous_total, r.evidence_share,
             *[round(float(r.areas.get(a.code, (0, 0))[1]), 2) for a in areas]]
            for r in result.rows]
    return columns, rows


def _title(result, satker) -> str:
    return _("Perbandingan %(kind)s %(year)s di bawah %(satker)s") % {
        "kind": dict(Kind.choices)[result.kind], "year": result.year, "satker": satker.name}


def _xlsx(result, satker):
    columns, rows = _table(result)
    return xlsx_response(f"perbandingan-{result.kind}-{satker.code}-{result.year}.xlsx",
                         columns, rows, title=_title(result, satker)[:31])


def _pdf(result, satker):
    columns, rows = _table(result)
    styles = pdf.styles(size=8, cell_size=7)
    story = [pdf.paragraph(_title(result, satker), styles["title"])]
    body = [[c.header for c in columns[:8]]] + [
        [str(v) if not isinstance(v, Decimal) else _fmt(v) for v in row[:8]] for row in rows]
    story.append(pdf.table(body, styles=styles, numeric=(0, 2, 3, 4, 6, 7),
                           widths=[30, 170, 55, 55, 45, 45, 50, 55]))
    content = pdf.build(story, title=_title(result, satker), page=pdf.LANDSCAPE)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="perbandingan-{result.kind}-{satker.code}-{result.year}.pdf"')
    response["Cache-Control"] = "private, no-store"
    return response
