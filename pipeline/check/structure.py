"""What a total sums: infer the structure of a budget table from its rows.

A table becomes a list of Row objects (one per table row, values per column). For each total
row we try, in order: the block of plain rows since the previous total; the block from a
section boundary; the previous subtotals (a total of totals). The hypothesis that holds in
the most columns is taken; where it holds in none, the natural block is used and the
verdict says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import parse_amount
from ..vocabulary import vocabulary, word_pattern

_STATEMENTS = vocabulary()["statements"]  # the words a table's structure is read by
_RESULT = re.compile(_STATEMENTS["result"], re.I)
_INCOME = re.compile(_STATEMENTS["income"], re.I)
_COST = re.compile(_STATEMENTS["cost"], re.I)
_EQUITY = re.compile(_STATEMENTS["equity"], re.I)


@dataclass
class Row:
    row_no: int
    label: str
    section: str | None
    is_total: bool
    values: dict[int, float]            # column → amount
    cells: dict[int, dict]              # column → provenance (page, line, bbox)
    years: dict[int, int] = field(default_factory=dict)         # column → year
    kinds: dict[int, str] = field(default_factory=dict)         # column → budget | utfall | prognos | avvikelse
    headers: dict[int, str] = field(default_factory=dict)       # column → its header as printed
    factor: int = 1
    computed: dict[int, float] = field(default_factory=dict)   # for totals: the sum of their parts
    parts: list[Row] = field(default_factory=list)              # for totals: the rows they sum

    @property
    def is_result(self) -> bool:
        return bool(_RESULT.match(self.label))

    @property
    def is_equity(self) -> bool:
        return bool(_EQUITY.search(self.label)) and not self.is_result


@dataclass
class Hypothesis:
    total: Row
    parts: list[Row]
    how: str                            # "block", "section block", "subtotals", "tail"


def rows_of(lines: list[dict]) -> list[Row]:
    """Budget lines of one table → rows in table order."""
    rows: dict[int, Row] = {}
    for line in sorted(lines, key=lambda b: (b["row_no"], b["col_no"])):
        row = rows.setdefault(line["row_no"], Row(line["row_no"], line["label"], line["section"],
                                                  bool(line["is_total"]), {}, {},
                                                  factor=line.get("unit_factor") or 1))
        row.values[line["col_no"]] = float(line["amount_sek"])
        row.years[line["col_no"]] = line["year"]
        row.kinds[line["col_no"]] = line.get("column_kind") or "budget"
        row.headers[line["col_no"]] = line.get("column_header") or str(line["year"])
        row.cells[line["col_no"]] = {k: line.get(k) for k in ("page", "line", "bbox")}
    table = [rows[k] for k in sorted(rows)]
    step = printed_step(lines)
    for row in table:
        row.factor = step.get(row.factor, row.factor)
    return table


def printed_step(lines: list[dict]) -> dict[int, int]:
    """Unit → the step the table's figures in it were rounded to: the unit (tkr, mnkr), or a tenth of
    it where every figure is printed with a decimal ("466,3 mnkr"). A figure printed whole ("62") was
    rounded to the whole unit, so one such figure keeps the unit: tolerances are never made tighter
    than any figure's own rounding."""
    coarsest: dict[int, int] = {}
    for line in lines:
        factor = line.get("unit_factor") or 1
        if not line.get("amount_sek"):
            continue  # a dash or a zero says nothing of how the others were rounded
        amount = parse_amount(line.get("amount_text") or "")
        own = factor // 10 ** amount.decimals if amount and factor >= 10 ** amount.decimals else factor
        coarsest[factor] = max(coarsest.get(factor, 1), own)
    return coarsest


def is_income_total(row: Row) -> bool:
    return row.is_total and not row.is_result and bool(_INCOME.search(row.label + " " + (row.section or "")))


def _sum(parts: list[Row], column: int, use_computed: bool = False) -> float | None:
    values = []
    for part in parts:
        value = part.computed.get(column) if use_computed and part.computed else None
        values.append(value if value is not None else part.values.get(column))
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def matches(total: Row, parts: list[Row], column: int, tolerance: float) -> bool:
    stated = total.values.get(column)
    if stated is None:
        return False
    return any(s is not None and abs(s - stated) <= tolerance
               for s in (_sum(parts, column), _sum(parts, column, use_computed=True)))


def candidates(rows: list[Row], t: int) -> list[Hypothesis]:
    """Ways total row t may be built, most natural first."""
    total, above = rows[t], rows[:t]
    start = max((i + 1 for i, r in enumerate(above) if r.is_total or r.is_result), default=0)
    block = [r for r in above[start:] if not r.is_equity]
    out = [Hypothesis(total, block, "block")] if block else []
    # a row worded like equity may still be one of the summed rows ("Ianspråktaget eget kapital"
    # among the income): the block with it is a reading too, taken where it adds up
    whole = [r for r in above[start:] if not r.is_result]
    if len(whole) > len(block):
        out.append(Hypothesis(total, whole, "block"))
    for s in range(start + 1, t):
        if rows[s].section != rows[s - 1].section:
            out.append(Hypothesis(total, [r for r in above[s:] if not r.is_equity], "section block"))
    income = max((i for i, r in enumerate(above) if is_income_total(r)), default=-1)
    subtotals = [r for r in above[income + 1:] if r.is_total and not r.is_result]
    loose = [r for r in above[income + 1:] if not r.is_total and not r.is_equity and not _covered(r, above)]
    if len(subtotals) >= 2:
        out.append(Hypothesis(total, subtotals, "subtotals"))
        if loose:
            out.append(Hypothesis(total, subtotals + loose, "subtotals"))
    # the last rows only: a total under an unmarked subtotal and its adjustment (r04's "Område" then
    # "Varav finansiering …" then "Summa"), or a total of the last subtotals of a balance sheet
    out += [Hypothesis(total, parts[i:], "tail") for parts in (block, subtotals) for i in range(1, len(parts))]
    return out


def _covered(row: Row, rows: list[Row]) -> bool:
    return any(any(part is row for part in r.parts) for r in rows)


def _words(label: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", label.lower()) if w not in _JOINERS]


_JOINERS = set(vocabulary()["totals"]["joiners"])


def names_its_parts(total: Row, parts: list[Row], rows: list[Row]) -> bool:
    """The document's own words say which rows a total sums: its label, once the total word is gone,
    names each of its parts by its first word and nothing else ("Summa styrelse och kansli" over
    Kansli and Styrelse; "Summa driftbidrag" over the only two rows that start "Driftbidrag")."""
    named = set(_words(word_pattern("totals", "starts").sub("", total.label, count=1)))
    heads = [_first_word(p) for p in parts]
    if len(parts) < 2 or not named or None in heads or set(heads) != named:
        return False
    others = [r for r in rows if r is not total and r not in parts and not r.is_total]
    return not any(_first_word(r) in named for r in others)


def _first_word(row: Row) -> str | None:
    words = _words(row.label)
    return words[0] if words else None
