"""Words from a page's characters: pdfplumber's extract_words, made cheap.

finsam forms words as pdfplumber's `extract_words(chars, keep_blank_chars=False, use_text_flow=False,
x_tolerance=..., return_chars=True)` forms them, for both readers, and every later step reads those
words. pdfplumber's WordExtractor is written for every option it offers (reading directions, extra
attributes, splitting at punctuation, tolerances as a share of the font size), so it makes several
calls per character; with one page's tens of thousands of characters that was a third of reading a
page. The same rules with only the options finsam uses, in one pass per line:

* characters are taken in runs of one `upright` value as they come; an upright run is read in lines
  top to bottom and each line left to right, a turned run in columns left to right and each column
  top to bottom;
* lines are clusters of the characters' tops (a turned run's x0): the distinct values sorted, and
  each within the line tolerance (y_tolerance; x_tolerance for a turned run) of the one before
  joins its cluster; a line keeps its characters in their order, then is sorted along the line;
* a blank character ends a word, an empty one is a word by itself, and a character starts a new word
  where it begins before the one before it, or further past its end than the tolerance along the
  line, or stands further across the line from it than the tolerance across;
* a word's box holds its characters', its text joins theirs with ligatures written out in letters.

tests/parse/test_words.py pins the result to pdfplumber's own on generated characters.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

# pdfplumber's default tolerance across a line (y_tolerance): finsam sets only x_tolerance
DEFAULT_Y_TOLERANCE = 3.0
# pdfplumber's LIGATURES: a ligature character is written out in the letters it stands for
LIGATURES = {"\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb01": "fi", "\ufb02": "fl", "\ufb06": "st",
             "\ufb05": "st"}


_LIGATURE_CHARS = frozenset(LIGATURES)


class _Flow:
    """The keys and tolerances of one reading direction: across the line (which clusters lines) and
    along it (which sorts a line and parts its words)."""

    __slots__ = ("across", "across_gap", "direction", "order", "start_gap", "upright", "values")

    def __init__(self, upright: bool, x_tolerance: float, y_tolerance: float) -> None:
        self.upright = upright
        if upright:  # lines top to bottom, read left to right
            self.across, self.direction, self.order = "top", "ltr", itemgetter("x0")
            # text; start and end along the line; start and end across it
            self.values = itemgetter("text", "x0", "x1", "top", "bottom")
            self.across_gap, self.start_gap = y_tolerance, x_tolerance
        else:  # turned text: columns left to right, read top to bottom
            self.across, self.direction, self.order = "x0", "ttb", itemgetter("top", "bottom")
            self.values = itemgetter("text", "top", "bottom", "x0", "x1")
            self.across_gap, self.start_gap = x_tolerance, y_tolerance


def extract_words(chars: list[dict], x_tolerance: float, y_tolerance: float = DEFAULT_Y_TOLERANCE) -> list[dict]:
    """pdfplumber's extract_words(chars, keep_blank_chars=False, use_text_flow=False, x_tolerance=...,
    y_tolerance=..., return_chars=True): the same words, in the same order, with the same keys."""
    words: list[dict] = []
    flows: dict[bool, _Flow] = {}
    for upright, run in groupby(chars, itemgetter("upright")):
        key = bool(upright)
        flow = flows.get(key) or flows.setdefault(key, _Flow(key, x_tolerance, y_tolerance))
        for line in _lines(list(run), flow.across, flow.across_gap):
            line.sort(key=flow.order)
            _line_words(line, flow, words)
    return words


def _lines(chars: list[dict], key: str, tolerance: float) -> list[list[dict]]:
    """pdfplumber's cluster_objects: the distinct values of `key` sorted, a value within `tolerance`
    of the one before in its cluster; each cluster's characters in their order."""
    cluster: dict[float, int] = {}
    index, last = -1, None
    for value in sorted({c[key] for c in chars}):
        if last is None or not value <= last + tolerance:
            index += 1
        cluster[value], last = index, value
    lines: list[list[dict]] = [[] for _ in range(index + 1)]
    for c in chars:
        lines[cluster[c[key]]].append(c)
    return lines


def _line_words(line: list[dict], flow: _Flow, words: list[dict]) -> None:
    """The words of one sorted line, onto words. A word is a slice of the line: `begin` is where the
    one being read starts (-1 for none); the character before's start, end and place across are kept."""
    start_gap, across_gap = flow.start_gap, flow.across_gap
    columns = tuple(zip(*map(flow.values, line), strict=True))  # texts, starts, ends, across starts, across ends
    begin, before_start, before_end, before_across = -1, 0.0, 0.0, 0.0
    for i, (text, start, end, across) in enumerate(zip(*columns[:4], strict=True)):
        if not text or text.isspace():  # a blank ends a word; an empty text is a word of its own
            if begin >= 0:
                words.append(_word(line, begin, i, columns, flow))
                begin = -1
            if not text:
                words.append(_word(line, i, i + 1, columns, flow))
            continue
        if begin < 0:
            begin = i
        elif (start < before_start or start > before_end + start_gap
              or abs(across - before_across) > across_gap):
            words.append(_word(line, begin, i, columns, flow))
            begin = i
        before_start, before_end, before_across = start, end, across
    if begin >= 0:
        words.append(_word(line, begin, len(line), columns, flow))


def _word(line: list[dict], begin: int, end: int, columns: tuple, flow: _Flow) -> dict:
    """pdfplumber's merge_chars of line[begin:end], with the characters kept (return_chars=True). The
    box is the least start and greatest end along and across the line, taken in the characters' order
    as pdfplumber takes them (min and max keep the first of equal values)."""
    texts, starts, ends, across_starts, across_ends = columns
    first = line[begin]
    text = "".join(texts[begin:end])
    if not _LIGATURE_CHARS.isdisjoint(text):  # a character that is a ligature is written out
        text = "".join([LIGATURES.get(t, t) for t in texts[begin:end]])
    along = min(starts[begin:end]), max(ends[begin:end])
    across = min(across_starts[begin:end]), max(across_ends[begin:end])
    (x0, x1), (top, bottom) = (along, across) if flow.upright else (across, along)
    return {"text": text, "x0": x0, "x1": x1, "top": top, "doctop": top + (first["doctop"] - first["top"]),
            "bottom": bottom, "upright": first["upright"], "height": bottom - top, "width": x1 - x0,
            "direction": flow.direction, "chars": line[begin:end]}
