"""Row totals across columns: Helår = Kv 1 + … + Kv 4 in every row, read from the table cells."""

from __future__ import annotations

import duckdb
import pytest

from benchmarks.period_tables import table, text
from pipeline.check.rowtotals import check_row_totals, confirmed_cells
from pipeline.settings import CheckSettings

from ..conftest import run_all

QUARTERS = ["Budget 2025, tkr", "Kv 1", "Kv 2", "Kv 3", "Kv 4", "Helår"]
PLAN = [QUARTERS,
        ["Medlemsavgifter", "1 250", "1 250", "1 250", "1 250", "5 000"],
        ["Övriga intäkter", "30", "25", "20", "25", "100"],
        ["Personal", "610", "590", "480", "620", "2 300"],
        ["Lokaler", "90", "90", "90", "90", "360"],
        ["Insatser", "520", "560", "610", "650", "2 350"],   # the quarters give 2 340
        ["Årets resultat", "60", "35", "90", "-85", "100"]]


def cells(grid: list[list[str]], table_no: int = 0) -> list[dict]:
    return [{"document": "d", "table_no": table_no, "row_no": r, "col_no": c, "text": t, "page": 1, "line": r,
             "bbox": None} for r, row in enumerate(grid) for c, t in enumerate(row)]


def findings(grid: list[list[str]], lines: list[dict] | None = None) -> dict[str, dict]:
    return {f["label"]: f for f in check_row_totals("d", cells(grid), lines or [], CheckSettings(), 2025)}


def test_a_wrong_total_cell_is_an_error_the_other_rows_confirm():
    found = findings(PLAN)
    bad = found["Insatser"]
    assert (bad["kind"], bad["severity"], bad["verdict"]) == ("rowtotal_mismatch", "error", "error")
    assert (bad["stated"], bad["computed"], bad["difference"]) == (2_350_000, 2_340_000, 10_000)
    assert bad["materiality"] == pytest.approx(10 / 2350)
    assert bad["year"] == 2025 and bad["line"] == 5
    assert bad["explanation"] == (
        "'Insatser': Helår anges till 2\u00a0350\u00a0000 kr men Kv 1 + Kv 2 + Kv 3 + Kv 4 = 2\u00a0340\u00a0000 kr "
        "(belopp i tkr); skillnad 10\u00a0000 kr (0,4 %). Summakolumnen stämmer i 5 av tabellens 6 rader.")
    ok = found["Årets resultat"]  # a negative quarter is added with its printed sign
    assert ok["verdict"] == "ok" and ok["stated"] == ok["computed"] == 100_000
    assert ok["explanation"] == "'Årets resultat': Helår 100\u00a0000 kr = Kv 1 + Kv 2 + Kv 3 + Kv 4 (belopp i tkr)."
    assert sum(f["severity"] == "error" for f in found.values()) == 1


def test_one_unit_off_in_tkr_is_rounding_with_its_band():
    grid = [row[:] for row in PLAN]
    grid[5][5] = "2 341"
    f = findings(grid)["Insatser"]
    # 5 figures rounded to whole tkr: the band is 4 terms · ½ tkr = 2 000 kr, inside 4,9σ
    assert (f["kind"], f["verdict"], f["severity"], f["tolerance"]) == ("rowtotal_rounding", "rounding", "info", 2000)
    assert f["explanation"].endswith(
        "skillnad 1\u00a0000 kr (0,0 %). Det ryms i avrundningen: 5 tal avrundade till hela tkr kan skilja upp till "
        "2\u00a0000 kr (en större skillnad har sannolikhet under 1·10^-6).")


def test_too_few_rows_to_confirm_is_cannot_tell():
    grid = [QUARTERS, PLAN[1], PLAN[2], PLAN[5]]
    f = findings(grid)["Insatser"]
    assert (f["kind"], f["verdict"], f["severity"]) == ("rowtotal_unconfirmed", "cannot tell", "info")
    assert f["explanation"].endswith("Bara 2 av tabellens 3 rader följer sambandet, för få för att bekräfta "
                                     "vilka kolumner som summeras: kan inte avgöra.")


def test_the_total_sums_the_contiguous_periods_not_last_years_column():
    grid = [["tkr", "Budget 2024", *QUARTERS[1:]]] + [[r[0], "999", *r[1:]] for r in PLAN[1:]]
    found = findings(grid)
    assert found["Personal"]["verdict"] == "ok" and "= Kv 1 + Kv 2 + Kv 3 + Kv 4" in found["Personal"]["explanation"]
    assert found["Insatser"]["verdict"] == "error"


def test_a_year_alone_beside_periods_is_the_total_and_projects_take_the_documents_unit():
    grid = [["", "T1", "T2", "T3", "År 2025"], ["Kansli", "100", "100", "100", "300"],
            ["Insatser", "50", "60", "70", "180"], ["Styrelse", "10", "10", "10", "30"],
            ["Summa", "160", "170", "180", "500"]]
    found = findings(grid, [{"table_no": 9, "unit_factor": 1000}])
    assert found["Summa"]["verdict"] == "error" and found["Summa"]["difference"] == -10_000
    assert "År 2025 anges till 500\u00a0000 kr men T1 + T2 + T3 = 510\u00a0000 kr" in found["Summa"]["explanation"]
    projects = [["", "Projekt A", "Projekt B", "Totalt"], ["Lön", "10", "20", "30"], ["Hyra", "5", "5", "10"],
                ["Resor", "1", "2", "3"]]
    assert {f["verdict"] for f in findings(projects).values()} == {"ok"}


@pytest.mark.parametrize("grid", [
    # a forecast is no sum of the columns beside it, nor is a budget column that merely says helår
    [["tkr", "Utfall jan–aug", "Prognos helår", "Budget helår"], ["Personal", "1 500", "2 300", "2 250"],
     ["Lokaler", "240", "360", "360"], ["Insatser", "1 100", "2 000", "2 400"]],
    # a table of years has no total column
    [["tkr", "2024", "2025", "2026"], ["Personal", "100", "200", "300"], ["Lokaler", "50", "50", "100"],
     ["Insatser", "10", "20", "30"]],
])
def test_tables_without_a_total_column_say_nothing(grid):
    assert findings(grid) == {}


def test_confirmed_cells_are_the_rows_that_hold():
    held = confirmed_cells(cells(PLAN), [], CheckSettings())
    assert [r for _, r, *_ in held] == [1, 2, 3, 4, 6]
    assert {(target, group, factor) for _, _, target, group, factor in held} == {(5, (1, 2, 3, 4), 1000)}


def test_a_quarterly_plan_through_the_pipeline(tmp_path):
    """A generated plan (Kv 1 … Kv 4 + Helår, tkr) with one wrong Helår cell, parsed and checked for real."""
    import random

    label = table("kvartal", random.Random(3))[4][0]  # the first cost row
    grid = table("kvartal", random.Random(3), error=(label, 40))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kvartal.txt").write_text(text("Testbygden", grid), encoding="utf-8")
    warehouse = run_all(raw, tmp_path)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT kind, label, difference FROM findings WHERE severity = 'error' "
                           "ORDER BY kind").fetchall()
        checked = con.execute("SELECT count(*) FROM findings WHERE kind = 'rowtotal_check'").fetchone()[0]
        kinds = con.execute("SELECT DISTINCT column_kind, column_header FROM budget_lines ORDER BY 2").fetchall()
    # the wrong Helår cell, across its row; and down its column, where Summa kostnader no longer adds up
    assert rows == [("rowtotal_mismatch", label, 40_000), ("sum_mismatch", "Summa kostnader", -40_000)]
    assert checked == len(grid) - 2  # every other row holds
    # the quarters are read as periods of the plan year, Helår as its budget
    assert kinds == [("budget", "Helår"), *(("period", f"Kv {i}") for i in range(1, 5))]


def test_a_header_whose_number_stands_alone_over_the_figures_still_heads_the_table():
    """Parse may leave "Halvår 1" as "… Halvår" over the labels and "1" over the figures."""
    grid = [["Budget 2025, tkr Halvår", "1", "Halvår 2", "Hela året"], ["Kansli", "100", "120", "220"],
            ["Insatser", "300", "310", "610"], ["Styrelse", "20", "20", "40"], ["Summa", "420", "450", "880"]]
    found = findings(grid)
    assert {label: f["verdict"] for label, f in found.items()} == {
        "Kansli": "ok", "Insatser": "ok", "Styrelse": "ok", "Summa": "error"}
    assert "Hela året anges till 880\u00a0000 kr men 1 + Halvår 2 = 870\u00a0000 kr" in found["Summa"]["explanation"]


def test_the_injection_benchmark_finds_errors_in_period_and_total_cells():
    from collections import Counter

    from benchmarks.inject import run_cells

    grid = [row[:] for row in PLAN]
    grid[5][5] = "2 340"  # the plan made right: nothing to accuse on the clean copy
    tried, found, clean = Counter(), Counter(), {}
    run_cells({"d": cells(grid)}, {}, seed=1, per_kind=3, tried=tried, found=found, clean=clean)
    assert clean == {"d": 0}
    assert tried == found == Counter({"xperiod": 3, "xtotal": 3})
