"""The satker picker, the public register (no personal data) and the Daftar Informasi Publik."""

import pytest
from django.urls import reverse

from prima.inforequests.choices import Decision, InformationClass
from prima.inforequests.models import InformationListEntry, InformationRequest
from prima.inforequests.tests.factories import at, grant, make_request
from prima.organisations.tests.factories import DocumentFactory

REGISTER = "/informasi/register/"


def numbers_in(response):
    return [r.number for r in response.context["page_obj"]]


def test_urls_are_where_the_contract_puts_them():
    assert reverse("inforequests:public-start") == "/informasi/"
    assert reverse("inforequests:public-form", args=["33.20"]) == "/informasi/33.20/ajukan/"
    assert reverse("inforequests:public-receipt", args=["0001-PPID-33.20-2026"]) == (
        "/informasi/terima/0001-PPID-33.20-2026/")
    assert reverse("inforequests:public-track") == "/informasi/lacak/"
    assert reverse("inforequests:public-tracking", args=["0001-PPID-33.20-2026", "abc"]) == (
        "/informasi/lacak/0001-PPID-33.20-2026/abc/")
    assert reverse("inforequests:public-objection", args=["0001-PPID-33.20-2026", "abc"]) == (
        "/informasi/lacak/0001-PPID-33.20-2026/abc/keberatan/")
    assert reverse("inforequests:public-download-list", args=["tok"]) == "/informasi/unduh/tok/"
    assert reverse("inforequests:public-download", args=["tok", 7]) == "/informasi/unduh/tok/7/"
    assert reverse("inforequests:public-register") == REGISTER
    assert reverse("inforequests:public-dip", args=["33.20"]) == (
        "/informasi/33.20/daftar-informasi/")


def test_picker_lists_provinces_with_their_regencies(client, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/informasi/")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("inforequests:public-form", args=["0"]) in html
    assert reverse("inforequests:public-form", args=["33"]) in html
    assert reverse("inforequests:public-form", args=["33.20"]) in html
    assert reverse("inforequests:public-form", args=["32.01"]) in html


@pytest.mark.parametrize(("q", "codes"), [("Jepara", ["33.20"]), ("33", ["33", "33.19", "33.20"]),
                                          ("Atlantis", [])], ids=["name", "code", "none"])
def test_picker_search(client, tree, q, codes):
    response = client.get("/informasi/", {"q": q})
    assert [s.code for s in response.context["page_obj"]] == codes
    if not codes:
        assert "Tidak ada satuan kerja yang cocok." in response.content.decode()


def test_register_shows_no_personal_data(client, tree, people):
    ir = make_request(tree.jepara, full_name="Siti Rahmawati", nik="3320014507900001",
                      phone="081234567890", email="siti.rahma@contoh.id",
                      address="Jl. Kartini No. 5, Kauman, Jepara", occupation="Peneliti")
    grant(ir, people.ppid)
    response = client.get(REGISTER)
    html = response.content.decode()
    assert response.status_code == 200
    assert ir.number in html
    assert "Salinan SK penetapan DPT Pemilu 2024" in html
    assert "Diberikan seluruhnya" in html
    for personal in ("Siti Rahmawati", "3320014507900001", "3320********0001", "081234567890",
                     "siti.rahma@contoh.id", "Jl. Kartini", "Kauman"):
        assert personal not in html


def test_register_filters_by_satker_with_descendants(client, tree):
    jepara = make_request(tree.jepara)
    kudus = make_request(tree.kudus)
    jateng = make_request(tree.jateng)
    bogor = make_request(tree.bogor)
    assert numbers_in(client.get(REGISTER, {"satker": "33"})) == [
        jateng.number, kudus.number, jepara.number]
    assert numbers_in(client.get(REGISTER, {"satker": "33.20"})) == [jepara.number]
    assert numbers_in(client.get(REGISTER, {"satker": "0"})) == [
        bogor.number, jateng.number, kudus.number, jepara.number]
    response = client.get(REGISTER, {"satker": "99"})
    assert numbers_in(response) == []
    assert "satker" in response.context["form"].errors


def test_register_filters_by_year_decision_and_text(client, tree, people):
    old = make_request(tree.jepara, information_requested="Rekapitulasi suara Pilkada 2020",
                       received_at=at(2021, 3, 3))
    granted = make_request(tree.jepara, information_requested="Daftar TPS Kecamatan Mlonggo")
    grant(granted, people.ppid)
    open_one = make_request(tree.jepara, information_requested="Anggaran hibah Pilkada")
    assert numbers_in(client.get(REGISTER, {"year": "2021"})) == [old.number]
    assert numbers_in(client.get(REGISTER, {"decision": Decision.GRANTED})) == [granted.number]
    assert numbers_in(client.get(REGISTER, {"q": "pilkada"})) == [open_one.number, old.number]


def test_register_hides_unpublished_requests(client, tree):
    shown = make_request(tree.jepara)
    hidden = make_request(tree.jepara)
    InformationRequest.objects.filter(pk=hidden.pk).update(is_published=False)
    assert numbers_in(client.get(REGISTER)) == [shown.number]


def test_register_empty_state(client, tree):
    response = client.get(REGISTER)
    assert "Tidak ada permohonan yang cocok dengan saringan ini." in response.content.decode()


def test_register_query_count_is_bounded_and_paginated(client, tree, people,
                                                       django_assert_max_num_queries):
    for i in range(30):
        ir = make_request(tree.kudus if i % 2 else tree.jepara)
        if i % 6 == 0:  # Jepara requests, decided by the Jepara PPID
            grant(ir, people.ppid)
    with django_assert_max_num_queries(5):
        response = client.get(REGISTER, {"satker": "33"})
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 30
    assert "Halaman 1 dari 2" in response.content.decode()
    with django_assert_max_num_queries(5):
        second = client.get(REGISTER, {"satker": "33", "page": "2"})
    assert len(second.context["page_obj"]) == 5


def test_dip_groups_published_entries_by_class(client, tree, people):
    document = DocumentFactory(satker=tree.jepara, is_public=True, number="12/PP.01-Kpt/2024")
    InformationListEntry.objects.create(
        satker=tree.jepara, title="Profil KPU Kabupaten Jepara", owner="Sekretariat",
        information_class=InformationClass.PERIODIC, document=document)
    InformationListEntry.objects.create(
        satker=tree.jepara, title="Daftar Pemilih Tetap", owner="Divisi Data",
        information_class=InformationClass.ON_REQUEST, url="https://data.kpu.go.id/dpt")
    InformationListEntry.objects.create(
        satker=tree.jepara, title="Data pribadi pemilih", owner="Divisi Data",
        information_class=InformationClass.EXEMPT)
    InformationListEntry.objects.create(
        satker=tree.jepara, title="Draf belum terbit", owner="Sekretariat",
        information_class=InformationClass.PERIODIC, is_published=False)
    InformationListEntry.objects.create(
        satker=tree.kudus, title="Profil KPU Kabupaten Kudus", owner="Sekretariat",
        information_class=InformationClass.PERIODIC)
    response = client.get(reverse("inforequests:public-dip", args=["33.20"]))
    html = response.content.decode()
    groups = {g["key"]: [e.title for e in g["entries"]] for g in response.context["groups"]}
    assert groups == {
        "berkala": ["Profil KPU Kabupaten Jepara"], "serta_merta": [],
        "setiap_saat": ["Daftar Pemilih Tetap"], "dikecualikan": ["Data pribadi pemilih"],
    }
    assert reverse("organisations:document-download", args=["33.20", document.pk]) in html
    assert 'href="https://data.kpu.go.id/dpt"' in html
    assert "Draf belum terbit" not in html and "Kudus" not in html
    assert "Belum ada informasi pada klasifikasi ini." in html


def test_dip_of_unknown_satker_is_404(client, tree):
    assert client.get(reverse("inforequests:public-dip", args=["99.99"])).status_code == 404
