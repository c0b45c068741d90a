"""Words a narrow label column broke mid-word ("Strukturöver" over "gripande insatser").

Word, LibreOffice and reportlab break a word wider than its cell wherever the cell's edge falls, so
the first piece fills its line: it is the line's last word and ends right at the edge, within one
character of it. A word wrapped whole ends anywhere short of the edge, as far as its next word
would have needed. One such line alone may be a whole word that happens to fill the line (the
widest label sets where the edge is taken to be); a column narrow enough to break one word breaks
others, so pieces are joined only where the table has several lines that end at the edge, and never
before a line that goes on with a whole word (vocabulary [wrapped_labels]: "och", "kostnader").

A ruled table draws the cell's edge, so there one line is evidence enough: a word processor breaks
only a word too wide for a line of its own, so the piece is its line's one word, and it ends within a
character of where the cell's padding stops the text (rows.label_text_edge), not of the widest label.
"""

from __future__ import annotations

import re

from ..settings import LayoutSettings
from ..vocabulary import word_pattern

_PIECE = re.compile(r"^[^\W\d_]+$")  # letters only: a word, no "Över-/", no "(tkr)"
_PAST_EDGE = 1.0  # points a piece may reach past the ruled cell's text edge


def join_broken_labels(labels: list[list[dict]], settings: LayoutSettings,
                       cell_edge: float | None = None) -> list[list[dict]]:
    """Each row's label parts (top to bottom), with a piece broken at the column's edge joined to
    the line that goes on from it, no space between them. A line that goes on with a whole word
    ("Verksamhetens" over "kostnader") keeps its space, though it counts as a line ending at the edge.
    `cell_edge`: where a ruled label column's text must stop, if known."""
    parts = [p for row in labels for p in row]
    if not parts:
        return labels
    edge = max(p["x1"] for p in parts)
    height = sorted(p["bottom"] - p["top"] for p in parts)[len(parts) // 2]
    reach = settings.broken_word_reach * height
    pairs = [(a, b) for row in labels for a, b in zip(row, row[1:], strict=False) if _goes_on(a, b)]
    at_edge = [(a, b) for a, b in pairs if a["x1"] >= edge - reach]
    if len(at_edge) < settings.broken_words_min:
        at_edge = [(a, b) for a, b in pairs if _fills_cell(a, cell_edge, reach)]
    # a function word at the edge ("Insatser för" over "unga vuxna") ended at a space, as does a line
    # going on with one ("Verksamhetens" over "kostnader")
    breaks = {id(a) for a, b in at_edge if not _whole_word(b["text"]) and not _whole_word(a["text"], last=True)}
    return [_joined(row, breaks) for row in labels] if breaks else labels


def _fills_cell(upper: dict, cell_edge: float | None, reach: float) -> bool:
    """A line of one word that ends where the ruled cell stops its text (a point past it at most: the
    padding measured on the left may be a hair narrower)."""
    return cell_edge is not None and len(upper["text"].split()) == 1 and \
        cell_edge - reach <= upper["x1"] <= cell_edge + _PAST_EDGE


def _goes_on(upper: dict, lower: dict) -> bool:
    """A line ending in a word, and the next line of the same cell going on in lower case."""
    text, words = lower["text"], upper["text"].split()
    return lower["top"] >= upper["bottom"] - (upper["bottom"] - upper["top"]) / 2 and bool(words) and \
        bool(_PIECE.match(words[-1])) and text[:1].isalpha() and text[:1].islower()


def _whole_word(text: str, last: bool = False) -> bool:
    """The line's first word (or last) stands on its own ("och uppföljning", "kostnader")."""
    word = text.split()[-1 if last else 0].rstrip(".,")
    return bool(word_pattern("wrapped_labels", "whole_words").fullmatch(word))


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
