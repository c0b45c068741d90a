"""Tables stacked close together on a page (a spreadsheet's tables one blank row apart): where one
ends and the next begins is where a caption stands after white space."""

from __future__ import annotations

from ..settings import LayoutSettings
from .grids import heads_same_columns
from .layout import line_kind, split_cells


def captioned(page: dict, region: list[float], below: float, settings: LayoutSettings) -> bool:
    """Between the region's last rule and the next, a line of plain text (no amounts) stands after
    white space at least its own height, with no vertical rule running past it: a caption or note
    over the next table after the one ruled above it (two tables close together), not a row."""
    x0, x1, above = region[0], region[2], region[3]
    previous = above
    for line in sorted((x for x in page["lines"] if above < x["middle"] < below), key=lambda x: x["top"]):
        white = line["top"] - previous
        crossed = any(e["top"] < previous and e["bottom"] > line["top"] and x0 - 2 <= e["x0"] <= x1 + 2
                      for e in page["vertical"])
        plain = line_kind(split_cells(line, [], settings)) == "text"
        if plain and not crossed and white >= line["bottom"] - line["top"]:
            return True
        previous = max(previous, line["bottom"])
    return False


def caption_before_header(line: dict, kind: str, ahead: list[str], current: list[dict]) -> bool:
    """A line of plain text after rows with amounts, set off by white space at least its own height,
    with a column header next: the caption of the next table, which starts there."""
    white = line["top"] - current[-1]["bottom"]
    next_rows = [k for k in ahead if k in ("header", "data")]
    return kind == "text" and white >= line["bottom"] - line["top"] and bool(next_rows) and \
        next_rows[0] == "header" and any(line_kind(x["cells"]) == "data" for x in current)


def header_between(page: dict, region: list[float], below: float, settings: LayoutSettings) -> bool:
    """Between the region's last rule and the next, a column header stands under rows with amounts and
    not over their columns: the next table's header (two tables one blank row apart, each with a rule
    under its header), not a section of the one ruled above. A header repeating the columns of the rows
    above ("Kostnader  2024  2025") is a section of the same table."""
    x0, x1 = region[0], region[2]

    def lines_in(top: float, bottom: float) -> list[dict]:  # the next table may be wider than this one
        return [dict(x, cells=split_cells(x, [], settings, split_tails=False)) for x in page["lines"]
                if x0 - 3 <= x["x0"] < x1 and top < x["middle"] < bottom]

    # the lines between the two rules are few: look at the rows above only when one of them is a header
    headers = [x for x in lines_in(region[3], below) if line_kind(x["cells"]) == "header"]
    rows = lines_in(region[1], region[3]) if headers else []
    if not any(line_kind(x["cells"]) == "data" for x in rows):
        return False
    return any(not heads_same_columns(x, rows, settings) for x in headers)
