"""The permission matrix: every staff URL, every kind of actor, allowed or denied.

Each capability adds its ``Case`` rows to ``CASES`` (in its own module below, imported at the
end). Expectations are written out here by hand, independent of the policy code, so a policy
change that widens or narrows access makes this test fail.

Actors (``people`` fixture; "this satker" is KPU Kabupaten Jepara, code 33.20):
    anonymous        not signed in
    citizen          signed in, no role anywhere
    other_employee   employee of another satker (KPU Kabupaten Kudus)
    other_admin      administrator of another satker (Kudus)
    other_evaluator  evaluator of another province (Jawa Barat)
    employee         employee of this satker
    officer          the officer of this satker for the capability (``Case.officer``)
    evaluator        evaluator of the province above (Jawa Tengah)
    admin            administrator of this satker
    system_admin     administrator of KPU RI
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ACTORS = [
    "anonymous",
    "citizen",
    "other_employee",
    "other_admin",
    "other_evaluator",
    "employee",
    "officer",
    "evaluator",
    "admin",
    "system_admin",
]

SIGNED_IN = frozenset(ACTORS) - {"anonymous"}
STAFF = SIGNED_IN - {"citizen"}
THIS_SATKER = frozenset({"employee", "officer", "admin", "system_admin"})
MANAGERS = frozenset({"officer", "admin", "system_admin"})
ADMINS = frozenset({"admin", "system_admin"})


@dataclass(frozen=True)
class Case:
    id: str
    url_name: str  # the URL name this row covers, e.g. "organisations:staff-profile"
    args: Callable  # (ctx) -> list of URL arguments
    allowed: frozenset
    method: str = "get"
    data: Callable | None = None  # (ctx) -> dict for POST
    officer: str = "head"  # which person of this satker plays "officer"
    files: bool = False
    setup: Callable | None = None  # (ctx) -> None, extra objects the case needs
    # A form may refuse a satker outside the actor's scope as an invalid choice (200 with the
    # error shown) instead of 404; the database must still be unchanged.
    denial_may_be_form_error: bool = False
    query: Callable | None = None  # (ctx) -> dict of query-string parameters
    # Text (e.g. another satker's request number) that only ``shown_to`` may see on a 200 page.
    private_text: Callable | None = None
    shown_to: frozenset = frozenset()


CASES: list[Case] = []
# URL names that have no row because they are not staff pages although under /staf/
# (none yet); each entry says why.
NOT_STAFF_URLS: dict[str, str] = {}


def add(*cases: Case) -> None:
    CASES.extend(cases)


# Each capability registers its rows.
from prima.reform.tests.matrix_new_rows import CASES as _reform_new_rows  # noqa: E402
from tests.matrix import (  # noqa: E402,F401
    catalog,
    foundation,
    inforequests,
    reform_evaluation,
    reform_staff,
)

add(*_reform_new_rows)
