"""Fuzzed documents finsam once misread, kept read: each is redrawn from its seed and index by the
fuzzer (the same draw as in the benchmark) and must come out perfect. One line per fixed failure
class; the class is named beside it."""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from benchmarks.fuzz.bench import render_docs, run_finsam, score_docs  # noqa: E402
from benchmarks.fuzz.spec import draw_doc  # noqa: E402

from .test_fuzz import _families  # noqa: E402

ONCE_MISREAD = [
    (5, 15, "reportlab-split"),     # a table over three pages: the third page's rows were lost
    (5, 44, "xlsx-libreoffice"),    # a wide sheet's one-row strip page, printed down then across
    (7, 229, "reportlab-split"),    # a header repeated overleaf whose spanning cell fell to both columns
    (8, 109, "xlsx-libreoffice"),   # a header line 'Not 2020 2021 2021 2022 Antal deltagare'
    (1, 284, "html-chromium"),      # a header line '(tkr) 2025 2026 2026 2027': one year twice
    (6, 62, "docx-libreoffice"),    # a last row overleaf with the next table's caption under it
    (10, 85, "docx-libreoffice"),   # a line of years padded far above its rows by a Word cell
    (9, 7, "xlsx-libreoffice"),     # a second table headed 'Budget 2028 | Andel' under the first
    (12, 289, "xlsx-libreoffice"),  # a ruled header centred in wide cells at a page foot, rows overleaf
    (12, 280, "xlsx-libreoffice"),  # a section heading one row under a ruled total: the table goes on
    (12, 291, "xlsx-libreoffice"),  # two ruled tables one blank row apart: the second header splits them
    (13, 251, "xlsx-libreoffice"),  # a header line 'Not 2023 2024 2024 2025' with no row label
    (12, 394, "xlsx-libreoffice"),  # a strip page laid a hair off its strip (seam rounding)
    (10, 14, "docx-libreoffice"),   # a header a row's cell padding above rows whose labels wrap in a narrow cell
    (10, 36, "docx-libreoffice"),   # banded rows: an unshaded row wrapped over three lines parts two rules
    (10, 33, "docx-libreoffice"),   # a last row's label going on with a capital under the last rule, overleaf
    (10, 68, "docx-libreoffice"),   # a header whose years wrap onto different lines of their cells
    (10, 7, "docx-libreoffice"),    # a label tail over three lines opening the next page
    (10, 42, "docx-libreoffice"),   # one amount wrapped in its cell ("−140" over "734"), the others not
]


@pytest.fixture(scope="module")
def once_misread(tmp_path_factory):
    families = set(_families())
    docs = [draw_doc(seed, index, family) for seed, index, family in ONCE_MISREAD if family in families]
    if not docs:
        pytest.skip("no fuzzer engine installed")
    out = tmp_path_factory.mktemp("regressions")
    render_docs(docs, out, workers=2)
    return score_docs(run_finsam(out, docs, workers=2), out, docs)


def test_documents_once_misread_are_read_whole(once_misread):
    imperfect = {s.stem: round(s.f1, 3) for s in once_misread if s.f1 < 1.0}
    assert imperfect == {}
