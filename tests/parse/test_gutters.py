"""Pages in two columns: a table in one column, prose in the other, drawn with reportlab's canvas."""

from __future__ import annotations

import glob

import pytest

from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

PROSE = ["Förbundet arbetar för att fler ska komma i arbete",
         "och att samverkan mellan myndigheterna ska stärkas",
         "under hela perioden. Medlen fördelas så att hälften",
         "kommer från staten och hälften från region och",
         "kommuner. Insatserna ska stödja individer som",
         "behöver samordnade insatser för att nå arbete"]
ROWS = [("Kommunbidrag", "78", "85"), ("Statligt bidrag", "71", "80"), ("Regionbidrag", "85", "76"),
        ("Summa intäkter", "234", "241"), ("Personalkostnader", "-120", "-125"), ("Årets resultat", "114", "116")]


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True)
    if not fonts:
        pytest.skip("no TrueType font with Swedish letters on this machine")
    pdfmetrics.registerFont(TTFont("Body", fonts[0]))
    return "Body"


def _draw(path, table_left: bool, offset: float) -> None:
    """A two-column A4 page; each label sits `offset` points below its amounts' baseline, as a
    bottom-aligned label cell sets it, and the prose beside it shares the amounts' baselines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 8)
    table_x, prose_x = (60, 320) if table_left else (320, 60)
    y = A4[1] - 100
    page.drawString(table_x, y, "tkr")
    page.drawRightString(table_x + 170, y, "Budget 2025")
    page.drawRightString(table_x + 230, y, "Budget 2026")
    for k, (label, a, b) in enumerate(ROWS):
        y = A4[1] - 116 - 16 * k
        page.drawString(table_x, y - offset, label)
        page.drawRightString(table_x + 170, y, a)
        page.drawRightString(table_x + 230, y, b)
    for k, text in enumerate(PROSE):
        page.drawString(prose_x, A4[1] - 116 - 16 * k, text)
    page.save()


@pytest.mark.parametrize("table_left", [True, False])
@pytest.mark.parametrize("offset", [0.0, 3.6])
def test_a_label_a_few_points_off_its_amounts_beside_prose_is_one_row(tmp_path, table_left, offset):
    path = tmp_path / "two.pdf"
    _draw(path, table_left, offset)
    tables = parse_pdf(path, "two.pdf", LayoutSettings()).tables
    assert len(tables) == 1
    rows = [[c["text"] for c in row] for row in tables[0]["rows"]]
    assert rows[0][1:] == ["Budget 2025", "Budget 2026"]
    assert rows[1:] == [list(r) for r in ROWS]


def test_prose_of_short_paragraphs_beside_a_table_is_its_own_column(tmp_path):
    """Paragraphs that end in a short line ("av tilldelade medel.") are prose all the same."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "short.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 8)
    prose = ["Det egna kapitalet bör enligt rådets rekommendation", "av tilldelade medel.", "",
             "Styrelsen fastställer budgeten för det kommande", "året.", "",
             "Förbundet arbetar för att fler ska komma i arbete", "ska stärkas."]
    for k, text in enumerate(prose):
        page.drawString(60, A4[1] - 100 - 10 * k, text)
    page.drawString(320, A4[1] - 100, "tkr")
    page.drawRightString(480, A4[1] - 100, "Budget 2025")
    page.drawRightString(540, A4[1] - 100, "Budget 2026")
    for k, (label, a, b) in enumerate(ROWS):
        y = A4[1] - 116 - 16 * k
        page.drawString(320, y, label)
        page.drawRightString(480, y, a)
        page.drawRightString(540, y, b)
    page.drawString(60, 40, "Samordningsförbundet – sida 1")
    page.save()
    tables = parse_pdf(path, "short.pdf", LayoutSettings()).tables
    assert [[c["text"] for c in row] for row in tables[0]["rows"][1:]] == [list(r) for r in ROWS]


def test_prose_set_in_two_columns_reads_column_by_column(tmp_path):
    """Lines that share a baseline across the gutter are two lines of two texts, left column first:
    goals, shares and the förbund's name come from whole sentences, not from two columns interleaved."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    left = ["Samordningsförbundet Ale, Kungälv,", "Stenungsund och Tjörn arbetar för att",
            "fler ska komma i arbete och att", "samverkan ska stärkas mellan parterna."]
    right = ["Målet är att minst 40 procent av", "deltagarna ska gå vidare till arbete",
             "eller studier efter avslutad insats", "under verksamhetsåret 2025."]
    path = tmp_path / "prose.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 9)
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        page.drawString(60, A4[1] - 100 - 12 * k, a)
        page.drawString(320, A4[1] - 100 - 12 * k, b)
    page.save()
    texts = [line["text"] for line in parse_pdf(path, "prose.pdf", LayoutSettings()).lines]
    assert texts == left + right
