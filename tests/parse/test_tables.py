"""Tables drawn with reportlab's canvas: a caption left at the foot of a page, a one-column header."""

from __future__ import annotations

from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from .test_gutters import _font

ROWS = [("Administration", "2 191,7"), ("Köpta tjänster", "787,8"), ("Förbundschef", "946,4"), ("Totalt", "3 925,9")]


def _table(page, top: float, header: str) -> None:
    page.drawRightString(300, top, header)
    for k, (label, amount) in enumerate(ROWS):
        page.drawString(60, top - 14 * (k + 1), label)
        page.drawRightString(300, top - 14 * (k + 1), amount)


def test_a_caption_at_the_foot_of_a_page_is_the_next_pages_tables(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "split.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    font = _font()
    page.setFont(font, 9)
    page.drawString(60, A4[1] - 80, "Förbundet arbetar för att fler ska komma i arbete.")
    page.drawString(60, 120, "Budget för förbundet")
    page.drawString(60, 106, "Belopp i tkr")
    page.showPage()
    page.setFont(font, 9)
    _table(page, A4[1] - 80, "Budget 2024")
    page.save()
    table = parse_pdf(path, "split.pdf", LayoutSettings()).tables[0]
    assert table["page"] == 2
    assert table["title"] == "Belopp i tkr" and table["notes"] == ["Budget för förbundet", "Belopp i tkr"]


def test_a_header_wider_than_its_one_column_heads_it(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "one.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 9)
    page.drawString(60, A4[1] - 66, "Flerårsbudget – belopp i tkr")
    _table(page, A4[1] - 80, "Prognos helår 2023")
    page.save()
    table = parse_pdf(path, "one.pdf", LayoutSettings()).tables[0]
    assert [c["text"] for c in table["rows"][0]] == ["", "Prognos helår 2023"]
    assert [[c["text"] for c in row] for row in table["rows"][1:]] == [list(r) for r in ROWS]
