from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from prima.core import audit
from prima.organisations.policies import Purpose, satkers_for

from .choices import AuditAction


@require_GET
def public_page(request):
    return HttpResponse("Layanan uji")


@login_required
@require_GET
def staff_page(request, code):
    satker = get_object_or_404(satkers_for(request.user, Purpose.FIXTURE), code=code)
    return HttpResponse(f"Ruang uji {satker.name}")


@login_required
@require_POST
def check_satker(request, code):
    satker = get_object_or_404(satkers_for(request.user, Purpose.FIXTURE, write=True),
                               code=code)
    with transaction.atomic():
        audit.record(satker, actor=request.user, action=AuditAction.SATKER_CHECKED,
                     changes={})
    return redirect("fixture_capability:staff", code=satker.code)
