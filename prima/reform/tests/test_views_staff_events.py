"""Socialisation events through the client: list, create/edit with materials, participants
(one by one, by satker, pasted lines), attendance, scope."""

import datetime as dt

import pytest
from django.test import Client

from prima.core.models import AuditEvent
from prima.organisations.choices import Role
from prima.organisations.tests.factories import MembershipFactory, UserFactory, member
from prima.reform import services
from prima.reform.choices import EventMode, PlanStatus, ReportStatus
from prima.reform.models import EventParticipant, Evidence, ProgressReport, SocialisationEvent

from .factories import build_plan, build_report, decree
from .helpers import url


def event_of(satker, actor, **kwargs):
    values = {"title": "Rabu Ingin Tahu", "date": dt.date(2020, 6, 3), "mode": EventMode.ONLINE}
    values.update(kwargs)
    return SocialisationEvent.objects.create(organiser=satker, created_by=actor, **values)


def test_create_and_edit_an_event_with_materials(tree, people, login):
    material = decree(tree.jepara, "7/Materi/2020", subject="Bahan paparan zona integritas")
    other = decree(tree.kudus, "7/Kudus/2020")
    client = login(people.reform)
    form = client.get(url("staff-event-create", "33.20")).content.decode()
    assert "Bahan paparan zona integritas" in form
    assert other.subject not in form
    response = client.post(url("staff-event-create", "33.20"), {
        "title": "Sosialisasi zona integritas", "series": "Rabu Ingin Tahu",
        "date": "2020-06-03", "start_time": "09:00", "mode": EventMode.HYBRID,
        "location": "https://zoom.example/j/123", "speakers": "Ketua KPU Jepara",
        "description": "Pembangunan zona integritas.", "materials": [material.pk]})
    event = SocialisationEvent.objects.get()
    assert response["Location"] == url("staff-event", "33.20", event.pk)
    assert (event.organiser, event.series, event.start_time, event.mode) == (
        tree.jepara, "Rabu Ingin Tahu", dt.time(9, 0), EventMode.HYBRID)
    assert list(event.materials.all()) == [material]
    client.post(url("staff-event-edit", "33.20", event.pk), {
        "title": "Sosialisasi ZI", "date": "2020-06-10", "mode": EventMode.OFFLINE,
        "location": "Aula KPU Jepara"})
    event.refresh_from_db()
    assert (event.title, event.date, event.mode, event.location) == (
        "Sosialisasi ZI", dt.date(2020, 6, 10), EventMode.OFFLINE, "Aula KPU Jepara")
    assert list(event.materials.all()) == []
    assert AuditEvent.objects.filter(action="reform.event_updated").count() == 1


def test_event_form_refuses_bad_input(tree, people, login):
    client = login(people.reform)
    response = client.post(url("staff-event-create", "33.20"), {
        "title": "", "date": "kemarin", "mode": "telepati"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bidang ini tidak boleh kosong." in html
    assert "Masukkan tanggal yang valid." in html
    assert not SocialisationEvent.objects.exists()


def test_participants_attendance_and_bulk_paste(tree, people, login):
    event = event_of(tree.jepara, people.reform)
    client = login(people.reform)
    client.post(url("staff-participant-add", "33.20", event.pk), {
        "satker": tree.jepara.pk, "name": "Siti Aminah", "position": "Kasubbag Umum"})
    client.post(url("staff-participant-bulk", "33.20", event.pk), {
        "satker": tree.jepara.pk,
        "lines": "Budi Santoso; Staf Teknis\n\n  Rina ;  \nDewi Lestari;Operator SIDALIH"})
    names = list(event.participants.order_by("id").values_list("name", "position",
                                                                "attended"))
    assert names == [("Siti Aminah", "Kasubbag Umum", False), ("Budi Santoso", "Staf Teknis",
                     False), ("Rina", "", False), ("Dewi Lestari", "Operator SIDALIH", False)]
    siti, budi = (event.participants.get(name="Siti Aminah"),
                  event.participants.get(name="Budi Santoso"))
    client.post(url("staff-attendance", "33.20", event.pk), {"attended": [siti.pk, budi.pk]})
    attended = set(event.participants.filter(attended=True).values_list("name", flat=True))
    assert attended == {"Siti Aminah", "Budi Santoso"}
    html = client.get(url("staff-event", "33.20", event.pk)).content.decode()
    assert "2 hadir dari 4 peserta" in html
    # Remove one after confirming.
    rina = event.participants.get(name="Rina")
    assert "Ya, hapus" in client.get(
        url("staff-participant-delete", "33.20", event.pk, rina.pk)).content.decode()
    client.post(url("staff-participant-delete", "33.20", event.pk, rina.pk))
    assert set(event.participants.values_list("name", flat=True)) == {
        "Siti Aminah", "Budi Santoso", "Dewi Lestari"}
    assert set(event.participants.filter(attended=True).values_list("name", flat=True)) == {
        "Siti Aminah", "Budi Santoso"}


def test_bulk_paste_rejects_a_line_without_name(tree, people, login):
    event = event_of(tree.jepara, people.reform)
    client = login(people.reform)
    response = client.post(url("staff-participant-bulk", "33.20", event.pk), {
        "satker": tree.jepara.pk, "lines": "Budi; Staf\n; Operator"})
    assert response.status_code == 400
    assert "Baris 2 tidak memuat nama." in response.content.decode()
    assert not EventParticipant.objects.exists()


def test_province_session_invites_its_kabupaten(tree, people, login):
    organiser = member(tree.jateng, Role.REFORM, full_name="Tim RB Jateng")
    event = event_of(tree.jateng, organiser, title="Rabu Ingin Tahu #5")
    client = login(organiser)
    form = client.get(url("staff-event", "33", event.pk)).content.decode()
    assert "33.20 — KPU Kabupaten Jepara" in form
    assert "32.01" not in form  # Bogor lies under another province
    client.post(url("staff-participant-invite", "33", event.pk), {"satker": tree.jepara.pk})
    jepara_people = {p.full_name for p in (people.admin, people.head, people.secretary,
                                           people.ppid, people.atasan_ppid, people.reform,
                                           people.employee)}
    invited = set(event.participants.filter(satker=tree.jepara).values_list("name", flat=True))
    assert invited == jepara_people
    assert event.participants.filter(user=people.employee).exists()
    # Inviting again adds nobody twice.
    client.post(url("staff-participant-invite", "33", event.pk), {"satker": tree.jepara.pk})
    assert event.participants.count() == len(jepara_people)
    # Participants from a satker outside the province are refused, nothing changed.
    response = client.post(url("staff-participant-add", "33", event.pk), {
        "satker": tree.bogor.pk, "name": "Orang Bogor"})
    assert response.status_code == 400
    assert event.participants.count() == len(jepara_people)
    # Jepara sees the province's session in its list and may link it after attending.
    jepara = login(people.reform, Client())
    listing = jepara.get(url("staff-events", "33.20")).content.decode()
    assert "Rabu Ingin Tahu #5" in listing
    assert jepara.get(url("staff-event", "33.20", event.pk)).status_code == 200
    # ...but cannot change it.
    assert jepara.post(url("staff-attendance", "33.20", event.pk), {}).status_code == 404
    assert jepara.get(url("staff-event-edit", "33.20", event.pk)).status_code == 404


@pytest.mark.parametrize("who", ["employee", "evaluator", "other_admin"])
def test_event_writes_are_404_for_non_writers(tree, people, login, who):
    event = event_of(tree.jepara, people.reform)
    client = login(getattr(people, who))
    assert client.post(url("staff-event-create", "33.20"), {
        "title": "X", "date": "2020-01-01", "mode": "online"}).status_code == 404
    assert client.post(url("staff-participant-add", "33.20", event.pk), {
        "satker": tree.jepara.pk, "name": "X"}).status_code == 404
    assert client.post(url("staff-event-edit", "33.20", event.pk), {
        "title": "Diganti", "date": "2020-01-01", "mode": "online"}).status_code == 404
    assert SocialisationEvent.objects.get().title == "Rabu Ingin Tahu"
    assert not EventParticipant.objects.exists()


def test_kudus_does_not_see_jepara_events(tree, people, login):
    event = event_of(tree.jepara, people.reform, title="Khusus Jepara")
    client = login(people.other_admin)
    assert client.get(url("staff-event", "33.20", event.pk)).status_code == 404
    assert client.get(url("staff-event", "33.19", event.pk)).status_code == 404
    assert "Khusus Jepara" not in client.get(url("staff-events", "33.19")).content.decode()


def test_event_list_search_and_query_bound(tree, people, login, django_assert_max_num_queries):
    for i in range(30):
        event = event_of(tree.jepara, people.reform, title=f"Sesi {i}",
                         date=dt.date(2020, 1, 1) + dt.timedelta(days=7 * i))
        EventParticipant.objects.bulk_create([
            EventParticipant(event=event, satker=tree.jepara, name=f"Peserta {n}",
                             attended=n % 2 == 0) for n in range(4)])
    client = login(people.reform)
    client.get(url("staff-events", "33.20"))
    with django_assert_max_num_queries(10):
        html = client.get(url("staff-events", "33.20")).content.decode()
    assert html.count("/ 4</td>") == 25  # first page of 25, "2 / 4" attended each
    found = client.get(url("staff-events", "33.20") + "?q=Sesi 29").content.decode()
    assert "Sesi 29" in found and "Sesi 28" not in found


def test_new_people_can_be_invited(tree, people, login):
    newcomer = UserFactory(full_name="Pegawai Baru")
    MembershipFactory(user=newcomer, satker=tree.jepara, role=Role.EMPLOYEE)
    event = event_of(tree.jepara, people.reform)
    client = login(people.reform)
    client.post(url("staff-participant-invite", "33.20", event.pk), {"satker": tree.jepara.pk})
    assert event.participants.filter(name="Pegawai Baru", user=newcomer).exists()


# --- deleting an event ---------------------------------------------------------------------------


def _with_participants(event, *names):
    EventParticipant.objects.bulk_create(
        [EventParticipant(event=event, satker=event.organiser, name=n, attended=True)
         for n in names])
    return event


def test_event_deleted_with_its_attendance_after_confirming(tree, people, login):
    event = _with_participants(event_of(tree.jepara, people.reform, title="Sosialisasi SAKIP"),
                               "Ani", "Budi")
    kept = _with_participants(event_of(tree.jepara, people.reform, title="Rapat lain"), "Cici")
    client = login(people.reform)
    assert url("staff-event-delete", "33.20", event.pk) in client.get(
        url("staff-event", "33.20", event.pk)).content.decode()

    confirm = client.get(url("staff-event-delete", "33.20", event.pk))

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Hapus kegiatan “Sosialisasi SAKIP”?" in html
    assert "Ya, hapus kegiatan" in html and "(2 peserta)" in html
    assert SocialisationEvent.objects.filter(pk=event.pk).exists()

    response = client.post(url("staff-event-delete", "33.20", event.pk))

    assert response["Location"] == url("staff-events", "33.20")
    assert not SocialisationEvent.objects.filter(pk=event.pk).exists()
    assert list(EventParticipant.objects.values_list("name", flat=True)) == ["Cici"]
    assert SocialisationEvent.objects.get() == kept
    audit = AuditEvent.objects.get(action="reform.event_deleted")
    assert (audit.actor, audit.satker, audit.object_id) == (people.reform, tree.jepara,
                                                            str(event.pk))
    assert audit.changes["participants"] == [["Ani", "Budi"], None]
    assert audit.changes["title"] == ["Sosialisasi SAKIP", None]


def test_event_cited_as_evidence_is_not_deleted(tree, people, login):
    event = _with_participants(event_of(tree.jepara, people.reform), "Ani")
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      status=PlanStatus.RUNNING)
    report = build_report(plan, 2, status=ReportStatus.DRAFT, updated_by=people.reform)
    services.add_evidence(report=ProgressReport.objects.get(pk=report.pk), actor=people.reform,
                          title="Daftar hadir sosialisasi", linked_object=event)
    audits = AuditEvent.objects.count()
    client = login(people.reform)

    confirm = client.get(url("staff-event-delete", "33.20", event.pk)).content.decode()
    response = client.post(url("staff-event-delete", "33.20", event.pk))

    message = ("Kegiatan ini tidak dapat dihapus karena dipakai sebagai data dukung pada 1 "
               "laporan: KPU Kabupaten Jepara, laporan TW II tahun 2020.")
    assert message in confirm
    assert response.status_code == 409
    assert message in response.content.decode()
    assert SocialisationEvent.objects.filter(pk=event.pk).exists()
    assert list(event.participants.values_list("name", flat=True)) == ["Ani"]
    assert Evidence.objects.get().linked_object == event
    assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize("who", ["employee", "evaluator", "other_admin", "citizen"])
def test_only_the_organisers_writers_delete_an_event(tree, people, login, who):
    event = _with_participants(event_of(tree.jepara, people.reform), "Ani")
    client = login(getattr(people, who))

    assert client.get(url("staff-event-delete", "33.20", event.pk)).status_code == 404
    assert client.post(url("staff-event-delete", "33.20", event.pk)).status_code == 404

    assert SocialisationEvent.objects.filter(pk=event.pk).exists()
    assert event.participants.count() == 1
    assert not AuditEvent.objects.filter(action="reform.event_deleted").exists()


def test_the_province_event_is_not_deleted_from_below(tree, people, login):
    """A kabupaten sees its province's weekly session, but only the province deletes it."""
    session = event_of(tree.jateng, people.evaluator, title="Rabu Ingin Tahu #3")
    client = login(people.reform)
    assert client.get(url("staff-event", "33.20", session.pk)).status_code == 200
    assert url("staff-event-delete", "33.20", session.pk) not in client.get(
        url("staff-event", "33.20", session.pk)).content.decode()

    assert client.post(url("staff-event-delete", "33.20", session.pk)).status_code == 404

    assert SocialisationEvent.objects.filter(pk=session.pk).exists()
