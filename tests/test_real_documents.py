"""Real public documents from other bodies (../shared/corpus/real): an audit office's table with tkr in
the header corner and one year in two columns, two housing cooperatives' annual reports (year-less
equity columns, unlabeled totals, key-figure rows) and a regional budget as single-spaced text in mnkr.
Their gold was read off the page images by hand. Skipped where the shared corpus is not beside the repo."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, rows, run_all

REAL = ROOT.parent / "shared" / "corpus" / "real"
BORN_DIGITAL = ("r01_stadsrevisionen-2024.pdf", "r02_brf-bullerbyn-2021.pdf", "r04_varmland-budget.txt",
                "r05_brf-kastanjen4-2024.pdf")

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here (the shared corpus)")


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("real")
    raw = work / "raw"
    raw.mkdir()
    for name in BORN_DIGITAL:
        shutil.copy(next(REAL.glob(f"*/{name}")), raw / name)
    return run_all(raw, work)


def _gold(name: str) -> dict:
    return json.loads((REAL / "gold" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))


def _scorer():
    """The shared scorer itself, so the test and the published figures match lines by one rule."""
    spec = importlib.util.spec_from_file_location("score", REAL.parents[1] / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_gold_pages_read_whole_with_their_column_kinds(real_warehouse, name):
    gold = _gold(name)
    pred = rows(real_warehouse, "SELECT * FROM budget_lines WHERE document = ?", [name])
    if gold.get("pages"):
        pred = [p for p in pred if p["page"] in gold["pages"]]
    want = gold["budget_lines"]
    matched, misses, kinds_right, kinds = _scorer().score_budget(pred, want)
    assert not misses
    assert len(pred) == matched
    assert kinds_right == kinds


def test_unit_in_the_header_corner_scales_every_amount(real_warehouse):
    got = rows(real_warehouse, "SELECT label, year, column_kind, amount_sek FROM budget_lines WHERE document = ? "
               "AND label = 'Summa kostnader' ORDER BY col_no", [BORN_DIGITAL[0]])
    assert [(g["year"], g["column_kind"], g["amount_sek"]) for g in got] == [
        (2024, "utfall", -45_179_000), (2024, "budget", -48_403_000), (2023, "utfall", -44_491_000)]


def test_single_spaced_text_table_in_mnkr_adds_up(real_warehouse):
    got = rows(real_warehouse, "SELECT label, year, column_kind, amount_sek FROM budget_lines WHERE document = ? "
               "AND column_kind = 'budget' AND year = 2026 AND table_no = (SELECT max(table_no) FROM budget_lines "
               "WHERE document = ?)", [BORN_DIGITAL[2]] * 2)
    areas = [g["amount_sek"] for g in got if g["label"] not in ("Summa", "Varav finansiering från riktade "
                                                                "statsbidrag") and not g["label"].startswith("Summa")]
    assert sum(areas[:-1]) == areas[-1] == 9_810_000_000  # 13 areas and their unlabeled total
