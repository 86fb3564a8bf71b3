"""The officer's inbox: scope, countdown badges, counters, filters, search and query count."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from prima.inforequests import deadlines, services
from prima.inforequests.choices import Channel, Status
from prima.inforequests.tests.factories import at, make_request
from prima.organisations.choices import Role
from prima.organisations.tests.factories import member

INBOX = reverse("inforequests:staff-inbox")
TODAY = dt.date(2024, 10, 21)  # a Monday; October 2024 has no holidays in Indonesia


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(deadlines, "local_today", lambda satker=None: TODAY)
    return TODAY


def _numbers(response):
    return [row.request.number for row in response.context["page_obj"].object_list]


def test_inbox_shows_only_the_officers_own_satker(tree, people, login):
    jepara = make_request(tree.jepara, full_name="Pemohon Jepara")
    kudus = make_request(tree.kudus, full_name="Pemohon Kudus")
    kudus_ppid = member(tree.kudus, Role.PPID, full_name="PPID Kudus")

    response = login(people.ppid).get(INBOX)
    assert response.status_code == 200
    assert _numbers(response) == [jepara.number]
    assert "Pemohon Kudus" not in response.content.decode()

    response = login(kudus_ppid, Client()).get(INBOX)
    assert _numbers(response) == [kudus.number]
    assert "Pemohon Jepara" not in response.content.decode()


@pytest.mark.parametrize("actor", ["evaluator", "employee", "reform", "other_employee",
                                   "other_evaluator", "citizen"])
def test_inbox_does_not_exist_for_people_without_the_information_purpose(tree, people, login,
                                                                        actor):
    make_request(tree.jepara)
    make_request(tree.kudus)
    response = login(getattr(people, actor)).get(INBOX)
    assert response.status_code == 404


def test_empty_inbox_says_so(tree, people, login):
    make_request(tree.kudus)
    response = login(people.ppid).get(INBOX)
    assert response.status_code == 200
    assert _numbers(response) == []
    assert response.context["counters"] == {"open": 0, "soon": 0, "overdue": 0}
    assert "Belum ada permohonan informasi." in response.content.decode()


def test_admin_of_another_satker_reads_only_their_own(tree, people, login):
    make_request(tree.jepara)
    kudus = make_request(tree.kudus)
    response = login(people.other_admin).get(INBOX)
    assert _numbers(response) == [kudus.number]
    assert response.context["can_create"] is False  # admins read; PPID staff write


def test_inbox_needs_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert "/akun/" in response["Location"] or "login" in response["Location"]


def test_countdown_states_and_counters_with_a_fixed_today(tree, people, login, today):
    overdue = make_request(tree.jepara, received_at=at(2024, 10, 4))  # due Fri 18 Oct
    due_today = make_request(tree.jepara, received_at=at(2024, 10, 7))  # due Mon 21 Oct
    soon = make_request(tree.jepara, received_at=at(2024, 10, 10))  # due Thu 24 Oct
    ok = make_request(tree.jepara, received_at=at(2024, 10, 14))  # due Mon 28 Oct
    closed = make_request(tree.jepara, received_at=at(2024, 10, 1))
    services.withdraw_request(request=closed, actor=people.ppid)

    response = login(people.ppid).get(INBOX)
    rows = {row.request.number: row.countdown for row in response.context["page_obj"]}
    assert (rows[overdue.number].state, rows[overdue.number].days_left) == ("overdue", -1)
    assert (rows[due_today.number].state, rows[due_today.number].days_left) == ("soon", 0)
    assert (rows[soon.number].state, rows[soon.number].days_left) == ("soon", 3)
    assert (rows[ok.number].state, rows[ok.number].days_left) == ("ok", 5)
    assert rows[closed.number].state == "closed"
    assert response.context["counters"] == {"open": 4, "soon": 2, "overdue": 1}
    # Default order: open requests by due date, closed ones after them.
    assert _numbers(response) == [overdue.number, due_today.number, soon.number, ok.number,
                                  closed.number]
    html = response.content.decode()
    assert "Terlambat 1 hari kerja" in html
    assert "Jatuh tempo hari ini" in html
    assert "Segera: sisa 3 hari kerja" in html
    assert "Sisa 5 hari kerja" in html

    for state, expected in [("overdue", [overdue]), ("soon", [due_today, soon]), ("ok", [ok])]:
        response = login(people.ppid).get(INBOX, {"countdown": state})
        assert _numbers(response) == [r.number for r in expected], state


def test_filters_and_search(tree, people, login):
    officer = people.ppid
    letter = make_request(tree.jepara, channel=Channel.LETTER, actor=officer,
                          full_name="Bambang Wijaya",
                          information_requested="Daftar pemilih tetap Kecamatan Mlonggo")
    web = make_request(tree.jepara, full_name="Siti Aminah",
                       information_requested="Anggaran hibah pilkada")
    old = make_request(tree.jepara, received_at=at(2023, 11, 6), full_name="Joko Susilo")
    services.assign_request(request=web, officer=officer, actor=officer)
    services.withdraw_request(request=old, actor=officer)
    c = login(officer)

    def numbers(**params):
        return sorted(_numbers(c.get(INBOX, params)))

    assert numbers(channel="letter") == [letter.number]
    assert numbers(assigned="me") == [web.number]
    assert numbers(assigned="none") == sorted([letter.number, old.number])
    assert numbers(status="open") == sorted([letter.number, web.number])
    assert numbers(status=Status.WITHDRAWN) == [old.number]
    assert numbers(status=Status.IN_PROGRESS) == [web.number]
    assert numbers(year=2023) == [old.number]
    assert numbers(q="mlonggo") == [letter.number]
    assert numbers(q="siti") == [web.number]
    assert numbers(q=old.number) == [old.number]
    assert numbers(q=old.number_slug) == [old.number]
    assert numbers(q="tidak ada yang cocok") == []
    response = c.get(INBOX, {"q": "tidak ada yang cocok"})
    assert "Tidak ada permohonan yang cocok dengan saringan." in response.content.decode()


def test_satker_filter_for_people_with_several_satkers(tree, people, login):
    jepara = make_request(tree.jepara)
    kudus = make_request(tree.kudus)
    c = login(people.system_admin)
    response = c.get(INBOX)
    assert response.context["several_satkers"] is True
    assert sorted(_numbers(response)) == sorted([jepara.number, kudus.number])
    response = c.get(INBOX, {"satker": tree.kudus.pk})
    assert _numbers(response) == [kudus.number]
    # A satker outside the person's scope is not a valid choice: the filter is ignored.
    response = login(people.ppid, Client()).get(INBOX, {"satker": tree.kudus.pk})
    assert response.context["several_satkers"] is False
    assert _numbers(response) == [jepara.number]


def test_personal_data_in_the_list(tree, people, login):
    make_request(tree.jepara, full_name="Siti Rahmawati", nik="3320014507900001")
    ppid_html = login(people.ppid).get(INBOX).content.decode()
    assert "Siti Rahmawati" in ppid_html
    assert "3320014507900001" not in ppid_html  # NIK never in lists
    head_html = login(people.head, Client()).get(INBOX).content.decode()
    assert "Siti Rahmawati" not in head_html
    assert "S*** R***" in head_html
    assert "3320014507900001" not in head_html


def test_pagination_25_per_page(tree, people, login):
    for _ in range(27):
        make_request(tree.jepara)
    c = login(people.ppid)
    first = c.get(INBOX)
    assert len(first.context["page_obj"].object_list) == 25
    assert first.context["page_obj"].paginator.count == 27
    second = c.get(INBOX, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 2


def test_inbox_query_count_does_not_grow_with_rows(tree, people, login,
                                                   django_assert_max_num_queries):
    for i in range(30):
        make_request(tree.jepara if i % 3 else tree.kudus)
    for request in list(tree.jepara.information_requests.all()[:10]):
        services.assign_request(request=request, officer=people.ppid, actor=people.ppid)
    c = login(people.system_admin)
    c.get(INBOX)  # warm the calendar cache and the session
    with django_assert_max_num_queries(16):
        response = c.get(INBOX)
    assert len(response.context["page_obj"].object_list) == 25


def test_dashboard_link_target_is_the_inbox():
    assert INBOX == "/staf/informasi/"


def test_satker_filter_is_written_without_one_template_per_option(tree, people, login):
    """Issue 13: the national officer's filter lists every satker (553 in production); Django's
    Select rendered one template per option (~90% of a 640 ms page). QuickSelect writes the
    same <select>, the chosen satker still selected."""
    from prima.core.widgets import QuickSelect
    from prima.inforequests.forms_staff import InboxFilterForm, ObjectionFilterForm

    assert isinstance(InboxFilterForm.base_fields["satker"].widget, QuickSelect)
    assert isinstance(ObjectionFilterForm.base_fields["satker"].widget, QuickSelect)
    make_request(tree.jepara)
    response = login(people.system_admin).get(INBOX, {"satker": tree.kudus.pk})
    html = response.content.decode()
    assert response.context["several_satkers"]
    assert f'<option value="{tree.kudus.pk}" selected>{tree.kudus.name} ({tree.kudus.code})' \
        f"</option>" in html
    assert f'<option value="{tree.jepara.pk}">{tree.jepara.name} ({tree.jepara.code})' \
        f"</option>" in html
    assert '<option value="">Semua satker</option>' in html
