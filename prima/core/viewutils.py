"""Small helpers every app's views share: paging, bound-form data, service errors on forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def page_of(request, queryset, size: int = PAGE_SIZE) -> Page:
    """The requested page of ``queryset`` (out-of-range or junk page numbers give a valid page)."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current query string without ``page``, for pagination links that keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def posted(request, *, files: bool = False):
    """The submitted data for a bound form, or ``None`` on GET (an unbound form)."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form: by field where the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
