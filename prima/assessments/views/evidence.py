"""Evidence (data dukung) of one item: uploaded files (checked, served privately) and records
already in Prima cited through ``core.evidence``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.evidence import EvidenceField, links_of
from prima.core.models import EvidenceLink

from .. import policies, services
from ..models import Answer, AnswerFile
from .common import assessment_in_scope, crumbs, detail_url, error_text


class UploadForm(forms.Form):
    upload = forms.FileField(label=gettext_lazy("Berkas (PDF, JPEG, PNG, XLSX, CSV)"))


class LinkForm(forms.Form):
    def __init__(self, *args, satker, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ref"] = EvidenceField(satker=satker, user=user)


@login_required
@require_http_methods(["GET", "POST"])
def item_evidence(request, code, pk, item_key):
    assessment = assessment_in_scope(request, code, pk)
    item = assessment.sheet.item(item_key)
    if item is None or item.computed:
        raise Http404
    can_fill = policies.can_fill(request.user, assessment)
    row = Answer.objects.filter(assessment=assessment, item_key=item_key).first()
    upload_form = UploadForm()
    link_form = LinkForm(satker=assessment.satker, user=request.user) if can_fill else None
    status = 200
    if request.method == "POST":
        if not can_fill:
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "upload":
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    services.attach_file(assessment=assessment, item_key=item_key,
                                         upload=upload_form.cleaned_data["upload"],
                                         actor=request.user)
                    messages.success(request, _("Berkas data dukung diunggah."))
                    return redirect(request.path)
            elif action == "link":
                link_form = LinkForm(request.POST, satker=assessment.satker, user=request.user)
                if link_form.is_valid():
                    services.link_answer_evidence(assessment=assessment, item_key=item_key,
                                                  ref=link_form.cleaned_data["ref"],
                                                  actor=request.user)
                    messages.success(request, _("Data dukung ditautkan."))
                    return redirect(request.path)
            elif action == "delete-file" and row is not None:
                record = get_object_or_404(AnswerFile, answer=row, pk=request.POST.get("file"))
                services.delete_file(record=record, actor=request.user)
                messages.success(request, _("Berkas data dukung dihapus."))
                return redirect(request.path)
            elif action == "unlink" and row is not None:
                link = get_object_or_404(EvidenceLink, pk=request.POST.get("link"),
                                         owner_id=str(row.pk), satker=assessment.satker)
                services.unlink_answer_evidence(link=link, answer=row, actor=request.user)
                messages.success(request, _("Tautan data dukung dilepas."))
                return redirect(request.path)
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        status = 400
    files = list(row.files.all()) if row else []
    links = links_of(row, user=request.user) if row else []
    return render(request, "assessments/evidence.html", {
        "satker": assessment.satker, "assessment": assessment, "item": item, "row": row,
        "files": files, "links": links, "upload_form": upload_form, "link_form": link_form,
        "can_fill": can_fill, "back": detail_url(assessment, f"item-{item_key}"),
        "crumbs": crumbs(assessment.satker, (f"{assessment.get_kind_display()} "
                                             f"{assessment.year}", detail_url(assessment))),
    }, status=status)


@login_required
@require_GET
def file_download(request, code, pk, file_pk):
    assessment = assessment_in_scope(request, code, pk)
    record = get_object_or_404(AnswerFile, answer__assessment=assessment, pk=file_pk)
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas data dukung tidak tersedia.")) from exc
    response = FileResponse(handle, as_attachment=True,
                            filename=record.original_name or f"data-dukung-{record.pk}")
    patch_cache_control(response, private=True, no_store=True)
    return response


def file_url(assessment, record) -> str:
    return reverse("assessments:staff-file", args=[assessment.satker.code, assessment.pk,
                                                   record.pk])
