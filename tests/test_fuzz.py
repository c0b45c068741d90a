"""Layout fuzzer, fast subset: seeded Swedish budget tables through real engines (reportlab, headless
Chromium, LibreOffice), read by finsam's whole parse → extract → load, scored with score.py's rule.

The full benchmark is ``python -m benchmarks.fuzz --n 500`` (see benchmarks/fuzz/__main__.py).
"""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from benchmarks.fuzz.bench import draw_docs, render_docs, run_finsam, score_docs  # noqa: E402
from benchmarks.fuzz.gold import table_lines, unprinted  # noqa: E402
from benchmarks.fuzz.office import chromium, soffice  # noqa: E402
from benchmarks.fuzz.spec import FAMILIES, draw_doc  # noqa: E402

SEED = 7
PER_FAMILY = 2

# Overall budget F1 of finsam on this subset when the fuzzer was written: 0.763 (5 of 14 documents
# perfect); after session 5's reader work: 1.000 (14 of 14). The floor guards against regressions.
F1_FLOOR = 0.95
F1_TARGET = 0.99


def _families() -> tuple[str, ...]:
    """Every family whose engine is installed (LibreOffice and python-docx are optional here)."""
    try:
        import docx  # noqa: F401
        no_docx = False
    except ImportError:
        no_docx = True
    missing = {"html-chromium": chromium() is None, "docx-libreoffice": soffice() is None or no_docx,
               "xlsx-libreoffice": soffice() is None}
    return tuple(f for f in FAMILIES if not missing.get(f))


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    families = _families()
    if chromium() is None:
        pytest.skip("headless chromium not installed (apt-get install chromium): html-chromium family needed")
    out = tmp_path_factory.mktemp("fuzz")
    docs = draw_docs(SEED, PER_FAMILY * len(families), families)
    render_docs(docs, out, workers=2)
    warehouse = run_finsam(out, docs, workers=2)
    return out, docs, score_docs(warehouse, out, docs)


def test_same_seed_same_document():
    assert draw_doc(3, 5, "html-chromium") == draw_doc(3, 5, "html-chromium")
    assert draw_doc(3, 5, "html-chromium") != draw_doc(4, 5, "html-chromium")


@pytest.mark.parametrize("index", range(40))
def test_totals_add_up(index):
    """Summa rows are the sum of their items, the result is income less costs, differences are a − b."""
    doc = draw_doc(11, index, FAMILIES[index % len(FAMILIES)])
    for table in doc.tables:
        items: list = []
        sums = []
        for row in table.rows:
            if row.role == "item":
                items.append(row)
            elif row.role == "total":  # variance columns foot too: a blank outcome counts as nothing
                for j in range(len(table.columns)):
                    assert row.values[j] == sum(r.values[j] or 0 for r in items), (doc.seed, row.label)
                sums.append(row)
                items = []
            elif row.role == "result":
                income, costs = sums
                plain = [v for v, c in zip(costs.values, table.columns, strict=True) if not c.compare]
                sign = 1 if any(v < 0 for v in plain) else -1  # printed negative costs are added
                for j, c in enumerate(table.columns):
                    if not c.compare:
                        assert row.values[j] == income.values[j] + sign * costs.values[j], (doc.seed, row.label)
            for j, c in enumerate(table.columns):
                if c.compare and row.values:
                    a, b = row.values[c.compare[0]], row.values[c.compare[1]]
                    assert row.values[j] == (None if a is None and b is None else (a or 0) - (b or 0))


def test_every_gold_amount_is_printed(fuzzed):
    """The truth is what the page shows: each amount cell's text is in its PDF's text layer."""
    out, docs, _ = fuzzed
    for doc in docs:
        assert unprinted(doc, out / "raw" / f"{doc.stem}.pdf") == [], doc.stem
        assert sum(len(table_lines(t)) for t in doc.tables) > 0


def _overall_f1(scores) -> float:
    tp, pred, gold = (sum(getattr(s, k) for s in scores) for k in ("tp", "pred", "gold"))
    return 2 * tp / (pred + gold) if pred + gold else 1.0


def test_finsam_fuzz_floor(fuzzed):
    _, _, scores = fuzzed
    f1 = _overall_f1(scores)
    assert f1 >= F1_FLOOR, f"fuzzed-layout budget F1 {f1:.3f} fell below the recorded floor {F1_FLOOR}"


@pytest.mark.xfail(strict=False, reason="the 0.99 target holds on this subset (1.000) but not yet on every "
                   "family of the 504-document benchmark (docx 0.982); kept soft so a font or engine version "
                   "that breaks one table here does not fail CI")
def test_finsam_reads_fuzzed_tables(fuzzed):
    _, _, scores = fuzzed
    worst = sorted(scores, key=lambda s: s.f1)[:3]
    detail = "; ".join(f"{s.stem} F1={s.f1:.2f} missed {[m['label'] for m in s.missed[:2]]}" for s in worst)
    assert _overall_f1(scores) >= F1_TARGET, detail


def test_a_twocolumn_table_stays_inside_its_column():
    """Headers wrap rather than push a table into the next column (reportlab lets it overflow)."""
    from benchmarks.fuzz.cells import build_grid
    from benchmarks.fuzz.render import _fit, page_size

    doc = draw_doc(1, 492, "reportlab-twocolumn")  # six bold headers such as "Bokslut 2025-12-31 (tkr)"
    avail = (page_size(doc.style)[0] - 2 * 48 - 18) / 2 - 12
    for table in doc.tables:
        grid, widths, _ = _fit(build_grid(table), doc.style, avail)
        assert sum(widths) <= avail + 0.5
        assert any("\n" in text for row in grid.header for text, _ in row)
