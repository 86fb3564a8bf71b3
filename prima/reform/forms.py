"""Forms of the reform staff area: teams, plans and their tree, reports, evidence, events.

Forms validate and shape data; the views hand ``cleaned_data`` to ``services`` (R1), which
enforce the rules again. Choice querysets are always limited to the satker in hand, so a
forged id from another satker fails validation like an unknown one.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prima.accounts.models import User
from prima.catalog.models import Dataset
from prima.core.uploads import check_upload, megabytes
from prima.organisations.choices import DocumentKind
from prima.organisations.models import Division, Document, Satker

from .choices import TeamRole
from .models import (
    ActionPlan,
    Activity,
    AreaOfChange,
    Indicator,
    Programme,
    Regime,
    SocialisationEvent,
    TeamMember,
)
from .services import EVIDENCE_KINDS

QUARTER_CHOICES = [(1, _("TW I")), (2, _("TW II")), (3, _("TW III")), (4, _("TW IV"))]
MAX_BULK_LINES = 500


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.subject} ({obj.date:%d-%m-%Y})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def decrees_of(satker: Satker):
    """The satker's decrees (SK), newest first: the only documents a team or plan rests on."""
    return (Document.objects.filter(satker=satker, kind=DocumentKind.DECREE)
            .only("pk", "number", "subject", "date").order_by("-date", "-id"))


def people_of(satker: Satker):
    """Users with an active role in the satker (each once)."""
    return (User.objects.filter(memberships__satker=satker, memberships__is_active=True,
                                is_active=True)
            .distinct().only("pk", "full_name", "email").order_by("full_name"))


def _clean_text(value: str) -> str:
    return " ".join((value or "").split())


# --- teams -------------------------------------------------------------------------------------


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nama tim"), max_length=200,
                           initial="Tim Reformasi Birokrasi")
    decree = DocumentChoiceField(label=_("SK pembentukan tim"), queryset=Document.objects.none(),
                                 empty_label=_("— pilih SK —"))
    period_start = forms.DateField(label=_("Masa tugas mulai"), widget=DateInput())
    period_end = forms.DateField(label=_("Masa tugas sampai"), required=False,
                                 widget=DateInput(),
                                 help_text=_("Kosongkan bila berlaku sampai ada SK baru."))

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decree"].queryset = decrees_of(satker)

    def clean_name(self):
        return _clean_text(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end",
                           _("Akhir masa tugas harus sesudah atau sama dengan awalnya."))
        return cleaned


class TeamMemberForm(forms.ModelForm):
    user = PersonChoiceField(label=_("Pengguna satker"), queryset=User.objects.none(),
                             required=False, empty_label=_("— bukan pengguna Prima —"),
                             help_text=_("Pilih bila anggota punya akun di satker ini; nama "
                                         "diambil dari akunnya bila kolom nama kosong."))

    class Meta:
        model = TeamMember
        fields = ["user", "name", "position", "role", "area", "order"]
        help_texts = {"area": _("Wajib untuk koordinator area perubahan."),
                      "order": _("Urutan tampil; angka kecil tampil lebih dulu.")}

    def __init__(self, *args, satker: Satker, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_of(satker)
        self.fields["name"].required = False
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = _("— tidak ada —")

    def clean(self):
        cleaned = super().clean()
        name = _clean_text(cleaned.get("name", ""))
        user = cleaned.get("user")
        if not name and user:
            name = user.full_name or user.email
        if not name:
            self.add_error("name", _("Isi nama anggota atau pilih pengguna satker."))
        cleaned["name"] = name
        role, area = cleaned.get("role"), cleaned.get("area")
        if role == TeamRole.AREA_COORDINATOR and area is None:
            self.add_error("area", _("Koordinator area perubahan harus memilih areanya."))
        if role and role != TeamRole.AREA_COORDINATOR:
            cleaned["area"] = area  # other roles may name an area they mainly work on
        return cleaned

    def member_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


# --- plans -------------------------------------------------------------------------------------


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, **kwargs)


class PlanCreateForm(forms.Form):
    year = _year_field()
    regime = forms.ModelChoiceField(label=_("Regulasi RB"), queryset=Regime.objects.all(),
                                    empty_label=None)
    title = forms.CharField(label=_("Judul"), max_length=300,
                            help_text=_("Mis. Rencana Aksi Reformasi Birokrasi 2021"))
    is_template = forms.BooleanField(
        label=_("Templat untuk KPU Kabupaten/Kota di wilayah ini"), required=False,
        help_text=_("Templat dapat diadopsi dan disesuaikan oleh satker di bawahnya."))

    def __init__(self, *args, allow_template: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_template:
            del self.fields["is_template"]

    def clean_title(self):
        return _clean_text(self.cleaned_data["title"])


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.year} — {obj.title} ({obj.get_status_display()})"


class CopyPlanForm(forms.Form):
    source = PlanChoiceField(label=_("Salin dari"), queryset=ActionPlan.objects.none(),
                             empty_label=None)
    year = _year_field(help_text=_("Tahun rencana aksi baru."))

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class AdoptTemplateForm(forms.Form):
    year = _year_field(help_text=_("Tahun rencana aksi satker ini."))


class ApproveForm(forms.Form):
    decree = DocumentChoiceField(label=_("SK penetapan rencana aksi"),
                                 queryset=Document.objects.none(),
                                 empty_label=_("— pilih SK —"))

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decree"].queryset = decrees_of(satker)


class ItemDataMixin:
    """``item_data()``: the cleaned values of the model fields, for a service call.

    Views pass a freshly loaded object to the service: a bound ModelForm has already copied
    the new values onto its own instance, so the service would see no change on it."""

    def item_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


def _version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class PlanVersionForm(forms.Form):
    """The plan version the person started from, for the actions without other fields."""

    version = _version_field()


class ReturnPlanForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pengembalian"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class ProgrammeForm(ItemDataMixin, forms.ModelForm):
    version = _version_field()

    class Meta:
        model = Programme
        fields = ["area", "name", "order"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = AreaOfChange.objects.filter(regime_id=plan.regime_id)
        self.fields["area"].empty_label = None

    def clean_name(self):
        return _clean_text(self.cleaned_data["name"])


class QuarterField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=QUARTER_CHOICES, coerce=int, **kwargs)


class ActivityForm(ItemDataMixin, forms.ModelForm):
    version = _version_field()
    quarters = QuarterField(label=_("Jadwal (triwulan)"), required=False)

    class Meta:
        model = Activity
        fields = ["name", "output", "owner_division", "owner_person", "quarters", "budget",
                  "weight", "order"]
        field_classes = {"owner_person": PersonChoiceField}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_division"].queryset = Division.objects.filter(satker_id=plan.satker_id)
        self.fields["owner_person"].queryset = people_of(plan.satker)
        self.fields["budget"].min_value = 0
        self.fields["weight"].min_value = 0
        self.fields["budget"].widget.attrs["min"] = 0
        self.fields["weight"].widget.attrs["min"] = 0

    def clean_quarters(self):
        return sorted(set(self.cleaned_data["quarters"]))

    def clean_budget(self):
        value = self.cleaned_data["budget"]
        if value is not None and value < 0:
            raise ValidationError(_("Anggaran tidak boleh negatif."))
        return Decimal(0) if value is None else value

    def clean_weight(self):
        value = self.cleaned_data["weight"]
        if value is not None and value < 0:
            raise ValidationError(_("Bobot tidak boleh negatif."))
        return value


class IndicatorForm(ItemDataMixin, forms.ModelForm):
    version = _version_field()

    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline", "target", "target_q1", "target_q2",
                  "target_q3", "target_q4", "weight", "order"]
        help_texts = {"target_q1": _("Target kumulatif sampai akhir triwulan."),
                      "weight": _("Bobot indikator di dalam kegiatannya.")}

    def clean_weight(self):
        value = self.cleaned_data["weight"]
        if value is not None and value < 0:
            raise ValidationError(_("Bobot tidak boleh negatif."))
        return value


# --- reports and evidence ----------------------------------------------------------------------


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
        return _clean_text(self.cleaned_data["title"])

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

    SOURCES = ("document", "dataset", "event", "url")

    def __init__(self, *args, documents, datasets, events, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["dataset"].queryset = datasets
        self.fields["event"].queryset = events
        self.fields["indicator"].queryset = indicators

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in self.SOURCES if cleaned.get(name)]
        if len(chosen) != 1:
            raise ValidationError(
                _("Pilih tepat satu: dokumen, dataset, kegiatan sosialisasi atau tautan lain."),
                code="one_source")
        source = chosen[0]
        linked = None if source == "url" else cleaned[source]
        title = _clean_text(cleaned.get("title", ""))
        if not title:
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


# --- socialisation events ----------------------------------------------------------------------


class EventForm(forms.ModelForm):
    materials = forms.ModelMultipleChoiceField(
        label=_("Materi (dokumen penyelenggara)"), queryset=Document.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = SocialisationEvent
        fields = ["title", "series", "date", "start_time", "mode", "location", "speakers",
                  "description", "area", "materials"]
        widgets = {"date": DateInput(), "start_time": TimeInput(),
                   "speakers": forms.Textarea(attrs={"rows": 3}),
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organiser: Satker, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = (
            Document.objects.filter(satker=organiser).only("pk", "kind", "number", "subject")
            .order_by("-date", "-id"))
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = _("— tidak khusus —")

    def clean_title(self):
        return _clean_text(self.cleaned_data["title"])

    def event_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class SatkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class _SatkerScopedForm(forms.Form):
    """Participants come from the organiser or the satkers below it (``satkers``)."""

    def __init__(self, *args, satkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers


def _satker_field(**kwargs):
    return SatkerChoiceField(label=_("Satker peserta"), queryset=Satker.objects.none(),
                             empty_label=None, **kwargs)


class ParticipantForm(_SatkerScopedForm):
    satker = _satker_field()
    name = forms.CharField(label=_("Nama"), max_length=200)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)

    def clean_name(self):
        return _clean_text(self.cleaned_data["name"])

    def participant(self) -> dict:
        data = self.cleaned_data
        return {"satker": data["satker"], "name": data["name"],
                "position": _clean_text(data["position"]), "user": None, "attended": False}


class InviteSatkerForm(_SatkerScopedForm):
    satker = _satker_field(help_text=_("Semua pengguna aktif satker ini ditambahkan sebagai "
                                       "peserta."))


class BulkParticipantsForm(_SatkerScopedForm):
    satker = _satker_field()
    lines = forms.CharField(
        label=_("Daftar peserta"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Satu peserta per baris: nama; jabatan (jabatan boleh kosong)."))
    attended = forms.BooleanField(label=_("Tandai semuanya hadir"), required=False)

    def clean_lines(self):
        rows = []
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not raw.strip():
                continue
            name, _sep, position = raw.partition(";")
            name, position = _clean_text(name), _clean_text(position)
            if not name:
                raise ValidationError(_("Baris %(n)s tidak memuat nama."), params={"n": number})
            if len(name) > 200 or len(position) > 200:
                raise ValidationError(_("Baris %(n)s terlalu panjang (paling banyak 200 huruf "
                                        "untuk nama dan untuk jabatan)."), params={"n": number})
            rows.append((name, position))
        if not rows:
            raise ValidationError(_("Tidak ada peserta yang dapat dibaca."))
        if len(rows) > MAX_BULK_LINES:
            raise ValidationError(_("Paling banyak %(n)s peserta sekali tempel."),
                                  params={"n": MAX_BULK_LINES})
        return rows

    def participants(self) -> list[dict]:
        satker, attended = self.cleaned_data["satker"], self.cleaned_data["attended"]
        return [{"satker": satker, "name": n, "position": p, "user": None, "attended": attended}
                for n, p in self.cleaned_data["lines"]]
