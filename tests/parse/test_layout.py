"""Table layout rules on small generated pages: words placed by hand, read by collect_tables."""

from __future__ import annotations

import pytest

from pipeline.parse.layout import group_lines, line_kind, split_cells
from pipeline.parse.tables import collect_tables
from pipeline.settings import LayoutSettings

SETTINGS = LayoutSettings()
CHAR = 5.0  # points per character of a generated word
SPACE = 3.0  # points between two words (closer than LayoutSettings.number_gap: "1 445" is one amount)
HEIGHT = 10.0


def words(text: str, x: float, top: float, right: bool = False) -> list[dict]:
    """The words of text set from x (or ending at x when right-aligned)."""
    width = len(text.replace(" ", "")) * CHAR + text.count(" ") * SPACE
    x = x - width if right else x
    out = []
    for part in text.split(" "):
        out.append({"text": part, "x0": x, "x1": x + len(part) * CHAR, "top": top, "bottom": top + HEIGHT})
        x += len(part) * CHAR + SPACE
    return out


def row(top: float, label: str | None, cells: list[tuple[str, float]], right: bool = True) -> list[dict]:
    """A table row: a label at x=50 and each cell right-aligned to (or starting at) its x."""
    out = words(label, 50, top) if label else []
    for text, x in cells:
        out += words(text, x, top, right=right)
    return out


def page(rows: list[list[dict]], horizontal: list[dict] | None = None) -> dict:
    return {"number": 1, "lines": group_lines([w for r in rows for w in r], SETTINGS.line_tolerance),
            "horizontal": horizontal or [], "vertical": []}


def texts(table: dict) -> list[list[str]]:
    return [[c["text"] for c in r] for r in table["rows"]]


def rule(top: float, x0: float, x1: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": top}


def _kind(*cells: tuple[str, float]) -> str:
    line = group_lines([w for text, x in cells for w in words(text, x, 0)], SETTINGS.line_tolerance)[0]
    return line_kind(split_cells(line, [], SETTINGS, split_tails=False))


def test_a_line_of_years_in_calendar_order_is_a_header_even_with_one_year_twice():
    # "Budget | Prognos" stand over "2026 | 2026" on the line above
    assert _kind(("2025", 200), ("2026", 300), ("2026", 400), ("2027", 500)) == "header"
    assert _kind(("2027", 200), ("2026", 300), ("2026", 400)) == "data"  # amounts in no order


def test_a_year_among_header_words_is_a_header():
    assert _kind(("Not", 200), ("2026", 300), ("Antal deltagare", 400)) == "header"
    assert _kind(("Kommunbidrag", 50), ("2026", 300), ("1 400", 400)) == "data"


def test_a_corner_unit_centred_on_a_two_line_header_stays_with_the_table():
    lines = [row(100, None, [("Utfall", 250), ("Budget", 350)]),
             row(106, "(tkr)", []),
             row(112, None, [("2025", 250), ("2026", 350)]),
             row(130, "Kansli", [("1 445", 250), ("1 232", 350)]),
             row(145, "Revision", [("193", 250), ("204", 350)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[:2] == [["", "Utfall", "Budget"], ["(tkr)", "2025", "2026"]]


def test_amounts_centred_on_a_wrapped_label_go_with_both_of_its_lines():
    lines = [row(100, None, [("2025", 250), ("2026", 350)]),
             row(120, "Medlemsavgift", []),
             row(126, None, [("1 418", 250), ("1 773", 350)]),
             row(132, "Arbetsförmedlingen", []),
             row(150, "Kansli", [("2 193", 250), ("2 204", 350)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[1:] == [["Medlemsavgift Arbetsförmedlingen", "1 418", "1 773"], ["Kansli", "2 193", "2 204"]]


def test_a_header_under_rows_opens_the_next_table():
    # two borderless tables, one under the other, their headers left-aligned over different columns
    lines = [row(100, "Post", [("Budget 2022", 250), ("Budget 2023", 450)], right=False),
             row(120, "Kansli", [("806 799", 350), ("819 701", 550)]),
             row(140, "Revision", [("358 718", 350), ("353 885", 550)]),
             row(170, "Belopp i mnkr", [("Budget 2022", 200), ("Budget 2023", 300), ("Budget 2024", 400)],
                 right=False),
             row(190, "Tranås kommun", [("5", 290), ("6", 390), ("7", 490)]),
             row(210, "Avesta kommun", [("25", 290), ("26", 390), ("26", 490)])]
    first, second = collect_tables([page(lines)], SETTINGS)
    assert texts(first)[:2] == [["Post", "Budget 2022", "Budget 2023"], ["Kansli", "806 799", "819 701"]]
    assert texts(second)[:2] == [["Belopp i mnkr", "Budget 2022", "Budget 2023", "Budget 2024"],
                                 ["Tranås kommun", "5", "6", "7"]]


def test_a_grid_of_another_width_below_a_caption_is_another_table():
    first = [row(102 + 16 * i, label, [(amount, 290)]) for i, (label, amount) in
             enumerate([("tkr", ""), ("Styrelse", "2 806"), ("Kansli", "2 923")])]
    first[0] = row(102, "tkr", [("Utfall 2025", 290)])
    second = [row(182, "Konto", [("2025", 340), ("2026", 410), ("2027", 480)])] + [
        row(198 + 16 * i, label, [(a, 340), (b, 410), (c, 480)])
        for i, (label, a, b, c) in enumerate([("Projektmedel", "23", "24", "20"), ("Kommunerna", "32", "28", "34")])]
    caption = [words("Budget för förbundet", 45, 160)]
    rules = [rule(100 + 16 * i, 45, 300) for i in range(4)] + [rule(180 + 16 * i, 45, 490) for i in range(4)]
    vertical = [{"x0": x, "x1": x, "top": 100, "bottom": 148} for x in (45, 200, 300)] + [
        {"x0": x, "x1": x, "top": 180, "bottom": 228} for x in (45, 250, 345, 415, 490)]
    found = collect_tables([dict(page(first + caption + second, rules), vertical=vertical)], SETTINGS)
    assert [texts(t)[0] for t in found] == [["tkr", "Utfall 2025"], ["Konto", "2025", "2026", "2027"]]


def test_a_header_over_the_same_columns_under_rows_is_a_section_of_the_same_table():
    lines = [row(100, "Intäkter", [("2024", 250), ("2025", 350)]),
             row(120, "Kommunbidrag", [("1 000", 250), ("1 100", 350)]),
             row(140, "Statsbidrag", [("1 000", 250), ("1 100", 350)]),
             row(160, "Kostnader", [("2024", 250), ("2025", 350)]),
             row(180, "Kansli", [("900", 250), ("950", 350)])]
    tables = collect_tables([page(lines)], SETTINGS)
    assert len(tables) == 1 and texts(tables[0])[3] == ["Kostnader", "2024", "2025"]


def test_a_date_broken_at_its_hyphen_in_a_narrow_cell_is_one_header():
    lines = [row(100, "Post", [("Bokslut 2024-12-", 250), ("Budget 2026", 350)]),
             row(111, None, [("31", 220)]),
             row(130, "Kansli", [("3 254,5", 250), ("3 247,6", 350)]),
             row(145, "Revision", [("652,6", 250), ("719,9", 350)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[:2] == [["Post", "Bokslut 2024-12-31", "Budget 2026"], ["Kansli", "3 254,5", "3 247,6"]]


def test_rules_over_and_under_a_wrapped_total_frame_no_table():
    lines = [row(100, None, [("2025", 250), ("2026", 350)]),
             row(120, "Kansli", [("1 000", 250), ("1 100", 350)]),
             row(140, "Revision", [("500", 250), ("600", 350)]),
             row(160, "Summa verksamhetens", [("1 500", 250), ("1 700", 350)]),
             row(172, "kostnader", [])]
    tables = collect_tables([page(lines, [rule(158, 45, 360), rule(184, 45, 360)])], SETTINGS)
    assert len(tables) == 1 and texts(tables[0])[-1] == ["Summa verksamhetens kostnader", "1 500", "1 700"]


def test_a_caption_above_an_earlier_table_is_not_the_next_ones():
    lines = [[*words("Budget och utfall, tkr", 50, 80)],
             row(100, "Konto", [("2022", 250), ("2023", 350)]),
             row(120, "Kansli", [("1 000", 250), ("1 100", 350)]),
             row(140, "Summa", [("1 000", 250), ("1 100", 350)]),
             row(170, "Post", [("2023", 250), ("2024", 350), ("2025", 450)]),
             row(190, "Kansli", [("1 328 821", 250), ("1 913 169", 350), ("1 588 830", 450)]),
             row(210, "Styrelse", [("295 392", 250), ("223 224", 350), ("226 403", 450)])]
    first, second = collect_tables([page(lines)], SETTINGS)
    assert first["title"] == "Budget och utfall, tkr" and second["title"] is None


def test_white_space_between_two_grids_of_one_width_parts_them():
    # a grid, then after an empty gap a ruled header alone at the page foot: it heads the next page's rows
    grid = [row(102 + 11 * i, label, [(amount, 290)]) for i, (label, amount) in
            enumerate([("Kansli", "2 707"), ("Styrelse", "1 519"), ("Revision", "3 314")])]
    foot = [row(160, "Belopp i kr", [("Utfall 2025", 150), ("Budget 2026", 240)], right=False)]
    rules = [rule(100 + 11 * i, 45, 300) for i in range(4)] + [rule(158, 45, 300), rule(171, 45, 300)]
    overleaf = [row(70 + 15 * i, label, [(a, 200), (b, 290)]) for i, (label, a, b) in
                enumerate([("Kommunbidrag", "3 698 681", "3 594 389"), ("Ränteintäkter", "2 791 875", "2 791 875")])]
    found = collect_tables([page(grid + foot, rules), dict(page(overleaf), number=2)], SETTINGS)
    assert texts(found[0])[-1] == ["Revision", "3 314"]
    assert texts(found[1])[0] == ["Belopp i kr", "Utfall 2025", "Budget 2026"]


def test_a_label_wrapped_over_lines_above_its_amounts_is_one_label():
    # a narrow label column, amounts at the foot of the cell: "Utbildning / och kompe / tensutveck / ling  743"
    lines = [row(100, "Tkr", [("Plan 2027", 250), ("Plan 2028", 350)]),
             row(115, "Revision", [("1 673", 250), ("1 260", 350)]),
             row(130, "Utbildning", []), row(141, "och kompe", []), row(152, "tensutveck", []),
             row(163, "ling", [("743", 250), ("733", 350)]),
             row(178, "Kansli", [("507", 250), ("436", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    # "kompe" and "tensutveck" end at the column's edge: one word broken twice (parse/wordbreak.py)
    assert rows[2] == ["Utbildning och kompetensutveckling", "743", "733"]


def test_a_county_name_going_on_with_lan_keeps_its_space():
    # "Örebro län" wrapped at the edge of a column that cuts words elsewhere ("Personalkost" / "nader"):
    # "län" is a word of its own (vocabulary [wrapped_labels]), as in "Region Jönköpings län"
    lines = [row(100, "Tkr", [("Plan 2027", 250), ("Plan 2028", 350)]),
             row(115, "Region Örebro", []), row(126, "län", [("1 673", 250), ("1 260", 350)]),
             row(141, "Personalkost", []), row(152, "nader", [("3 974", 250), ("3 371", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert rows[1] == ["Region Örebro län", "1 673", "1 260"]
    assert rows[2] == ["Personalkostnader", "3 974", "3 371"]


def test_a_wrapped_label_reaches_above_the_rules_of_its_row():
    lines = [row(100, "Tkr", [("Plan 2027", 250), ("Plan 2028", 350)]),
             row(115, "Revision", [("1 673", 250), ("1 260", 350)]),
             row(130, "Kansli", [("1 673", 250), ("1 260", 350)]),
             row(160, "Utbildning", []), row(171, "och kompe", []), row(182, "tensutveck", []),
             row(193, "ling", [("743", 250), ("733", 350)]),
             row(208, "Personalko", []), row(219, "stnader", [("3 974", 250), ("3 371", 350)]),
             row(234, "Summa", [("9 974", 250), ("9 371", 350)])]
    rules = [rule(y, 45, 360) for y in (98, 112, 127, 142, 205, 231, 246)]
    rows = [r for t in collect_tables([page(lines, rules)], SETTINGS) for r in texts(t)]
    assert ["Utbildning och kompetensutveckling", "743", "733"] in rows  # broken at the edge twice


def test_a_header_left_aligned_across_a_column_bound_stays_one_header():
    # "Bokslut 2026" starts in the left half of its wide cell, over amounts set flush right in it
    lines = [row(100, "(kr)", [("Budget 2026", 180), ("Bokslut 2026", 294), ("Förändring", 420)], right=False),
             row(120, "Bankavgifter", [("191 856", 290), ("250 617", 410), ("58 761", 530)]),
             row(140, "Kansli", [("3 869 419", 290), ("3 438 227", 410), ("- 431 192", 530)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[0] == ["(kr)", "Budget 2026", "Bokslut 2026", "Förändring"]


def test_a_label_wrapped_at_a_slash_joins_without_a_space():
    # a narrow Word cell breaks "Över-/underskott" after its slash; "Hälso- och" keeps its space
    lines = [row(100, "Tkr", [("Plan 2027", 250), ("Plan 2028", 350)]),
             row(115, "Intäkter", [("1 673", 250), ("1 260", 350)]),
             row(130, "Över-/", []), row(141, "underskott", [("743", 250), ("733", 350)]),
             row(156, "Hälso-", []), row(167, "och vård", [("507", 250), ("436", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert [r[0] for r in rows[2:]] == ["Över-/underskott", "Hälso- och vård"]


PROSE = "Styrelsen fastställer budgeten för det kommande året och planen för de två följande åren."


def test_a_lone_row_opening_a_page_reads_on_under_the_table_before():
    # the page break cut off a table's last row, its label wrapped in a narrow cell; a lone row of
    # amounts under prose on a page of its own is no table
    first = page([row(100, "Tkr", [("Plan 2027", 250), ("Plan 2028", 350)]),
                  row(115, "Intäkter", [("1 673", 250), ("1 260", 350)]),
                  row(130, "Kostnader", [("-930", 250), ("-527", 350)])])
    second = dict(page([row(60, "Över-/", [("743", 250), ("733", 350)]), row(71, "underskott", []),
                        words(PROSE, 50, 110)]), number=2)
    tables = collect_tables([first, second], SETTINGS)
    assert len(tables) == 1 and texts(tables[0])[-1] == ["Över-/underskott", "743", "733"]
    alone = dict(page([words(PROSE, 50, 60),
                       row(80, "Över-/", [("743", 250), ("733", 350)])]), number=2)
    assert len(collect_tables([page([row(60, "Resultat", [("7", 250)])]), alone], SETTINGS)) == 0


def test_an_amount_wrapped_in_a_narrow_cell_is_one_amount():
    # "7 094 730" does not fit its cell: "730" goes on the next line, right under it; an indented
    # "varav" row with amounts of its own stays a row
    lines = [row(100, "Kr", [("2025", 250), ("2026", 350)]),
             row(120, "Bidrag", [("1 328 998", 250), ("1 385 617", 350)]),
             row(140, "Summa", [("7 094", 250), ("6 926", 350)]), row(151, "intäkter", [("730", 250), ("287", 350)]),
             row(171, "Kansli", [("3 274", 250), ("3 228", 350)]),
             words("varav hyra", 60, 182) + row(182, None, [("386", 250), ("008", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert rows[2] == ["Summa intäkter", "7 094 730", "6 926 287"]
    assert rows[3:] == [["Kansli", "3 274", "3 228"], ["varav hyra", "386", "008"]]


def test_a_date_broken_in_a_left_aligned_cell_wraps_to_the_cells_edge():
    # a left-aligned header cell wraps "31" to its left edge, under "Bokslut", not under "2024-12-"
    lines = [row(100, "Post", [("Bokslut 2024-12-", 180), ("Budget 2026", 290)], right=False),
             row(111, None, [("31", 180)], right=False),
             row(130, "Kansli", [("3 254,5", 250), ("3 247,6", 350)]),
             row(145, "Revision", [("652,6", 250), ("719,9", 350)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[:2] == [["Post", "Bokslut 2024-12-31", "Budget 2026"], ["Kansli", "3 254,5", "3 247,6"]]


def test_a_year_repeated_under_words_is_a_header():
    # "2023 | Prognos helår 2023": the words tell the two columns apart; bare amounts that look
    # like years repeat in no header
    assert _kind(("Konto", 50), ("2023", 200), ("Prognos helår 2023", 300), ("Differens", 400)) == "header"
    assert _kind(("Kommunbidrag", 50), ("2023", 200), ("2023", 300)) == "data"


def _budget(table: dict, outcome: bool = False) -> list[tuple]:
    from pipeline.extract.budget import find_budget_lines
    from pipeline.extract.columns import TableContext

    lines = find_budget_lines("d", dict(table, table=0, notes=[]), TableContext(outcome=outcome, year=2026))
    return [(b["label"], b["year"], b["column_kind"], b["amount_sek"]) for b in lines]


ONE_COLUMN = [("Medel från kommunerna", "6 709"), ("Driftbidrag från staten", "6 634"),
              ("Summa finansiering", "13 343")]


@pytest.mark.parametrize("header_x", [180, 230])  # left-aligned in its cell, or centred over the page
def test_a_header_between_the_labels_and_the_only_amount_column_heads_it(header_x):
    # a Word table of two equal columns: "Utfall 2025" left-aligned in the right-hand cell, far left
    # of its right-aligned amounts, right of every label; a section heading stands under it
    lines = [row(80, "Belopp i tkr", []), words("Utfall 2025", header_x, 100), row(120, "Intäkter", [])]
    lines += [row(140 + 15 * k, label, [(amount, 450)]) for k, (label, amount) in enumerate(ONE_COLUMN)]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table)[:2] == [["", "Utfall 2025"], ["Intäkter", ""]]
    assert _budget(table) == [(label, 2025, "utfall", int(amount.replace(" ", "")) * 1000)
                              for label, amount in ONE_COLUMN]


def test_a_caption_starting_among_the_labels_heads_no_column():
    # "Budget 2025" set where the labels start is the table's caption, not its column's header
    lines = [words("Budget 2025", 50, 100)]
    lines += [row(120 + 15 * k, label, [(amount, 450)]) for k, (label, amount) in enumerate(ONE_COLUMN)]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert table["title"] == "Budget 2025" and texts(table)[0] == list(ONE_COLUMN[0])


def test_a_label_wrapped_above_the_first_amounts_goes_with_them_under_the_header():
    # header, section heading, then a label wrapped over two lines whose amount stands on the second
    lines = [words("Bokslut 2025-12-31", 150, 100), row(116, "Finansiering", []), row(130, "Medlemsavgift", []),
             row(141, "Arbetsförmedlingen", [("1 942,3", 250)]), row(157, "Projektmedel ESF", [("388,9", 250)]),
             row(173, "Summa intäkter", [("2 331,2", 250)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    assert texts(table) == [["", "Bokslut 2025-12-31"], ["Finansiering", ""],
                            ["Medlemsavgift Arbetsförmedlingen", "1 942,3"], ["Projektmedel ESF", "388,9"],
                            ["Summa intäkter", "2 331,2"]]
    assert [b[1:3] for b in _budget(table)] == [(2025, "utfall")] * 3


def test_an_amount_broken_inside_a_digit_group_is_one_amount():
    # "2 265 470" with no space it may wrap at: the cell's edge breaks it inside its last group, and
    # "0" goes on right under it; the label wraps too ("Summa" over "tilldelade medel")
    lines = [row(100, "Kr", [("2025", 250), ("2026", 350)]),
             row(120, "Bidrag", [("1 328 998", 250), ("1 385 617", 350)]),
             row(140, "Summa", [("2 265 47", 250), ("2 107 78", 350)]),
             row(151, "tilldelade medel", [("0", 250), ("1", 350)]),
             row(171, "Kansli", [("3 274", 250), ("3 228", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert rows[2:] == [["Summa tilldelade medel", "2 265 470", "2 107 781"], ["Kansli", "3 274", "3 228"]]


def test_a_lone_short_amount_over_another_is_no_broken_amount():
    # "47" alone is an amount of its own (no group before it), and so is "5" under it
    lines = [row(100, "Kr", [("2025", 250), ("2026", 350)]),
             row(120, "Bidrag", [("47", 250), ("1 385 617", 350)]),
             row(131, "Avgift", [("5", 250), ("1 385", 350)])]
    rows = texts(collect_tables([page(lines)], SETTINGS)[0])
    assert rows[1:] == [["Bidrag", "47", "1 385 617"], ["Avgift", "5", "1 385"]]


def test_a_broken_date_joins_while_the_next_headers_line_stays():
    # "31" completes "Bokslut 2024-12-"; "2025" beside it is the next line of "Prognos"
    lines = [row(100, "Post", [("Bokslut 2024-12-", 180), ("Prognos", 290)], right=False),
             row(111, None, [("31", 180), ("2025", 290)], right=False),
             row(130, "Kansli", [("3 254,5", 250), ("3 247,6", 350)]),
             row(145, "Revision", [("652,6", 250), ("719,9", 350)])]
    table = collect_tables([page(lines)], SETTINGS)[0]
    header = [" ".join(t for t in column if t) for column in zip(*texts(table)[:2], strict=True)]
    assert header == ["Post", "Bokslut 2024-12-31", "Prognos 2025"]


def _narrow(labels: list[list[str]]) -> list[list[str]]:
    """Rows whose labels wrap over lines in a column 60 points wide (lines 11 points apart)."""
    lines, top = [row(100, "Post", [("Budget 2025", 250)])], 120
    for k, pieces in enumerate(labels):
        for j, piece in enumerate(pieces):
            last = j == len(pieces) - 1
            lines.append(row(top, piece, [(f"{k + 1} 000", 250)] if last else []))
            top += 11
        top += 9
    return texts(collect_tables([page(lines)], SETTINGS)[0])[1:]


def test_words_broken_at_a_narrow_label_columns_edge_are_joined():
    # the pieces fill their lines to the column's edge (12 characters at 5 points); a label wrapped
    # whole before "och" or short of the edge keeps its space
    rows = _narrow([["Strukturöver", "gripande"], ["Ekonomitjäns", "ter"], ["Utvärdering", "och analys"],
                    ["Summa", "kostnader"]])
    assert [r[0] for r in rows] == ["Strukturövergripande", "Ekonomitjänster", "Utvärdering och analys",
                                    "Summa kostnader"]


def test_one_line_that_fills_the_column_breaks_no_word():
    # the widest label ending a line once is a whole word wrapped at a space, as far as anyone can tell
    rows = _narrow([["Personalkostnad", "inklusive lön"], ["Lokalhyra"], ["Summa", "kostnader"]])
    assert [r[0] for r in rows] == ["Personalkostnad inklusive lön", "Lokalhyra", "Summa kostnader"]


def test_rules_under_the_header_and_over_a_total_do_not_end_the_table():
    # a rule under the header and one over "Summa intäkter" frame the first rows; the table goes on
    # under them, its rows now with a note reference in a column the framed rows leave empty
    lines = [row(100, None, [("Not", 200), ("Utfall 2025", 300)]),
             row(116, "Medlemsavgift", [("3 491 246", 300)]), row(132, "Projektmedel", [("5 248 412", 300)]),
             row(148, "Summa intäkter", [("8 739 658", 300)]), row(164, "Styrelse", [("7", 200), ("865 974", 300)]),
             row(180, "Kansli", [("1 955 000", 300)]), row(196, "Summa kostnader", [("2 820 974", 300)])]
    tables = collect_tables([page(lines, [rule(113, 45, 305), rule(145, 45, 305)])], SETTINGS)
    assert len(tables) == 1
    assert texts(tables[0])[0] == ["", "Not", "Utfall 2025"]
    assert texts(tables[0])[4:6] == [["Styrelse", "7", "865 974"], ["Kansli", "", "1 955 000"]]


def test_a_header_line_opening_with_its_unit_may_name_one_year_twice():
    """'(tkr)  2025  2026  2026  2027' (Budget 2026 and Prognos 2026 on the line above) is a header:
    a unit corner is no row label, and the years run in calendar order, as amounts would not."""
    from pipeline.parse.layout import is_unit_corner, line_kind

    def cells(*texts: str) -> list[dict]:
        return [{"text": t} for t in texts]

    assert line_kind(cells("(tkr)", "2025", "2026", "2026", "2027")) == "header"
    assert line_kind(cells("Belopp i mnkr", "2024", "2024", "2025")) == "header"
    assert line_kind(cells("Not", "2020", "2021", "2021", "2022", "Antal deltagare")) == "header"
    assert line_kind(cells("Medlemsavgift", "2025", "2026", "2026", "2027")) == "data"  # amounts like years
    assert is_unit_corner("Tkr") and not is_unit_corner("Summa 2025") and not is_unit_corner("Driftbidrag")


def test_a_year_header_with_no_label_cell_before_columns_that_hold_no_kronor_is_a_header():
    """'Budget 2028 | Andel | Antal deltagare': the table's first header cell stands where a label
    would, and the columns after it are by name not kronor; a sentence is no such line."""
    from pipeline.parse.layout import line_kind

    def cells(*texts: str) -> list[dict]:
        return [{"text": t} for t in texts]

    assert line_kind(cells("Budget 2028", "Andel", "Antal deltagare")) == "header"
    assert line_kind(cells("Budget 2028 beslutades", "i oktober")) == "text"
