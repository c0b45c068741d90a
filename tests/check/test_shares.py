"""The plan's own statements about its budget: stated category shares and its own limits."""

from __future__ import annotations

from pipeline.check.shares import StatedShare, find_stated_share_lists, nearest_grouping

from ..conftest import copy_plans, rows, run_all


def test_stated_category_shares_are_explained_by_the_cost_lines(text_warehouse):
    found = rows(text_warehouse, "SELECT label, year, stated, computed, verdict, explanation FROM findings "
                 "WHERE document LIKE '004%' AND kind LIKE 'stated_share%' ORDER BY stated DESC")
    assert [(f["label"], f["stated"], f["computed"]) for f in found] == [
        ("individinriktade insatser", 55.2, 55.15), ("strukturövergripande insatser", 23.9, 23.93),
        ("administration", 18.5, 18.52), ("ny verksamhet", 2.4, 2.39)]
    assert {f["verdict"] for f in found} == {"rounding"} and {f["year"] for f in found} == {2024}
    # the förbund counts the ESF+ project "Räkna med oss!" as new activity, not as an individual insats
    assert "Ny verksamhet, Räkna med oss!: 197\u00a0000 av 8\u00a0236\u00a0000 kr = 2,39 %" in found[-1]["explanation"]
    assert sum(f["computed"] for f in found) == 99.99  # four rounded shares of the whole cost budget


def test_a_changed_share_cannot_be_explained_and_says_so(tmp_path):
    name = "004_4ca5af5e2bc26fdb.txt"
    raw = copy_plans(tmp_path / "raw", name)
    text = (raw / name).read_text(encoding="utf-8")
    (raw / name).write_text(text.replace("- 55,2 % individinriktade", "- 45,2 % individinriktade"), encoding="utf-8")
    found = rows(run_all(raw, tmp_path), "SELECT label, severity, verdict, computed, explanation FROM findings "
                 "WHERE kind LIKE 'stated_share%' AND label = 'individinriktade insatser'")
    assert found == [{"label": "individinriktade insatser", "severity": "warning", "verdict": "cannot tell",
                      "computed": 56.98, "explanation": "45,2 % individinriktade insatser: med rapportens kategorier "
                      "57,0 % av 8\u00a0236\u00a0000 kr; ingen närliggande gruppering av raderna ger planens andelar."}]


def test_own_limits_are_tested_every_budget_year(text_warehouse):
    found = rows(text_warehouse, "SELECT document, label, year, stated, computed, verdict, severity FROM findings "
                 "WHERE kind = 'own_limit_check' ORDER BY document, label, year")
    admin = [f for f in found if f["document"].startswith("004") and f["label"] == "administration"]
    assert [(f["year"], f["computed"], f["verdict"]) for f in admin] == [
        (2024, 18.52, "ok"), (2025, 19.15, "ok"), (2026, 19.43, "ok")]
    # 000 limits its equity to 20 % of the allocation but its tables show no equity: said, not skipped
    sollefteå = [f for f in found if f["document"].startswith("000")]
    assert sollefteå == [{"document": "000_92e5f93be53ef7af.txt", "label": "eget kapital", "year": None,
                          "stated": 20.0, "computed": None, "verdict": "cannot tell", "severity": "warning"}]


def _record(line: int, sentence: str) -> dict:
    return {"document": "x.txt", "page": None, "line": line, "bbox": None, "sentence": sentence}


def test_share_lists_are_adjacent_lines_of_share_and_subject():
    records = [_record(10, "- 60 % individinriktade insatser"), _record(11, "- 40 % administration"),
               _record(30, "Målet är att 80 % av deltagarna ska vara nöjda.")]
    runs = find_stated_share_lists(records)
    assert [[(s.value, s.phrase, s.tolerance) for s in run] for run in runs] == [
        [(60.0, "individinriktade insatser", 0.5), (40.0, "administration", 0.5)]]


def test_nearest_grouping_moves_the_fewest_lines():
    lines = [{"label": "SamCoach", "section": None, "amount_sek": 600},
             {"label": "Kansli", "section": None, "amount_sek": 300},
             {"label": "Styrelse", "section": None, "amount_sek": 100}]
    shares = [StatedShare(70.0, 0, "individinriktade insatser", {}), StatedShare(30.0, 0, "administration", {})]
    groups, moves = nearest_grouping(lines, shares, moves=2)
    assert moves == 1 and groups == ["individinriktade", "administration", "individinriktade"]
    assert nearest_grouping(lines, [StatedShare(90.0, 0, "individinriktade", {}),
                                    StatedShare(5.0, 0, "administration", {})], moves=2) is None


def test_only_splits_of_the_cost_budget_are_tested_against_the_cost_lines():
    from pipeline.check.shares import is_cost_split

    def shares(*pairs):
        return [StatedShare(v, 0, phrase, {}) for v, phrase in pairs]

    assert is_cost_split(shares((60, "individinriktade insatser"), (40, "administration")))
    assert not is_cost_split(shares((50, "staten genom försäkringskassan"), (25, "region östergötland"),
                                    (25, "kommunerna")))
    assert not is_cost_split(shares((60, "kvinnor"), (40, "män")))
