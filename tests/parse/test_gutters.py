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


def test_a_paragraph_of_two_lines_beside_a_table_is_its_own_column(tmp_path):
    """Two sentences beside a table's caption and header: the caption ("… (mnkr)") stays the table's
    title and out of the prose, though the prose column is only two lines long."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path / "two_lines.pdf"
    width, height = landscape(A4)
    page = canvas.Canvas(str(path), pagesize=(width, height))
    page.setFont(_font(), 8)
    page.drawString(60, height - 116, "Medlen fördelas så att hälften kommer från staten och hälften från region.")
    page.drawString(60, height - 132, "Uppföljning av verksamheten sker löpande och redovisas för styrelsen.")
    page.drawString(440, height - 116, "Resultaträkning i sammandrag (mnkr)")
    page.drawRightString(640, height - 132, "Utfall 2021")
    for k, (label, amount, _) in enumerate(ROWS):
        page.drawString(440, height - 148 - 16 * k, label)
        page.drawRightString(640, height - 148 - 16 * k, amount)
    page.save()
    table = parse_pdf(path, "two_lines.pdf", LayoutSettings()).tables[0]
    assert table["title"] == "Resultaträkning i sammandrag (mnkr)"
    assert [[c["text"] for c in row] for row in table["rows"]] == [["", "Utfall 2021"]] + [
        [label, amount] for label, amount, _ in ROWS]


def test_rows_whose_amounts_carry_kr_are_no_short_paragraph(tmp_path):
    """Rows of four words and two amounts with "kr" read like prose by their word counts; white space
    down the table between two amount columns is no gutter all the same."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rows = [("Kansli", "667 000 kr", "622 000 kr", "622 000 kr"), ("Styrelse", "65 000 kr", "65 000 kr", "65 000 kr"),
            ("Summa styrelse och kansli", "732 000 kr", "667 000 kr", "667 000 kr"),
            ("Övriga finansiella kostnader", "5 000 kr", "5 000 kr", "5 000 kr"),
            ("Årets resultat", "0 kr", "0 kr", "0 kr")]
    path = tmp_path / "kr.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 9)
    y = A4[1] - 100
    for text, x in (("Övriga kostnader", 60), ("2024", 260), ("2025", 330), ("2026", 400)):
        (page.drawString if x == 60 else page.drawRightString)(x, y, text)
    for k, row in enumerate(rows):
        page.drawString(60, y - 14 * (k + 1), row[0])
        for text, x in zip(row[1:], (260, 330, 400), strict=True):
            page.drawRightString(x, y - 14 * (k + 1), text)
    page.save()
    tables = parse_pdf(path, "kr.pdf", LayoutSettings()).tables
    assert [[c["text"] for c in row] for row in tables[0]["rows"][1:]] == [list(r) for r in rows]


def _random_free(rng, lo: float, hi: float) -> list[tuple[float, float]]:
    """A line's white space as _free gives it, for words placed at random (some touching, some wide)."""
    from pipeline.parse.gutters import _free

    words, x = [], lo
    while x < hi:
        x += rng.choice([0.0, rng.uniform(0, 40)])
        width = rng.choice([0.0, rng.uniform(1, 60)])
        words.append({"x0": round(x, 1), "x1": round(min(x + width, hi), 1)})
        x += width
    return _free({"words": words}, lo, hi)


def test_white_space_meets_by_one_walk_as_by_pairing_every_interval():
    """_intersect (a merge of two ordered lists) gives what pairing every interval gives, in its order."""
    import random

    from pipeline.parse.gutters import _in_order, _intersect, _intersect_all

    rng = random.Random(7)
    for _ in range(2000):
        a, b = _random_free(rng, 40.0, 560.0), _random_free(rng, 40.0, 560.0)
        assert _in_order(a) and _in_order(b)
        for width in (0.5, 14.0, 60.0):
            assert _intersect(a, b, width) == _intersect_all(a, b, width)
            # white space narrower than width can be left out first: nothing wide enough comes of it
            wide_a, wide_b = ([g for g in f if g[1] - g[0] >= width] for f in (a, b))
            assert _intersect(wide_a, wide_b, width) == _intersect_all(a, b, width)


def test_a_word_drawn_backwards_makes_the_page_pair_every_interval():
    """A word box with x1 < x0 lets a line's white space overlap itself: no ordered walk for that page."""
    from pipeline.parse.gutters import _free, _in_order

    free = _free({"words": [{"x0": 100.0, "x1": 60.0}, {"x0": 80.0, "x1": 90.0}]}, 0.0, 200.0)
    assert not _in_order(free)


def _word_line(parts: list[tuple[float, str]], top: float) -> list[dict]:
    """Words of 5 points a char, each part starting at its x, words one space (5 points) apart."""
    out = []
    for x, text in parts:
        for token in text.split():
            out.append({"text": token, "x0": x, "x1": x + 5 * len(token), "top": top, "bottom": top + 8})
            x += 5 * len(token) + 5
    return out


def test_a_page_of_words_beside_a_table_comes_back_left_block_then_right():
    """split_columns on plain words: prose left, a table right; every line the runs down the page meet
    again (one run from each line) is split as it was the first time."""
    from pipeline.parse.gutters import split_columns
    from pipeline.parse.layout import group_lines

    settings = LayoutSettings()
    words = []
    for k, (text, (label, a, b)) in enumerate(zip(PROSE, ROWS, strict=True)):
        words += _word_line([(40, text), (330, label), (480, a), (530, b)], 100 + 12 * k)
    lines = group_lines(words, settings.line_tolerance)
    out = split_columns(lines, settings)
    assert [line["text"] for line in out] == PROSE + [" ".join(row) for row in ROWS]
    assert all(part["source"] == [lines[k % len(lines)]] for k, part in enumerate(out))
    table_only = group_lines([w for w in words if w["x0"] >= 330], settings.line_tolerance)
    assert split_columns(table_only, settings) == table_only  # labels | amounts is no gutter
