"""Where ruled tables end: rules drawn cell by cell, and a grid's rows."""

from __future__ import annotations

from pipeline.parse.tables import collect_tables

from .test_layout import SETTINGS, page, row, rule, texts


def test_a_tall_row_in_a_grid_drawn_cell_by_cell_stays_in_the_table():
    # every other row shaded, one rectangle per cell; an unshaded row wraps over two lines before the total
    lines = [row(100, "Konto", [("2026", 250), ("2027", 350)]),
             row(118, "Lokalhyra", [("1 354", 250), ("1 026", 350)]),
             row(141, "IT och telefoni", [("513", 250), ("574", 350)]),
             row(164, "Personal", [("2 129", 250), ("2 129", 350)]),
             row(188, "Kommunikation och", [("2 129", 250), ("2 129", 350)]), row(201, "information", []),
             row(224, "Summa kostnader", [("6 125", 250), ("5 858", 350)])]
    rules = [rule(98, 45, 360)]
    for top, bottom in [(116, 139), (162, 185), (222, 245)]:
        rules += [rule(y, x0, x0 + 105) for y in (top, bottom) for x0 in (45, 150, 255)]
    tables = collect_tables([page(lines, rules)], SETTINGS)
    assert [texts(t)[-1] for t in tables] == [["Summa kostnader", "6 125", "5 858"]]


def test_a_row_just_below_the_rules_brings_its_wrapped_label_and_the_row_after_it():
    lines = [row(100, "Konto", [("2025", 250), ("2026", 350)]),
             row(120, "Kansli", [("1 000", 250), ("1 100", 350)]),
             row(140, "Revision", [("500", 250), ("600", 350)]),
             row(160, "Lokalhyra", [("300", 250), ("400", 350)]),
             row(180, "Summa", [("1 800", 250), ("2 100", 350)]), row(191, "verksamhetens", []),
             row(202, "kostnader", []),
             row(222, "Resultat", [("200", 250), ("300", 350)])]
    rules = [rule(y, 45, 360) for y in (118, 138, 158, 178)]
    rows = [r for t in collect_tables([page(lines, rules)], SETTINGS) for r in texts(t)]
    assert ["Summa verksamhetens kostnader", "1 800", "2 100"] in rows and ["Resultat", "200", "300"] in rows
