import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from prima.core.models import AuditEvent
from prima.organisations import services
from prima.organisations.choices import DivisionKind
from prima.organisations.models import Division, Membership, Satker
from prima.organisations.tests.factories import DivisionFactory, MembershipFactory

STAFF_URLS = [
    ("staff-satker", {}),
    ("staff-profile", {}),
    ("staff-divisions", {}),
    ("staff-division-create", {}),
    ("staff-documents", {}),
    ("staff-document-upload", {}),
    ("staff-audit", {}),
]

PROFILE = {
    "description": "Profil baru KPU Kabupaten Jepara.",
    "address": "Jl. Kartini No. 1, Jepara",
    "phone": "(0291) 591234",
    "email": "kab.jepara@kpu.go.id",
    "website": "https://kab-jepara.kpu.go.id",
    "office_hours": "Senin–Jumat 07.30–16.00",
}


def url(name, code="33.20", *args):
    return reverse(f"organisations:{name}", args=[code, *args])


def profile_of(code):
    return Satker.objects.filter(code=code).values(*PROFILE).get()


@pytest.mark.parametrize(("name", "kwargs"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
def test_anonymous_is_sent_to_login(client, tree, name, kwargs):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "kwargs"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
@pytest.mark.parametrize("who", ["other_employee", "other_admin", "other_evaluator", "citizen"])
def test_people_of_other_satkers_get_404_on_jepara_staff_pages(login, people, name, kwargs,
                                                               who):
    response = login(getattr(people, who)).get(url(name))
    assert response.status_code == 404


def test_employee_of_kudus_cannot_see_jepara_overview_but_sees_kudus(login, people):
    client = login(people.other_employee)
    assert client.get(url("staff-satker", "33.20")).status_code == 404
    assert client.get(url("staff-satker", "33.19")).status_code == 200


def test_unknown_satker_is_404_for_the_system_admin_too(login, people):
    assert login(people.system_admin).get(url("staff-satker", "99.99")).status_code == 404


def test_overview_shows_the_satker_and_the_actions_of_the_role(login, people):
    response = login(people.head).get(url("staff-satker"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "KPU Kabupaten Jepara" in html
    assert url("staff-profile") in html
    assert url("staff-audit") in html
    assert response.context["n_members"] == 7  # the seven Jepara roles of the matrix


def test_employee_overview_offers_no_edit_and_no_audit(login, people):
    html = login(people.employee).get(url("staff-satker")).content.decode()
    assert url("staff-profile") not in html
    assert url("staff-audit") not in html
    assert url("staff-documents") in html


def test_evaluator_of_jateng_views_jepara_overview_but_cannot_edit_the_profile(login, people):
    client = login(people.evaluator)
    before = profile_of("33.20")

    assert client.get(url("staff-satker")).status_code == 200
    assert client.get(url("staff-profile")).status_code == 404
    response = client.post(url("staff-profile"), PROFILE)

    assert response.status_code == 404
    assert profile_of("33.20") == before
    assert not AuditEvent.objects.exists()


def test_evaluator_overview_of_the_province_links_its_regencies(login, people):
    response = login(people.evaluator).get(url("staff-satker", "33"))
    assert [s.code for s in response.context["children"]] == ["33.19", "33.20"]


def test_head_edits_profile_and_the_audit_event_keeps_before_and_after(login, people, tree):
    Satker.objects.filter(pk=tree.jepara.pk).update(phone="0291-000")

    response = login(people.head).post(url("staff-profile"), PROFILE)

    assert response.status_code == 302
    assert response["Location"] == url("staff-satker")
    assert profile_of("33.20") == PROFILE
    event = AuditEvent.objects.get()
    assert event.action == "organisations.satker_profile_updated"
    assert event.actor == people.head
    assert event.satker_id == tree.jepara.pk
    assert event.content_type == ContentType.objects.get_for_model(Satker)
    assert event.object_id == str(tree.jepara.pk)
    assert event.changes == {
        "address": ["", "Jl. Kartini No. 1, Jepara"],
        "description": ["", "Profil baru KPU Kabupaten Jepara."],
        "email": ["", "kab.jepara@kpu.go.id"],
        "office_hours": ["Senin–Jumat 08.00–16.00", "Senin–Jumat 07.30–16.00"],
        "phone": ["0291-000", "(0291) 591234"],
        "website": ["", "https://kab-jepara.kpu.go.id"],
    }


def test_saving_an_unchanged_profile_records_nothing(login, people):
    client = login(people.head)
    client.post(url("staff-profile"), PROFILE)
    client.post(url("staff-profile"), PROFILE)
    assert AuditEvent.objects.count() == 1


def test_bad_profile_input_changes_nothing(login, people):
    before = profile_of("33.20")

    response = login(people.head).post(url("staff-profile"), {**PROFILE, "email": "bukan-email"})

    assert response.status_code == 200
    assert "Masukkan alamat email yang valid." in response.content.decode()
    assert profile_of("33.20") == before
    assert not AuditEvent.objects.exists()


def test_employee_cannot_edit_the_profile(login, people):
    before = profile_of("33.20")
    assert login(people.employee).post(url("staff-profile"), PROFILE).status_code == 404
    assert profile_of("33.20") == before


def test_service_rejects_fields_that_are_not_part_of_the_profile(tree, people):
    with pytest.raises(ValueError):
        services.update_satker_profile(satker=tree.jepara, actor=people.head,
                                       data={"name": "KPU Lain"})


# --- Divisions ---------------------------------------------------------------------------------


def test_divisions_list_by_kind_and_order_for_every_role(login, people, tree):
    DivisionFactory(satker=tree.jepara, kind=DivisionKind.SECTION, order=1, name="Subbagian A")
    DivisionFactory(satker=tree.jepara, kind=DivisionKind.DIVISION, order=2, name="Divisi B")
    DivisionFactory(satker=tree.jepara, kind=DivisionKind.DIVISION, order=1, name="Divisi C")
    DivisionFactory(satker=tree.kudus, name="Divisi Kudus")

    response = login(people.employee).get(url("staff-divisions"))

    assert [d.name for d in response.context["divisions"]] == ["Divisi C", "Divisi B",
                                                               "Subbagian A"]
    assert url("staff-division-create") not in response.content.decode()


def test_divisions_list_asks_a_fixed_number_of_queries(login, people, tree,
                                                       django_assert_max_num_queries):
    for i in range(15):
        division = DivisionFactory(satker=tree.jepara, name=f"Divisi {i}")
        MembershipFactory(satker=tree.jepara, division=division)
    client = login(people.head)

    with django_assert_max_num_queries(9):
        response = client.get(url("staff-divisions"))
    assert len(response.context["divisions"]) == 15


def test_head_creates_a_division_with_audit(login, people, tree):
    response = login(people.head).post(url("staff-division-create"), {
        "kind": "divisi", "name": "Divisi Hukum dan Pengawasan", "description": "", "order": 5})

    assert response.status_code == 302
    division = Division.objects.get(satker=tree.jepara)
    assert (division.kind, division.name, division.order) == (
        "divisi", "Divisi Hukum dan Pengawasan", 5)
    event = AuditEvent.objects.get()
    assert (event.action, event.satker_id, event.changes["name"]) == (
        "organisations.division_created", tree.jepara.pk, [None, "Divisi Hukum dan Pengawasan"])


def test_duplicate_division_name_is_refused_with_a_message(login, people, tree):
    DivisionFactory(satker=tree.jepara, name="Divisi Teknis Penyelenggaraan")

    response = login(people.head).post(url("staff-division-create"), {
        "kind": "divisi", "name": "divisi teknis  penyelenggaraan", "order": 1})

    assert response.status_code == 200
    assert ("Nama “divisi teknis penyelenggaraan” sudah dipakai divisi/subbagian lain di satker "
            "ini.") in response.content.decode()
    assert Division.objects.filter(satker=tree.jepara).count() == 1
    assert not AuditEvent.objects.exists()


def test_head_edits_a_division_with_before_and_after(login, people, tree):
    division = DivisionFactory(satker=tree.jepara, name="Divisi Lama", order=1)

    response = login(people.head).post(url("staff-division-edit", "33.20", division.pk), {
        "kind": "divisi", "name": "Divisi Baru", "description": "", "order": 1})

    assert response.status_code == 302
    division.refresh_from_db()
    assert division.name == "Divisi Baru"
    assert AuditEvent.objects.get().changes == {"name": ["Divisi Lama", "Divisi Baru"]}


def test_a_division_of_another_satker_is_404(login, people, tree):
    other = DivisionFactory(satker=tree.kudus, name="Divisi Kudus")
    client = login(people.head)

    assert client.get(url("staff-division-edit", "33.20", other.pk)).status_code == 404
    assert client.post(url("staff-division-delete", "33.20", other.pk)).status_code == 404
    assert Division.objects.filter(pk=other.pk).exists()


def test_deleting_a_division_needs_confirmation(login, people, tree):
    division = DivisionFactory(satker=tree.jepara, name="Divisi Dihapus")
    Membership.objects.filter(user=people.employee).update(division=division)
    client = login(people.head)

    confirm = client.get(url("staff-division-delete", "33.20", division.pk))
    assert confirm.status_code == 200
    assert "1 anggota tercatat di divisi ini" in confirm.content.decode()
    assert Division.objects.filter(pk=division.pk).exists()

    response = client.post(url("staff-division-delete", "33.20", division.pk))

    assert response.status_code == 302
    assert not Division.objects.filter(pk=division.pk).exists()
    assert Membership.objects.get(user=people.employee).division is None
    event = AuditEvent.objects.get()
    assert event.action == "organisations.division_deleted"
    assert event.object_id == str(division.pk)
    assert event.changes["name"] == ["Divisi Dihapus", None]


@pytest.mark.parametrize("who", ["employee", "evaluator", "ppid"])
def test_people_without_organisation_write_cannot_change_divisions(login, people, tree, who):
    division = DivisionFactory(satker=tree.jepara, name="Divisi Tetap")
    client = login(getattr(people, who))

    assert client.post(url("staff-division-create"), {
        "kind": "divisi", "name": "Divisi Baru", "order": 1}).status_code == 404
    assert client.post(url("staff-division-edit", "33.20", division.pk), {
        "kind": "divisi", "name": "Diubah", "order": 1}).status_code == 404
    assert client.post(url("staff-division-delete", "33.20", division.pk)).status_code == 404
    assert list(Division.objects.values_list("name", flat=True)) == ["Divisi Tetap"]
    assert not AuditEvent.objects.exists()


def test_system_admin_may_edit_any_satker(login, people):
    response = login(people.system_admin).post(url("staff-profile", "91"), PROFILE)
    assert response.status_code == 302
    assert profile_of("91") == PROFILE


def test_secretary_role_is_a_manager(login, people):
    assert login(people.secretary).get(url("staff-profile")).status_code == 200


def test_forms_render_for_a_manager(login, people, tree):
    division = DivisionFactory(satker=tree.jepara, name="Divisi Lama")
    client = login(people.head)

    create = client.get(url("staff-division-create"))
    edit = client.get(url("staff-division-edit", "33.20", division.pk))
    upload = client.get(url("staff-document-upload"))

    assert create.status_code == edit.status_code == upload.status_code == 200
    assert 'value="Divisi Lama"' in edit.content.decode()
    upload_html = upload.content.decode()
    assert 'enctype="multipart/form-data"' in upload_html
    assert "paling besar 20 MB" in upload_html
