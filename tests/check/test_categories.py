"""Budget lines' sides (check/categories.py sides()): income, cost or result, so an analyst's SUM adds like
with like."""

from __future__ import annotations

from pipeline.check.categories import side

from ..conftest import rows, run_all

RESULTATRAKNING = """Samordningsförbundet Testbygden

Verksamhetsplan och budget 2025

Resultaträkning (kr)

\tBudget 2025\tBudget 2026
Medlemsbidrag\t4 000 000\t4 000 000
Summa intäkter\t4 000 000\t4 000 000
Personalkostnader\t-1 500 000\t-1 600 000
Övriga externa kostnader\t-900 000\t-950 000
Avskrivningar\t-100 000\t-100 000
Summa kostnader\t-2 500 000\t-2 650 000
Årets resultat\t1 500 000\t1 350 000
"""


def test_the_words_give_each_sample_line_its_side(text_warehouse):
    found = {(r["label"], r["section"]): r["side"] for r in rows(
        text_warehouse, "SELECT DISTINCT label, section, side FROM budget_lines WHERE document LIKE '004%'")}
    assert found[("Ny verksamhet", "Kostnader")] == "kostnad"  # no cost category claims it: its section does
    assert found[("Ränta (3,57%)", "Intäkter")] == "intäkt"
    assert found[("Summa kostnader", "Kostnader")] == "kostnad"
    assert found[("Resultat", "Kostnader")] == "resultat"
    assert found[("Eget kapital", None)] is None  # a balance, no flow of the year
    totals = rows(text_warehouse, "SELECT DISTINCT label, side FROM budget_lines WHERE document LIKE '002%' "
                  "AND label = 'Totalt' ORDER BY side")
    assert [t["side"] for t in totals] == ["intäkt", "kostnad"]  # the same word, told apart by its section


def test_a_resultatrakning_with_costs_printed_negative(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "rr.txt").write_text(RESULTATRAKNING, encoding="utf-8")
    warehouse = run_all(raw, tmp_path)
    assert side("Avskrivningar", None) is None  # no word claims it ...
    lines = {r["label"]: r for r in rows(warehouse, "SELECT * FROM budget_lines WHERE year = 2025")}
    assert lines["Avskrivningar"]["side"] == "kostnad"  # ... its minus among the costs' minuses does
    assert lines["Avskrivningar"]["side_amount_sek"] == 100_000
    costs = rows(warehouse, "SELECT sum(amount_sek) s, sum(side_amount_sek) t FROM primary_budget_lines "
                 "WHERE NOT is_total AND side = 'kostnad' AND year = 2025")[0]
    assert costs == {"s": -2_500_000, "t": 2_500_000} == {"s": lines["Summa kostnader"]["amount_sek"],
                                                          "t": -lines["Summa kostnader"]["amount_sek"]}
    income = rows(warehouse, "SELECT sum(side_amount_sek) t FROM primary_budget_lines WHERE NOT is_total "
                  "AND side = 'intäkt' AND year = 2025")[0]["t"]
    assert income - costs["t"] == lines["Årets resultat"]["amount_sek"] == 1_500_000


def test_match_gives_the_longest_word_that_starts_a_word_of_the_text():
    """One compiled pattern per list answers as one search per word did: the longest listed word found at
    the start of a word (after a non-letter), overlapping words and signs included."""
    import random
    import re

    from pipeline.check.categories import match

    def per_word(text: str, words: list[str]) -> int:
        low = text.lower()
        return max((len(w) for w in words if re.search(rf"(?<![\wåäö]){re.escape(w)}", low)), default=0)

    words = ["kansli", "kanslichef", "styrelse", "(ub)", "ub", "övriga", "övr", "a.b", "lön"]
    assert match("Kanslichefens lön", words) == len("kanslichef")
    assert match("Lönekostnader (UB)", words) == len("(ub)")
    assert match("Grundlön", words) == 0 and match(None, words) == 0 and match("kansli", []) == 0
    pieces = [*words, "x", "-", " ", "ä", "1"]
    rng = random.Random(17)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        chosen = rng.sample(words, rng.randint(0, len(words)))
        assert match(text, chosen) == per_word(text, chosen), (text, chosen)
