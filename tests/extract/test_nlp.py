"""Swedish NLP on sentences from the plans, and recall against the gold of the real sample plans."""

from __future__ import annotations

from collections import Counter

import pytest
from rapidfuzz import fuzz

from pipeline.extract.nlp import find_language_records

from ..conftest import STEMS, gold, rows


def _records(*texts: str) -> dict:
    lines = [{"document": "t.txt", "page": None, "line": i + 1, "bbox": None, "text": t, "table": None}
             for i, t in enumerate(texts)]
    return find_language_records("t.txt", lines, [{"label": "SamCoach"}])


def _percent(text: str) -> list[tuple[float, str]]:
    return [(p["value"], p["kind"]) for p in _records(text)["percentages"]]


@pytest.mark.parametrize(("text", "value"), [
    ("Staten bidrar med hälften av medlen.", 50),
    ("Region Östergötland bidrar med en fjärdedel.", 25),
    ("Kommunerna står för en tredjedel av kostnaden.", 33.33),
    ("I tilldelningsmodellen beaktas en tioprocentsspärr.", 10),
    ("Andelen är 55,2 % av budgeten.", 55.2),
    ("Ränta (3,57%)", 3.57),
    ("Att minst 75 procent av deltagarna upplever stöd.", 75),
])
def test_written_forms_of_percentages(text, value):
    assert [v for v, _ in _percent(text)] == [value]


@pytest.mark.parametrize(("text", "kind"), [
    ("Ränta (3,57%)", "interest"),
    ("Det finns en förstegskoordinator med en tjänstegrad om 75 %.", "staffing"),
    ("Det innebär en minskning om 12% jämfört med 2023.", "change"),
    ("Staten bidrar med hälften av medlen.", "split"),
    ("Att 80 % av deltagarna ska uppleva att de fått stöd.", "goal"),
])
def test_percentage_kinds(text, kind):
    assert _percent(text)[0][1] == kind


@pytest.mark.parametrize(("text", "value", "unit", "comparator"), [
    ("Förbundet ska anordna utbildningar minst två gånger per år.", 2, "gånger per år", ">="),
    ("** minst 7 (av 10) i snitt baserat på enkäter", 7, "av 10", ">="),
    ("*** övervägande positiva svar (över 7 av 10)", 7, "av 10", ">"),
    ("- förbundets administrativa kostnader bör inte överstiga 20% av budget", 20, "%", "<="),
    ("Eget kapital ska uppgå till maximalt 20 % av medlemsbidraget.", 20, "%", "<="),
    ("Att högst 5 deltagare ska avbryta.", 5, "deltagare", "<="),
    ("Målet är att genomföra frukostar vid 8 tillfällen.", 8, "tillfällen", "="),
    ("Målet är att genomföra minst en föreläsning under året.", 1, "föreläsning", ">="),
    ("Målet är att ha under tolv väntande ärenden.", 12, "ärenden", "<"),
])
def test_goal_values_units_and_comparators(text, value, unit, comparator):
    goal = _records(text)["goals"][0]
    assert (goal["value"], goal["unit"], goal["comparator"]) == (value, unit, comparator)


def test_volume_goal_names_its_insats_from_the_heading():
    lines = ("Försteg Motala", "Insatsen riktar sig till personer.", "Budgeterad volym: 50 deltagare")
    goal = _records(*lines)["goals"][0]
    assert goal["insats"] == "Försteg Motala" and goal["value"] == 50 and "Försteg Motala" in goal["text"]


@pytest.mark.parametrize(("text", "amount", "approx"), [
    ("För 2024 har staten aviserat en tilldelning på 1 416 000 kronor.", 1_416_000, False),
    ("Medelstilldelningen för 2013 är 6 340 tkr.", 6_340_000, False),
    ("Den statliga tilldelningen är två miljoner kronor.", 2_000_000, False),
    ("Förbundet har ett eget kapital på drygt 1,3 miljoner.", 1_300_000, True),
])
def test_prose_amounts(text, amount, approx):
    found = _records(text)["prose_amounts"][0]
    assert (found["amount_sek"], found["approx"]) == (amount, approx)


def test_prose_amount_links_to_the_budget_line_it_names():
    found = _records("SamCoach får 775 000 kronor under 2024.")["prose_amounts"][0]
    assert found["linked_label"] == "SamCoach" and found["year"] == 2024


def test_adoption_date_board_and_members():
    records = _records("Antagen av styrelsen 2023-11-30",
                       "Styrelsen består av sju ledamöter och sju ersättare.",
                       "Medlemmar är Försäkringskassan, Arbetsförmedlingen, Region Skåne och Burlövs kommun.")
    assert records["metadata"][0] == {"adopted": "2023-11-30", "board_members": 7, "board_deputies": 7}
    assert {m["name"] for m in records["members"]} == {"Försäkringskassan", "Arbetsförmedlingen", "Region Skåne",
                                                       "Burlövs kommun"}


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_gold_goals_and_percentages_are_found(stem, kind, request):
    warehouse = request.getfixturevalue(f"{kind}_warehouse")
    document = stem + (".txt" if kind == "text" else ".pdf")
    goals = rows(warehouse, "SELECT text, value FROM goals WHERE document = ?", [document])
    for want in gold(stem)["goals"]:
        assert any(fuzz.partial_ratio(want["match"].lower(), g["text"].lower()) >= 90 and g["value"] == want["value"]
                   for g in goals), want["match"]
    have = Counter(round(p["value"], 2) for p in rows(warehouse, "SELECT value FROM percentages WHERE document = ?",
                                                      [document]))
    assert not Counter(round(v, 2) for v in gold(stem)["percentages"]) - have


def test_every_record_keeps_its_place(pdf_warehouse):
    for table in ("goals", "percentages", "prose_amounts"):
        missing = rows(pdf_warehouse, f"SELECT count(*) AS n FROM {table} WHERE page IS NULL OR bbox IS NULL")
        assert missing[0]["n"] == 0, table
