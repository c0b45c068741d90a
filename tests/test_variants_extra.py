"""The held-out layouts of benchmarks/variants_extra.py draw every gold amount into the PDF's text layer.

Only the renderers are checked here (cheap); how finsam reads them is measured by the benchmark.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest

from benchmarks.variants import STYLES, render
from benchmarks.variants_extra import EXTRA_STYLES, chromium

from .conftest import RAW, gold

STEM = "002_993e2a07e1624d0f"  # two small tables in kronor: every gold amount is printed as it is


def _text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _amount(sek: int) -> str:
    return f"{sek:,}".replace(",", " ")


@pytest.mark.parametrize("style", ["ledger", "leaders", "twocolumn", "web"])
def test_extra_style_prints_the_gold_amounts(tmp_path, style):
    if style == "web" and chromium() is None:
        pytest.skip("Chromium is not installed")
    out = render(RAW / f"{STEM}.txt", tmp_path / f"{STEM}-{style}.pdf", style)
    text = _text(out)
    for line in gold(STEM)["budget_lines"]:
        assert _amount(line["amount_sek"]) in text, (style, line)
    assert "Staten genom FK" in text and "Intäkter/tilldelning" in text
    if style == "leaders":
        assert re.search(r"Staten genom FK \.{3,} 4 322 000", text)


def test_extra_styles_are_registered():
    assert set(EXTRA_STYLES) <= set(STYLES)
    with pytest.raises(ValueError):
        render(RAW / f"{STEM}.txt", RAW / "never.pdf", "nonesuch")
