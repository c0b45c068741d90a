"""Checks that read the NLP: prose amounts against the table, funding splits, percentage columns."""

from __future__ import annotations

from ..conftest import copy_plans, rows, run_all


def test_prose_amount_agrees_with_its_budget_line(text_warehouse):
    found = rows(text_warehouse, "SELECT label, year, stated, computed, verdict FROM findings "
                 "WHERE document LIKE '000%' AND kind LIKE 'prose_vs_table%' ORDER BY label")
    assert {"label": "SamCoach", "year": 2024, "stated": 775_000, "computed": 775_000, "verdict": "ok"} in found


def test_population_shares_match_the_population_column(text_warehouse):
    found = rows(text_warehouse, "SELECT label, stated, verdict FROM findings WHERE document LIKE '002%' "
                 "AND kind LIKE 'share%'")
    assert {f["label"] for f in found} >= {"Motala kommun", "Mjölby kommun", "Ödeshögs kommun"}
    assert all(f["verdict"] in ("ok", "rounding") for f in found)


def test_funding_split_adds_up_to_a_hundred(text_warehouse):
    found = rows(text_warehouse, "SELECT computed, verdict FROM findings WHERE document LIKE '002%' "
                 "AND kind LIKE 'split%'")
    assert found and all(f["computed"] == 100 and f["verdict"] == "ok" for f in found)


def test_prose_that_disagrees_with_the_table_is_a_warning(tmp_path):
    name = "000_92e5f93be53ef7af.txt"
    raw = copy_plans(tmp_path / "raw", name)
    text = (raw / name).read_text(encoding="utf-8")
    old = "Förbundets finansiering 2024: 775 000 kronor"
    assert old in text
    (raw / name).write_text(text.replace(old, "Förbundets finansiering 2024: 757 000 kronor"), encoding="utf-8")
    found = rows(run_all(raw, tmp_path), "SELECT severity, stated, computed, explanation FROM findings "
                 "WHERE kind = 'prose_vs_table_mismatch'")
    assert found == [{"severity": "warning", "stated": 757_000, "computed": 775_000,
                      "explanation": "Texten anger 757\u00a0000 kr för SamCoach 2024; tabellen 775\u00a0000 kr."}]
