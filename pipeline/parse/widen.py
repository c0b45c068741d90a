"""A table cut by a page break whose two parts show different columns: a column empty in every row
of one part ("Not" with no note reference until page 2) makes no value band there, yet it is the
same table. The part with fewer columns is read again under the other's columns."""

from __future__ import annotations

from ..settings import LayoutSettings
from .rows import grid, prepare

Band = list[float]


def _matches(x: Band, y: Band, edge: float) -> bool:
    """Same column: a shared left or right edge (left- or right-aligned amounts) or centre."""
    return abs(x[0] - y[0]) <= edge or abs(x[1] - y[1]) <= edge or abs(x[0] + x[1] - y[0] - y[1]) / 2 <= edge


def _within(few: list[Band], many: list[Band], edge: float) -> bool:
    """Every column of `few` is one of `many`'s, in order, and `many` has more."""
    k = 0
    for band in few:
        while k < len(many) and not _matches(band, many[k], edge):
            k += 1
        if k == len(many):
            return False
        k += 1
    return bool(few) and len(few) < len(many)


def _regrid(table: dict, bands: list[Band], settings: LayoutSettings) -> None:
    bounds = [bands[0][0] - 1.0] + [(a[1] + b[0]) / 2 for a, b in zip(bands, bands[1:], strict=False)]
    lines = [line for row in table["_lines"] for line in row]
    prepare(lines, bounds, settings)
    table["rows"] = grid(table["_lines"], bounds, bands, table["page"], settings, table.get("_label_edge"))
    table["bounds"], table["bands"] = [round(b, 1) for b in bounds], bands


def widen(a: dict, b: dict, edge: float, settings: LayoutSettings) -> bool:
    """Give the part with fewer columns the other part's columns when all of its own are among them;
    whether the two parts now have the same columns. A part already joined from several pages keeps
    its rows (its lines are only those of one page)."""
    for few, many in ((a, b), (b, a)):
        if _within(few["bands"], many["bands"], edge) and len(few["rows"]) == len(few["_lines"]):
            _regrid(few, many["bands"], settings)
            return True
    return False
