"""Single-space tables: which digit tokens make which numbers.

Copy-pasted tables separate cells with one space and thousands with one space too, so
"1 146 823 -323" may be 1 146 | 823 | -323 or 1 | 146 823 | -323. A digit group after the first
of a number has exactly three digits; among the splits left, the table's arithmetic (a change
column, a total row) decides, then the placement rule, then the column's magnitudes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from statistics import median

from ..vocabulary import word_pattern

NUM_TOKEN = re.compile(r"^[+\-−–]?\d+(?:,\d+)?$")
YEAR_TOKEN = re.compile(r"^(?:19[89]\d|20\d\d)$")
EMPTY_CELL = re.compile(r"^(?:\*|[-–—])$")  # a cell printed as nothing: "*", "-"
_FIRST = re.compile(r"^([+\-−–]?)(\d+)(,\d+)?$")
_GROUP = re.compile(r"^\d{3}(,\d+)?$")
DIFF_WORD = word_pattern("column_kinds", "avvikelse")  # "Förändring", "Avvikelse", "Differens" …
MAX_TOKENS = 14
MAX_GROUPS = 5  # 999 999 999 999 999 at most: longer runs are several numbers


@dataclass(frozen=True)
class Reading:
    """One way to read a row's trailing tokens: which go to the label, which numbers, which columns."""

    kept: int                     # leading tail tokens kept in the label (a year: "Ram 2025 9 045")
    numbers: tuple[str, ...]
    values: tuple[float, ...]
    columns: tuple[int, ...]      # 0-based amount column of each number
    rank: int = 0                 # preference of the placement among a short row's placements

    def value_at(self, column: int) -> float | None:
        return self.values[self.columns.index(column)] if column in self.columns else None


@dataclass(frozen=True)
class Relation:
    """Amount column `d` = column `b` − column `a` (a change column)."""

    d: int
    b: int
    a: int


def _value(text: str) -> float:
    if EMPTY_CELL.match(text):
        return 0.0
    sign = -1.0 if text[0] in "-−–" else 1.0
    return sign * float(re.sub(r"[^\d,]", "", text).replace(",", "."))


def numbers_of(tokens: list[str]) -> Iterator[list[str]]:
    """Every split of digit tokens into numbers whose later groups have exactly three digits."""
    if not tokens:
        yield []
        return
    if EMPTY_CELL.match(tokens[0]):
        for rest in numbers_of(tokens[1:]):
            yield [tokens[0], *rest]
        return
    m = _FIRST.match(tokens[0])
    if not m or (len(m[2]) > 1 and m[2][0] == "0"):
        return
    end = 1
    while True:
        for rest in numbers_of(tokens[end:]):
            yield [" ".join(tokens[:end]), *rest]
        last = tokens[end - 1]
        if (end >= len(tokens) or end >= MAX_GROUPS or "," in last or len(m[2]) > 3 or m[2] == "0"
                or not _GROUP.match(tokens[end])):
            return
        end += 1


def _placements(m: int, k: int, relation: Relation | None) -> list[tuple[int, ...]]:
    """Columns for m numbers out of k; a short row prefers the latest amount columns, not the change."""
    if m == k:
        return [tuple(range(k))]
    change = relation.d if relation else None
    return sorted(combinations(range(k), m), key=lambda cols: (change in cols, [-c for c in reversed(cols)]))


def row_readings(tail: list[str], k: int, relation: Relation | None = None, keep_small: bool = True) -> list[Reading]:
    """All readings of a row's trailing digit tokens into at most k numbers (k exactly first). A leading year
    may stay in the label ("Ram 2025 9 045"), and so may a small whole number when the rest fills the row
    exactly and nothing else does ("Vaccination covid 19 4,20 4,20 4,20")."""
    tail = tail[-MAX_TOKENS:]
    starts = [0, 1] if len(tail) > 1 and YEAR_TOKEN.match(tail[0]) else [0]
    if keep_small and starts == [0] and len(tail) > k and re.fullmatch(r"[1-9]\d?", tail[0]) and not any(
            len(n) == k for n in numbers_of(tail)) and any(len(n) == k for n in numbers_of(tail[1:])):
        starts = [1]
    out = []
    for kept in starts:
        for numbers in numbers_of(tail[kept:]):
            if not 0 < len(numbers) <= k:
                continue
            values = tuple(_value(n) for n in numbers)
            for rank, cols in enumerate(_placements(len(numbers), k, relation)):
                out.append(Reading(kept, tuple(numbers), values, cols, rank))
    return out


def best_k(tails: list[list[str]], limit: int = 5) -> int:
    """Column count that reads the most rows exactly; on a tie the one whose rows show a change column,
    else the smallest (a lone space between three-digit groups is more often a thousands space)."""
    counts = {k: sum(any(len(r.numbers) == k for r in row_readings(t, k, keep_small=False)) for t in tails)
              for k in range(1, limit)}
    top = [k for k in counts if counts[k] == max(counts.values())]
    for k in top:
        full = [[r for r in row_readings(t, k, keep_small=False) if len(r.numbers) == k] for t in tails]
        if infer_relation(full, k, None) is not None:
            return k
    return top[0]


def _tolerance(values: list[float], terms: int) -> float:
    decimals = max((len(f"{v:.6f}".rstrip("0").split(".")[1]) for v in values), default=0)
    return max(1.0, 0.5 * terms) * 10.0 ** -decimals


def relation_holds(reading: Reading, rel: Relation) -> float | None:
    """The change column's error for this reading; None when the reading lacks the columns."""
    d, b, a = (reading.value_at(c) for c in (rel.d, rel.b, rel.a))
    if d is None or (a is None and b is None):
        return None
    return abs(d - ((b or 0.0) - (a or 0.0)))


def infer_relation(rows: list[list[Reading]], k: int, change_col: int | None) -> Relation | None:
    """A change column named in the header (its sign checked on the rows), or, unnamed, one that some
    full reading of every row satisfies. `rows` holds each row's full readings."""
    rows = [r for r in rows if r]

    def fits(rel: Relation) -> bool:
        return all(any(_holds(r, rel) for r in readings) for readings in rows)

    if change_col is not None:
        if change_col < 2:
            return None
        rel, swapped = Relation(change_col, change_col - 1, change_col - 2), Relation(
            change_col, change_col - 2, change_col - 1)
        return swapped if rows and fits(swapped) and not fits(rel) else rel
    if len(rows) < 2:
        return None
    for d in range(k - 1, 1, -1):
        for b, a in ((d - 1, d - 2), (d - 2, d - 1)):
            if fits(Relation(d, b, a)):
                return Relation(d, b, a)
    return None


def _holds(reading: Reading, rel: Relation) -> bool:
    err = relation_holds(reading, rel)
    return err is not None and err <= _tolerance(list(reading.values), 2)


@dataclass
class Context:
    """What the rows read so far say: per-column values and the running sums for total rows."""

    k: int
    relation: Relation | None
    names: list[str]
    columns: list[list[float]]
    section: list[float]
    terms: int = 0
    previous_total: list[float] | None = None

    def add(self, reading: Reading, is_total: bool, known: bool) -> None:
        if not known:  # fixed rows are in the magnitudes from the start
            for c, v in zip(reading.columns, reading.values, strict=True):
                self.columns[c].append(v)
        if is_total:
            self.previous_total = [reading.value_at(c) or 0.0 for c in range(self.k)]
            self.section, self.terms = [0.0] * self.k, 0
        else:
            for c, v in zip(reading.columns, reading.values, strict=True):
                self.section[c] += v
            self.terms += 1


def new_context(k: int, relation: Relation | None, names: list[str]) -> Context:
    return Context(k, relation, names, [[] for _ in range(k)], [0.0] * k)


def _total_error(reading: Reading, ctx: Context) -> float | None:
    """How far a total row is from the rows above (since the last total, or that total plus them)."""
    if ctx.terms == 0:
        return None
    sums = [ctx.section]
    if ctx.previous_total is not None:
        sums.append([p + s for p, s in zip(ctx.previous_total, ctx.section, strict=True)])
    errors = []
    for expected in sums:
        errs = [abs(v - expected[c]) for c, v in zip(reading.columns, reading.values, strict=True)]
        errors.append(max(errs) - _tolerance(list(reading.values), ctx.terms + 1))
    return min(errors)


def _magnitude(reading: Reading, ctx: Context) -> float:
    gaps = []
    for c, v in zip(reading.columns, reading.values, strict=True):
        if ctx.columns[c]:
            ref = median(math.log10(abs(x) + 1) for x in ctx.columns[c])
            gaps.append(abs(math.log10(abs(v) + 1) - ref))
    return sum(gaps) / len(gaps) if gaps else 0.0


def _key(reading: Reading, ctx: Context, is_total: bool) -> tuple:
    errors = []
    if ctx.relation is not None:
        err = relation_holds(reading, ctx.relation)
        if err is not None:
            errors.append(err - _tolerance(list(reading.values), 2))
    if is_total:
        err = _total_error(reading, ctx)
        if err is not None:
            errors.append(err)
    state = 1 if not errors else (0 if all(e <= 0 for e in errors) else 2)
    short = len(reading.numbers) != ctx.k
    return (short, state, max(errors, default=0.0) if state == 0 else 0.0,
            len(reading.numbers) if short else 0, reading.rank, _magnitude(reading, ctx), reading.kept)


def _reason(chosen: Reading, ctx: Context, is_total: bool, label: str) -> str:
    rel = ctx.relation
    if rel is not None and relation_holds(chosen, rel) is not None and _holds(chosen, rel):
        return f"{ctx.names[rel.d]} = {ctx.names[rel.b]} − {ctx.names[rel.a]}"
    total_error = _total_error(chosen, ctx) if is_total else None
    if total_error is not None and total_error <= 0:
        return f"{label or 'the unlabeled row'} = sum of the rows above"
    if len(chosen.numbers) < ctx.k:
        return "fewest numbers for a short row, placed in the latest amount column"
    return "closest to the magnitudes of the column's other amounts"


def choose(readings: list[Reading], ctx: Context, is_total: bool, label: str) -> tuple[Reading, str]:
    """The reading the table's arithmetic and magnitudes favour, and why."""
    chosen = min(readings, key=lambda r: _key(r, ctx, is_total))
    return chosen, _reason(chosen, ctx, is_total, label)


def resolve(tails: list[list[str]], totals: list[bool], labels: list[str], k: int, names: list[str],
            change_col: int | None) -> tuple[list[Reading | None], list[dict]]:
    """One reading per row (None: no reading fits) and a record of each row that had a choice."""
    full = [[r for r in row_readings(t, k) if len(r.numbers) == k] for t in tails]
    first = [rs[0] if len(rs) == 1 else None for rs in full]
    fixed = [f for f in first if f is not None]
    relation = infer_relation(full, k, change_col)
    ctx = new_context(k, relation, names)
    for r in fixed:
        for c, v in zip(r.columns, r.values, strict=True):
            ctx.columns[c].append(v)
    chosen: list[Reading | None] = []
    records = []
    for i, tail in enumerate(tails):
        readings = row_readings(tail, k, relation)
        if not readings:
            chosen.append(None)
            continue
        if len(readings) == 1:
            pick = readings[0]
        else:
            pick, reason = choose(readings, ctx, totals[i], labels[i])
            records.append({"index": i, "chosen": list(pick.numbers), "alternatives": len(readings) - 1,
                            "reason": reason})
        ctx.add(pick, totals[i], known=first[i] is not None and pick.numbers == first[i].numbers)
        chosen.append(pick)
    if None not in chosen and any(totals):
        _place_for_totals(chosen, tails, totals, k, relation, records)  # type: ignore[arg-type]
    return chosen, records


def _totals_error(chosen: list[Reading], totals: list[bool], k: int) -> tuple[float, bool]:
    """How far the total rows are from the rows above (summed over their columns), and whether all hold."""
    ctx = new_context(k, None, [])
    spread, holds = 0.0, True
    for pick, is_total in zip(chosen, totals, strict=True):
        if is_total and ctx.terms:
            options = [ctx.section]
            if ctx.previous_total is not None:
                options.append([p + s for p, s in zip(ctx.previous_total, ctx.section, strict=True)])
            spread += min(sum(abs(v - e[c]) for c, v in zip(pick.columns, pick.values, strict=True))
                          for e in options)
            holds = holds and (_total_error(pick, ctx) or 0.0) <= 0
        ctx.add(pick, is_total, known=True)
    return spread, holds


def _descend(start: list[Reading], short: list[int], tails: list[list[str]], totals: list[bool], k: int,
             relation: Relation | None) -> list[Reading]:
    """Move one short row at a time to the split and columns that bring the totals closest, while that helps."""
    trial = list(start)
    best = _totals_error(trial, totals, k)[0]
    for _ in range(3 * len(short)):
        moves = []
        for i in short:
            for alt in row_readings(tails[i], k, relation):
                if alt.kept == trial[i].kept and (alt.numbers, alt.columns) != (trial[i].numbers, trial[i].columns):
                    moves.append((_totals_error([*trial[:i], alt, *trial[i + 1:]], totals, k)[0], i, alt))
        if not moves or min(moves, key=lambda m: m[0])[0] >= best - 1e-9:
            break
        best, i, alt = min(moves, key=lambda m: m[0])
        trial[i] = alt
    return trial


def _place_for_totals(chosen: list[Reading], tails: list[list[str]], totals: list[bool], k: int,
                      relation: Relation | None, records: list[dict]) -> None:
    """Short rows moved, one at a time, to the columns that bring the total rows closest; kept only when every
    total then holds ("Rivning 6,5 3,0" under 2026 2027 2028 sits in 2026 and 2028 when the sum says so)."""
    short = [i for i, pick in enumerate(chosen) if len(pick.numbers) < k]
    if not short or _totals_error(chosen, totals, k)[1]:
        return
    left = [Reading(p.kept, p.numbers, p.values, tuple(range(len(p.numbers)))) if i in short else p
            for i, p in enumerate(chosen)]
    trial = next((t for start in (left, chosen) if _totals_error(t := _descend(start, short, tails, totals, k,
                                                                               relation), totals, k)[1]), None)
    if trial is None:
        return
    for i in short:
        if (trial[i].numbers, trial[i].columns) != (chosen[i].numbers, chosen[i].columns):
            chosen[i] = trial[i]
            records[:] = [r for r in records if r["index"] != i]
            records.append({"index": i, "chosen": list(trial[i].numbers), "alternatives": 1,
                            "reason": "short row placed in the columns under which the total rows hold"})
