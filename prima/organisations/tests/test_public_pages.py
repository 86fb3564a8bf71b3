import pytest
from django.urls import reverse

from prima.core.registry import registry
from prima.organisations.choices import Level, Position, Role
from prima.organisations.models import Satker
from prima.organisations.tests.factories import (
    DivisionFactory,
    DocumentFactory,
    MembershipFactory,
    SatkerFactory,
)

TREE = reverse("organisations:satker-tree")


def detail(code):
    return reverse("organisations:satker-detail", args=[code])


def test_tree_lists_kpu_ri_and_provinces_with_their_number_of_regencies(client, tree):
    response = client.get(TREE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "KPU Republik Indonesia" in html
    for name in ("KPU Provinsi Jawa Tengah", "KPU Provinsi Jawa Barat", "KPU Provinsi Papua"):
        assert name in html
    assert "(2 kabupaten/kota)" in html  # Jawa Tengah: Jepara and Kudus
    # Kabupaten/kota load lazily, with a no-JS link to the province page.
    assert "KPU Kabupaten Jepara" not in html
    assert f'hx-get="{reverse("organisations:satker-children", args=["33"])}"' in html
    assert f'href="{detail("33")}#wilayah"' in html


def test_tree_has_live_search_falling_back_to_a_form(client, tree):
    html = client.get(TREE).content.decode()

    assert f'action="{TREE}" method="get"' in html
    # input covers paste and autofill; keyup and input share one debounce timer in htmx.
    assert 'hx-trigger="input changed delay:300ms, keyup changed delay:300ms, search"' in html


@pytest.mark.parametrize(
    ("q", "codes"),
    [
        ("Jepara", ["33.20"]),
        ("jepara", ["33.20"]),
        ("33.20", ["33.20"]),
        ("33", ["33", "33.19", "33.20"]),
        ("Provinsi Jawa", ["32", "33"]),
        ("Atlantis", []),
    ],
    ids=["name", "name-lowercase", "code", "code-prefix", "province-name", "none"],
)
def test_search_by_name_region_or_code_prefix(client, tree, q, codes):
    response = client.get(TREE, {"q": q})

    found = [s.code for s in response.context["page_obj"]]
    assert found == codes
    if not codes:
        assert "Tidak ada satuan kerja yang cocok" in response.content.decode()


def test_search_by_region_name(client, tree):
    Satker.objects.filter(code="33.20").update(region_name="Kabupaten Jepara")
    response = client.get(TREE, {"q": "Kabupaten Jepara"})
    assert [s.code for s in response.context["page_obj"]] == ["33.20"]


def test_search_results_are_paginated(client, tree):
    for i in range(30):
        SatkerFactory(code=f"33.{50 + i}", name=f"KPU Kabupaten Contoh {i:02d}", parent=tree.jateng)

    first = client.get(TREE, {"q": "Contoh"})
    second = client.get(TREE, {"q": "Contoh", "page": 2})

    assert len(first.context["page_obj"]) == 25
    assert [s.code for s in second.context["page_obj"]] == [f"33.{n}" for n in range(75, 80)]
    assert "q=Contoh&amp;page=2" in first.content.decode()


def test_live_search_answers_with_the_results_fragment_only(client, tree):
    response = client.get(TREE, {"q": "Jepara"}, HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="satker-results")

    html = response.content.decode()
    assert "<html" not in html
    assert "KPU Kabupaten Jepara" in html
    assert "HX-Target" in response["Vary"]


def test_children_fragment_lists_the_regencies_of_a_province(client, tree):
    response = client.get(reverse("organisations:satker-children", args=["33"]),
                          HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.index("KPU Kabupaten Kudus") < html.index("KPU Kabupaten Jepara")  # 33.19, 33.20
    assert "KPU Kabupaten Bogor" not in html


def test_children_without_htmx_go_to_the_province_page(client, tree):
    response = client.get(reverse("organisations:satker-children", args=["33"]))
    assert response.status_code == 302
    assert response["Location"] == f"{detail('33')}#wilayah"


def test_tree_and_search_ask_a_fixed_number_of_queries(client, tree,
                                                       django_assert_max_num_queries):
    for i in range(20):
        province = SatkerFactory(code=f"{60 + i}", name=f"KPU Provinsi Uji {i}",
                                 level=Level.PROVINCE, parent=tree.root)
        for j in range(3):
            SatkerFactory(code=f"{60 + i}.{j + 1:02d}", parent=province)

    with django_assert_max_num_queries(2):
        response = client.get(TREE)
    assert len(response.context["provinces"]) == 23
    with django_assert_max_num_queries(2):
        response = client.get(TREE, {"q": "Uji"})
    assert response.context["page_obj"].paginator.count == 80


def test_detail_page_shows_profile_divisions_leadership_contact_documents(client, jepara_filled):
    response = client.get(detail("33.20"))

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("KPU Kabupaten Jepara", "KPU Kabupaten/Kota", "Kabupaten Jepara",
                 "1.234.567", "melayani pemilih di 16 kecamatan",
                 "Jl. Kartini No. 1, Jepara", "(0291) 591234", "kab.jepara@kpu.go.id",
                 "https://kab-jepara.kpu.go.id", "Senin–Jumat 07.30–16.00",
                 "Divisi (komisioner)", "Subbagian (sekretariat)",
                 "Subbagian Keuangan, Umum dan Logistik",
                 "35/2020", "Rencana aksi reformasi birokrasi"):
        assert text in html, text
    assert "<dt>Zona waktu</dt><dd>WIB</dd>" in html
    assert f'<a href="{detail("33")}">KPU Provinsi Jawa Tengah</a>' in html
    # Divisions by kind, then order.
    assert (html.index("Divisi Keuangan, Umum") < html.index("Divisi Teknis Penyelenggaraan")
            < html.index("Subbagian Keuangan, Umum"))
    assert "99/RAHASIA" not in html and "Draf internal" not in html


def test_detail_leadership_has_names_positions_divisions_but_no_personal_contact(
        client, jepara_filled):
    response = client.get(detail("33.20"))

    leaders = [(x.full_name, str(x.position), x.division) for x in response.context["leaders"]]
    assert leaders == [
        ("Siti Rahayu", "Ketua", "Divisi Keuangan, Umum, Rumah Tangga dan Logistik"),
        ("Bambang Susilo", "Anggota", "Divisi Teknis Penyelenggaraan"),
        ("Agus Salim", "Sekretaris", ""),
    ]
    html = response.content.decode()
    for private in ("siti.pribadi@example.com", "bambang.pribadi@example.com",
                    "agus.pribadi@example.com", "0812-1111-2222", "0813-3333-4444",
                    "Mantan Anggota", "Pegawai Tanpa Jabatan"):
        assert private not in html


def test_province_page_lists_its_regencies_and_papua_is_wit(client, tree):
    html = client.get(detail("33")).content.decode()
    assert 'id="wilayah"' in html
    assert "KPU Kabupaten Jepara" in html and "KPU Kabupaten Kudus" in html
    assert "KPU Kabupaten Bogor" not in html

    papua = client.get(detail("91")).content.decode()
    assert "<dt>Zona waktu</dt><dd>WIT</dd>" in papua


def test_unknown_code_gives_404_with_an_indonesian_message(client, tree):
    response = client.get(detail("99.99"))

    assert response.status_code == 404
    assert "Satuan kerja dengan kode “99.99” tidak ditemukan." in response.content.decode()


def test_detail_page_asks_a_fixed_number_of_queries(client, jepara_filled,
                                                    django_assert_max_num_queries):
    for i in range(10):
        DivisionFactory(satker=jepara_filled, name=f"Divisi tambahan {i}")
        MembershipFactory(satker=jepara_filled, role=Role.EMPLOYEE, position=Position.MEMBER)
        DocumentFactory(satker=jepara_filled, is_public=True)

    # Each capability's section of the page (the registry's SatkerSection) may ask one query.
    with django_assert_max_num_queries(5 + len(registry.satker_sections())):
        response = client.get(detail("33.20"))
    assert len(response.context["leaders"]) == 13
    assert len(response.context["documents"]) == 10
    assert response.context["more_documents"] is True


def test_public_documents_page_lists_only_public_documents(client, jepara_filled):
    response = client.get(reverse("organisations:satker-documents", args=["33.20"]))

    assert [d.number for d in response.context["page_obj"]] == ["35/2020"]


def test_public_download_only_for_public_documents(client, jepara_filled):
    public = jepara_filled.documents.get(number="35/2020")
    private = jepara_filled.documents.get(number="99/RAHASIA")

    response = client.get(reverse("organisations:document-download", args=["33.20", public.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-") and len(body) == public.size

    hidden = client.get(reverse("organisations:document-download", args=["33.20", private.pk]))
    assert hidden.status_code == 404
    wrong_satker = client.get(reverse("organisations:document-download",
                                      args=["33.19", public.pk]))
    assert wrong_satker.status_code == 404
