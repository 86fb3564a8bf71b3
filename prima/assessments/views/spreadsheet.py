"""XLSX export and import of one assessment's worksheet."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.spreadsheets import XLSX_CONTENT_TYPE

from .. import policies, xlsx
from ..choices import Side, Status
from .common import assessment_in_scope, crumbs, detail_url, error_text


class ImportForm(forms.Form):
    upload = forms.FileField(label=gettext_lazy("Berkas XLSX lembar kerja"))


@login_required
@require_GET
def export(request, code, pk):
    assessment = assessment_in_scope(request, code, pk)
    response = HttpResponse(xlsx.export_bytes(assessment), content_type=XLSX_CONTENT_TYPE)
    name = f"lke-{assessment.kind}-{assessment.satker.code}-{assessment.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request, code, pk):
    """Import answers (the satker's, or the evaluator's while verifying): every cell checked,
    every error listed by row and column, nothing saved unless all is valid."""
    assessment = assessment_in_scope(request, code, pk)
    if policies.can_fill(request.user, assessment):
        side = Side.SELF
    elif policies.can_verify(request.user, assessment) and \
            assessment.status == Status.SUBMITTED:
        side = Side.EVALUATOR
    else:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, changes = [], []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changes, errors = xlsx.import_answers(assessment, form.cleaned_data["upload"],
                                                  actor=request.user, side=side)
        except ValidationError as exc:
            form.add_error("upload", error_text(exc))
        else:
            if not errors:
                if changes:
                    messages.success(request, _("%(n)d jawaban diperbarui dari XLSX.")
                                     % {"n": len(changes)})
                else:
                    messages.info(request, _("Tidak ada perbedaan dengan jawaban tersimpan."))
                return redirect(detail_url(assessment))
        status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "assessments/import.html", {
        "satker": assessment.satker, "assessment": assessment, "form": form,
        "errors": errors, "side": side, "back": detail_url(assessment),
        "crumbs": crumbs(assessment.satker, (f"{assessment.get_kind_display()} "
                                             f"{assessment.year}", detail_url(assessment))),
    }, status=status)
