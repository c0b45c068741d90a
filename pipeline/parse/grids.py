"""Where one table ends and the next begins, and which lines form a single row: rules that frame
another grid, a header that stands over other columns, a total between two rules.
"""

from __future__ import annotations

from ..numbers import find_years
from ..settings import LayoutSettings
from .layout import is_continuation, line_kind, split_cells, value_bands


def one_row(members: list[dict]) -> bool:
    """One line with amounts, the others its wrapped label ("Summa verksamhetens / kostnader"): a single
    row between two rules."""
    labels = [m["cells"][0]["text"] if m["cells"] else "" for m in members]
    return sum(m["has_values"] for m in members) == 1 and all(line_kind(m["cells"]) != "header" for m in members) \
        and all(is_continuation(a, b) for a, b in zip(labels, labels[1:], strict=False))


def next_grid(region: list[float], edge: dict, lines: list[dict], settings: LayoutSettings) -> bool:
    """Where a grid ends and the next table starts: at white space as tall as a row between two rules
    (every row of a grid holds text), or at a rule of another width further below the grid than any two
    of its rules stand apart (a caption between two ruled tables)."""
    step = edge["top"] - region[3]
    if region[5] <= 0:
        return False
    empty = not any(region[3] < x["middle"] < edge["top"] and x["x0"] < region[2] and x["x1"] > region[0]
                    for x in lines)
    if empty:
        return step > settings.grid_gap * region[5]
    # a cell's own border (a segment of a rule drawn cell by cell) is narrower than half the table
    full = edge["x1"] - edge["x0"] > (region[2] - region[0]) / 2
    other_width = abs(edge["x0"] - region[0]) > settings.edge_tolerance or \
        abs(edge["x1"] - region[2]) > settings.edge_tolerance
    return full and other_width and step > settings.grid_break * region[5]


def row_between(region: list[float], edge: dict, lines: list[dict], settings: LayoutSettings) -> bool:
    """Two rules further apart than rules usually stack, with one row of the grid between them: one line
    of amounts and its label wrapped over the other lines, set as close as wrapped text (a banded Word
    table draws rules only around its shaded rows, so an unshaded row whose label wraps in a narrow cell
    parts two of them by its whole height). The white space around the row's lines is no taller than a
    one-line row of the rules above leaves, so no caption or blank line stands there."""
    if region[5] <= 0:
        return False
    inside = sorted((x for x in lines if region[3] < x["middle"] < edge["top"]
                     and x["x0"] < region[2] and x["x1"] > region[0]), key=lambda x: x["top"])
    kinds = [line_kind(split_cells(x, [], settings)) for x in inside]
    if kinds.count("data") != 1 or any(k not in ("data", "text") for k in kinds):
        return False
    height = max(x["bottom"] - x["top"] for x in inside)
    # the white space a one-line row leaves in its cell, give or take half a line (a line's box may
    # stand a little above the shading's top)
    pad = region[5] - height / 2
    tight = all(b["top"] - a["bottom"] < height for a, b in zip(inside, inside[1:], strict=False))
    return tight and inside[0]["top"] - region[3] <= pad and edge["top"] - inside[-1]["bottom"] <= pad


def heads_same_columns(header: dict, lines: list[dict], settings: LayoutSettings) -> bool:
    """A header line under rows whose years stand one over each of their value columns: a section of the
    same table ("Kostnader  2024  2025" under the income rows), not the header of the next one."""
    bands = value_bands(lines, settings)
    years = [c for c in header["cells"] if find_years(c["text"])]
    hits = [[k for k, (x0, x1) in enumerate(bands) if c["x0"] < x1 and c["x1"] > x0] for c in years]
    one_each = all(len(find_years(c["text"])) == 1 for c in years)
    return one_each and len(years) == len(bands) and all(hit == [k] for k, hit in enumerate(hits))


def lone_column_header(line: dict, rows: list[dict], settings: LayoutSettings) -> bool:
    """A line of one cell naming one year ("Budget år 2024, tkr"), standing right of the rows' labels
    with no label of its own: the header of a value column, not a heading over the labels. Under rows
    of a wider table it opens the next table (a one-column table set right under it)."""
    cells = line["cells"]
    text = cells[0]["text"].rstrip() if len(cells) == 1 else ""
    # words name the column: a bare "2024" there may be an amount of a row whose label ran on above;
    # a sentence naming a year is prose
    if len(find_years(text)) != 1 or not any(ch.isalpha() for ch in text) or text.endswith("."):
        return False
    left = min((x["x0"] for x in rows), default=line["x0"])
    return cells[0]["x0"] - left > settings.label_indent


def _row_white(lines: list[dict]) -> float | None:
    """The usual white space between two consecutive lines of amounts (two rows), if the lines show any."""
    data = [x for x in lines if x.get("cells") and line_kind(x["cells"]) == "data"]
    gaps = sorted(b["top"] - a["bottom"] for a, b in zip(data, data[1:], strict=False)
                  if lines.index(b) == lines.index(a) + 1)
    return gaps[len(gaps) // 2] if gaps else None


def wraps_closely(above: dict, line: dict, lines: list[dict], settings: LayoutSettings) -> bool:
    """A line with no amounts right under `above`, from its left edge, set at under half the white space
    that parts the table's rows (`lines`): the next line of the same cell, a label wrapped in a narrow
    column, whether it goes on in lower case or not ("Medlemsavgift" over "Försäkringskassan"). A row
    of its own (a section heading) stands a row's white space below."""
    white = _row_white(lines)
    height = above["bottom"] - above["top"]
    return white is not None and abs(line["x0"] - above["x0"]) <= 1 and \
        line["top"] - above["bottom"] < min(white / 2, height) and \
        line_kind(split_cells(line, [], settings)) == "text"


def shaded_label_edge(members: list[dict], horizontal: list[dict], bounds: list[float]) -> float | None:
    """Where the labels' text must stop in a borderless table whose rows are shaded cell by cell (Word
    draws each cell's shading as a rectangle of its own): the edge of a shading that starts left of the
    labels and stops before the first value column is the label cell's, and the cell keeps its text as
    far from its right edge as from its left (the padding is the same on both sides)."""
    if not bounds or not members:
        return None
    left, top, bottom = min(m["x0"] for m in members), members[0]["top"], members[-1]["bottom"]
    cells = [e for e in horizontal if e["x0"] < left < e["x1"] < bounds[0] and top - 1 <= e["top"] <= bottom + 1]
    if not cells:
        return None
    widest = max(cells, key=lambda e: e["x1"] - e["x0"])
    return widest["x1"] - (left - widest["x0"])
