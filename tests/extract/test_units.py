"""A table that states no unit takes the scale at which its figures equal a stated table's."""

from __future__ import annotations

from pipeline.extract.units import infer_units


def line(table: int, label: str, year: int, text: str, factor: int = 1) -> dict:
    amount = int(float(text.replace(",", ".").replace(" ", "")) * factor)
    return {"table_no": table, "label": label, "year": year, "amount_text": text, "amount_sek": amount,
            "unit_factor": factor, "unit": None}


def test_an_unstated_table_takes_the_scale_of_the_figures_it_shares() -> None:
    lines = [line(1, "Årets resultat", 2026, "234,0", 1_000_000), line(1, "Skatteintäkter", 2026, "9 000", 1_000_000),
             line(2, "Årets  resultat", 2026, "234"), line(2, "Barnskyddsteam", 2026, "-1,3")]
    out = infer_units(lines, {1: True, 2: False})
    assert [(x["label"], x["amount_sek"], x["unit_factor"]) for x in out if x["table_no"] == 2] == [
        ("Årets  resultat", 234_000_000, 1_000_000), ("Barnskyddsteam", -1_300_000, 1_000_000)]
    assert all(x.get("unit_inferred") for x in out if x["table_no"] == 2)


def test_a_table_that_agrees_as_read_keeps_kronor() -> None:
    lines = [line(1, "Summa", 2025, "1 000", 1000), line(2, "Summa", 2025, "1000000"), line(2, "Summa", 2024, "1000")]
    out = infer_units(lines, {1: True, 2: False})
    assert [x["amount_sek"] for x in out if x["table_no"] == 2] == [1_000_000, 1000]


def test_nothing_shared_changes_nothing() -> None:
    lines = [line(1, "Intäkter", 2025, "5", 1000), line(2, "Kostnader", 2025, "7")]
    assert infer_units(lines, {1: True, 2: False}) == lines


def test_a_header_repeated_on_the_next_page_with_fewer_cells_is_the_same_tables() -> None:
    from pipeline.extract.units import repeats_header
    from pipeline.model import cell

    header = [["Post", "", "Utfall", "Budget", ""], ["Not", "", "2023", "2024", "Antal deltagare"]]

    def table(page: int, first: list[str]) -> dict:
        return {"page": page, "rows": [[cell(t, page) for t in first], [cell("Kansli", page), cell("5", page)]]}

    assert repeats_header(header, 1, table(2, ["Post", "Utfall", "Budget", ""]))
    assert not repeats_header(header, 1, table(3, ["Post", "Utfall", "Budget"]))  # pages apart: another table
    assert not repeats_header(header, 1, table(2, ["Post", "Utfall", "Prognos"]))  # another header
    assert not repeats_header([], 1, table(2, ["Post", "Utfall", "Budget"]))
