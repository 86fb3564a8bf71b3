"""Service-standard demo data: KPU Kabupaten Jepara's service catalog (the six canonical
services, each with its full standard, pledge and channels) with SOPs for the offline (luring)
and online (daring) channels of its main services, approved by the head under an SK and in
effect; KPU Provinsi Jawa Tengah's complaint SOP offered as a template to its kabupaten/kota.

Written through the services, so versions and audit events are real. Idempotent: when Jepara's
information-request service exists nothing is done again. Needs the foundation's satker tree and
demo logins (falls back to users without a usable password when missing).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from reportlab.platypus import Paragraph

from prima.accounts.models import User
from prima.core import pdf, uploads
from prima.organisations import services as org_services
from prima.organisations.choices import DocumentKind, Role
from prima.organisations.models import Document, Membership, Satker

from . import services
from .choices import Channel, ServiceKey, StepKind, TimeUnit
from .models import Service

DOMAIN = "demo.kpu.go.id"
S, P, D, E = StepKind.START, StepKind.PROCESS, StepKind.DECISION, StepKind.END
M, H, W = TimeUnit.MINUTE, TimeUnit.HOUR, TimeUnit.WORKDAY

COMMON = {
    "offline": True, "is_free": True,
    "opening_hours": "Senin–Kamis 08.00–15.30 WIB, Jumat 08.00–16.00 WIB",
    "complaints": "Pengaduan, saran dan masukan melalui kotak saran di ruang layanan, email "
                  "kabjepara@kpu.go.id, telepon (0291) 591010, atau formulir pengaduan daring.",
    "facilities": "Ruang layanan informasi, komputer dan akses internet, kursi tunggu, ruang "
                  "laktasi, kursi roda dan jalur landai bagi penyandang disabilitas.",
    "supervision": "Sekretaris KPU Kabupaten Jepara dan Atasan PPID melakukan pengawasan "
                   "melekat; Inspektorat KPU melakukan pengawasan berkala.",
    "guarantee": "Pelayanan diberikan sesuai standar pelayanan; bila tidak, pemohon dapat "
                 "mengajukan pengaduan.",
    "safety": "Data pribadi pemohon dijaga kerahasiaannya; ruang layanan dilengkapi APAR "
              "dan jalur evakuasi.",
    "evaluation": "Survei kepuasan masyarakat setiap semester dan evaluasi kinerja pelaksana "
                  "setiap triwulan.",
    "pledge": "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
              "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap "
              "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
    "pledge_signed_by": "Ketua KPU Kabupaten Jepara",
}

SERVICES = [
    (ServiceKey.INFORMATION_REQUEST, "Permohonan informasi publik", {
        "description": "Permohonan salinan informasi publik kepada PPID, luring di kantor "
                       "atau daring melalui Prima; salinan dikirim sebagai berkas digital.",
        "requirements": "Identitas pemohon (KTP/akta badan hukum); rincian informasi yang "
                        "dibutuhkan dan tujuan penggunaannya.",
        "procedure": "Pemohon mengisi formulir permohonan (di kantor atau daring), menerima "
                     "nomor permohonan, lalu menerima pemberitahuan tertulis dan salinan "
                     "informasi.",
        "time_value": 10, "time_unit": W,
        "time_note": "dapat diperpanjang 7 hari kerja (UU 14/2008 Pasal 22)",
        "product": "Salinan informasi publik (berkas digital atau cetak) dan pemberitahuan "
                   "tertulis.",
        "legal_basis": "UU 14/2008 tentang Keterbukaan Informasi Publik; UU 25/2009 tentang "
                       "Pelayanan Publik; PKPU tentang pengelolaan informasi publik.",
        "competence": "Memahami klasifikasi informasi publik dan uji konsekuensi.",
        "staff_count": "3 orang", "served_by": "PPID Pelaksana KPU Kabupaten Jepara",
        "online_media": ["web", "email"],
    }),
    (ServiceKey.DATA_REQUEST, "Permohonan data", {
        "description": "Permohonan data pemilu dan pemilihan yang belum tersedia di katalog "
                       "data terbuka.",
        "requirements": "Identitas pemohon; surat permohonan berisi rincian data.",
        "procedure": "Pemohon mengajukan permohonan; petugas menyiapkan data dalam format "
                     "terbuka (CSV/XLSX) dan mengirimkannya.",
        "time_value": 10, "time_unit": W,
        "product": "Berkas data dalam format terbuka.",
        "legal_basis": "UU 14/2008; Perpres 39/2019 tentang Satu Data Indonesia.",
        "competence": "Mengolah data dan memahami data yang dikecualikan.",
        "staff_count": "2 orang", "served_by": "Subbagian Perencanaan, Data dan Informasi",
        "online_media": ["web", "email"],
    }),
    (ServiceKey.VOTER_DATA_CHECK, "Pengecekan data pemilih", {
        "description": "Memastikan seseorang terdaftar sebagai pemilih dan di TPS mana.",
        "requirements": "KTP elektronik atau Kartu Keluarga.",
        "procedure": "Pemilih menunjukkan KTP; operator memeriksa data di Sidalih dan "
                     "memberikan keterangan; bila belum terdaftar dicatat sebagai masukan.",
        "time_value": 30, "time_unit": M,
        "product": "Keterangan status pemilih dan TPS.",
        "legal_basis": "UU 7/2017 tentang Pemilihan Umum; PKPU tentang pemutakhiran data "
                       "pemilih.",
        "competence": "Operator Sidalih bersertifikat.",
        "staff_count": "2 orang", "served_by": "Subbagian Teknis dan Hubungan Partisipasi "
                                              "Masyarakat",
        "online_media": ["web", "telepon", "chat"],
        "online_url": "https://cekdptonline.kpu.go.id/",
    }),
    (ServiceKey.LEGAL_DOCUMENT, "Permohonan dokumen hukum", {
        "description": "Salinan keputusan, berita acara dan produk hukum KPU Kabupaten Jepara.",
        "requirements": "Identitas pemohon; nomor atau perihal dokumen.",
        "procedure": "Pemohon mengajukan permohonan; petugas JDIH menyiapkan salinan.",
        "time_value": 3, "time_unit": W,
        "product": "Salinan dokumen hukum.",
        "legal_basis": "Perpres 33/2012 tentang JDIH Nasional.",
        "competence": "Pengelola JDIH.", "staff_count": "1 orang",
        "served_by": "Subbagian Hukum dan SDM", "online_media": ["web", "email"],
    }),
    (ServiceKey.COMPLAINT, "Pengaduan", {
        "description": "Pengaduan, saran dan masukan atas penyelenggaraan pelayanan.",
        "requirements": "Identitas pengadu (boleh dirahasiakan); uraian pengaduan.",
        "procedure": "Pengadu menyampaikan pengaduan; petugas mencatat, meneruskan kepada unit "
                     "terkait dan menyampaikan tindak lanjut.",
        "time_value": 14, "time_unit": W,
        "product": "Tanggapan tertulis atas pengaduan.",
        "legal_basis": "UU 25/2009; Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan "
                       "Publik.",
        "competence": "Memahami pengelolaan pengaduan (SP4N-LAPOR!).", "staff_count": "2 orang",
        "served_by": "Subbagian Umum", "online_media": ["web", "email", "telepon", "chat"],
    }),
    (ServiceKey.VISIT, "Kunjungan dan audiensi", {
        "description": "Kunjungan kerja, studi banding dan audiensi ke KPU Kabupaten Jepara.",
        "requirements": "Surat permohonan kunjungan/audiensi paling lambat 3 hari kerja "
                        "sebelumnya.",
        "procedure": "Pemohon mengirim surat; sekretariat menjadwalkan dan mengonfirmasi.",
        "time_value": 3, "time_unit": W,
        "product": "Jadwal kunjungan/audiensi yang dikonfirmasi.",
        "legal_basis": "Peraturan KPU tentang tata kerja sekretariat.",
        "competence": "Protokol dan kehumasan.", "staff_count": "2 orang",
        "served_by": "Subbagian Umum", "online_media": ["email", "telepon"],
    }),
]

# (actors, rows (kind, actor index, activity, requirements, time, unit, output, no_goto))
SOPS = {
    (ServiceKey.INFORMATION_REQUEST, Channel.OFFLINE): (
        ["Pemohon", "Petugas layanan informasi", "PPID Pelaksana", "Atasan PPID"], [
            (S, 0, "Datang ke ruang layanan informasi dan mengisi formulir permohonan",
             "KTP, formulir", 10, M, "Formulir terisi", None),
            (P, 1, "Memeriksa kelengkapan formulir dan identitas pemohon", "Formulir, KTP",
             10, M, "Formulir diperiksa", None),
            (D, 1, "Permohonan lengkap?", "", 5, M, "", 1),
            (P, 1, "Mencatat di register dan memberikan tanda bukti nomor permohonan",
             "Register", 10, M, "Nomor permohonan", None),
            (P, 2, "Mengidentifikasi informasi: dikuasai, terbuka atau dikecualikan",
             "Daftar informasi publik", 2, W, "Hasil identifikasi", None),
            (D, 2, "Informasi terbuka?", "Uji konsekuensi", 1, W, "", 8),
            (P, 2, "Menyiapkan salinan informasi (berkas digital)", "", 3, W,
             "Salinan informasi", None),
            (P, 3, "Menandatangani pemberitahuan tertulis", "Konsep pemberitahuan", 1, W,
             "Pemberitahuan tertulis", None),
            (P, 1, "Menyampaikan pemberitahuan dan salinan kepada pemohon", "", 30, M,
             "Tanda terima", None),
            (E, 0, "Menerima informasi atau pemberitahuan (dapat mengajukan keberatan)", "",
             10, M, "Informasi diterima", None),
        ]),
    (ServiceKey.INFORMATION_REQUEST, Channel.ONLINE): (
        ["Pemohon", "Sistem Prima", "PPID Pelaksana", "Atasan PPID"], [
            (S, 0, "Mengisi formulir permohonan daring di Prima", "Email aktif", 10, M,
             "Permohonan terkirim", None),
            (P, 1, "Memberikan nomor permohonan dan tanda terima ke email", "", 1, M,
             "Nomor permohonan", None),
            (P, 2, "Memverifikasi permohonan dan mengidentifikasi informasi", "", 2, W,
             "Hasil identifikasi", None),
            (D, 2, "Perlu klarifikasi?", "", 1, H, "", 6),
            (P, 0, "Menjawab permintaan klarifikasi melalui tautan pelacakan", "", 1, W,
             "Klarifikasi", None),
            (P, 2, "Menyiapkan salinan informasi sebagai berkas digital", "", 3, W,
             "Salinan informasi", None),
            (P, 3, "Menyetujui pemberitahuan tertulis", "", 1, W, "Pemberitahuan", None),
            (P, 1, "Mengirim tautan unduhan pribadi ke email pemohon", "", 1, M,
             "Tautan unduhan", None),
            (E, 0, "Mengunduh salinan informasi", "", 10, M, "Informasi diterima", None),
        ]),
    (ServiceKey.VOTER_DATA_CHECK, Channel.OFFLINE): (
        ["Pemilih", "Petugas layanan", "Operator Sidalih"], [
            (S, 0, "Datang ke kantor dan menunjukkan KTP elektronik", "KTP-el", 5, M,
             "Identitas", None),
            (P, 1, "Mencatat kunjungan dan meneruskan kepada operator", "Buku tamu", 5, M,
             "Catatan kunjungan", None),
            (P, 2, "Memeriksa data pemilih di Sidalih", "NIK", 10, M, "Hasil pencarian", None),
            (D, 2, "Terdaftar?", "", 2, M, "", 6),
            (P, 1, "Memberikan keterangan TPS", "", 5, M, "Keterangan TPS", None),
            (P, 1, "Mencatat masukan pendaftaran atau perbaikan data", "Formulir masukan",
             10, M, "Masukan tercatat", None),
            (E, 0, "Menerima keterangan", "", 2, M, "Keterangan diterima", None),
        ]),
    (ServiceKey.VOTER_DATA_CHECK, Channel.ONLINE): (
        ["Pemilih", "Layanan daring", "Operator Sidalih"], [
            (S, 0, "Membuka cekdptonline.kpu.go.id atau menghubungi layanan chat", "NIK", 2, M,
             "Permintaan", None),
            (P, 1, "Menampilkan status pemilih dan TPS", "", 1, M, "Status pemilih", None),
            (D, 0, "Data sesuai?", "", 2, M, "", 5),
            (P, 2, "Menindaklanjuti laporan ketidaksesuaian data", "Laporan", 1, W,
             "Tindak lanjut", None),
            (E, 0, "Selesai", "", 1, M, "", None),
        ]),
    (ServiceKey.COMPLAINT, Channel.OFFLINE): (
        ["Pengadu", "Petugas pengaduan", "Unit terkait", "Sekretaris"], [
            (S, 0, "Menyampaikan pengaduan di ruang layanan", "Identitas", 15, M,
             "Pengaduan", None),
            (P, 1, "Mencatat pengaduan dan memberi nomor", "Register pengaduan", 10, M,
             "Nomor pengaduan", None),
            (P, 3, "Menelaah dan mendisposisikan pengaduan", "", 1, W, "Disposisi", None),
            (P, 2, "Menindaklanjuti pengaduan", "", 7, W, "Tindak lanjut", None),
            (P, 1, "Menyampaikan tanggapan tertulis kepada pengadu", "", 1, W, "Tanggapan",
             None),
            (E, 0, "Menerima tanggapan", "", 10, M, "", None),
        ]),
    (ServiceKey.COMPLAINT, Channel.ONLINE): (
        ["Pengadu", "Petugas pengaduan", "Unit terkait", "Sekretaris"], [
            (S, 0, "Mengirim pengaduan melalui email, chat atau SP4N-LAPOR!", "", 10, M,
             "Pengaduan", None),
            (P, 1, "Mencatat dan mengirim tanda terima", "", 1, H, "Tanda terima", None),
            (P, 3, "Menelaah dan mendisposisikan", "", 1, W, "Disposisi", None),
            (P, 2, "Menindaklanjuti", "", 7, W, "Tindak lanjut", None),
            (P, 1, "Mengirim tanggapan tertulis", "", 1, W, "Tanggapan", None),
            (E, 0, "Menerima tanggapan", "", 5, M, "", None),
        ]),
}


def _user(local: str, full_name: str, satker: Satker, role: str) -> User:
    user = User.objects.filter(email=f"{local}@{DOMAIN}").first()
    if user is None:
        user = User.objects.create(email=f"{local}@{DOMAIN}", full_name=full_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, satker=satker, role=role,
                                     defaults={"is_active": True})
    return user


def _decree(satker, actor, number: str, date: dt.date, subject: str) -> Document:
    existing = Document.objects.filter(satker=satker, kind=DocumentKind.DECREE,
                                       number=number).first()
    if existing is not None:
        return existing
    st = pdf.styles()
    content = pdf.build([Paragraph(f"Keputusan {satker.name}", st["title"]),
                         Paragraph(f"Nomor {number}", st["body"]),
                         Paragraph(f"Tentang {subject}", st["body"])],
                        title=f"SK {number}", stamp=False)
    file = ContentFile(content, name=f"sk-{number.replace('/', '-')}.pdf")
    return org_services.upload_document(satker=satker, actor=actor, file=file,
                                        checked=uploads.check_pdf(file),
                                        kind=DocumentKind.DECREE, number=number, date=date,
                                        subject=subject, is_public=True)


def _sop(service, channel, officer, head, sk, number, made_on, effective_on):
    actors, rows = SOPS[(service.key, channel)]
    sop = services.create_sop(service=service, channel=channel, actor=officer, data={
        "name": f"SOP {service.name} "
                f"{'Luring' if channel == Channel.OFFLINE else 'Daring'}", "number": number,
        "made_on": made_on, "legal_basis": service.legal_basis,
        "qualifications": service.competence,
        "related_sops": "SOP Pengelolaan Pengaduan; SOP Pengelolaan Arsip",
        "equipment": "Komputer, printer, jaringan internet, formulir, register",
        "warnings": "Bila langkah tidak dilaksanakan, pelayanan melampaui standar waktu dan "
                    "pemohon dapat mengajukan pengaduan.",
        "records": "Register pelayanan, arsip formulir dan tanda terima"},
        actor_names=actors)
    services.save_steps(sop=sop, actor=officer, actor_names=actors, rows=[
        {"kind": kind, "actor": actors[actor], "activity": activity, "requirements": needs,
         "time_value": value, "time_unit": unit, "output": output, "remarks": "",
         "no_goto": goto}
        for kind, actor, activity, needs, value, unit, output, goto in rows])
    services.approve_sop(sop=sop, actor=head, decree=sk, approver_name=head.full_name,
                         approver_position=f"Ketua {service.satker.name}",
                         approver_nip="197204152005011002", approved_on=sk.date)
    return services.make_effective(sop=sop, actor=officer, effective_on=effective_on)


@transaction.atomic
def load_servicestandards_demo() -> None:
    jepara = Satker.objects.filter(code="33.20").first()
    if jepara is None or Service.objects.filter(
            satker=jepara, key=ServiceKey.INFORMATION_REQUEST).exists():
        return
    officer = _user("ppid-jepara", "Agus Setiawan", jepara, Role.PPID)
    head = _user("ketua-jepara", "Ahmad Fauzi Rahman", jepara, Role.HEAD)
    sk = _decree(jepara, head, "61/PP.01-Kpt/3320/KPU-Kab/VII/2021", dt.date(2021, 7, 12),
                 "Penetapan Standar Pelayanan dan Standar Operasional Prosedur Pelayanan "
                 "KPU Kabupaten Jepara")
    for order, (key, name, data) in enumerate(SERVICES, start=1):
        service = services.create_service(satker=jepara, actor=officer, data={
            **COMMON, **data, "key": key, "name": name, "order": order})
        for number, channel in enumerate((Channel.OFFLINE, Channel.ONLINE), start=1):
            if (key, channel) in SOPS:
                _sop(service, channel, officer, head, sk,
                     f"{order:02d}.{number}/SOP/3320/2021", dt.date(2021, 7, 1),
                     dt.date(2021, 7, 19))
        services.publish_service(service=service, actor=officer)
    _province_template()


def _province_template() -> None:
    """Jawa Tengah's complaint SOP, offered to its kabupaten/kota as a template."""
    jateng = Satker.objects.filter(code="33").first()
    if jateng is None:
        return
    officer = _user("ppid-jateng", "Dewi Lestari", jateng, Role.PPID)
    head = _user("ketua-jateng", "Handi Tri Ujiono", jateng, Role.HEAD)
    sk = _decree(jateng, head, "88/PP.01-Kpt/33/Prov/VIII/2021", dt.date(2021, 8, 2),
                 "Penetapan SOP Pengelolaan Pengaduan KPU Provinsi Jawa Tengah")
    key, name, data = next(s for s in SERVICES if s[0] == ServiceKey.COMPLAINT)
    service = services.create_service(satker=jateng, actor=officer, data={
        **COMMON, **data, "key": key, "name": name,
        "pledge_signed_by": "Ketua KPU Provinsi Jawa Tengah"})
    sop = _sop(service, Channel.ONLINE, officer, head, sk, "05/SOP/33/2021",
               dt.date(2021, 8, 1), dt.date(2021, 8, 9))
    services.set_template(sop=sop, actor=officer, is_template=True)
    services.publish_service(service=service, actor=officer)
