"""Matrix rows of the test-only capability (loaded by its tests, never by the main matrix)."""

from tests.permission_matrix import MANAGERS, THIS_SATKER, Case, add

add(
    Case("fixture-staff", "fixture_capability:staff", lambda ctx: ["33.20"],
         THIS_SATKER | {"evaluator"}),
    Case("fixture-check", "fixture_capability:staff-check", lambda ctx: ["33.20"], MANAGERS,
         method="post"),
)
