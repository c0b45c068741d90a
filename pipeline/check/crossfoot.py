"""Cross-footing: a table's columns against each other, row by row.

A variance column (Avvikelse, Differens, Återstår, Förändring) is two other columns' difference, or
the change that carries one column into another (a roll-forward: utgång = ingång + förändring).
Which columns, and with which signs, is read from the table itself: the relation that holds in the
most rows wins, and only where it holds in at least `MIN_SUPPORT` rows and two thirds of the rows
that carry it; then a row where it fails is an error, confirmed by the rows where it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product

from ..numbers import format_sek
from ..settings import CheckSettings
from .rounding import tolerance
from .structure import Row

MIN_SUPPORT = 3          # rows a relation must hold in before it is the table's
SUPPORT_SHARE = 2 / 3    # ... and this share of the rows that carry it
MAX_TERMS = 3            # columns on the right-hand side: a − b, or a + change + disposition


@dataclass(frozen=True)
class Relation:
    target: int                          # column = Σ sign · column
    terms: tuple[tuple[int, int], ...]   # (column, sign)

    def value(self, row: Row) -> float | None:
        if self.target not in row.values or any(c not in row.values for c, _ in self.terms):
            return None
        return sum(sign * row.values[c] for c, sign in self.terms)


def _relations(columns: list[int], variance: set[int]) -> list[Relation]:
    """Every sum or difference of two or three columns that involves a variance column."""
    out = []
    # the variance column first: of equivalent readings (v = u − b, b = u − v) the table states the first
    for target in sorted(columns, key=lambda c: c not in variance):
        others = [c for c in columns if c != target]
        for n in range(2, MAX_TERMS + 1):
            for cols in combinations(others, n):
                if target in variance or variance & set(cols):
                    out += [Relation(target, tuple(zip(cols, signs, strict=True)))
                            for signs in product((1, -1), repeat=n) if 1 in signs]
    return out


def _holds(rel: Relation, row: Row, tol: float) -> bool | None:
    value = rel.value(row)
    if value is None or (row.values[rel.target] == 0 and all(row.values[c] == 0 for c, _ in rel.terms)):
        return None  # a row without these cells, or all zero, says nothing
    return abs(row.values[rel.target] - value) <= tol


def find_relation(rows: list[Row], variance: set[int], settings: CheckSettings) -> Relation | None:
    columns = sorted({c for r in rows for c in r.values})
    best, best_support = None, 0
    for rel in _relations(columns, variance):
        verdicts = [_holds(rel, r, tolerance([r] * len(rel.terms), r.factor, settings)) for r in rows]
        support, carried = verdicts.count(True), sum(v is not None for v in verdicts)
        if support >= MIN_SUPPORT and support >= SUPPORT_SHARE * carried and support > best_support:
            best, best_support = rel, support
    return best


def check_crossfoot(document: str, table_no: int, rows: list[Row], settings: CheckSettings,
                    make_finding) -> list[dict]:
    variance = {c for r in rows for c, kind in r.kinds.items() if kind == "avvikelse"}
    if not variance:
        return []
    rel = find_relation(rows, variance, settings)
    if rel is None:
        return []
    out = []
    for row in rows:
        computed = rel.value(row)
        if computed is None:
            continue
        stated = row.values[rel.target]
        tol = tolerance([row] * len(rel.terms), row.factor, settings)
        out.append(make_finding(document, table_no, "crossfoot_check", row, rel.target, stated, computed, tol,
                                [row], _text(row, rel, stated, computed)) | {"_defined": True})
    return out


def _text(row: Row, rel: Relation, stated: float, computed: float) -> str:
    def name(c: int) -> str:
        return row.headers.get(c) or f"kolumn {c}"
    formula = " ".join(f"{'+' if s > 0 else '−'} {name(c)}" for c, s in rel.terms).lstrip("+ ")
    if abs(stated - computed) < 0.5:
        return f"'{row.label}': {name(rel.target)} = {formula} = {format_sek(stated)}."
    return (f"'{row.label}': {name(rel.target)} anges till {format_sek(stated)} men {formula} "
            f"= {format_sek(computed)}; tabellens övriga rader följer samma samband.")
