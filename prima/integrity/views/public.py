"""Public pages: a satker's integrity zone (declaration and pact completion), and the
verification of a printed pact or collective list by its code, which anyone may check."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from prima.organisations.choices import Level
from prima.organisations.models import Satker

from .. import completion, services
from ..forms import VerifyForm
from ..models import Declaration, PactVersion, ZoneUnit, normalise_code


@require_GET
def satker_page(request, code):
    satker = get_object_or_404(Satker, code=str(code)[:16].replace("\x00", ""))
    version = PactVersion.objects.current()
    own = completion.satker_completion(satker, version)
    children = []
    if satker.level != Level.REGENCY:
        _own, total, children = completion.rollup_below(satker, version)
        own = total
    return render(request, "integrity/public/satker.html", {
        "satker": satker, "version": version, "completion": own, "children": children,
        "declarations": Declaration.objects.filter(satker=satker, is_public=True),
        "units": ZoneUnit.objects.filter(satker=satker)})


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["kode"])
        if code:
            return redirect("integrity:public-verify", code)
        form.add_error("kode", "")
    return render(request, "integrity/public/verify_form.html", {"form": form})


@require_GET
def verify(request, code):
    result = services.verify(code)
    return render(request, "integrity/public/verify.html", {
        "result": result, "code": normalise_code(code), "form": VerifyForm()},
        status=200 if result.kind else 404)
