"""A wide spreadsheet printed across pages: the columns that did not fit go on a later page.

Excel and LibreOffice print a sheet that is wider than the paper in strips: the first page holds
the labels and the first columns, a later page holds the next columns of the same rows, with no
labels. The rows stand at the same heights on both pages, because they are the same rows. Such a
page is laid beside the page it continues, as if the paper were wider, so its amounts meet their
labels; each cell keeps the page and box it was printed on (``restore_provenance``).
"""

from __future__ import annotations

from ..numbers import find_years
from ..settings import LayoutSettings
from .layout import group_lines, is_dash, is_value_cell, split_cells


def _amount_lines(page: dict, settings: LayoutSettings) -> list[tuple[dict, list[dict]]]:
    """Lines holding an amount that is not a lone year, with their cells."""
    out = []
    for line in page["lines"]:
        cells = split_cells(line, [], settings, split_tails=False)
        if any(is_value_cell(c["text"]) and not find_years(c["text"]) for c in cells):
            out.append((line, cells))
    return out


AmountLines = list[tuple[dict, list[dict]]]


def _labelless(found: AmountLines, settings: LayoutSettings, min_rows: int | None = None) -> list[dict]:
    """The amount lines of a page (``_amount_lines``) none of which starts with a label; empty when any
    does, or when there are fewer than ``min_rows``. A lone dash is an empty amount ("–  576 727"), no label."""
    labelled = any(not (is_value_cell(cells[0]["text"]) or is_dash(cells[0]["text"])) for _, cells in found)
    if labelled or len(found) < (settings.sheet_min_rows if min_rows is None else min_rows):
        return []
    return [line for line, _ in found]


def _labelled_at(page: dict, middle: float, settings: LayoutSettings) -> bool:
    """A line of the page at that height starts with a label."""
    for line in page["lines"]:
        if abs(line["middle"] - middle) <= settings.line_tolerance:
            cells = split_cells(line, [], settings, split_tails=False)
            return bool(cells) and not is_value_cell(cells[0]["text"])
    return False


def _carries_on(page: dict, other: dict, lines: list[dict], settings: LayoutSettings) -> bool:
    same_paper = abs(other["width"] - page["width"]) < 1 and abs(other["height"] - page["height"]) < 1
    return same_paper and bool(other["lines"]) and all(_labelled_at(other, x["middle"], settings) for x in lines)


def _continued(page: dict, found: AmountLines, earlier: list[dict], settings: LayoutSettings,
               expected: dict | None) -> dict | None:
    """The earlier page (same paper) whose labelled lines stand at the height of every amount line
    of this label-less page: the page whose rows this one carries on to the right. ``expected`` is
    the page the print order points to (the one after the page the previous page carried on): there,
    one line is evidence enough (the last row of a sheet, alone on its strip); elsewhere two lines at
    matching heights are needed, one could match by chance."""
    lines = _labelless(found, settings)
    if lines:
        return next((other for other in reversed(earlier) if _carries_on(page, other, lines, settings)), None)
    lines = _labelless(found, settings, min_rows=1)
    return expected if lines and expected is not None and _carries_on(page, expected, lines, settings) else None


def _right_edge(page: dict) -> float:
    words = [w["x1"] for line in page["lines"] for w in line["words"]]
    return max(words + [e["x1"] for e in page["horizontal"]], default=0.0)


def _left_edge(page: dict) -> float:
    words = [w["x0"] for line in page["lines"] for w in line["words"]]
    return min(words + [e["x0"] for e in page["horizontal"] + page["vertical"]], default=0.0)


def _shift(obj: dict, dx: float) -> dict:
    return obj | {"x0": obj["x0"] + dx, "x1": obj["x1"] + dx}


def _bridge(left: list[dict], right: list[dict], tolerance: float) -> list[dict]:
    """A rule cut at the page's edge goes on at the left of the continuation: join the two halves
    (same height, one ending where the first page's rules end, the other starting where the
    continuation's rules start), so the table's rules run unbroken across the seam."""
    if not left or not right:
        return left + right
    end, start = max(e["x1"] for e in left), min(e["x0"] for e in right)
    out, used = [], set()
    for e in left:
        partner = next((i for i, f in enumerate(right) if i not in used and abs(f["top"] - e["top"]) <= tolerance
                        and abs(e["x1"] - end) <= tolerance and abs(f["x0"] - start) <= tolerance), None)
        if partner is None:
            out.append(e)
            continue
        used.add(partner)
        out.append(e | {"x1": right[partner]["x1"]})
    return out + [f for i, f in enumerate(right) if i not in used]


def _off_seam(vertical: list[dict], side: int) -> list[dict]:
    """Drop the verticals where the paper cut the sheet (the rightmost of the first page, side 1; the
    leftmost of the continuation, -1): the edge of a shaded band cut there is no column edge, and
    where it is one, the amounts' alignment still finds the column."""
    if not vertical:
        return vertical
    edge = max(side * e["x0"] for e in vertical)
    return [e for e in vertical if side * e["x0"] < edge - 2]


def _join(target: dict, page: dict, settings: LayoutSettings, strip: dict | None = None) -> dict:
    """Lay the page right of target, a seam of white space between them, and empty it. ``strip`` is
    how the page before (the same strip of the sheet, printed on the same paper) was laid: this page
    is laid the same way, so the strip's columns stay one above the other."""
    seam = _right_edge(target) + settings.sheet_seam_gap
    dx = seam - _left_edge(page)
    # never over target's own words; the same seam recomputed from another page differs by rounding
    if strip and strip["from_x"] >= seam - settings.edge_tolerance:
        seam, dx = strip["from_x"], strip["dx"]
    words = [w for line in target["lines"] for w in line["words"]]
    words += [_shift(w, dx) for line in page["lines"] for w in line["words"]]
    target["lines"] = group_lines(words, settings.line_tolerance)
    target["horizontal"] = _bridge(target["horizontal"], [_shift(e, dx) for e in page["horizontal"]], 2.0)
    target["vertical"] = _off_seam(target["vertical"], 1) + [_shift(e, dx) for e in _off_seam(page["vertical"], -1)]
    laid = {"page": page["number"], "from_x": seam, "dx": dx}
    target.setdefault("joined", []).append(laid)
    page["lines"], page["horizontal"], page["vertical"] = [], [], []
    return laid


def join_sheet_pages(pages: list[dict], settings: LayoutSettings) -> tuple[list[str], list[int]]:
    """Lay each page that carries on the columns of an earlier page beside it. Returns what was
    joined, and the pages whose amounts have no labels but whose rows meet no earlier page's."""
    notes, orphans = [], []
    expected, strip = None, None  # Excel and LibreOffice print down, then across: strip k+1 goes on page j+1
    for i, page in enumerate(pages):
        found = _amount_lines(page, settings)  # its lines split into cells once, for every question below
        target = _continued(page, found, pages[:i], settings, expected)
        if target is not None:
            strip = _join(target, page, settings, strip if target is expected else None)
            after = pages.index(target) + 1
            expected = pages[after] if after < i else None
            notes.append(f"page {page['number']} holds further columns of page {target['number']}: "
                         "read beside it")
        else:
            expected, strip = None, None
            if _labelless(found, settings):
                orphans.append(page["number"])
    return notes, orphans


def restore_provenance(tables: list[dict], pages: list[dict]) -> None:
    """A cell that came from a continuation page gets that page and its box on it back."""
    joined = {p["number"]: p["joined"] for p in pages if p.get("joined")}
    for table in tables:
        for row in table["rows"]:
            for cell in row:
                bbox = cell.get("bbox")
                for part in reversed(joined.get(cell.get("page"), [])) if bbox else []:
                    if bbox[0] >= part["from_x"] - 1:
                        cell["page"] = part["page"]
                        cell["bbox"] = [round(bbox[0] - part["dx"], 2), bbox[1], round(bbox[2] - part["dx"], 2),
                                        bbox[3]]
                        break
