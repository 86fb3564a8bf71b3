"""Calendar overrides through the services: permission, validation, audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prima.core.models import AuditEvent, CalendarOverride
from prima.core.services import add_calendar_override, remove_calendar_override

D = dt.date
BASIS = "Keputusan Bersama Menteri Nomor 1 Tahun 2026"


def add(actor, day, kind="day_off", satker=None, name="Libur tambahan"):
    return add_calendar_override(actor=actor, date=day, kind=kind, name=name,
                                 legal_basis=BASIS, satker=satker)


@pytest.mark.django_db
def test_system_admin_adds_a_national_day_off_with_audit(people):
    override = add(people.system_admin, D(2026, 3, 26))

    assert override.satker is None
    assert override.created_by == people.system_admin
    event = AuditEvent.objects.get()
    assert event.action == "core.calendar_override_added"
    assert event.actor == people.system_admin
    assert event.object_id == str(override.pk)
    assert event.satker is None
    assert event.changes["date"] == [None, "2026-03-26"]
    assert event.changes["kind"] == [None, "day_off"]
    assert event.changes["legal_basis"] == [None, BASIS]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "head", "employee", "evaluator", "other_admin",
                                 "citizen"])
def test_only_the_system_admin_changes_the_national_calendar(people, who):
    with pytest.raises(PermissionDenied):
        add(getattr(people, who), D(2026, 3, 26))

    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_satker_admin_closes_own_office(people, tree):
    override = add(people.admin, D(2026, 3, 26), satker=tree.jepara, name="Kantor ditutup")

    assert override.satker == tree.jepara
    assert AuditEvent.objects.get().satker == tree.jepara


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_admin", "employee", "head", "evaluator", "citizen"])
def test_others_cannot_close_jepara(people, tree, who):
    with pytest.raises(PermissionDenied):
        add(getattr(people, who), D(2026, 3, 26), satker=tree.jepara)

    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
def test_system_admin_closes_any_satker(people, tree):
    assert add(people.system_admin, D(2026, 3, 26), satker=tree.bogor).satker == tree.bogor


@pytest.mark.django_db
def test_satker_admin_cannot_cancel_a_holiday(people, tree):
    with pytest.raises(ValidationError) as info:
        add(people.admin, D(2026, 3, 24), kind="working_day", satker=tree.jepara)

    assert info.value.messages == [
        "Administrator satker hanya dapat menambahkan penutupan kantor (hari libur)."
    ]
    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "kind", "message"), [
    (D(2026, 3, 21), "day_off",
     "Sabtu, 21 Maret 2026 adalah hari Sabtu/Minggu yang memang bukan hari kerja "
     "(Perpres 21/2023); menambahkannya sebagai hari libur tidak berpengaruh."),
    (D(2026, 3, 22), "working_day",
     "Minggu, 22 Maret 2026 adalah hari Sabtu/Minggu; membatalkan libur pada hari itu tidak "
     "menjadikannya hari kerja (Perpres 21/2023)."),
    (D(2026, 3, 26), "working_day",
     "Kamis, 26 Maret 2026 bukan hari libur atau cuti bersama, jadi tidak ada yang "
     "dibatalkan."),
    (D(2026, 3, 19), "day_off", "Kamis, 19 Maret 2026 sudah hari libur: Hari Suci Nyepi."),
], ids=["day-off-on-weekend", "working-day-on-weekend", "working-day-not-holiday",
        "day-off-already-holiday"])
def test_pointless_overrides_are_refused(people, day, kind, message):
    with pytest.raises(ValidationError) as info:
        add(people.system_admin, day, kind=kind)

    assert info.value.messages == [message]
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_duplicate_date_is_refused(people, tree):
    add(people.system_admin, D(2026, 3, 26))

    with pytest.raises(ValidationError) as info:
        add(people.system_admin, D(2026, 3, 26), name="Lagi")

    assert info.value.messages == [
        "Sudah ada perubahan kalender nasional pada tanggal Kamis, 26 Maret 2026. Hapus yang "
        "lama terlebih dahulu bila ingin menggantinya."
    ]
    assert CalendarOverride.objects.count() == 1


@pytest.mark.django_db
def test_closure_on_a_national_added_day_off_is_refused(people, tree):
    add(people.system_admin, D(2026, 3, 26), name="Pemungutan suara")

    with pytest.raises(ValidationError) as info:
        add(people.admin, D(2026, 3, 26), satker=tree.jepara)

    assert info.value.messages == ["Kamis, 26 Maret 2026 sudah hari libur: Pemungutan suara."]


@pytest.mark.django_db
def test_blank_name_or_basis_is_refused(people):
    with pytest.raises(ValidationError):
        add_calendar_override(actor=people.system_admin, date=D(2026, 3, 26), kind="day_off",
                              name="  ", legal_basis=BASIS)
    with pytest.raises(ValidationError):
        add_calendar_override(actor=people.system_admin, date=D(2026, 3, 26), kind="day_off",
                              name="Libur", legal_basis="")

    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
def test_remove_records_the_before_state(people, tree):
    override = add(people.admin, D(2026, 3, 26), satker=tree.jepara)
    pk = override.pk

    remove_calendar_override(actor=people.admin, override=override)

    assert not CalendarOverride.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.filter(action="core.calendar_override_removed").get()
    assert event.object_id == str(pk)
    assert event.satker == tree.jepara
    assert event.changes["date"] == ["2026-03-26", None]


@pytest.mark.django_db
def test_other_admin_cannot_remove(people, tree):
    override = add(people.admin, D(2026, 3, 26), satker=tree.jepara)

    with pytest.raises(PermissionDenied):
        remove_calendar_override(actor=people.other_admin, override=override)

    assert CalendarOverride.objects.filter(pk=override.pk).exists()


CHANGES = []


def remember_change(*, date, satker_id):
    CHANGES.append((date, satker_id))


@pytest.mark.django_db
def test_deadline_keepers_are_told_after_the_commit(people, tree, settings,
                                                    django_capture_on_commit_callbacks):
    settings.PRIMA_CALENDAR_CHANGED_HOOKS = [
        "prima.core.tests.test_calendar_services.remember_change"]
    CHANGES.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        override = add(people.admin, D(2026, 3, 26), satker=tree.jepara)
    assert CHANGES == []  # nothing before the commit
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        remove_calendar_override(actor=people.system_admin, override=override)

    assert CHANGES == [("2026-03-26", tree.jepara.pk), ("2026-03-26", tree.jepara.pk)]
