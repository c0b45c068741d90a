"""The layout steps made cheaper give what the plain versions of them give, on synthetic words.

Each reference below is the plain form of its step (every pair, every suffix, every char's row): the
faster code must decide exactly as it does, on random lines of labels, amounts, years and units.
"""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

from pipeline.parse.glyphs import drop_leader_glyphs
from pipeline.parse.layout import _is_numeric_token, _segment, group_lines, split_cells
from pipeline.parse.pdf import _on_paper
from pipeline.settings import LayoutSettings

SETTINGS = LayoutSettings()
TEXTS = ["Summa", "intäkter", "och", "2024", "2025", "100", "000", "1 200", "-", "tkr", "kr", "%", "(12)",
         "−5", "3,5", "*", "Övriga", "68", "45 000", "Budget", "12**", "–", "9"]


def _words(rng: random.Random, n: int) -> list[dict]:
    """A line of n words left to right, some close together, some a column apart."""
    out, x = [], rng.uniform(30, 80)
    for _ in range(n):
        text = rng.choice(TEXTS)
        width = 4.5 * len(text)
        top = 100 + rng.uniform(-1.5, 1.5)
        out.append({"text": text, "x0": round(x, 2), "x1": round(x + width, 2), "top": top, "bottom": top + 9})
        x += width + rng.choice([2.5, 3.0, 4.0, 5.0, 8.0, 9.0, 12.0, 40.0])
    return out


def _split_cells_plain(line: dict, boundaries: list[float], split_tails: bool = True) -> list[dict]:
    """split_cells as first written: the numeric tail found by testing every suffix."""
    from pipeline.parse.layout import _split_numbers

    runs: list[list[dict]] = []
    for word in line["words"]:
        if runs:
            prev = runs[-1][-1]
            crosses = any(prev["x1"] <= b <= word["x0"] + 1 for b in boundaries)
            if word["x0"] - prev["x1"] <= SETTINGS.cell_gap and not crosses:
                runs[-1].append(word)
                continue
        runs.append([word])
    cells = []
    for run in runs:
        first_num = next((i for i, w in enumerate(run) if all(_is_numeric_token(x["text"]) for x in run[i:])), None)
        tail = " ".join(w["text"] for w in run[first_num:]) if first_num else ""
        year = re.match(r"^(19[89]\d|20\d\d)$", tail)
        if split_tails and first_num and any(ch.isdigit() for ch in tail) and not year:
            cells.append(_segment(run[:first_num]))
            run = run[first_num:]
        if all(_is_numeric_token(w["text"]) for w in run):
            cells += [_segment(g) for g in _split_numbers(run, SETTINGS)]
        else:
            cells.append(_segment(run))
    return cells


def test_cells_of_random_lines_are_those_of_testing_every_suffix():
    rng = random.Random(3)
    for _ in range(3000):
        line = {"words": _words(rng, rng.randint(0, 9))}
        bounds = sorted(rng.uniform(40, 300) for _ in range(rng.randint(0, 4)))
        for tails in (True, False):
            assert split_cells(line, bounds, SETTINGS, tails) == _split_cells_plain(line, bounds, tails)


def test_lines_of_random_words_are_those_of_sorting_the_words():
    rng = random.Random(5)
    for _ in range(500):
        words = [w | {"top": w["top"] + 12 * rng.randint(0, 5)} for w in _words(rng, rng.randint(0, 30))]
        rng.shuffle(words)
        plain = []
        for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
            middle = (word["top"] + word["bottom"]) / 2
            if plain and abs(plain[-1]["middle"] - middle) <= SETTINGS.line_tolerance:
                plain[-1]["words"].append(word)
            else:
                plain.append({"middle": middle, "words": [word]})
        lines = group_lines(words, SETTINGS.line_tolerance)
        assert [line["words"] for line in lines] == [sorted(p["words"], key=lambda w: w["x0"]) for p in plain]
        assert [line["middle"] for line in lines] == [p["middle"] for p in plain]


def _chars(rng: random.Random, right: float) -> list[dict]:
    """Chars on lines, some running up to or past the right edge at x = right."""
    out = []
    for row in range(6):
        x = rng.uniform(20, 60)
        for _ in range(rng.randint(1, 40)):
            w = rng.uniform(3, 7)
            out.append({"text": rng.choice("ab1 2.") , "x0": x, "x1": x + w, "top": 50.0 + 14 * row,
                        "bottom": 59.0 + 14 * row})
            x += w + rng.choice([0.0, 0.5, 3.0])
        if x < right - 20 and rng.random() < 0.5:
            x = right - 10  # a line that reaches the edge
    return out


def _on_paper_plain(chars: list[dict], right: float, gap: float) -> tuple[list[dict], list[str]]:
    """_on_paper as first written (upright page from x = 0 to right): every line walked."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    kept, cut = [], []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        printed = [c for c in row if c["x0"] < right and c["x1"] > 0]
        kept += printed
        if not printed:
            continue
        beyond = [c for c in row if c["x0"] >= right and c["text"].strip()]
        if not (beyond or printed[-1]["x1"] > right + gap):
            continue
        previous = printed[-1]
        for c in (c for c in row if c["x0"] >= right):
            if c["x0"] - previous["x1"] > gap or c["text"].isspace():
                break
            kept.append(c)
            previous = c
        cut.append("".join(c["text"] for c in row if c["x1"] > right + gap).strip())
    keep = {id(c) for c in kept}
    return [c for c in chars if id(c) in keep], [text for text in cut if text]


def test_chars_on_the_paper_are_those_of_walking_every_line():
    """A page with nothing near the edge skips walking its lines: the same chars, in drawing order."""
    rng = random.Random(11)
    page = SimpleNamespace(bbox=(0.0, 0.0, 300.0, 400.0), height=400.0, width=300.0)
    near = 0
    for _ in range(400):
        chars = _chars(rng, 300.0)
        rng.shuffle(chars)  # drawing order is not reading order
        near += any(c["x1"] > 300.0 + SETTINGS.word_gap for c in chars)
        assert _on_paper(chars, page, False, SETTINGS.word_gap) == _on_paper_plain(chars, 300.0, SETTINGS.word_gap)
    assert 0 < near < 400


def test_a_page_without_leaders_comes_back_whole_and_a_leader_goes():
    chars = [{"text": t, "x0": 10.0 + 5 * k, "x1": 14.0 + 5 * k, "top": 100.0} for k, t in enumerate("Summa 1 200")]
    assert drop_leader_glyphs(chars, SETTINGS) == chars
    dotted = [{"text": t, "x0": 10.0 + 5 * k, "x1": 14.0 + 5 * k, "top": 100.0} for k, t in enumerate("Summa.....9")]
    assert "".join(c["text"] for c in drop_leader_glyphs(dotted, SETTINGS)) == "Summa9"
