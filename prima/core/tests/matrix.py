"""Matrix rows of core: the staff home, the working-day calendar and the evidence picker."""

import datetime as dt

from prima.core.models import CalendarOverride
from tests.permission_matrix import ADMINS, SIGNED_IN, STAFF, THIS_SATKER, Case, add, objects

JEPARA = "33.20"


def no_args(ctx):
    return []


@objects
def core_objects(ctx):
    """A closure of Jepara's office in the calendar."""
    ctx.closure = CalendarOverride.objects.create(
        satker=ctx.tree.jepara,
        date=dt.date(2026, 7, 1),
        kind="day_off",
        name="Kantor ditutup",
        legal_basis="SK Sekretaris 2/2026",
    )


add(
    Case("dashboard", "core:dashboard", no_args, SIGNED_IN),
    Case("calendar", "core:calendar", no_args, STAFF),
    Case(
        "calendar-add-closure",
        "core:calendar-override-add",
        no_args,
        ADMINS,
        method="post",
        data=lambda ctx: {
            "satker": JEPARA,
            "date": "2026-06-10",
            "kind": "day_off",
            "name": "Kantor ditutup",
            "legal_basis": "SK Sekretaris 1/2026",
        },
        denial_may_be_form_error=True,
    ),
    Case(
        "calendar-remove",
        "core:calendar-override-remove",
        lambda ctx: [ctx.closure.pk],
        ADMINS,
        method="post",
        data=lambda ctx: {},
    ),
    # Jepara's citable records: its people, the evaluator above, the system administrator.
    Case(
        "evidence-records",
        "core:evidence-records",
        no_args,
        THIS_SATKER | {"evaluator"},
        query=lambda ctx: {"satker": JEPARA, "kind": "document"},
    ),
)
