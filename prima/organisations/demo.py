"""The foundation's demo step (organisations' ``Capability.demo``, run first): KPU RI, KPU
Provinsi Jawa Tengah with its 35 kabupaten/kota, and KPU Kabupaten Jepara with its five
commissioners, secretary and divisions (fictional people), plus one demo login per role.
Idempotent: running it again refreshes the same records."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from prima.accounts.models import User
from prima.core.registry import registry
from prima.core.scope import in_subtree
from prima.organisations.choices import DivisionKind, Position, Role
from prima.organisations.models import Division, Membership, Satker
from prima.organisations.seed import seed_satkers

DEMO_PASSWORD = "Prima-Demo-2026"  # noqa: S105 - published demo credential, demo data only
DOMAIN = "demo.kpu.go.id"

# domain kpu.md: divisions of a five-member KPU Kabupaten/Kota and the secretariat sections.
DIVISIONS = [
    "Divisi Keuangan, Umum, Rumah Tangga dan Logistik",
    "Divisi Teknis Penyelenggaraan",
    "Divisi Sosialisasi, Pendidikan Pemilih, Partisipasi Masyarakat dan SDM",
    "Divisi Perencanaan, Data dan Informasi",
    "Divisi Hukum dan Pengawasan",
]
SECTIONS = [
    "Subbagian Keuangan, Umum dan Logistik",
    "Subbagian Teknis Penyelenggaraan Pemilu dan Hukum",
    "Subbagian Perencanaan, Data dan Informasi",
    "Subbagian Partisipasi, Hubungan Masyarakat dan SDM",
]
# Fictional commissioners of KPU Kabupaten Jepara, in the order of DIVISIONS (the chair first).
COMMISSIONERS = [
    ("Ahmad Fauzi Rahman", Position.CHAIR, "ketua-jepara"),
    ("Siti Nurhaliza Pratiwi", Position.MEMBER, None),
    ("Budi Santoso Wibowo", Position.MEMBER, None),
    ("Dewi Lestari Anggraini", Position.MEMBER, None),
    ("Rizky Hidayat Saputra", Position.MEMBER, None),
]

CONTACTS = {
    "0": dict(address="Jl. Imam Bonjol No. 29, Menteng, Jakarta Pusat 10310",
              phone="(021) 3193 7223", email="kontak@demo.kpu.go.id",
              website="https://www.kpu.go.id"),
    "33": dict(address="Jl. Veteran No. 1A, Semarang 50231", phone="(024) 831 6064",
               email="jateng@demo.kpu.go.id", website="https://jateng.kpu.go.id"),
    "33.20": dict(address="Jl. KH. Fauzan No. 4, Jepara 59417", phone="(0291) 591 234",
                  email="jepara@demo.kpu.go.id", website="https://kab-jepara.kpu.go.id"),
}


@dataclass
class DemoLogin:
    email: str
    role: str
    satker: str
    backup_codes: list[str] = field(default_factory=list)


@dataclass
class DemoResult:
    logins: list[DemoLogin]
    satkers: int

    def describe(self) -> str:
        lines = [f"Satuan kerja: {self.satkers}", "",
                 f"Login demo (kata sandi untuk semua / password for all: {DEMO_PASSWORD})"]
        for login in self.logins:
            line = f"  {login.email:<38} {login.role:<34} {login.satker}"
            lines.append(line)
            if login.backup_codes:
                codes = " ".join(login.backup_codes)
                lines.append(f"      kode 2FA cadangan / backup codes: {codes}")
        return "\n".join(lines)


def _user(local: str, full_name: str, *, usable_password: bool = True) -> User:
    user, _ = User.objects.get_or_create(email=f"{local}@{DOMAIN}",
                                         defaults={"full_name": full_name})
    user.full_name = full_name
    if usable_password:
        user.set_password(DEMO_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _membership(user, satker, role, *, position="", title="", division=None) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, satker=satker, role=role,
        defaults={"position": position, "title": title, "division": division, "is_active": True},
    )
    return membership


def _backup_codes(user, count: int = 5) -> list[str]:
    """Known static 2FA codes so the demo admin and evaluator can sign in without a phone."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Kode cadangan demo")
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [f"{user.pk:02d}{i:06d}"[-8:] for i in range(1, count + 1)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _divisions(satker) -> dict[str, Division]:
    result = {}
    for kind, names in ((DivisionKind.DIVISION, DIVISIONS), (DivisionKind.SECTION, SECTIONS)):
        for order, name in enumerate(names, start=1):
            division, _ = Division.objects.update_or_create(
                satker=satker, name=name, defaults={"kind": kind, "order": order})
            result[name] = division
    return result


@transaction.atomic
def load_demo() -> DemoResult:
    seed_satkers()
    satkers = {s.code: s for s in Satker.objects.filter(code__in=["0", "33", "33.20"])}
    for code, contact in CONTACTS.items():
        Satker.objects.filter(code=code).update(**contact)
    root, jateng, jepara = satkers["0"], satkers["33"], satkers["33.20"]
    Satker.objects.filter(pk=jepara.pk).update(description=(
        "KPU Kabupaten Jepara menyelenggarakan pemilihan umum dan pemilihan di Kabupaten Jepara, "
        "Jawa Tengah, dan menjalankan reformasi birokrasi dengan pelayanan prima sebagai "
        "intinya: data dan informasi tersedia daring tanpa harus datang ke kantor."))
    for satker in in_subtree(Satker.objects.all(), "33"):
        _divisions(satker)
    divisions = _divisions(jepara)

    logins: list[DemoLogin] = []

    def login(local, full_name, satker, role, *, position="", title="", division=None,
              two_factor=False):
        user = _user(local, full_name)
        _membership(user, satker, role, position=position, title=title, division=division)
        codes = _backup_codes(user) if two_factor else []
        logins.append(DemoLogin(user.email, registry.role_label(role), satker.name, codes))
        return user

    system_admin = login("admin", "Administrator Sistem", root, Role.ADMIN, two_factor=True)
    # The system administrator also manages the Django admin (worksheets, users, satker tree).
    User.objects.filter(pk=system_admin.pk).update(is_staff=True, is_superuser=True)
    login("evaluator-jateng", "Wulan Permatasari", jateng, Role.EVALUATOR, two_factor=True)
    login("admin-jepara", "Hendra Kurniawan", jepara, Role.ADMIN, two_factor=True)

    for index, (name, position, local) in enumerate(COMMISSIONERS):
        division = divisions[DIVISIONS[index]]
        title = ("Ketua merangkap " if position == Position.CHAIR else "Anggota, ") + division.name
        if local:
            login(local, name, jepara, Role.HEAD, position=position, title=title,
                  division=division)
        else:
            user = _user(f"komisioner{index + 1}-jepara", name, usable_password=False)
            _membership(user, jepara, Role.EMPLOYEE, position=position, title=title,
                        division=division)
    login("sekretaris-jepara", "Sri Wahyuningsih", jepara, Role.SECRETARY,
          position=Position.SECRETARY, title="Sekretaris KPU Kabupaten Jepara")
    login("ppid-jepara", "Agus Setiawan", jepara, Role.PPID, title="Pejabat Pengelola Informasi",
          division=divisions[SECTIONS[2]])
    login("atasan-ppid-jepara", "Retno Handayani", jepara, Role.ATASAN_PPID,
          title="Atasan PPID")
    login("tim-rb-jepara", "Yusuf Maulana", jepara, Role.REFORM,
          title="Anggota Tim Reformasi Birokrasi", division=divisions[SECTIONS[3]])
    login("pegawai-jepara", "Nur Aini Safitri", jepara, Role.EMPLOYEE, title="Staf Pelaksana",
          division=divisions[SECTIONS[0]])
    return DemoResult(logins=logins, satkers=Satker.objects.count())
