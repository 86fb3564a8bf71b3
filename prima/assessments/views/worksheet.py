"""The satker's assessments, the worksheet page (fill, verify, scores, eligibility), the
per-item autosave and the workflow steps (submit, send back, finalise, reopen)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.confirm import confirm_page

from .. import policies, scoring, services
from ..choices import Kind, Side, Status
from ..models import Assessment
from .common import (
    assessment_in_scope,
    crumbs,
    detail_url,
    error_text,
    fillable,
    satker_in_scope,
    verifiable,
)


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis penilaian"), choices=Kind.choices)
    year = forms.IntegerField(label=gettext_lazy("Tahun"), min_value=2014, max_value=2100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan membuka kembali"), min_length=10,
                             max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_list(request, code):
    satker = satker_in_scope(request, code)
    assessments = (policies.assessments_visible_to(request.user).filter(satker=satker)
                   .select_related("worksheet"))
    can_start = policies.can_manage(request.user, satker)
    form = StartForm(request.POST or None, initial={"year": timezone.localdate().year,
                                                     "kind": Kind.ZI})
    if request.method == "POST":
        if not can_start:
            raise Http404
        if form.is_valid():
            try:
                created = services.start_assessment(
                    satker=satker, year=form.cleaned_data["year"],
                    kind=form.cleaned_data["kind"], actor=request.user)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Penilaian dimulai."))
                return redirect(detail_url(created))
    return render(request, "assessments/list.html", {
        "satker": satker, "assessments": assessments, "form": form, "can_start": can_start,
        "crumbs": crumbs(satker)[:1]}, status=400 if form.errors else 200)


@login_required
@require_GET
def inbox(request):
    """Assessments below the person awaiting verification (evaluators)."""
    from prima.organisations.policies import Purpose, satkers_for

    waiting = (Assessment.objects.filter(
        satker__in=satkers_for(request.user, Purpose.EVALUATION, write=True),
        status__in=(Status.SUBMITTED, Status.RETURNED, Status.FINAL))
        .select_related("satker").order_by("status", "-year", "satker__code")[:500])
    return render(request, "assessments/inbox.html", {"assessments": waiting})


def _sections(assessment, result, theirs, rows, *, fill, verify):
    sheet = assessment.sheet
    out = []
    for component in sheet.components:
        areas = []
        for area in component.areas:
            done, needed = result.area_answered.get(area.code, (0, 0))
            expecting = [i.key for sub in area.subcomponents for i in sub.items
                         if i.evidence and not i.computed]
            evidenced = sum(1 for k in expecting if rows.get(k) and rows[k].evidence_count)
            subs = []
            for sub in area.subcomponents:
                items = []
                for item in sub.items:
                    row = rows.get(item.key)
                    items.append({
                        "item": item, "row": row,
                        "self_answer": result.answers.get(item.key, ""),
                        "eval_answer": (row.evaluator_answer if row else "")
                        if not item.computed else theirs.answers.get(item.key, ""),
                        "self_value": scoring.rounded(result.items.get(item.key)),
                        "eval_value": scoring.rounded(theirs.items.get(item.key)),
                        "version": row.version if row else 0,
                        "answer_url": reverse("assessments:staff-answer",
                                              args=[assessment.satker.code, assessment.pk,
                                                    item.key]),
                        "evidence_url": reverse("assessments:staff-evidence",
                                                args=[assessment.satker.code, assessment.pk,
                                                      item.key]),
                        "fill": fill and not item.computed,
                        "verify": verify and not item.computed,
                    })
                subs.append({"sub": sub, "items": items,
                             "self": scoring.rounded(result.subcomponents[sub.code]),
                             "eval": scoring.rounded(theirs.subcomponents[sub.code])})
            areas.append({"area": area, "subs": subs, "done": done, "needed": needed,
                          "evidenced": evidenced, "expecting": len(expecting),
                          "percent": round(100 * done / needed) if needed else 0,
                          "self": scoring.rounded(result.areas[area.code]),
                          "eval": scoring.rounded(theirs.areas[area.code])})
        out.append({"component": component, "areas": areas,
                    "self": scoring.rounded(result.components[component.code]),
                    "eval": scoring.rounded(theirs.components[component.code])})
    return out


def held_predicates(assessment) -> set[str]:
    """Predicates the satker already holds: a final, eligible integrity-zone assessment of an
    earlier year (the WBBM requirement "must hold Menuju WBK")."""
    held = set()
    earlier = (Assessment.objects.filter(satker=assessment.satker, kind=assessment.kind,
                                         status=Status.FINAL, year__lt=assessment.year)
               .select_related("worksheet").prefetch_related("answers"))
    for old in earlier:
        sheet = old.sheet
        result = scoring.score(sheet, services.answers_of(list(old.answers.all()),
                                                          Side.EVALUATOR))
        held |= {e.code for e in scoring.eligibility(sheet, result) if e.eligible}
    return held


@login_required
@require_GET
def assessment_detail(request, code, pk):
    assessment = assessment_in_scope(request, code, pk)
    user = request.user
    rows = {r.item_key: r for r in assessment.answers.all()}
    sheet = assessment.sheet
    result = scoring.score(sheet, services.answers_of(rows.values(), Side.SELF))
    theirs = scoring.score(sheet, services.answers_of(rows.values(), Side.EVALUATOR))
    fill = policies.can_fill(user, assessment)
    verify = policies.can_verify(user, assessment) and assessment.status == Status.SUBMITTED
    expecting = [i.key for i in sheet.items if i.evidence and not i.computed]
    evidenced = sum(1 for k in expecting if rows.get(k) and rows[k].evidence_count)
    eligibility = []
    if sheet.predicates:
        held = held_predicates(assessment)
        eligibility = [("self", scoring.eligibility(sheet, result, held=held)),
                       ("eval", scoring.eligibility(sheet, theirs, held=held))]
    return render(request, "assessments/detail.html", {
        "satker": assessment.satker, "assessment": assessment, "sheet": sheet,
        "sections": _sections(assessment, result, theirs, rows, fill=fill, verify=verify),
        "result": result, "theirs": theirs, "eligibility": eligibility,
        "fill": fill, "verify": verify, "evidenced": evidenced, "expecting": len(expecting),
        "can_verify": policies.can_verify(user, assessment),
        "returned": [k for k, r in rows.items() if r.returned],
        "crumbs": crumbs(assessment.satker), "statuses": Status,
        "show_evaluator": assessment.status != Status.DRAFT,
        "unconfirmed": any(a.unconfirmed or any(s.unconfirmed for s in a.subcomponents)
                           for a in sheet.areas()) or any(p.unconfirmed for p in
                                                          sheet.predicates),
    })


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def answer(request, code, pk, item_key):
    """Save one item (the satker's answer, or the evaluator's when ``side=evaluator``); the
    page's small script posts here on every change (autosave) and reads JSON back."""
    side = Side.EVALUATOR if request.POST.get("side") == Side.EVALUATOR else Side.SELF
    assessment = (verifiable if side == Side.EVALUATOR else fillable)(request, code, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        row = services.save_answer(
            assessment=assessment, item_key=item_key, answer=request.POST.get("answer", ""),
            note=request.POST.get("note", ""), actor=request.user, expected_version=version,
            side=side)
    except services.AnswerConflict as exc:
        current = exc.current
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": error_text(exc), "conflict": True,
                                 "version": current.version,
                                 "answer": current.self_answer if side == Side.SELF
                                 else current.evaluator_answer,
                                 "note": current.self_note if side == Side.SELF
                                 else current.evaluator_note}, status=409)
        messages.error(request, error_text(exc))
        return redirect(detail_url(assessment, f"item-{item_key}"))
    except ValidationError as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": error_text(exc)}, status=400)
        messages.error(request, error_text(exc))
        return redirect(detail_url(assessment, f"item-{item_key}"))
    assessment.refresh_from_db()
    if _wants_json(request):
        return JsonResponse({"ok": True, "version": row.version,
                             "self_total": number_format(assessment.self_total, 2),
                             "evaluator_total": number_format(assessment.evaluator_total, 2),
                             "answered": assessment.answered, "to_answer": assessment.to_answer,
                             "progress": assessment.progress})
    messages.success(request, _("Jawaban tersimpan."))
    return redirect(detail_url(assessment, f"item-{item_key}"))


def _confirm(request, assessment, *, title, message, label, form=None, danger=False,
             error="", status=200):
    return confirm_page(request, title=title, message=message, confirm_label=label,
                        cancel_url=detail_url(assessment), crumbs=crumbs(assessment.satker),
                        facts=[(_("Satker"), assessment.satker.name),
                               (_("Penilaian"), f"{assessment.get_kind_display()} "
                                                f"{assessment.year}"),
                               (_("Nilai mandiri"), assessment.self_total),
                               (_("Nilai evaluator"), assessment.evaluator_total)],
                        form=form, danger=danger, error=error, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, code, pk):
    assessment = fillable(request, code, pk)
    if request.method == "POST":
        try:
            services.submit(assessment=assessment, actor=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Penilaian diajukan untuk verifikasi."))
        return redirect(detail_url(assessment))
    return _confirm(request, assessment, title=_("Ajukan penilaian untuk verifikasi?"),
                    message=_("Setelah diajukan, jawaban tidak dapat diubah sampai evaluator "
                              "mengembalikannya."), label=_("Ajukan"))


@login_required
@require_POST
def return_items(request, code, pk):
    assessment = verifiable(request, code, pk)
    try:
        services.return_items(assessment=assessment, actor=request.user,
                              item_keys=request.POST.getlist("items"),
                              note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Butir terpilih dikembalikan ke satker."))
    return redirect(detail_url(assessment))


@login_required
@require_http_methods(["GET", "POST"])
def finalise(request, code, pk):
    assessment = verifiable(request, code, pk)
    if request.method == "POST":
        try:
            services.finalise(assessment=assessment, actor=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Penilaian ditetapkan final."))
        return redirect(detail_url(assessment))
    return _confirm(request, assessment, title=_("Tetapkan penilaian sebagai final?"),
                    message=_("Penilaian final terkunci; perubahan sesudahnya memerlukan "
                              "pembukaan kembali dengan alasan yang tercatat."),
                    label=_("Tetapkan final"), danger=True)


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request, code, pk):
    assessment = verifiable(request, code, pk)
    if assessment.status != Status.FINAL:
        raise Http404
    form = ReasonForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen(assessment=assessment, actor=request.user,
                            reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(request, _("Penilaian dibuka kembali."))
            return redirect(detail_url(assessment))
    return _confirm(request, assessment, title=_("Buka kembali penilaian final?"),
                    message=_("Alasan pembukaan kembali dicatat di jejak audit."),
                    label=_("Buka kembali"), form=form, danger=True, error=error,
                    status=400 if request.method == "POST" else 200)

