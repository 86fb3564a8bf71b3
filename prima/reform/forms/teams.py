"""Forms of the reform team: the team by decree and its members."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prima.accounts.models import User
from prima.organisations.models import Document, Satker

from ..choices import TeamRole
from ..models import TeamMember
from .common import (
    DateInput,
    DocumentChoiceField,
    PersonChoiceField,
    clean_spaces,
    decrees_of,
    people_of,
)


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
        return clean_spaces(self.cleaned_data["name"])

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
        name = clean_spaces(cleaned.get("name", ""))
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
