"""Consequence tests and the Daftar Informasi Publik on the officer's pages."""

from django.test import Client
from django.urls import reverse

from prima.core.models import AuditEvent
from prima.inforequests.choices import Exemption, InformationClass
from prima.inforequests.models import ConsequenceTest, InformationListEntry
from prima.inforequests.tests.factories import make_consequence_test, make_request
from prima.organisations.tests.factories import DocumentFactory

TESTS = reverse("inforequests:staff-consequence-tests")
TEST_CREATE = reverse("inforequests:staff-consequence-test-create")


def consequence_test_data(satker, **overrides):
    data = {
        "satker": satker.pk, "title": "Formulir model C berisi NIK",
        "exempt_content": "NIK pemilih", "exemption": Exemption.H, "legal_basis": "UU 27/2022",
        "harm": "Rahasia pribadi terbuka", "public_interest": "Tidak lebih besar",
        "conclusion": "Dikecualikan", "exempt_until": "",
    }
    data.update(overrides)
    return data


def dip(name, satker, *args):
    return reverse(f"inforequests:{name}", args=[satker.code, *args])


def dip_data(**overrides):
    data = {"title": "Rencana kerja dan anggaran 2024", "summary": "RKA satker",
            "information_class": InformationClass.PERIODIC, "owner": "Subbagian Keuangan",
            "responsible": "Sekretaris", "format": "PDF", "year": "2024", "retention": "5 tahun",
            "document": "", "url": "", "location": "Ruang arsip", "consequence_test": "",
            "is_published": "on"}
    data.update(overrides)
    return data


# --- Consequence tests -------------------------------------------------------------------------


def test_consequence_tests_are_listed_per_satker_in_scope(tree, people, login, kudus_ppid):
    make_consequence_test(tree.jepara, people.ppid, title="Uji Jepara")
    make_consequence_test(tree.kudus, kudus_ppid, title="Uji Kudus")
    response = login(people.ppid).get(TESTS)
    assert [t.title for t in response.context["page_obj"]] == ["Uji Jepara"]
    assert "Uji Kudus" not in response.content.decode()
    # An evaluator serves no information desk: the page does not exist for them.
    assert login(people.evaluator, Client()).get(TESTS).status_code == 404


def test_create_consequence_test(tree, people, login):
    c = login(people.ppid)
    assert c.get(TEST_CREATE).status_code == 200
    response = c.post(TEST_CREATE, consequence_test_data(tree.jepara))
    assert response.status_code == 302
    assert response["Location"] == TESTS
    test = ConsequenceTest.objects.get()
    assert (test.satker, test.decided_by, test.exemption) == (tree.jepara, people.ppid, "h")
    assert AuditEvent.objects.filter(action="inforequests.consequence_test_created").count() == 1


def test_create_consequence_test_returns_to_the_request(tree, people, login):
    request = make_request(tree.jepara)
    c = login(people.ppid)
    page = c.get(TEST_CREATE, {"satker": tree.jepara.code, "next": request.get_absolute_url()})
    assert page.context["form"].initial["satker"] == tree.jepara.pk
    response = c.post(TEST_CREATE, {**consequence_test_data(tree.jepara),
                                     "next": request.get_absolute_url()})
    assert response["Location"] == request.get_absolute_url()
    # An outside address is never followed.
    response = c.post(TEST_CREATE, {**consequence_test_data(tree.jepara), "next": "https://jahat.example/"})
    assert response["Location"] == TESTS


def test_create_consequence_test_bad_input_and_scope(tree, people, login):
    c = login(people.ppid)
    response = c.post(TEST_CREATE, consequence_test_data(tree.jepara, harm=""))
    assert "harm" in response.context["form"].errors
    response = c.post(TEST_CREATE, consequence_test_data(tree.kudus))
    assert "satker" in response.context["form"].errors
    assert ConsequenceTest.objects.count() == 0
    for actor in (people.head, people.employee, people.evaluator):
        assert login(actor, Client()).get(TEST_CREATE).status_code == 404


# --- Daftar Informasi Publik -------------------------------------------------------------------


def test_dip_crud(tree, people, login):
    c = login(people.ppid)
    assert "masih kosong" in c.get(dip("staff-dip", tree.jepara)).content.decode()
    document = DocumentFactory(satker=tree.jepara, subject="RKA 2024")
    response = c.post(dip("staff-dip-create", tree.jepara), dip_data(document=document.pk))
    assert response.status_code == 302
    entry = InformationListEntry.objects.get()
    assert (entry.satker, entry.document, entry.year) == (tree.jepara, document, 2024)
    listing = c.get(dip("staff-dip", tree.jepara)).content.decode()
    assert "Rencana kerja dan anggaran 2024" in listing

    response = c.post(dip("staff-dip-edit", tree.jepara, entry.pk),
                      dip_data(title="RKA 2024 (perubahan)", document=document.pk))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "RKA 2024 (perubahan)"

    confirm = c.get(dip("staff-dip-delete", tree.jepara, entry.pk))
    assert confirm.status_code == 200
    assert "Ya, hapus" in confirm.content.decode()
    assert InformationListEntry.objects.count() == 1  # GET only asks
    response = c.post(dip("staff-dip-delete", tree.jepara, entry.pk))
    assert response.status_code == 302
    assert InformationListEntry.objects.count() == 0
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"inforequests.dip_entry_created", "inforequests.dip_entry_updated",
            "inforequests.dip_entry_deleted"} <= actions


def test_dip_documents_and_tests_are_limited_to_the_satker(tree, people, login, kudus_ppid):
    c = login(people.ppid)
    kudus_document = DocumentFactory(satker=tree.kudus)
    response = c.post(dip("staff-dip-create", tree.jepara), dip_data(document=kudus_document.pk))
    assert "document" in response.context["form"].errors
    assert list(response.context["form"].fields["document"].queryset) == []
    kudus_test = make_consequence_test(tree.kudus, kudus_ppid)
    response = c.post(dip("staff-dip-create", tree.jepara), dip_data(
        information_class=InformationClass.EXEMPT, consequence_test=kudus_test.pk))
    assert "consequence_test" in response.context["form"].errors
    response = c.post(dip("staff-dip-create", tree.jepara),
                      dip_data(information_class=InformationClass.EXEMPT))
    assert response.context["form"].errors["consequence_test"] == [
        "Informasi yang dikecualikan wajib didasarkan pada uji konsekuensi."]
    assert InformationListEntry.objects.count() == 0


def test_dip_permissions(tree, people, login, kudus_ppid):
    entry = InformationListEntry.objects.create(
        satker=tree.jepara, title="Profil KPU Jepara", owner="Sekretariat",
        information_class=InformationClass.PERIODIC)
    head = login(people.head)
    page = head.get(dip("staff-dip", tree.jepara))
    assert page.status_code == 200 and page.context["can_edit"] is False
    assert head.get(dip("staff-dip-create", tree.jepara)).status_code == 404
    for actor in (kudus_ppid, people.employee, people.evaluator, people.citizen):
        c = login(actor, Client())
        assert c.get(dip("staff-dip", tree.jepara)).status_code == 404
        assert c.post(dip("staff-dip-edit", tree.jepara, entry.pk),
                      dip_data()).status_code == 404
        assert c.post(dip("staff-dip-delete", tree.jepara, entry.pk)).status_code == 404
    # An entry of Jepara cannot be reached through Kudus's address.
    assert login(kudus_ppid).get(dip("staff-dip-edit", tree.kudus, entry.pk)).status_code == 404
    entry.refresh_from_db()
    assert entry.title == "Profil KPU Jepara"
