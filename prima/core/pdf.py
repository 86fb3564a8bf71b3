"""Shared pieces of Prima's PDF documents (reportlab): the fonts every document uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_CANDIDATES = (
    # DejaVu where the system has it (wide Unicode coverage), else Vera shipped with reportlab.
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    (str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"),
     str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")),
)


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered once per process; Helvetica as a last resort."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("PrimaSans", regular))
            pdfmetrics.registerFont(TTFont("PrimaSans-Bold", bold))
            return "PrimaSans", "PrimaSans-Bold"
    return "Helvetica", "Helvetica-Bold"
