"""The staff calendar page /staf/kalender/: who sees it, who may change the calendar."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prima.core.models import AuditEvent, CalendarOverride
from prima.core.services import add_calendar_override

D = dt.date
URL = "/staf/kalender/"
ADD_URL = "/staf/kalender/tambah/"


def post_data(**overrides):
    data = {"date": "2026-03-26", "kind": "day_off", "name": "Cuti bersama tambahan",
            "legal_basis": "SKB 3 Menteri Nomor 9 Tahun 2026", "satker": ""}
    data.update(overrides)
    return data


def test_url_names():
    assert reverse("core:calendar") == URL
    assert reverse("core:calendar-override-add") == ADD_URL
    assert reverse("core:calendar-override-remove", args=[7]) == "/staf/kalender/7/hapus/"
    assert reverse("core:home") == "/"
    assert reverse("core:dashboard") == "/staf/"
    assert reverse("core:health") == "/sehat/"


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_citizen_gets_404(people, login):
    client = login(people.citizen)

    assert client.get(URL).status_code == 404
    assert client.post(ADD_URL, post_data()).status_code == 404
    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
def test_employee_sees_the_year_but_no_form(people, login):
    client = login(people.employee)

    response = client.get(URL, {"tahun": 2026})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Hari Suci Nyepi" in content
    assert 'data-date="2026-03-19"' in content
    assert "Tambah perubahan kalender" not in content
    assert response.context["override_form"] is None
    assert len(response.context["days"]) == 25


@pytest.mark.django_db
def test_employee_cannot_add_an_override(people, login, tree):
    client = login(people.employee)

    response = client.post(ADD_URL, post_data(satker=tree.jepara.code))

    assert response.status_code == 404
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_system_admin_adds_a_national_override(people, login):
    client = login(people.system_admin)

    response = client.post(ADD_URL, post_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    assert response.url == f"{URL}?tahun=2026"
    override = CalendarOverride.objects.get()
    assert (override.date, override.satker, override.name) == (
        D(2026, 3, 26), None, "Cuti bersama tambahan")
    event = AuditEvent.objects.get()
    assert event.ip_address == "203.0.113.7"
    assert event.actor == people.system_admin
    page = client.get(response.url).content.decode()
    assert "Cuti bersama tambahan" in page
    assert "SKB 3 Menteri Nomor 9 Tahun 2026" in page


@pytest.mark.django_db
def test_system_admin_closes_another_satker(people, login, tree):
    client = login(people.system_admin)

    response = client.post(ADD_URL, post_data(satker=tree.bogor.code))

    assert response.status_code == 302
    assert response.url == f"{URL}?tahun=2026&satker=32.01"
    assert CalendarOverride.objects.get().satker == tree.bogor


@pytest.mark.django_db
def test_satker_admin_closes_own_satker(people, login, tree):
    client = login(people.admin)
    form = client.get(URL).context["override_form"]
    assert list(form.fields["satker"].queryset) == [tree.jepara]
    assert [c[0] for c in form.fields["kind"].choices] == ["day_off"]

    response = client.post(ADD_URL, post_data(satker=tree.jepara.code))

    assert response.status_code == 302
    assert CalendarOverride.objects.get().satker == tree.jepara


@pytest.mark.django_db
@pytest.mark.parametrize("satker_code", ["", "33.19"], ids=["national", "other-satker"])
def test_satker_admin_cannot_change_national_or_other_satker(people, login, satker_code):
    client = login(people.admin)

    response = client.post(ADD_URL, post_data(satker=satker_code))

    assert response.status_code == 200
    assert response.context["override_form"].errors["satker"]
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_invalid_override_shows_the_reason_and_changes_nothing(people, login):
    client = login(people.system_admin)

    response = client.post(ADD_URL, post_data(date="2026-03-21"))

    assert response.status_code == 200
    assert response.context["override_form"].non_field_errors() == [
        "Sabtu, 21 Maret 2026 adalah hari Sabtu/Minggu yang memang bukan hari kerja "
        "(Perpres 21/2023); menambahkannya sebagai hari libur tidak berpengaruh."
    ]
    assert "menambahkannya sebagai hari libur tidak berpengaruh" in response.content.decode()
    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
def test_get_on_add_is_not_allowed(people, login):
    assert login(people.system_admin).get(ADD_URL).status_code == 405


@pytest.mark.django_db
def test_removal_needs_confirmation(people, login, tree):
    override = add_calendar_override(
        actor=people.admin, satker=tree.jepara, date=D(2026, 3, 26), kind="day_off",
        name="Kantor ditutup", legal_basis="SK Sekretaris Nomor 3/2026")
    client = login(people.admin)
    url = reverse("core:calendar-override-remove", args=[override.pk])

    confirm = client.get(url)

    assert confirm.status_code == 200
    assert "Setelah dihapus, tanggal ini menjadi hari kerja." in confirm.content.decode()
    assert CalendarOverride.objects.filter(pk=override.pk).exists()

    response = client.post(url)

    assert response.status_code == 302
    assert not CalendarOverride.objects.filter(pk=override.pk).exists()
    assert AuditEvent.objects.filter(action="core.calendar_override_removed").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_admin", "employee", "head", "evaluator"])
def test_others_cannot_remove_a_jepara_closure(people, login, tree, who):
    override = add_calendar_override(
        actor=people.admin, satker=tree.jepara, date=D(2026, 3, 26), kind="day_off",
        name="Kantor ditutup", legal_basis="SK Sekretaris Nomor 3/2026")
    client = login(getattr(people, who))
    url = reverse("core:calendar-override-remove", args=[override.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert CalendarOverride.objects.filter(pk=override.pk).exists()


@pytest.mark.django_db
def test_satker_admin_cannot_remove_a_national_override(people, login):
    override = add_calendar_override(
        actor=people.system_admin, date=D(2026, 3, 26), kind="day_off",
        name="Cuti bersama", legal_basis="SKB")
    client = login(people.admin)

    assert client.post(reverse("core:calendar-override-remove",
                               args=[override.pk])).status_code == 404
    assert CalendarOverride.objects.filter(pk=override.pk).exists()


@pytest.mark.django_db
def test_cancelled_cuti_bersama_is_listed_and_confirm_says_what_returns(people, login):
    override = add_calendar_override(
        actor=people.system_admin, date=D(2026, 3, 24), kind="working_day",
        name="Cuti bersama dibatalkan", legal_basis="SKB Nomor 10/2026")
    client = login(people.system_admin)

    page = client.get(URL, {"tahun": 2026})

    assert len(page.context["days"]) == 24
    assert "Libur yang dibatalkan" in page.content.decode()
    confirm = client.get(reverse("core:calendar-override-remove", args=[override.pk]))
    assert ("kembali menjadi hari libur: Cuti Bersama Hari Raya Idul Fitri"
            in confirm.content.decode())


@pytest.mark.django_db
def test_satker_view_shows_its_closures(people, login, tree):
    add_calendar_override(
        actor=people.admin, satker=tree.jepara, date=D(2026, 3, 26), kind="day_off",
        name="Kantor ditutup", legal_basis="SK Sekretaris Nomor 3/2026")
    client = login(people.employee)

    page = client.get(URL, {"tahun": 2026, "satker": "33.20"})

    assert page.status_code == 200
    row = [r for r in page.context["days"] if r["day"].date == D(2026, 3, 26)][0]
    assert row["day"].source == "satker"
    assert row["removable"] is False
    assert len(page.context["closure_rows"]) == 1


@pytest.mark.django_db
def test_satker_outside_scope_is_not_found(people, login):
    client = login(people.employee)

    assert client.get(URL, {"tahun": 2026, "satker": "33.19"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["abc", "1800", ""], ids=["text", "too-early", "empty"])
def test_bad_year_falls_back_to_the_current_year(people, login, year):
    client = login(people.employee)

    response = client.get(URL, {"tahun": year, "satker": "33.20"})

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["satker"].code == "33.20"


@pytest.mark.django_db
def test_calculator_in_wita(people, login, tree):
    from prima.organisations.tests.factories import MembershipFactory, SatkerFactory

    makassar = SatkerFactory(code="73.71", name="KPU Kota Makassar", timezone="Asia/Makassar")
    MembershipFactory(user=people.employee, satker=makassar)
    client = login(people.employee)

    response = client.get(URL, {"tahun": 2026, "hitung-received_at": "2026-03-16T16:30",
                                "hitung-satker": "73.71", "hitung-days": "10"})

    result = response.context["result"]
    assert result.received_on == D(2026, 3, 17)
    assert result.due_date == D(2026, 4, 8)
    content = response.content.decode()
    assert 'data-due="2026-04-08"' in content
    assert "setelah batas jam layanan 16.00 WITA" in content


@pytest.mark.django_db
def test_calculator_rejects_bad_input(people, login):
    client = login(people.employee)

    response = client.get(URL, {"hitung-received_at": "kemarin", "hitung-days": "-3"})

    assert response.context["result"] is None
    errors = response.context["calculator"].errors
    assert set(errors) == {"received_at", "days"}


@pytest.mark.django_db
def test_closure_list_query_count(people, login, tree, django_assert_max_num_queries):
    from prima.organisations.tests.factories import SatkerFactory

    for i in range(30):
        satker = SatkerFactory(code=f"33.{40 + i}", parent=tree.jateng)
        CalendarOverride.objects.create(date=D(2026, 3, 2) + dt.timedelta(days=i), satker=satker,
                                        kind="day_off", name=f"Tutup {i}", legal_basis="SK",
                                        created_by=people.system_admin)
    client = login(people.system_admin)

    with django_assert_max_num_queries(14):
        response = client.get(URL, {"tahun": 2026})

    assert len(response.context["closure_rows"]) == 25
    assert response.context["page_obj"].paginator.count == 30
