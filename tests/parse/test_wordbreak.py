"""Words a narrow label column broke mid-word: one break is enough where the cell's rules say where the
text must stop (parse/wordbreak.py, rows.label_text_edge)."""

from __future__ import annotations

from pipeline.parse.pdf import parse_pdf
from pipeline.parse.wordbreak import join_broken_labels
from pipeline.settings import LayoutSettings

from .test_gutters import _font

SETTINGS = LayoutSettings()


def part(text: str, x1: float, top: float) -> dict:
    return {"text": text, "x0": 60.0, "x1": x1, "top": top, "bottom": top + 10}


def _labels(rows: list[list[dict]], cell_edge: float | None) -> list[str]:
    return [" ".join(p["text"] for p in row) for row in join_broken_labels(rows, SETTINGS, cell_edge)]


def test_one_word_cut_at_a_ruled_cells_text_edge_is_joined():
    rows = [[part("Strukturövergripand", 163, 0), part("e insatser", 101, 12)], [part("Revision", 100, 30)]]
    assert _labels(rows, 166.0) == ["Strukturövergripande insatser", "Revision"]
    # the widest label is all that says where an unruled column ends: one line there may be a whole word
    assert _labels(rows, None) == ["Strukturövergripand e insatser", "Revision"]


def test_a_line_short_of_the_ruled_edge_or_of_two_words_or_before_a_whole_word_keeps_its_space():
    short = [[part("Personalkostnad", 140, 0), part("inklusive lön", 120, 12)]]
    assert _labels(short, 166.0) == ["Personalkostnad inklusive lön"]
    words = [[part("Utbildning och", 163, 0), part("kompetensutveckling", 160, 12)]]
    assert _labels(words, 166.0) == ["Utbildning och kompetensutveckling"]
    whole = [[part("Verksamhetens", 163, 0), part("kostnader", 110, 12)]]
    assert _labels(whole, 166.0) == ["Verksamhetens kostnader"]


def test_a_function_word_at_the_edge_keeps_its_space():
    # two lines end at the widest label's edge; "för" is a whole word, "Kommunbid" a piece
    rows = [[part("Insatser för", 116, 0), part("unga vuxna", 110, 12)], [part("Kommunbid", 115, 30),
                                                                            part("rag", 75, 42)]]
    assert _labels(rows, None) == ["Insatser för unga vuxna", "Kommunbidrag"]


def _ruled(path, rows: list[tuple[list[str], str]]) -> None:
    """A grid drawn as Word draws it: the label column 110 points wide, its text padded 5.5 points
    from either rule; each label's lines as the word processor broke them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 10)
    left, middle, right, pitch = 51.0, 161.0, 300.0, 11.0
    y = A4[1] - 100
    page.drawRightString(right - 5.5, y, "Budget 2025")
    edges = [y + 12, y - 4]
    y -= 15
    for labels, amount in rows:
        for k, text in enumerate(labels):
            page.drawString(left + 5.5, y - pitch * k, text)
        page.drawRightString(right - 5.5, y, amount)
        y -= pitch * len(labels) + 4
        edges.append(y + 12)
    for top in edges:
        page.line(left, top, right, top)
    for x in (left, middle, right):
        page.line(x, edges[0], x, edges[-1])
    page.save()


def test_a_word_cut_in_a_ruled_word_table_is_read_whole(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # as many letters of "Strukturövergripande" (too wide for the cell) as fit the 99 points between the paddings
    word = "Strukturövergripande"
    assert stringWidth(word, _font(), 10) > 99.0
    cut = max(k for k in range(len(word)) if stringWidth(word[:k], _font(), 10) <= 99.0)
    path = tmp_path / "ruled.pdf"
    _ruled(path, [([word[:cut], word[cut:] + " insatser"], "1 737,2"), (["Utbildning och", "handledning"],
                                                                         "582,7"), (["Revision"], "2 552,1")])
    rows = [[c["text"] for c in row] for row in parse_pdf(path, "ruled.pdf", SETTINGS).tables[0]["rows"]]
    assert rows[1:] == [["Strukturövergripande insatser", "1 737,2"],
                        ["Utbildning och handledning", "582,7"], ["Revision", "2 552,1"]]
