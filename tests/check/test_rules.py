"""The fact-check on the real plans and on copies with one changed amount."""

from __future__ import annotations

import pytest

from pipeline.check.rules import recommended_equity
from pipeline.settings import CheckSettings

from ..conftest import copy_plans, rows, run_all


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_published_errors_are_found(kind, request):
    warehouse = request.getfixturevalue(f"{kind}_warehouse")
    errors = rows(warehouse, "SELECT document, label, year, stated, computed FROM findings "
                  "WHERE severity = 'error' ORDER BY ALL")
    got = {(e["document"][:3], e["label"], e["year"], e["stated"], e["computed"]) for e in errors}
    assert ("003", "Summa personalkostnader", 2024, 1_329_910, 1_329_868) in got
    assert ("000", "Årets resultat", 2025, 0, 2_160_000) in got
    assert ("000", "Årets resultat", 2026, 0, 2_160_000) in got


def test_one_krona_is_rounding_not_error(text_warehouse):
    found = rows(text_warehouse, "SELECT verdict, severity FROM findings WHERE document LIKE '003%' "
                 "AND label = 'Summa personalkostnader' AND year = 2025")
    assert found == [{"verdict": "rounding", "severity": "info"}]


def test_correct_plans_have_no_errors(text_warehouse):
    assert rows(text_warehouse, "SELECT * FROM findings WHERE severity = 'error' "
                "AND document SIMILAR TO '00[124].*'") == []


def test_equity_steps():
    settings = CheckSettings()
    assert recommended_equity(4_000_000, settings) == pytest.approx(800_000)
    assert recommended_equity(8_086_000, settings) == pytest.approx(1_400_000 + 1_086_000 * 0.15)


CHANGES = [  # (file, old line, new line, label flagged, year)
    ("004_4ca5af5e2bc26fdb.txt", "Eksjö kommun\t312 845\t312 845\t312 845", "Eksjö kommun\t312 845\t312 854\t312 845",
     "Summa intäkter", 2024),
    ("002_993e2a07e1624d0f.txt", "Försteg 4.0\t2 700 000", "Försteg 4.0\t2 070 000", "Totalt", 2025),
    ("003_db996d9d141d330c.txt", "Summa övriga kostnader\t686 000", "Summa övriga kostnader\t786 000",
     "Summa övriga kostnader", 2024),
    ("001_0874f8358a7dd9a7.txt", "- Ale Teamet\t1160\t1218", "- Ale Teamet\t1160\t1281", "Total summa", 2014),
]


@pytest.mark.parametrize(("name", "old", "new", "label", "year"), CHANGES)
def test_injected_typo_is_an_error_in_its_year(tmp_path, name, old, new, label, year):
    raw = copy_plans(tmp_path / "raw", name)
    text = (raw / name).read_text(encoding="utf-8")
    assert old in text
    (raw / name).write_text(text.replace(old, new), encoding="utf-8")
    warehouse = run_all(raw, tmp_path)
    errors = rows(warehouse, "SELECT label, year FROM findings WHERE severity = 'error'")
    assert {"label": label, "year": year} in errors
    assert all(e["year"] == year for e in errors)
