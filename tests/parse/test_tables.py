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


def test_a_table_over_three_pages_keeps_every_page_s_rows(tmp_path):
    """The third page's rows join the table the first page began (they once joined the second page's
    part, which had already been merged away, and were lost)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "three.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    font = _font()
    rows = [(f"Insats {k}", f"{k} 1{k}0") for k in range(1, 10)]
    parts = [rows[:3], rows[3:6], rows[6:]]
    for number, part in enumerate(parts):
        page.setFont(font, 9)
        top = 140 if number == 0 else A4[1] - 80
        if number == 0:
            page.drawString(60, A4[1] - 80, "Förbundet arbetar för att fler ska komma i arbete.")
        page.drawRightString(300, top, "Budget 2024")  # the header repeated on every page
        for k, (label, amount) in enumerate(part):
            page.drawString(60, top - 14 * (k + 1), label)
            page.drawRightString(300, top - 14 * (k + 1), amount)
        page.showPage()
    page.save()
    tables = parse_pdf(path, "three.pdf", LayoutSettings()).tables
    assert len(tables) == 1 and tables[0]["continued_on"] == [2, 3]
    assert [[c["text"] for c in row] for row in tables[0]["rows"][1:]] == [list(r) for r in rows]


def test_a_last_row_carried_overleaf_above_the_next_tables_caption_joins_its_table(tmp_path):
    """Page 2 opens with the first table's last row, then the next table's caption and header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "overleaf.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    font = _font()
    page.setFont(font, 9)
    page.drawString(60, A4[1] - 80, "Förbundet arbetar för att fler ska komma i arbete.")
    page.drawRightString(300, 140, "Budget 2025")
    page.drawRightString(380, 140, "Budget 2026")
    for k, (label, a, b) in enumerate([("Intäkter", "3 000", "3 100"), ("Kostnader", "-2 400", "-2 700")]):
        page.drawString(60, 126 - 14 * k, label)
        page.drawRightString(300, 126 - 14 * k, a)
        page.drawRightString(380, 126 - 14 * k, b)
    page.showPage()
    page.setFont(font, 9)
    top = A4[1] - 80
    page.drawString(60, top, "Budgeterat resultat")
    page.drawRightString(300, top, "600")
    page.drawRightString(380, top, "400")
    page.drawString(60, top - 40, "Kostnadsbudget per insats, tkr")
    page.drawRightString(300, top - 56, "Budget 2025")
    for k, (label, a) in enumerate([("Insats A", "1 200"), ("Insats B", "1 200"), ("Summa", "2 400")]):
        page.drawString(60, top - 70 - 14 * k, label)
        page.drawRightString(300, top - 70 - 14 * k, a)
    page.save()
    tables = parse_pdf(path, "overleaf.pdf", LayoutSettings()).tables
    assert [c["text"] for c in tables[0]["rows"][-1]] == ["Budgeterat resultat", "600", "400"]
    assert tables[0]["continued_on"] == [2] and tables[1]["title"] == "Kostnadsbudget per insats, tkr"


def _canvas(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 9)
    return page, A4[1]


def test_a_caption_and_a_one_column_header_under_rows_open_the_next_table(tmp_path):
    """Two one-column tables one blank line apart (a spreadsheet's): the second one's caption after the
    white space and its own header over the same column ("Prognos 2022" under rows headed "Utfall 2022")
    start a table of its own, captioned by the line over its header, not a section of the first."""
    path = tmp_path / "stacked.pdf"
    page, height = _canvas(path)
    top = height - 80
    page.drawString(60, top + 14, "Budget för förbundet, mnkr")
    _table(page, top, "Utfall 2022")
    second = top - 14 * (len(ROWS) + 3)  # a blank line between the first total and the caption
    page.drawString(60, second + 14, "Budget för förbundet")
    _table(page, second, "Prognos 2022")
    page.save()
    tables = parse_pdf(path, "stacked.pdf", LayoutSettings()).tables
    assert [t["title"] for t in tables] == ["Budget för förbundet, mnkr", "Budget för förbundet"]
    for table, header in zip(tables, ("Utfall 2022", "Prognos 2022"), strict=True):
        assert [[c["text"] for c in row] for row in table["rows"]] == [["", header], *[list(r) for r in ROWS]]


def test_a_lone_year_left_at_the_foot_of_a_page_heads_the_column_overleaf(tmp_path):
    """Caption, unit note and the one year over a one-column table end a page, its rows open the next:
    the year is the column's header (a bare year there is no amount) and the caption and note go with it."""
    path = tmp_path / "foot.pdf"
    page, height = _canvas(path)
    page.drawString(60, height - 80, "Förbundet arbetar för att fler ska komma i arbete.")
    page.drawString(60, 140, "Budgetram")
    page.drawString(60, 126, "Beloppen anges i miljoner kronor.")
    page.drawRightString(300, 108, "2025")
    page.showPage()
    page.setFont(_font(), 9)
    for k, (label, amount) in enumerate(ROWS):
        page.drawString(60, height - 80 - 14 * k, label)
        page.drawRightString(300, height - 80 - 14 * k, amount)
    page.save()
    table = parse_pdf(path, "foot.pdf", LayoutSettings()).tables[0]
    assert table["page"] == 2
    assert [[c["text"] for c in row] for row in table["rows"]] == [["", "2025"], *[list(r) for r in ROWS]]
    assert table["notes"] == ["Budgetram", "Beloppen anges i miljoner kronor."]


def test_the_end_of_a_label_cut_by_the_page_break_goes_back_to_its_row(tmp_path):
    """A label wrapped in a narrow cell, cut by the page break ("Summa verksamhetens" | "kostnader"),
    with one more row on the new page: the label is whole again and the last row reads on."""
    path = tmp_path / "cut.pdf"
    page, height = _canvas(path)
    page.drawString(60, 200, "Resultatbudget")
    page.drawRightString(300, 186, "Utfall 2021")
    page.drawRightString(380, 186, "Budget 2022")
    rows = [("Övriga intäkter", "215,5", "198,6"), ("Summa", "- 845,0", "- 780,2")]
    for k, (label, *amounts) in enumerate(rows):
        page.drawString(60, 172 - 20 * k, label)
        for x, amount in zip((300, 380), amounts, strict=True):
            page.drawRightString(x, 172 - 20 * k, amount)
    page.drawString(60, 142, "verksamhetens")
    page.showPage()
    page.setFont(_font(), 9)
    page.drawString(60, height - 80, "kostnader")
    page.drawString(60, height - 100, "Budgeterat resultat")
    for x, amount in ((300, "23,6"), (380, "- 22,2")):
        page.drawRightString(x, height - 100, amount)
    page.save()
    tables = parse_pdf(path, "cut.pdf", LayoutSettings()).tables
    assert len(tables) == 1 and tables[0]["continued_on"] == [2]
    assert [[c["text"] for c in row] for row in tables[0]["rows"][1:]] == [
        ["Övriga intäkter", "215,5", "198,6"], ["Summa verksamhetens kostnader", "- 845,0", "- 780,2"],
        ["Budgeterat resultat", "23,6", "- 22,2"]]


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


def test_a_header_repeated_overleaf_is_dropped_even_when_its_cells_fall_differently():
    """'Budget' spans '2025 2026'; on page 2 it fell to both columns, so its row matched no row of
    page 1 cell for cell (and its years were read as a header mid-table), but every word of it is a
    word of the header the table began with."""
    from pipeline.parse.stitch import _without_repeated_header

    def row(*texts: str) -> list[dict]:
        return [{"text": t} for t in texts]

    before = [row("Konto", "Budget", ""), row("", "2025", "2026"), row("Intäkter", "1 100", "1 200")]
    after = [row("Konto", "Budget", "Budget"), row("Kostnader", "", ""), row("Hyra", "-400", "-420")]
    assert _without_repeated_header(after, before) == after[1:]
    assert _without_repeated_header(after[1:], before) == after[1:]  # a section heading is no header
    corner = [row("Intäkter (tkr)", "Budget", ""), row("", "2025", "2026"), row("Avgifter", "1 100", "1 200")]
    assert _without_repeated_header([row("Intäkter", "", ""), *after[2:]], corner)[0][0]["text"] == "Intäkter"

