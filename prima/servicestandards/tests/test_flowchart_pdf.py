import io

import pytest
from pypdf import PdfReader

from prima.servicestandards import exports, flowchart
from prima.servicestandards.choices import SopStatus, StepKind
from prima.servicestandards.flowchart import Box, Path, Poly, StepShape

from .factories import build_sop

pytestmark = pytest.mark.django_db

SEVEN = ["Pemohon", "Petugas layanan", "Operator", "PPID", "Atasan PPID", "Sekretaris",
         "Ketua"]


def test_layout_draws_the_standard_symbols_and_branches():
    steps = [StepShape(1, StepKind.START, 0, "Mulai"),
             StepShape(2, StepKind.PROCESS, 1, "Periksa berkas"),
             StepShape(3, StepKind.DECISION, 1, "Lengkap?", no_goto=2),
             StepShape(4, StepKind.END, 0, "Selesai")]

    diagram = flowchart.layout(["Pemohon", "Petugas"], steps, column_width=150,
                               row_heights=[70] * 4)

    terminators = [s for s in diagram.shapes if isinstance(s, Box) and s.radius > 0]
    diamonds = [s for s in diagram.shapes if isinstance(s, Poly) and len(s.points) == 4]
    paths = [s for s in diagram.shapes if isinstance(s, Path)]
    assert len(terminators) == 2 and len(diamonds) == 1
    assert len(paths) == 4  # 1→2, 2→3, 3→4 (ya) and 3→2 (tidak)
    svg = flowchart.to_svg(diagram, title="Bagan")
    assert svg.startswith("<svg") and ">Ya<" in svg and ">Tidak<" in svg
    assert "Pemohon" in svg and "<polygon" in svg


def test_wrap_keeps_lines_short_and_marks_cut_text():
    lines = flowchart.wrap("satu dua tiga empat lima enam tujuh delapan sembilan", 60, 7, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")


def test_long_sop_prints_on_several_landscape_pages_with_connectors(service, people):
    sop = build_sop(service, people.ppid, steps=25, actors=SEVEN, decision_at=20,
                    status=SopStatus.EFFECTIVE, approver=people.head)

    content = exports.sop_pdf(sop)

    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 2  # identity page, then the procedure over several pages
    page = reader.pages[1]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "lanjut ke langkah" in text and "dari langkah" in text
    assert "Pelaksana" in text and "Mutu baku" in text and "Operator" in text
    assert "\nNo\n" in text and "SK " in text
    tables, labels = exports.procedure_pages(
        sop, list(sop.actors.all()), list(sop.steps.all()),
        st=exports.pdf.styles(size=8.5, cell_size=7.5),
        width=exports.pdf.usable_width(exports.pdf.LANDSCAPE, exports.MARGINS),
        available=500)
    assert len(tables) > 1
    # Each page break has a connector at the bottom and the same letter at the next top; the
    # "Tidak" branch of step 20 back to step 2 (another page) ends in a connector naming it.
    assert labels.count("A") == 2 and labels.count("B") == 2 and "2" in labels


def test_service_standard_pdf(service):
    reader = PdfReader(io.BytesIO(exports.service_pdf(service)))
    text = reader.pages[0].extract_text()
    assert "STANDAR PELAYANAN" in text and "Persyaratan" in text
    assert "Maklumat pelayanan" in text
