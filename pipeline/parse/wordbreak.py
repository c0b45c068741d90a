"""Words a narrow label column broke mid-word ("Strukturöver" over "gripande insatser").

Word, LibreOffice and reportlab break a word wider than its cell wherever the cell's edge falls, so
the first piece fills its line: it is the line's last word and ends right at the edge, within one
character of it. A word wrapped whole ends anywhere short of the edge, as far as its next word
would have needed. One such line alone may be a whole word that happens to fill the line (the
widest label sets where the edge is taken to be); a column narrow enough to break one word breaks
others, so pieces are joined only where the table has several lines that end at the edge, and never
before a line that goes on with a whole word (vocabulary [wrapped_labels]: "och", "kostnader").
"""

from __future__ import annotations

import re

from ..settings import LayoutSettings
from ..vocabulary import word_pattern

_PIECE = re.compile(r"^[^\W\d_]+$")  # letters only: a word, no "Över-/", no "(tkr)"


def join_broken_labels(labels: list[list[dict]], settings: LayoutSettings) -> list[list[dict]]:
    """Each row's label parts (top to bottom), with a piece broken at the column's edge joined to
    the line that goes on from it, no space between them. A line that goes on with a whole word
    ("Verksamhetens" over "kostnader") keeps its space, though it counts as a line ending at the edge."""
    parts = [p for row in labels for p in row]
    if not parts:
        return labels
    edge = max(p["x1"] for p in parts)
    height = sorted(p["bottom"] - p["top"] for p in parts)[len(parts) // 2]
    reach = settings.broken_word_reach * height
    at_edge = [(a, b) for row in labels for a, b in zip(row, row[1:], strict=False)
               if _goes_on(a, b) and a["x1"] >= edge - reach]
    if len(at_edge) < settings.broken_words_min:
        return labels
    breaks = {id(a) for a, b in at_edge if not _whole_word(b)}
    return [_joined(row, breaks) for row in labels]


def _goes_on(upper: dict, lower: dict) -> bool:
    """A line ending in a word, and the next line of the same cell going on in lower case."""
    text, words = lower["text"], upper["text"].split()
    return lower["top"] >= upper["bottom"] - (upper["bottom"] - upper["top"]) / 2 and bool(words) and \
        bool(_PIECE.match(words[-1])) and text[:1].isalpha() and text[:1].islower()


def _whole_word(lower: dict) -> bool:
    """The line goes on with a word that stands on its own ("och uppföljning", "kostnader")."""
    first = lower["text"].split()[0].rstrip(".,")
    return bool(word_pattern("wrapped_labels", "whole_words").fullmatch(first))


def _joined(row: list[dict], breaks: set[int]) -> list[dict]:
    out: list[dict] = []
    for part in row:
        if out and id(out[-1].get("_from", out[-1])) in breaks:
            piece = out.pop()
            part = {"text": piece["text"] + part["text"], "x0": min(piece["x0"], part["x0"]),
                    "x1": max(piece["x1"], part["x1"]), "top": piece["top"], "bottom": part["bottom"],
                    "_from": part}
        out.append(part)
    return out
