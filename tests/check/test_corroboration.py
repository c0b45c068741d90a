"""An `error` needs its structure confirmed; otherwise the checker says it cannot tell."""

from __future__ import annotations

from pipeline.check import find_findings


def table(rows: list[tuple[str, bool, list[int]]], years: tuple[int, ...] = (2025, 2026)) -> list[dict]:
    """Budget lines of one table: (label, is_total, one amount per year)."""
    return [{"document": "t.pdf", "table_no": 1, "row_no": r, "col_no": c, "label": label, "section": None,
             "is_total": total, "amount_sek": amount, "year": years[c], "unit_factor": 1, "page": 1, "line": None,
             "bbox": None}
            for r, (label, total, amounts) in enumerate(rows) for c, amount in enumerate(amounts)]


def verdicts(lines: list[dict], label: str) -> dict[int, tuple[str, str]]:
    return {f["year"]: (f["verdict"], f["severity"]) for f in find_findings(lines) if f["label"] == label}


def test_an_error_confirmed_by_another_column_stays_an_error() -> None:
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]),
                   ("Summa kansli", True, [665, 667])])
    assert verdicts(lines, "Summa kansli") == {2025: ("ok", "info"), 2026: ("error", "error")}


def test_a_total_failing_in_every_column_cannot_tell() -> None:
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]),
                   ("Summa kansli", True, [900, 950])])
    found = [f for f in find_findings(lines) if f["label"] == "Summa kansli"]
    assert {f["verdict"] for f in found} == {"cannot tell"}
    assert {f["severity"] for f in found} == {"info"}
    assert all(f["kind"] == "sum_unconfirmed" and "kan inte avgöra" in f["explanation"] for f in found)


def test_a_one_column_table_closed_by_its_only_total_is_defined_by_its_shape() -> None:
    lines = table([("Staten", False, [4322]), ("Regionen", False, [2161]), ("Totalt", True, [6000])], (2025,))
    assert verdicts(lines, "Totalt") == {2025: ("error", "error")}


def test_a_one_row_total_that_disagrees_cannot_tell() -> None:
    lines = table([("Kassa och bank", False, [404]), ("Summa kassa och bank", True, [40])], (2020,))
    assert verdicts(lines, "Summa kassa och bank") == {2020: ("cannot tell", "info")}


def test_a_total_of_the_last_rows_is_read_when_it_holds_in_every_column() -> None:
    # r04's shape: an unmarked subtotal ("Område"), an adjustment, then "Summa" of those two
    lines = table([("Vård", False, [700, 800]), ("Service", False, [300, 200]), ("Område", False, [1000, 1000]),
                   ("Varav statsbidrag", False, [-100, -50]), ("Summa", True, [900, 950])])
    assert verdicts(lines, "Summa") == {2025: ("ok", "info"), 2026: ("ok", "info")}


def test_a_prognos_row_in_a_plan_is_summed_like_any_row() -> None:
    lines = table([("Återställande 2023", False, [117, 0]), ("Återställande 2025, prognos", False, [86, 25]),
                   ("Totalt", True, [203, 25])])
    assert verdicts(lines, "Totalt") == {2025: ("ok", "info"), 2026: ("ok", "info")}
