"""A page whose glyphs are drawn as outlines (no chars, no image, thousands of curves) is OCR'd like a
scan; a page OCR finds nothing on is reported by number."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.parse import ocr
from pipeline.parse.pdf import _needs_ocr, _page_words
from pipeline.settings import LayoutSettings

SETTINGS = LayoutSettings()


def _page(images: int = 0, curves: int = 0, lines: int = 0) -> SimpleNamespace:
    return SimpleNamespace(images=[{}] * images, curves=[{}] * curves, lines=[{}] * lines)


@pytest.mark.parametrize(("page", "expected"), [
    (_page(curves=4000), True),                                   # "Microsoft: Print To PDF" outlines
    (_page(curves=150, lines=SETTINGS.ocr_min_vector_paths), True),
    (_page(images=1), True),                                      # a scan
    (_page(curves=12, lines=3), False),                           # a blank page with a rule or a logo
    (_page(), False),
])
def test_which_pages_without_text_go_to_ocr(page, expected):
    assert _needs_ocr(page, [], SETTINGS) is expected


def test_a_page_with_text_is_not_ocrd_however_much_is_drawn():
    words = [{"text": "Verksamhetsplan med budget 2025"}]
    assert not _needs_ocr(_page(images=2, curves=5000), words, SETTINGS)


def test_outlined_page_is_read_by_ocr_and_an_empty_one_is_named(monkeypatch):
    found = [{"text": "Rapportsammandrag", "x0": 50, "x1": 200, "top": 60, "bottom": 72}]
    monkeypatch.setattr(ocr, "ocr_page_words", lambda page, settings: found)
    problems: list = []
    assert _page_words(_page(curves=4000), [], 2, SETTINGS, True, "r03.pdf", problems) == (found, "ocr")
    assert problems == []

    monkeypatch.setattr(ocr, "ocr_page_words", lambda page, settings: [])
    words, source = _page_words(_page(curves=4000), [], 3, SETTINGS, True, "r03.pdf", problems)
    assert (words, source) == ([], "ocr")
    assert [str(p) for p in problems][0].startswith("r03.pdf: page 3 has no text layer and OCR found no text.")


def test_vector_threshold_is_validated():
    with pytest.raises(ValueError, match="ocr_min_vector_paths"):
        LayoutSettings(ocr_min_vector_paths=0)
