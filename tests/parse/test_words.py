"""finsam's word builder gives exactly pdfplumber's extract_words (as finsam calls it).

Pinned on generated characters (hypothesis: ties in place, lines within and beyond the tolerance,
blanks, empty texts, ligatures, upright and turned runs) and on the sample plans read by both readers.
"""

from __future__ import annotations

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words as plumber_words
from pdfplumber.utils.text import LIGATURES as PLUMBER_LIGATURES

from pipeline.parse.pdfium_page import PdfiumDocument
from pipeline.parse.words import DEFAULT_Y_TOLERANCE, LIGATURES, extract_words

from ..conftest import RAW

WORD_GAP = 1.5


def reference(chars: list[dict], x_tolerance: float = WORD_GAP, y_tolerance: float = DEFAULT_Y_TOLERANCE) -> list[dict]:
    return plumber_words(chars, keep_blank_chars=False, use_text_flow=False, x_tolerance=x_tolerance,
                         y_tolerance=y_tolerance, return_chars=True)


def assert_same(ours: list[dict], theirs: list[dict]) -> None:
    """Equal words, keys in the same order, each holding the very same character dicts."""
    assert ours == theirs
    for a, b in zip(ours, theirs, strict=True):
        assert list(a) == list(b)
        assert [id(c) for c in a["chars"]] == [id(c) for c in b["chars"]]


# places on a coarse grid, so that characters share an x0 or a top, touch, overlap and stand just
# within or beyond the tolerances
_PLACE = st.integers(min_value=0, max_value=60).map(lambda n: n * 0.5)
_TEXT = st.sampled_from(["a", "b", "1", "9", " ", "\u00a0", "", "\ufb01", "\ufb03", "fi", "-", "."])


@st.composite
def characters(draw) -> list[dict]:
    chars = []
    for _ in range(draw(st.integers(min_value=0, max_value=40))):
        x0, top = draw(_PLACE), draw(_PLACE)
        width, height = draw(st.sampled_from([0.0, 0.5, 1.0, 2.5])), draw(st.sampled_from([1.0, 4.0]))
        chars.append({"text": draw(_TEXT), "x0": x0, "x1": x0 + width, "top": top, "bottom": top + height,
                      "doctop": top + draw(st.sampled_from([0.0, 842.0])), "size": height,
                      "upright": draw(st.sampled_from([True, True, True, False, 1, 0]))})
    return chars


@settings(max_examples=400, deadline=None)
@given(characters(), st.sampled_from([0.0, 0.5, 1.5, 3.0]), st.sampled_from([0.0, 1.0, 3.0]))
def test_words_are_pdfplumbers_on_generated_characters(chars, x_tolerance, y_tolerance):
    assert_same(extract_words(chars, x_tolerance, y_tolerance), reference(chars, x_tolerance, y_tolerance))


def test_a_blank_ends_a_word_and_an_empty_text_is_a_word_of_its_own():
    chars = [{"text": t, "x0": float(i), "x1": i + 1.0, "top": 0.0, "bottom": 5.0, "doctop": 0.0, "upright": True}
             for i, t in enumerate(["a", "b", " ", "c", "", "d", "\ufb01"])]
    words = extract_words(chars, WORD_GAP)
    assert [w["text"] for w in words] == ["ab", "c", "", "dfi"]
    assert_same(words, reference(chars))


def test_ligatures_are_pdfplumbers():
    assert PLUMBER_LIGATURES == LIGATURES


@pytest.mark.parametrize("path", sorted(RAW.glob("*.pdf")), ids=lambda p: p.name)
def test_sample_plans_give_pdfplumbers_words_from_both_readers(path):
    plumber, pdfium = pdfplumber.open(path), PdfiumDocument(path)
    try:
        for page in [*plumber.pages, *pdfium.pages]:
            assert_same(extract_words(page.chars, WORD_GAP), reference(page.chars))
    finally:
        plumber.close()
        pdfium.close()
