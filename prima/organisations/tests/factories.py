import hashlib
import io
from types import SimpleNamespace

import factory
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from prima.accounts.models import User
from prima.organisations.choices import Level, Role, TimeZone
from prima.organisations.models import Division, Document, Membership, Satker

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"pengguna{n}@kpu.test")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.django.Password(PASSWORD)


class SatkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99.{n:02d}")
    name = factory.LazyAttribute(lambda o: f"KPU Uji {o.code}")
    level = Level.REGENCY
    timezone = TimeZone.WIB


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    satker = factory.SubFactory(SatkerFactory)
    kind = "divisi"
    name = factory.Sequence(lambda n: f"Divisi {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    satker = factory.SubFactory(SatkerFactory)
    role = Role.EMPLOYEE


def build_small_tree():
    root = SatkerFactory(code="0", name="KPU Republik Indonesia", level=Level.NATIONAL)
    jateng = SatkerFactory(code="33", name="KPU Provinsi Jawa Tengah", level=Level.PROVINCE,
                           parent=root)
    jepara = SatkerFactory(code="33.20", name="KPU Kabupaten Jepara", parent=jateng)
    kudus = SatkerFactory(code="33.19", name="KPU Kabupaten Kudus", parent=jateng)
    jabar = SatkerFactory(code="32", name="KPU Provinsi Jawa Barat", level=Level.PROVINCE,
                          parent=root)
    bogor = SatkerFactory(code="32.01", name="KPU Kabupaten Bogor", parent=jabar)
    papua = SatkerFactory(code="91", name="KPU Provinsi Papua", level=Level.PROVINCE,
                          parent=root, timezone=TimeZone.WIT)
    return SimpleNamespace(root=root, jateng=jateng, jepara=jepara, kudus=kudus, jabar=jabar,
                           bogor=bogor, papua=papua)


def member(satker, role, **user_kwargs):
    return MembershipFactory(satker=satker, role=role, user=UserFactory(**user_kwargs)).user


def build_people(tree):
    """One person per role of the matrix; Jepara is 'this satker', Kudus 'another satker'."""
    return SimpleNamespace(
        system_admin=member(tree.root, Role.ADMIN, full_name="Admin Sistem"),
        admin=member(tree.jepara, Role.ADMIN, full_name="Admin Jepara"),
        head=member(tree.jepara, Role.HEAD, full_name="Ketua Jepara"),
        secretary=member(tree.jepara, Role.SECRETARY, full_name="Sekretaris Jepara"),
        ppid=member(tree.jepara, Role.PPID, full_name="PPID Jepara"),
        atasan_ppid=member(tree.jepara, Role.ATASAN_PPID, full_name="Atasan PPID Jepara"),
        reform=member(tree.jepara, Role.REFORM, full_name="Tim RB Jepara"),
        employee=member(tree.jepara, Role.EMPLOYEE, full_name="Pegawai Jepara"),
        evaluator=member(tree.jateng, Role.EVALUATOR, full_name="Evaluator Jateng"),
        other_admin=member(tree.kudus, Role.ADMIN, full_name="Admin Kudus"),
        other_employee=member(tree.kudus, Role.EMPLOYEE, full_name="Pegawai Kudus"),
        other_evaluator=member(tree.jabar, Role.EVALUATOR, full_name="Evaluator Jabar"),
        citizen=UserFactory(full_name="Warga Biasa"),
    )


def pdf_bytes(pages: int = 1, *, password: str | None = None) -> bytes:
    """A small, valid PDF (optionally encrypted) made with pypdf."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document with a stored PDF; set MEDIA_ROOT to a temporary directory in the test."""

    class Meta:
        model = Document

    class Params:
        content = factory.LazyFunction(pdf_bytes)

    satker = factory.SubFactory(SatkerFactory)
    kind = "sk"
    number = factory.Sequence(lambda n: f"{n + 1}/PP.01-Kpt/2024")
    date = factory.Faker("date_between", start_date="-3y", end_date="today")
    subject = factory.Sequence(lambda n: f"Penetapan uji {n}")
    uploaded_by = factory.SubFactory(UserFactory)
    original_name = "sk.pdf"
    is_public = False
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="sk.pdf"))
