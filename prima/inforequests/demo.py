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
    """Create the demo requests once, then the later additions (each idempotent); returns how
    many requests were created now."""
    created = _load_workflow_demo()
    created += _load_partial_and_hard_copy_demo()
    _load_dip_demo()
    _load_report_notes_demo()
    return created


PARTIAL_REQUESTER = ("Andi Wibowo", "3320012408870005", "Jl. Sultan Hadlirin No. 9, Jepara",
                     "andi.wibowo@contoh.id", "Pemantau pemilu",
                     "Salinan daftar pemilih tetap TPS 05 Desa Kauman beserta lampirannya",
                     "Pemantauan akurasi daftar pemilih")
HARD_COPY_REQUESTER = ("Sri Lestari", "3320014411920006", "Desa Tegalsambi RT 01 RW 03, "
                       "Tahunan", "sri.lestari@contoh.id", "Guru",
                       "Salinan cetak SK penetapan calon terpilih DPRD Kabupaten Jepara 2024",
                       "Bahan ajar pendidikan kewarganegaraan")


def _person_data(person, **overrides) -> dict:
    name, nik, address, email, occupation, info, purpose = person
    data = {"requester_kind": "individual", "full_name": name, "nik": nik, "entity_number": "",
            "address": address, "phone": "0813 2020 3030", "email": email,
            "occupation": occupation, "information_requested": info, "purpose": purpose,
            "obtain_method": "copy", "copy_form": "soft", "delivery_method": "download"}
    data.update(overrides)
    return data


def _load_partial_and_hard_copy_demo() -> int:
    """A grant in part resting on a consequence test (Pasal 17 h), and a hard copy handed over
    with its receipt."""
    jepara = Satker.objects.get(code="33.20")
    ppid = User.objects.get(email="ppid-jepara@demo.kpu.go.id")
    created = 0
    now = timezone.now()
    if not InformationRequest.objects.filter(satker=jepara,
                                             full_name=PARTIAL_REQUESTER[0]).exists():
        partial, _ = services.register_request(
            satker=jepara, channel=Channel.WEB, data=_person_data(PARTIAL_REQUESTER),
            received_at=now - dt.timedelta(days=8))
        test = services.create_consequence_test(
            satker=jepara, actor=ppid, title="Daftar pemilih tetap TPS (salinan lengkap)",
            exempt_content="NIK, NKK dan tanggal lahir pemilih",
            exemption="h", legal_basis="UU 27/2022 tentang Pelindungan Data Pribadi",
            harm="Membuka data pribadi pemilih yang dapat disalahgunakan.",
            public_interest="Kepentingan publik atas akurasi daftar pemilih terpenuhi oleh "
                            "nama, jenis kelamin dan alamat tanpa NIK.",
            conclusion="NIK, NKK dan tanggal lahir dihitamkan; selebihnya dibuka.")
        services.decide_request(
            request=partial, actor=ppid, decision=Decision.GRANTED_IN_PART,
            consequence_test=test, notice_data={
                "exemption": "h",
                "information_given": "DPT TPS 05 Desa Kauman dengan NIK, NKK dan tanggal lahir "
                                     "dihitamkan",
                "redaction_explanation": "NIK, NKK dan tanggal lahir pemilih dihitamkan "
                                         "(Pasal 17 huruf h; uji konsekuensi terlampir).",
                "copy_form": "soft", "delivery_method": "download", "costs": 0})
        services.add_delivered_file(request=partial, actor=ppid,
                                    title="DPT TPS 05 Kauman (dihitamkan)",
                                    upload=_pdf("DPT TPS 05 Desa Kauman (versi dihitamkan)"),
                                    is_redacted=True,
                                    redaction_note="NIK, NKK dan tanggal lahir dihitamkan.")
        services.deliver_request(request=partial, actor=ppid)
        created += 1
    if not InformationRequest.objects.filter(satker=jepara,
                                             full_name=HARD_COPY_REQUESTER[0]).exists():
        hard, _ = services.register_request(
            satker=jepara, channel=Channel.WALK_IN, actor=ppid,
            data=_person_data(HARD_COPY_REQUESTER, copy_form="hard", delivery_method="pick_up"),
            received_at=now - dt.timedelta(days=5))
        services.decide_request(request=hard, actor=ppid, decision=Decision.GRANTED,
                                notice_data={
                                    "information_given": "Salinan cetak SK penetapan calon "
                                                         "terpilih DPRD 2024 (12 halaman)",
                                    "copy_form": "hard", "delivery_method": "pick_up",
                                    "costs": 6000, "payment_method": "Tunai di loket PPID",
                                    "time_to_provide": "Dapat diambil esok hari kerja"})
        services.record_handover(request=hard, actor=ppid, method="hard_copy",
                                 received_by_name=HARD_COPY_REQUESTER[0],
                                 confirmation="signature",
                                 note="Biaya fotokopi Rp6.000 dibayar tunai.")
        created += 1
    return created


def _load_dip_demo() -> None:
    """Jepara's Daftar Informasi Publik: periodic lines, an exempt one with its consequence
    test, and the published datasets and public SK linked as records."""
    from prima.inforequests.models import ConsequenceTest, InformationListEntry

    jepara = Satker.objects.get(code="33.20")
    ppid = User.objects.get(email="ppid-jepara@demo.kpu.go.id")
    if InformationListEntry.objects.filter(satker=jepara, title="Profil KPU Kabupaten "
                                           "Jepara").exists():
        return
    for title, summary, owner in (
            ("Profil KPU Kabupaten Jepara", "Kedudukan, tugas, struktur organisasi dan "
             "pejabat", "Subbagian Perencanaan, Data dan Informasi"),
            ("Laporan keuangan tahun 2025", "Laporan realisasi anggaran dan neraca",
             "Subbagian Keuangan, Umum dan Logistik"),
            ("Rencana strategis 2025-2029", "Renstra KPU Kabupaten Jepara",
             "Subbagian Perencanaan, Data dan Informasi")):
        services.save_information_list_entry(
            satker=jepara, actor=ppid, title=title, summary=summary,
            information_class="berkala", owner=owner, format="PDF", year=2025)
    test = ConsequenceTest.objects.filter(satker=jepara, exemption="h").first()
    if test is not None:
        services.save_information_list_entry(
            satker=jepara, actor=ppid, title="Salinan lengkap DPT dengan NIK",
            information_class="dikecualikan", owner="Divisi Perencanaan, Data dan Informasi",
            consequence_test=test, location="Arsip PPID")
    services.add_catalog_records(satker=jepara, actor=ppid)


def _load_report_notes_demo() -> None:
    from prima.inforequests.models import AnnualReportNote

    jepara = Satker.objects.get(code="33.20")
    year = timezone.localdate().year
    if AnnualReportNote.objects.filter(satker=jepara, year=year).exists():
        return
    services.save_report_notes(
        satker=jepara, year=year, actor=User.objects.get(email="ppid-jepara@demo.kpu.go.id"),
        internal_obstacles="Sebagian arsip tahun 2019 belum didigitalkan.",
        external_obstacles="Jaringan internet di beberapa kecamatan tidak stabil.",
        recommendations="Digitalisasi arsip inaktif dan pelatihan PPID pelaksana.")


def _load_workflow_demo() -> int:
    jepara = Satker.objects.get(code="33.20")
    if InformationRequest.objects.filter(satker=jepara,
                                         full_name=REQUESTERS[0][0]).exists():
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
    # The information given is public: its answer is published on the register entry.
    services.publish_answer(
        request=done, actor=ppid,
        answer="Rekapitulasi partisipasi pemilih Pemilu 2024 per kecamatan diberikan "
               "seluruhnya; rincian per desa menyusul sesuai putusan atasan PPID.",
        file_ids=list(done.delivered_files.values_list("pk", flat=True)))
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
