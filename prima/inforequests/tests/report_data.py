"""Report test data: request rows written directly with known dates, so the annual report's
figures (working days from receipt to notice, outcomes, objections, disputes) are known."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from prima.inforequests.choices import (
    Channel,
    Decision,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    RequesterKind,
    Status,
)
from prima.inforequests.models import Dispute, InformationRequest, Notice, Objection
from prima.organisations.tests.factories import UserFactory

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
                    decision=Decision.GRANTED_IN_PART, exemption="i",
                    notice_at=wib(2026, 2, 20, 14), signer=signer)
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
