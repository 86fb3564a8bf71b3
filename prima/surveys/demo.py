"""Survey demo data: KPU Kabupaten Jepara's satisfaction surveys for the four quarters of 2020
(responses from every channel, improving over the year), its follow-up plan for the weakest
elements with progress, the reform indicator fed by the quarter's IKM, and a yearly survey for
the other kabupaten/kota of Jawa Tengah so the province roll-up means something.

Jepara's surveys go through the services; responses are written in bulk (fast, seeded random).
Idempotent: when Jepara's 2020 surveys exist nothing is done again.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from prima.accounts.models import User
from prima.organisations.choices import Role
from prima.organisations.models import Membership, Satker

from . import services
from .choices import Channel, Education, FollowUpStatus, Job, PeriodKind, ServiceKey, SurveyStatus
from .elements import FIELDS
from .ikm import satker_ikm
from .models import Response, Survey

YEAR = 2020
DOMAIN = "demo.kpu.go.id"
# Per quarter: number of responses and the chance of a 4 (else a 3, some 2s) per element;
# U3 (time) and U8 (facilities) start weak and improve after the follow-up.
QUARTERS = {
    1: (96, {"u3": (0.15, 0.25), "u8": (0.10, 0.30)}, 0.35),
    2: (104, {"u3": (0.25, 0.15), "u8": (0.20, 0.20)}, 0.42),
    3: (112, {"u3": (0.35, 0.10), "u8": (0.30, 0.12)}, 0.48),
    4: (120, {"u3": (0.45, 0.05), "u8": (0.40, 0.08)}, 0.55),
}
SUGGESTIONS = [
    "Ruang tunggu mohon diberi kipas angin.",
    "Pelayanan sudah cepat, pertahankan.",
    "Informasi persyaratan sebaiknya ditempel di depan kantor.",
    "Petugas ramah dan membantu.",
    "Mohon ada layanan daring untuk cek data pemilih.",
    "Waktu tunggu permohonan informasi masih agak lama.",
]
FOLLOW_UPS = {
    1: [("U3", "Menetapkan target waktu layanan informasi satu hari kerja dan memantaunya",
         "Kasubbag Teknis dan Hupmas", dt.date(2020, 6, 30), FollowUpStatus.DONE,
         "SLA ditetapkan April 2020; rata-rata waktu layanan turun menjadi 1 hari."),
        ("U8", "Menata ruang tunggu PPID (kursi, kipas angin, papan informasi)",
         "Sekretaris", dt.date(2020, 9, 30), FollowUpStatus.DONE,
         "Ruang tunggu selesai ditata Agustus 2020.")],
    3: [("U8", "Menyediakan kios layanan mandiri dan akses Wi-Fi tamu", "Kasubbag Umum",
         dt.date(2020, 12, 31), FollowUpStatus.IN_PROGRESS, "Kios terpasang; Wi-Fi menunggu.")],
    4: [("U3", "Layanan cek data pemilih daring untuk mengurangi antrean",
         "Kasubbag Teknis dan Hupmas", dt.date(2021, 3, 31), FollowUpStatus.PLANNED, "")],
}


@dataclass
class SurveysDemoResult:
    surveys: int
    responses: int
    skipped: bool = False

    def describe(self) -> str:
        if self.skipped:
            return "Survei kepuasan: sudah ada, dilewati."
        return f"Survei kepuasan: {self.surveys} survei, {self.responses} jawaban."


def _user(local: str, full_name: str, satker: Satker, role: str) -> User:
    user = User.objects.filter(email=f"{local}@{DOMAIN}").first()
    if user is None:
        user = User.objects.create(email=f"{local}@{DOMAIN}", full_name=full_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, satker=satker, role=role,
                                     defaults={"is_active": True})
    return user


def _score(rng: random.Random, p_four: float, p_two: float = 0.05) -> int:
    roll = rng.random()
    return 4 if roll < p_four else (2 if roll > 1 - p_two else 3)


def _responses(survey: Survey, count: int, rng: random.Random, *, weak: dict, base: float,
               quarter: int, suggestions: bool) -> list[Response]:
    channels = [Channel.LINK, Channel.KIOSK, Channel.KIOSK, Channel.INVITATION, Channel.PAPER]
    services_ = survey.services
    rows = []
    for i in range(count):
        day = dt.date(YEAR, quarter * 3 - 2, 1) + dt.timedelta(days=rng.randrange(88))
        scores = {}
        for field in FIELDS:
            p_four, p_two = weak.get(field, (base, 0.03))
            scores[field] = _score(rng, p_four, p_two)
        channel = channels[i % len(channels)]
        rows.append(Response(
            survey=survey, satker_id=survey.satker_id, service=services_[i % len(services_)],
            channel=channel, answered_on=day, answered_time=dt.time(8 + i % 8, (i * 7) % 60),
            year=YEAR, quarter=quarter, sex="L" if rng.random() < 0.55 else "P",
            age=rng.randrange(18, 70), education=rng.choice(Education.values),
            job=rng.choice(Job.values),
            suggestion=rng.choice(SUGGESTIONS) if suggestions and i % 6 == 0 else "",
            idempotency_key=f"demo:{survey.pk}:{quarter}:{i}" if channel == Channel.KIOSK else None,
            **scores))
    return rows


def _reform_indicator(jepara: Satker) -> None:
    """Jepara's 2020 action plan gets an indicator fed by the quarter's IKM (source = IKM)."""
    from prima.reform.choices import Direction, RealisationSource
    from prima.reform.models import Indicator, ProgressReport, Realisation

    existing = (Indicator.objects.filter(activity__programme__plan__satker=jepara,
                                         activity__programme__plan__year=YEAR,
                                         activity__programme__plan__is_template=False,
                                         name__icontains="kepuasan").order_by("pk").first())
    if existing is None:
        return
    indicator, _created = Indicator.objects.get_or_create(
        activity=existing.activity, name="IKM layanan informasi (skala 25–100)",
        defaults={"unit": "indeks", "direction": Direction.HIGHER, "baseline": Decimal(75),
                  "target": Decimal(85), "target_q1": Decimal(78), "target_q2": Decimal(80),
                  "target_q3": Decimal(82), "target_q4": Decimal(85), "weight": Decimal(0),
                  "order": existing.order + 1, "source": RealisationSource.IKM})
    for report in ProgressReport.objects.filter(plan=existing.activity.programme.plan):
        Realisation.objects.update_or_create(
            report=report, indicator=indicator,
            defaults={"value": satker_ikm(jepara, YEAR, report.quarter),
                      "note": "IKM survei kepuasan masyarakat"})


@transaction.atomic
def load_surveys_demo() -> SurveysDemoResult:
    jepara = Satker.objects.get(code="33.20")
    if Survey.objects.filter(satker=jepara, year=YEAR).exists():
        return SurveysDemoResult(0, 0, skipped=True)
    ppid = _user("ppid-jepara", "Agus Setiawan", jepara, Role.PPID)
    rng = random.Random(3320)  # noqa: S311 - demo data, not security
    made, total = 0, 0
    for quarter, (count, weak, base) in QUARTERS.items():
        survey = services.create_survey(
            satker=jepara, actor=ppid, title=f"SKM Triwulan {quarter} {YEAR}",
            period_kind=PeriodKind.QUARTER, year=YEAR, period_number=quarter,
            services=[ServiceKey.INFORMATION_REQUEST, ServiceKey.DATA_REQUEST,
                      ServiceKey.VOTER_CHECK, ServiceKey.VISIT],
            population=150 + 10 * quarter)
        survey = services.open_survey(survey=survey, actor=ppid)
        rows = _responses(survey, count, rng, weak=weak, base=base, quarter=quarter,
                          suggestions=True)
        Response.objects.bulk_create(rows)
        total += len(rows)
        for element, action, owner, deadline, status, progress in FOLLOW_UPS.get(quarter, []):
            services.save_follow_up(survey=survey, actor=ppid, element=element, action=action,
                                    owner=owner, deadline=deadline, status=status,
                                    progress=progress)
        services.close_survey(survey=survey, actor=ppid)
        made += 1
    # The other kabupaten/kota of Jawa Tengah: a yearly survey each, closed (bulk).
    others = Satker.objects.filter(parent__code="33").exclude(pk=jepara.pk).order_by("code")
    for index, satker in enumerate(others):
        survey = Survey.objects.create(
            satker=satker, title=f"SKM {YEAR}", period_kind=PeriodKind.YEAR, year=YEAR,
            period_number=1, services=[ServiceKey.INFORMATION_REQUEST, ServiceKey.VOTER_CHECK],
            status=SurveyStatus.CLOSED, population=100)
        rows = []
        for quarter in (1, 2, 3, 4):
            rows += _responses(survey, 10, rng, weak={}, base=0.2 + (index % 7) * 0.08,
                               quarter=quarter, suggestions=False)
        Response.objects.bulk_create(rows)
        total += len(rows)
        made += 1
    # The survey of the current quarter, open, so the demo questionnaire takes answers today.
    today = timezone.localdate()
    current = services.create_survey(
        satker=jepara, actor=ppid, title=f"SKM Triwulan {services.quarter_of(today)} "
        f"{today.year}", period_kind=PeriodKind.QUARTER, year=today.year,
        period_number=services.quarter_of(today),
        services=[ServiceKey.INFORMATION_REQUEST, ServiceKey.DATA_REQUEST,
                  ServiceKey.VOTER_CHECK, ServiceKey.VISIT], population=180)
    services.open_survey(survey=current, actor=ppid)
    _reform_indicator(jepara)
    return SurveysDemoResult(made + 1, total)
