"""Rounding with numbers: a gap of one printed unit is rounding only where the figures are rounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.check import find_findings
from pipeline.check.rounding import _chance_round


def tkr_table(rows: list[tuple[str, bool, int]], year: int = 2025) -> list[dict]:
    """One tkr column: (label, is_total, amount in tkr)."""
    return [{"document": "t.pdf", "table_no": 1, "row_no": r, "col_no": 0, "label": label, "section": None,
             "is_total": total, "amount_sek": tkr * 1000, "year": year, "unit_factor": 1000, "page": 1,
             "line": None, "bbox": None}
            for r, (label, total, tkr) in enumerate(rows)]


PLANNED = [("Kansli", 1500), ("Styrelse", 250), ("Insatser", 3400), ("Utvärdering", 120), ("Lokaler", 310),
           ("IT", 90), ("Resor", 40), ("Kurser", 60)]
ROUNDED = [("Kansli", 1497), ("Styrelse", 253), ("Insatser", 3408), ("Utvärdering", 121), ("Lokaler", 316),
           ("IT", 94), ("Resor", 42), ("Kurser", 65)]


def verdict(rows: list[tuple[str, int]], stated: int) -> tuple[str, str]:
    lines = tkr_table([(label, False, tkr) for label, tkr in rows] + [("Summa kostnader", True, stated)])
    found = [f for f in find_findings(lines) if f["label"] == "Summa kostnader"]
    assert len(found) == 1
    return found[0]["verdict"], found[0]["explanation"]


def test_one_tkr_off_in_a_planned_budget_is_an_error() -> None:
    stated = sum(tkr for _, tkr in PLANNED) + 1
    kind, why = verdict(PLANNED, stated)
    assert kind == "error"
    assert "slutar på 0" in why and "fastställda i hela enheter" in why


def test_one_tkr_off_among_rounded_figures_is_rounding() -> None:
    stated = sum(tkr for _, tkr in ROUNDED) + 1
    assert verdict(ROUNDED, stated)[0] == "rounding"


def test_a_whole_figure_among_decimals_counts_by_its_units_digit() -> None:
    # 218 and 1,3 mnkr: scaling the whole column by ten would make every whole figure end in 0
    lines = [{"amount_sek": a, "unit_factor": 1_000_000} for a in (218e6, -66e6, 87e6, 1.3e6, 43e6)]
    _, round_figures, figures = _chance_round(lines)
    assert (round_figures, figures) == (0, 5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99_999), min_size=3, max_size=30))
def test_rounded_figures_are_seldom_taken_for_planned_ones(figures: list[int]) -> None:
    # figures with no more zeros than chance would give keep the rounding verdict
    if sum(f % 10 == 0 for f in figures) > len(figures) // 10 + 1:
        return
    chance, _, _ = _chance_round([{"amount_sek": f * 1000, "unit_factor": 1000} for f in figures])
    assert chance > 1e-6
