"""Injected arithmetic errors: does `finsam check` find each one, and accuse nothing on clean copies?

    python -m benchmarks.inject WAREHOUSE [WAREHOUSE ...] [--seed 1] [--per-kind 6]

Works on the budget lines finsam read (a warehouse from `finsam run`), so it measures the checker
alone. For every document it takes the cells some check confirms today (a total that holds, and the
rows it sums) and makes one copy per error, one error per copy:

  row        a summed row changed by a realistic amount (3–40 % of it, at least 10 units)
  total      the total changed the same way
  swap       two adjacent different digits of a row swapped (1 234 → 1 324)
  sign       a non-zero summed row printed with the other sign
  tkr1       a row changed by 1 tkr (1 000 kr in a table in kr, one printed unit in a table in tkr;
             a table in mnkr cannot print it): the issue's "1 unit of tkr"
  tkr10      a row changed by 10 tkr, the same way
  unit1      a row changed by 1 printed unit (tables in tkr or mnkr only; 1 kr is öre rounding):
             stricter, since one printed unit of a rounded table is what rounding does
  unit10     a row changed by 10 printed units (tkr or mnkr tables only)

ALL is over the issue's kinds (row, total, swap, sign, tkr1, tkr10 and the cell kinds); "ALL strict"
puts unit1 and unit10 in place of tkr1 and tkr10.

and, on the table cells of tables with a total column that holds across its row (check/rowtotals.py):

  xperiod    a period or line cell (Kv 2, Projekt B) changed like `row`
  xtotal     the row's total-column cell (Helår, Totalt) changed the same way

An injection counts as found when a new `error` finding (not on the clean copy) names the changed
table and year. Clean copies count their `error` findings as false errors (the published errors of
the sample plans are errors too, so they are reported apart, per document).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from .warehouse import budget_lines_by_document

LINE_KINDS = ("row", "total", "swap", "sign", "tkr1", "tkr10", "unit1", "unit10")
CELL_KINDS = ("xperiod", "xtotal")
KINDS = (*LINE_KINDS, *CELL_KINDS)
STRICT = {"tkr1": "unit1", "tkr10": "unit10"}  # "ALL strict" counts these in place of the issue's


def load_lines(warehouse: Path) -> dict[str, list[dict]]:
    return budget_lines_by_document(warehouse)


def _errors(lines: list[dict]) -> set[tuple]:
    from pipeline.check import find_findings

    return {(f["table_no"], f["label"], f["year"], f["kind"]) for f in find_findings(lines)
            if f["severity"] == "error"}


def confirmed_cells(lines: list[dict]) -> list[tuple[dict, bool]]:
    """(line, is_total) for every cell a check confirms today: totals that hold and the rows they sum."""
    from pipeline.check import find_findings

    by_row = {(b["table_no"], b["row_no"], b["year"]): b for b in lines}
    by_label = {(b["table_no"], b["label"], b["year"]): b for b in lines}
    out = {}
    for f in find_findings(lines):
        if f["verdict"] not in ("ok", "rounding") or not f["kind"].startswith("sum"):
            continue
        total = by_label.get((f["table_no"], f["label"], f["year"]))
        if total is None:
            continue
        out[id(total)] = (total, True)
        for part in json.loads(f["rows_used"] or "[]"):
            line = by_row.get((f["table_no"], part["row"], f["year"]))
            if line is not None and line["amount_sek"]:
                out[id(line)] = (line, False)
    return list(out.values())


def _swap_digits(amount: int, factor: int, rng: random.Random) -> int | None:
    digits = list(str(abs(amount) // factor))
    pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and (i or digits[i + 1] != "0")]
    if not pairs:
        return None
    i = rng.choice(pairs)
    digits[i], digits[i + 1] = digits[i + 1], digits[i]
    return (1 if amount >= 0 else -1) * int("".join(digits)) * factor


def inject(line: dict, kind: str, rng: random.Random) -> int | None:
    """The changed amount, or None where this kind does not apply to this cell."""
    amount, factor = int(line["amount_sek"]), int(line.get("unit_factor") or 1)
    if kind in ("row", "total"):
        step = max(10 * factor, round(abs(amount) * rng.uniform(0.03, 0.4) / factor) * factor)
        return amount + rng.choice((-1, 1)) * step
    if kind == "swap":
        return _swap_digits(amount, factor, rng)
    if kind == "sign":
        return -amount if amount else None
    units = 1 if kind in ("unit1", "tkr1") else 10
    if kind.startswith("tkr"):
        return None if factor > 1000 else amount + rng.choice((-1, 1)) * units * 1000
    if factor < 1000:
        return None
    return amount + rng.choice((-1, 1)) * units * factor


def run(documents: dict[str, list[dict]], seed: int, per_kind: int) -> tuple[Counter, Counter, dict]:
    rng = random.Random(seed)
    tried, found, clean = Counter(), Counter(), {}
    for document, lines in sorted(documents.items()):
        before = _errors(lines)
        clean[document] = len(before)
        cells = confirmed_cells(lines)
        for kind in LINE_KINDS:
            pool = [line for line, is_total in cells if is_total == (kind == "total")]
            for line in rng.sample(pool, min(per_kind, len(pool))):
                changed = inject(line, kind, rng)
                if changed is None or changed == line["amount_sek"]:
                    continue
                copy = [b | {"amount_sek": changed} if b is line else b for b in lines]
                new = _errors(copy) - before
                tried[kind] += 1
                hit = any(t == line["table_no"] and y == line["year"] for t, _, y, _ in new)
                found[kind] += hit
                if not hit:
                    MISSES.append(f"{document} t{line['table_no']} {line['label']!r} {line['year']} {kind}: "
                                  f"{line['amount_sek']} -> {changed}")
    return tried, found, clean


MISSES: list[str] = []  # what run() did not find, for --misses


def _cell_errors(document: str, cells: list[dict], lines: list[dict]) -> set[tuple]:
    from pipeline.check.rowtotals import check_row_totals
    from pipeline.settings import CheckSettings

    return {(f["table_no"], f["label"], f["kind"]) for f in check_row_totals(document, cells, lines, CheckSettings())
            if f["severity"] == "error"}


def _changed_text(text: str, rng: random.Random) -> str | None:
    from pipeline.numbers import parse_amount

    amount = parse_amount(text)
    if amount is None or amount.decimals:
        return None
    step = max(10, round(abs(amount.value) * rng.uniform(0.03, 0.4)))
    value = int(amount.value) + rng.choice((-1, 1)) * step
    return ("-" if value < 0 else "") + f"{abs(value):,}".replace(",", " ")


def run_cells(cells: dict[str, list[dict]], documents: dict[str, list[dict]], seed: int, per_kind: int,
              tried: Counter, found: Counter, clean: dict) -> None:
    """The cell kinds: one changed cell per copy of a table with a total column that holds."""
    from pipeline.check.rowtotals import confirmed_cells as row_total_cells
    from pipeline.settings import CheckSettings

    rng = random.Random(seed)
    for document, doc_cells in sorted(cells.items()):
        lines = documents.get(document, [])
        before = _cell_errors(document, doc_cells, lines)
        clean[document] = clean.get(document, 0) + len(before)
        held = row_total_cells(doc_cells, lines, CheckSettings())
        where = {(c["table_no"], c["row_no"], c["col_no"]): c for c in doc_cells}
        for kind in CELL_KINDS:
            pool = [(t, r, target if kind == "xtotal" else rng.choice(group)) for t, r, target, group, _ in held]
            for table_no, row_no, col in rng.sample(pool, min(per_kind, len(pool))):
                cell = where[(table_no, row_no, col)]
                changed = _changed_text(cell["text"], rng)
                if changed is None:
                    continue
                copy = [c | {"text": changed} if c is cell else c for c in doc_cells]
                tried[kind] += 1
                found[kind] += any(t == table_no for t, _, _ in _cell_errors(document, copy, lines) - before)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.inject", description=__doc__.splitlines()[0])
    ap.add_argument("warehouses", nargs="+", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=6, help="injections of each kind per document")
    ap.add_argument("--misses", action="store_true", help="list the line injections not found")
    a = ap.parse_args(argv)
    documents: dict[str, list[dict]] = {}
    for warehouse in a.warehouses:
        documents |= load_lines(warehouse)
    tried, found, clean = run(documents, a.seed, a.per_kind)
    cells: dict[str, list[dict]] = {}
    for warehouse in a.warehouses:
        cells |= budget_lines_by_document(warehouse, table="table_cells")
    run_cells(cells, documents, a.seed, a.per_kind, tried, found, clean)
    print(f"{len(documents)} documents, seed {a.seed}\n\n{'kind':10} {'tried':>6} {'found':>6} {'rate':>6}")
    issue = [k for k in KINDS if k not in STRICT.values()]
    strict = [STRICT.get(k, k) for k in issue]
    for kind in [*KINDS, "ALL", "ALL strict"]:
        kinds = issue if kind == "ALL" else strict if kind == "ALL strict" else [kind]
        t, f = sum(tried[k] for k in kinds), sum(found[k] for k in kinds)
        print(f"{kind:10} {t:6d} {f:6d} {f / t if t else 0:6.3f}")
    print("\nerror findings on the clean copies (the sample plans' published errors are real):")
    for document, n in sorted(clean.items()):
        print(f"  {document}: {n}")
    if a.misses:
        print("\nnot found:", *MISSES, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
