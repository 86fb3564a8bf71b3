"""Helpers of the assessment views: the satker and assessment in the URL, fetched through the
policies so "not found" and "not allowed" both answer 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from prima.organisations.models import Satker

from .. import policies
from ..models import Assessment


def satker_in_scope(request, code, *, write=False) -> Satker:
    return get_object_or_404(policies.satkers_for(request.user, write=write)
                             .select_related("parent"), code=code)


def assessment_in_scope(request, code, pk) -> Assessment:
    assessment = get_object_or_404(
        policies.assessments_visible_to(request.user).select_related("satker", "worksheet"),
        satker__code=code, pk=pk)
    return assessment


def fillable(request, code, pk) -> Assessment:
    assessment = assessment_in_scope(request, code, pk)
    if not policies.can_fill(request.user, assessment):
        raise Http404
    return assessment


def verifiable(request, code, pk) -> Assessment:
    assessment = assessment_in_scope(request, code, pk)
    if not policies.can_verify(request.user, assessment):
        raise Http404
    return assessment


def detail_url(assessment, anchor: str = "") -> str:
    url = reverse("assessments:staff-detail", args=[assessment.satker.code, assessment.pk])
    return f"{url}#{anchor}" if anchor else url


def crumbs(satker, *more):
    return [(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
            (_("Penilaian mandiri"), reverse("assessments:staff-list", args=[satker.code])),
            *more]


def error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for messages in exc.message_dict.values() for m in messages)
    return " ".join(str(m) for m in exc.messages)
