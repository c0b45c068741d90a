"""Budget tables → budget lines. Works on the shared table model (rows of cells), so text,
PDF and OCR tables are read by the same rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..numbers import Amount, find_years, parse_amount, unit_factor
from ..vocabulary import word_pattern
from .columns import (
    Column,
    TableContext,
    header_kind,
    headerless_columns,
    is_header_text,
    may_head,
    read_columns,
    spread_centred,
)
from .scale_notes import scale_notes, table_unit, unit_patterns
from .units import infer_units, repeats_header

_LEADING_BULLET = re.compile(r"^\s*(?:[-–—•·▪●○◦]|\d+\)\s)\s*")
_TRAILING_FOOTNOTE = re.compile(r"\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹]+)\s*$")


# "Not 2", "Noter 8, 13", and as OCR reads it "Not3" or "Not 8,13"
_NOTE_REF = re.compile(r"\s*\bNot(?:er)?\s*\d+(?:\s*(?:,|och|&)\s*\d+)*\b", re.IGNORECASE)


def is_total_label(label: str) -> bool:
    label = label.strip().rstrip(".:")
    if word_pattern("totals", "starts").match(label):
        return True
    last = re.split(r"[\s,]+", label)[-1] if label else ""
    return len(label) > len(last) and bool(word_pattern("totals", "ends").fullmatch(last))


def clean_label(text: str) -> tuple[str, str | None]:
    """Label without bullet and footnote marks; returns (label, footnote)."""
    label = _NOTE_REF.sub("", _LEADING_BULLET.sub("", text or "")).strip()  # "Nettoomsättning Not 2"
    footnote = None
    m = _TRAILING_FOOTNOTE.search(label)
    if m:
        footnote, label = m.group(1), label[: m.start()].rstrip()
    return re.sub(r"\s+", " ", label), footnote


def _year_cell(text: str) -> int | None:
    years = find_years(text)
    if len(years) != 1 or len(text) > 60 or len(text.split()) > 7:
        return None
    return years[0]


def _row_amounts(texts: list[str], columns: dict[int, Column]) -> dict[int, Amount]:
    out = {}
    for j in columns:
        if j < len(texts) and texts[j]:
            amount = parse_amount(texts[j])
            if amount is not None:
                out[j] = amount
    return out


def _line(document: str, table: dict, r: int, j: int, label_cell: dict, value_cell: dict, label: str,
          section: str | None, column: Column, amount: Amount, factor: int, footnote: str | None) -> dict:
    return {
        "document": document, "table_no": table["table"], "row_no": r, "col_no": j,
        "label": label, "section": section, "year": column.year, "column_kind": column.kind,
        "column_header": column.header, "amount_sek": amount.sek(factor), "amount_text": value_cell["text"],
        "unit_factor": factor if not amount.unit else None, "unit": amount.unit,
        "is_total": is_total_label(label), "footnote": amount.footnote or footnote,
        "page": value_cell.get("page"), "line": value_cell.get("line"), "bbox": value_cell.get("bbox"),
        "label_page": label_cell.get("page"), "label_bbox": label_cell.get("bbox"),
    }




def _header_label(texts: list[str]) -> str:
    """004's equity row: "Eget kapital från 2022 | Prognos eget kapital 2023 | …" → "Eget kapital"."""
    first = re.sub(r"(?:19|20)\d\d", "", texts[0])
    return re.sub(r"\s+", " ", unit_patterns()[3].sub("", first)).strip(" ,:-()").capitalize() or texts[0]


def _equity_style(document: str, table: dict, r: int, rows: list[list[dict]], factor: int) -> list[dict]:
    """Header cells carry labels with years and the values sit on the next row, label cell included."""
    heads, values = rows[r], rows[r + 1]
    label = _header_label([c["text"].strip() for c in heads])
    out = []
    for j, (head, value) in enumerate(zip(heads, values, strict=False)):
        year = _year_cell(head["text"].strip())
        amount = parse_amount(value["text"].strip())
        if year is None or amount is None:
            continue
        column = Column(year, header_kind(head["text"]) or "budget", head["text"].strip(), unit_factor(head["text"]))
        out.append(_line(document, table, r + 1, j, head, value, label, None, column, amount,
                         column.factor or factor, None))
    return out


def _is_equity_header(texts: list[str], rows: list[list[dict]], r: int) -> bool:
    if r + 1 >= len(rows) or _year_cell(texts[0]) is None:
        return False
    years = [_year_cell(t) for t in texts if t]
    nxt = [c["text"].strip() for c in rows[r + 1]]
    return sum(y is not None for y in years) >= 2 and bool(nxt) and parse_amount(nxt[0]) is not None


_EMPTY_AMOUNTS = ("-", "\u2013", "\u2014", "\u2212")


def _is_header_row(texts: list[str]) -> bool:
    """Every value cell with text is a header word or a year, none an amount (a lone dash is an empty
    amount: a row "Kommunbidrag  –" is no header)."""
    values = [t for t in texts[1:] if t and t not in _EMPTY_AMOUNTS]
    return bool(values) and all(is_header_text(t) for t in values)


def _row_factor(label: str) -> int | None:
    """A unit inside a row's label ("Nettoomsättning (tkr)") scales that row alone."""
    return unit_factor(label) if re.search(r"\(\s*[a-zåäö]+\s*\)|\bi\s+[a-zåäö]+$", label, re.I) else None


def _is_ratio_row(label: str) -> bool:
    """Key-figure rows are not kronor: "Soliditet (%)", "Årsavgift/m² bostadsrättsyta"."""
    return bool(word_pattern("non_amount_rows").search(label))


def find_budget_lines(document: str, table: dict, context: TableContext | None = None) -> list[dict]:
    """Budget lines of one table (empty when it is not a budget table)."""
    return _read_table(document, table, context or TableContext(), None)[0]


def _read_table(document: str, table: dict, context: TableContext, before: _TableState | None
                ) -> tuple[list[dict], _TableState]:
    """Budget lines of one table and the columns it ended with (a continuation table reads on under them)."""
    rows = table["rows"]
    state = _start(table, before)
    out: list[dict] = []
    if _in_percent(table):
        return out, state
    skip = -1
    for r, row in enumerate(rows):
        texts = [c["text"].strip() for c in row]
        if r <= skip or not any(texts):
            continue
        if _is_equity_header(texts, rows, r):
            out += _equity_style(document, table, r, rows, state.factor or 1)
            skip = r + 1
            continue
        if _is_header_row(texts):
            _read_header(state, texts, context)
            continue
        state.in_header = False
        if state.columns is None and not state.header and _holds_kronor(table, context):
            state.columns = headerless_columns(len(texts), context) or None
        if state.columns is None:
            continue
        out += _row_lines(document, table, r, row, texts, state)
    return out, state


def _in_percent(table: dict) -> bool:
    """A table whose caption says its figures are percentages ("Läkemedel (procent)", "Procentuell
    förändring av: Budget") holds no kronor, whatever its header."""
    title = (table.get("title") or "").strip()
    return len(title) <= _CAPTION_LENGTH and bool(word_pattern("percent_captions").search(title))


_CAPTION_LENGTH = 90  # characters: a caption, not a sentence


@dataclass
class _TableState:
    columns: dict[int, Column] | None
    header: list[list[str]]
    corner: int | None
    section: str | None
    in_header: bool
    factor: int | None = None  # the caption's or a note's scale
    width: int = 0
    page: int | None = None
    carried: bool = False  # columns taken over from the table before
    own_factor: int | None = None  # the scale the table's own caption or note gives
    carried_header: list[list[str]] = field(default_factory=list)  # the header of the table gone on from


def _start(table: dict, before: _TableState | None) -> _TableState:
    """A table's reading state: its own caption scale, or the columns of the table it goes on from."""
    factor = table_unit(table)
    state = _TableState(columns=None, header=[], corner=None, section=None, in_header=False, factor=factor,
                        width=max((len(row) for row in table["rows"]), default=0), page=table.get("page"),
                        own_factor=factor)
    if before is not None and _continues(before, state):
        state.columns, state.corner, state.section = before.columns, before.corner, before.section
        state.carried, state.factor, state.carried_header = True, factor or before.factor, before.header
    elif before is not None and factor is None and repeats_header(before.header, before.page, table):
        state.factor = before.factor  # the same table on its next page: its unit stands on the first
    return state


def _continues(before: _TableState, state: _TableState) -> bool:
    """A table that goes on from the one before it (cut by a page break or a section heading that parse
    read as a table end): the previous table had columns, this one has as many cells a row and stands on
    the same page or the next. Its own header rows, if any, still replace the carried columns."""
    if not before.columns or before.width != state.width:
        return False
    if before.page is None or state.page is None:
        return True
    return 0 <= state.page - before.page <= 1


def _holds_kronor(table: dict, context: TableContext) -> bool:
    """A table with no header is read only when it is plainly money: in an annual report, amounts of a
    thousand or more (not page numbers or counts); elsewhere, one amount column whose caption or a note
    beside it names a money unit ("belopp i miljoner kronor")."""
    rows = table["rows"]
    amounts = [a.value for row in rows for c in row[1:] if (a := parse_amount(c["text"].strip())) is not None]
    if len(amounts) < 2:
        return False
    if context.outcome:
        return max(abs(v) for v in amounts) >= _KRONOR_FLOOR
    return max(len(row) for row in rows) == 2 and table_unit(table) is not None


_KRONOR_FLOOR = 1000


def _read_header(state: _TableState, texts: list[str], context: TableContext) -> None:
    """A header row: the next line of the current header block, or the start of a new one."""
    if state.carried:  # the table has a header of its own: it does not go on from the one before ...
        state.columns, state.corner, state.carried = None, None, False
        if texts not in state.carried_header:  # ... unless it repeats that header atop a new page
            state.factor = state.own_factor
    state.header = [*state.header, texts] if state.in_header else [texts]
    state.in_header = True
    columns, corner = _columns_of(state.header, context)
    if columns:
        state.columns, state.corner = columns, corner
        label = clean_label(texts[0])[0]
        if label and unit_factor(label, kronor=True) is None:
            state.section = label


def _row_lines(document: str, table: dict, r: int, row: list[dict], texts: list[str], state: _TableState
               ) -> list[dict]:
    columns = state.columns or {}
    label, footnote = clean_label(texts[0])
    amounts = _row_amounts(texts, columns)
    if not amounts:
        if label and not any(texts[1:]):
            state.section = label
        return []
    label = label or state.section or ""
    if not label or _is_ratio_row(label):
        return []
    row_factor = _row_factor(label)
    return [_line(document, table, r, j, row[0], row[j], label, state.section, _own_year(columns[j], label), amount,
                  row_factor or columns[j].factor or state.corner or state.factor or 1, footnote)
            for j, amount in amounts.items()]


def _own_year(column: Column, label: str) -> Column:
    """In a column with no year printed over it, a row naming one year ("Ram 2025") is that year's."""
    years = find_years(label)
    if column.year_from == "document" and len(years) == 1 and not column.header:
        return replace(column, year=years[0])
    return column


def _columns_of(header: list[list[str]], context: TableContext) -> tuple[dict[int, Column] | None, int | None]:
    """The columns a block of header rows names, reading each column's words top to bottom."""
    width = max(len(h) for h in header)
    header = _spread_groups(header, context)
    joined = [" ".join(h[j] for h in header if j < len(h) and h[j]).strip() for j in range(width)]
    columns, corner = read_columns(joined, context)
    return (columns or None), corner


def _spread_groups(header: list[list[str]], context: TableContext) -> list[list[str]]:
    """A group word printed over the first of the columns it spans ("Utfall" over "2024  2025", left-aligned
    in a merged cell) also heads the blank upper cells right of it whose lowest cell is a bare year; an
    outcome or forecast group never reaches a plan year (a centred "Budget" may stand right of it)."""
    if len(header) < 2:
        return header
    last, out = header[-1], [list(row) for row in header]
    for row in out[:-1]:
        spread_centred(row, last, context)
        for j in range(2, min(len(row), len(last))):
            if may_head(row[j - 1], row[j], last[j], context):
                row[j] = row[j - 1]
    return out


_TITLE_LENGTH = 60  # characters: a cover title, not a sentence


def document_context(tables: list[dict], lines: list[dict]) -> TableContext:
    """Whether the document reports outcomes (its cover names an annual or interim report) and the
    latest year its table headers name: the year a header without one ("Belopp vid årets utgång") means."""
    first_page = min((x["page"] for x in lines if x.get("page")), default=None)
    cover = [x["text"] for x in lines if x.get("page") == first_page][:40] if first_page else \
        [x["text"] for x in lines[:40]]
    # a title names the report ("Årsredovisning 2021"); a table of contents or a sentence may only mention it
    titles = [t for t in cover if len(t) <= _TITLE_LENGTH and not t.rstrip().endswith((".", ":"))]
    outcome = any(word_pattern("column_kinds", "outcome_documents").search(t) for t in titles)
    years = [y for table in tables for row in table["rows"][:6]
             if _is_header_row([c["text"].strip() for c in row]) for c in row[1:] for y in find_years(c["text"])]
    if not years:  # the year the cover's title names ("Årsplan och budget 2026", "Årsredovisning 2021")
        years = [y for t in titles for y in find_years(t)]
    return TableContext(outcome=outcome, year=max(years) if years else None, plan_year=_plan_year(cover, lines))


_PLAN_TITLE = 90  # characters: "Verksamhetsplan och budget 2022 – Samordningsförbundet Finsam Göteborg"


def _plan_year(cover: list[str], lines: list[dict]) -> int | None:
    """The first year the cover's title names when it is a plan ("Budget 2024 med plan för 2025–2026"): the
    first plan-worded line among the cover's first lines outside tables (not a sentence, not a header)."""
    in_tables = {x["text"] for x in lines if x.get("table")}
    plain = [t for t in cover if t not in in_tables][:_COVER_TITLE_LINES]
    plan = word_pattern("column_kinds", "plan_documents")
    for text in plain:
        years = find_years(text)
        if years and len(text) <= _PLAN_TITLE and not text.rstrip().endswith((".", ":")) and plan.search(text):
            return min(years)
    return None


_COVER_TITLE_LINES = 6


def find_document_budget_lines(document: str, tables: list[dict], lines: list[dict]) -> list[dict]:
    """Budget lines of every table of one document, each read in the document's context; a table
    under a financial-statement heading ("Resultaträkning") reports outcomes whatever the cover says."""
    context = document_context(tables, lines)
    statement = word_pattern("column_kinds", "outcome_documents")
    out: list[dict] = []
    before = None
    stated: dict[int, bool] = {}  # per table: does a caption, note or header give its unit?
    for table in tables:
        heading = " ".join([table.get("title") or "", table["rows"][0][0]["text"] if table["rows"] else ""])
        own = replace(context, outcome=True) if statement.search(heading) else context
        notes = [n for n in scale_notes(table, lines) if n not in (table.get("notes") or [])]
        found, before = _read_table(document, dict(table, notes=[*(table.get("notes") or []), *notes]), own,
                                    before)
        stated[table["table"]] = before.factor is not None or any(
            line["unit"] or (line["unit_factor"] or 1) > 1 or unit_factor(line["column_header"] or "", kronor=True)
            for line in found)
        out += found
    return infer_units(out, stated)
