from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prima.organisations.models import Satker

from .dashboard import dashboard_for


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
