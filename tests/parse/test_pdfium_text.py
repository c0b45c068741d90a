"""pdfium's text of a page, read in one call, is the text read character by character.

pdfium_text._page_text takes a page's text with FPDFText_GetText and falls back to one call per
character where that text does not line up with the characters; both must give every character the
text FPDFText_GetUnicode gives it ('-' for a hyphen pdfium marks as ending a line).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from pipeline.parse import pdfium_text
from pipeline.parse.pdfium_text import _calls, _page_text, _text_of


def _hyphenated(path: Path) -> None:
    """Words broken over lines with a hyphen (pdfium marks such a hyphen with a control code), a
    ligature character, accented letters and a line of figures."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    lines = ["Samordnings-", "förbundets budget-", "ram för år 2025 \u00e5\u00e4\u00f6", "Summa 1 234 -56",
             "kostnads-", "ökning"]
    for i, line in enumerate(lines):
        c.drawString(72, 700 - 12 * i, line)
    c.showPage()
    c.save()


def _one_by_one(textpage) -> list[str]:
    _, unicode_at, _ = _calls()
    return [_text_of(unicode_at(textpage, index)) for index in range(pdfium_c.FPDFText_CountChars(textpage))]


@pytest.fixture
def textpage(tmp_path):
    _hyphenated(tmp_path / "hyphens.pdf")
    document = pypdfium2.PdfDocument(str(tmp_path / "hyphens.pdf"))
    page = document[0]
    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    yield textpage
    pdfium_c.FPDFText_ClosePage(textpage)
    page.close()
    document.close()


def test_the_page_text_in_one_call_is_the_text_of_each_character(textpage):
    expected = _one_by_one(textpage)
    found = _page_text(textpage, len(expected))
    assert list(found) == expected
    assert expected.count("-") == 4  # three ending a line (U+FFFE in pdfium's text, asked for again) and '-56'


def test_a_text_that_does_not_line_up_is_read_character_by_character(textpage, monkeypatch):
    """Where pdfium's text leaves characters out (control codes it drops), its indices are not the
    characters': the text is then asked for one character at a time."""
    expected = _one_by_one(textpage)
    monkeypatch.setattr(pdfium_text.pdfium_c, "FPDFText_GetTextIndexFromCharIndex", lambda page, index: index - 1)
    found = _page_text(textpage, len(expected))
    assert isinstance(found, list)
    assert found == expected


def test_an_empty_page_has_no_text():
    assert _page_text(None, 0) == ""
