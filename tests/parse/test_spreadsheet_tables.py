"""Spreadsheet printouts: tables stacked one blank row apart with rules under headers and around totals,
section headings between ruled rows, a column header whose first cell names a note column, and a
header centred in a wide first value cell left alone at the foot of a page."""

from __future__ import annotations

from pipeline.parse.layout import line_kind
from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from .test_tables import _canvas

PITCH = 12


def _rule(page, y: float, x1: float) -> None:
    page.setLineWidth(0.6)
    page.line(60, y, x1, y)


def _rows(page, top: float, rows: list[tuple[str, ...]], columns: list[float]) -> float:
    """Labels at x 60, amounts right-aligned at ``columns``; returns the baseline of the last row."""
    y = top
    for row in rows:
        page.drawString(60, y, row[0])
        for x, text in zip(columns, row[1:], strict=False):
            page.drawRightString(x, y, text)
        y -= PITCH
    return y + PITCH


def _texts(table: dict) -> list[list[str]]:
    return [[c["text"] for c in row] for row in table["rows"]]


def test_a_ruled_header_under_rows_starts_the_next_table_even_when_the_rules_stand_close(tmp_path):
    """Two tables one blank row apart, each ruled under its header and over its total: the rules stand
    closer than a ruled table's rows, but the second header stands over other columns (a wider table)."""
    path = tmp_path / "two.pdf"
    page, height = _canvas(path)
    top, narrow, wide = height - 80, [300, 380], [300, 380, 460]
    page.drawString(60, top, "Kr")
    page.drawRightString(300, top, "2026")
    page.drawRightString(380, top, "Prognos 2026")
    _rule(page, top - 3, 380)
    last = _rows(page, top - PITCH, [("Medlemsavgift", "400", "420"), ("Statligt bidrag", "500", "520")], narrow)
    _rule(page, last - 3, 380)
    last = _rows(page, last - PITCH, [("Summa intäkter", "900", "940")], narrow)
    _rule(page, last - 3, 380)
    result = last - PITCH
    _rows(page, result, [("Budgeterat resultat", "-100", "-90")], narrow)
    second = result - 2 * PITCH
    page.drawString(60, second, "kr")
    for x, text in zip(wide, ("Utfall 2024", "B2026", "B2027"), strict=True):
        page.drawRightString(x, second, text)
    _rule(page, second - 3, 460)
    last = _rows(page, second - PITCH, [("Lokalhyra", "10", "12", "14"), ("Förbundschef", "20", "22", "24")], wide)
    _rule(page, last - 3, 460)
    _rows(page, last - PITCH, [("Summa kostnader", "30", "34", "38")], wide)
    page.save()
    tables = parse_pdf(path, "two.pdf", LayoutSettings()).tables
    assert len(tables) == 2
    assert _texts(tables[0])[-1] == ["Budgeterat resultat", "-100", "-90"]
    assert _texts(tables[1])[0] == ["kr", "Utfall 2024", "B2026", "B2027"]
    assert _texts(tables[1])[-1] == ["Summa kostnader", "30", "34", "38"]


def test_section_headings_under_a_ruled_total_do_not_end_the_table(tmp_path):
    """Rules under the header and around the first section's total frame part of a table only: a
    section heading ("Kostnader") one row under the total leads on to more rows in the same columns."""
    path = tmp_path / "sections.pdf"
    page, height = _canvas(path)
    top, columns = height - 80, [300, 380]
    page.drawString(60, top, "Post")
    page.drawRightString(300, top, "Helårsprognos 2023")
    page.drawRightString(380, top, "Andel")
    _rule(page, top - 3, 380)
    income = [("Intäkter",), ("Driftbidrag", "3 326", "18 %"), ("Medlemsavgift", "5 945", "33 %")]
    last = _rows(page, top - PITCH, income, columns)
    _rule(page, last - 3, 380)
    last = _rows(page, last - PITCH, [("Summa finansiering", "9 271")], columns)
    _rule(page, last - 3, 380)
    _rows(page, last - PITCH, [("Kostnader",), ("Ekonomitjänster", "-201", "1 %"), ("IT och telefoni", "-1 618", "9 %"),
                               ("Summa kostnader", "-1 819")], columns)
    page.save()
    tables = parse_pdf(path, "sections.pdf", LayoutSettings()).tables
    assert len(tables) == 1
    assert [r[0] for r in _texts(tables[0])] == ["Post", "Intäkter", "Driftbidrag", "Medlemsavgift",
                                                 "Summa finansiering", "Kostnader", "Ekonomitjänster",
                                                 "IT och telefoni", "Summa kostnader"]


def _cells(*texts: str) -> list[dict]:
    return [{"text": t, "x0": 100.0 * k, "x1": 100.0 * k + 40} for k, t in enumerate(texts)]


def test_a_line_opening_with_a_note_column_and_years_in_order_is_a_header():
    """ "Not  2023  2024  2024  2025": no row label, a column named as holding no kronor, then years in
    calendar order (the kind words on the line above tell the two 2024 apart)."""
    assert line_kind(_cells("Not", "2023", "2024", "2024", "2025")) == "header"
    assert line_kind(_cells("Försäkringskassan", "2023", "2024", "2024", "2025")) == "data"


def test_a_header_centred_in_a_wide_first_value_cell_heads_its_column_overleaf(tmp_path):
    """A header row left at the foot of a page, each heading centred in a wide cell: the first one's
    centre lies left of the amounts' column edge but right of every label, so it still heads a column.
    The rows overleaf open with a section heading, so they seem to have a header of their own."""
    path = tmp_path / "foot.pdf"
    page, height = _canvas(path)
    page.drawString(60, height - 80, "Förbundet arbetar för att fler ska komma i arbete.")
    page.drawString(60, 120, "(kr)")
    for centre, text in zip((300, 400, 480), ("Plan 2024", "Plan 2025", "Plan 2026"), strict=True):
        page.drawCentredString(centre, 106, text)
    _rule(page, 115, 520)  # a ruled header row: a table of its own on this page
    _rule(page, 103, 520)
    page.showPage()
    page.setFont("Helvetica", 9)
    for k in range(5):  # every row ruled, the section heading's too
        _rule(page, height - 80 + 9 - PITCH * k, 520)
    rows = [("Finansiering",), ("Övriga intäkter", "603 493", "541 935", "571 071"),
            ("Statligt bidrag", "1 488 001", "1 344 862", "1 336 082"),
            ("Summa intäkter", "2 091 494", "1 886 797", "1 907 153")]
    _rows(page, height - 80, rows, [360, 440, 520])
    page.save()
    table = parse_pdf(path, "foot.pdf", LayoutSettings()).tables[0]
    assert _texts(table)[0] == ["", "Plan 2024", "Plan 2025", "Plan 2026"]
    assert _texts(table)[-1] == list(rows[-1])
    assert table["title"] == "(kr)"
