"""Assessment demo data: KPU Kabupaten Jepara's integrity-zone worksheet (LKE ZI, PermenPANRB
90/2021) for 2021, filled by its team, verified and finalised by the Jawa Tengah evaluator, with
its WBK/WBBM eligibility; and the 2021 PMPRB (PermenPANRB 26/2020) of ten KPU Provinsi,
verified by KPU RI, so that the national comparison means something (reform-evaluation.md:
in 2021, 10 KPU Provinsi took part).

Answers are written per item and scored once through ``services.rescore`` (the same engine as
the pages). Idempotent: when Jepara's 2021 worksheet exists nothing is done again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from prima.accounts.models import User
from prima.organisations.choices import Level, Role
from prima.organisations.models import Membership, Satker

from . import scoring, services
from .choices import Kind, Status
from .models import Answer, Assessment

DOMAIN = "demo.kpu.go.id"
YEAR = 2021

# Jepara's self answers that differ from the best option, and the evaluator's corrections.
JEPARA_SELF = {"mp_tim_seleksi": "B", "mp_budaya": "B", "tl_spbe_kinerja": "B",
               "tl_kip_monev": "B", "sdm_kinerja_ukur": "B", "pw_spip": "B",
               "pw_benturan": "B", "pl_ti": "B", "p5_reform_dampak": "B",
               "sdm_diklat_ikut": "31", "sdm_pegawai": "34", "ak_realisasi": "1874250000",
               "ak_pagu": "1962000000", "pw_dumas_masuk": "12", "pw_dumas_selesai": "12",
               "hasil_ipak": "3.62", "hasil_ipkp": "3.41", "hasil_kinerja_realisasi": "96",
               "hasil_kinerja_target": "100"}
JEPARA_EVALUATOR = {
    "mp_budaya": ("C", "Dokumentasi penerapan budaya kerja baru sebagian."),
    "pw_spip": ("C", "Register risiko belum mencakup seluruh proses bisnis."),
    "pw_benturan": ("C", "Identifikasi benturan kepentingan belum dilakukan tiap bidang."),
    "pw_wbs": ("Tidak", "SK WBS belum disosialisasikan kepada masyarakat."),
    "p5_reform_capaian": ("70", "Capaian target reform pengawasan 70% menurut laporan."),
    "hasil_ipak": ("3.58", "Nilai survei IPAK hasil olah ulang tim penilai internal."),
}


@dataclass
class AssessmentDemoResult:
    jepara_self: object = None
    jepara_evaluator: object = None
    eligible: str = ""
    provinces: int = 0
    skipped: bool = False

    def describe(self) -> str:
        if self.skipped:
            return "Penilaian mandiri: data demo sudah ada."
        return (f"Penilaian mandiri: LKE ZI Jepara {YEAR} nilai mandiri {self.jepara_self}, "
                f"nilai evaluator {self.jepara_evaluator} ({self.eligible}); PMPRB {YEAR} "
                f"{self.provinces} KPU Provinsi.")


def _user(local: str, full_name: str, satker: Satker, role: str) -> User:
    user = User.objects.filter(email=f"{local}@{DOMAIN}").first()
    if user is None:
        user = User.objects.create(email=f"{local}@{DOMAIN}", full_name=full_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, satker=satker, role=role,
                                     defaults={"is_active": True})
    return user


def _best(item) -> str:
    if item.codes:
        return item.codes[0]
    return {"percent": "100", "index": "3.5", "number": "100"}[item.answer]


def _fill(assessment: Assessment, mine: dict[str, str], theirs: dict[str, tuple[str, str]],
          actor) -> Assessment:
    """Write every entered item's answers in bulk, then score once."""
    sheet = assessment.sheet
    placement = sheet.placement()
    rows = []
    for item in sheet.items:
        if item.computed:
            continue
        answer = mine.get(item.key, _best(item))
        evaluator, note = theirs.get(item.key, ("", ""))
        rows.append(Answer(assessment=assessment, item_key=item.key,
                           area=placement[item.key][0].code, self_answer=answer,
                           self_note="Data dukung terlampir." if item.evidence else "",
                           evaluator_answer=evaluator if evaluator != answer else "",
                           evaluator_note=note, version=1, updated_by=actor,
                           evidence_count=1 if item.evidence and random.random() < 0.8 else 0))
    Answer.objects.bulk_create(rows)
    return services.rescore(assessment)


def _close(assessment: Assessment, evaluator) -> None:
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Status.FINAL, submitted_at=now, finalised_at=now, finalised_by=evaluator)


@transaction.atomic
def load_assessments_demo() -> AssessmentDemoResult:
    jepara = Satker.objects.get(code="33.20")
    if Assessment.objects.filter(satker=jepara, year=YEAR, kind=Kind.ZI).exists():
        return AssessmentDemoResult(skipped=True)
    random.seed(2021)
    jateng = Satker.objects.get(code="33")
    root = Satker.objects.get(level=Level.NATIONAL)
    team = _user("tim-rb-jepara", "Yusuf Maulana", jepara, Role.REFORM)
    evaluator = _user("evaluator-jateng", "Wulan Permatasari", jateng, Role.EVALUATOR)
    national = _user("evaluator-kpu-ri", "Bambang Hartono", root, Role.EVALUATOR)

    zi = services.start_assessment(satker=jepara, year=YEAR, kind=Kind.ZI, actor=None)
    zi = _fill(zi, JEPARA_SELF, JEPARA_EVALUATOR, team)
    _close(zi, evaluator)
    zi.refresh_from_db()
    rows = list(zi.answers.all())
    result = scoring.score(zi.sheet, services.answers_of(rows, "evaluator"))
    eligible = [e.label for e in scoring.eligibility(zi.sheet, result) if e.eligible]

    provinces = list(Satker.objects.filter(level=Level.PROVINCE).order_by("code")[:10])
    if jateng not in provinces:
        provinces[-1] = jateng
    for province in provinces:
        assessment = services.start_assessment(satker=province, year=YEAR, kind=Kind.RB,
                                               actor=None)
        sheet = assessment.sheet
        mine, theirs = {}, {}
        for item in sheet.items:
            if item.computed:
                continue
            if item.codes:
                mine[item.key] = random.choice(item.codes[: max(2, len(item.codes) - 1)])
                if random.random() < 0.2:
                    lower = item.codes[min(item.codes.index(mine[item.key]) + 1,
                                           len(item.codes) - 1)]
                    theirs[item.key] = (lower, "Data dukung belum lengkap.")
            elif item.answer == "index":
                mine[item.key] = str(round(random.uniform(3.0, 3.8), 2))
            elif item.answer == "percent":
                mine[item.key] = str(random.randint(60, 100))
        for item in sheet.items:  # formula inputs: indicators and how many were met
            if item.formula:
                names = sorted(scoring.formulas.names(item.formula))
                total = random.randint(4, 12)
                for name in names:
                    mine[name] = str(total)
                mine[names[-1] if "tercapai" in names[-1] or "selesai" in names[-1]
                     else names[0]] = str(random.randint(total // 2, total))
        _close(_fill(assessment, mine, theirs, None), national)
    return AssessmentDemoResult(zi.self_total, zi.evaluator_total,
                                ", ".join(eligible) or "belum memenuhi syarat predikat",
                                len(provinces))
