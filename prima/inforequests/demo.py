"""Demo information requests of KPU Kabupaten Jepara, one in each stage of the workflow, made
through the real services so numbers, deadlines, notices and timelines are genuine."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from prima.accounts.models import User
from prima.inforequests import services
from prima.inforequests.choices import Channel, Decision, ObjectionGround
from prima.inforequests.models import InformationRequest
from prima.organisations.models import Satker

REQUESTERS = [
    ("Dwi Astuti", "3320016203910002", "Jl. Pemuda No. 12, Jepara", "dwi.astuti@contoh.id",
     "Mahasiswa", "Rekapitulasi partisipasi pemilih Pemilu 2024 per kecamatan di Kabupaten "
     "Jepara", "Bahan skripsi tentang partisipasi politik"),
    ("Yayasan Lentera Demokrasi", "", "Jl. Kartini No. 3, Jepara", "info@lentera.contoh.id",
     "Lembaga swadaya masyarakat", "Salinan SK penetapan daftar pemilih tetap Pemilu 2024",
     "Pemantauan pemilu"),
    ("Bagus Prasetyo", "3320010101850003", "Desa Bapangan RT 02 RW 01, Mlonggo",
     "bagus.prasetyo@contoh.id", "Wartawan", "Anggaran sosialisasi pemilu tahun 2024 dan "
     "realisasinya", "Bahan pemberitaan"),
    ("Rina Kusumawati", "3320015505880004", "Jl. Diponegoro No. 7, Tahunan",
     "rina.k@contoh.id", "Peneliti", "Data TPS dan jumlah pemilih per desa Kecamatan Tahunan",
     "Penelitian tentang aksesibilitas TPS"),
]


def _pdf(title: str) -> ContentFile:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 770, title)
    page.drawString(72, 750, "Dokumen demo Prima — KPU Kabupaten Jepara")
    page.showPage()
    page.save()
    upload = ContentFile(buffer.getvalue(), name="informasi.pdf")
    upload.content_type = "application/pdf"
    return upload


def _data(index: int) -> dict:
    name, nik, address, email, occupation, info, purpose = REQUESTERS[index]
    entity = not nik
    return {
        "requester_kind": "entity" if entity else "individual",
        "full_name": name, "nik": nik, "entity_number": "AHU-0012345.AH.01.04.2019" if entity
        else "", "address": address, "phone": "0812 2233 4455", "email": email,
        "occupation": occupation, "information_requested": info, "purpose": purpose,
        "obtain_method": "copy", "copy_form": "soft", "delivery_method": "download",
    }


def load_inforequests_demo() -> int:
    """Create the demo requests once; returns how many were created now."""
    jepara = Satker.objects.get(code="33.20")
    if InformationRequest.objects.filter(satker=jepara).exists():
        return 0
    ppid = User.objects.get(email="ppid-jepara@demo.kpu.go.id")
    atasan = User.objects.get(email="atasan-ppid-jepara@demo.kpu.go.id")
    now = timezone.now()

    def received(days_ago: int) -> dt.datetime:
        return now - dt.timedelta(days=days_ago)

    # 1. Granted in full and delivered, then objected to and decided by the atasan PPID.
    done, _ = services.register_request(satker=jepara, channel=Channel.WEB, data=_data(0),
                                        received_at=received(12))
    services.assign_request(request=done, officer=ppid, actor=ppid)
    services.decide_request(request=done, actor=ppid, decision=Decision.GRANTED, notice_data={
        "information_given": "Rekapitulasi partisipasi pemilih per kecamatan (PDF)",
        "copy_form": "soft", "delivery_method": "download", "costs": 0,
        "time_to_provide": "Segera melalui tautan unduhan pribadi"})
    services.add_delivered_file(request=done, actor=ppid, title="Rekap partisipasi 2024",
                                upload=_pdf("Rekapitulasi partisipasi pemilih 2024"))
    services.deliver_request(request=done, actor=ppid)
    objection = services.file_objection(
        request=done, grounds=[ObjectionGround.D],
        case_description="Data yang diberikan belum dirinci per desa sebagaimana diminta.")
    services.decide_objection(objection=objection, actor=atasan, outcome="upheld_in_part",
                              response="PPID diminta melengkapi rincian per desa.")
    # 2. Extended by seven working days with written reasons.
    extended, _ = services.register_request(satker=jepara, channel=Channel.LETTER,
                                            data=_data(1), actor=ppid, received_at=received(6))
    services.extend_request(request=extended, actor=ppid, days=7,
                            reasons="Salinan SK sedang dicari di arsip inaktif.")
    # 3. Waiting for the requester's clarification.
    unclear, _ = services.register_request(satker=jepara, channel=Channel.WEB, data=_data(2),
                                           received_at=received(3))
    services.ask_clarification(request=unclear, actor=ppid,
                               question="Apakah yang dimaksud anggaran sosialisasi tahap "
                                        "pemilu legislatif atau pemilu presiden?")
    # 4. Just registered.
    services.register_request(satker=jepara, channel=Channel.WEB, data=_data(3),
                              received_at=received(1))
    return 4
