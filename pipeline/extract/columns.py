"""What each value column of a table holds: kind × year × unit, read from its header cells.

Parse hands over header rows with every header word already under the column it stands over
(parse/tables.py); here the words of all header rows above a column are read together, so a
two-level header ("Budget" over "2025 2026") or one wrapped over three lines ("Belopp vid / årets
utgång") is one header. The words come from the vocabulary (pipeline/vocabulary.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import find_years, parse_amount, parse_percentages, unit_factor
from ..vocabulary import is_period, vocabulary, word_pattern

KINDS = ("budget", "utfall", "prognos", "avvikelse", "period")
# a part of a year ("Kv 1", "Jan–mar", "T2", a month): a column of it is no year's budget, so the
# checks and the report that read a year's budget skip it; its column sums are checked all the same


@dataclass(frozen=True)
class Column:
    """One value column: its kind (budget | utfall | prognos | avvikelse | period), year and unit factor."""

    year: int
    kind: str
    header: str
    factor: int | None
    year_from: str = "header"  # header | document (no year printed over the column)


@dataclass(frozen=True)
class TableContext:
    """What the document says about every table in it: whether it reports outcomes (an annual
    report: a bare year column is then an outcome) and the year it reports on."""

    outcome: bool = False
    year: int | None = None
    plan_year: int | None = None  # the first year a plan's cover title names ("Budget 2024 med plan för …")


def kind_words(kind: str) -> re.Pattern[str]:
    return word_pattern("column_kinds", kind)


def header_kind(text: str) -> str | None:
    """The kind a header names ("Utfall jan–mar", "Avvikelse mot budget"), or None. A kind word broken
    mid-word in a narrow cell ("Helårspr" over "ognos") names it too: the piece that goes on in lower
    case is joined to the one before, when the words as printed name no kind."""
    return _named_kind(text or "") or _named_kind(_BROKEN_WORD.sub(r"\1", text or "")) or _year_prefix_kind(text or "")


_BROKEN_WORD = re.compile(r"([^\W\d_])\s+(?=[a-zåäö])")


def _named_kind(text: str) -> str | None:
    for kind in vocabulary()["column_kinds"]["order"]:
        if kind_words(kind).search(text):
            return kind
    return None


def _year_prefix_kind(text: str) -> str | None:
    """A short header with its kind as a letter glued to the year: "B2025", "U2024" (vocabulary year_prefix)."""
    prefixes = vocabulary()["column_kinds"]["year_prefix"]
    found = re.search(r"(?<![\wåäö])([a-zåäö])(?:19|20)\d\d(?!\d)", text, re.IGNORECASE)
    return prefixes.get(found[1].lower()) if found else None


def is_balance_date(text: str) -> bool:
    return bool(re.search(vocabulary()["column_kinds"]["balance_date"], text or "", re.IGNORECASE))


def is_non_amount(text: str) -> bool:
    """A column of notes, counts, shares or ratios ("Not", "Antal", "%", "kr/m²")."""
    return bool(word_pattern("non_amount_columns").search(text or "")) or "%" in (text or "")


def is_year_text(text: str) -> bool:
    """Header-like text with at most a year in it (no amount): "2025", "Budget 2025", "2025-12-31"."""
    text = (text or "").strip()
    if not text:
        return False
    years = find_years(text)
    rest = re.sub(r"(?:19|20)\d\d(?:[-/]\d{1,4}(?:-\d\d)?)?", "", text)
    return bool(years) and parse_amount(rest) is None and len(text) <= 60


def is_header_text(text: str) -> bool:
    """A value cell that is a header, not an amount: words, or a year with words."""
    text = (text or "").strip()
    if re.fullmatch(r"[-\u2012-\u2015\u2212]+", text):
        return False  # a lone dash is an empty amount ("Norrtälje kommun  –"), never a header word
    if _is_share(text):
        return False  # "0 %" is a row's share of a total, a value: a row "Avgifter | – | 0 %" holds no header
    return bool(text) and (parse_amount(text) is None or (is_year_text(text) and not _looks_like_amount(text)))


def _is_share(text: str) -> bool:
    """The cell is one percentage and nothing more ("14 %", "−2,5 %")."""
    found = parse_percentages(text)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(text)


def _looks_like_amount(text: str) -> bool:
    """"2 021" or "2021,5" are amounts; a lone "2021" in a header row is a year."""
    return bool(re.search(r"\d[ \u00a0]\d{3}|,\d", text))


def read_columns(header_texts: list[str], context: TableContext) -> tuple[dict[int, Column], int | None]:
    """Map value-column index → Column from the joined header text above each column; also the
    unit named in the header corner (the label column's header: "Tkr", "Belopp i tkr")."""
    corner = header_texts[0] if header_texts else ""
    columns: dict[int, Column] = {}
    for j, text in enumerate(header_texts[1:], start=1):
        column = _column(text, context)
        if column is not None:
            columns[j] = column
    _date_changes(columns, context)
    _period_totals(header_texts, columns)
    return columns, unit_factor(corner, kronor=True)


_TOTAL = word_pattern("total_columns")


def _period_totals(header_texts: list[str], columns: dict[int, Column]) -> None:
    """A total column with no year beside a year's periods ("Kv 1 … Kv 4 | Helår") is that year's budget."""
    years = {c.year for c in columns.values() if c.kind == "period"}
    if len(years) != 1:
        return  # periods of several years: which one a total sums is not for the header to say
    year = years.pop()
    for j, text in enumerate(header_texts[1:], start=1):
        text = re.sub(r"\s+", " ", text or "").strip()
        if j not in columns and _TOTAL.search(text) and header_kind(text) in (None, "budget"):
            columns[j] = Column(year, "budget", text, unit_factor(text, kronor=True), year_from="document")


def _column(text: str, context: TableContext) -> Column | None:
    text = re.sub(r"\s+", " ", (text or "")).strip()
    if not text or is_non_amount(text) and not find_years(text):
        return None
    years = find_years(text)
    kind = header_kind(text)
    if kind is None and is_period(text):
        # a quarter or month of the year the headers or the document name: "Kv 1 2025", or "Kv 1" in a plan
        year = years[0] if years else context.year
        return Column(year, "period", text, unit_factor(text, kronor=True),
                      "header" if years else "document") if year else None
    if kind is None:
        planned = context.plan_year is not None and bool(years) and min(years) >= context.plan_year
        kind = "utfall" if is_balance_date(text) or (context.outcome and not planned) else "budget"
    factor = unit_factor(text, kronor=True)
    if years:
        # a change over a span ("Förändring 2024–2025") is dated by the later year it compares
        year = max(years) if kind == "avvikelse" else years[0]
        return Column(year, kind, text, factor)
    if context.year is None or not (header_kind(text) or unit_factor(text) or context.outcome):
        return None
    if not context.outcome and kind in _PAST_KINDS:
        # the year a plan's headers reach is one it plans for, which no outcome or forecast is of: with
        # no year printed over it the column cannot be dated (coverage says it was left unread)
        return None
    return Column(context.year, kind, text, factor, year_from="document")


_PAST_KINDS = ("utfall", "prognos")


def _date_changes(columns: dict[int, Column], context: TableContext) -> None:
    """A change column with no year ("Förändring", "Avvikelse") takes the latest year it compares."""
    years = [c.year for c in columns.values() if c.year_from == "header"]
    for j, column in list(columns.items()):
        if column.kind == "avvikelse" and column.year_from == "document" and years:
            columns[j] = Column(max(years), column.kind, column.header, column.factor)


def headerless_columns(width: int, context: TableContext) -> dict[int, Column]:
    """Amount columns of a table with no header at all: in an annual report the year it reports on; in
    a plan the year its cover plans for ("Årsplan och budget 2026"), not the latest year some other
    table heads (a plan's last plan year). A plan whose cover names no plan year leaves the table
    unread, which coverage reports, rather than date it by a guess. A row whose label names its own
    year ("Ram 2025") keeps that year: see budget.py."""
    year = context.year if context.outcome else context.plan_year
    if year is None:
        return {}
    kind = "utfall" if context.outcome else "budget"
    return {j: Column(year, kind, "", None, year_from="document") for j in range(1, width)}


def may_head(group: str, upper: str, lowest: str, context: TableContext) -> bool:
    """Whether a group word may head a column: its upper cell is blank and its lowest a bare year."""
    years, kind = find_years(lowest), header_kind(group or "")
    if upper or not years or header_kind(lowest) or not kind or find_years(group):
        return False
    return kind == "budget" or context.plan_year is None or years[0] < context.plan_year


def spread_centred(row: list[str], last: list[str], context: TableContext) -> None:
    """A group word centred over an odd number of columns ("Utfall" over "2023  2024  2025") stands over
    the middle one: it also heads the blank cells on both sides of it, as far as they pair up. The groups
    are centred when the first of them leaves a bare year blank on its left (left-aligned, it never does)."""
    width = min(len(row), len(last))
    groups = [k for k in range(1, width) if row[k]]
    if not groups or groups[0] < 2 or not may_head(row[groups[0]], row[groups[0] - 1], last[groups[0] - 1], context):
        return
    for j in groups:
        d = 1
        while j - d >= 1 and j + d < width and may_head(row[j], row[j - d], last[j - d], context) \
                and may_head(row[j], row[j + d], last[j + d], context):
            d += 1
        for k in range(j - d + 1, j + d):
            row[k] = row[k] or row[j]
