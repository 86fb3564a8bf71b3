"""Reform demo data: KPU Kabupaten Jepara's 2020 reform team (by SK) and action plan under
SK No. 35/2020 with four quarters of progress, evidence and the Jawa Tengah evaluator's review;
the "Rabu Ingin Tahu" weekly online sessions of KPU Provinsi Jawa Tengah with attendance; and
generated 2020 plans with varied progress for the other 34 kabupaten/kota of Jawa Tengah, so that
the province comparison means something.

Jepara goes through the services (so versions, audit events and states are real); the other
kabupaten/kota are written in bulk (fast). Idempotent: when Jepara's 2020 plan exists nothing is
done again. Needs the satker tree (``seed_satkers``); takes the demo users by email and creates
fallbacks when they are missing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from prima.accounts.models import User
from prima.core import uploads
from prima.organisations import services as org_services
from prima.organisations.choices import DocumentKind, Level, Role
from prima.organisations.models import Division, Document, Membership, Satker
from prima.reform import services
from prima.reform.choices import (
    Direction,
    EventMode,
    PlanStatus,
    ReportStatus,
    TeamRole,
)
from prima.reform.models import (
    ActionPlan,
    Activity,
    AreaOfChange,
    Indicator,
    Programme,
    ProgressReport,
    Realisation,
    Recommendation,
    ReformTeam,
    ReviewComment,
    SocialisationEvent,
)
from prima.reform.querysets import report_due_date

DOMAIN = "demo.kpu.go.id"
YEAR = 2020
H, L = Direction.HIGHER, Direction.LOWER
TZ = dt.timezone(dt.timedelta(hours=7))  # WIB

# (area, programme, [(activity, output, quarters, budget, division index,
#   [(indicator, unit, direction, baseline, target, quarterly targets, realisations per quarter)])])
JEPARA_PLAN = [
    (1, "Penguatan manajemen perubahan", [
        ("Penetapan dan pembinaan agen perubahan", "SK agen perubahan dan laporan kegiatan",
         [1, 2, 3, 4], 7_500_000, 2, [
             ("Agen perubahan yang ditetapkan", "orang", H, 0, 10, (10, 10, 10, 10),
              (10, 10, 10, 10)),
             ("Kegiatan agen perubahan yang terlaksana", "kegiatan", H, 0, 12, (3, 6, 9, 12),
              (2, 5, 9, 12)),
         ]),
        ("Internalisasi reformasi birokrasi kepada pegawai", "Pegawai memahami program RB",
         [1, 2, 3, 4], 5_000_000, 2, [
             ("Pegawai yang mengikuti internalisasi RB", "%", H, 40, 100, (25, 50, 75, 100),
              (30, 55, 80, 100)),
         ]),
    ]),
    (2, "Deregulasi kebijakan internal", [
        ("Identifikasi dan evaluasi kebijakan internal", "Daftar kebijakan yang dievaluasi",
         [1, 2], 2_500_000, 4, [
             ("Kebijakan internal yang dievaluasi", "dokumen", H, 0, 4, (1, 2, 4, 4),
              (1, 2, 3, 4)),
         ]),
        ("Penyederhanaan SOP administrasi", "SOP administrasi yang diperbarui", [2, 3],
         3_000_000, 4, [
             ("SOP administrasi yang diperbarui", "dokumen", H, 0, 6, (0, 2, 4, 6),
              (0, 1, 3, 6)),
         ]),
    ]),
    (3, "Penataan organisasi", [
        ("Evaluasi kelembagaan dan uraian tugas", "Laporan evaluasi kelembagaan", [2, 3],
         2_000_000, 0, [
             ("Laporan evaluasi kelembagaan", "dokumen", H, 0, 1, (0, 0, 1, 1), (0, 0, 1, 1)),
         ]),
        ("Pemetaan proses bisnis antarsubbagian", "Peta proses bisnis", [1, 2], 2_500_000, 3, [
            ("Peta proses bisnis yang ditetapkan", "dokumen", H, 0, 1, (0, 1, 1, 1),
             (0, 1, 1, 1)),
        ]),
    ]),
    (4, "Penataan tata laksana berbasis elektronik", [
        ("Penerapan persuratan elektronik", "Persuratan dan disposisi elektronik",
         [1, 2, 3, 4], 12_000_000, 3, [
             ("Surat keluar yang diproses secara elektronik", "%", H, 20, 80, (30, 50, 65, 80),
              (25, 45, 66, 82)),
             ("Waktu penyelesaian disposisi surat", "hari", L, 5, 2, (4, 3, 3, 2),
              (4, 3, 2, 2)),
         ]),
        ("Keterbukaan data dan informasi secara daring", "Katalog data terbuka", [1, 2, 3, 4],
         6_000_000, 3, [
             ("Dataset yang dipublikasikan", "dataset", H, 5, 30, (8, 15, 22, 30),
              (9, 14, 23, 31)),
         ]),
    ]),
    (5, "Penataan sistem manajemen SDM aparatur", [
        ("Pengembangan kompetensi pegawai", "Pegawai mengikuti pelatihan", [2, 3, 4],
         15_000_000, 2, [
             ("Pegawai yang mengikuti pengembangan kompetensi 20 JP", "%", H, 35, 80,
              (20, 40, 60, 80), (15, 30, 55, 78)),
         ]),
        ("Penilaian kinerja pegawai berbasis SKP", "SKP seluruh pegawai", [1, 4], 1_500_000,
         0, [
             ("Pegawai dengan SKP tepat waktu", "%", H, 70, 100, (100, 100, 100, 100),
              (92, 100, 100, 100)),
             ("Keterlambatan penyampaian SKP", "hari", L, 10, 1, None, (6, 2, 1, 1)),
         ]),
    ]),
    (6, "Penguatan akuntabilitas kinerja", [
        ("Penyusunan dokumen SAKIP", "Renja, perjanjian kinerja dan LKjIP", [1, 4], 4_000_000,
         3, [
             ("Dokumen SAKIP yang tersusun tepat waktu", "dokumen", H, 2, 4, (2, 3, 3, 4),
              (2, 3, 3, 4)),
         ]),
        ("Monitoring capaian kinerja triwulanan", "Laporan monitoring kinerja", [1, 2, 3, 4],
         2_000_000, 3, [
             ("Laporan capaian kinerja triwulanan", "dokumen", H, 0, 4, (1, 2, 3, 4),
              (1, 2, 3, 4)),
         ]),
    ]),
    (7, "Penguatan pengawasan dan integritas", [
        ("Pembangunan zona integritas", "Pencanangan ZI dan pakta integritas", [1, 2],
         5_000_000, 4, [
             ("Pegawai yang menandatangani pakta integritas", "%", H, 0, 100,
              (100, 100, 100, 100), (85, 100, 100, 100)),
         ]),
        ("Pengendalian gratifikasi dan tindak lanjut temuan", "Laporan pengendalian",
         [1, 2, 3, 4], 3_000_000, 4, [
             ("Sosialisasi pengendalian gratifikasi", "kegiatan", H, 0, 2, (1, 1, 2, 2),
              (1, 1, 1, 2)),
             ("Temuan audit yang belum ditindaklanjuti", "temuan", L, 3, 0, (2, 1, 1, 0),
              (3, 2, 1, 0)),
         ]),
    ]),
    (8, "Peningkatan kualitas pelayanan publik", [
        ("Standar pelayanan dan SOP layanan luring dan daring", "Standar pelayanan ditetapkan",
         [1, 2], 4_500_000, 3, [
             ("Standar pelayanan yang ditetapkan dan dipublikasikan", "dokumen", H, 1, 3,
              (1, 2, 3, 3), (1, 2, 3, 3)),
         ]),
        ("Layanan informasi daring tanpa datang ke kantor", "Layanan permohonan informasi "
         "daring", [1, 2, 3, 4], 8_000_000, 3, [
             ("Waktu layanan permohonan informasi", "hari", L, 10, 3, (7, 5, 4, 3),
              (8, 6, 4, 3)),
             ("Permohonan informasi yang dilayani secara daring", "%", H, 30, 90,
              (50, 65, 80, 90), (45, 60, 82, 93)),
         ]),
        ("Survei kepuasan masyarakat", "Laporan indeks kepuasan masyarakat", [2, 4],
         6_000_000, 2, [
             ("Indeks kepuasan masyarakat", "indeks", H, Decimal("3.10"), Decimal("3.40"),
              (None, Decimal("3.20"), None, Decimal("3.40")),
              (None, Decimal("3.24"), None, Decimal("3.38"))),
         ]),
    ]),
]

REPORT_TEXT = {
    1: ("Tim RB menetapkan agen perubahan, memulai persuratan elektronik dan menyusun "
        "dokumen SAKIP. Katalog data terbuka mulai diisi.",
        "Pembatasan kegiatan tatap muka sejak pertengahan Maret 2020.",
        "Kegiatan internalisasi dialihkan ke pertemuan daring."),
    2: ("Pakta integritas ditandatangani seluruh pegawai; standar pelayanan daring "
        "ditetapkan; survei kepuasan triwulan II dilaksanakan secara daring.",
        "Pelatihan pegawai tertunda karena penyesuaian anggaran Pilkada 2020.",
        "Pelatihan dijadwalkan ulang melalui kelas daring KPU Provinsi."),
    3: ("Layanan informasi daring berjalan; waktu layanan turun menjadi 4 hari. Evaluasi "
        "kelembagaan selesai.",
        "Beban kerja tahapan Pilkada 2020.",
        "Agen perubahan mendampingi layanan daring selama tahapan."),
    4: ("Seluruh target utama tercapai; indeks kepuasan masyarakat 3,38.",
        "Target IKM 3,40 belum tercapai penuh.",
        "Perbaikan layanan mengikuti saran responden survei."),
}

RABU_INGIN_TAHU = [
    (dt.date(2020, 7, 1), "Mengenal Delapan Area Perubahan Reformasi Birokrasi", 1),
    (dt.date(2020, 7, 8), "Menyusun Rencana Aksi dengan Indikator yang Terukur", 1),
    (dt.date(2020, 7, 15), "Data Dukung yang Baik untuk Evaluasi RB", 6),
    (dt.date(2020, 7, 22), "Membangun Zona Integritas Menuju WBK", 7),
    (dt.date(2020, 7, 29), "Pelayanan Informasi Publik Tanpa Datang ke Kantor", 8),
    (dt.date(2020, 8, 5), "Survei Kepuasan Masyarakat dan Tindak Lanjutnya", 8),
    (dt.date(2020, 8, 12), "Agen Perubahan sebagai Teladan", 1),
    (dt.date(2020, 8, 19), "SAKIP dan Perjanjian Kinerja Satker", 6),
]


@dataclass
class ReformDemoResult:
    plans: int
    reports: int
    events: int
    skipped: bool = False

    def describe(self) -> str:
        if self.skipped:
            return "Reformasi birokrasi: data demo sudah ada."
        return (f"Reformasi birokrasi: {self.plans} rencana aksi 2020, {self.reports} laporan "
                f"triwulan, {self.events} sesi Rabu Ingin Tahu.")


def _user(local: str, full_name: str, satker: Satker, role: str) -> User:
    """The demo user with this email, or a fallback with the role (no usable password)."""
    user = User.objects.filter(email=f"{local}@{DOMAIN}").first()
    if user is None:
        user = User.objects.create(email=f"{local}@{DOMAIN}", full_name=full_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, satker=satker, role=role,
                                     defaults={"is_active": True})
    return user


def _pdf(title: str, lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    y = 800
    pdf.setFont("Helvetica-Bold", 12)
    for i, line in enumerate([title, *lines]):
        pdf.drawString(60, y, line[:95])
        if i == 0:
            pdf.setFont("Helvetica", 10)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _decree(satker: Satker, actor, number: str, date: dt.date, subject: str) -> Document:
    existing = Document.objects.filter(satker=satker, kind=DocumentKind.DECREE,
                                       number=number).first()
    if existing is not None:
        return existing
    content = _pdf(f"Keputusan {satker.name}", [f"Nomor {number}", f"Tentang {subject}",
                                                f"Ditetapkan di Jepara, {date:%d-%m-%Y}"])
    file = ContentFile(content, name=f"sk-{number.replace('/', '-')}.pdf")
    checked = uploads.check_pdf(file)
    return org_services.upload_document(satker=satker, actor=actor, file=file, checked=checked,
                                        kind=DocumentKind.DECREE, number=number, date=date,
                                        subject=subject, is_public=True)


def _at(day: dt.date, hour: int = 10):
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)


def _jepara(jepara: Satker, jateng: Satker, people: dict) -> tuple[ActionPlan, int]:
    reform, head, evaluator = people["reform"], people["head"], people["evaluator"]
    team_sk = _decree(jepara, reform, "12/PP.01-Kpt/3320/KPU-Kab/I/2020", dt.date(2020, 1, 13),
                      "Pembentukan Tim Reformasi Birokrasi KPU Kabupaten Jepara Tahun 2020")
    plan_sk = _decree(jepara, head, "35/2020", dt.date(2020, 2, 10),
                      "Penetapan Rencana Aksi Reformasi Birokrasi KPU Kabupaten Jepara "
                      "Tahun 2020")
    areas = {a.number: a for a in AreaOfChange.objects.filter(
        regime=services.regime_for_year(YEAR))}
    members = [{"user": head, "role": TeamRole.PERSON_IN_CHARGE,
                "position": "Ketua KPU Kabupaten Jepara"},
               {"user": people["secretary"], "role": TeamRole.CHAIR,
                "position": "Sekretaris KPU Kabupaten Jepara"},
               {"user": reform, "role": TeamRole.SECRETARY,
                "position": "Anggota Tim Reformasi Birokrasi"}]
    for number, name in [(1, "Siti Nurhaliza Pratiwi"), (4, "Budi Santoso Wibowo"),
                         (6, "Dewi Lestari Anggraini"), (8, "Rizky Hidayat Saputra")]:
        members.append({"name": name, "role": TeamRole.AREA_COORDINATOR,
                        "area": areas[number], "position": "Anggota KPU Kabupaten Jepara"})
    members += [{"user": people["employee"], "role": TeamRole.AGENT_OF_CHANGE,
                 "position": "Staf Pelaksana"},
                {"user": people["ppid"], "role": TeamRole.AGENT_OF_CHANGE,
                 "position": "Pejabat Pengelola Informasi"}]
    team = services.establish_team(satker=jepara, actor=reform, decree=team_sk,
                                   period_start=dt.date(2020, 1, 13),
                                   period_end=dt.date(2020, 12, 31), members=members)
    ReformTeam.objects.filter(pk=team.pk).update(created_at=_at(dt.date(2020, 1, 13)))

    divisions = list(Division.objects.filter(satker=jepara).order_by("kind", "order"))
    plan = services.create_plan(satker=jepara, year=YEAR, actor=reform)
    indicators: list[tuple[Indicator, tuple]] = []
    for order, (number, programme_name, activities) in enumerate(JEPARA_PLAN, start=1):
        programme = services.save_programme(plan=plan, actor=reform, data={
            "area": areas[number], "name": programme_name, "order": order})
        for a_order, (name, output, quarters, budget, division, items) in enumerate(
                activities, start=1):
            activity = services.save_activity(programme=programme, actor=reform, data={
                "name": name, "output": output, "quarters": quarters, "budget": budget,
                "owner_division": divisions[division] if division < len(divisions) else None,
                "order": a_order})
            for i_order, (i_name, unit, direction, baseline, target, quarterly,
                          realised) in enumerate(items, start=1):
                data = {"name": i_name, "unit": unit, "direction": direction,
                        "baseline": baseline, "target": target, "order": i_order}
                for q, value in enumerate(quarterly or (), start=1):
                    data[f"target_q{q}"] = value
                indicator = services.save_indicator(activity=activity, actor=reform, data=data)
                indicators.append((indicator, realised))
    services.submit_plan(plan=plan, actor=reform)
    services.approve_plan(plan=plan, actor=head, decree=plan_sk)
    plan = services.start_plan(plan=plan, actor=reform)
    ActionPlan.objects.filter(pk=plan.pk).update(
        submitted_at=_at(dt.date(2020, 2, 5)), approved_at=_at(dt.date(2020, 2, 10)),
        created_at=_at(dt.date(2020, 1, 20)))

    event_type_link = SocialisationEvent.objects.filter(
        organiser=jateng, participants__satker=jepara).order_by("date").first()
    by_name = {i.name: i for i, _r in indicators}
    for quarter in range(1, 5):
        narrative, obstacles, follow_up = REPORT_TEXT[quarter]
        realisations = {i.pk: (r[quarter - 1], "") for i, r in indicators
                        if r[quarter - 1] is not None}
        report = services.save_report(plan=plan, quarter=quarter, actor=reform,
                                      expected_version=0, realisations=realisations, data={
                                          "narrative": narrative, "obstacles": obstacles,
                                          "follow_up": follow_up})
        file = ContentFile(_pdf(f"Data dukung TW {quarter} {YEAR}", [
            "Notulen rapat Tim Reformasi Birokrasi", "Daftar hadir dan dokumentasi"]),
            name=f"notulen-tw{quarter}-{YEAR}.pdf")
        services.add_evidence(report=report, actor=reform,
                              title=f"Notulen rapat tim RB triwulan {quarter}", upload=file)
        services.add_evidence(
            report=report, actor=reform, indicator=by_name["Dataset yang dipublikasikan"],
            title="Katalog data terbuka KPU Kabupaten Jepara",
            url="https://kab-jepara.kpu.go.id/data/")
        if quarter == 1:
            services.add_evidence(report=report, actor=reform, linked_object=team_sk,
                                  indicator=by_name["Agen perubahan yang ditetapkan"],
                                  title="SK pembentukan tim dan agen perubahan")
        if quarter == 3 and event_type_link is not None:
            services.add_evidence(
                report=report, actor=reform, linked_object=event_type_link,
                indicator=by_name["Kegiatan agen perubahan yang terlaksana"],
                title="Keikutsertaan dalam Rabu Ingin Tahu KPU Provinsi Jawa Tengah")
        report = services.submit_report(report=report, actor=reform)
        due = report_due_date(YEAR, quarter)
        if quarter == 2:
            report = services.review_report(
                report=report, actor=evaluator, verdict=ReportStatus.REVISE,
                comments=[(by_name["Pegawai yang mengikuti pengembangan kompetensi 20 JP"].pk,
                           "Realisasi 30% di bawah target triwulan 40%. Jelaskan penjadwalan "
                           "ulang pelatihan dan lampirkan daftar peserta."),
                          (None, "Lengkapi data dukung pakta integritas.")],
                recommendations=[("Susun jadwal ulang pengembangan kompetensi pegawai dan "
                                  "laporkan pada triwulan III.", dt.date(2020, 8, 31))])
            report = services.save_report(report=report, actor=reform,
                                          expected_version=report.version, data={
                                              "narrative": narrative + " Pelatihan dijadwalkan "
                                              "ulang pada Agustus-September 2020."})
            services.add_evidence(report=report, actor=reform,
                                  title="Rekap pakta integritas pegawai",
                                  indicator=by_name["Pegawai yang menandatangani pakta "
                                                    "integritas"],
                                  url="https://kab-jepara.kpu.go.id/zona-integritas/")
            report = services.submit_report(report=report, actor=reform)
            report = services.review_report(report=report, actor=evaluator,
                                            verdict=ReportStatus.ACCEPTED,
                                            comments=[(None, "Perbaikan diterima.")])
            recommendation = Recommendation.objects.get(report=report)
            services.respond_recommendation(
                recommendation=recommendation, actor=reform,
                response="Pelatihan daring dijadwalkan 12 Agustus-30 September 2020 bersama "
                         "KPU Provinsi Jawa Tengah; daftar peserta terlampir pada laporan "
                         "TW III.")
            services.close_recommendation(recommendation=recommendation, actor=evaluator)
            Recommendation.objects.filter(pk=recommendation.pk).update(
                created_at=_at(dt.date(2020, 7, 14)), responded_at=_at(dt.date(2020, 7, 20)),
                closed_at=_at(dt.date(2020, 10, 14)))
        else:
            comment = {
                1: "Capaian TW I sesuai rencana. Pertahankan dokumentasi kegiatan agen "
                   "perubahan.",
                3: "Waktu layanan informasi sudah mencapai target triwulan. Perhatikan "
                   "kegiatan sosialisasi gratifikasi yang belum terlaksana.",
                4: "Rencana aksi 2020 tercapai dengan baik. IKM 3,38 mendekati target; "
                   "tindak lanjuti saran responden.",
            }[quarter]
            recs = ([("Laksanakan sosialisasi pengendalian gratifikasi kedua pada "
                      "triwulan IV.", dt.date(2020, 11, 30))] if quarter == 3 else [])
            report = services.review_report(report=report, actor=evaluator,
                                            verdict=ReportStatus.ACCEPTED,
                                            comments=[(None, comment)], recommendations=recs)
            if recs:
                recommendation = Recommendation.objects.get(report=report)
                services.respond_recommendation(
                    recommendation=recommendation, actor=reform,
                    response="Sosialisasi kedua dilaksanakan 18 November 2020.")
                Recommendation.objects.filter(pk=recommendation.pk).update(
                    created_at=_at(dt.date(2020, 10, 14)),
                    responded_at=_at(dt.date(2020, 11, 19)))
        ProgressReport.objects.filter(pk=report.pk).update(
            submitted_at=_at(due - dt.timedelta(days=3)),
            reviewed_at=_at(due + dt.timedelta(days=4)),
            updated_at=_at(due + dt.timedelta(days=4)))
        ReviewComment.objects.filter(report=report).update(
            created_at=_at(due + dt.timedelta(days=4)))
    services.close_plan(plan=plan, actor=reform)
    services.publish_plan(plan=plan, actor=reform, is_published=True)
    return plan, 4


def _events(jateng: Satker, actor, kabkota: list[Satker]) -> int:
    rng = random.Random(3300)  # noqa: S311 - demo data
    created = 0
    for day, title, area_number in RABU_INGIN_TAHU:
        event = services.create_event(organiser=jateng, actor=actor, data={
            "title": f"Rabu Ingin Tahu: {title}", "series": "Rabu Ingin Tahu", "date": day,
            "start_time": dt.time(9, 0), "mode": EventMode.ONLINE,
            "location": "Zoom dan siaran langsung YouTube KPU Provinsi Jawa Tengah",
            "speakers": "Tim Reformasi Birokrasi KPU Provinsi Jawa Tengah",
            "description": "Sesi belajar daring mingguan tentang reformasi birokrasi untuk "
                           "KPU Kabupaten/Kota se-Jawa Tengah.",
            "area": AreaOfChange.objects.filter(regime=services.regime_for_year(YEAR),
                                                number=area_number).first()})
        attending = [s for s in kabkota if s.code == "33.20" or rng.random() < 0.35]
        participants = []
        for satker in attending:
            for n in range(1, 3):
                participants.append({"satker": satker,
                                     "name": f"Tim RB {satker.region_name or satker.name} {n}",
                                     "position": "Anggota Tim Reformasi Birokrasi",
                                     "attended": satker.code == "33.20" or rng.random() < 0.85})
        services.set_attendance(event=event, actor=actor, participants=participants)
        created += 1
    return created


def _generated_plans(satkers: list[Satker], creator) -> tuple[int, int]:
    """2020 plans of every other kabupaten/kota: the same eight areas, two activities each with
    two indicators, and two to four quarters reported with varied achievement."""
    regime = services.regime_for_year(YEAR)
    areas = list(AreaOfChange.objects.filter(regime=regime).order_by("number"))
    templates = [(number, programme, activities) for number, programme, activities
                 in JEPARA_PLAN]
    plans = ActionPlan.objects.bulk_create([
        ActionPlan(satker=s, year=YEAR, regime=regime, status=PlanStatus.RUNNING,
                   title=services.default_plan_title(s, YEAR), created_by=creator,
                   is_published=True, approved_at=_at(dt.date(2020, 2, 20)),
                   submitted_at=_at(dt.date(2020, 2, 14))) for s in satkers])
    programme_rows = []
    for plan in plans:
        for (number, name, _acts), area in zip(templates, areas, strict=True):
            programme_rows.append(Programme(plan=plan, area=area, name=name, order=number))
    programmes = Programme.objects.bulk_create(programme_rows)
    activity_rows, activity_specs = [], []
    for programme in programmes:
        _n, _name, acts = templates[programme.order - 1]
        for order, spec in enumerate(acts[:2], start=1):
            activity_rows.append(Activity(programme=programme, name=spec[0], output=spec[1],
                                          quarters=spec[2], budget=spec[3], order=order))
            activity_specs.append(spec)
    activities = Activity.objects.bulk_create(activity_rows)
    indicator_rows = []
    for activity, spec in zip(activities, activity_specs, strict=True):
        for order, item in enumerate(spec[5][:2], start=1):
            name, unit, direction, baseline, target, quarterly, _r = item
            q = dict(zip(("target_q1", "target_q2", "target_q3", "target_q4"),
                         quarterly or (None,) * 4, strict=True))
            indicator_rows.append(Indicator(activity=activity, name=name, unit=unit,
                                            direction=direction, baseline=baseline,
                                            target=target, order=order, **q))
    indicators = Indicator.objects.bulk_create(indicator_rows)
    by_plan: dict[int, list[Indicator]] = {}
    plan_of_activity = {a.pk: a.programme.plan_id for a in activities}
    for indicator in indicators:
        by_plan.setdefault(plan_of_activity[indicator.activity_id], []).append(indicator)
    report_rows, plans_reports = [], []
    for plan in plans:
        rng = random.Random(plan.satker.code)  # noqa: S311 - demo data, stable per satker
        quarters = rng.choice((2, 3, 3, 4, 4, 4))
        pace = rng.uniform(0.45, 1.1)
        for quarter in range(1, quarters + 1):
            last = quarter == quarters
            status = (ReportStatus.SUBMITTED if last else ReportStatus.ACCEPTED)
            if last and rng.random() < 0.15:
                status = ReportStatus.DRAFT
            due = report_due_date(YEAR, quarter)
            report_rows.append(ProgressReport(
                plan=plan, quarter=quarter, status=status, due_date=due, version=1,
                narrative=f"Capaian triwulan {quarter} rencana aksi {plan.satker.name}.",
                submitted_at=None if status == ReportStatus.DRAFT else _at(due),
                reviewed_at=_at(due + dt.timedelta(days=5))
                if status == ReportStatus.ACCEPTED else None))
            plans_reports.append((plan, quarter, pace, rng.random()))
    reports = ProgressReport.objects.bulk_create(report_rows)
    realisations = []
    for report, (plan, quarter, pace, _x) in zip(reports, plans_reports, strict=True):
        rng = random.Random(f"{plan.satker.code}-{quarter}")  # noqa: S311 - demo data
        for indicator in by_plan.get(plan.pk, []):
            if rng.random() < 0.05:
                continue  # an indicator left unreported this quarter
            planned = indicator.quarter_target(quarter)
            if planned is None:
                planned = indicator.target * Decimal(quarter) / 4
            factor = Decimal(str(round(pace * rng.uniform(0.8, 1.15), 3)))
            if indicator.direction == Direction.LOWER:
                value = planned / factor if factor else planned
            else:
                value = planned * factor
            realisations.append(Realisation(report=report, indicator=indicator,
                                            value=value.quantize(Decimal("0.01"))))
    Realisation.objects.bulk_create(realisations, batch_size=2000)
    return len(plans), len(reports)


@transaction.atomic
def load_reform_demo() -> ReformDemoResult:
    """Load the reform demo (after ``load_demo`` created the satkers and users)."""
    jepara = Satker.objects.get(code="33.20")
    jateng = Satker.objects.get(code="33")
    if ActionPlan.objects.filter(satker=jepara, year=YEAR, is_template=False).exists():
        return ReformDemoResult(0, 0, 0, skipped=True)
    root = Satker.objects.get(level=Level.NATIONAL)
    people = {
        "reform": _user("tim-rb-jepara", "Yusuf Maulana", jepara, Role.REFORM),
        "head": _user("ketua-jepara", "Ahmad Fauzi Rahman", jepara, Role.HEAD),
        "secretary": _user("sekretaris-jepara", "Sri Wahyuningsih", jepara, Role.SECRETARY),
        "employee": _user("pegawai-jepara", "Nur Aini Safitri", jepara, Role.EMPLOYEE),
        "ppid": _user("ppid-jepara", "Agus Setiawan", jepara, Role.PPID),
        "evaluator": _user("evaluator-jateng", "Wulan Permatasari", jateng, Role.EVALUATOR),
        "system_admin": _user("admin", "Administrator Sistem", root, Role.ADMIN),
    }
    kabkota = list(Satker.objects.filter(parent=jateng).order_by("code"))
    events = _events(jateng, people["system_admin"], kabkota)
    _plan, jepara_reports = _jepara(jepara, jateng, people)
    others = [s for s in kabkota if s.pk != jepara.pk]
    plans, reports = _generated_plans(others, people["system_admin"])
    # Dates of the bulk rows: created in 2020 like Jepara's.
    ActionPlan.objects.filter(satker__in=others, year=YEAR).update(
        created_at=_at(dt.date(2020, 1, 27)), updated_at=timezone.now())
    return ReformDemoResult(plans=plans + 1, reports=reports + jepara_reports, events=events)
