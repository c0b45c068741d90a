"""The checks: totals, results, equity roll-forward, what is left to spend, the equity recommendation.

Every check yields findings with a rounding-aware verdict (as statcheck does):
ok · rounding (explained by rounding of the shown figures) · error · cannot tell (with the reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import format_sek
from ..settings import CheckSettings
from .cashflow import check_cash_flow
from .crossfoot import check_crossfoot
from .finding import make_finding, unconfirmed, verdict_of
from .rounding import improbable, tolerance
from .structure import Hypothesis, Row, _sum, candidates, is_income_total, matches, names_its_parts, rows_of


def finding(document: str, table_no: int, kind: str, row: Row, column: int, stated: float | None,
            computed: float | None, tol: float, used: list[Row], explanation: str) -> dict:
    """A table check's finding, with the private keys corroborate() reads (and drops)."""
    verdict = verdict_of(stated, computed, tol)
    check = kind.removesuffix("_check")
    if verdict == "error" and stated and abs(stated + computed) <= tol:
        # the right magnitude with the wrong sign: a sign slip, not a sum that is off
        kind = "sign_mismatch"
        explanation += (f" Beloppet stämmer men tecknet är omvänt: raderna ger {format_sek(computed)}, "
                        f"summan anges till {format_sek(stated)}.")
    elif verdict == "error":
        kind = kind.replace("_check", "_mismatch")
        explanation += improbable(abs(stated - computed), len(used), row.factor)
    elif verdict == "rounding":
        kind = kind.replace("_check", "_rounding")
        explanation += (f" Det ryms i avrundningen: {len(used) + 1} avrundade tal förklarar upp till "
                        f"{format_sek(tol)} kr.")
    where = {"table_no": table_no, **row.cells.get(column, {})}
    record = make_finding(document, kind, verdict, row.label, row.years.get(column), stated, computed, tol,
                          [{"row": r.row_no, "label": r.label} for r in used], where, explanation,
                          unsure="info")  # a table we cannot read as a sum is no news for a fact-checker
    # what a column can confirm: its (year, kind), and whether any figure in it is not zero
    evidence = bool(stated) or any(r.values.get(column) for r in used)
    return {"_row": row.row_no, "_check": check, "_defined": False, "_evidence": evidence,
            "_column": _column_key(row, column), **record}


def _column_key(row: Row, column: int) -> tuple:
    """What a column can confirm by: its (year, kind). Columns of one year and kind are a roll-forward's
    parts, but a year's periods (Kv 1 … Kv 4) are each a column of their own."""
    kind = row.kinds.get(column)
    return row.years.get(column), f"{kind} {column}" if kind == "period" else kind


def _choose(rows: list[Row], t: int, settings: CheckSettings) -> Hypothesis | None:
    hyps = candidates(rows, t)
    if not hyps:
        return None
    total = rows[t]

    def score(h: Hypothesis) -> int:
        tol = tolerance(h.parts, total.factor, settings)
        held = sum(matches(total, h.parts, c, tol) for c in total.values)
        # a tail is an unusual reading: only where it explains every column, never a coincidence in one
        return held if h.how != "tail" or held == len(total.values) else 0

    best = max(hyps, key=score)  # max keeps the first (most natural) hypothesis on ties
    return best if score(best) else hyps[0]


def check_totals(document: str, table_no: int, rows: list[Row], settings: CheckSettings) -> list[dict]:
    out = []
    for t, total in enumerate(rows):
        if not total.is_total or total.is_result or total.is_equity:
            continue
        hyp = _choose(rows, t, settings)
        if hyp is None:
            for c in total.values:
                out.append(finding(document, table_no, "sum_check", total, c, total.values[c], None, 0, [],
                                   f"Kan inte avgöra vilka rader '{total.label}' summerar: inga rader ovanför."))
            continue
        total.parts = hyp.parts
        tol = tolerance(hyp.parts, total.factor, settings)
        named_rows = names_its_parts(total, hyp.parts, rows)
        defined = _whole_table(rows, t, hyp) or named_rows
        for c, stated in total.values.items():
            computed = _prefer_stated(_sum(hyp.parts, c), _sum(hyp.parts, c, use_computed=True), stated, tol)
            total.computed[c] = computed if computed is not None else stated
            off = computed is not None and abs(stated - computed) > tol
            text = _sum_text(total, hyp, stated, computed) + (NAMED_BY_LABEL if named_rows and off else "")
            out.append(finding(document, table_no, "sum_check", total, c, stated, computed, tol, hyp.parts, text)
                       | {"_defined": defined, "_how": hyp.how, "_single": len(total.values) == 1})
    return out


NAMED_BY_LABEL = " Summans rubrik namnger själv raderna den summerar."


def _whole_table(rows: list[Row], t: int, hyp: Hypothesis) -> bool:
    """A one-column table of plain rows closed by its only total: no other column can confirm it,
    and the total can mean nothing but all of them (002's "Totalt" under its seven members). One
    row is no sum: a one-row "total" that disagrees more likely lost rows in the reading."""
    return (t == len(rows) - 1 and len(rows[t].values) == 1 and hyp.how == "block" and len(hyp.parts) >= 2
            and len(hyp.parts) == t and not any(r.is_total or r.is_result for r in rows[:t]))


def _prefer_stated(plain: float | None, derived: float | None, stated: float, tol: float) -> float | None:
    """Sum with the subtotals as printed; the recomputed subtotals count only where they make it add up."""
    if plain is not None and abs(plain - stated) <= tol:
        return plain
    if derived is not None and abs(derived - stated) <= tol:
        return derived
    return plain if plain is not None else derived


_NAMED_ROWS = 4  # rows an explanation names before it says "och N till"


def named(rows: list[Row]) -> str:
    """The rows a check used, by name: "Kansli, Styrelse" or "Kansli, Styrelse … och 5 till"."""
    names = ", ".join(r.label for r in rows[:_NAMED_ROWS])
    return names if len(rows) <= _NAMED_ROWS else f"{names} och {len(rows) - _NAMED_ROWS} till"


def _sum_text(total: Row, hyp: Hypothesis, stated: float, computed: float | None) -> str:
    what = {"block": "raderna ovanför", "section block": "raderna i avsnittet",
            "subtotals": "delsummorna", "tail": "de sista raderna ovanför"}[hyp.how]
    if computed is None:
        return f"'{total.label}' kunde inte räknas om."
    if abs(stated - computed) < 0.5:
        return f"'{total.label}' {format_sek(stated)} är summan av {what} ({named(hyp.parts)})."
    return (f"'{total.label}' anges till {format_sek(stated)} men summan av {what} ({named(hyp.parts)}) "
            f"är {format_sek(computed)}; skillnad {format_sek(stated - computed)} kr.")


def _income_and_costs(rows: list[Row], t: int) -> tuple[list[Row], list[Row]]:
    above = [r for r in rows[:t] if not r.is_equity and not r.is_result]
    income_idx = max((i for i, r in enumerate(above) if is_income_total(r)), default=None)
    if income_idx is not None:
        income, rest = [above[income_idx]], above[income_idx + 1:]
    else:
        first_cost = min((i for i, r in enumerate(above) for total in above if any(p is r for p in total.parts)
                          and not is_income_total(total)), default=len(above))
        income = [r for r in above[:first_cost] if not r.is_total]
        rest = above[first_cost:]
    covered = {id(p) for r in rest for p in r.parts}
    costs = [r for r in rest if id(r) not in covered]
    return income, costs


@dataclass(frozen=True)
class Reading:
    """One way a result row may be built: added rows minus subtracted rows."""

    plus: list[Row]
    minus: list[Row]
    what: str

    def value(self, c: int, use_computed: bool) -> float | None:
        plus, minus = _sum(self.plus, c, use_computed), _sum(self.minus, c, use_computed) if self.minus else 0.0
        return None if plus is None or minus is None else plus - minus

    def computed(self, c: int, stated: float, tol: float) -> float | None:
        return _prefer_stated(self.value(c, False), self.value(c, True), stated, tol)


def check_results(document: str, table_no: int, rows: list[Row], settings: CheckSettings) -> list[dict]:
    out = []
    for t, row in enumerate(rows):
        if not row.is_result:
            continue
        reading = _witness(row, _readings(rows, t), settings)
        if reading is None:
            out += [finding(document, table_no, "result_check", row, c, stated, None, 0, [],
                            f"Kan inte avgöra intäkter och kostnader för '{row.label}'.")
                    for c, stated in row.values.items()]
            continue
        used = reading.plus + reading.minus
        tol = tolerance(used, row.factor, settings)
        for c, stated in row.values.items():
            computed = reading.computed(c, stated, tol)
            row.computed[c] = computed if computed is not None else stated
            out.append(finding(document, table_no, "result_check", row, c, stated, computed, tol, used,
                               f"'{row.label}' {format_sek(stated)} ska vara {reading.what} "
                               f"({named(used)}) = {format_sek(computed)}."
                               if computed is not None else f"'{row.label}' kunde inte räknas om."))
    return out


def _readings(rows: list[Row], t: int) -> list[Reading]:
    """Costs printed positive and subtracted from income, or every line since the previous result
    added with its printed sign (rörelseresultat = intäkter + kostnader printed negative; resultat
    efter finansiella poster = rörelseresultat + finansiella poster)."""
    income, costs = _income_and_costs(rows, t)
    out = [Reading(income, costs, "intäkter minus kostnader")] if income and costs else []
    start = max((i for i in range(t) if rows[i].is_result), default=-1)
    since = [r for r in rows[start + 1:t] if not r.is_equity]
    covered = {id(p) for r in since for p in r.parts}
    items = ([rows[start]] if start >= 0 else []) + [r for r in since if id(r) not in covered]
    if items:
        out.append(Reading(items, [], "summan av posterna ovanför med sina tecken"))
    return out


def _witness(row: Row, readings: list[Reading], settings: CheckSettings) -> Reading | None:
    """The reading under which the result holds in the most columns; the first on a tie."""
    def held(reading: Reading) -> int:
        tol = tolerance(reading.plus + reading.minus, row.factor, settings)
        found = [(reading.computed(c, v, tol), v) for c, v in row.values.items()]
        return sum(computed is not None and abs(computed - v) <= tol for computed, v in found)
    return max(readings, key=held) if readings else None


_IB = re.compile(r"ingående balans|\bib\b", re.I)
_UB = re.compile(r"utgående balans|\bub\b", re.I)
_PROGNOS = re.compile(r"^prognos\b", re.I)
_LEFT = re.compile(r"kvar att disponera", re.I)
_RESERVE = re.compile(r"rekommend|av årlig tilldelning|buffert|reserv", re.I)
_EQUITY_SERIES = re.compile(r"^eget kapital$", re.I)


def _first(rows: list[Row], pattern: re.Pattern) -> Row | None:
    return next((r for r in rows if pattern.search(r.label)), None)


def _by_year(row: Row) -> dict[int, float]:
    return {row.years[c]: v for c, v in row.values.items()}


def check_equity(document: str, table_no: int, rows: list[Row], settings: CheckSettings) -> list[dict]:
    """UB = IB + result (+ a prognos row); what is left = UB − the reserve; a yearly equity series rolls."""
    out = []
    result = next((r for r in reversed(rows) if r.is_result), None)
    ib, ub = _first(rows, _IB), _first(rows, _UB)
    if ib and ub and result:
        prognos = next((r for r in rows if _PROGNOS.match(r.label) and r.is_equity), None)
        parts = [ib, result] + ([prognos] if prognos else [])
        for c, stated in ub.values.items():
            computed = sum(p.values.get(c, 0.0) for p in parts)
            out.append(finding(document, table_no, "equity_check", ub, c, stated, computed,
                               tolerance(parts, ub.factor, settings), parts,
                               f"Utgående eget kapital ska vara ingående + resultat"
                               f"{' + prognos' if prognos else ''} = {format_sek(computed)}."))
    left, reserve = _first(rows, _LEFT), _first(rows, _RESERVE)
    if left and reserve and ub:
        for c, stated in left.values.items():
            if c in ub.values and c in reserve.values:
                computed = ub.values[c] - reserve.values[c]
                out.append(finding(document, table_no, "remaining_check", left, c, stated, computed,
                                   tolerance([ub, reserve], left.factor, settings), [ub, reserve],
                                   f"'{left.label}' ska vara eget kapital minus reserven = {format_sek(computed)}."))
    series = next((r for r in rows if _EQUITY_SERIES.match(r.label)), None)
    # a yearly series has one column per year; columns sharing a year are the parts of a
    # roll-forward (insatser, fond, balanserat resultat …), not years to roll
    if series and result and len(set(series.years.values())) == len(series.years):
        out += _check_series(document, table_no, series, result, settings)
    return out


def _check_series(document: str, table_no: int, series: Row, result: Row, settings: CheckSettings) -> list[dict]:
    out = []
    equity, results = _by_year(series), _by_year(result)
    for c, stated in series.values.items():
        year = series.years[c]
        if year - 1 in equity and year in results:
            computed = equity[year - 1] + results[year]
            out.append(finding(document, table_no, "equity_check", series, c, stated, computed,
                               tolerance([series, result], series.factor, settings), [series, result],
                               f"Eget kapital {year} ska vara eget kapital {year - 1} + årets resultat "
                               f"= {format_sek(computed)}."))
    return out


def recommended_equity(contribution: float, settings: CheckSettings) -> float:
    """Nationella rådet's stepped recommendation on the yearly member contribution."""
    level, lower = 0.0, 0.0
    for bound, share in settings.equity_steps:
        if contribution > lower:
            level += (min(contribution, bound) - lower) * share
        lower = bound
    return level


def check_recommendation(document: str, table_no: int, rows: list[Row], settings: CheckSettings) -> list[dict]:
    """Equity above the level the plan itself states, or above Nationella rådet's steps."""
    ub = _first(rows, _UB) or next((r for r in rows if _EQUITY_SERIES.match(r.label)), None)
    income = next((r for r in rows if is_income_total(r)), None)
    reserve = _first(rows, _RESERVE)
    if ub is None or (income is None and reserve is None):
        return []
    out = []
    income_by_year = _by_year(income) if income else {}
    for c, equity in ub.values.items():
        year = ub.years[c]
        limit = reserve.values.get(c) if reserve else None
        source = "planens egen nivå" if limit is not None else "Nationella rådets rekommendation"
        if limit is None and year in income_by_year:
            limit = recommended_equity(income_by_year[year], settings)
        if limit is None or limit <= 0 or equity <= limit:  # no level is negative: that row is something else
            continue
        times = f"{equity / limit:.1f}".replace(".", ",")
        row = finding(document, table_no, "equity_above_recommendation", ub, c, equity, limit, 0, [ub],
                      f"Eget kapital {format_sek(equity)} är {times} gånger {source} ({format_sek(limit)}).")
        out.append(row | {"severity": "warning", "verdict": "above limit"})
    return out


def corroborate(findings: list[dict]) -> list[dict]:
    """An error needs its structure confirmed: the same check on the same row must hold (ok or
    rounding, with figures that are not all zero) in a column of another year or kind; in a
    one-column table another total summing its rows the same way must hold, or the table must
    leave no other reading (`_whole_table`). Where nothing confirms it, the likelier story is that
    the rows a total covers, or their signs, were read or guessed wrong: `cannot tell`."""
    holding = [f for f in findings if f["verdict"] in ("ok", "rounding") and f["_evidence"]]
    held = {(f["_check"], f["_row"], f["_column"]) for f in holding}
    held_how = {(f.get("_how"), f["_row"], f["_column"]) for f in holding}
    carrying = {(f["_row"], f["_column"]) for f in findings if f["_evidence"]}

    def confirmed(f: dict) -> bool:
        # another year or kind of column; columns of one year and kind are a roll-forward's parts
        if f["_defined"] or any(c == f["_check"] and r == f["_row"] and col != f["_column"]
                                for c, r, col in held):
            return True
        # nothing else to compare (one column, or the others all zero): another total of the table
        # summing its rows the same way, in this column, confirms the reading
        alone = f.get("_single") or not any(r == f["_row"] and col != f["_column"] for r, col in carrying)
        return bool(alone) and any(how == f.get("_how") and r != f["_row"] and col == f["_column"]
                                   for how, r, col in held_how)

    out = []
    for f in findings:
        if f["verdict"] == "error" and not confirmed(f):
            f = unconfirmed(f, f["_check"], "Ingen annan kolumn bekräftar vilka rader och tecken som ingår, "
                                            "så det kan vara tabellens struktur som lästs fel")
        out.append({k: v for k, v in f.items() if not k.startswith("_")})
    return out


def check_table(document: str, table_no: int, lines: list[dict], settings: CheckSettings) -> list[dict]:
    rows = rows_of(lines)
    return corroborate([*check_totals(document, table_no, rows, settings),
                        *check_crossfoot(document, table_no, rows, settings, finding),
                        *check_cash_flow(document, table_no, rows, settings, finding),
                        *check_results(document, table_no, rows, settings),
                        *check_equity(document, table_no, rows, settings),
                        *check_recommendation(document, table_no, rows, settings)])
