"""A wide sheet printed across pages: the later page's columns meet their labels on the first."""

from __future__ import annotations

import glob

import pytest

from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

LABELS = ["Medlemsavgift Region", "Statligt bidrag", "Summa intäkter", "Personalkostnader", "Resultat"]
VALUES = [["1 200", "1 250", "1 300", "1 350"], ["1 100", "1 150", "1 200", "1 250"],
          ["2 300", "2 400", "2 500", "2 600"], ["-2 000", "-2 100", "-2 200", "-2 300"],
          ["300", "300", "300", "300"]]


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True) + glob.glob(
        "/usr/share/fonts/**/LiberationSans-Regular.ttf", recursive=True)
    if not fonts:
        pytest.skip("no TrueType font with Swedish letters on this machine")
    pdfmetrics.registerFont(TTFont("Body", fonts[0]))


def _draw(path, continued_rows: bool = True, shaded: bool = False, values: list[list[str]] = VALUES) -> None:
    """Page 1: labels and Budget 2024; page 2: Budget 2025-2027 for the same rows at the same
    heights, no labels; the title runs off page 1 and its tail is set left of page 2's paper."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    page = canvas.Canvas(str(path), pagesize=A4)
    top = A4[1] - 60
    for number, years in enumerate([(2024,), (2025, 2026, 2027)]):
        page.setFont("Body", 10)
        title = "Budget 2024 med plan för 2025-2027 för Samordningsförbundet Exempelstad och dess medlemmar"
        page.drawString(60 - number * (A4[0] - 100), top, title)
        y = top - 60
        label_x = 60 if number == 0 else None
        for j, year in enumerate(years):
            x = (300 if number == 0 else 120) + 90 * j
            page.drawRightString(x, y, f"Budget {year}")
        for i, label in enumerate(LABELS):
            y -= 14
            if number == 1 and not continued_rows and i % 2:
                y -= 3  # rows that do not stand at the first page's heights
            if shaded and i % 2:  # zebra rows, the band cut where the paper ends
                page.setFillGray(0.9)
                page.rect(55 if number == 0 else 40, y - 3, 250 if number == 0 else 270, 13, stroke=0, fill=1)
                page.setFillGray(0)
            if label_x is not None:
                page.drawString(label_x, y, label)
            for j in range(len(years)):
                x = (300 if number == 0 else 120) + 90 * j
                page.drawRightString(x, y, values[i][number + j])
        page.showPage()
    page.save()


@pytest.mark.parametrize("shaded", [False, True])
def test_columns_printed_on_a_later_page_meet_their_labels(tmp_path, shaded):
    path = tmp_path / "wide.pdf"
    _draw(path, shaded=shaded)
    parsed = parse_pdf(path, "wide.pdf", LayoutSettings())
    table = next(t for t in parsed.tables if any(r[0]["text"] == "Resultat" for r in t["rows"]))
    row = next(r for r in table["rows"] if r[0]["text"] == "Statligt bidrag")
    assert [c["text"] for c in row] == ["Statligt bidrag", "1 100", "1 150", "1 200", "1 250"]
    assert [c["page"] for c in row] == [1, 1, 2, 2, 2]
    assert 0 < row[2]["bbox"][0] < 595  # the cell's box on the page it was printed on
    header = [c["text"] for c in table["rows"][0]]
    assert header[1:] == ["Budget 2024", "Budget 2025", "Budget 2026", "Budget 2027"]
    assert parsed.meta["sheet_pages"] == ["page 2 holds further columns of page 1: read beside it"]
    title = next(x["text"] for x in parsed.lines if x["text"].startswith("Budget 2024 med"))
    assert "Exempelstad" not in title.split("Samordningsförbundet")[0]  # text off the paper is not read


def test_a_page_whose_rows_stand_elsewhere_is_not_joined(tmp_path):
    path = tmp_path / "apart.pdf"
    _draw(path, continued_rows=False)
    parsed = parse_pdf(path, "apart.pdf", LayoutSettings())
    assert "sheet_pages" not in parsed.meta
    assert "page 2 holds amounts with no row labels" in str(parsed.problems[0])  # said loudly
    assert {t["page"] for t in parsed.tables} == {1, 2}


def test_a_dash_opening_a_carried_row_is_an_empty_amount_not_a_label(tmp_path):
    # "–  1 250": the later page's row starts with an empty amount in its first column
    path = tmp_path / "dash.pdf"
    values = [list(v) for v in VALUES]
    values[1][1] = "–"
    _draw(path, values=values)
    parsed = parse_pdf(path, "dash.pdf", LayoutSettings())
    assert "sheet_pages" in parsed.meta
    row = next(r for t in parsed.tables for r in t["rows"] if r[0]["text"] == "Statligt bidrag")
    assert [c["text"] for c in row] == ["Statligt bidrag", "1 100", "–", "1 200", "1 250"]


def test_a_sheet_printed_down_then_across_joins_its_one_row_strip_in_print_order(tmp_path):
    """Four pages: labels of rows 1-4 (p1), of row 5 alone (p2); the later columns of rows 1-4 (p3)
    and of row 5 (p4). One line is no evidence on its own, but the print order points p4 at p2, and
    p4 is laid as p3 was, so its columns stand under p3's."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    path = tmp_path / "strips.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    top = A4[1] - 80
    strips = [(range(4), True), (range(4, 5), True), (range(4), False), (range(4, 5), False)]
    for number, (rows, labelled) in enumerate(strips):
        page.setFont("Body", 10)
        y = top
        if number in (0, 2):
            page.drawRightString(300 if labelled else 120, y, "Budget 2024" if labelled else "Budget 2025")
            if not labelled:
                page.drawRightString(210, y, "Budget 2026")
        for i in rows:
            y -= 14
            if labelled:
                page.drawString(60, y, LABELS[i])
                page.drawRightString(300, y, VALUES[i][0])
            else:
                page.drawRightString(120, y, VALUES[i][1])
                page.drawRightString(210, y, VALUES[i][2])
        page.showPage()
    page.save()
    parsed = parse_pdf(path, "strips.pdf", LayoutSettings())
    assert parsed.meta["sheet_pages"] == ["page 3 holds further columns of page 1: read beside it",
                                          "page 4 holds further columns of page 2: read beside it"]
    table = next(t for t in parsed.tables if any(r[0]["text"] == "Resultat" for r in t["rows"]))
    row = next(r for r in table["rows"] if r[0]["text"] == "Resultat")
    assert [c["text"] for c in row] == ["Resultat", "300", "300", "300"]
    assert [c["page"] for c in row] == [2, 2, 4, 4]


def _sheet_page(number: int, words: list[tuple[str, float]]) -> dict:
    from pipeline.parse.layout import group_lines

    boxes = [{"text": t, "x0": x, "x1": x + 20.0, "top": 100.0, "bottom": 108.0, "page": number} for t, x in words]
    return {"number": number, "width": 842.0, "height": 595.0, "lines": group_lines(boxes, 3.0),
            "horizontal": [], "vertical": []}


def test_a_strip_lies_where_the_strip_above_it_was_laid_though_the_seam_differs_by_rounding():
    """Pages 3 and 4 hold the same columns of the sheet (a strip printed under pages 1 and 2): page 4 is
    laid with page 3's shift, so its amounts stand under page 3's, even when the seam recomputed from
    page 2 comes out a hair right of page 3's (a last row alone on its page has fewer words to go by)."""
    from pipeline.parse.sheets import _join

    settings = LayoutSettings()
    first = _join(_sheet_page(1, [("Intäkter", 55.0), ("100", 700.0)]), _sheet_page(3, [("5", 55.0), ("7", 200.0)]),
                  settings)
    second = _sheet_page(2, [("Resultat", 55.0), ("300", 700.0 + 1e-3)])
    laid = _join(second, _sheet_page(4, [("9", 126.0)]), settings, first)
    assert laid["dx"] == first["dx"]
