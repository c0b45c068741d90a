"""Figures carried between statements: the balance sheet's two sides, the year's result printed in
the income statement and again in the balance sheet or the equity note (vocabulary.toml
[statements] carried). Each year column is compared with the same year and kind in the other table."""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import format_sek
from ..settings import CheckSettings
from ..vocabulary import fold, vocabulary
from .finding import make_finding, unconfirmed, verdict_of


@lru_cache(maxsize=1)
def _pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [(re.compile(fold(a), re.I), re.compile(fold(b), re.I))
            for a, b in vocabulary()["statements"]["carried"]]


def _cells(lines: list[dict], pattern: re.Pattern[str]) -> dict[tuple, dict]:
    """The cell per (table, year, kind) whose row label matches; a row with two cells of one year and
    kind is a roll-forward's parts (disposition, årets resultat …), no year's figure."""
    found: dict[tuple, list[dict]] = {}
    for line in lines:
        if pattern.search(fold(line["label"].strip())):
            found.setdefault((line["table_no"], line["row_no"], line["year"], line.get("column_kind")), []).append(line)
    out: dict[tuple, dict] = {}
    for (table, _, year, kind), cells in found.items():
        if len(cells) == 1:
            out.setdefault((table, year, kind), cells[0])
    return out


def _scaled(a: float, b: float) -> bool:
    """The same figure in two units (234 and 234 000 000): a unit read in one table, no error."""
    if not a or not b:
        return False
    ratio = abs(a / b) if abs(a) > abs(b) else abs(b / a)
    return any(abs(ratio - 1000 ** k) < 1000 ** k * 0.01 for k in (1, 2))


def check_carried(document: str, lines: list[dict], settings: CheckSettings) -> list[dict]:
    out = []
    for left, right in _pairs():
        ours, theirs = _cells(lines, left), _cells(lines, right)
        for (table, year, kind), line in ours.items():
            other = next((o for (t, y, k), o in theirs.items() if t != table and y == year and k == kind), None)
            if other is None or (left is right and other["table_no"] < table):
                continue  # no second statement, or this pair was compared from the other side
            unit = max(line.get("unit_factor") or 1, other.get("unit_factor") or 1)
            tol = settings.rounding_sek * unit
            stated, computed = line["amount_sek"], other["amount_sek"]
            verdict = verdict_of(stated, computed, tol)
            kind_name = {"ok": "carry_check", "rounding": "carry_rounding"}.get(verdict, "carry_mismatch")
            text = (f"'{line['label']}' {year} är {format_sek(stated)} här och {format_sek(computed)} i "
                    f"'{other['label']}' på sidan {other.get('page') or '–'}: samma belopp i två rapporter.")
            out.append(make_finding(document, kind_name, verdict, line["label"], year, stated, computed, tol,
                                    [{"label": other["label"], "table_no": other["table_no"]}],
                                    {"table_no": table, "page": line.get("page"), "line": line.get("line"),
                                     "bbox": line.get("bbox")}, text))
    return _corroborated(out)


def _corroborated(findings: list[dict]) -> list[dict]:
    """A pair that differs in every year it is printed for was more likely matched or read wrong; one
    off by a factor of 1 000 is a unit read in one of the two tables."""
    held = {f["label"] for f in findings if f["verdict"] in ("ok", "rounding")}
    out = []
    for f in findings:
        if f["verdict"] == "error" and _scaled(f["stated"], f["computed"]):
            f = unconfirmed(f, "carry", "Beloppen skiljer sig med en faktor tusen, så en av tabellernas "
                                        "enhet kan vara fel läst")
        elif f["verdict"] == "error" and f["label"] not in held:
            f = unconfirmed(f, "carry", "Beloppen skiljer sig alla år, så det kan vara fel rader som parats ihop")
        out.append(f)
    return out
