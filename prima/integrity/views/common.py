"""Helpers shared by the integrity views: the satker in the URL through the policies (outside
a person's scope answers 404 like a satker that does not exist), PDF downloads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from ..policies import integrity_satkers


def satker_in_scope(request, code, *, write=False):
    return get_object_or_404(integrity_satkers(request.user, write=write)
                             .select_related("parent"), code=code)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def staff_crumbs(satker, *more):
    return [(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
            (_("Zona integritas"), reverse("integrity:staff-satker", args=[satker.code])),
            *more]
