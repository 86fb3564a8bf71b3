"""Annual report figures on a fixed set of requests with known outcomes and dates."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from prima.core.models import CalendarOverride
from prima.inforequests.choices import (
    Channel,
    Decision,
    DisputeOutcome,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    RequesterKind,
    Status,
)
from prima.inforequests.models import Dispute, InformationRequest, Notice, Objection
from prima.inforequests.reports import annual_report, per_unit_rows, scope_of
from prima.organisations.tests.factories import SatkerFactory, UserFactory

WIB = ZoneInfo("Asia/Jakarta")
UTC = ZoneInfo("UTC")
TODAY = dt.date(2026, 6, 1)


def wib(*args):
    return dt.datetime(*args, tzinfo=WIB)


def add_request(satker, received_at, *, channel=Channel.WEB, kind=RequesterKind.INDIVIDUAL,
                status=Status.REGISTERED, decision="", due_date=None, notice_at=None,
                exemption="", signer=None, year=None, **fields):
    """A request row written directly, so its dates are exactly those of the test."""
    year = year or received_at.year
    sequence = InformationRequest.objects.filter(satker=satker, year=year).count() + 1
    received_on = received_at.astimezone(WIB).date()
    request = InformationRequest.objects.create(
        satker=satker, year=year, sequence=sequence,
        number=f"{sequence:04d}/PPID/{satker.code}/{year}", channel=channel,
        requester_kind=kind, full_name=fields.pop("full_name", "Siti Rahma"),
        nik=fields.pop("nik", "3320011234567890"),
        address=fields.pop("address", "Jl. Kartini 12, Jepara"),
        phone=fields.pop("phone", "081234567890"), email=fields.pop("email", "siti@contoh.id"),
        occupation="Peneliti",
        information_requested=fields.pop("information_requested", "Rekap DPT Pemilu 2024"),
        purpose=fields.pop("purpose", "Penelitian"), obtain_method=ObtainMethod.COPY,
        copy_form="soft", delivery_method="download", status=status, decision=decision,
        received_at=received_at, received_on=received_on,
        due_date=due_date or received_on + dt.timedelta(days=14),
        tracking_secret_hash="0" * 64, decided_at=notice_at, **fields,
    )
    if notice_at is not None:
        Notice.objects.create(
            request=request, decision=decision, is_held=decision != Decision.NOT_HELD,
            exemption=exemption, signed_by_name="PPID Jepara", signed_by_title="PPID",
            issued_at=notice_at, pdf="inforequests/notice.pdf", sha256="0" * 64,
            created_by=signer or UserFactory(),
        )
    return request


def add_objection(request, *, grounds, outcome="", filed_at=None):
    year = request.year
    sequence = Objection.objects.filter(satker=request.satker, year=year).count() + 1
    filed_at = filed_at or wib(2026, 4, 6, 10)
    return Objection.objects.create(
        request=request, satker=request.satker, year=year, sequence=sequence,
        number=f"{sequence:04d}/KEB/{request.satker.code}/{year}", grounds=grounds,
        case_description="Informasi tidak diberikan.", filed_at=filed_at,
        received_on=filed_at.date(), due_date=filed_at.date() + dt.timedelta(days=42),
        status=ObjectionStatus.DECIDED if outcome else ObjectionStatus.FILED, outcome=outcome,
        decider_name="Sekretaris Jepara" if outcome else "",
        decider_title="Atasan PPID" if outcome else "",
        decided_at=wib(2026, 4, 20, 10) if outcome else None,
    )


def build_report_data(tree):
    """Known figures (working days from receipt to notice, WIB calendar of 2026).

    Jepara: A 5 WD, B 6 WD (16-17 Feb Imlek off), C 8 WD (18-24 Mar Nyepi/Idul Fitri off),
    D open and overdue, E withdrawn; one request of 2025. Kudus: F 3 WD (notice at 23:30 UTC
    is the next morning in WIB). Jawa Tengah itself: G 9 WD (16 Jan off). Bogor: H 1 WD.
    """
    signer = UserFactory(full_name="PPID Jepara")
    jepara, kudus = tree.jepara, tree.kudus
    a = add_request(jepara, wib(2026, 2, 2, 9), status=Status.DELIVERED,
                    decision=Decision.GRANTED, notice_at=wib(2026, 2, 9, 10), signer=signer)
    b = add_request(jepara, wib(2026, 2, 10, 9), channel=Channel.EMAIL,
                    kind=RequesterKind.ENTITY, status=Status.DECIDED,
                    decision=Decision.GRANTED_IN_PART, notice_at=wib(2026, 2, 20, 14),
                    signer=signer)
    c = add_request(jepara, wib(2026, 3, 16, 9), status=Status.DECIDED,
                    decision=Decision.REFUSED, exemption="h", notice_at=wib(2026, 4, 2, 9),
                    signer=signer)
    d = add_request(jepara, wib(2026, 1, 5, 9), channel=Channel.WALK_IN,
                    status=Status.IN_PROGRESS, due_date=dt.date(2026, 1, 19))
    e = add_request(jepara, wib(2026, 4, 6, 9), channel=Channel.LETTER,
                    status=Status.WITHDRAWN, decision=Decision.WITHDRAWN)
    old = add_request(jepara, wib(2025, 12, 1, 9), status=Status.DECIDED,
                      decision=Decision.GRANTED, notice_at=wib(2025, 12, 2, 9), signer=signer)
    f = add_request(kudus, wib(2026, 1, 5, 9), kind=RequesterKind.GROUP, status=Status.DECIDED,
                    decision=Decision.NOT_HELD,
                    notice_at=dt.datetime(2026, 1, 7, 23, 30, tzinfo=UTC), signer=signer)
    g = add_request(tree.jateng, wib(2026, 1, 12, 9), channel=Channel.API,
                    kind=RequesterKind.PROXY, status=Status.DECIDED, decision=Decision.REFUSED,
                    exemption="a", notice_at=wib(2026, 1, 26, 11), signer=signer)
    h = add_request(tree.bogor, wib(2026, 2, 2, 9), status=Status.DELIVERED,
                    decision=Decision.GRANTED, notice_at=wib(2026, 2, 3, 9), signer=signer)
    objection_c = add_objection(c, grounds=["a"], outcome=ObjectionOutcome.REJECTED)
    objection_b = add_objection(b, grounds=["d", "f"])
    Dispute.objects.create(objection=objection_c, filed_on=dt.date(2026, 4, 27),
                           deadline=dt.date(2026, 5, 11), commission="Komisi Informasi Jateng",
                           recorded_by=signer)
    return SimpleNamespace(a=a, b=b, c=c, d=d, e=e, old=old, f=f, g=g, h=h,
                           objection_b=objection_b, objection_c=objection_c, signer=signer)


@pytest.fixture
def data(tree):
    return build_report_data(tree)


def tally(items):
    return {t.key: t.count for t in items}


def test_satker_report_counts_its_own_requests_of_the_year(tree, data):
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
    assert sum(tally(report.refusals_by_exemption).values()) == 1


def test_satker_report_time_to_fulfil_in_working_days(tree, data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.fulfilment.count == 3
    assert report.fulfilment.mean == 6.3  # (5 + 6 + 8) / 3
    assert report.fulfilment.median == 6.0
    assert report.fulfilment.maximum == 8


def test_notice_time_is_read_in_the_satker_time_zone(tree, data):
    report = annual_report(satkers=scope_of(tree.kudus), year=2026, today=TODAY)

    # 7 Jan 23:30 UTC is 8 Jan 06:30 WIB: 6, 7 and 8 January.
    assert report.fulfilment.maximum == 3
    assert report.outcome(Decision.NOT_HELD) == 1


def test_satker_closure_counts_in_time_to_fulfil(tree, data):
    CalendarOverride.objects.create(date=dt.date(2026, 2, 4), kind="day_off",
                                    name="Kantor tutup", legal_basis="SK 1/2026",
                                    satker=tree.jepara)

    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.fulfilment.mean == 6.0  # (4 + 6 + 8) / 3
    assert report.fulfilment.maximum == 8


def test_objections_and_disputes(tree, data):
    report = annual_report(satkers=scope_of(tree.jepara), year=2026, today=TODAY)

    assert report.objections == 2
    assert tally(report.objections_by_ground) == {"a": 1, "b": 0, "c": 0, "d": 1, "e": 0,
                                                  "f": 1, "g": 0}
    assert tally(report.objections_by_outcome) == {"upheld": 0, "upheld_in_part": 0,
                                                   "rejected": 1, "": 1}
    assert report.disputes == 1
    assert tally(report.disputes_by_outcome)[DisputeOutcome.PENDING] == 1


def test_province_rolls_up_itself_and_its_kabupaten_kota(tree, data):
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


def test_kabupaten_report_excludes_the_province(tree, data):
    report = annual_report(satkers=scope_of(tree.kudus), year=2026, today=TODAY)

    assert report.total == 1
    assert report.objections == 0
    assert report.disputes == 0


def test_national_report_covers_everything(tree, data):
    report = annual_report(satkers=scope_of(tree.root), year=2026, today=TODAY)

    assert report.total == 8
    assert report.fulfilment.mean == 5.3  # 32 / 6
    assert report.fulfilment.median == 5.5
    assert report.fulfilment.maximum == 9


def test_previous_year_is_separate(tree, data):
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


def test_annual_report_query_count_is_bounded(tree, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        annual_report(satkers=scope_of(tree.root), year=2026, today=TODAY)


def test_per_unit_rows_of_a_province(tree, data):
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


def test_per_unit_rows_of_the_nation_roll_up_provinces(tree, data):
    rows = per_unit_rows(tree.root, 2026, today=TODAY)

    assert [(r.satker.code, r.total, r.objections) for r in rows] == [
        ("0", 0, 0), ("32", 1, 0), ("33", 7, 2), ("91", 0, 0)]
    assert rows[2].fulfilment.mean == 6.2


def test_per_unit_rows_query_count_does_not_grow_with_units(tree, data,
                                                             django_assert_max_num_queries):
    for n in range(20):
        unit = SatkerFactory(code=f"33.{50 + n}", name=f"KPU Uji {n}", parent=tree.jateng)
        add_request(unit, wib(2026, 2, 2, 9), status=Status.DECIDED,
                    decision=Decision.GRANTED, notice_at=wib(2026, 2, 5, 9),
                    signer=data.signer)

    with django_assert_max_num_queries(6):
        rows = per_unit_rows(tree.jateng, 2026, today=TODAY)

    assert len(rows) == 23
    assert rows[-1].fulfilment.maximum == 3
