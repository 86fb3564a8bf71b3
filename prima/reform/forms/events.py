"""Forms of socialisation events: the event with its materials, and its participants."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prima.organisations.models import Document, Satker

from ..models import SocialisationEvent
from .common import DateInput, TimeInput, clean_spaces

MAX_BULK_LINES = 500


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
        return clean_spaces(self.cleaned_data["title"])

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
        return clean_spaces(self.cleaned_data["name"])

    def participant(self) -> dict:
        data = self.cleaned_data
        return {"satker": data["satker"], "name": data["name"],
                "position": clean_spaces(data["position"]), "user": None, "attended": False}


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
            name, position = clean_spaces(name), clean_spaces(position)
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
