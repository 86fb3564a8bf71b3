import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from prima.core.models import AuditEvent
from prima.organisations import services
from prima.organisations.models import Division, Satker

AUDIT = reverse("organisations:staff-audit", args=["33.20"])


def record_url(code, obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return reverse("organisations:staff-audit-record", args=[code, ct.pk, obj.pk])


@pytest.mark.parametrize("who", ["head", "secretary", "admin", "system_admin"])
def test_managers_of_jepara_see_its_audit_events(login, people, history, who):
    response = login(getattr(people, who)).get(AUDIT)

    assert response.status_code == 200
    events = list(response.context["page_obj"])
    assert [e.action for e in events] == ["organisations.division_created",
                                          "organisations.satker_profile_updated",
                                          "organisations.satker_profile_updated"]
    html = response.content.decode()
    assert "Profil satker diubah" in html and "Divisi/subbagian ditambahkan" in html
    assert "0291-999" not in html  # Kudus is not here


@pytest.mark.parametrize("who", ["employee", "ppid", "reform", "evaluator", "other_admin",
                                 "citizen"])
def test_audit_page_is_404_for_everyone_else(login, people, history, who):
    client = login(getattr(people, who))
    assert client.get(AUDIT).status_code == 404
    assert client.get(record_url("33.20", history)).status_code == 404


def test_audit_filter_by_action_and_date(login, people, history):
    client = login(people.head)
    today = timezone.localdate()

    by_action = client.get(AUDIT, {"action": "organisations.division_created"}
                           ).context["page_obj"]
    assert [e.object_repr for e in by_action] == ["Divisi Teknis Penyelenggaraan"]
    assert len(client.get(AUDIT, {"date_from": today.isoformat(),
                                  "date_to": today.isoformat()}).context["page_obj"]) == 3
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    later = client.get(AUDIT, {"date_from": tomorrow})
    assert len(later.context["page_obj"]) == 0
    assert "Belum ada jejak audit yang cocok." in later.content.decode()


def test_audit_filter_with_reversed_dates_explains_itself(login, people, history):
    response = login(people.head).get(AUDIT, {"date_from": "2024-02-01",
                                              "date_to": "2024-01-01"})
    assert "Tanggal awal harus sebelum atau sama dengan tanggal akhir." in (
        response.content.decode())
    assert len(response.context["page_obj"]) == 3  # the filter is not applied


def test_record_view_shows_before_and_after_values(login, people, tree, history):
    response = login(people.head).get(record_url("33.20", tree.jepara))

    assert response.status_code == 200
    events = response.context["events"]
    assert [e.changes for e in events] == [
        {"email": ["", "jepara@kpu.go.id"], "phone": ["0291-111", "0291-222"]},
        {"phone": ["", "0291-111"]},
    ]
    html = response.content.decode()
    assert "<th scope=\"row\">phone</th><td>0291-111</td><td>0291-222</td>" in html


def test_record_of_another_satker_is_404_under_jepara(login, people, tree, history):
    assert login(people.head).get(record_url("33.20", tree.kudus)).status_code == 404


def test_deleted_division_keeps_its_history(login, people, history):
    services.delete_division(division=Division.objects.get(pk=history.pk), actor=people.head)

    response = login(people.head).get(record_url("33.20", history))

    assert [e.action for e in response.context["events"]] == [
        "organisations.division_deleted", "organisations.division_created"]


def test_audit_events_cannot_be_changed_through_the_page(login, people, history):
    client = login(people.head)
    assert client.post(AUDIT, {"action": "x"}).status_code == 405
    assert client.post(record_url("33.20", history)).status_code == 405
    assert AuditEvent.objects.filter(satker__code="33.20").count() == 3


def test_audit_list_asks_a_fixed_number_of_queries(login, people, tree,
                                                   django_assert_max_num_queries):
    for i in range(60):
        services.update_satker_profile(satker=tree.jepara, actor=people.head,
                                       data={"phone": f"0291-{i:03d}"})
    client = login(people.head)

    with django_assert_max_num_queries(11):
        response = client.get(AUDIT)
    assert len(response.context["page_obj"]) == 50
    assert Satker.objects.get(pk=tree.jepara.pk).phone == "0291-059"
