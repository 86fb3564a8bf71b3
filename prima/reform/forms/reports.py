"""Forms of quarterly reports: the realisation per indicator, evidence (upload or link), the
answers to the evaluator's recommendations and comments."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prima.catalog.models import Dataset
from prima.core import evidence
from prima.core.uploads import check_upload, megabytes
from prima.organisations.models import Document

from ..models import Indicator, SocialisationEvent
from ..services import EVIDENCE_KINDS
from .common import DocumentChoiceField, clean_spaces


class ReportForm(forms.Form):
    """Narrative fields plus one value and one note per indicator (``value_<id>``,
    ``note_<id>``); ``version`` is the report version the person started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    narrative = forms.CharField(label=_("Uraian capaian"), required=False,
                                widget=forms.Textarea(attrs={"rows": 5}))
    obstacles = forms.CharField(label=_("Kendala"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label=_("Rencana tindak lanjut"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=_("Realisasi: %(name)s") % {"name": indicator.name}, required=False,
                max_digits=16, decimal_places=4,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=_("Keterangan: %(name)s") % {"name": indicator.name}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def value_field(self, indicator):
        return self[f"value_{indicator.pk}"]

    def note_field(self, indicator):
        return self[f"note_{indicator.pk}"]

    def report_data(self) -> dict:
        return {f: self.cleaned_data[f].strip() for f in ("narrative", "obstacles", "follow_up")}

    def realisations(self) -> dict:
        return {i.pk: (self.cleaned_data[f"value_{i.pk}"],
                       self.cleaned_data[f"note_{i.pk}"].strip()) for i in self.indicators}


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _indicator_field():
    return IndicatorChoiceField(label=_("Untuk indikator"), queryset=Indicator.objects.none(),
                                required=False, empty_label=_("— seluruh laporan —"))


def evidence_max_bytes() -> int:
    return int(getattr(settings, "PRIMA_REFORM_EVIDENCE_MAX_BYTES",
                       settings.DOCUMENT_MAX_BYTES))


class EvidenceUploadForm(forms.Form):
    title = forms.CharField(label=_("Judul data dukung"), max_length=300)
    file = forms.FileField(
        label=_("Berkas PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
    indicator = _indicator_field()

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["file"].help_text = _(
            "Hanya PDF asli (diperiksa dari isinya), tanpa kata sandi, paling besar %(limit)s MB."
        ) % {"limit": megabytes(evidence_max_bytes())}
        self.checked_file = None

    def clean_title(self):
        return clean_spaces(self.cleaned_data["title"])

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.checked_file = check_upload(uploaded, allowed_kinds=EVIDENCE_KINDS,
                                         max_bytes=evidence_max_bytes())
        return uploaded


class EvidenceLinkForm(forms.Form):
    """Link one record already in Prima: a document, a published dataset or an event."""

    title = forms.CharField(label=_("Judul data dukung"), max_length=300, required=False,
                            help_text=_("Kosongkan untuk memakai judul data yang ditautkan."))
    document = DocumentChoiceField(label=_("Dokumen satker"), queryset=Document.objects.none(),
                                   required=False, empty_label=_("— tidak ada —"))
    dataset = forms.ModelChoiceField(label=_("Dataset terbit"), queryset=Dataset.objects.none(),
                                     required=False,
                                     empty_label=_("— tidak ada —"))
    event = forms.ModelChoiceField(label=_("Kegiatan sosialisasi"),
                                   queryset=SocialisationEvent.objects.none(), required=False,
                                   empty_label=_("— tidak ada —"))
    url = forms.URLField(label=_("Tautan lain"), required=False, assume_scheme="https",
                         help_text=_("Alamat web bukti yang tidak tersimpan di Prima."))
    indicator = _indicator_field()

    SOURCES = ("document", "dataset", "event", "record", "url")
    # Kinds with a field of their own above; every other citable kind of the shared evidence
    # registry (progress reports, SOPs, survey reports...) is offered by ``record``.
    OWN_FIELDS = ("document", "dataset", "event")

    def __init__(self, *args, documents, datasets, events, indicators, satker=None, user=None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["dataset"].queryset = datasets
        self.fields["event"].queryset = events
        self.fields["indicator"].queryset = indicators
        others = [k for k, _label in evidence.kind_choices() if k not in self.OWN_FIELDS]
        if satker is not None and others:
            field = evidence.EvidenceField(satker=satker, user=user, kinds=others,
                                           required=False, label=_("Data lain di Prima"))
            self.fields["record"] = field
            self.order_fields(["title", *self.OWN_FIELDS, "record", "url", "indicator"])

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in self.SOURCES if name in self.fields and cleaned.get(name)]
        if len(chosen) != 1:
            raise ValidationError(
                _("Pilih tepat satu: dokumen, dataset, kegiatan sosialisasi, data lain di Prima "
                  "atau tautan lain."),
                code="one_source")
        source = chosen[0]
        if source == "record":
            linked = self.fields["record"].record
        else:
            linked = None if source == "url" else cleaned[source]
        title = clean_spaces(cleaned.get("title", ""))
        if not title and source == "record":
            title = evidence.source(cleaned["record"].kind).title(linked)
        elif not title:
            title = cleaned["url"] if linked is None else _linked_title(linked)
        cleaned.update(title=title[:300], linked_object=linked,
                       url=cleaned.get("url", "") if linked is None else "")
        return cleaned


def _linked_title(obj) -> str:
    if isinstance(obj, Document):
        return f"{obj.get_kind_display()} {obj.number}: {obj.subject}"
    return str(getattr(obj, "title", obj))


class RecommendationResponseForm(forms.Form):
    response = forms.CharField(label=_("Tanggapan satker"),
                               widget=forms.Textarea(attrs={"rows": 4}))

    def clean_response(self):
        value = self.cleaned_data["response"].strip()
        if not value:
            raise ValidationError(_("Tanggapan tidak boleh kosong."))
        return value


class CommentAnswersForm(forms.Form):
    """One answer field per evaluator comment (``answer_<comment id>``), filled with the
    answer given so far; a blank field leaves that comment as it is."""

    def __init__(self, *args, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.comments = list(comments)
        for comment in self.comments:
            self.fields[f"answer_{comment.pk}"] = forms.CharField(
                label=_("Tanggapan satker"), required=False, initial=comment.answer,
                max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def answer_field(self, comment):
        return self[f"answer_{comment.pk}"]

    def answers(self) -> dict[int, str]:
        """``{comment id: text}`` of the fields filled in or emptied (the service decides)."""
        return {c.pk: self.cleaned_data[f"answer_{c.pk}"] for c in self.comments
                if self.cleaned_data[f"answer_{c.pk}"].strip() or c.answer}
