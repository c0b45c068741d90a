"""Random Swedish budget documents whose totals add up, drawn from one seed.

A document is a frozen :class:`DocSpec`: a title, prose and 1–3 :class:`TableSpec`. Every amount is
kept as the printed integer in tenths or whole units (``decimals``), so sums, results and difference
columns are exact in print and in kronor. Nothing here renders: see ``render.py`` and ``cells.py``.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

KINDS = ("budget", "utfall", "prognos", "avvikelse")
UNIT_FACTOR = {"kr": 1, "tkr": 1_000, "mnkr": 1_000_000}
SIGN_STYLES = ("hyphen", "hyphen-space", "minus", "parens", "en-dash")
FAMILIES = ("reportlab-ruled", "reportlab-borderless", "reportlab-twocolumn", "reportlab-split",
            "html-chromium", "docx-libreoffice", "xlsx-libreoffice")


@lru_cache(maxsize=1)
def words() -> dict:
    return tomllib.loads((Path(__file__).with_name("words.toml")).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Column:
    """One amount column. ``compare`` = (a, b): the cell is column a minus column b (avvikelse)."""

    kind: str
    year: int
    header: str
    group: str = ""
    compare: tuple[int, int] | None = None
    year_alt: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    """role: section (a heading, no amounts) | item | total | result. values: printed units × 10**decimals."""

    label: str
    role: str
    values: tuple[int | None, ...] = ()
    extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    caption: str
    unit: str
    unit_place: str          # none | corner | caption | note | header
    note: str
    corner: str
    decimals: int
    sign_style: str
    thousands: str           # the digit-group separator
    columns: tuple[Column, ...]
    extras: tuple[str, ...]  # headers of non-amount columns (Not first, then Antal / %)
    rows: tuple[Row, ...]
    two_level: bool

    @property
    def factor(self) -> int:
        return UNIT_FACTOR[self.unit]


@dataclass(frozen=True)
class Style:
    font: str                # a key of render.FONTS
    font_size: float
    page: str                # A4 | Letter | A4-landscape
    header_align: str        # left | center | right
    rules: str               # grid | horizontal | none
    zebra: bool
    leaders: bool
    repeat_header: bool


@dataclass(frozen=True)
class DocSpec:
    stem: str
    family: str
    seed: str
    forbund: str
    plan_year: int
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[TableSpec, ...]
    style: Style = field(compare=False)


# ---------------------------------------------------------------- columns

HEADERS = {
    "budget": ["{y}", "Budget {y}", "B{y}", "Budget {y}", "Plan {y}"],
    "utfall": ["Utfall {y}", "Bokslut {y}", "Utfall {y}-12-31", "Utfall {y}", "Bokslut {y}-12-31"],
    "prognos": ["Prognos {y}", "Helårsprognos {y}", "Prognos helår {y}"],
}


def _header_styles(rng: random.Random) -> dict[str, str]:
    """One header pattern per kind for a whole table ("Budget 2025" and "Budget 2026", not "B2026")."""
    return {kind: rng.choice(options) for kind, options in HEADERS.items()}


def _plain_columns(rng: random.Random, plan: int, n: int) -> list[tuple[str, int]]:
    recipe = rng.choice(["budget", "budget", "history", "history", "forecast", "samyear"])
    if recipe == "budget":
        return [("budget", plan + i) for i in range(n)]
    if recipe == "history":
        past = rng.randint(1, max(1, n - 1))
        return [("utfall", plan - past + i) for i in range(past)] + [("budget", plan + i) for i in range(n - past)]
    if recipe == "forecast":
        cols = [("utfall", plan - 2), ("prognos", plan - 1), ("budget", plan), ("budget", plan + 1),
                ("budget", plan + 2), ("budget", plan + 3)]
        return cols[:n] if n >= 2 else [("prognos", plan - 1)]
    cols = [("utfall", plan - 2), ("budget", plan - 1), ("prognos", plan - 1), ("budget", plan),
            ("budget", plan + 1), ("budget", plan + 2)]  # budget and forecast of the same year
    return cols[-n:] if n < 4 else cols[:n]


def _avvikelse(rng: random.Random, plan: int) -> tuple[list[tuple[str, int]], tuple[int, int]]:
    """Base columns plus a difference column: (later or outcome) minus (earlier or budget)."""
    recipe = rng.choice(["follow", "change", "forecast"])
    if recipe == "follow":
        cols = [("budget", plan), ("utfall", plan)]
    elif recipe == "forecast":
        cols = [("budget", plan), ("prognos", plan)]
    else:
        cols = rng.choice([[("utfall", plan - 1), ("budget", plan)], [("budget", plan - 1), ("budget", plan)]])
    return cols, (1, 0)


def draw_columns(rng: random.Random, plan: int, n: int) -> list[Column]:
    if n >= 3 and rng.random() < 0.3:
        pairs, (a, b) = _avvikelse(rng, plan)
        pairs = pairs + [("avvikelse", 0)]
    else:
        pairs, a, b = _plain_columns(rng, plan, n), -1, -1
    out: list[Column] = []
    styles = _header_styles(rng)
    for kind, year in pairs:
        if kind != "avvikelse":
            out.append(Column(kind, year, styles[kind].format(y=year)))
            continue
        ya, yb = out[a].year, out[b].year
        header = rng.choice(["Avvikelse", "Förändring", "Differens", "Avvikelse", "Förändring",
                             f"Förändring {yb}–{ya}" if ya != yb else "Avvikelse mot budget"])
        alt = (min(ya, yb),) if ya != yb else ()
        out.append(Column("avvikelse", max(ya, yb), header, compare=(a, b), year_alt=alt))
    return out


def two_level(columns: list[Column]) -> list[Column]:
    """"Budget" over "2025 2026": the kind word moves to a group row, the year stays below."""
    word = {"budget": "Budget", "utfall": "Utfall", "prognos": "Prognos", "avvikelse": ""}
    out = []
    for c in columns:
        if c.kind == "avvikelse":
            out.append(Column(c.kind, c.year, c.header, "", c.compare, c.year_alt))
        else:
            out.append(Column(c.kind, c.year, str(c.year), word[c.kind], c.compare, c.year_alt))
    return out


# ---------------------------------------------------------------- amounts

def _magnitude(rng: random.Random, unit: str, decimals: int) -> int:
    """A row amount in printed units × 10**decimals."""
    if unit == "kr":
        return rng.choice([1_000, 5_000, 10_000]) * rng.randint(2, 400)
    if unit == "tkr":
        value = rng.randint(5, 4_000)
    else:
        value = rng.randint(1, 90) if decimals == 0 else rng.randint(3, 9_000)
        return value
    return value * 10 ** decimals + (rng.randint(0, 9) if decimals else 0)


def _row_values(rng: random.Random, columns: list[Column], base: int, sign: int) -> tuple[int | None, ...]:
    """One item row: amounts near ``base`` (signed), an occasional blank outcome, differences exact."""
    values: list[int | None] = []
    for c in columns:
        if c.compare:  # a spreadsheet's =B-A: a blank outcome counts as nothing, so the table foots
            values.append(_difference(values[c.compare[0]], values[c.compare[1]]))
        elif c.kind == "utfall" and rng.random() < 0.06:
            values.append(None)
        else:
            drift = rng.uniform(0.8, 1.2) if rng.random() < 0.75 else 1.0
            values.append(sign * max(0, round(base * drift)))
    return tuple(values)


def _sum(rows: list[Row], columns: list[Column], sign: int = 1) -> tuple[int | None, ...]:
    totals: list[int | None] = []
    for j, c in enumerate(columns):
        if c.compare:
            totals.append(_difference(totals[c.compare[0]], totals[c.compare[1]]))
        else:
            totals.append(sign * sum(r.values[j] or 0 for r in rows))
    return tuple(totals)


def _fix_diffs(values: tuple[int | None, ...], columns: list[Column]) -> tuple[int | None, ...]:
    out = list(values)
    for j, c in enumerate(columns):
        if c.compare:
            out[j] = _difference(out[c.compare[0]], out[c.compare[1]])
    return tuple(out)


def _difference(a: int | None, b: int | None) -> int | None:
    """A variance cell: blank only where both cells it compares are blank."""
    return None if a is None and b is None else (a or 0) - (b or 0)


# ---------------------------------------------------------------- tables

def _extras(rng: random.Random, rows: list[Row], headers: tuple[str, ...], first: int) -> list[Row]:
    """Fill the non-amount columns: note references, participant counts, shares of the first column."""
    total = sum(abs(r.values[first] or 0) for r in rows if r.role == "item") or 1
    out = []
    for r in rows:
        cells = []
        for h in headers:
            if r.role == "section":
                cells.append("")
            elif h == "Not":
                cells.append(str(rng.randint(1, 9)) if r.role == "item" and rng.random() < 0.4 else "")
            elif h.startswith("Antal"):
                cells.append(str(rng.randint(4, 160)) if r.role == "item" else "")
            else:
                share = 100 * abs(r.values[first] or 0) / total
                cells.append(f"{share:.0f} %" if r.role == "item" else "")
        out.append(Row(r.label, r.role, r.values, tuple(cells)))
    return out


def _labels(rng: random.Random, pool: list[str], n: int) -> list[str]:
    return rng.sample(pool, min(n, len(pool)))


def _body_result(rng: random.Random, cols: list[Column], unit: str, dec: int, n_items: int) -> list[Row]:
    w = words()
    income_pool = w["income"] + [f"Medlemsavgift {r}" for r in rng.sample(w["regions"], 2)]
    n_income = rng.randint(2, 4)
    income = _labels(rng, income_pool, n_income)
    costs = _labels(rng, w["costs"], max(2, n_items - n_income))
    cost_sign = -1 if rng.random() < 0.5 else 1
    headings = rng.random() < 0.7
    cost_rows = [Row(x, "item", _row_values(rng, cols, _magnitude(rng, unit, dec), cost_sign)) for x in costs]
    spend = sum(abs(r.values[0] or 0) for r in cost_rows) // len(income)  # income near the costs
    inc_rows = [Row(x, "item", _row_values(rng, cols, round(spend * rng.uniform(0.6, 1.4)), 1)) for x in income]
    inc_total = Row(rng.choice(w["totals"]["income"]), "total", _sum(inc_rows, cols))
    cost_total = Row(rng.choice(w["totals"]["costs"]), "total", _sum(cost_rows, cols))
    to_result = 1 if cost_sign < 0 else -1  # printed negative costs are added, positive ones subtracted
    result = tuple(None if c.compare else (inc_total.values[j] or 0) + to_result * (cost_total.values[j] or 0)
                   for j, c in enumerate(cols))
    rows = [Row(rng.choice(w["sections"]["income"]), "section")] if headings else []
    rows += inc_rows + [inc_total]
    rows += [Row(rng.choice(w["sections"]["costs"]), "section")] if headings else []
    rows += cost_rows + [cost_total, Row(rng.choice(w["results"]), "result", _fix_diffs(result, cols))]
    return rows


def _body_single(rng: random.Random, cols: list[Column], unit: str, dec: int, n_items: int,
                 funding: bool) -> list[Row]:
    w = words()
    if funding:
        pool = ["Försäkringskassan", "Arbetsförmedlingen", *rng.sample(w["regions"], 1), *w["municipalities"]]
        labels = pool[:2] + _labels(rng, pool[2:], n_items - 2) if n_items > 2 else pool[:n_items]
    else:
        labels = _labels(rng, w["costs"], n_items)
    rows = [Row(x, "item", _row_values(rng, cols, _magnitude(rng, unit, dec), 1)) for x in labels]
    total = w["totals"]["single"] + (w["totals"]["income"][:1] if funding else w["totals"]["costs"][:1])
    return rows + [Row(rng.choice(total), "total", _sum(rows, cols))]


def _unit_place(rng: random.Random, unit: str, two: bool) -> tuple[str, str, str]:
    """(place, corner text, note text) of the table's unit."""
    long = {"kr": "kronor", "tkr": "tusentals kronor", "mnkr": "miljoner kronor"}[unit]
    places = ["none", "corner", "note"] if unit == "kr" else ["corner", "corner", "caption", "caption", "note",
                                                              "header"]
    place = rng.choice([p for p in places if not (two and p == "header")])
    if place == "corner":
        word = {"kr": "Kr", "tkr": "Tkr", "mnkr": "Mnkr"}[unit]
        return place, rng.choice([word, f"Belopp i {unit}", f"({unit})", unit]), ""
    if place == "note":
        return place, rng.choice(["", "", "Post"]), rng.choice(words()["notes"]).format(unit=unit, unit_long=long)
    return place, rng.choice(["", "", "Post", "Konto"]), ""


def _caption(rng: random.Random, plan: int, unit: str, place: str, k: int) -> str:
    base = rng.choice(words()["captions"] + [f"Budget {plan}"])
    if rng.random() < 0.3:
        base = f"Tabell {k}. {base}"
    if place == "caption":
        return rng.choice([f"{base} ({unit})", f"{base}, {unit}", f"{base} – belopp i {unit}"])
    return base if rng.random() < 0.8 else ""


def draw_table(rng: random.Random, plan: int, k: int, n_cols: int, n_items: int, extras_ok: bool) -> TableSpec:
    unit = rng.choices(["kr", "tkr", "mnkr"], [0.45, 0.4, 0.15])[0]
    dec = 1 if (unit == "tkr" and rng.random() < 0.25) or (unit == "mnkr" and rng.random() < 0.6) else 0
    columns = draw_columns(rng, plan, n_cols)
    two = len(columns) >= 2 and rng.random() < 0.25
    if two:
        columns = two_level(columns)
    place, corner, note = _unit_place(rng, unit, two)
    if place == "header":
        pattern = rng.choice(["{} ({})", "{}, {}"])
        columns = [Column(c.kind, c.year, pattern.format(c.header, unit), c.group, c.compare, c.year_alt)
                   for c in columns]
    kind = rng.choices(["result", "costs", "funding"], [0.5, 0.35, 0.15])[0]
    if kind == "result":
        rows = _body_result(rng, columns, unit, dec, n_items)
    else:
        rows = _body_single(rng, columns, unit, dec, n_items, kind == "funding")
    extras: tuple[str, ...] = ()
    if extras_ok and rng.random() < 0.3:
        extras = tuple(rng.sample(["Not", "Antal deltagare", "Andel"], rng.randint(1, 2)))
        extras = tuple(sorted(extras, key=lambda h: h != "Not"))
        rows = _extras(rng, rows, extras, 0)
    sign = rng.choices(SIGN_STYLES, [0.45, 0.15, 0.2, 0.1, 0.1])[0]
    thousands = rng.choice([" ", " ", " ", "\u00a0"])
    return TableSpec(_caption(rng, plan, unit, place, k), unit, place, note, corner, dec, sign, thousands,
                     tuple(columns), extras, tuple(rows), two)


# ---------------------------------------------------------------- documents

def _style(rng: random.Random, family: str, wide: bool) -> Style:
    fonts = ["DejaVuSans", "LiberationSans", "LiberationSerif", "DejaVuSerif"]
    rules = {"reportlab-ruled": "grid", "reportlab-borderless": rng.choice(["horizontal", "none"])}.get(
        family, rng.choice(["grid", "horizontal", "none"]))
    page = "A4-landscape" if wide and rng.random() < 0.5 else rng.choices(["A4", "Letter", "A4-landscape"],
                                                                          [0.75, 0.15, 0.1])[0]
    size = rng.choice([7, 7.5, 8]) if family == "reportlab-twocolumn" else rng.choice([8, 9, 9, 10, 10, 11])
    return Style(rng.choice(fonts), size, page, rng.choice(["left", "center", "right"]), rules,
                 zebra=rules != "grid" and rng.random() < 0.35,
                 leaders=family == "reportlab-borderless" and rng.random() < 0.3,
                 repeat_header=rng.random() < 0.5)


def draw_doc(seed: int, index: int, family: str) -> DocSpec:
    """Document ``index`` of a run seeded ``seed``; the same arguments always give the same document."""
    key = f"{seed}:{index}:{family}"
    rng = random.Random(key)
    w = words()
    plan = rng.randint(2022, 2027)
    place = rng.choice(w["places"])
    title = rng.choice(w["titles"]).format(year=plan, next=plan + 1, after=plan + 2)
    narrow, split = family == "reportlab-twocolumn", family == "reportlab-split"
    n_tables = 1 if narrow or split else rng.choices([1, 2, 3], [0.5, 0.35, 0.15])[0]
    tables, wide = [], False
    for k in range(1, n_tables + 1):
        n_cols = rng.randint(1, 3) if narrow else rng.choices(range(1, 7), [0.15, 0.2, 0.25, 0.2, 0.1, 0.1])[0]
        n_items = rng.randint(14, 22) if split else rng.randint(3, 9)
        table = draw_table(rng, plan, k, n_cols, n_items, extras_ok=not narrow and n_cols <= 4)
        wide = wide or len(table.columns) + len(table.extras) >= 5
        tables.append(table)
    paragraphs = tuple(rng.sample(w["prose"], rng.randint(2, 5) if not split else rng.randint(5, 8)))
    stem = f"fz{seed}_{index:05d}_{family}"
    return DocSpec(stem, family, key, f"Samordningsförbundet {place}", plan, f"{title} – Samordningsförbundet {place}",
                   paragraphs, tuple(tables), _style(rng, family, wide))
