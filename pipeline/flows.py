"""Load's columns for an analyst's SUM: each budget line's flow, category and whether it repeats a total.

`flow` is the side of the year's account a line counts on (intäkt | kostnad | resultat), or 'balans' for
equity, balances and reserves, or NULL when no word claims it or when it only repeats a figure already
counted. The last case is general to how plans are laid out: a finance table ("Finansiell ram 6 340") or
a summary table ("Insatser 2 095 000, Administration 732 000") repeats, as an ordinary row, the total of
another table whose rows are themselves budget lines. Counting both counts the money twice, so the row
that carries another table's total keeps its amount but gets no flow, and `repeats_total` names the
total it repeats. Which copy of a plan is primary is copies.py's; load copies it onto the lines.
"""

from __future__ import annotations

import re

from .check.categories import COST, COST_CATEGORIES, INCOME, RESULT, categories, category, match, sides
from .vocabulary import vocabulary

BALANCE = "balans"
# category column: the cost categories as the report names them, and income split by who pays
INCOME_CATEGORIES = {"state": "statlig finansiering", "other": "finansiering från kommun, region m.fl."}


def with_flows(lines: list[dict]) -> list[dict]:
    """Budget lines with side, side_amount_sek, flow, category and repeats_total."""
    sided = sides(lines)
    repeats = _repeated_totals(sided)
    out = []
    for line in sided:
        key = (line.get("table_no"), line.get("row_no"), line.get("year"), line.get("column_kind"))
        flow = line["side"]
        if flow is None and _is_balance(line.get("label")):
            flow = BALANCE
        if key in repeats:
            flow = None
        out.append(line | {"flow": flow, "repeats_total": repeats.get(key),
                           "category": None if key in repeats else _category(line)})
    return out


def _repeated_totals(lines: list[dict]) -> dict[tuple, str]:
    """Ordinary rows whose amount is a total row of another table, of the same side, year and column kind.

    Only a total whose own table has ordinary rows of that side counts as already counted; a zero repeats
    nothing (many rows are zero)."""
    counted = {(b.get("table_no"), b["side"]) for b in lines if not b.get("is_total") and b["side"]}
    totals: dict[tuple, list[dict]] = {}
    for b in lines:
        if b.get("is_total") and b["side"] in (INCOME, COST) and (b.get("table_no"), b["side"]) in counted \
                and b.get("amount_sek"):
            totals.setdefault((b["side"], b.get("year"), b.get("column_kind"), b["amount_sek"]), []).append(b)
    out = {}
    for b in lines:
        if b.get("is_total") or b["side"] not in (INCOME, COST):
            continue
        match_ = [t for t in totals.get((b["side"], b.get("year"), b.get("column_kind"), b.get("amount_sek")), [])
                  if t.get("table_no") != b.get("table_no")]
        if match_:
            first = match_[0]
            out[(b.get("table_no"), b.get("row_no"), b.get("year"), b.get("column_kind"))] = (
                f"tabell {first.get('table_no')}, rad {first.get('row_no')}: {first.get('label')}")
    return out


def _is_balance(label: str | None) -> bool:
    return bool(label) and bool(re.search(vocabulary()["statements"]["equity"], label, re.I))


def _category(line: dict) -> str | None:
    """individinriktade / strukturövergripande / administration for costs, who pays for income, else None."""
    if line.get("is_total") or line["side"] == RESULT:
        return None
    kind = category(line.get("label") or "", line.get("section"))
    if kind in COST_CATEGORIES:
        return kind
    if kind == "income":
        state = match(line.get("label"), categories()["income"]["state"])
        return INCOME_CATEGORIES["state" if state else "other"]
    return None
