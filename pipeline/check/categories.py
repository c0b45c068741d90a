"""Which cost category a budget line belongs to, by the word lists in vocabulary.toml [categories].

Budget lines are sorted into income, not-a-cost (results, equity) and the cost categories
individinriktade / strukturövergripande / administration. A line no list claims gets None, never
a guess. The report compares förbund by these categories; the checks test a plan's own stated
category shares against them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import vocabulary

COST_CATEGORIES = ("individinriktade", "strukturövergripande", "administration")


def categories() -> dict:
    """The category word lists: the [categories] part of pipeline/vocabulary.toml."""
    return vocabulary()["categories"]


def match(text: str | None, words: list[str]) -> int:
    """Length of the longest word that starts a word of text (0 when none does)."""
    return _longest((text or "").lower(), tuple(words))


@lru_cache(maxsize=65536)
def _longest(low: str, words: tuple[str, ...]) -> int:
    """match() of a lowercased text, once per text and list: a plan's label is asked for in every year
    and by every ratio, and the same lists for every label."""
    return max((len(m.group(1)) for m in _word_starts(words).finditer(low)), default=0)


@lru_cache(maxsize=256)
def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a whole list, compiled once: at each place a word of text starts, the longest word
    of the list found there (a lookahead, so overlapping words are all seen), not one search per word."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(rf"(?<![\wåäö])(?=({'|'.join(map(re.escape, ordered))}))")


@lru_cache(maxsize=65536)
def category(label: str, section: str | None) -> str | None:
    """'income', 'other' (result, equity, reserve), a cost category, or None when no rule says.

    Cached: the checks and the report ask for the same labels once per goal, year and share, so a
    long plan asked it for every pair of its goals and lines."""
    rules = categories()
    if match(label, rules["not_costs"]["words"]):
        return "other"
    if match(section, rules["income"]["sections"]) or match(label, rules["income"]["words"]) and \
            not any(match(label, rules["labels"][c]) for c in COST_CATEGORIES):
        return "income"
    scores = {c: match(label, rules["labels"][c]) for c in COST_CATEGORIES}
    best = max(scores, key=scores.get)
    if scores[best]:
        return best
    if match(section, rules["sections"]["administration"]):
        return "administration"
    return None


def allocation_of(lines: list[dict]) -> int | None:
    """The income total that is the year's allocation (tilldelning), from lines of one year."""
    rules = categories()["income"]
    totals = [b for b in lines if b["is_total"] and category(b["label"], b["section"]) == "income"
              and match(f"{b['label']} {b['section'] or ''}", rules["totals"] + rules["sections"])]
    return totals[0]["amount_sek"] if totals else None


def closing_equity(lines: list[dict], year: int) -> int | None:
    """Eget kapital at the end of the year: an UB line, else an "Eget kapital" series."""
    same_year = [b for b in lines if b["year"] == year]
    for pattern in (r"utgående|\(ub\)|\bub\b", r"^(prognos )?eget kapital"):
        found = [b for b in same_year if re.search(pattern, b["label"].lower()) and "ingående" not in
                 b["label"].lower()]
        if found:
            return found[0]["amount_sek"]
    return None


def budget_lines_of(lines: list[dict], year: int) -> list[dict]:
    """The lines of one year's budget column (not its outcome or prognos)."""
    return [b for b in lines if b["year"] == year and b.get("column_kind") in (None, "budget")]


def budget_years(lines: list[dict]) -> list[int]:
    """The years with budget columns (not outcome or prognos), in order."""
    return sorted({b["year"] for b in lines if b.get("column_kind") in (None, "budget") and b["year"]})


def budget_year(lines: list[dict], plan_year: int | None) -> int | None:
    """The year a plan is compared by: its plan year when it budgets that year, else its first budget year."""
    years = budget_years(lines)
    return plan_year if plan_year in years else (years[0] if years else None)


# ---------------------------------------------------------------------------------------------
# Sides: which part of the year's account a budget line is on, so an analyst's SUM adds like with like.

INCOME, COST, RESULT = "intäkt", "kostnad", "resultat"


def side(label: str, section: str | None) -> str | None:
    """'intäkt', 'kostnad', 'resultat' or None, by the words alone (the sign is weighed in sides()).

    The cost categories and the income lists above come first, as the report sorts by them; a line they
    do not claim is tried against the words check/structure.py reads a table by ([statements]), the
    label before its section ("Summa kostnader" under an income heading is a cost). Equity, balances
    and reserves are no flow of the year: None, as is every line no word claims."""
    statements = vocabulary()["statements"]
    label = label if isinstance(label, str) else ""  # a damaged record: the warehouse refuses it by name
    if re.match(statements["result"], label, re.I):
        return RESULT
    kind = category(label, section)
    if kind == "income":
        return INCOME
    if kind in COST_CATEGORIES:
        return COST
    if kind == "other" or re.search(statements["equity"], label, re.I):
        return None
    for text in (label, section or ""):
        if re.search(statements["cost"], text, re.I):
            return COST
        if re.search(statements["income"], text, re.I):
            return INCOME
    return None


def sides(lines: list[dict]) -> list[dict]:
    """Budget lines with `side` and `side_amount_sek` (the amount as a positive figure of its side).

    The sign decides what the words cannot, table by table. A resultaträkning prints its costs with a
    minus: where the lines the words call costs are mostly negative and the income lines are not, an
    unclaimed line printed negative is a cost too. (Where costs are positive and income negative, a
    nettokostnad table, a minus may be income or a saving, so it decides nothing.) A side mostly printed
    negative in a table is turned in side_amount_sek, so plans of either habit sum alike."""
    worded = [side(b["label"], b.get("section")) for b in lines]
    negative = _negative_sides(lines, worded)
    rows_negative = _rows_negative(lines)
    out = []
    for line, found in zip(lines, worded, strict=True):
        table = negative.get(line.get("table_no"), set())
        if found is None and not line.get("is_total") and COST in table and INCOME not in table \
                and rows_negative.get((line.get("table_no"), line.get("row_no")), False):
            found = COST
        amount = line.get("amount_sek")
        turned = -amount if found in table and found != RESULT and _number(line) else amount
        out.append(line | {"side": found, "side_amount_sek": turned})
    return out


def _negative_sides(lines: list[dict], worded: list[str | None]) -> dict[int, set[str]]:
    """Per table, the sides whose non-zero worded amounts are mostly printed negative."""
    signs: dict[tuple[int, str], list[bool]] = {}
    for line, found in zip(lines, worded, strict=True):
        if found in (INCOME, COST) and _number(line):
            signs.setdefault((line.get("table_no"), found), []).append(line["amount_sek"] < 0)
    out: dict[int, set[str]] = {}
    for (table, found), negatives in signs.items():
        if sum(negatives) * 2 > len(negatives):
            out.setdefault(table, set()).add(found)
    return out


def _rows_negative(lines: list[dict]) -> dict[tuple, bool]:
    """Per (table, row): every non-zero amount of the row is negative (and there is one)."""
    out: dict[tuple, bool] = {}
    for line in lines:
        if _number(line):
            key = (line.get("table_no"), line.get("row_no"))
            out[key] = out.get(key, True) and line["amount_sek"] < 0
    return out


def _number(line: dict) -> int:
    """The line's amount when it is a non-zero number; 0 otherwise (a damaged record is the warehouse's
    to refuse, by name, not this function's to stumble on)."""
    amount = line.get("amount_sek")
    return amount if isinstance(amount, int | float) and not isinstance(amount, bool) else 0
