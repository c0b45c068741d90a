"""Lines just above a table: the header lines it is read with (and the section heading or wrapped
label between them and the rows), and the caption it is titled by."""

from __future__ import annotations

from ..settings import LayoutSettings
from .layout import is_year_cell, line_kind, split_cells, starts_lower

WRAPPED_LINES = 6  # short lines between two rows: a section heading and a label wrapped over lines


def header_lines_above(members: list[dict], free: list[dict], bounds: list[float],
                        settings: LayoutSettings) -> list[dict]:
    """Header lines just above a borderless table that name no year ("Parter  Bidrag i tkr"), with
    the short label-only lines between them and the rows (a section heading, the first lines of a
    label wrapped over several lines with its amounts on the last)."""
    above = _above(free, members)
    pulled: list[dict] = []
    top = members[0]["top"]
    # OCR boxes hug the ink ("år 2013" has no descender): measure gaps in the table's line height,
    # or in the white space between its rows where they stand far apart (a Word table's cell padding)
    row_height = sorted(m["bottom"] - m["top"] for m in members)[len(members) // 2]
    row_gap = _row_gap(members)
    labels_right = max((m["cells"][0]["x1"] for m in members if m.get("cells") and line_kind(m["cells"]) == "data"),
                       default=float("inf"))
    # a header wider than its one column may reach into the amounts from right of every label, or
    # from well right of where the labels start
    left = min(m["x0"] for m in members)
    labels_end = min(labels_right, left + settings.label_indent)
    section: list[dict] = []  # label-only lines between the header and the rows ("Bundet eget kapital")
    for line in reversed(above):
        height = max(line["bottom"] - line["top"], row_height, row_gap)
        cells = split_cells(line, [], settings)  # by white space alone: a heading is one cell
        in_columns = bool(bounds) and all(_over_columns(c, bounds, labels_end, left + settings.edge_tolerance)
                                          or _heads_lone_column(c, bounds, labels_right) for c in cells)
        # a line of years over the value columns is a header however much padding a Word cell gives it
        years_over_columns = in_columns and len(cells) >= 2 and line_kind(cells) == "header"
        reach = settings.year_header_pull_gap if years_over_columns else settings.header_pull_gap
        if top - line["bottom"] > reach * height:
            break
        if not (len(cells) >= 2 or (in_columns and len(line["text"]) <= settings.short_line)):
            if pulled or len(section) >= WRAPPED_LINES or len(cells) != 1 or in_columns or not is_short(line, settings):
                break
            section, top = [line, *section], line["top"]
            continue
        pulled.insert(0, line)
        top = line["top"]
    return sorted(pulled + section, key=lambda x: x["middle"]) if pulled else []


def is_short(line: dict, settings: LayoutSettings) -> bool:
    """A heading or a piece of a wrapped label, not a sentence of prose."""
    text = line["text"].rstrip()
    return len(text) <= settings.short_line and (not text.endswith(".") or starts_lower(text))


def _heads_lone_column(cell: dict, bounds: list[float], labels_right: float) -> bool:
    """A year header ("Utfall 2025") right of every label and left of the only amount column: the
    header left-aligned or centred in a cell much wider than its amounts (a Word table of two equal
    columns). One column has no other header it could be."""
    return len(bounds) == 1 and cell["x0"] > labels_right and cell["x1"] <= bounds[0] + 1 and \
        is_year_cell(cell["text"])


def _over_columns(cell: dict, bounds: list[float], labels_end: float, labels_start: float) -> bool:
    """A header cell over the value columns: centred right of the labels' edge, or (centred over a
    column wider than its amounts) reaching into them from right of every label. A line that starts
    where the labels start spans the table, as a caption does ("Tabell 1. Resultaträkning (tkr)")."""
    if cell["x0"] <= labels_start:
        return False
    return (cell["x0"] + cell["x1"]) / 2 > bounds[0] or (cell["x1"] > bounds[0] and cell["x0"] > labels_end)


def _row_gap(members: list[dict]) -> float:
    """The usual white space between two rows of a table: above each line of amounts where there are
    such, as the lines of a label wrapped in a narrow cell stand closer together than its rows do (Word's
    cell padding parts rows, not the lines of one cell); else between any two lines."""
    pairs = list(zip(members, members[1:], strict=False))
    rows = [(a, b) for a, b in pairs if _is_data(b)]
    gaps = sorted(b["top"] - a["bottom"] for a, b in (rows or pairs))
    return max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0


def _is_data(line: dict) -> bool:
    return bool(line.get("cells")) and line_kind(line["cells"]) == "data"


def _above(lines: list[dict], members: list[dict], left: float | None = None) -> list[dict]:
    """Free lines above a table that stand over it (on a page in two columns, in its column), top down;
    `left`, where the table's labels start when its members are a header over the value columns alone."""
    # a corner cell centred on a two-line header ("(tkr)" beside "Utfall" over "2025") reaches below the
    # top of the header's last line: what counts is that it stands higher
    top, x0, x1 = members[0]["top"], min(m["x0"] for m in members), max(m["x1"] for m in members)
    x0 = x0 if left is None else min(x0, left)
    return sorted((line for line in lines if (line["bottom"] <= top + 1 or line["middle"] < members[0]["middle"])
                   and "table" not in line and line["x0"] < x1 and line["x1"] > x0), key=lambda line: line["bottom"])


def title_above(lines: list[dict], members: list[dict], left: float | None = None) -> str | None:
    """The line just above a table, unless another table stands between (its caption is that table's);
    `left` as for _above."""
    x0, x1 = min(m["x0"] for m in members), max(m["x1"] for m in members)
    x0 = x0 if left is None else min(x0, left)
    floor = max((x["bottom"] for x in lines if "table" in x and x["bottom"] <= members[0]["top"] + 1
                 and x not in members and x["x0"] < x1 and x["x1"] > x0), default=float("-inf"))
    above = [x for x in _above(lines, members, left) if x["top"] >= floor]
    return above[-1]["text"] if above else None
