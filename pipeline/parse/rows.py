"""Table rows from text lines, and each row's cells by column: a wrapped label joins its row (by the
rules where they part every row, else by spacing and wording); header words go to the column they
stand over (a two-level header's upper word over every column it spans).
"""

from __future__ import annotations

from ..numbers import find_years
from ..settings import LayoutSettings
from .broken import amounts_wrapped
from .grids import wraps_closely
from .layout import (
    assign_columns,
    is_continuation,
    is_dash,
    is_value_cell,
    line_kind,
    make_cell,
    split_cells,
    starts_lower,
)
from .wordbreak import join_broken_labels


def _values_after_label(cells: list[dict], bounds: list[float]) -> bool:
    first = bounds[0] if bounds else None
    rest = [c for c in cells if first is None or (c["x0"] + c["x1"]) / 2 > first] if bounds else cells[1:]
    return any(is_value_cell(c["text"]) for c in rest)


def _amounts_after_label(cells: list[dict], bounds: list[float]) -> bool:
    """An amount (no year, no lone dash) right of the label column."""
    return any(is_value_cell(c["text"]) and not find_years(c["text"]) and not is_dash(c["text"])
               for c in cells if not bounds or (c["x0"] + c["x1"]) / 2 > bounds[0])


def _label_text(line: dict, bounds: list[float]) -> str:
    return " ".join(c["text"] for c in line["cells"] if not bounds or (c["x0"] + c["x1"]) / 2 < bounds[0])


def _row_pitch(lines: list[dict]) -> float:
    """The usual distance between two data rows; a wrapped label line sits closer than that."""
    steps = sorted(b["top"] - a["top"] for a, b in zip(lines, lines[1:], strict=False)
                   if a["has_values"] and b["has_values"])
    return steps[len(steps) // 2] if steps else 0.0


def _joins_unruled(line: dict, rows: list[list[dict]], bounds: list[float], pitch: float) -> bool:
    prev_row = rows[-1]
    prev = prev_row[-1]
    row_has_values = any(x["has_values"] for x in prev_row)
    height = line["bottom"] - line["top"]
    tight = pitch > 1.5 * height and line["top"] - prev["top"] < 0.75 * pitch
    if line["has_values"] and row_has_values:
        return amounts_wrapped(prev, line, _label_text(prev, bounds), _label_text(line, bounds))
    text, prev_label = _label_text(line, bounds), _label_text(prev, bounds)
    if _centred_beside(line, prev, bounds) or _centred_beside(prev, line, bounds):
        return True
    in_header = not any(x["has_values"] for r in rows for x in r)
    if in_header and not line["has_values"] and _has_column_text(line, bounds) and _has_column_text(prev, bounds):
        return True
    if not line["has_values"]:
        # a label wrapped over lines with its amounts on the last one (a cell aligned to the bottom)
        # goes on as closely set as any wrapped text; a label wrapped over several lines above its
        # amounts goes on from the label-only line just above
        single = len(line["cells"]) == len(prev["cells"]) == 1 and bool(text) and bool(prev_label)
        wraps = single and line["top"] - prev["bottom"] <= height and is_continuation(prev_label, text)
        return (tight or is_continuation(prev_label, text)) if row_has_values else (tight or wraps)
    if len(rows) == 1 and _tail_before(prev_row, text):
        return False
    return tight or (bool(text) and text[0].islower())


def _tail_before(row: list[dict], text: str) -> bool:
    """A table's first row of label lines that starts in lower case goes on from a row above it (the
    end of a label cut by the page break, however many lines it wraps over): a row of amounts under it
    whose label starts anew is a row of its own."""
    first = row[0]["text"]
    return not any(x["has_values"] for x in row) and starts_lower(first) and bool(text) and text[0].isupper()


def _centred_beside(amounts: dict, label: dict, bounds: list[float]) -> bool:
    """Amounts with no label of their own that overlap a label-only line: the amounts are centred on
    a label wrapped over two lines (a web or Word cell aligned to the middle), and go with both."""
    return amounts["has_values"] and not label["has_values"] and not _label_text(amounts, bounds) and \
        bool(_label_text(label, bounds)) and amounts["top"] < label["bottom"] and label["top"] < amounts["bottom"]


def _ruled_apart(upper: dict, lower: dict, horizontal: list[dict]) -> bool:
    """A rule runs between two lines, starting at or left of the lower line's text."""
    return any(upper["middle"] < e["top"] < lower["middle"] and e["x0"] <= lower["x0"] + 2 for e in horizontal)


def _rules_part_rows(lines: list[dict], horizontal: list[dict]) -> bool:
    """Whether the rules separate every row (a Word grid), not just frame the table or box the amounts:
    then two lines with no rule between them are one row."""
    data = [x for x in lines if x["has_values"]]
    pairs = list(zip(data, data[1:], strict=False))
    return bool(pairs) and sum(_ruled_apart(a, b, horizontal) for a, b in pairs) >= 0.8 * len(pairs)


def is_header_row(row: list[dict]) -> bool:
    return all(line_kind(x["cells"]) == "header" or not x["has_values"] for x in row) and any(
        line_kind(x["cells"]) == "header" for x in row)


def group_rows(lines: list[dict], bounds: list[float], horizontal: list[dict] | None) -> list[list[dict]]:
    """Text lines → table rows: a wrapped label joins its row (by the rules where they part every row,
    else by spacing and wording, and never across a rule)."""
    rows: list[list[dict]] = []
    pitch = _row_pitch(lines)
    row_ruled = bool(horizontal) and _rules_part_rows(lines, horizontal)
    for line in lines:
        if rows:
            prev = rows[-1][-1]
            apart = bool(horizontal) and _ruled_apart(prev, line, horizontal)
            if row_ruled:
                both_values = line["has_values"] and any(x["has_values"] for x in rows[-1])
                joins = not apart and (not both_values or amounts_wrapped(
                    prev, line, _label_text(prev, bounds), _label_text(line, bounds)))
            else:
                joins = not apart and _joins_unruled(line, rows, bounds, pitch)
            if joins and line["has_values"] and is_header_row(rows[-1]):
                joins = False  # amounts start under their header; they never join it
            if joins:
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


def _has_column_text(line: dict, bounds: list[float]) -> bool:
    return bool(bounds) and any((c["x0"] + c["x1"]) / 2 > bounds[0] for c in line["cells"])


def grid(rows: list[list[dict]], bounds: list[float], bands: list[list[float]], page_no: int,
          settings: LayoutSettings, label_edge: float | None = None) -> list[list[dict]]:
    """The table's cells row by row; `label_edge`, where a ruled label column's text must stop."""
    out: list[list[dict] | None] = []
    body: list[list[list[dict]]] = []
    labels_end = label_right(rows, bounds)
    seen_values = False
    for row in rows:
        has_values = any(x["has_values"] for x in row)
        # before the first amounts, a row whose only numbers are years heads the columns, though no line
        # of it alone reads as a header ("Plan 2024 | Helårsprognos" over "2024"): the years of a
        # header wrapped in its cells fall on different lines
        heads = not seen_values and not any(_amounts_after_label(x["cells"], bounds) for x in row)
        if heads or is_header_row(row):
            out.append(header_cells(row, bounds, bands, labels_end, page_no, settings))
        else:
            cells = [c for line in row for c in line["cells"]]
            columns = assign_columns(cells, bounds)
            # a long label that starts among the labels is a label, however far right it runs
            moved = [c for column in columns[1:] for c in column if _starts_as_label(c, bounds)]
            columns = [columns[0] + moved] + [[c for c in column if c not in moved] for column in columns[1:]]
            body.append(columns)
            out.append(None)
        seen_values = seen_values or has_values
    labels = join_broken_labels([sorted(c[0], key=lambda p: (round(p["top"]), p["x0"])) for c in body], settings,
                                label_edge)
    made = iter([make_cell(label, page_no)] + [make_cell(parts, page_no) for parts in columns[1:]]
                for label, columns in zip(labels, body, strict=True))
    return [row if row is not None else next(made) for row in out]


def _starts_as_label(cell: dict, bounds: list[float]) -> bool:
    return bool(bounds) and cell["x0"] < bounds[0] and not is_value_cell(cell["text"])


def label_text_edge(members: list[dict], left: float, bounds: list[float]) -> float | None:
    """Where the labels' text must stop in a ruled table whose rules stand at `left` and bounds[0]: a
    cell keeps its text as far from its right rule as from its left (Word's, LibreOffice's and
    reportlab's cell padding is the same on both sides), and the labels start that far from the left."""
    if not bounds or not members:
        return None
    return bounds[0] - max(0.0, min(line["x0"] for line in members) - left)


def label_right(rows: list[list[dict]], bounds: list[float]) -> float:
    """Where the data rows' labels end: header text right of it belongs to a value column."""
    edges = [line["cells"][0]["x1"] for row in rows for line in row
             if line["has_values"] and line["cells"] and (not bounds or line["cells"][0]["x1"] <= bounds[0] + 1)
             and line_kind(line["cells"]) != "header"]
    return max(edges) if edges else (bounds[0] if bounds else 0.0)


def header_cells(row: list[dict], bounds: list[float], bands: list[list[float]], labels_end: float,
                  page_no: int, settings: LayoutSettings) -> list[dict]:
    """Header text → columns by where it stands over the amounts, whatever its alignment: a cell over
    a value band heads that column; over two bands ("Budget" centred over "2025 2026") it heads both;
    over none, the nearest column right of the labels; left of them, the label column."""
    columns: list[list[dict]] = [[] for _ in range(len(bounds) + 1)]
    band_columns = [sum((b[0] + b[1]) / 2 > x for x in bounds) for b in bands]
    for line in row:
        for segment in split_cells(line, [], settings, split_tails=False):
            hits = _overlapping(segment, bands)
            pieces = [segment] if len(hits) <= 1 else [make_word(w) for w in _segment_words(line, segment)]
            for piece in pieces:
                for k in _header_targets(piece, bands, band_columns, bounds, labels_end):
                    columns[k].append(piece)
    return [make_cell(parts, page_no) for parts in columns]


def _segment_words(line: dict, segment: dict) -> list[dict]:
    return [w for w in line["words"] if w["x0"] >= segment["x0"] - 0.5 and w["x1"] <= segment["x1"] + 0.5]


def make_word(word: dict) -> dict:
    return {k: word[k] for k in ("text", "x0", "x1", "top", "bottom")}


def _overlapping(piece: dict, bands: list[list[float]]) -> list[int]:
    return [i for i, (x0, x1) in enumerate(bands) if piece["x0"] < x1 and piece["x1"] > x0]


def _header_targets(piece: dict, bands: list[list[float]], band_columns: list[int], bounds: list[float],
                    labels_end: float) -> list[int]:
    hits = _overlapping(piece, bands)
    if hits:
        return sorted({band_columns[i] for i in hits})
    # a header right of every label but left of the first amounts heads them (a header left-aligned
    # in its cell); one that starts among the labels heads the labels ("Belopp i tkr")
    before_amounts = bool(bounds and bands) and (piece["x0"] + piece["x1"]) / 2 < bounds[0] and \
        piece["x1"] <= bands[0][0] and piece["x0"] <= labels_end
    if not bands or piece["x1"] <= labels_end + 1 or before_amounts:
        return [0] if piece["x0"] < (bounds[0] if bounds else float("inf")) else assign_index(piece, bounds)
    return [band_columns[_band_beside(piece, bands)]]


def _band_beside(piece: dict, bands: list[list[float]]) -> int:
    """The column a header touching no amounts heads: one standing in the gap before a band is that
    band's (a header left-aligned in its cell over right-aligned amounts), else the nearest band."""
    for i, (x0, _) in enumerate(bands):
        if piece["x1"] <= x0 and (i == 0 or piece["x0"] >= bands[i - 1][1]):
            return i
    centre = (piece["x0"] + piece["x1"]) / 2
    return min(range(len(bands)), key=lambda i: abs((bands[i][0] + bands[i][1]) / 2 - centre))


def assign_index(piece: dict, bounds: list[float]) -> list[int]:
    return [sum((piece["x0"] + piece["x1"]) / 2 > b for b in bounds)]


def prepare(lines: list[dict], bounds: list[float], settings: LayoutSettings) -> None:
    for line in lines:
        cells = split_cells(line, bounds, settings)
        whole = split_cells(line, [], settings, split_tails=False)
        if line_kind(whole) == "header" and line_kind(cells) != "header":
            cells = whole  # a header left-aligned in its cell ("Bokslut 2026") may straddle a column bound
        line["cells"] = cells
        line["has_values"] = _values_after_label(cells, bounds)


def header_band(members: list[dict], lines: list[dict], settings: LayoutSettings) -> bool:
    """Rules around header lines only, with amounts on the very next line under them: the rules
    mark the header, and the table is its rows with the header lines above them."""
    if any(_has_amounts(m) for m in members):
        return False
    bottom, x0, x1 = members[-1]["bottom"], min(m["x0"] for m in members), max(m["x1"] for m in members)
    below = sorted((x for x in lines if x["top"] >= bottom - 1 and "table" not in x
                    and x["x0"] < x1 and x["x1"] > x0), key=lambda x: x["top"])
    if not below or below[0]["top"] - bottom > 2 * (members[-1]["bottom"] - members[-1]["top"]):
        return False
    return line_kind(split_cells(below[0], [], settings)) == "data"


def _has_amounts(line: dict) -> bool:
    """An amount after the label that is no year and no lone dash ("Förslag budget 2024 - 2026")."""
    return any(is_value_cell(c["text"]) and not find_years(c["text"]) and c["text"].strip() not in "-\u2013"
               for c in line["cells"][1:])


def extend_by_pitch(members: list[dict], free: list[dict], bounds: list[float],
                     settings: LayoutSettings) -> list[dict]:
    """Lines just above or below a ruled area, one row pitch away, whose amounts stand in the
    table's own value columns, are rows of it."""
    data = [m for m in members if m["has_values"]]
    steps = sorted(b["middle"] - a["middle"] for a, b in zip(data, data[1:], strict=False))
    if not steps or not bounds:
        return members
    pitch = steps[len(steps) // 2]
    used = {i for m in data for i, column in enumerate(assign_columns(_values(m, bounds, settings), bounds))
            if column}
    out = list(members)
    for side in (1, -1):
        ordered = sorted(free, key=lambda x: side * x["middle"])
        for line in ordered:
            edge = out[-1] if side == 1 else out[0]
            if side * (line["middle"] - edge["middle"]) <= 0:
                continue
            if side * (line["middle"] - edge["middle"]) > settings.row_pitch_slack * pitch:
                break
            columns = assign_columns(_values(line, bounds, settings), bounds)
            filled = {i for i, column in enumerate(columns) if column}
            crowded = any(len(column) > 1 for column in columns)  # two amounts in one column: not these columns
            if not filled and side == 1 and (_wraps_below(edge, line) or wraps_closely(edge, line, out, settings)):
                out = [*out, line]  # the wrapped label of the row just taken in ("Summa / verksamhetens")
                continue
            if not filled or 0 in filled or crowded or not filled <= used:
                break
            out = [*out, line] if side == 1 else [line, *out]
    return out


def rows_above(members: list[dict], free: list[dict], bounds: list[float], settings: LayoutSettings) -> bool:
    """A row of amounts in the ruled lines' own value columns stands right above them: the rules run
    over totals inside a longer table ("Summa kostnader", "Årets resultat"); they frame no table,
    whose first ruled line would stand under its header or caption."""
    first = min(members, key=lambda m: m["top"])
    x0, x1 = min(m["x0"] for m in members), max(m["x1"] for m in members)
    above = [x for x in free if x["bottom"] <= first["top"] + 1 and x["x0"] < x1 and x["x1"] > x0]
    if not bounds or not above:
        return False
    line = max(above, key=lambda x: x["bottom"])
    if first["top"] - line["bottom"] > settings.header_pull_gap * (first["bottom"] - first["top"]) or \
            line_kind(split_cells(line, [], settings)) != "data":
        return False
    used = {i for m in members if m["has_values"]
            for i, column in enumerate(assign_columns(_values(m, bounds, settings), bounds)) if column}
    filled = {i for i, column in enumerate(assign_columns(_values(line, bounds, settings), bounds)) if column}
    return bool(filled) and 0 not in filled and filled <= used


def rows_below(members: list[dict], extended: list[dict], free: list[dict], settings: LayoutSettings) -> bool:
    """A row of amounts goes on one row pitch under the ruled lines, from the labels' edge, though its
    amounts do not stand in the ruled rows' columns (a note reference in a column they leave empty): the
    rules only underline the header or stand over a total of a longer borderless table. Section
    headings ("Kostnader") may stand between: label-only lines at the labels' edge, each a row pitch
    under the line before, lead on to the next row of amounts."""
    data = [m for m in members if m["has_values"]]
    steps = sorted(b["middle"] - a["middle"] for a, b in zip(data, data[1:], strict=False))
    last = max(extended, key=lambda x: x["middle"])
    below = sorted((x for x in free if x["middle"] > last["middle"] and x not in extended), key=lambda x: x["middle"])
    if not steps:
        return False
    reach = settings.row_pitch_slack * steps[len(steps) // 2]
    left = min(m["x0"] for m in data)
    for line in below:
        if line["middle"] - last["middle"] > reach or abs(line["x0"] - left) > settings.edge_tolerance:
            return False
        kind = line_kind(split_cells(line, [], settings))
        if kind == "data":
            return True
        if kind != "text" or len(line["text"]) > settings.short_line:
            return False
        last = line
    return False


def _values(line: dict, bounds: list[float], settings: LayoutSettings) -> list[dict]:
    """The amounts of a line, cut by white space alone: a total wider than the amounts above it
    ("1 069 707" under "96 633") reaches past the column edge they set, and is still one amount."""
    return [c for c in split_cells(line, [], settings) if is_value_cell(c["text"])]


def _wraps_below(above: dict, line: dict) -> bool:
    """A label-only line right under a line, at its left edge, that goes on from it in lower case."""
    return line["top"] - above["bottom"] <= above["bottom"] - above["top"] and abs(line["x0"] - above["x0"]) <= 1 \
        and starts_lower(line["text"])


def label_lines_above(members: list[dict], free: list[dict], settings: LayoutSettings) -> list[dict]:
    """A label wrapped over more lines than the rules leave room for starts above the ruled area: while the
    table's first line goes on from the line just above it (it starts in lower case: "tensutveck" over
    "ling  743"), that line, a line's height above at the labels' edge and with no amounts, is the
    label's beginning."""
    out = list(members)
    above = sorted((x for x in free if x["bottom"] <= out[0]["top"] + 1), key=lambda x: -x["bottom"])
    for line in above:
        first = out[0]
        apart = first["top"] - line["bottom"] > first["bottom"] - first["top"] or abs(line["x0"] - first["x0"]) > 1
        if apart or not starts_lower(first["words"][0]["text"]) or line_kind(split_cells(line, [], settings)) != "text":
            break
        out.insert(0, line)
    return out
