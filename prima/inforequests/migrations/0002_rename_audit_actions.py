"""Rename the recorded audit actions of information requests to ``inforequests.<object>_<verb>``.

The audit trail refuses updates through the model, so the rows are renamed with SQL; the
migration is reversible (the old names are put back).
"""

from django.db import migrations

RENAMED = {
    "inforequest_registered": "inforequests.request_registered",
    "inforequest_assigned": "inforequests.request_assigned",
    "inforequest_note_added": "inforequests.note_added",
    "inforequest_clarification_asked": "inforequests.clarification_asked",
    "inforequest_clarification_answered": "inforequests.clarification_answered",
    "inforequest_extended": "inforequests.request_extended",
    "inforequest_decided": "inforequests.request_decided",
    "inforequest_notice_issued": "inforequests.notice_issued",
    "inforequest_file_added": "inforequests.file_added",
    "inforequest_delivered": "inforequests.request_delivered",
    "inforequest_withdrawn": "inforequests.request_withdrawn",
    "objection_filed": "inforequests.objection_filed",
    "objection_decided": "inforequests.objection_decided",
    "objection_requester_response": "inforequests.requester_response_recorded",
    "dispute_recorded": "inforequests.dispute_recorded",
    "consequence_test_created": "inforequests.consequence_test_created",
    "information_list_created": "inforequests.dip_entry_created",
    "information_list_updated": "inforequests.dip_entry_updated",
    "information_list_deleted": "inforequests.dip_entry_deleted",
}


def _rename(schema_editor, pairs) -> None:
    with schema_editor.connection.cursor() as cursor:
        for old, new in pairs:
            cursor.execute("UPDATE core_auditevent SET action = %s WHERE action = %s", [new, old])


def forwards(apps, schema_editor):
    _rename(schema_editor, RENAMED.items())


def backwards(apps, schema_editor):
    _rename(schema_editor, ((new, old) for old, new in RENAMED.items()))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_add_sequence"),
        ("inforequests", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
