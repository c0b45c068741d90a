"""budget_lines.flow / is_primary / repeats_total (pipeline/flows.py, load): an analyst's SUM is honest."""

from __future__ import annotations

import pytest

from pipeline.flows import with_flows

from .conftest import rows

# Each sample plan's own stated total cost for 2025, read in the PDF (../shared/corpus/pdf/<stem>.pdf).
# The query is the issue's: SUM(amount_sek) WHERE is_primary AND NOT is_total AND flow = 'kostnad'.
STATED_COSTS = {
    # Västra Östergötland, p. 8, "Planerade kostnader", row "Totalt": 10 010 000
    "002_993e2a07e1624d0f": (2025, 10_010_000, 0),
    # Högländet, p. 8, row "Summa kostnader", column 2025: 8 086 000
    "004_4ca5af5e2bc26fdb": (2025, 8_086_000, 0),
    # Burlöv m.fl., p. 6, row "Summa totala kostnader", Budget 2025: 2 546 658; its rows add to 2 546 659
    # (Styrelse 260 000 + Anställda 721 623 + Sociala avgifter 401 484 = 1 383 107 against the printed
    # 1 383 106: the plan's own rounding, within the check's tolerance)
    "003_db996d9d141d330c": (2025, 2_546_658, 1),
    # Sollefteå, p. 7, no total cost row: its subtotals for 2025 are "Summa kostnader för insatser" 0,
    # "Summa styrelse och kansli" 667 000 and "Övriga finansiella kostnader" 5 000 = 672 000. Its rows
    # say 0 + (Kansli 622 000 + Styrelse 65 000) + 5 000 = 692 000: the published 20 000 kr error.
    "000_92e5f93be53ef7af": (2025, 672_000, 20_000),
    # Ale m.fl. budgets 2013 and 2014 only; p. 7, row "Total summa", År 2013: 6 145 tkr
    "001_0874f8358a7dd9a7": (2013, 6_145_000, 0),
}


@pytest.mark.parametrize("stem", sorted(STATED_COSTS))
def test_summed_cost_lines_equal_the_plans_stated_total_cost(both_warehouse, stem):
    year, stated, slip = STATED_COSTS[stem]
    found = rows(both_warehouse, "SELECT document, SUM(amount_sek) AS s FROM budget_lines WHERE is_primary AND "
                 "NOT is_total AND flow = 'kostnad' AND year = ? GROUP BY document", [year])
    by_doc = {r["document"]: r["s"] for r in found}
    assert by_doc[f"{stem}.pdf"] == stated + slip
    assert f"{stem}.txt" not in by_doc  # the .txt copy of the same plan is not primary


def test_ale_finance_frame_repeating_the_parties_total_is_not_counted_twice(both_warehouse):
    income = rows(both_warehouse, "SELECT SUM(amount_sek) AS s FROM budget_lines WHERE is_primary AND NOT is_total "
                  "AND flow = 'intäkt' AND year = 2013 AND document = '001_0874f8358a7dd9a7.pdf'")
    assert income[0]["s"] == 6_340_000  # p. 7: Parter, Totalt 6 340 tkr; "Finansiell ram 6340" repeats it


def _line(table, row, label, amount, total=False, section=None, year=2025):
    return {"table_no": table, "row_no": row, "label": label, "section": section, "year": year,
            "column_kind": "budget", "amount_sek": amount, "is_total": total}


def test_a_row_carrying_another_tables_total_gets_no_flow_and_names_it():
    lines = [_line(1, 1, "Region", 500), _line(1, 2, "Kommunerna", 500), _line(1, 3, "Summa bidrag", 1000, True),
             _line(2, 1, "Bidrag från medlemmarna", 1000), _line(2, 2, "Insatser", 800),
             _line(2, 3, "Kansli", 200), _line(2, 4, "Summa kostnader", 1000, True)]
    out = {(b["table_no"], b["row_no"]): b for b in with_flows(lines)}
    assert out[(2, 1)]["flow"] is None and out[(2, 1)]["repeats_total"] == "tabell 1, rad 3: Summa bidrag"
    assert out[(1, 1)]["flow"] == "intäkt" and out[(1, 1)]["repeats_total"] is None
    # a cost row equal to the income total is another side: still a cost
    assert out[(2, 2)]["flow"] == "kostnad" and out[(2, 3)]["category"] == "administration"


def test_equal_amounts_in_the_same_table_or_zero_repeat_nothing():
    lines = [_line(1, 1, "Försteg", 700), _line(1, 2, "Summa insatser", 700, True),
             _line(2, 1, "Bidrag från staten", 0), _line(2, 2, "Summa bidrag", 0, True),
             _line(3, 1, "Bidrag från regionen", 0), _line(3, 2, "Eget kapital, utgående balans", 900)]
    out = with_flows(lines)
    assert all(b["repeats_total"] is None for b in out)
    assert out[0]["flow"] == "kostnad" and out[-1]["flow"] == "balans"
    assert out[2]["category"] == "statlig finansiering"
