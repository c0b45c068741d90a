"""Squeezed layouts drawn with reportlab's canvas: a dot leader run on under a wide amount, labels cut
inside a word in a narrow column, and a bare year beside a worded one in a header."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.budget import find_document_budget_lines
from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from .test_gutters import _font


def _read(path: Path) -> list[dict]:
    """Budget lines of a drawn PDF, as extract reads them."""
    parsed = parse_pdf(path, path.name, LayoutSettings())
    lines = [dict(line, line=i) for i, line in enumerate(parsed.lines)]
    return find_document_budget_lines(path.name, parsed.tables, lines)


def _amounts(lines: list[dict]) -> dict[tuple[str, int, str], int]:
    return {(x["label"], x["year"], x["column_kind"]): x["amount_sek"] for x in lines}


def _canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 8)
    return page, A4[1] - 100


def _leader_table(path: Path) -> None:
    """Each label cell draws dots up to a fixed x; the bold total's amount is wider than the gap the
    dots leave, so the leader runs on under its first digits (drawn before the amount)."""
    page, y = _canvas(path)
    page.drawString(60, y, "Belopp i kr")
    page.drawRightString(300, y, "Utfall 2024")
    page.drawRightString(370, y, "Budget 2025")
    rows = [("Kansli", "1 250 000", "1 300 000"), ("Lokalhyra", "700 000", "720 000"),
            ("Summa totalt", "1 950 000", "2 020 000")]
    for label, *amounts in rows:
        y -= 16
        page.drawString(60, y, label + " " + "." * 60)  # the dots reach x ~ 280, past the amount's start
        page.drawRightString(300, y, amounts[0])
        page.drawRightString(370, y, amounts[1])
    page.save()


def test_a_dot_leader_drawn_under_an_amount_leaves_the_amount_whole(tmp_path):
    path = tmp_path / "leader.pdf"
    _leader_table(path)
    found = _amounts(_read(path))
    assert found[("Summa totalt", 2024, "utfall")] == 1_950_000
    assert found[("Summa totalt", 2025, "budget")] == 2_020_000
    assert found[("Kansli", 2024, "utfall")] == 1_250_000
    assert len(found) == 6


def _cut_labels(path: Path) -> None:
    """A narrow label column that cuts words too wide for it where each line is full, and wraps
    others at a space ("Summa verksamhetens" over "kostnader"). Each cut piece ends within a character
    of the widest line, as a cell's edge leaves it (parse/wordbreak.py)."""
    page, y = _canvas(path)
    page.drawString(60, y, "Belopp i tkr")
    page.drawRightString(200, y, "Budget 2025")
    page.drawRightString(270, y, "Plan 2026")
    rows = [(["Medlemsavgift", "Försäkringskas", "san"], ("2 600", "2 523")),
            (["Kontorsmateri", "al"], ("150", "160")), (["Lokalhyra"], ("300", "310")),
            (["Summa", "verksamhetens", "kostnader"], ("-450", "-470"))]
    for labels, amounts in rows:
        y -= 6
        for k, text in enumerate(labels):
            y -= 9.6 if k else 8
            page.drawString(60, y, text)
        page.drawRightString(200, y, amounts[0])
        page.drawRightString(270, y, amounts[1])
    page.save()


def test_a_word_cut_at_a_full_line_is_read_whole_and_a_wrapped_word_keeps_its_space(tmp_path):
    path = tmp_path / "cut.pdf"
    _cut_labels(path)
    found = _amounts(_read(path))
    assert found[("Medlemsavgift Försäkringskassan", 2025, "budget")] == 2_600_000
    assert found[("Kontorsmaterial", 2026, "budget")] == 160_000
    # "kostnader" is a word of its own (the vocabulary's): the line before only happens to be full
    assert found[("Summa verksamhetens kostnader", 2025, "budget")] == -450_000


def _bare_and_worded_year(path: Path) -> None:
    page, y = _canvas(path)
    page.drawString(60, y, "Belopp i tkr")
    for x, head in ((250, "Utfall 2023"), (310, "2024"), (380, "Prognos 2024"), (440, "2025")):
        page.drawRightString(x, y, head)
    for label, *amounts in (("Statligt bidrag", "860,6", "969,8", "1 038,4", "887,0"),
                            ("Övriga intäkter", "1 527,7", "1 615,8", "1 527,7", "1 500,0")):
        y -= 16
        page.drawString(60, y, label)
        for x, amount in zip((250, 310, 380, 440), amounts, strict=True):
            page.drawRightString(x, y, amount)
    page.save()


def test_a_bare_year_beside_the_same_year_with_a_word_is_a_header(tmp_path):
    # "2024 | Prognos 2024": the words tell the two columns apart, so the line heads them
    path = tmp_path / "years.pdf"
    _bare_and_worded_year(path)
    found = _amounts(_read(path))
    assert found[("Statligt bidrag", 2023, "utfall")] == 860_600
    assert found[("Statligt bidrag", 2024, "prognos")] == 1_038_400
    assert found[("Övriga intäkter", 2024, "budget")] == 1_615_800
    assert len(found) == 8


def _wrapped_totals(path: Path) -> None:
    """Narrow right-aligned cells: a bold total's amounts do not fit and wrap their last digit onto
    the line of the label's second line ("2 265 47" over "0", "Summa" over "tilldelade medel")."""
    page, y = _canvas(path)
    page.drawString(60, y, "Alla belopp i kr")
    page.drawRightString(200, y, "Utfall 2021")
    page.drawRightString(270, y, "Plan 2022")
    for label, a, b in (("Övriga intäkter", "1 136 351", "920 743"), ("Bidrag från staten", "1 129 119", "1 187 038")):
        y -= 16
        page.drawString(60, y, label)
        page.drawRightString(200, y, a)
        page.drawRightString(270, y, b)
    y -= 16
    page.drawString(60, y, "Summa")
    page.drawRightString(200, y, "2 265 47")
    page.drawRightString(270, y, "2 107 78")
    y -= 11
    page.drawString(60, y, "tilldelade medel")
    page.drawRightString(200, y, "0")
    page.drawRightString(270, y, "1")
    page.save()


def test_an_amount_wrapped_in_a_narrow_cell_is_one_amount(tmp_path):
    path = tmp_path / "totals.pdf"
    _wrapped_totals(path)
    found = _amounts(_read(path))
    assert found[("Summa tilldelade medel", 2021, "utfall")] == 2_265_470
    assert found[("Summa tilldelade medel", 2022, "budget")] == 2_107_781
    assert len(found) == 6
