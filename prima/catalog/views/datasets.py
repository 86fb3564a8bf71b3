"""The officer's dataset pages: the list of their satkers' datasets, metadata forms, the dataset
page with its resources and usage, and the lifecycle steps (submit, publish, withdraw).

Datasets are fetched through ``policies.staff_datasets(user)`` (``Purpose.CATALOG`` read), so a
dataset of another satker answers 404 exactly like one that does not exist; changes also need
the write right (admin, head, secretary, PPID), else 404 as well (evaluators above read only).
Writes are POST only and go through ``services``; a ``ValidationError`` is shown on the page and
changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.confirm import confirm_page
from prima.core.viewutils import add_service_errors
from prima.organisations.policies import is_staff_member

from .. import policies, satudata, services, usage
from ..choices import DatasetStatus
from ..forms import DatasetFilterForm, DatasetForm
from ..models import Resource, ResourceVersion
from .common import error_text, staff_crumbs, staff_dataset

PAGE_SIZE = 25


@login_required
@require_GET
def dataset_list(request):
    if not is_staff_member(request.user):
        raise Http404
    form = DatasetFilterForm(request.GET or None)
    datasets = (policies.staff_datasets(request.user)
                .select_related("satker")
                .annotate(n_resources=Count("resources", distinct=True))
                .order_by("-updated_at"))
    if form.is_valid():
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            datasets = datasets.filter(Q(title__icontains=q) | Q(description__icontains=q)
                                       | Q(satker__name__icontains=q))
        if form.cleaned_data["status"]:
            datasets = datasets.filter(status=form.cleaned_data["status"])
    page_obj = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = usage.usage_summary([d.pk for d in page_obj]) if page_obj.object_list else {}
    for dataset in page_obj:
        dataset.figures = counts.get(dataset.pk, {})
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "catalog/staff/dataset_list.html", {
        "form": form, "page_obj": page_obj, "query_string": params.urlencode(),
        "can_create": policies.writable_satkers(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def dataset_create(request):
    satkers = policies.writable_satkers(request.user)
    if not satkers.exists():
        raise Http404
    form = DatasetForm(request.POST or None, satkers=satkers)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.create_dataset(satker=form.cleaned_data["satker"],
                                              actor=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Dataset dibuat sebagai draf. Tambahkan sumber data."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/dataset_form.html", {"form": form, "dataset": None})


@login_required
@require_http_methods(["GET", "POST"])
def dataset_edit(request, slug):
    dataset = staff_dataset(request, slug, write=True)
    form = DatasetForm(request.POST or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dataset(dataset=dataset, actor=request.user,
                                    **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Metadata dataset disimpan."))
            return redirect("catalog:staff-dataset", dataset.slug)
    return render(request, "catalog/staff/dataset_form.html", {"form": form,
                                                                "dataset": dataset})


@login_required
@require_GET
def dataset_detail(request, slug):
    dataset = staff_dataset(request, slug)
    resources = list(
        Resource.objects.filter(dataset=dataset)
        .select_related("current_version")
        .annotate(latest_number=Max("versions__number"),
                  n_versions=Count("versions")))
    latest = {(v.resource_id, v.number): v for v in ResourceVersion.objects.filter(
        resource__in=resources,
        number__in=[r.latest_number for r in resources if r.latest_number]).only(
        "id", "resource_id", "number", "status", "progress", "created_at")}
    resource_usage = usage.resource_usage_summary(resources) if resources else {}
    for resource in resources:
        resource.latest_version = latest.get((resource.pk, resource.latest_number))
        resource.figures = resource_usage.get(resource.pk, {})
    dataset_usage = usage.usage_summary([dataset.pk])[dataset.pk]
    return render(request, "catalog/staff/dataset_detail.html", {
        "dataset": dataset, "resources": resources, "usage": dataset_usage,
        "topics": list(dataset.topics.all()), "tags": list(dataset.tags.all()),
        "can_edit": policies.can_edit_dataset(request.user, dataset),
        "Status": DatasetStatus,
        # Satu Data: who reviews and how this satker publishes (``satudata``).
        "is_walidata": policies.is_walidata_for(request.user, dataset.satker),
        "review_required": satudata.review_required(dataset.satker),
        "indicators": list(dataset.indicators.all()),
    })


# action → (service, page title, confirm button, what happens, message once done)
TRANSITIONS = {
    "publish": (services.publish_dataset, gettext_lazy("Terbitkan dataset"),
                gettext_lazy("Ya, terbitkan dataset"),
                gettext_lazy("Dataset akan tampil di katalog publik dan dapat diunduh siapa "
                             "pun."),
                gettext_lazy("Dataset diterbitkan.")),
    "withdraw": (services.withdraw_dataset, gettext_lazy("Tarik dataset"),
                 gettext_lazy("Ya, tarik dataset"),
                 gettext_lazy("Dataset tidak lagi tampil di katalog publik; versinya tetap "
                              "tersimpan dan dapat diterbitkan kembali."),
                 gettext_lazy("Dataset ditarik dari katalog publik.")),
    "submit": (services.submit_for_review, gettext_lazy("Ajukan untuk diperiksa walidata"),
               gettext_lazy("Ya, ajukan untuk diperiksa walidata"),
               gettext_lazy("Dataset ditandai siap diperiksa sebelum diterbitkan."),
               gettext_lazy("Dataset diajukan untuk diperiksa.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def dataset_transition(request, slug, action):
    dataset = staff_dataset(request, slug, write=True)
    function, title, confirm_label, explanation, done = TRANSITIONS[action]
    error = ""
    if request.method == "POST":
        try:
            function(dataset=dataset, actor=request.user)
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(request, str(done))
            return redirect("catalog:staff-dataset", dataset.slug)
    return confirm_page(
        request, title=str(title), message=str(explanation), confirm_label=str(confirm_label),
        cancel_url=reverse("catalog:staff-dataset", args=[dataset.slug]),
        crumbs=staff_crumbs(dataset),
        facts=[(_("Dataset"), dataset.title), (_("Satker"), dataset.satker.name),
               (_("Status"), dataset.get_status_display())],
        danger=action == "withdraw", error=error, status=400 if error else 200)
