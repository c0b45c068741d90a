"""Row totals across columns: a total column (Helår, Totalt, Summa, or "År 2025" beside quarters)
is, in every row, the sum of the period or line columns beside it (Kv 1 … Kv 4, Jan–mar, Projekt A …).

Read from `table_cells`, not from budget lines: a period column ("Kv 1", "T2", "Jan–mar") names no
year, so the extract stage, which keeps amounts by year, keeps no line of such a table. The total
column is found by its header (vocabulary.toml [total_columns]) and confirmed by the rows: which
columns it sums (every other amount column, or the contiguous group beside it) is the reading that
holds in the most rows, with the signs as printed. A row where it fails is an error only where that
reading holds in `MIN_SUPPORT` other rows and two thirds of the rows carrying it (as in crossfoot);
where fewer rows confirm it, the row is `cannot tell` with the reason.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..numbers import find_years, format_sek, is_percent_header, parse_amount, unit_factor
from ..settings import CheckSettings
from ..vocabulary import is_period, vocabulary, word_pattern
from .crossfoot import MIN_SUPPORT, SUPPORT_SHARE
from .finding import make_finding, materiality, unconfirmed, verdict_of
from .rounding import improbable, shown, terms_tolerance

_TOTAL = word_pattern("total_columns")
_NOT_TOTAL = word_pattern("total_columns", "not_totals")
_NON_AMOUNT = word_pattern("non_amount_columns")
_YEAR_ONLY = re.compile(r"^\s*(?:år\s*)?(?:19|20)\d\d\s*$", re.I)   # "2025", "År 2025"
_DASH = re.compile(r"^\s*[-–—]\s*$")                                # a dash is a printed zero
_UNIT_NAMES = {factor: word for word, factor in reversed(vocabulary()["units"].items())}


@dataclass(frozen=True)
class GridRow:
    row_no: int
    label: str
    values: dict[int, float]        # column → printed figure, in the table's unit
    cells: dict[int, dict]          # column → provenance (page, line, bbox)


@dataclass(frozen=True)
class Grid:
    table_no: int
    headers: dict[int, str]         # column → header as printed (header rows joined)
    rows: list[GridRow]
    factor: int                     # kronor per printed unit
    unit: str                       # the unit as a reader sees it ("tkr"), "" when unknown


def _figure(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    if _DASH.match(text):
        return 0.0
    amount = parse_amount(text)
    return None if amount is None or amount.footnote else amount.value


def _grids(cells: list[dict], budget_lines: list[dict]) -> list[Grid]:
    tables: dict[int, dict[int, dict[int, dict]]] = defaultdict(lambda: defaultdict(dict))
    for c in cells:
        tables[c["table_no"]][c["row_no"]][c["col_no"]] = c
    doc_units = Counter(b.get("unit_factor") or 1 for b in budget_lines)
    out = []
    for table_no, grid in sorted(tables.items()):
        table_units = Counter(b.get("unit_factor") or 1 for b in budget_lines if b["table_no"] == table_no)
        out.append(_grid(table_no, grid, table_units or doc_units))
    return out


def _grid(table_no: int, grid: dict[int, dict[int, dict]], units: Counter) -> Grid:
    """The table's header rows (`_heads`) joined per column, its rows with a label and amounts, its unit."""
    order = sorted(grid)
    first = next((i for i, r in enumerate(order) if not _heads(grid[r])), len(order))
    headers: dict[int, str] = defaultdict(str)
    for r in order[:first]:
        for col, c in grid[r].items():
            headers[col] = f"{headers[col]} {c.get('text') or ''}".strip()
    rows = []
    for r in order[first:]:
        label = (grid[r].get(0, {}).get("text") or "").strip()
        values = {col: v for col, c in grid[r].items() if col > 0 and (v := _figure(c.get("text"))) is not None}
        cells = {col: {k: c.get(k) for k in ("page", "line", "bbox")} for col, c in grid[r].items()}
        if label and values:
            rows.append(GridRow(r, label, values, cells))
    factor = unit_factor(" ".join(headers.values()), kronor=True)
    if factor is None and units:
        factor = units.most_common(1)[0][0]
    unit = _UNIT_NAMES.get(factor, "") if factor else ""
    return Grid(table_no, dict(headers), rows, factor or 1, unit)


def _heads(row: dict[int, dict]) -> bool:
    """A leading row heads the table: no label, no amount right of it, or words among its values (a
    header "Halvår 1" whose "1" stands alone over the figures)."""
    values = [(c.get("text") or "").strip() for col, c in row.items() if col > 0]
    return (not (row.get(0, {}).get("text") or "").strip() or all(_figure(v) is None for v in values)
            or any(_figure(v) is None and re.search(r"[^\W\d_]", v) for v in values))


def _amount_columns(grid: Grid) -> list[int]:
    """Columns most of whose rows hold an amount, and whose header does not say they are no kronor."""
    counts = Counter(col for r in grid.rows for col in r.values)
    return sorted(col for col, n in counts.items() if 2 * n > len(grid.rows)
                  and not _NON_AMOUNT.search(grid.headers.get(col, ""))
                  and not is_percent_header(grid.headers.get(col, "")))


def _total_columns(grid: Grid, columns: list[int]) -> list[int]:
    """Headed as a total; or a year alone beside at least two period columns ("Kv 1 … Kv 4 | År 2025")."""
    def header(c: int) -> str:
        return grid.headers.get(c, "")
    periods = [c for c in columns if is_period(header(c)) and not find_years(header(c))]
    return [c for c in columns if not _NOT_TOTAL.search(header(c)) and not is_period(header(c))
            and (_TOTAL.search(header(c)) or (_YEAR_ONLY.match(header(c)) and len(periods) >= 2))]


def _groups(target: int, columns: list[int], totals: list[int]) -> list[tuple[int, ...]]:
    """What a total column may sum: every other amount column but the totals, or a contiguous run of
    columns right before it (its suffixes: "Budget 2024 | Kv 1 … Kv 4 | Helår") or right after it."""
    parts = [c for c in columns if c not in totals]
    out = [tuple(parts)] if len(parts) >= 2 else []
    i = columns.index(target)
    before, after = [], []
    for c in reversed(columns[:i]):
        if c in totals:
            break
        before.insert(0, c)
    for c in columns[i + 1:]:
        if c in totals:
            break
        after.append(c)
    out += [tuple(before[k:]) for k in range(len(before) - 1)]
    out += [tuple(after[:k]) for k in range(len(after), 1, -1)]
    return list(dict.fromkeys(g for g in out if len(g) >= 2))


def _holds(row: GridRow, target: int, group: tuple[int, ...], factor: int, settings: CheckSettings) -> bool | None:
    if target not in row.values or any(c not in row.values for c in group):
        return None
    if row.values[target] == 0 and all(row.values[c] == 0 for c in group):
        return None  # an empty row says nothing
    diff = abs(row.values[target] - sum(row.values[c] for c in group)) * factor
    return diff <= terms_tolerance(len(group), factor, settings)


@dataclass(frozen=True)
class Reading:
    target: int
    group: tuple[int, ...]
    support: int        # rows where it holds
    carried: int        # rows that carry every cell of it

    @property
    def confirmed(self) -> bool:
        return self.support >= MIN_SUPPORT and self.support >= SUPPORT_SHARE * self.carried


def _reading(grid: Grid, target: int, columns: list[int], totals: list[int],
             settings: CheckSettings) -> Reading | None:
    """The group that holds in the most rows; the larger group on a tie (a zero column fits both)."""
    best = None
    for group in _groups(target, columns, totals):
        verdicts = [_holds(r, target, group, grid.factor, settings) for r in grid.rows]
        reading = Reading(target, group, verdicts.count(True), sum(v is not None for v in verdicts))
        if reading.support and (best is None or (reading.support, len(group)) > (best.support, len(best.group))):
            best = reading
    return best


def _readings(cells: list[dict], budget_lines: list[dict], settings: CheckSettings):
    """(grid, reading) for every total column of every table that has a reading."""
    for grid in _grids(cells, budget_lines):
        columns = _amount_columns(grid)
        totals = _total_columns(grid, columns)
        for target in totals:
            reading = _reading(grid, target, columns, totals, settings)
            if reading is not None:
                yield grid, reading


def check_row_totals(document: str, cells: list[dict], budget_lines: list[dict], settings: CheckSettings,
                     plan_year: int | None = None) -> list[dict]:
    """Every total column of every table, row by row."""
    return [_row_finding(document, grid, reading, row, settings, plan_year)
            for grid, reading in _readings(cells, budget_lines, settings) for row in grid.rows
            if _holds(row, reading.target, reading.group, grid.factor, settings) is not None]


def confirmed_cells(cells: list[dict], budget_lines: list[dict], settings: CheckSettings) -> list[tuple]:
    """(table_no, row_no, total column, summed columns, factor) of every row whose total column holds
    under a confirmed reading: the cells an injected error must be found in (benchmarks/inject.py)."""
    return [(grid.table_no, r.row_no, reading.target, reading.group, grid.factor)
            for grid, reading in _readings(cells, budget_lines, settings) if reading.confirmed for r in grid.rows
            if _holds(r, reading.target, reading.group, grid.factor, settings)]


def _row_finding(document: str, grid: Grid, reading: Reading, row: GridRow, settings: CheckSettings,
                 plan_year: int | None) -> dict:
    n, factor = len(reading.group), grid.factor
    stated = row.values[reading.target] * factor
    computed = sum(row.values[c] for c in reading.group) * factor
    tol = terms_tolerance(n, factor, settings)
    verdict = verdict_of(stated, computed, tol)
    header = grid.headers.get(reading.target, "")
    years = find_years(header) or find_years(" ".join(grid.headers.values()))
    kind = {"ok": "rowtotal_check", "rounding": "rowtotal_rounding"}.get(verdict, "rowtotal_mismatch")
    where = {"table_no": grid.table_no, **row.cells.get(reading.target, {})}
    used = [{"column": c, "header": _name(grid, c)} for c in reading.group]
    record = make_finding(document, kind, verdict, row.label, years[0] if years else plan_year, stated, computed,
                          tol, used, where, _text(grid, reading, row, stated, computed, verdict, settings),
                          unsure="info")
    if verdict == "error" and not reading.confirmed:
        others = reading.support
        return unconfirmed(record, "rowtotal", f"Bara {others} av tabellens {reading.carried} rader följer "
                                               f"sambandet, för få för att bekräfta vilka kolumner som summeras")
    return dict(record)


def _name(grid: Grid, column: int) -> str:
    return grid.headers.get(column) or f"kolumn {column}"


def _text(grid: Grid, reading: Reading, row: GridRow, stated: float, computed: float, verdict: str,
          settings: CheckSettings) -> str:
    n, factor = len(reading.group), grid.factor
    formula = " + ".join(_name(grid, c) for c in reading.group)
    unit = f" (belopp i {grid.unit})" if grid.unit else ""
    total = _name(grid, reading.target)
    if verdict == "ok":
        return f"'{row.label}': {total} {format_sek(stated)} kr = {formula}{unit}."
    diff = stated - computed
    share = f"{100 * (materiality(stated, computed) or 0):.1f}".replace(".", ",")
    text = (f"'{row.label}': {total} anges till {format_sek(stated)} kr men {formula} = {format_sek(computed)} kr"
            f"{unit}; skillnad {format_sek(diff)} kr ({share} %).")
    if verdict == "rounding":
        return text + (f" Det ryms i avrundningen: {n + 1} tal avrundade till hela {grid.unit or 'enheter'} kan "
                       f"skilja upp till {format_sek(terms_tolerance(n, factor, settings))} kr (en större skillnad "
                       f"har sannolikhet under {shown(settings.rounding_improbability)}).")
    if stated and abs(stated + computed) <= terms_tolerance(n, factor, settings):
        text += " Beloppet stämmer men tecknet är omvänt."
    others = reading.support
    return text + (f" Summakolumnen stämmer i {others} av tabellens {reading.carried} rader."
                   + improbable(abs(diff), n, factor))
