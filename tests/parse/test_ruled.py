"""Ruled tables as a spreadsheet prints them: two grids close together, a header centred over a
column wider than its amounts."""

from __future__ import annotations

from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from .test_sheets import _font

ROW = 12.0


def _grid(page, top: float, rows: list[list[str]], widths: list[float], left: float = 60) -> float:
    """A table with a rule under every row and a vertical at every column edge; returns its bottom."""
    edges = [left]
    for w in widths:
        edges.append(edges[-1] + w)
    bottom = top - ROW * len(rows)
    for i in range(len(rows) + 1):
        page.line(left, top - ROW * i, edges[-1], top - ROW * i)
    for x in edges:
        page.line(x, top, x, bottom)
    for i, row in enumerate(rows):
        y = top - ROW * (i + 1) + 3
        page.drawString(left + 2, y, row[0])
        for j, text in enumerate(row[1:], start=1):
            page.drawRightString(edges[j + 1] - 2, y, text)
    return bottom


def test_two_grids_with_a_caption_between_are_two_tables(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "grids.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Body", 8)
    bottom = _grid(page, 700, [["Post", "Budget 2024", "Budget 2025"], ["Lokalhyra", "120", "130"],
                               ["Summa", "120", "130"]], [150, 70, 70])
    page.drawString(60, bottom - ROW * 2 + 3, "Budgetram")
    page.drawString(60, bottom - ROW * 3 + 3, "(mnkr)")
    _grid(page, bottom - ROW * 3, [["Post", "Utfall 2023", "Budget 2024", "Budget 2025"],
                                   ["Revision", "1,5", "1,6", "1,7"], ["Summa", "1,5", "1,6", "1,7"]],
          [150, 70, 70, 70])
    page.save()
    tables = parse_pdf(path, "grids.pdf", LayoutSettings()).tables
    assert len(tables) == 2
    assert [r[0]["text"] for r in tables[0]["rows"]] == ["Post", "Lokalhyra", "Summa"]
    assert tables[1]["title"] == "(mnkr)" and tables[1]["rows"][1][0]["text"] == "Revision"


def test_a_header_centred_over_a_wide_column_heads_it(tmp_path):
    """Rules under the header and over the total; "Budget 2026" is centred in a column wider than
    its amounts, so it starts left of them (but right of every label); a section line follows."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "centred.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Body", 8)
    page.drawString(60, 720, "Tabell 1. Budget")
    page.drawCentredString(335, 711, "Budget 2026")
    page.line(60, 705, 380, 705)
    rows = [("Intäkter", ""), ("Kommunbidrag", "3 041 867"), ("Statligt bidrag", "2 420 879"),
            ("Summa intäkter", "5 462 746")]
    for i, (label, amount) in enumerate(rows):
        y = 696 - ROW * i
        if label.startswith("Summa"):
            page.line(60, y + 9, 380, y + 9)
        page.drawString(60, y, label)
        page.drawRightString(378, y, amount)
    page.save()
    tables = parse_pdf(path, "centred.pdf", LayoutSettings()).tables
    assert [c["text"] for c in tables[0]["rows"][0]] == ["", "Budget 2026"]


def test_a_caption_after_white_space_starts_the_next_borderless_table(tmp_path):
    """No rules at all: rows of one table, a blank line, a caption, then the next table's header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "stacked.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Body", 8)
    lines = [("Post", "Budget 2024", "Budget 2025"), ("Lokalhyra", "120", "130"), ("Summa", "120", "130"),
             None, ("Ekonomisk översikt, mnkr",), ("Konto", "Utfall 2023", "Budget 2024"),
             ("Revision", "1,5", "1,6"), ("Summa", "1,5", "1,6")]
    for i, line in enumerate(lines):
        y = 700 - ROW * i
        for j, text in enumerate(line or ()):
            page.drawString(60, y, text) if j == 0 else page.drawRightString(250 + 80 * j, y, text)
    page.save()
    tables = parse_pdf(path, "stacked.pdf", LayoutSettings()).tables
    assert [[r[0]["text"] for r in t["rows"]] for t in tables] == [["Post", "Lokalhyra", "Summa"],
                                                                  ["Konto", "Revision", "Summa"]]
    assert tables[1]["title"] == "Ekonomisk översikt, mnkr"


def test_a_total_wider_than_the_amounts_above_it_joins_the_ruled_rows(tmp_path):
    """Rules under the header and under each row but not the total, whose amounts are wider than
    every amount above them (they reach left of the column's edge): still one amount each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "total.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Body", 8)
    rows = [("Kr", "Budget 2023", "Budget 2024"), ("Försäkringskassan", "651 192", "777 619"),
            ("Arbetsförmedlingen", "321 882", "278 000"), ("Hedemora kommun", "96 633", "84 000"),
            ("Summa", "1 069 707", "1 139 619")]
    for i, row in enumerate(rows):
        y = 700 - ROW * i
        if i < len(rows) - 1:
            page.line(60, y - 3, 380, y - 3)
        page.drawString(60, y, row[0])
        for j, text in enumerate(row[1:], start=1):
            page.drawRightString(230 + 70 * j, y, text)
    page.save()
    table = parse_pdf(path, "total.pdf", LayoutSettings()).tables[0]
    assert [c["text"] for c in table["rows"][-1]] == ["Summa", "1 069 707", "1 139 619"]


def test_a_row_taller_than_the_rule_gap_stays_in_its_grid(tmp_path):
    """A Word grid whose label wraps over five lines in a narrow column: its row is taller than
    rules that frame one table ever stand apart, but the column rules run on through it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "tall.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Body", 8)
    rows = [(["Post"], "Budget 2025"), (["Lokalhyra"], "120"),
            (["Medel", "från", "kommuner", "och", "region"], "1 300"), (["Revision"], "40"), (["Summa"], "1 460")]
    edges, y = [60, 120, 200], 700
    for labels, amount in rows:
        page.line(edges[0], y, edges[-1], y)
        for k, label in enumerate(labels):
            page.drawString(edges[0] + 2, y - 9 - 10 * k, label)
        page.drawRightString(edges[-1] - 2, y - 9 - 10 * (len(labels) - 1), amount)
        y -= 12 + 10 * (len(labels) - 1)
    page.line(edges[0], y, edges[-1], y)
    for x in edges:
        page.line(x, 700, x, y)
    page.save()
    tables = parse_pdf(path, "tall.pdf", LayoutSettings()).tables
    assert len(tables) == 1
    assert [[c["text"] for c in r] for r in tables[0]["rows"]] == [
        ["Post", "Budget 2025"], ["Lokalhyra", "120"], ["Medel från kommuner och region", "1 300"],
        ["Revision", "40"], ["Summa", "1 460"]]
