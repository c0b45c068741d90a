"""Where a table begins and ends, in layouts drawn with reportlab's canvas: a section heading left at
a page foot, a grid row taller than the rule stacking gap, rules under a header and over a subtotal
in a borderless table, and a one-column table set right under a wider one."""

from __future__ import annotations

from pathlib import Path

from .test_squeezed import _amounts, _canvas, _read


def _split_at_a_heading(path: Path) -> None:
    """Page 1: caption with the unit, header, income rows, and the heading "Utgifter" closing the page
    at the row pitch; page 2: the header repeated, then the cost rows."""
    from reportlab.lib.pagesizes import A4

    page, y = _canvas(path)
    page.drawString(60, y, "Tabell 1. Ekonomisk översikt – belopp i tkr")

    def header(y: float) -> float:
        page.drawRightString(300, y, "Budget 2026")
        page.drawRightString(370, y, "Budget 2027")
        return y - 16

    y = header(y - 20)
    for label, a, b in (("Intäkter", "", ""), ("Medlemsavgift Arbetsförmedlingen", "6 848,4", "6 262,5"),
                        ("Ränteintäkter", "6 229,0", "4 338,5"), ("Summa tilldelade medel", "13 077,4", "10 601,0")):
        page.drawString(60, y, label)
        page.drawRightString(300, y, a)
        page.drawRightString(370, y, b)
        y -= 16
    page.drawString(60, y, "Utgifter")
    page.showPage()
    page.setFont(page._fontname, 8)
    y = header(A4[1] - 80)
    for label, a, b in (("Utvärdering och uppföljning", "3 273,2", "3 454,4"), ("Administration", "3 325,5", "3 149,6"),
                        ("Summa kostnader", "6 598,7", "6 604,0")):
        page.drawString(60, y, label)
        page.drawRightString(300, y, a)
        page.drawRightString(370, y, b)
        y -= 16
    page.save()


def test_a_section_heading_left_at_the_page_foot_reads_on_with_its_table(tmp_path):
    # "Utgifter" at the row pitch under the last row is a section row, not the caption of a new table:
    # the rows overleaf keep the caption's tkr
    path = tmp_path / "split.pdf"
    _split_at_a_heading(path)
    found = _amounts(_read(path))
    assert found[("Utvärdering och uppföljning", 2026, "budget")] == 3_273_200
    assert found[("Administration", 2027, "budget")] == 3_149_600
    assert found[("Ränteintäkter", 2026, "budget")] == 6_229_000


def _tall_grid_row(path: Path) -> None:
    """A grid (rules round every row, verticals down every column edge) whose second row holds a label
    wrapped over four lines: its rules stand further apart than three text lines."""
    page, y = _canvas(path)
    page.drawString(60, y, "Belopp i kr")
    top = y - 8
    rows = [(["Kansli"], ("1 200 000", "1 250 000")),
            (["Insatser", "för unga", "vuxna i", "Dalarna"], ("198 389", "221 216")),
            (["Lokalhyra"], ("300 000", "310 000")), (["Summa"], ("1 698 389", "1 781 216"))]
    edges, y = [top], top
    page.drawString(66, top - 12, "Post")
    page.drawRightString(264, top - 12, "Utfall 2024")
    page.drawRightString(344, top - 12, "Budget 2025")
    y -= 16
    edges.append(y)
    for labels, amounts in rows:
        for k, text in enumerate(labels):
            page.drawString(66, y - 12 - 12 * k, text)
        page.drawRightString(264, y - 12 - 12 * (len(labels) - 1), amounts[0])
        page.drawRightString(344, y - 12 - 12 * (len(labels) - 1), amounts[1])
        y -= 4 + 12 * len(labels)
        edges.append(y)
    for e in edges:
        page.line(60, e, 350, e)
    for x in (60, 190, 270, 350):
        page.line(x, top, x, y)
    page.save()


def test_vertical_rules_through_a_tall_row_keep_the_grid_one_table(tmp_path):
    path = tmp_path / "grid.pdf"
    _tall_grid_row(path)
    found = _amounts(_read(path))
    assert found[("Lokalhyra", 2024, "utfall")] == 300_000
    assert found[("Summa", 2025, "budget")] == 1_781_216
    assert found[("Insatser för unga vuxna i Dalarna", 2024, "utfall")] == 198_389
    assert len(found) == 8


def _note_column_below_rules(path: Path) -> None:
    """A borderless table with a rule under its header and one over its subtotal; note numbers only in
    the rows under the subtotal, in a column the header names."""
    page, y = _canvas(path)
    page.drawString(60, y, "Beloppen anges i kronor.")
    y -= 18
    page.drawRightString(306, y, "Not")
    page.drawRightString(400, y, "Utfall 2021")
    page.line(56, y - 4, 404, y - 4)
    rows = [("Medlemsavgift Arbetsförmedlingen", "", "3 491 246"), ("Projektmedel ESF", "", "5 248 412"),
            ("Summa intäkter", "", "8 739 658"), ("Ekonomitjänster", "7", "865 974"),
            ("Individinriktade insatser", "1", "339 838"), ("Styrelse", "", "565 553")]
    for label, note, amount in rows:
        y -= 16
        if label.startswith("Summa"):
            page.line(56, y + 12, 404, y + 12)
        page.drawString(60, y, label)
        page.drawRightString(306, y, note)
        page.drawRightString(400, y, amount)
    page.save()


def test_rules_under_the_header_and_over_a_subtotal_frame_no_table_of_their_own(tmp_path):
    path = tmp_path / "notes.pdf"
    _note_column_below_rules(path)
    found = _amounts(_read(path))
    assert found[("Ekonomitjänster", 2021, "utfall")] == 865_974
    assert found[("Styrelse", 2021, "utfall")] == 565_553
    assert found[("Summa intäkter", 2021, "utfall")] == 8_739_658
    assert len(found) == 6


def _one_column_table_under_a_wide_one(path: Path) -> None:
    """Two borderless tables at one label edge; the second's only header is its column's, with no label."""
    page, y = _canvas(path)
    page.drawString(60, y, "Budget och utfall")
    y -= 16
    for x, kind, year in ((300, "Utfall", "2020"), (360, "Budget", "2021"), (420, "Budget", "2022")):
        page.drawString(x - 42, y, kind)  # a two-level header, both levels left-aligned in the cell
        page.drawString(x - 42, y - 16, year)
    y -= 16
    for label, *amounts in (("Arvoden", "1 295 000", "1 147 364", "1 130 743"),
                            ("Försäkringar", "1 508 372", "1 137 753", "1 037 642")):
        y -= 16
        page.drawString(60, y, label)
        for x, amount in zip((300, 360, 420), amounts, strict=True):
            page.drawRightString(x, y, amount)
    y -= 28  # the one-column table's amounts end between two of the wide table's columns
    page.drawRightString(345, y, "Budget år 2024, tkr")  # its centre left of the wide table's column bound
    for label, amount in (("Lokalhyra", "344"), ("Köpta tjänster", "1 867"), ("Summa kostnader", "2 211")):
        y -= 16
        page.drawString(60, y, label)
        page.drawRightString(345, y, amount)
    page.save()


def test_a_lone_column_header_under_a_wider_table_starts_the_next_table(tmp_path):
    path = tmp_path / "two.pdf"
    _one_column_table_under_a_wide_one(path)
    found = _amounts(_read(path))
    assert found[("Lokalhyra", 2024, "budget")] == 344_000
    assert found[("Summa kostnader", 2024, "budget")] == 2_211_000
    assert found[("Arvoden", 2021, "budget")] == 1_147_364
    assert len(found) == 9


def _header_alone_over_one_column(path: Path) -> None:
    """A one-column table whose header line has no label: "Bokslut 2025-12-31" set flush right over the
    amounts, then a section heading and a label wrapped over two lines before the first amount."""
    page, y = _canvas(path)
    page.drawString(54, y, "Belopp i tkr")
    page.drawRightString(277, y - 18, "Bokslut 2025-12-31")
    y -= 34
    page.drawString(60, y, "Finansiering")
    rows = [(["Medlemsavgift", "Arbetsförmedlingen"], "1 942,3"), (["Statligt bidrag"], "2 388,9"),
            (["Summa intäkter"], "4 331,2")]
    for labels, amount in rows:
        y -= 16
        for k, text in enumerate(labels):
            page.drawString(60, y - 8 * k, text)
        y -= 8 * (len(labels) - 1)
        page.drawRightString(277, y, amount)
    page.save()


def test_a_header_with_no_label_over_the_amounts_below_opens_the_table(tmp_path):
    path = tmp_path / "alone.pdf"
    _header_alone_over_one_column(path)
    found = _amounts(_read(path))
    assert found == {("Medlemsavgift Arbetsförmedlingen", 2025, "utfall"): 1_942_300,
                     ("Statligt bidrag", 2025, "utfall"): 2_388_900, ("Summa intäkter", 2025, "utfall"): 4_331_200}
