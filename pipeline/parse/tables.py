"""Page lines → tables: ruled regions by their rules, borderless ones by their value columns.

Rows come from text lines, with wrapped labels joined (by the horizontal rules where present,
else by line spacing and wording); a table that runs over a page break is stitched back together.
"""

from __future__ import annotations

from ..numbers import find_years
from ..settings import LayoutSettings
from .broken import join_broken_amounts, join_broken_numbers
from .grids import heads_same_columns, lone_column_header, next_grid, one_row, row_between, shaded_label_edge
from .gutters import split_columns
from .headers import WRAPPED_LINES, header_lines_above, is_short, title_above
from .layout import (
    assign_columns,
    is_value_cell,
    line_kind,
    split_cells,
    starts_lower,
    value_bands,
    value_columns,
)
from .rows import (
    extend_by_pitch,
    grid,
    group_rows,
    header_band,
    label_lines_above,
    label_right,
    label_text_edge,
    prepare,
    rows_above,
    rows_below,
)
from .stacked import caption_before_header, captioned, header_between
from .stitch import (
    carry_caption,
    carry_header,
    has_header,
    header_only,
    is_first_content,
    is_last_content,
    orphan_header,
    reads_on,
    release,
    stitch,
)


def _ruled_regions(page: dict, settings: LayoutSettings) -> list[tuple[float, float, float, float]]:
    """Stacks of horizontal rules no more than ~3 text lines apart, or further apart with a column rule
    running from one to the next (a tall row of a grid: a label wrapped over many lines), are one ruled
    table, unless a caption stands between two of them (see captioned) or the grid ends there (see next_grid)."""
    regions: list[list[float]] = []
    for edge in sorted(page["horizontal"], key=lambda e: e["top"]):
        r = regions[-1] if regions else None
        near = r is not None and (edge["top"] - r[3] < settings.rule_stack_gap or _column_rule(page, r, edge)
                                  or row_between(r, edge, page["lines"], settings))
        if r and near and edge["x0"] < r[2] and edge["x1"] > r[0] \
                and not captioned(page, r, edge["top"], settings) and not next_grid(r, edge, page["lines"], settings) \
                and not header_between(page, r, edge["top"], settings):
            step = edge["top"] - r[3]
            r[0], r[2], r[3] = min(r[0], edge["x0"]), max(r[2], edge["x1"]), max(r[3], edge["top"])
            r[4] += 1
            r[5] = max(r[5], step)
        else:
            regions.append([edge["x0"], edge["top"], edge["x1"], edge["top"], 1, 0.0])
    return [tuple(r[:4]) for r in regions if r[4] >= 2 and r[3] - r[1] > settings.ruled_min_height]


def _column_rule(page: dict, region: list[float], edge: dict) -> bool:
    """A vertical rule inside the region's width runs down from its last rule to this one."""
    return any(e["top"] <= region[3] + RULE_SLACK and e["bottom"] >= edge["top"] - RULE_SLACK
               and region[0] - RULE_SLACK <= e["x0"] <= region[2] + RULE_SLACK for e in page["vertical"])


RULE_SLACK = 2.0  # points: rules drawn cell by cell meet within this


def _in_region(line: dict, region: tuple) -> bool:
    x0, top, x1, bottom = region
    return top - 2 <= line["middle"] <= bottom + 2 and line["x0"] >= x0 - 3 and line["x1"] <= x1 + 3


def _vertical_bounds(vertical: list[dict], region: tuple, members: list[dict]) -> list[float]:
    """Column edges drawn as vertical rules: collinear segments that together run down most of the
    table and cut through no word (cell shading and boxed fields draw short verticals that are not)."""
    x0, top, x1, bottom = region
    height = max(bottom - top, 1.0)
    spans: dict[float, list[tuple[float, float]]] = {}
    for e in sorted(vertical, key=lambda e: e["x0"]):
        if e["top"] < bottom and e["bottom"] > top and x0 + 5 < e["x0"] < x1 - 5:
            key = next((k for k in spans if abs(k - e["x0"]) <= 2), e["x0"])
            spans.setdefault(key, []).append((max(e["top"], top), min(e["bottom"], bottom)))
    words = [w for line in members for w in line["words"]]
    out = []
    for x, parts in sorted(spans.items()):
        covered = _covered_length(parts)
        cuts = any(w["x0"] + 1 < x < w["x1"] - 1 for w in words)
        if covered >= 0.5 * height and not cuts:
            out.append(x)
    return out


def _drop_empty_columns(members: list[dict], bounds: list[float]) -> list[float]:
    """Rules that frame an indented block or a margin bound columns nothing stands in: drop them."""
    if not any(line["has_values"] for line in members):
        return bounds  # a header alone at a page foot: its rules are all there is to go by
    cells = [c for line in members for c in line["cells"]]
    kept = list(bounds)
    while kept:
        filled = {sum((c["x0"] + c["x1"]) / 2 > b for b in kept) for c in cells}
        empty = next((k for k in range(len(kept) + 1) if k not in filled), None)
        if empty is None:
            break
        kept.pop(min(empty, len(kept) - 1))
    return kept


def _crowded(members: list[dict], bounds: list[float]) -> bool:
    """Two amounts of one line between the same two rules: the rules are not every column edge
    (a Word grid drawn only around some cells), so the amounts' alignment must say."""
    for line in members:
        columns = assign_columns([c for c in line["cells"] if is_value_cell(c["text"])], bounds)
        # the label column too: two amounts (not years) beside a label are columns no rule parts
        # (the edge of a shaded band, or of a sheet's page, is no column edge)
        labels = [c for c in columns[0] if not find_years(c["text"])]
        if any(len(column) > 1 for column in columns[1:]) or len(labels) > 1:
            return True
    return False


def _covered_length(parts: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(parts):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def _borderless_regions(lines: list[dict], settings: LayoutSettings, first: dict | None = None) -> list[list[dict]]:
    """Runs of header/data lines (with short section or wrapped-label lines between them).

    A number run into prose ("… ÄR 6 440 tkr") is not a column: only values that stand apart
    from the words before them make a line tabular here.
    """
    for line in lines:
        line["cells"] = split_cells(line, [], settings, split_tails=False)
    kinds = [line_kind(line["cells"]) for line in lines]
    regions: list[list[dict]] = []
    current: list[dict] = []
    for i, line in enumerate(lines):
        tabular = kinds[i] in ("header", "data")
        text = line["text"].rstrip()
        short = is_short(line, settings)
        ahead = any(k in ("header", "data") for k in kinds[i + 1:i + 4]) or \
            _label_lines_ahead(lines, kinds, i, settings)
        # a header at the foot of a page with only short lines under it: its rows follow overleaf
        ahead = ahead or (_column_header(current) and len(lines) - i <= 3
                          and all(len(x["text"]) <= settings.short_line for x in lines[i:]))
        if current and caption_before_header(line, kinds[i], _kinds_ahead(lines, kinds, i, current, settings),
                                             current):
            if _is_table(current) or _overleaf_row(current, first):  # the next table's caption follows
                regions.append(current)
            current = []
            continue
        data = [k for k, x in enumerate(current) if line_kind(x["cells"]) == "data"]
        lone = bool(data) and lone_column_header(line, current, settings)  # over one column, under rows
        tabular = tabular or lone
        if (kinds[i] == "header" or lone) and data and not heads_same_columns(line, current[:data[-1] + 1], settings):
            # a header line under rows that does not stand over their columns opens the next table; the
            # lines between the rows and this header are the next table's caption
            if _is_table(current[:data[-1] + 1]) or _overleaf_row(current[:data[-1] + 1], first):
                regions.append(current[:data[-1] + 1])
            current = []
        # the end of a label cut by the page break ("kostnader" of "Summa verksamhetens" overleaf) opens
        # the page's rows: it goes with them, so that the row stitches back whole onto the page before
        resumes = line is first and short and starts_lower(text) and (
            _label_of_next_row(lines, kinds, i, settings) or _label_lines_ahead(lines, kinds, i, settings))
        if tabular or resumes or (current and short and (ahead or starts_lower(text))):
            current.append(line)
            continue
        if _is_table(current) or _overleaf_row(current, first):
            regions.append(current)
        current = []
    if _is_table(current) or _overleaf_row(current, first):
        regions.append(current)
    return regions


def _label_of_next_row(lines: list[dict], kinds: list[str], i: int, settings: LayoutSettings) -> bool:
    """The next line is a row of amounts whose label starts where this line starts."""
    return i + 1 < len(lines) and kinds[i + 1] == "data" and \
        abs(lines[i + 1]["x0"] - lines[i]["x0"]) <= settings.edge_tolerance


def _kinds_ahead(lines: list[dict], kinds: list[str], i: int, current: list[dict],
                 settings: LayoutSettings) -> list[str]:
    """The kinds of the next few lines, a lone column header ("Prognos 2022" right of the labels, over
    a one-column table) counted as the header it is."""
    return [("header" if k == "text" and lone_column_header(x, current, settings) else k)
            for x, k in zip(lines[i + 1:i + 4], kinds[i + 1:i + 4], strict=True)]


def _label_lines_ahead(lines: list[dict], kinds: list[str], i: int, settings: LayoutSettings) -> bool:
    """Short text lines running down to a row of amounts: a section heading and a label wrapped over
    several lines, its amounts on the last one (a cell aligned to the bottom). A header line ends
    the walk: a new header starts a new table."""
    j = i
    while j < len(lines) and j - i < WRAPPED_LINES and kinds[j] == "text" and \
            len(lines[j]["text"]) <= settings.short_line and (j == i or lines[j]["top"] > lines[j - 1]["top"]):
        j += 1
    return j < len(lines) and kinds[j] == "data" and lines[j]["top"] > lines[j - 1]["top"]


def _column_header(lines: list[dict]) -> bool:
    """Header lines naming two years or more over no amounts yet."""
    kinds = [line_kind(x["cells"]) for x in lines]
    dated = [sum(bool(find_years(c["text"])) for c in x["cells"]) for x in lines]
    return "data" not in kinds and any(k == "header" and n >= 2 for k, n in zip(kinds, dated, strict=True))


def _overleaf_row(region: list[dict], first: dict | None) -> bool:
    """One row of amounts opening the page (its label may wrap): the last row of a table from the page
    before, cut off by the page break. Kept only if it stitches onto that table."""
    kinds = [line_kind(x["cells"]) for x in region]
    return bool(region) and region[0] is first and kinds.count("data") == 1 and "header" not in kinds


def _is_table(lines: list[dict]) -> bool:
    """Two data rows, or a header with data; a lone header is kept too (its rows may be on the next page)."""
    kinds = [line_kind(x["cells"]) for x in lines]
    return kinds.count("data") >= 2 or "header" in kinds


def _page_tables(page: dict, settings: LayoutSettings) -> list[dict]:
    """The tables of a page; a page in two columns is read column by column (its lines' parts)."""
    lines = split_columns(page["lines"], settings)
    page["reading"] = lines  # prose too is read column by column; a caption looked for later is one column's line
    tables = _tables_of(dict(page, lines=lines), settings)
    for line in lines:
        if "table" in line and "source" in line:
            for source in line["source"]:
                source["table"] = True
    return tables


def _tables_of(page: dict, settings: LayoutSettings) -> list[dict]:
    lines, horizontal, vertical = page["lines"], page["horizontal"], page["vertical"]
    tables = []
    margin = min((line["x0"] for line in lines), default=0.0)
    regions = _ruled_regions(page, settings)
    for region in regions:
        members = [line for line in lines if _in_region(line, region) and "table" not in line]
        if len(members) < 2:
            continue  # rules over and under one line underline a total; they frame no table
        # columns from where the amounts align; vertical rules only where no amounts say (cell
        # shading and boxed fields draw many verticals that are no column edge)
        prepare(members, [], settings)
        if one_row(members):
            continue  # ... or a total whose label wraps over two lines
        if header_band(members, lines, settings):
            continue  # a shaded or ruled header over unruled rows: read with its rows, below
        ruled = _drop_empty_columns(members, _vertical_bounds(vertical, region, members))
        bounds = ruled if ruled and not _crowded(members, ruled) else value_columns(members, settings, margin)
        # rules or row shading that start under the header (or under its upper level): its lines
        # stand just above them
        free = [line for line in lines if "table" not in line and line not in members]
        if rows_above(members, free, bounds, settings):
            continue  # rules over totals inside a borderless table: read with its rows, below
        # zebra stripes fill every other row: an unfilled row at the edge of the filled area (a
        # closing total, a row at the page foot) lies outside the rules but keeps the table's pitch
        extended = extend_by_pitch(members, free, bounds, settings)
        # rows framed by the next ruled area (zebra stripes after a section heading) are that area's
        unframed = [line for line in free if not any(_in_region(line, r) for r in regions if r != region)]
        if rows_below(members, extended, unframed, settings):
            continue  # rules under a header or over a total: the table goes on past them, read below
        if bounds is not ruled and len(extended) > len(members):
            prepare(extended, [], settings)  # the amounts' columns, now with the rows added (a wider total)
            bounds = value_columns(extended, settings, margin)
        members = label_lines_above(extended, free, settings)
        free = [line for line in free if line not in members]
        members = header_lines_above(members, free, bounds, settings) + members
        prepare(members, bounds, settings)
        edge = label_text_edge(members, region[0], bounds) if bounds is ruled else \
            shaded_label_edge(members, horizontal, bounds)
        tables.append(_table(page, members, bounds, group_rows(members, bounds, horizontal), settings, edge))
    free = [line for line in lines if "table" not in line]
    first = min(lines, key=lambda x: x["top"], default=None)
    for members in _borderless_regions(free, settings, first):
        bounds = value_columns(members, settings, margin)
        members = label_lines_above(members, free, settings)
        members = header_lines_above(members, free, bounds, settings) + members
        prepare(members, bounds, settings)
        edge = shaded_label_edge(members, horizontal, bounds)
        table = _table(page, members, bounds, group_rows(members, bounds, None), settings, edge)
        table["overleaf_row"] = not _is_table(members)
        tables.append(table)
    return sorted(tables, key=lambda t: t["top"])


def _table(page: dict, members: list[dict], bounds: list[float], rows: list[list[dict]],
           settings: LayoutSettings, label_edge: float | None = None) -> dict:
    for line in members:
        line["table"] = True
    top = min(m["top"] for m in members)
    bands = value_bands(members, settings, bounds[0] if bounds else None, min(m["x0"] for m in members))
    return {"page": page["number"], "title": title_above(page["lines"], members), "top": top, "scanned": page.get(
        "source") == "ocr",
            "bottom": max(m["bottom"] for m in members), "bounds": [round(b, 1) for b in bounds],
            "bands": bands, "rows": grid(rows, bounds, bands, page["number"], settings, label_edge),
            "_lines": rows, "_label_right": label_right(rows, bounds), "_label_edge": label_edge}


def collect_tables(pages: list[dict], settings: LayoutSettings) -> list[dict]:
    tables: list[dict] = []
    previous: tuple[list[dict], dict] | None = None
    for page in pages:
        page["lines"] = join_broken_amounts(join_broken_numbers(page["lines"], settings), settings)
        found = _page_tables(page, settings)
        kept = []
        for i, table in enumerate(found):
            last = reads_on(previous, table, page, settings) if i == 0 else None
            if last:  # onto the table that part belongs to: a third page's rows join the first page's
                table["_into"] = last.get("_into", last)
                stitch(table["_into"], table, previous[1]["reading"])
                kept.append(table)
                continue
            if table.get("overleaf_row"):
                release(table)  # a lone row that reads on no table of the page before
                continue
            kept.append(table)
            if i == 0 and previous and is_first_content(table, page, settings):
                last = previous[0][-1] if previous[0] else None
                if last and is_last_content(last, previous[1]) and header_only(last) and \
                        not has_header(table):
                    carry_header(last, table, previous[1]["reading"], settings)
                    tables.remove(last)
                    tables.append(table)
                    continue
                header = orphan_header(previous[1], previous[0], table, settings)
                if header:
                    table["rows"].insert(0, header)
                if table["title"] is None:  # the caption and unit note over the header left behind
                    carry_caption(previous[1], previous[0], table, settings)
            tables.append(table)
        previous = (kept, page)
    tables = [t for t in tables if len(t["rows"]) > 1]  # a header whose rows never came
    for number, table in enumerate(tables):
        table["table"] = number
        table.pop("_lines", None)
        table.pop("_label_right", None)
        table.pop("_label_edge", None)
        table.pop("overleaf_row", None)
        table.pop("_into", None)
    return tables
