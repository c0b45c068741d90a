"""Characters cleaned before they are grouped into words.

pdfplumber sorts a line's characters by x before joining them into words, so anything drawn over
other text is woven into it. A dot leader that a label cell draws across to its amount is the case
met in budgets: where the column is squeezed, the dots run on under the amount and sorting by x gives
"3. .9..1." instead of a label, dots and "3 918 537". In the order they were drawn (the content
stream's order) the leader is still one unbroken run, so it is found and dropped there.
"""

from __future__ import annotations

from ..settings import LayoutSettings

LEADER_GLYPHS = frozenset(".\u2026\u00b7_")  # '.', '…', '·', '_' repeated to lead the eye to an amount


def _follows(prev: dict, char: dict, settings: LayoutSettings) -> bool:
    """The char is drawn next along the same baseline as prev: a leader glyph steps right by about
    its own width (a spaced leader ". . ." by a space more)."""
    same_line = abs(char["top"] - prev["top"]) <= settings.line_tolerance
    return same_line and prev["x0"] < char["x0"] and char["x0"] - prev["x1"] <= settings.leader_gap


def drop_leader_glyphs(chars: list[dict], settings: LayoutSettings) -> list[dict]:
    """The chars without dot leaders: runs of at least leader_min_run leader glyphs drawn one after
    the other along a line (spaces between them belong to the run). A leader is white space, and
    dropping it before words are formed keeps an amount it was drawn under whole."""
    drop: set[int] = set()
    run: list[int] = []
    for i, char in enumerate(chars):
        text = char["text"]
        if text in LEADER_GLYPHS:
            if run and not _follows(chars[run[-1]], char, settings):
                _close(run, chars, drop, settings)
                run = []
            run.append(i)
        elif run:  # (no run open: nothing to close, the usual char)
            if text.isspace():
                continue
            _close(run, chars, drop, settings)
            run = []
    _close(run, chars, drop, settings)
    if not drop:
        return list(chars)
    return [c for i, c in enumerate(chars) if i not in drop]


def _close(run: list[int], chars: list[dict], drop: set[int], settings: LayoutSettings) -> None:
    if len(run) >= settings.leader_min_run:
        drop.update(range(run[0], run[-1] + 1))  # the spaces inside the run go with it
