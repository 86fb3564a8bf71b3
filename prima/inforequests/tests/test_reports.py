"""Annual report figures on a fixed set of requests with known outcomes and dates."""

import datetime as dt

from prima.core.models import CalendarOverride
from prima.inforequests.choices import (
    Decision,
    DisputeOutcome,
    Status,
)
from prima.inforequests.reports import annual_report, per_unit_rows, scope_of
from prima.inforequests.tests.report_data import TODAY, add_request, wib
from prima.organisations.tests.factories import SatkerFactory


def tally(items):
    return {t.key: t.count for t in items}


def test_satker_report_counts_its_own_requests_of_the_year(tree, report_data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.total == 5
    assert report.decided == 3
    assert report.open == 1
    assert report.overdue == 1
    assert tally(report.by_channel) == {"web": 2, "api": 0, "email": 1, "letter": 1,
                                        "phone": 0, "walk_in": 1}
    assert tally(report.by_requester_kind) == {"individual": 4, "entity": 1, "group": 0,
                                               "proxy": 0}
    assert [t.count for t in report.by_month] == [1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert tally(report.outcomes) == {"granted": 1, "granted_in_part": 1, "refused": 1,
                                      "not_held": 0, "not_documented": 0, "withdrawn": 1}
    assert tally(report.refusals_by_exemption)["h"] == 1
    # The withheld part of the grant in part (letter i) counts as refused by reason too.
    assert tally(report.refusals_by_exemption)["i"] == 1
    assert sum(tally(report.refusals_by_exemption).values()) == 2


def test_satker_report_time_to_fulfil_in_working_days(tree, report_data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.fulfilment.count == 3
    assert report.fulfilment.mean == 6.3  # (5 + 6 + 8) / 3
    assert report.fulfilment.median == 6.0
    assert report.fulfilment.maximum == 8


def test_notice_time_is_read_in_the_satker_time_zone(tree, report_data):
    report = annual_report(satkers=scope_of(tree.kudus), year=2026, today=TODAY)

    # 7 Jan 23:30 UTC is 8 Jan 06:30 WIB: 6, 7 and 8 January.
    assert report.fulfilment.maximum == 3
    assert report.outcome(Decision.NOT_HELD) == 1


def test_satker_closure_counts_in_time_to_fulfil(tree, report_data):
    CalendarOverride.objects.create(date=dt.date(2026, 2, 4), kind="day_off",
                                    name="Kantor tutup", legal_basis="SK 1/2026",
                                    satker=tree.jepara)

    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.fulfilment.mean == 6.0  # (4 + 6 + 8) / 3
    assert report.fulfilment.maximum == 8


def test_objections_and_disputes(tree, report_data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.objections == 2
    assert tally(report.objections_by_ground) == {"a": 1, "b": 0, "c": 0, "d": 1, "e": 0,
                                                  "f": 1, "g": 0}
    assert tally(report.objections_by_outcome) == {"upheld": 0, "upheld_in_part": 0,
                                                   "rejected": 1, "": 1}
    assert report.disputes == 1
    assert tally(report.disputes_by_outcome)[DisputeOutcome.PENDING] == 1


def test_province_rolls_up_itself_and_its_kabupaten_kota(tree, report_data):
    report = annual_report(satkers=scope_of(tree.jateng), year=2026, today=TODAY)

    assert report.total == 7
    assert report.decided == 5
    assert report.fulfilment.mean == 6.2  # (5 + 6 + 8 + 3 + 9) / 5
    assert report.fulfilment.median == 6.0
    assert report.fulfilment.maximum == 9
    assert tally(report.refusals_by_exemption)["a"] == 1
    assert tally(report.refusals_by_exemption)["h"] == 1
    assert tally(report.by_channel)["api"] == 1
    assert report.objections == 2


def test_kabupaten_report_excludes_the_province(tree, report_data):
    report = annual_report(satkers=scope_of(tree.kudus), year=2026, today=TODAY)

    assert report.total == 1
    assert report.objections == 0
    assert report.disputes == 0


def test_national_report_covers_everything(tree, report_data):
    report = annual_report(satkers=scope_of(tree.root), year=2026, today=TODAY)

    assert report.total == 8
    assert report.fulfilment.mean == 5.3  # 32 / 6
    assert report.fulfilment.median == 5.5
    assert report.fulfilment.maximum == 9


def test_previous_year_is_separate(tree, report_data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2025, today=TODAY)

    assert report.total == 1
    assert report.fulfilment.maximum == 1
    assert report.objections == 0


def test_empty_year_has_no_time_to_fulfil(tree):
    report = annual_report(satkers=scope_of(tree.root), year=2024, today=TODAY)

    assert report.total == 0
    assert report.fulfilment.count == 0
    assert report.fulfilment.mean is None
    assert report.fulfilment.maximum is None


def test_annual_report_query_count_is_bounded(tree, report_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        annual_report(satkers=scope_of(tree.root), year=2026, today=TODAY)


def test_per_unit_rows_of_a_province(tree, report_data):
    rows = per_unit_rows(tree.jateng, 2026, today=TODAY)

    assert [(r.satker.code, r.is_self) for r in rows] == [
        ("33", True), ("33.19", False), ("33.20", False)]
    own, kudus, jepara = rows
    assert (own.total, own.refused, own.fulfilment.maximum) == (1, 1, 9)
    assert (kudus.total, kudus.not_held, kudus.fulfilment.mean) == (1, 1, 3.0)
    assert (jepara.total, jepara.decided, jepara.granted, jepara.granted_in_part,
            jepara.refused, jepara.withdrawn, jepara.open, jepara.overdue,
            jepara.objections) == (5, 3, 1, 1, 1, 1, 1, 1, 2)
    assert jepara.fulfilment.mean == 6.3


def test_per_unit_rows_of_the_nation_roll_up_provinces(tree, report_data):
    rows = per_unit_rows(tree.root, 2026, today=TODAY)

    assert [(r.satker.code, r.total, r.objections) for r in rows] == [
        ("0", 0, 0), ("32", 1, 0), ("33", 7, 2), ("91", 0, 0)]
    assert rows[2].fulfilment.mean == 6.2


def test_per_unit_rows_query_count_does_not_grow_with_units(tree, report_data,
                                                             django_assert_max_num_queries):
    for n in range(20):
        unit = SatkerFactory(code=f"33.{50 + n}", name=f"KPU Uji {n}", parent=tree.jateng)
        add_request(unit, wib(2026, 2, 2, 9), status=Status.DECIDED,
                    decision=Decision.GRANTED, notice_at=wib(2026, 2, 5, 9),
                    signer=report_data.signer)

    with django_assert_max_num_queries(6):
        rows = per_unit_rows(tree.jateng, 2026, today=TODAY)

    assert len(rows) == 23
    assert rows[-1].fulfilment.maximum == 3
