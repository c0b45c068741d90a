"""Loud when it fails: a table of amounts or a budget heading that gives no budget lines is named by page,
the document's status says partial / no tables, and `finsam run` and `finsam status` end with a line for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract.coverage import read_document, trailing_amounts

from ..conftest import rows

BUDGET = [["", "Budget 2025", "Budget 2026"], ["Intäkter", "1 200 000", "1 300 000"],
          ["Kostnader", "-1 100 000", "-1 250 000"], ["Summa", "100 000", "50 000"]]
NO_YEARS = [["", "Ingående", "Utgående"], ["Insatser", "36 965 000", "36 965 000"],
            ["Fond för yttre underhåll", "1 200 000", "900 000"], ["Balanserat resultat", "-310 000", "-120 000"]]
PROSE = ("Förbundet arbetar med samordnad rehabilitering. Under året har styrelsen sammanträtt sex gånger "
         "och beslutat om insatser för unga vuxna. ") * 4


def _pdf(path: Path, *pages: tuple[str, list[list[str]] | list[str] | None]) -> None:
    """One page per (heading, content): a ruled table (rows of cells), loose lines (strings) or prose only."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles, story = getSampleStyleSheet(), []
    for heading, content in pages:
        story += [PageBreak()] if story else []
        story += [Paragraph(heading, styles["Heading1"]), Paragraph(PROSE, styles["BodyText"])]
        if content and isinstance(content[0], list):
            table = Table(content, colWidths=[200, 110, 110])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
            story.append(table)
        elif content:
            story += [Paragraph(text, styles["BodyText"]) for text in content]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("coverage") / "raw"
    raw.mkdir()
    _pdf(raw / "good.pdf", ("Resultatbudget", BUDGET))
    _pdf(raw / "mixed.pdf", ("Resultatbudget", BUDGET), ("Förändring av eget kapital", NO_YEARS))
    _pdf(raw / "noyears.pdf", ("Eget kapital", NO_YEARS))
    _pdf(raw / "heading.pdf", ("Resultaträkning", ["Intäkter 1 200 000", "Kostnader -1 100 000",
                                                   "Resultat 100 000", "Avskrivningar -20 000"]))
    _pdf(raw / "prose.pdf", ("Verksamhetsberättelse", None), ("Styrelsens arbete", None))
    return raw


def _args(work: Path) -> list[str]:
    return ["--raw", str(work / "raw"), "--extracted", str(work / "ex"), "--warehouse", str(work / "w.duckdb"),
            "--reports", str(work / "rep")]


def test_run_names_every_document_not_fully_read(plans):
    runner = CliRunner()
    work = plans.parent
    result = runner.invoke(app, ["run", *_args(work)])
    assert result.exit_code == 1, result.output  # documents read in part: exit 1
    tail = result.stdout.strip().splitlines()[-3:]
    assert tail == ["heading.pdf: no tables — 0 lines, 0 tables, 1 warning (page 1)",
                    "mixed.pdf: partial — 6 lines, 1 table, 1 warning (page 2)",
                    "noyears.pdf: no tables — 0 lines, 0 tables, 1 warning (page 1)"]
    assert "good.pdf:" not in result.stdout and "prose.pdf:" not in result.stdout
    assert "mixed.pdf: page 2: a table with amounts (3 rows) gave no budget lines" in result.stderr
    assert "heading.pdf: page 1: heading 'Resultaträkning' but no budget lines were read" in result.stderr

    status = {r["document"]: r for r in rows(work / "w.duckdb", "SELECT * FROM documents")}
    assert {name: r["status"] for name, r in status.items()} == {
        "good.pdf": "ok", "mixed.pdf": "partial", "noyears.pdf": "no tables", "heading.pdf": "no tables",
        "prose.pdf": "ok"}
    assert "page 2: a table with amounts" in status["mixed.pdf"]["warnings"]
    # a partial document is still checked: its readable table's total is tested
    assert rows(work / "w.duckdb", "SELECT count(*) AS n FROM findings WHERE document = 'mixed.pdf'")[0]["n"] > 0

    shown = runner.invoke(app, ["status", *_args(work)[:6]])
    assert "Not fully read:\n  heading.pdf: no tables" in shown.stdout
    assert "  mixed.pdf: partial — 6 lines, 1 table, 1 warning (page 2)" in shown.stdout

    again = runner.invoke(app, ["run", *_args(work)])  # nothing changed: the summary still ends the run
    assert again.exit_code == 1  # still not fully read
    assert "no work done" in again.stdout
    assert "mixed.pdf: partial — 6 lines, 1 table, 1 warning (page 2)" in again.stdout


def _line(n: int, text: str, table: bool = False) -> dict:
    return {"document": "r.txt", "page": None, "line": n, "text": text, "table": True if table else None}


def test_lines_ending_in_amounts_outside_a_table_are_named_by_line():
    lines = [_line(1, "Nettokostnadsram per område"), _line(2, "Område ram 2025 ram 2026 Förändring"),
             _line(3, "Anopiva och prehospital vård 757 836 79"),
             _line(4, "Allmänmedicin och rehabilitering 1 146 823 -323"),
             _line(5, "Barn, kvinnosjukvård och habilitering 1 075 1 199 124"), _line(6, "Summa 9 396")]
    read, problems = read_document("r.txt", lines, [], [], {})
    assert read.status == "no tables"
    assert [p.rule for p in problems] == ["line 3: 3 lines ending in amounts, outside any table, gave no budget lines"]
    assert str(read) == "r.txt: no tables — 0 lines, 0 tables, 1 warning (line 3)"


def test_prose_and_contents_pages_are_not_warned():
    lines = [_line(1, "Innehåll"), _line(2, "Resultaträkning ........ 5"), _line(3, "Balansräkning 6"),
             _line(4, "Budget"), _line(5, "Förbundets budget för 2025 antogs av styrelsen i oktober."),
             _line(6, "2"), _line(7, "Telefon 054 61 00 00")]
    read, problems = read_document("r.txt", lines, [], [], {})
    assert (read.status, problems) == ("ok", [])


def test_unread_pages_make_a_read_document_partial():
    meta = {"needs_ocr": True, "problems": [{"document": "s.pdf", "rule": "page 3 is scanned and needs OCR, but "
                                             "tesseract is not installed", "fix": "Install it."}]}
    budget = [{"table_no": 0, "col_no": 1, "page": 1, "line": None, "label_page": 1}]
    read, problems = read_document("s.pdf", [], [], budget, meta)
    assert problems == []
    assert str(read) == "s.pdf: partial — 1 line, 1 table, 1 warning (page 3)"


@pytest.mark.parametrize(("text", "count"), [("Vård 757 836 79", 2), ("Ram 2025 9 045", 1), ("Sida 12", 1),
                                             ("Budget 2024 2025", 0), ("Summa 1 146 823 -323", 2)])
def test_trailing_amounts(text, count):
    assert trailing_amounts(text) == count


def _cell(text: str, page: int = 41) -> dict:
    return {"text": text, "page": page, "bbox": None, "line": None}


def test_a_lost_column_of_a_read_table_is_named():
    """r01 p41: "tkr Utfall 2024" merged into the corner cell, so the first value column has no header."""
    texts = [["tkr Utfall 2024", "", "Budget 2024", "Not"], ["Förtroendevalda revisorer", "-2 431", "-3 180", "3"],
             ["Sakkunnigt biträde", "-34 527", "-37 101", "4"], ["Summa kostnader", "-36 958", "-40 281", ""]]
    table = {"table": 0, "rows": [[_cell(t) for t in row] for row in texts]}
    budget = [{"table_no": 0, "col_no": 2, "page": 41, "line": None, "label_page": 41} for _ in range(3)]
    read, problems = read_document("r01.pdf", [], [table], budget, {})
    assert [p.rule for p in problems] == [
        "page 41: a column of amounts (3 rows) in a table that was read gave no budget lines"]  # not the Not column
    assert str(read) == "r01.pdf: partial — 3 lines, 1 table, 1 warning (page 41)"


def test_a_table_of_contents_is_no_table_of_amounts():
    texts = [["Inledning", "3"], ["Vision, uppdrag och mål", "3"], ["Organisation", "6"], ["Budget 2024", "8"]]
    table = {"table": 0, "rows": [[{"text": t, "page": None, "line": n} for t in row] for n, row in enumerate(texts)]}
    lines = [_line(1, "Verksamhetsplan och budget 2024"),
             *(_line(n + 3, "\t".join(row), True) for n, row in enumerate(texts))]
    read, problems = read_document("003.txt", lines, [table], [], {})
    assert (read.status, problems) == ("ok", [])


def test_a_table_captioned_as_contents_is_no_table_of_amounts():
    """r01 p35: page numbers under "Innehåll", with the page footer ("2 2025-03-18 (11)") read into the table."""
    texts = [["1 Mål och inriktning", "3", ""], ["2 Styrning och ledning", "6", ""],
             ["Årsrapport för 2024 Revisorskollegiet", "2 2025-03-18", "(11)"]]
    table = {"table": 0, "title": "Innehåll", "rows": [[_cell(t, 35) for t in row] for row in texts]}
    read, problems = read_document("r01.pdf", [], [table], [], {})
    assert (read.status, problems) == ("ok", [])


def test_prose_in_a_narrow_column_whose_lines_end_in_numbers_is_no_table():
    """'… en tilldelning på 1 416' / '000 kronor utifrån …': the sentence runs on, no row of amounts."""
    lines = [_line(1, "Verksamhetsplan 2024 Budget"), _line(2, "För 2024 har staten aviserat en tilldelning på 1 416"),
             _line(3, "000 kronor utifrån fördelningsmodellen, vilket ger en total om 2 832"),
             _line(4, "000 kr. Kommunerna och regionen bidrar med 708"), _line(5, "tkr vardera.")]
    read, problems = read_document("r.txt", lines, [], [], {})
    assert (read.status, problems) == ("ok", [])
