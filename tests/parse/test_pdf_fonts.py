"""Fonts' descents are pdfminer's, read without parsing simple fonts' ToUnicode maps."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from pipeline.parse.pdf_fonts import _without_unicode_map, font_descents

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(path: Path) -> None:
    """A standard font, and an embedded TrueType font with a ToUnicode map (reportlab writes one)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Times-Roman", 10)
    c.drawString(72, 700, "Budget 2025")
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    c.setFont("DejaVu", 10)
    c.drawString(72, 680, "Samordningsförbundet 1 234")
    c.showPage()
    c.save()


def _pdfminer_descents(path: Path) -> dict[str, float]:
    """Each font's name and descent as pdfminer reads the whole font dictionary."""
    found = {}
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            for ref in resolve1(resolve1(page.resources)["Font"]).values():
                font = PDFResourceManager(caching=False).get_font(None, resolve1(ref))
                found[str(font.fontname)] = float(font.get_descent())
    return found


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font")
def test_descents_are_pdfminers_with_the_whole_font_read(tmp_path):
    _pdf(tmp_path / "fonts.pdf")
    expected = _pdfminer_descents(tmp_path / "fonts.pdf")
    (found,) = font_descents(tmp_path / "fonts.pdf")
    assert any(name.endswith("DejaVuSans") for name in expected)  # the font with a ToUnicode map
    assert {name: found[name] for name in expected} == expected


def test_only_a_simple_fonts_unicode_map_is_left_out():
    from pdfminer.psparser import LIT

    simple = {"Subtype": LIT("TrueType"), "ToUnicode": object(), "BaseFont": LIT("F")}
    assert "ToUnicode" not in _without_unicode_map(simple)
    assert "ToUnicode" in simple  # the document's own dictionary is left as it is
    composite = {"Subtype": LIT("Type0"), "ToUnicode": object()}
    assert _without_unicode_map(composite) is composite
