"""Word tables with a narrow label column: labels wrap inside their cells (the next line may start with a
capital), rows are parted by the cells' padding, banded rows draw rules only around the shaded rows, and a
header or an amount wraps inside its cell. Words placed by hand as Word sets them."""

from __future__ import annotations

from pipeline.parse.tables import collect_tables

from .test_layout import SETTINGS, page, row, rule, texts, words

LINE = 12.0  # a wrapped label's next line in the same cell (a 10 pt line)
PAD = 24.0   # one line's row: the line and the white space of the cell's padding under it


def _rows_down(top: float, rows: list[tuple[list[str], list[tuple[str, float]]]]) -> tuple[list, list, float]:
    """Rows set from `top` down, each label wrapped over its lines, amounts on the first (cells aligned
    to the top); returns the words, each row's (top, bottom) and the bottom of the last row."""
    out, spans = [], []
    for labels, amounts in rows:
        out.append(row(top, labels[0], amounts))
        out += [row(top + LINE * k, more, []) for k, more in enumerate(labels[1:], start=1)]
        bottom = top + LINE * (len(labels) - 1) + PAD
        spans.append((top, bottom))
        top = bottom
    return out, spans, top


def test_header_lines_stand_a_rows_padding_above_a_table_whose_labels_wrap():
    # the white space between two rows (the cells' padding) is wider than a line's height; the lines of a
    # wrapped label stand closer; the header and the section heading stand one row's white space apart
    header = [row(100, None, [("Budget 2025 (tkr)", 250), ("Avvikelse", 350)]), row(112, None, [("(tkr)", 350)])]
    section = [row(136, "Tilldelade", []), row(148, "medel", [])]
    body, _, _ = _rows_down(172, [(["Ränteintäkter"], [("1 832", 250), ("- 267", 350)]),
                                  (["Medlemsavgift", "Försäkringskas", "san"], [("1 292", 250), ("- 181", 350)]),
                                  (["Kommunbidrag"], [("1 284", 250), ("- 1 284", 350)]),
                                  (["Medlemsavgift", "Region", "Värmland"], [("1 386", 250), ("- 317", 350)]),
                                  (["Summa", "tilldelade", "medel"], [("5 794", 250), ("- 2 049", 350)])])
    tables = collect_tables([page(header + section + body)], SETTINGS)
    assert len(tables) == 1
    assert texts(tables[0])[0] == ["", "Budget 2025 (tkr)", "Avvikelse (tkr)"]
    assert texts(tables[0])[1][0] == "Tilldelade medel"


def _banded(last_label: list[str]) -> tuple[list, list]:
    """A banded table: a rule under the header, then rules over and under the shaded rows only (one
    segment per cell), so an unshaded row whose label wraps over three lines parts two rules by more than
    three lines."""
    lines = [row(100, "Post", [("Budget 2025", 250), ("Budget 2026", 350)])]
    body, spans, _ = _rows_down(124, [(["Kommunbidrag"], [("785 791", 250), ("632 613", 350)]),
                                      (["Ränteintäkter"], [("2 102 011", 250), ("2 696 051", 350)]),
                                      (["Medlemsavgift", "Försäkringska", "ssan"],
                                       [("1 544 139", 250), ("1 579 964", 350)]),
                                      (["Driftbidrag", "från staten"], [("2 313 895", 250), ("2 165 796", 350)]),
                                      (last_label, [("6 746 836", 250), ("7 074 424", 350)])])
    rules = [rule(121, 45, 360)]
    for top, bottom in spans[1:4:2]:  # the second and fourth rows are shaded
        rules += [rule(y, x0, x0 + 105) for y in (top - 1, bottom - 1) for x0 in (45, 150, 255)]
    return lines + body, rules


def test_an_unshaded_row_wrapped_over_three_lines_stays_in_its_banded_table():
    lines, rules = _banded(["Summa", "intäkter"])
    tables = collect_tables([page(lines, rules)], SETTINGS)
    assert len(tables) == 1
    assert [r[0] for r in texts(tables[0])] == ["Post", "Kommunbidrag", "Ränteintäkter",
                                                "Medlemsavgift Försäkringska ssan", "Driftbidrag från staten",
                                                "Summa intäkter"]


def test_a_label_wrapped_to_a_capital_under_the_last_rule_stays_in_its_row():
    # the closing row is unshaded, below the last rule; its label goes on at a line's spacing, not a row's
    lines, rules = _banded(["Medlemsavgift", "Försäkringskassan"])
    tables = collect_tables([page(lines, rules)], SETTINGS)
    assert len(tables) == 1 and texts(tables[0])[-1] == ["Medlemsavgift Försäkringskassan", "6 746 836", "7 074 424"]


def test_a_header_whose_years_fall_on_different_lines_of_its_cells_heads_the_columns():
    # "Plan 2024" fits its cell on one line; "Helårsprognos 2024" and "Avvikelse mot budget" wrap: no line
    # alone names two years, and "Plan 2024" is centred in a cell that starts left of the amounts
    lines = [words("Plan 2024", 205, 100) + row(100, None, [("Helårsprognos", 350), ("Avvikelse mot", 450)]),
             row(112, None, [("2024", 350), ("budget", 450)]),
             row(136, "Tilldelade medel", [])]
    body, _, _ = _rows_down(160, [(["Ianspråktaget eget", "kapital"], [("4 559 836", 260), ("3 958 204", 350),
                                                                      ("- 601 632", 450)]),
                                  (["Driftbidrag från", "staten"],
                                   [("2 995 045", 260), ("2 995 045", 350), ("0", 450)])])
    table = collect_tables([page(lines + body)], SETTINGS)[0]
    header = [[c["text"] for c in column] for column in zip(*table["rows"][:2], strict=True)]
    assert [" ".join(filter(None, column)) for column in header] == [
        "", "Plan 2024", "Helårsprognos 2024", "Avvikelse mot budget"]
    assert texts(table)[3] == ["Ianspråktaget eget kapital", "4 559 836", "3 958 204", "- 601 632"]


def test_the_end_of_a_label_cut_by_the_page_break_over_several_lines_goes_back_to_its_row():
    first = page([row(100, None, [("2023", 250), ("2024", 350)])] +
                 _rows_down(124, [(["Kansli"], [("2 099", 250), ("1 976", 350)]),
                                  (["Utbildning"], [("2 868", 250), ("3 064", 350)])])[0])
    body, _, _ = _rows_down(60 + 3 * LINE, [(["Summa", "kostnader"], [("4 967", 250), ("5 040", 350)])])
    second = dict(page([row(60 + LINE * k, text, []) for k, text in enumerate(["och", "kompetens", "utveckling"])]
                       + body), number=2)
    tables = collect_tables([first, second], SETTINGS)
    assert len(tables) == 1
    assert texts(tables[0])[2:] == [["Utbildning och kompetens utveckling", "2 868", "3 064"],
                                    ["Summa kostnader", "4 967", "5 040"]]


def test_an_amount_wrapped_alone_in_its_cell_is_one_amount():
    # "−140 734" does not fit its cell, the row's other amounts do; a sub-item in lower case with amounts
    # in every column ("100" over "205") is a row of its own
    lines = [row(100, None, [("2025", 250), ("2026", 350)]),
             row(112, "Summa utgifter", [("3 581 591", 250), ("3 512 935", 350)]),
             row(124, "Årets", [("−140", 250), ("275 462", 350)]), row(136, "resultat", [("734", 250)]),
             row(160, "Insatser", [("100", 250), ("100", 350)]),
             row(172, "träningsplatser", [("205", 250), ("215", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert rows[2:] == [["Årets resultat", "−140 734", "275 462"], ["Insatser", "100", "100"],
                        ["träningsplatser", "205", "215"]]


def test_a_word_broken_at_a_shaded_label_cells_edge_is_joined():
    # rows shaded cell by cell: the label cell's shading stops at 125, its text 5 points in from either
    # side, so "Försäkringskas" (ending at 120) fills its line: one break is evidence enough
    body, spans, _ = _rows_down(100, [(["Ränteintäkter"], [("1 832", 250), ("1 565", 350)]),
                                      (["Medlemsavgift", "Försäkringskas", "san"], [("1 292", 250), ("1 111", 350)]),
                                      (["Kommunbidrag"], [("1 284", 250), ("1 069", 350)]),
                                      (["Summa"], [("4 408", 250), ("3 745", 350)])])
    rules = [rule(y, x0, x1) for top, bottom in spans[0:4:2] for y in (top - 1, bottom - 1)
             for x0, x1 in ((45, 125), (125, 260), (260, 360))]
    tables = collect_tables([page(body, rules)], SETTINGS)
    assert [r[0] for r in texts(tables[0])] == ["Ränteintäkter", "Medlemsavgift Försäkringskassan", "Kommunbidrag",
                                                "Summa"]
