"""Figures printed in two statements must agree."""

from __future__ import annotations

from pipeline.check.carry import check_carried
from pipeline.settings import CheckSettings


def cell(table: int, label: str, year: int, amount: int, row: int = 1, factor: int = 1) -> dict:
    return {"document": "d.pdf", "table_no": table, "row_no": row, "col_no": year - 2000, "label": label,
            "year": year, "amount_sek": amount, "column_kind": "utfall", "unit_factor": factor, "page": table,
            "line": None, "bbox": None}


def verdicts(lines: list[dict]) -> list[tuple]:
    return sorted((f["kind"], f["year"], f["severity"]) for f in check_carried("d.pdf", lines, CheckSettings()))


def test_the_balance_sheets_two_sides_agree() -> None:
    lines = [cell(1, "SUMMA TILLGÅNGAR", 2024, 5_527_918), cell(2, "SUMMA EGET KAPITAL OCH SKULDER", 2024, 5_527_918)]
    assert verdicts(lines) == [("carry_check", 2024, "info")]


def test_a_result_that_changes_between_statements_is_an_error_when_another_year_agrees() -> None:
    lines = [cell(1, "Årets resultat", 2024, 242_253), cell(3, "Årets resultat", 2024, 242_553),
             cell(1, "Årets resultat", 2023, 103_268), cell(3, "Årets resultat", 2023, 103_268)]
    assert verdicts(lines) == [("carry_check", 2023, "info"), ("carry_mismatch", 2024, "error")]


def test_a_pair_that_differs_every_year_or_by_a_unit_cannot_tell() -> None:
    lines = [cell(1, "Arets resultat", 2026, 234_000_000), cell(2, "Årets resultat", 2026, 234)]
    assert verdicts(lines) == [("carry_unconfirmed", 2026, "info")]


def test_a_roll_forward_row_with_several_cells_of_one_year_is_no_years_figure() -> None:
    lines = [cell(1, "Årets resultat", 2024, -44_734), cell(2, "Årets resultat", 2024, 168_310),
             {**cell(2, "Årets resultat", 2024, -44_734), "col_no": 99}]
    assert verdicts(lines) == []
