"""Words a narrow cell broke over two lines, made whole again before lines are cut into cells: a date
broken at its hyphen ("Bokslut 2024-12-" over "31") and an amount broken inside a digit group
("2 265 47" over "0"). Word and LibreOffice break a word that is wider than its cell wherever the
cell's edge falls. An amount wrapped whole at a digit group ("7 094" over "730") is joined when rows
are built (amounts_wrapped)."""

from __future__ import annotations

import re

from ..settings import LayoutSettings
from .layout import is_continuation, is_value_cell, starts_lower

_BROKEN_NUMBER = re.compile(r"\d[-\u2013]$")


def join_broken_numbers(lines: list[dict], settings: LayoutSettings) -> list[dict]:
    """A date or year span broken at its hyphen in a narrow cell ("Bokslut 2024-12-" over "31") is one
    word: a word starting with a digit right under a word of the line above that ends in a digit and a
    hyphen goes on that word. A left-aligned cell wraps to its left edge ("31" under "Bokslut"), so a
    word under the start of the broken word's cell goes on it too. The other words of the lower line
    (another header's next line, "ognos 2022" beside "31") stay on it."""
    out: list[dict] = []
    for line in lines:
        prev = out[-1] if out else None
        close = prev is not None and line["top"] - prev["bottom"] <= prev["bottom"] - prev["top"]
        pairs = [(w, b) for w in line["words"] if (b := _broken_above(w, prev, settings))] if close else []
        if not pairs or len({id(b) for _, b in pairs}) < len(pairs):
            out.append(line)
            continue
        for word, broken in pairs:
            broken.update(text=broken["text"] + word["text"], x1=max(broken["x1"], word["x1"]),
                          bottom=max(broken["bottom"], word["bottom"]))
        rest = [w for w in line["words"] if not any(w is word for word, _ in pairs)]
        if rest:
            out.append(_line_of(rest, line))
        else:
            prev["bottom"] = max(prev["bottom"], line["bottom"])
        prev["x1"] = max(w["x1"] for w in prev["words"])
        prev["text"] = " ".join(w["text"] for w in prev["words"])
    return out


def _broken_above(word: dict, line: dict, settings: LayoutSettings) -> dict | None:
    if not word["text"][:1].isdigit():
        return None
    broken = [w for w in line["words"] if _BROKEN_NUMBER.search(w["text"])]
    return next((w for w in broken if _wraps_under(word, w, line, settings)), None)


def _wraps_under(word: dict, broken: dict, line: dict, settings: LayoutSettings) -> bool:
    """Right under the broken word, or at the left edge of its cell (a left-aligned cell)."""
    overlaps = word["x0"] < broken["x1"] and word["x1"] > broken["x0"]
    return overlaps or abs(word["x0"] - _cell_start(broken, line, settings)) <= settings.number_gap


def _cell_start(word: dict, line: dict, settings: LayoutSettings) -> float:
    """Where the cell holding word starts: the words before it closer than a cell gap."""
    x0 = word["x0"]
    for w in sorted((w for w in line["words"] if w["x1"] <= word["x0"]), key=lambda w: -w["x1"]):
        if x0 - w["x1"] > settings.cell_gap:
            break
        x0 = w["x0"]
    return x0


_SHORT_GROUP = re.compile(r"^\d{1,2}$")
_GROUP = re.compile(r"^[+\u2212\u2013-]?\(?\d{1,3}$")  # a digit group, the first of an amount maybe signed


def join_broken_amounts(lines: list[dict], settings: LayoutSettings) -> list[dict]:
    """An amount too wide for its cell, with no space where it could wrap (a non-breaking space between
    its groups), is broken inside its last group ("2 265 47" over "0"): a lone one- or two-digit
    word right under an amount whose last group is as much short of three digits, aligned with it
    (right edges, or left edges in a left-aligned cell), set as close as wrapped text, completes
    that group. Every such word of the lower line must complete one; label words stay on it."""
    out: list[dict] = []
    for line in lines:
        prev = out[-1] if out else None
        pairs = _broken_groups(prev, line, settings) if prev else []
        if not pairs:
            out.append(line)
            continue
        for upper, lower in pairs:
            upper.update(text=upper["text"] + lower["text"], x1=max(upper["x1"], lower["x1"]))
        prev["x1"] = max(w["x1"] for w in prev["words"])
        prev["text"] = " ".join(w["text"] for w in prev["words"])
        rest = [w for w in line["words"] if not any(w is lower for _, lower in pairs)]
        if rest:
            out.append(_line_of(rest, line))
    return out


def _broken_groups(upper: dict, lower: dict, settings: LayoutSettings) -> list[tuple[dict, dict]]:
    """The (upper group, lower piece) pairs of an amount broken inside a group, or [] when any lone
    short number of the lower line completes none (it is an amount of its own)."""
    if lower["top"] - upper["bottom"] > upper["bottom"] - upper["top"]:
        return []
    pieces = [w for w in lower["words"] if _SHORT_GROUP.match(w["text"]) and not _in_amount(w, lower, settings)]
    pairs = []
    for piece in pieces:
        group = next((w for w in upper["words"] if _completes(w, piece, upper, settings)), None)
        if group is None or any(group is g for g, _ in pairs):
            return []
        pairs.append((group, piece))
    return pairs


def _completes(group: dict, piece: dict, line: dict, settings: LayoutSettings) -> bool:
    """The piece completes the group to three digits, the group ends an amount of more than one group,
    and the piece is aligned with that amount (to its right edge, or to its left edge)."""
    if not _SHORT_GROUP.match(group["text"]) or len(group["text"]) + len(piece["text"]) != 3:
        return False
    words = line["words"]
    k = next(i for i, w in enumerate(words) if w is group)
    start = k
    while start > 0 and _GROUP.match(words[start - 1]["text"]) and \
            words[start]["x0"] - words[start - 1]["x1"] <= settings.number_gap:
        start -= 1
    if start == k:
        return False
    slack = settings.number_gap
    return abs(piece["x1"] - group["x1"]) <= slack or abs(piece["x0"] - words[start]["x0"]) <= slack


def _in_amount(word: dict, line: dict, settings: LayoutSettings) -> bool:
    """A digit group with another group right beside it: part of a whole amount ("5 470")."""
    return any(w is not word and _GROUP.match(w["text"].lstrip("(")) and
               (0 <= word["x0"] - w["x1"] <= settings.number_gap or 0 <= w["x0"] - word["x1"] <= settings.number_gap)
               for w in line["words"])


def _line_of(words: list[dict], line: dict) -> dict:
    top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
    return line | {"words": words, "top": top, "bottom": bottom, "middle": (top + bottom) / 2, "x0": words[0]["x0"],
                   "x1": max(w["x1"] for w in words), "text": " ".join(w["text"] for w in words)}


_DIGIT_GROUP = re.compile(r"^\d{3}$")
_WHOLE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+$")  # "7 094": a wrap inside a long amount, not "100" over "205"
_GROUP_END = re.compile(r"(?:^|\s|[^\d\s])\d{1,3}$")  # a whole amount's last digit group: "−140", "1 315"
ALIGN_SLACK = 0.3  # right edges of one cell's lines agree within this share of a line's height


def amounts_wrapped(upper: dict, lower: dict, upper_label: str, lower_label: str) -> bool:
    """Amounts too wide for a narrow cell wrap at a digit group ("7 094" over "730"): every amount of
    the lower line (of cells) is a lone three-digit group right under an amount of the upper one, right
    edges aligned, set at the line spacing of wrapped text, and its label (if any) goes on the upper
    one's from the same left edge ("Summa" over "intäkter"; an indented "varav" row is a row of its own).
    Every amount of the upper line wrapped and is in thousands; or the label goes on in lower case and
    only some of the amounts wrapped, those too wide for their cells ("Årets  −140  275 462" over
    "resultat  734")."""
    height = lower["bottom"] - lower["top"]
    slack = ALIGN_SLACK * height
    values = [c for c in lower["cells"] if is_value_cell(c["text"])]
    above = [c for c in upper["cells"] if is_value_cell(c["text"])]
    if lower["top"] - upper["bottom"] > height / 2 or (lower_label and abs(lower["x0"] - upper["x0"]) > slack):
        return False
    if not values or (lower_label and not is_continuation(upper_label, lower_label)):
        return False
    pairs = [(v, next((a for a in above if abs(v["x1"] - a["x1"]) <= slack), None)) for v in values]
    if any(a is None or not _DIGIT_GROUP.match(v["text"]) for v, a in pairs):
        return False
    if len(values) == len(above) and all(_WHOLE_GROUPS.search(a["text"]) for _, a in pairs):
        return True
    # only some of the row's amounts wrapped: a row of its own (a sub-item in lower case, "100" over
    # "205") has amounts in the columns the upper row fills
    return len(values) < len(above) and starts_lower(lower_label) and \
        all(_GROUP_END.search(a["text"]) for _, a in pairs)
