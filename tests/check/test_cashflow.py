"""A cash-flow statement adds up: each section's flow, the year's flow and the cash it rolls on."""

from __future__ import annotations

from pipeline.check import find_findings

from .test_corroboration import table

STATEMENT = [
    ("Rörelseresultat", False, [309, 132]),
    ("Erlagd ränta", False, [-118, -48]),
    ("Kassaflöde från löpande verksamheten före förändringar av rörelsekapital", False, [191, 84]),
    ("Ökning av kortfristiga fordringar", False, [-62, -10]),
    ("Ökning av kortfristiga skulder", False, [74, -117]),
    ("Kassaflöde från den löpande verksamheten", False, [203, -43]),
    ("Amortering av lån", False, [-171, -170]),
    ("Kassaflöde från finansieringsverksamheten", False, [-171, -170]),
    ("Årets kassaflöde", False, [32, -213]),
    ("Likvida medel vid årets början", False, [874, 1087]),
    ("Likvida medel vid årets slut", False, [906, 874]),
]


def _verdicts(rows) -> dict[tuple[str, int], str]:
    return {(f["label"], f["year"]): f["verdict"] for f in find_findings(table(rows))
            if f["kind"].startswith("cashflow")}


def test_a_cash_flow_statement_that_adds_up_holds_in_every_part():
    verdicts = _verdicts(STATEMENT)
    assert set(verdicts.values()) == {"ok"}
    checked = {label for label, _ in verdicts}
    assert checked == {"Kassaflöde från löpande verksamheten före förändringar av rörelsekapital",
                       "Kassaflöde från den löpande verksamheten", "Årets kassaflöde", "Likvida medel vid årets slut"}


def test_cash_at_the_years_end_that_does_not_roll_is_an_error_confirmed_by_the_other_year():
    rows = [r if r[0] != "Likvida medel vid årets slut" else (r[0], False, [916, 874]) for r in STATEMENT]
    verdicts = _verdicts(rows)
    assert verdicts[("Likvida medel vid årets slut", 2025)] == "error"
    assert verdicts[("Likvida medel vid årets slut", 2026)] == "ok"


def test_a_section_flow_off_in_every_year_cannot_tell():
    """The rows a section sums are read from the table; where no year confirms them, no accusation."""
    rows = [r if r[0] != "Kassaflöde från den löpande verksamheten" else (r[0], False, [250, 10])
            for r in STATEMENT]
    assert _verdicts(rows)[("Kassaflöde från den löpande verksamheten", 2025)] == "cannot tell"
