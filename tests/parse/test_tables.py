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


def test_a_column_empty_on_one_page_and_a_dash_for_an_empty_amount_keep_one_table(tmp_path):
    """A "Not" column with no note reference until page 2, and "–" standing for an empty amount."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "notes.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    font = _font()
    page.setFont(font, 9)
    page.drawString(60, A4[1] - 80, "Förbundet arbetar för att fler ska komma i arbete.")
    first = [("Försäkringskassan", "", "3 534,8", "3 351,7"), ("Arbetsförmedlingen", "", "–", "3 494,5")]
    second = [("Haninge kommun", "2", "3 769,7", "4 519,9"), ("Umeå kommun", "", "918,8", "815,1"),
              ("Summa intäkter", "", "8 223,3", "15 181,2")]
    y = 130
    for text, x in (("tkr", 60), ("Not", 200), ("Bokslut 2025", 300), ("B2026", 380)):
        (page.drawString if x == 60 else page.drawRightString)(x, y, text)
    for k, row in enumerate(first):
        page.drawString(60, y - 14 * (k + 1), row[0])
        for text, x in zip(row[1:], (200, 300, 380), strict=True):
            page.drawRightString(x, y - 14 * (k + 1), text)
    page.showPage()
    page.setFont(font, 9)
    for k, row in enumerate(second):
        page.drawString(60, A4[1] - 80 - 14 * k, row[0])
        for text, x in zip(row[1:], (200, 300, 380), strict=True):
            page.drawRightString(x, A4[1] - 80 - 14 * k, text)
    page.save()
    tables = parse_pdf(path, "notes.pdf", LayoutSettings()).tables
    assert len(tables) == 1 and tables[0]["continued_on"] == [2]
    rows = [[c["text"] for c in row] for row in tables[0]["rows"]]
    assert rows == [["tkr", "Not", "Bokslut 2025", "B2026"], *[list(r) for r in first + second]]


def test_a_caption_that_starts_where_the_labels_start_is_no_header(tmp_path):
    """A caption as wide as the table ("Tabell 1. Resultaträkning i sammandrag (tkr)") over a header
    of years, with a narrow label column: it names the table, it heads no column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "caption.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 9)
    top = A4[1] - 80
    page.drawString(60, top + 16, "Tabell 1. Resultaträkning i sammandrag (tkr)")
    for x, year in ((170, "Plan 2027"), (230, "Plan 2028"), (290, "Plan 2029")):
        page.drawRightString(x, top, year)
    for k, label in enumerate(("Bank", "Lokal", "IT", "Summa")):
        page.drawString(60, top - 14 * (k + 1), label)
        for x in (170, 230, 290):
            page.drawRightString(x, top - 14 * (k + 1), f"{k + 1} 000,{k}")
    page.save()
    table = parse_pdf(path, "caption.pdf", LayoutSettings()).tables[0]
    assert [c["text"] for c in table["rows"][0]] == ["", "Plan 2027", "Plan 2028", "Plan 2029"]


def test_the_caption_over_a_header_left_at_the_foot_of_a_page_is_the_next_pages_tables(tmp_path):
    """The header alone stands over the value columns only; its caption and unit note start left of it,
    where the labels on the next page start."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "header.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    font = _font()
    page.setFont(font, 9)
    page.drawString(60, A4[1] - 80, "Styrelsen fastställer budgeten för det kommande året och en plan för åren därpå.")
    page.drawString(60, 134, "Budgetram")
    page.drawString(60, 120, "Alla belopp i tkr")
    page.drawRightString(300, 104, "Budget 2024")
    page.drawRightString(380, 104, "Budget 2025")
    page.showPage()
    page.setFont(font, 9)
    for k, (label, amount) in enumerate(ROWS):
        page.drawString(60, A4[1] - 80 - 14 * k, label)
        page.drawRightString(300, A4[1] - 80 - 14 * k, amount)
        page.drawRightString(380, A4[1] - 80 - 14 * k, amount)
    page.save()
    tables = parse_pdf(path, "header.pdf", LayoutSettings()).tables
    assert len(tables) == 1 and tables[0]["title"] == "Alla belopp i tkr"
    assert [c["text"] for c in tables[0]["rows"][0]] == ["", "Budget 2024", "Budget 2025"]
