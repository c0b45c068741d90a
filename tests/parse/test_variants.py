"""Whole plans redrawn in the layouts real förbund publish (benchmarks/variants.py), read back.

Each variant must give every gold budget line and no other, and the published errors (and only
those) must be found: the items still add up to the totals after the layout changed.
"""

from __future__ import annotations

import pytest

from benchmarks.variants import render

from ..conftest import RAW, gold, rows, run_all
from ..extract.test_budget import _matched

CASES = [
    ("borderless", "001_0874f8358a7dd9a7"),  # header above the table, split over two pages, tkr
    ("tabstops", "004_4ca5af5e2bc26fdb"),  # left-aligned columns, header alone at a page foot
    ("wrapped", "000_92e5f93be53ef7af"),  # labels over two lines, amounts on the first or last
    ("split", "003_db996d9d141d330c"),  # tables forced over a page break, header repeated or not
    ("rotated", "002_993e2a07e1624d0f"),  # landscape pages carrying /Rotate 90
]


@pytest.mark.parametrize(("style", "stem"), CASES)
def test_variant_reads_like_the_original(tmp_path, style, stem):
    raw = tmp_path / "raw"
    render(RAW / f"{stem}.txt", raw / f"{stem}-{style}.pdf", style)
    warehouse = run_all(raw, tmp_path)
    pred = rows(warehouse, "SELECT * FROM budget_lines")
    want = gold(stem)["budget_lines"]
    assert _matched(pred, want) == len(want)
    assert len(pred) == len(want)
    errors = {(r["label"], r["year"]) for r in rows(warehouse, "SELECT * FROM findings WHERE severity = 'error'")}
    published = {(f["label"], f["year"]) for f in gold(stem)["findings"] if f["kind"].endswith("mismatch")}
    assert published <= errors
    doc = rows(warehouse, "SELECT forbund, plan_year FROM documents")[0]
    assert doc["plan_year"] == gold(stem)["plan_year"]


def test_header_without_a_year_at_a_page_foot_heads_the_table_on_the_next_page(tmp_path):
    """002's population table: "Befolkningsmängd | Procent" ends page 5, the kommun rows open page 6."""
    stem = "002_993e2a07e1624d0f"
    raw = tmp_path / "raw"
    render(RAW / f"{stem}.txt", raw / f"{stem}-borderless.pdf", "borderless")
    warehouse = run_all(raw, tmp_path)
    header = rows(warehouse, "SELECT page, text FROM table_cells WHERE row_no = 0 AND table_no = "
                  "(SELECT table_no FROM table_cells WHERE text = 'Motala kommun' ORDER BY table_no LIMIT 1) "
                  "ORDER BY col_no")
    assert [h["text"] for h in header][1:] == ["Befolkning smängd", "Procent"] and header[1]["page"] == 5
    shares = rows(warehouse, "SELECT stated, computed, verdict FROM findings WHERE kind LIKE 'share%'")
    assert len(shares) == 5 and all(s["verdict"] in ("ok", "rounding") for s in shares)
    assert round(sum(s["stated"] for s in shares), 1) == 100.0
