"""Budget tables → budget lines. Works on the shared table model (rows of cells), so text,
PDF and OCR tables are read by the same rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import Amount, find_years, parse_amount, unit_factor

_TOTAL = re.compile(
    r"^(summa\b|totalt?\b|total summa|totalsumma|årets resultat|resultat\b|budgeterat resultat|"
    r"beräknat resultat|över-?\s*/\s*underskott|över- och underskott|överskott\s*/\s*underskott|netto\b)",
    re.IGNORECASE,
)
_LEADING_BULLET = re.compile(r"^\s*(?:[-–—•·▪●○◦]|\d+\)\s)\s*")
_TRAILING_FOOTNOTE = re.compile(r"\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹]+)\s*$")
_PROGNOS = re.compile(r"prognos", re.IGNORECASE)
_UTFALL = re.compile(r"utfall|bokslut|bokfört|redovisat|årsredovisning", re.IGNORECASE)
_HEADER_FILLER = re.compile(r"\b(från|prognos|budget|utfall|bokslut|år|per|t\.?o\.?m\.?|tkr|kr|\(tkr\))\b",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    year: int
    kind: str          # budget / prognos / utfall
    header: str
    factor: int | None


def is_total_label(label: str) -> bool:
    return bool(_TOTAL.match(label.strip()))


def clean_label(text: str) -> tuple[str, str | None]:
    """Label without bullet and footnote marks; returns (label, footnote)."""
    label = _LEADING_BULLET.sub("", text or "").strip()
    footnote = None
    m = _TRAILING_FOOTNOTE.search(label)
    if m:
        footnote, label = m.group(1), label[: m.start()].rstrip()
    return re.sub(r"\s+", " ", label), footnote


def column_kind(header: str) -> str:
    if _PROGNOS.search(header):
        return "prognos"
    if _UTFALL.search(header):
        return "utfall"
    return "budget"


def _year_cell(text: str) -> int | None:
    years = find_years(text)
    if len(years) != 1 or len(text) > 60 or len(text.split()) > 7:
        return None
    return years[0]


def header_columns(texts: list[str]) -> dict[int, Column] | None:
    """A row whose value cells are (mostly) distinct years is a header; map cell index → column."""
    values = [(j, t) for j, t in enumerate(texts) if j > 0 and t]
    if not values:
        return None
    columns = {}
    for j, text in values:
        year = _year_cell(text)
        if year is not None:
            columns[j] = Column(year, column_kind(text), text, unit_factor(text))
    years = [c.year for c in columns.values()]
    if len(columns) * 2 < len(values) or len(set(years)) != len(years):
        return None
    return columns


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


_STATED_AMOUNT = re.compile(r"\d[\d \u00a0]*(?:,\d+)?\s*(?:tkr|mkr|mnkr|miljoner|miljon|tusen|kr)", re.I)


def _title_factor(table: dict) -> int | None:
    """A caption's scale ("Belopp i tkr", "(tkr)"); sentences and stated amounts ("100 tkr") are not scales."""
    title = (table.get("title") or "").strip()
    if len(title) > 90 or title.endswith((".", ":")):
        return None
    return unit_factor(_STATED_AMOUNT.sub("", title))


def _header_label(texts: list[str]) -> str:
    """004's equity row: "Eget kapital från 2022 | Prognos eget kapital 2023 | …" → "Eget kapital"."""
    first = re.sub(r"(?:19|20)\d\d", "", texts[0])
    return re.sub(r"\s+", " ", _HEADER_FILLER.sub("", first)).strip(" ,:-").capitalize() or texts[0]


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
        column = Column(year, column_kind(head["text"]), head["text"].strip(), unit_factor(head["text"]))
        out.append(_line(document, table, r + 1, j, head, value, label, None, column, amount,
                         column.factor or factor, None))
    return out


def _is_equity_header(texts: list[str], rows: list[list[dict]], r: int) -> bool:
    if r + 1 >= len(rows) or _year_cell(texts[0]) is None:
        return False
    years = [_year_cell(t) for t in texts if t]
    nxt = [c["text"].strip() for c in rows[r + 1]]
    return sum(y is not None for y in years) >= 2 and bool(nxt) and parse_amount(nxt[0]) is not None


def find_budget_lines(document: str, table: dict) -> list[dict]:
    """Budget lines of one table (empty when it is not a budget table)."""
    rows = table["rows"]
    columns: dict[int, Column] | None = None
    section: str | None = None
    out: list[dict] = []
    title_factor = _title_factor(table)
    skip = -1
    for r, row in enumerate(rows):
        if r <= skip:
            continue
        texts = [c["text"].strip() for c in row]
        if not any(texts):
            continue
        if _is_equity_header(texts, rows, r):
            out += _equity_style(document, table, r, rows, title_factor or 1)
            skip = r + 1
            continue
        header = header_columns(texts)
        if header:
            columns = header
            section = clean_label(texts[0])[0] or section
            continue
        if columns is None:
            continue
        label, footnote = clean_label(texts[0])
        amounts = _row_amounts(texts, columns)
        if not amounts:
            if label and not any(texts[1:]):
                section = label
            continue
        label = label or section or ""
        if not label:
            continue
        for j, amount in amounts.items():
            factor = columns[j].factor or title_factor or 1
            out.append(_line(document, table, r, j, row[0], row[j], label, section, columns[j], amount, factor,
                             footnote))
    return out
