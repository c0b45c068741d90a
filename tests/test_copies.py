"""Copies (pipeline/copies.py): each plan counts once in primary_budget_lines, whatever else raw/ holds."""

from __future__ import annotations

import shutil

import pytest

from pipeline.copies import shared
from pipeline.extract import extract
from pipeline.load import load
from pipeline.parse import parse
from pipeline.status import find_status

from .conftest import RAW, STEMS, gold, rows

GOOD = "004_4ca5af5e2bc26fdb.txt"
# the lines whose sum is each plan's cost total, as the plan prints it: (label, nth of that label in the gold)
COST_TOTALS = {
    "000_92e5f93be53ef7af": [("Summa kostnader för insatser", 0), ("Summa styrelse och kansli", 0),
                             ("Övriga finansiella kostnader", 0)],  # two cost blocks and a line under them
    "001_0874f8358a7dd9a7": [("Total summa", 0)],
    "002_993e2a07e1624d0f": [("Totalt", 1)],  # the first Totalt is the income's
    "003_db996d9d141d330c": [("Summa totala kostnader", 0)],
    "004_4ca5af5e2bc26fdb": [("Summa kostnader", 0)],
}


def test_the_sample_pairs_are_five_plans_each_pdf_primary_and_its_txt_a_copy(both_warehouse):
    docs = rows(both_warehouse, "SELECT document, is_primary, copy_of, copy_reason FROM documents ORDER BY document")
    assert len(docs) == 10
    assert [d["document"] for d in docs if d["is_primary"]] == [f"{stem}.pdf" for stem in STEMS]
    for stem in STEMS:
        txt = next(d for d in docs if d["document"] == f"{stem}.txt")
        assert txt["copy_of"] == f"{stem}.pdf" and not txt["is_primary"]
        assert txt["copy_reason"].startswith(f"the same plan as {stem}.pdf (100 % of ")
    assert rows(both_warehouse, "SELECT count(DISTINCT document) n FROM primary_budget_lines")[0]["n"] == 5
    assert rows(both_warehouse, "SELECT count(*) n FROM primary_budget_lines")[0]["n"] * 2 == \
        rows(both_warehouse, "SELECT count(*) n FROM budget_lines")[0]["n"]


@pytest.mark.parametrize("stem", STEMS)
def test_a_plans_cost_lines_add_up_to_its_own_cost_total(both_warehouse, stem):
    """SUM over primary_budget_lines of the plan year's non-total cost lines is the cost total the plan
    prints, less the plan's own slip the gold names (Burlöv's personnel subtotal is 42 kr over its lines).
    The plan year only: Sollefteå's later years do not add up in the plan itself."""
    plan = gold(stem)
    year = plan["plan_year"]
    stated = sum(b["amount_sek"] for label, nth in COST_TOTALS[stem] for b in _gold_lines(plan, label, nth)
                 if b["year"] == year)
    slips = sum(f["computed"] - f["stated"] for f in plan["findings"] if f["kind"].startswith("sum_")
                and "kostnad" in f["label"].lower() and f["year"] == year)
    found = rows(both_warehouse, "SELECT sum(amount_sek) s FROM primary_budget_lines WHERE document = ? AND "
                 "NOT is_total AND side = 'kostnad' AND year = ? AND column_kind = 'budget'", [f"{stem}.pdf", year])
    assert stated and found[0]["s"] == stated + slips
    assert stem != "003_db996d9d141d330c" or slips == -42


def _gold_lines(plan: dict, label: str, nth: int) -> list[dict]:
    """The gold lines of the nth row labelled so (one per year; a row's years follow each other)."""
    same = [b for b in plan["budget_lines"] if b["label"] == label]
    starts = [i for i, b in enumerate(same) if i == 0 or b["year"] <= same[i - 1]["year"]]
    return same[starts[nth]:starts[nth + 1] if nth + 1 < len(starts) else None]


def test_a_byte_copy_is_a_copy_of_the_original_and_deleting_the_original_promotes_it(tmp_path):
    raw, extracted, warehouse = tmp_path / "raw", tmp_path / "extracted", tmp_path / "w.duckdb"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / GOOD)
    shutil.copy(RAW / GOOD, raw / "kopia.txt")
    text = (RAW / GOOD).read_text(encoding="utf-8")
    (raw / "utf16.txt").write_bytes(text.encode("utf-16"))  # other bytes, the same plan
    result = _run(raw, extracted, warehouse)
    assert [(c.document, c.primary) for c in result.copies] == [("kopia.txt", GOOD), ("utf16.txt", GOOD)]
    assert [c.reason for c in result.copies] == [f"the same file as {GOOD}",
                                                 f"the same plan as {GOOD} (100 % of 110 budget lines shared)"]
    assert "kopia.txt: the same file as 004_4ca5af5e2bc26fdb.txt; 004_4ca5af5e2bc26fdb.txt is primary, this copy " \
           "is kept out of primary_budget_lines" in result.summary()
    status = str(find_status(raw, extracted, warehouse))
    assert "Copies, kept out of primary_budget_lines (the primary's lines are counted):\n" \
           f"  kopia.txt: the same file as {GOOD}; {GOOD} is primary\n" in status
    assert _primary_lines(warehouse) == {GOOD: 110}

    (raw / GOOD).unlink()
    result = _run(raw, extracted, warehouse)
    assert result.processed == () and result.removed == (GOOD,)  # nothing re-read, only re-weighed
    assert [(c.document, c.primary) for c in result.copies] == [("utf16.txt", "kopia.txt")]
    assert _primary_lines(warehouse) == {"kopia.txt": 110}
    assert rows(warehouse, "SELECT copy_of FROM documents WHERE document = 'kopia.txt'") == [{"copy_of": None}]


def _run(raw, extracted, warehouse):
    parse(raw, extracted)
    extract(extracted)
    return load(extracted, warehouse)


def _primary_lines(warehouse) -> dict[str, int]:
    return {r["document"]: r["n"] for r in rows(warehouse, "SELECT document, count(*) n FROM primary_budget_lines "
                                                           "GROUP BY document")}


def test_plans_sharing_fewer_than_nine_lines_in_ten_are_two_plans():
    a = [(f"rad {i}", 2025, 1000 * i) for i in range(10)]
    assert shared(a, a) == 1.0
    assert shared(a, [*a[:9], ("rad 9", 2025, 1)]) == 0.9  # one amount differs
    assert shared(a, [*a[:8], ("annan", 2025, 1), ("rad 9", 2026, 9000)]) == 0.8
    assert shared(a, [(label.replace("rad", "raad"), y, v) for label, y, v in a]) == 1.0  # a letter misread
    assert shared(a, []) == 0.0
