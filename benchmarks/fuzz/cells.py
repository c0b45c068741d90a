"""A TableSpec as printed text: header rows with spans, body rows of cell strings, column alignment.

Every renderer draws the same :class:`Grid`, so a document differs between families only in layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from .spec import TableSpec

SIGN = {"hyphen": "-{}", "hyphen-space": "- {}", "minus": "\u2212{}", "parens": "({})", "en-dash": "\u2013{}"}


@dataclass(frozen=True)
class Grid:
    header: list[list[tuple[str, int]]]  # rows of (text, column span)
    body: list[tuple[str, list[str]]]    # (role, cells): role is section | item | total | result
    numeric: list[bool]                  # right-aligned columns
    amount_cols: list[int]               # grid column of each TableSpec column

    @property
    def width(self) -> int:
        return len(self.numeric)


def format_amount(value: int | None, decimals: int, sign_style: str, thousands: str = " ") -> str:
    """Printed cell text of a value kept in units × 10**decimals ("1 633,7", "(6 279)", "−120 000")."""
    if value is None:
        return "" if sign_style == "en-dash" else "\u2013"
    whole, tenths = divmod(abs(value), 10 ** decimals)
    text = f"{whole:,}".replace(",", thousands)
    if decimals:
        text += f",{tenths:0{decimals}d}"
    return SIGN[sign_style].format(text) if value < 0 else text


def _layout(table: TableSpec) -> tuple[list[str], list[str], list[int]]:
    """Column order (label, Not, amounts, other extras): front and back extras, amount grid columns."""
    front = [h for h in table.extras if h == "Not"]
    back = [h for h in table.extras if h != "Not"]
    first = 1 + len(front)
    return front, back, list(range(first, first + len(table.columns)))


def _header(table: TableSpec, front: list[str], back: list[str]) -> list[list[tuple[str, int]]]:
    bottom = [(c.header, 1) for c in table.columns]
    if not table.two_level:
        return [[(table.corner, 1), *[(h, 1) for h in front], *bottom, *[(h, 1) for h in back]]]
    top: list[tuple[str, int]] = [(table.corner, 1), *[("", 1) for _ in front]]
    for c in table.columns:
        if c.group and top[-1][0] == c.group and len(top) > 1 + len(front):
            top[-1] = (c.group, top[-1][1] + 1)
        else:
            top.append((c.group, 1))
    top += [("", 1) for _ in back]
    return [top, [("", 1), *[(h, 1) for h in front], *bottom, *[(h, 1) for h in back]]]


def build_grid(table: TableSpec) -> Grid:
    front, back, amount_cols = _layout(table)
    body = []
    for row in table.rows:
        if row.role == "section":
            body.append((row.role, [row.label] + [""] * (len(front) + len(table.columns) + len(back))))
            continue
        amounts = [format_amount(v, table.decimals, table.sign_style, table.thousands) for v in row.values]
        extras = list(row.extras) or [""] * len(table.extras)
        body.append((row.role, [row.label, *extras[:len(front)], *amounts, *extras[len(front):]]))
    numeric = [False] + [True] * (len(front) + len(table.columns) + len(back))
    return Grid(_header(table, front, back), body, numeric, amount_cols)


def unit_note(table: TableSpec) -> str:
    return table.note if table.unit_place == "note" else ""
