"""Demo data of the integrity zone (idempotent): the national integrity pact (version 1,
2020), KPU Kabupaten Jepara's declaration of its integrity zone in early 2020 (together with
forming its reform team, integrity-zone.md stage 1) with a printed charter, Jepara building
towards WBK, and every Jepara employee's signature, made through the signing service with the
known demo password."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from prima.accounts.models import User
from prima.core import pdf
from prima.organisations.demo import DEMO_PASSWORD, DOMAIN
from prima.organisations.models import Membership, Satker

from . import services
from .choices import Target, UnitStatus
from .models import Declaration, PactVersion, Signature, ZoneUnit

PACT_TITLE = "Pakta Integritas Pegawai Komisi Pemilihan Umum"
PACT_BODY = """Dalam rangka mewujudkan Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi Bersih dan Melayani (WBBM), saya menyatakan bahwa saya:

1. berperan secara pro aktif dalam upaya pencegahan dan pemberantasan korupsi, kolusi dan nepotisme serta tidak melibatkan diri dalam perbuatan tercela;
2. tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, hadiah, bantuan, atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;
3. bersikap transparan, jujur, obyektif, dan akuntabel dalam melaksanakan tugas;
4. menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas;
5. memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan tugas, terutama kepada pegawai yang berada di bawah pengawasan saya dan sesama pegawai;
6. akan menyampaikan informasi penyimpangan integritas serta turut menjaga kerahasiaan saksi atas pelanggaran peraturan yang dilaporkannya;
7. bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya."""  # noqa: E501


def _charter_pdf() -> ContentFile:
    s = pdf.styles(title_align="center")
    story = [pdf.paragraph("Piagam Pencanangan Pembangunan Zona Integritas", s["title"]),
             pdf.paragraph("KPU Kabupaten Jepara menuju Wilayah Bebas dari Korupsi", s["subtitle"]),
             pdf.paragraph("Jepara, 10 Februari 2020. Disaksikan oleh perwakilan KemenPANRB, "
                           "KPK, Ombudsman RI dan masyarakat.", s["body"])]
    return ContentFile(pdf.build(story, title="Piagam Pencanangan ZI"), name="piagam-zi.pdf")


def _sign(user: User, version: PactVersion) -> None:
    """Sign through the service with the demo password; an account that has no login in the
    demo gets the password only for the moment of signing."""
    if Signature.objects.filter(version=version, user=user).exists():
        return
    usable = user.has_usable_password()
    if not usable:
        user.set_password(DEMO_PASSWORD)
    services.sign_pact(user=user, version=version, password=DEMO_PASSWORD,
                       text_sha256=version.text_sha256, ip_address="127.0.0.1")
    if not usable:
        user.set_unusable_password()
        user.save(update_fields=["password"])


@transaction.atomic
def load_integrity_demo() -> dict:
    admin = User.objects.get(email=f"admin@{DOMAIN}")
    jepara = Satker.objects.get(code="33.20")
    version = PactVersion.objects.current()
    if version is None:
        draft = PactVersion.objects.filter(period=2020, title=PACT_TITLE).first() or \
            services.create_version(actor=admin, period=2020, title=PACT_TITLE, body=PACT_BODY)
        version = services.publish_version(version=draft, actor=admin)
    head = (Membership.objects.active().filter(satker=jepara, role="head")
            .select_related("user").first())
    actor = head.user if head else admin
    if not Declaration.objects.filter(satker=jepara).exists():
        services.record_declaration(
            satker=jepara, actor=actor, charter_upload=_charter_pdf(), data={
                "date": dt.date(2020, 2, 10),
                "event": "Pencanangan Pembangunan Zona Integritas menuju WBK",
                "place": "Aula KPU Kabupaten Jepara",
                "witnesses": "KemenPANRB\nKPK\nOmbudsman RI\nPerwakilan masyarakat Jepara",
                "description": "Dicanangkan bersamaan dengan pembentukan Tim Reformasi "
                               "Birokrasi 2020, setelah pimpinan dan seluruh pegawai "
                               "menandatangani pakta integritas.",
                "is_public": True})
    if not ZoneUnit.objects.filter(satker=jepara).exists():
        unit = services.add_unit(satker=jepara, actor=actor, target=Target.WBK, year=2020,
                                 note="KPU Kabupaten Jepara sebagai satu unit kerja.")
        services.move_unit(unit=unit, actor=actor, to=UnitStatus.INTERNAL)
    users = User.objects.filter(pk__in=Membership.objects.active().filter(satker=jepara)
                                .values("user")).order_by("pk")
    for user in users:
        _sign(user, version)
    return {"version": version.pk,
            "signed": Signature.objects.filter(version=version, satker=jepara).count()}
