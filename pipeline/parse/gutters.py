"""Pages set in two columns: a table beside prose is read as two blocks, not as lines merged by height.

A gutter is an x-interval that no word crosses down a run of consecutive lines, with prose on one
side (lines of several words and no amounts) and other text on the other. The lines of the run are
cut at the gutter and given back block by block: first everything left of it, then everything right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..settings import LayoutSettings
from .layout import group_lines, is_value_cell, join_offset_lines

PROSE_WORDS = 4          # a line of prose has at least this many words of letters
PROSE_NUMBERS = 2        # ... with at most one number word for every this many of them
PROSE_SHARE = 0.5        # ... and at least this share of one side's lines is prose
SIDE_LINES = 3           # the side beside the prose has at least this many lines with words
PROSE_LINES = 2          # ... and the prose side this many: a paragraph of two lines is a column all the same
CUT_SHARE = 0.5          # lines astride the gutter that are a label and its amounts: above this share, a table

_WORD = re.compile(r"^[^\W\d_]{2,}[.,:;]?$")

Interval = tuple[float, float]
Intersect = Callable[[list[Interval], list[Interval], float], list[Interval]]


def _free(line: dict, lo: float, hi: float) -> list[Interval]:
    """The white space of a line between lo and hi."""
    out, start = [], lo
    for w in line["words"]:
        if w["x1"] <= start or w["x0"] >= hi:
            continue
        if w["x0"] > start:
            out.append((start, w["x0"]))
        start = max(start, w["x1"])
    if start < hi:
        out.append((start, hi))
    return out


def _in_order(free: list[Interval]) -> bool:
    """The intervals run left to right without overlapping (always, unless a word's box is drawn
    backwards, x1 < x0): what lets _intersect walk two of them once instead of pairing them all."""
    return all(a[1] <= b[0] for a, b in zip(free, free[1:], strict=False))


def _intersect(a: list[Interval], b: list[Interval], width: float) -> list[Interval]:
    """The overlaps of two lines' white space at least width wide, left to right. Both lists in
    order (see _in_order): a merge that moves past whichever interval ends first meets every pair
    that overlaps, in the order pairing them all gives (an interval's pieces lie inside it)."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        (x0, x1), (y0, y1) = a[i], b[j]
        lo, hi = (y0 if y0 > x0 else x0), (y1 if y1 < x1 else x1)  # max() and min(), inline
        if hi - lo >= width:
            out.append((lo, hi))
        if x1 < y1:
            i += 1
        else:
            j += 1
    return out


def _intersect_all(a: list[Interval], b: list[Interval], width: float) -> list[Interval]:
    """_intersect for intervals out of order: every pair."""
    out = [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b]
    return [(x0, x1) for x0, x1 in out if x1 - x0 >= width]


class _Half(NamedTuple):
    """A line's words on one side of a gutter, and what _separates asks of them."""
    words: list[dict]
    lettered: bool   # a word of letters among them
    prose: bool      # they read as prose (_is_prose)
    sentence: bool   # ... and hold no amount


def _half(words: list[dict]) -> _Half:
    valued = any(is_value_cell(w["text"]) for w in words)
    prose = bool(words) and _is_prose(words)
    return _Half(words, _lettered(words), prose, prose and not valued)


@dataclass
class _Page:
    """What every run down a page meets again, found once for the page: each line's white space
    between the page text's left and right (bounds), how two lines' white space meets (intersect),
    and each line's two halves by the gutter middles tried (a run from each next line tries the same
    gutter down mostly the same lines)."""
    lines: list[dict]
    bounds: Interval
    frees: list[list[Interval]]
    intersect: Intersect
    halves: dict[tuple[int, float], tuple[_Half, _Half]] = field(default_factory=dict)


def _halves(page: _Page, run: list[dict], gutter: Interval) -> list[tuple[_Half, _Half]]:
    """Each line's words left of the gutter's middle and right of it."""
    mid = (gutter[0] + gutter[1]) / 2
    out = []
    for line in run:
        key = (id(line), mid)
        if key not in page.halves:
            left, right = [], []
            for w in line["words"]:
                (left if w["x1"] <= mid else right).append(w)
            page.halves[key] = (_half(left), _half(right))
        out.append(page.halves[key])
    return out


def _is_prose(words: list[dict]) -> bool:
    """Several words of letters, and numbers only as prose has them ("en budget på totalt 8 086 000
    SEK"): a table row has more amount words than that."""
    texts = [w["text"] for w in words]
    lettered = sum(bool(_WORD.match(t)) for t in texts)
    if lettered and texts[-1].endswith(".") and not any(is_value_cell(t) for t in texts):
        return True  # the last line of a paragraph ("av tilldelade medel."), however short
    return lettered >= PROSE_WORDS and sum(is_value_cell(t) for t in texts) * PROSE_NUMBERS <= lettered


def _lettered(words: list[dict]) -> bool:
    return any(_WORD.match(w["text"]) for w in words)


def _cuts_rows(run: list[dict], halves: list[tuple[_Half, _Half]], settings: LayoutSettings) -> bool:
    """Most lines with words on both sides are a label left and its amounts right: the white space
    runs through a table between its labels and its amounts, not between two columns of the page."""
    pairs = [(left, right) for left, right in halves if left.words and right.words]
    cut = sum(left.lettered and all(is_value_cell(w["text"]) for w in right.words) for left, right in pairs)
    # right of the white space, lines that hold their own label and amounts: a table of its own, whose
    # rows a prose line beside it happens to share a baseline with ("medel.  4 426  4 054")
    # (its lines formed anew on their own, where a label sits a few points off its amounts' baseline)
    rights = [line["words"] for line in _block(run, [right.words for _, right in halves], settings)]
    own = sum(_lettered(r) and any(is_value_cell(w["text"]) for w in r) for r in rights)
    return cut >= 2 and cut >= CUT_SHARE * len(pairs) and own < cut


def _separates(page: _Page, run: list[dict], gutter: Interval, settings: LayoutSettings) -> bool:
    """Prose stands on one side of the gutter, and text with words on the other (more lines of it than
    a short paragraph has: the white space must run down them)."""
    halves = _halves(page, run, gutter)
    sides = [[half[k] for half in halves if half[k].words] for k in (0, 1)]
    if any(len(side) < PROSE_LINES for side in sides):
        return False
    lettered = [sum(half.lettered for half in side) for side in sides]
    # the tests are pure, so their order is free: the cheap ones first (most white space has no prose
    # beside it), forming a side's lines anew (_cuts_rows) only for a gutter that passes them
    if not any(lettered[1 - k] >= SIDE_LINES and _prose_side(side) for k, side in enumerate(sides)):
        return False
    return not _cuts_rows(run, halves, settings)


def _prose_side(side: list[_Half]) -> bool:
    """Most of the side's lines are prose. A short paragraph (two lines) beside a table is as much a
    column as a long one, if its lines are sentences: words without an amount, the last ending in a
    full stop (table rows that carry "kr" after their amounts read like prose, but not like that)."""
    prose = sum(half.prose for half in side)
    if prose >= SIDE_LINES and prose >= PROSE_SHARE * len(side):
        return True
    sentences = [half.words for half in side if half.sentence]
    return len(sentences) >= PROSE_LINES and len(sentences) >= PROSE_SHARE * len(side) and \
        sentences[-1][-1]["text"].endswith((".", "!", "?"))


def _run_from(page: _Page, i: int, settings: LayoutSettings) -> tuple[int, Interval | None]:
    """The run of lines from i down which white space runs, and the gutter it makes: (end, gutter),
    or (i, None) when no white space inside the page's text separates prose from other text."""
    lines, (lo, hi), frees = page.lines, page.bounds, page.frees
    free, j, width = frees[i], i, settings.gutter_width
    while j + 1 < len(lines):
        nxt = page.intersect(free, frees[j + 1], width)
        if not nxt:
            break
        free, j = nxt, j + 1
    if j == i:
        return i, None  # white space down one line only is no gutter
    inner = [g for g in free if g[0] > lo and g[1] < hi and g[1] - g[0] >= width]
    good = [g for g in inner if _separates(page, lines[i:j + 1], g, settings)]
    if not good:
        return i, None
    # white space inside a table beside prose (its labels | its amounts) can be wider than the gutter
    # between the page's columns: there the amounts stand on the prose's side, in the same lines
    return j, min(good, key=lambda g: (_mixed(page, lines[i:j + 1], g), g[0] - g[1]))


def _mixed(page: _Page, run: list[dict], gutter: Interval) -> int:
    """Lines whose prose side also holds amounts of a table."""
    sides = [side for pair in _halves(page, run, gutter) for side in pair]
    return sum(side.prose and not side.sentence for side in sides)


def _block(run: list[dict], side: list[list[dict]], settings: LayoutSettings) -> list[dict]:
    """One side's words (side: each run line's words on it) put into lines again on their own: the
    page's lines were formed across both columns, where a prose line beside a table row can take the
    row's amounts away from its label (two baselines a few points apart)."""
    owner = {id(w): line for line, words in zip(run, side, strict=True) for w in words}
    lines = group_lines([w for words in side for w in words], settings.line_tolerance)
    for line in lines:
        line["source"] = list({id(owner[id(w)]): owner[id(w)] for w in line["words"]}.values())
    return join_offset_lines(lines, settings.row_overlap)


def _cut(page: _Page, run: list[dict], gutter: Interval, settings: LayoutSettings) -> list[dict]:
    """The run's lines, left block first, then the right block."""
    halves = _halves(page, run, gutter)
    return _block(run, [left.words for left, _ in halves], settings) + \
        _block(run, [right.words for _, right in halves], settings)


def split_columns(lines: list[dict], settings: LayoutSettings) -> list[dict]:
    """Page lines with every two-column stretch given back block by block (parts keep their
    `source`: the page lines their words came from); a page in one column comes back as it is."""
    words = [w for line in lines for w in line["words"]]
    if not words:
        return lines
    lo, hi = min(w["x0"] for w in words), max(w["x1"] for w in words)
    # white space narrower than a gutter meets nothing a gutter could come of (a piece of it is
    # narrower still): left out, which leaves a line of prose few intervals to walk
    width = settings.gutter_width
    frees = [[g for g in _free(line, lo, hi) if g[1] - g[0] >= width] for line in lines]
    intersect = _intersect if all(map(_in_order, frees)) else _intersect_all
    page = _Page(lines, (lo, hi), frees, intersect)
    out, i = [], 0
    while i < len(lines):
        end, gutter = _run_from(page, i, settings)
        if gutter is None:
            out.append(lines[i])
            i += 1
            continue
        out += _cut(page, lines[i:end + 1], gutter, settings)
        i = end + 1
    return join_offset_lines(out, settings.row_overlap)
