"""The pure steps around tesseract: merging its two passes, dropping stray brackets."""

from __future__ import annotations

from pipeline.parse.ocr import balance_brackets, merge_passes


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
