"""A cash-flow statement (kassaflödesanalys) adds up three ways, each tested in every column:

* each section's flow ("Kassaflöde från investeringsverksamheten") is the rows since the flow before it,
  and a flow "före förändringar av rörelsekapital" carries into the next one (a running subtotal);
* the year's flow ("Årets kassaflöde") is the sections' flows;
* cash at the year's end is cash at its start plus the year's flow (a roll-forward).

The rows are found by their words (vocabulary [statements] cash_*); a finding is built by the caller's
`finding` (check/rules.py), so corroboration treats it like any other sum.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..numbers import format_sek
from ..settings import CheckSettings
from ..vocabulary import fold, vocabulary
from .rounding import tolerance
from .structure import Row

_WORDS = vocabulary()["statements"]
# matched without diacritics on both sides: a scan's OCR often drops them ("VID ÅRETS BORJAN")
_SECTION, _BEFORE, _YEAR, _OPENING, _CLOSING = (
    re.compile(fold(_WORDS[key]), re.I) for key in ("cash_section", "cash_before", "cash_year", "cash_opening",
                                                     "cash_closing"))


def _is(pattern: re.Pattern[str], row: Row) -> bool:
    return bool(pattern.search(fold(row.label)))


def _is_flow(row: Row) -> bool:
    return any(_is(p, row) for p in (_SECTION, _YEAR, _OPENING, _CLOSING))


def _check(out: list, finding: Callable, document: str, table_no: int, row: Row, parts: list[Row],
           settings: CheckSettings, text: str) -> None:
    for c, stated in row.values.items():
        if any(c not in p.values for p in parts):
            continue
        computed = sum(p.values[c] for p in parts)
        out.append(finding(document, table_no, "cashflow_check", row, c, stated, computed,
                           tolerance(parts, row.factor, settings), parts,
                           f"{text} = {format_sek(computed)}."))


def _sections(out: list, finding: Callable, document: str, table_no: int, rows: list[Row],
              settings: CheckSettings) -> list[Row]:
    """Each section's flow against its rows; returns the sections' flows (not the running subtotals)."""
    flows, since, carried = [], [], None
    for row in rows:
        if _is(_SECTION, row):
            parts = ([carried] if carried else []) + since
            if len(parts) >= 2:
                _check(out, finding, document, table_no, row, parts, settings,
                       f"'{row.label}' ska vara summan av raderna ovanför")
            carried = row if _is(_BEFORE, row) else None
            if not carried:
                flows.append(row)
            since = []
        elif not _is_flow(row) and not row.is_total:
            since.append(row)
    return flows


def check_cash_flow(document: str, table_no: int, rows: list[Row], settings: CheckSettings,
                    finding: Callable) -> list[dict]:
    out: list[dict] = []
    if not any(_is(_SECTION, r) or _is(_CLOSING, r) for r in rows):
        return out
    flows = _sections(out, finding, document, table_no, rows, settings)
    year = next((r for r in rows if _is(_YEAR, r)), None)
    if year and len(flows) >= 2:
        _check(out, finding, document, table_no, year, flows, settings,
               f"'{year.label}' ska vara kassaflödena från verksamheterna")
    opening = next((r for r in rows if _is(_OPENING, r)), None)
    closing = next((r for r in rows if _is(_CLOSING, r)), None)
    if year and opening and closing:
        _check(out, finding, document, table_no, closing, [opening, year], settings,
               "Likvida medel vid årets slut ska vara likvida medel vid årets början + årets kassaflöde")
    return out
