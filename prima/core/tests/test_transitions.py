"""Status transitions: locked, checked, saved and audited in one step."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from prima.core.models import AuditEvent
from prima.core.transitions import transition
from prima.organisations.choices import TimeZone


@pytest.mark.django_db
def test_transition_changes_state_and_records_the_change(tree, people):
    satker = tree.jepara
    with transaction.atomic():
        moved = transition(satker, actor=people.admin, field="timezone",
                           allowed_from=[TimeZone.WIB], to=TimeZone.WITA,
                           action="core.test_moved", changes={"phone": "0291-1"})

    satker.refresh_from_db()
    assert (satker.timezone, satker.phone, moved.timezone) == (TimeZone.WITA, "0291-1",
                                                               TimeZone.WITA)
    event = AuditEvent.objects.get(action="core.test_moved")
    assert event.changes["timezone"] == [TimeZone.WIB, TimeZone.WITA]
    assert event.changes["phone"] == ["", "0291-1"]
    assert event.actor == people.admin


@pytest.mark.django_db
def test_transition_from_a_wrong_state_changes_nothing(tree, people):
    satker = tree.jepara
    with pytest.raises(ValidationError) as info, transaction.atomic():
        transition(satker, actor=people.admin, field="timezone",
                   allowed_from=[TimeZone.WIT], to=TimeZone.WITA, action="core.test_moved")

    assert info.value.code == "wrong_status"
    satker.refresh_from_db()
    assert satker.timezone == TimeZone.WIB
    assert not AuditEvent.objects.filter(action="core.test_moved").exists()
