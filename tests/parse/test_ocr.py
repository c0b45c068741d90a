"""The pure steps around tesseract: merging its two passes, dropping stray brackets and dashes, bullets."""

from __future__ import annotations

from pipeline.parse.ocr import (
    _tidy_words,
    _within,
    balance_brackets,
    join_digit_groups,
    joining_dashes,
    level_lines,
    mark_bullets,
    merge_passes,
)
from pipeline.settings import LayoutSettings, OcrSettings


def _word(text: str, x0: float, x1: float, top: float = 100.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10}


def test_letters_come_from_the_swedish_pass_and_signs_from_the_second():
    swedish = [_word("Att", 0, 20), _word("80", 25, 40), _word("20", 42, 52), _word("av", 56, 68),
               _word("Ränta", 0, 30, 120), _word("hög", 40, 60, 120)]
    second = [_word("Att", 0, 20), _word("80", 25, 40), _word("%", 42, 52), _word("av", 56, 68),
              _word("Ranta", 0, 30, 120), _word("h6g", 40, 60, 120)]
    assert [w["text"] for w in merge_passes(swedish, second)] == ["Att", "80", "%", "av", "Ränta", "hög"]


def test_a_number_split_differently_by_the_two_passes_is_taken_whole_from_the_second():
    swedish = [_word("12", 100, 112), _word("800", 115, 135), _word("000", 138, 158)]  # rule stub read as "2"
    second = [_word("1", 104, 110), _word("800", 115, 135), _word("000", 138, 158)]
    assert [w["text"] for w in merge_passes(swedish, second)] == ["1", "800", "000"]


def test_brackets_without_a_partner_on_their_line_are_dropped():
    words = [_word("0)", 0, 10), _word("0", 20, 30), _word("minst", 0, 30, 130), _word("7", 35, 40, 130),
             _word("(av", 45, 60, 130), _word("10)", 65, 80, 130)]
    assert [w["text"] for w in balance_brackets(words)] == ["0", "0", "minst", "7", "(av", "10)"]


def test_a_number_one_pass_reads_whole_and_the_other_in_digit_groups_stays_one_amount():
    first = [_word("1200", 326, 359)]
    second = [_word("1", 326, 332), _word("200", 337, 359)]
    merged = merge_passes(first, second)
    assert [(w["text"], w["x0"], w["x1"]) for w in merged] == [("1 200", 326, 359)]


def test_a_dash_between_two_close_words_is_kept_and_a_lone_one_dropped():
    """'Förslag budget 2024 - 2026': without its dash the title reads as a label and a year header."""
    read = [_word("budget", 0, 30) | {"conf": 96.0}, _word("2024", 33, 55) | {"conf": 96.0},
            {"text": "-", "x0": 58, "x1": 61, "top": 104, "bottom": 105, "conf": 92.0},
            _word("2026", 64, 86) | {"conf": 96.0},
            _word("119", 0, 15, 130) | {"conf": 96.0}, _word("-", 60, 63, 134) | {"conf": 40.0},  # an empty cell's mark
            _word("465", 120, 135, 130) | {"conf": 96.0}, _word("-", 150, 153, 134) | {"conf": 30.0}]  # speckle
    words = joining_dashes(_tidy_words(read, 1.0), OcrSettings())
    assert [w["text"] for w in words] == ["budget", "2024", "-", "2026", "119", "465"]


def test_a_small_raised_mark_opening_a_line_is_a_bullet_and_a_letter_on_the_baseline_is_not():
    bullet = {"text": "oe", "x0": 0, "x1": 4, "top": 103, "bottom": 107}  # a dot at mid-height, read as letters
    item = [bullet, _word("23,9", 18, 38), _word("%", 41, 48), _word("insatser", 52, 90)]
    word = {"text": "i", "x0": 0, "x1": 3, "top": 104, "bottom": 110}  # a short word, on the baseline
    prose = [word | {"top": 124, "bottom": 130}, _word("budgeten", 6, 50, 120)]
    marked = sorted(mark_bullets(item + prose, OcrSettings()), key=lambda w: (w["bottom"] > 115, w["x0"]))
    assert [w["text"] for w in marked] == ["\u2022", "23,9", "%", "insatser", "i", "budgeten"]


def test_words_of_one_line_share_its_top_so_a_cell_reads_left_to_right():
    """Ink boxes: '1 045' a hair lower than '924' would sort after it by rounded top."""
    words = [_word("Motala", 0, 30, 618.5), _word("1", 489.6, 494.2, 618.7), _word("045", 497.3, 513.6, 618.7),
             _word("924", 517.0, 532.8, 618.5), _word("1", 40, 44, 612.0),  # a raised footnote mark
             {"text": "000", "x0": 540, "x1": 555, "top": 616.2, "bottom": 630.6}]  # a speck joined its box
    levelled = level_lines(words, OcrSettings())
    assert [w["text"] for w in sorted(levelled, key=lambda w: (round(w["top"]), w["x0"]))] == \
        ["1", "Motala", "1", "045", "924", "000"]
    assert len({w["top"] for w in levelled if w["x0"] > 40}) == 1
    assert next(w["top"] for w in levelled if w["x0"] == 40) == 612.0


def test_digit_groups_too_far_apart_for_the_layout_but_half_a_text_height_are_one_amount():
    """Ink boxes: a thousands space of '8 236 000' read 5 points wide, over LayoutSettings.number_gap;
    the whole amount is joined, as the layout joins only three-digit groups."""
    line = [_word("8", 330.0, 335.5), _word("236", 339.1, 354.2), _word("000", 359.3, 375.1),
            _word("8", 488.9, 494.4), _word("086", 497.3, 513.6), _word("000", 515.8, 533.8),  # close: left
            _word("48,4", 560, 580), _word("100", 585, 600)]  # a share is no thousands group
    joined = join_digit_groups(line, LayoutSettings())
    assert [(w["text"], w["x0"], w["x1"]) for w in joined] == [
        ("8236000", 330.0, 375.1), ("8", 488.9, 494.4), ("086", 497.3, 513.6), ("000", 515.8, 533.8),
        ("48,4", 560, 580), ("100", 585, 600)]
    assert [w["text"] for w in join_digit_groups([_word("119", 250, 266), _word("465", 330, 346)],
                                                 LayoutSettings())] == ["119", "465"]  # two columns


def test_a_second_reading_that_runs_out_of_its_box_into_the_next_column_is_refused():
    box = (314, 130, 390, 150)  # one amount and the white beside it, up to the next column's number
    assert _within(_word("8236000", 330, 375), box, OcrSettings())
    assert not _within(_word("82360008", 330, 414.7), box, OcrSettings())  # took the next column's '8'
    assert not _within(_word("000", 395, 420), box, OcrSettings())  # centre outside
