"""Column semantics: kind × year × unit from header text, and budget lines from tables whose
headers are not the samples' (same year twice, units in the corner, change columns, no header)."""

from __future__ import annotations

import pytest

from pipeline.extract.budget import find_budget_lines
from pipeline.extract.columns import TableContext, header_kind, is_non_amount, read_columns
from pipeline.model import cell


@pytest.mark.parametrize(("header", "kind"), [
    ("Budget 2025", "budget"), ("Utfall 2024", "utfall"), ("Bokslut 2023", "utfall"),
    ("Årsredovisning 2022", "utfall"), ("Delår 2025", "utfall"), ("Prognos 2025", "prognos"),
    ("Helårsprognos 2025", "prognos"), ("Avvikelse mot budget", "avvikelse"), ("Differens", "avvikelse"),
    ("Återstår", "avvikelse"), ("Förändring", "avvikelse"), ("Nettokostnadsram 2026", "budget"),
    # a kind word broken mid-word in a narrow cell ("Helårspr" over "ognos")
    ("Helårspr ognos 2022", "prognos"), ("Utfal l 2024", "utfall"), ("Belopp vid årets utgång", None),
])
def test_kind_from_header_words(header, kind):
    assert header_kind(header) == kind


@pytest.mark.parametrize("header", ["Not", "Antal", "%", "Andel", "Mål", "kr/m²"])
def test_non_amount_columns(header):
    assert is_non_amount(header)
    columns, _ = read_columns(["", header, "Budget 2025"], TableContext())
    assert list(columns) == [2]


def test_same_year_twice_and_a_change_column():
    columns, corner = read_columns(["Tkr", "Utfall 2025", "Budget 2025", "Återstår"], TableContext(year=2025))
    assert corner == 1000
    assert [(c.kind, c.year) for c in columns.values()] == [("utfall", 2025), ("budget", 2025), ("avvikelse", 2025)]


def test_periods_are_no_years_budget_and_the_total_beside_them_is():
    """Kv 1 … Kv 4 are parts of a year (kind period, skipped where a year's budget is read); the
    year-less Helår beside them is the year's budget; a plan's year dates year-less periods."""
    columns, _ = read_columns(["tkr", "Kv 1 2025", "Kv 2 2025", "Helår 2025"], TableContext())
    assert [(c.kind, c.year) for c in columns.values()] == [("period", 2025), ("period", 2025), ("budget", 2025)]
    columns, _ = read_columns(["tkr", "Jan–mar", "Apr–jun", "Helår"], TableContext(year=2026))
    assert [(c.kind, c.year, c.year_from) for c in columns.values()] == [
        ("period", 2026, "document"), ("period", 2026, "document"), ("budget", 2026, "document")]
    # a forecast for the whole year is no total, and an outcome of a period keeps its kind
    columns, _ = read_columns(["tkr", "Utfall jan–aug 2025", "Prognos helår 2025"], TableContext())
    assert [c.kind for c in columns.values()] == ["utfall", "prognos"]
    # the whole year spanned by its months is the year, no period of it
    columns, _ = read_columns(["tkr", "Jan–dec 2024", "Jan–mar 2025"], TableContext())
    assert [c.kind for c in columns.values()] == ["budget", "period"]
    # no year anywhere: nothing to date the periods by, nor their total
    assert read_columns(["tkr", "Kv 1", "Kv 2", "Helår"], TableContext())[0] == {}


@pytest.mark.parametrize(("header", "year"), [("2025-12-31", 2025), ("Budget 2025/2026", 2025), ("B2025", 2025)])
def test_years_in_many_forms(header, year):
    columns, _ = read_columns(["", header], TableContext())
    assert columns[1].year == year


def test_balance_date_is_an_outcome_and_a_bare_year_in_an_annual_report_too():
    columns, _ = read_columns(["", "2021-12-31", "2020"], TableContext(outcome=True))
    assert [c.kind for c in columns.values()] == ["utfall", "utfall"]
    columns, _ = read_columns(["", "2025", "2026"], TableContext())
    assert [c.kind for c in columns.values()] == ["budget", "budget"]


def _table(rows: list[list[str]], title: str | None = None, notes: list[str] | None = None) -> dict:
    return {"table": 0, "page": 1, "title": title, "notes": notes or [],
            "rows": [[cell(t, 1) for t in row] for row in rows]}


def test_unit_in_the_corner_and_signs_in_every_style():
    table = _table([["tkr", "Utfall 2024", "Budget 2024", "Utfall 2023"],
                    ["Kostnader", "-2 431", "(3 180)", "−2 841"],
                    ["Intäkter", "1 633,7", "- 6 279", "5 305"]])
    got = {(b["label"], b["column_kind"], b["year"]): b["amount_sek"] for b in find_budget_lines("d", table)}
    assert got == {("Kostnader", "utfall", 2024): -2_431_000, ("Kostnader", "budget", 2024): -3_180_000,
                   ("Kostnader", "utfall", 2023): -2_841_000, ("Intäkter", "utfall", 2024): 1_633_700,
                   ("Intäkter", "budget", 2024): -6_279_000, ("Intäkter", "utfall", 2023): 5_305_000}


def test_two_level_header_and_unit_from_a_note():
    table = _table([["", "Budget", "Budget", "Utfall"], ["Post", "2025", "2026", "2024"], ["Kansli", "1,5", "2", "1"]],
                   notes=["Beloppen i tabellen anges i miljoner kronor."])
    got = [(b["column_kind"], b["year"], b["amount_sek"]) for b in find_budget_lines("d", table)]
    assert got == [("budget", 2025, 1_500_000), ("budget", 2026, 2_000_000), ("utfall", 2024, 1_000_000)]


def test_rows_add_up_to_the_total_after_the_unit_is_applied():
    table = _table([["Belopp i tkr", "Budget 2025"], ["Personal", "1 200"], ["Lokaler", "300,5"],
                    ["Summa kostnader", "1 500,5"]])
    lines = find_budget_lines("d", table)
    total = next(b for b in lines if b["is_total"])
    assert sum(b["amount_sek"] for b in lines if not b["is_total"]) == total["amount_sek"] == 1_500_500


def test_key_figure_rows_and_note_references_stay_out():
    table = _table([["", "Not", "2021", "2020"], ["Nettoomsättning Not 2", "2", "1 165 967", "365 792"],
                    ["Soliditet (%)", "", "63", "63"], ["Årsavgift/m² bostadsrättsyta", "", "552", "184"]])
    lines = find_budget_lines("d", table, TableContext(outcome=True, year=2021))
    assert {(b["label"], b["year"], b["column_kind"]) for b in lines} == {
        ("Nettoomsättning", 2021, "utfall"), ("Nettoomsättning", 2020, "utfall")}


def test_headerless_tables_need_a_money_unit_outside_annual_reports():
    rows = [["Ram 2025", "9 045"], ["Läkemedel", "78"], ["Ram 2026", "9 123"]]
    plan = TableContext(year=2026, plan_year=2026)
    assert find_budget_lines("d", _table(rows), plan) == []
    lines = find_budget_lines("d", _table(rows, notes=["Belopp i miljoner kronor."]), plan)
    assert [(b["label"], b["year"], b["amount_sek"]) for b in lines] == [
        ("Ram 2025", 2025, 9_045_000_000), ("Läkemedel", 2026, 78_000_000), ("Ram 2026", 2026, 9_123_000_000)]


def test_a_headerless_plan_table_takes_the_plan_year_or_no_year_at_all():
    table = _table([["Kansli", "942,7"], ["Styrelse", "621,3"]], notes=["Beloppen anges i miljoner kronor."])
    # the latest year another table heads (a plan's last plan year) is no year for this one ...
    lines = find_budget_lines("d", table, TableContext(year=2028, plan_year=2025))
    assert {(b["year"], b["column_kind"]) for b in lines} == {(2025, "budget")}
    # ... and with no plan year on the cover the table is left unread, not dated by a guess
    assert find_budget_lines("d", table, TableContext(year=2028)) == []


@pytest.mark.parametrize(("header", "kind"), [("B2025", "budget"), ("B2025, tkr", "budget"), ("U2024", "utfall"),
                                              ("P2025 (mnkr)", "prognos")])
def test_a_letter_glued_to_the_year_names_the_kind(header, kind):
    columns, _ = read_columns(["", header], TableContext(outcome=True, year=2025))
    assert columns[1].kind == kind


def test_note_references_without_a_space_stay_out_of_labels():
    from pipeline.extract.budget import clean_label

    assert clean_label("Nettoomsättning Not3")[0] == "Nettoomsättning"
    assert clean_label("Övriga kostnader Not 8,13")[0] == "Övriga kostnader"


def test_a_table_cut_by_a_page_break_reads_on_under_the_columns_before_it():
    from pipeline.extract.budget import find_document_budget_lines

    first = _table([["tkr", "Utfall 2024", "Budget 2025"], ["Kansli", "1 200", "1 300"]], title="Budget")
    rest = dict(_table([["Revision", "50", "60"]], title="till"), table=1, page=2)
    own = dict(_table([["", "Ingående", "Utgående"], ["Insatser", "365", "365"]], title="Eget kapital"),
               table=2, page=2)
    lines = find_document_budget_lines("d", [first, rest, own], [])
    assert [(b["label"], b["column_kind"], b["year"], b["amount_sek"]) for b in lines] == [
        ("Kansli", "utfall", 2024, 1_200_000), ("Kansli", "budget", 2025, 1_300_000),
        ("Revision", "utfall", 2024, 50_000), ("Revision", "budget", 2025, 60_000)]


def test_kronor_in_the_corner_overrides_the_caption_scale():
    table = _table([["Belopp i kr", "Budget 2025"], ["Kansli", "434 367"]], title="Alla belopp i mnkr")
    assert [b["amount_sek"] for b in find_budget_lines("d", table)] == [434_367]


def test_a_scale_note_just_above_the_table_and_never_a_stated_amount():
    from pipeline.extract.budget import find_document_budget_lines, table_unit

    table = _table([["", "Budget 2025"], ["Kansli", "1 200"]], title="Budget för förbundet")
    table["rows"] = [[dict(c, bbox=[60 + 200 * j, 230 + 20 * r, 100 + 200 * j, 240 + 20 * r], page=1)
                      for j, c in enumerate(row)] for r, row in enumerate(table["rows"])]
    lines = [{"page": 1, "table": None, "text": "Alla belopp i tkr", "bbox": [57, 188, 144, 199]},
             {"page": 1, "table": None, "text": "Budget för förbundet", "bbox": [57, 211, 189, 222]}]
    assert [b["amount_sek"] for b in find_document_budget_lines("d", [table], lines)] == [1_200_000]
    assert table_unit({"title": None, "notes": ["Kostnaden är 100 tkr."]}) is None
    for note, factor in [("Beloppen anges i tusentals kronor.", 1000), ("(mnkr)", 1_000_000),
                         ("Belopp i miljoner kronor", 1_000_000), ("Beloppen anges i kronor.", 1)]:
        assert table_unit({"title": None, "notes": [note]}) == factor


def test_bare_years_from_the_plan_year_on_are_budget_even_in_an_interim_report_or_a_statement():
    from pipeline.extract.budget import find_document_budget_lines

    cover = [{"page": 1, "table": None, "text": "Delårsrapport och budget 2024", "bbox": [57, 60, 300, 80]}]
    table = _table([["", "2023", "2024", "2025"], ["Kansli", "1", "2", "3"]], title="Resultaträkning i sammandrag")
    lines = find_document_budget_lines("d", [table], cover)
    assert [(b["year"], b["column_kind"]) for b in lines] == [(2023, "utfall"), (2024, "budget"), (2025, "budget")]
    report = [{"page": 1, "table": None, "text": "Årsredovisning 2021", "bbox": [57, 60, 300, 80]}]
    table = _table([["", "2021", "2020"], ["Kansli", "1", "2"]])
    assert {b["column_kind"] for b in find_document_budget_lines("d", [table], report)} == {"utfall"}


def test_a_group_word_over_the_first_of_its_columns_heads_the_blank_ones_right_of_it():
    rows = [["Post", "Utfall", "", "Budget", ""], ["", "2024", "2025", "2026", "2027"], ["A", "1", "2", "3", "4"]]
    got = [(b["year"], b["column_kind"]) for b in find_budget_lines("d", _table(rows))]
    assert got == [(2024, "utfall"), (2025, "utfall"), (2026, "budget"), (2027, "budget")]
    # a centred "Budget" stands right of the first plan year: an outcome group does not reach it
    rows = [["Post", "Utfall", "", "Budget", ""], ["", "2023", "2024", "2025", "2026"], ["A", "1", "2", "3", "4"]]
    got = [(b["year"], b["column_kind"]) for b in find_budget_lines("d", _table(rows), TableContext(plan_year=2024))]
    assert got == [(2023, "utfall"), (2024, "budget"), (2025, "budget"), (2026, "budget")]


def test_a_long_plan_title_gives_the_plan_year_though_a_statement_caption_stands_on_the_cover():
    from pipeline.extract.budget import document_context

    title = "Verksamhetsplan och budget 2022 – Samordningsförbundet Finsam Göteborg"
    cover = [{"page": 1, "table": None, "text": title},
             {"page": 1, "table": None, "text": "Resultaträkning i sammandrag"},
             {"page": 1, "table": True, "text": "Konto Bokslut 2020 Budget 2021"}]
    context = document_context([], cover)
    assert context.plan_year == 2022
    columns, _ = read_columns(["", "Bokslut 2020", "Prognos 2021", "2022"], context)
    assert [c.kind for c in columns.values()] == ["utfall", "prognos", "budget"]


def test_a_table_captioned_in_percent_holds_no_kronor():
    rows = [["", "2025", "2026"], ["Läkemedel", "6,0", "5,2"], ["Personal", "3,1", "2,9"]]
    assert find_budget_lines("d", _table(rows, title="Kostnadsutveckling (procent)")) == []
    assert len(find_budget_lines("d", _table(rows, title="Kostnadsutveckling (mnkr)"))) == 4


def test_a_row_of_dashes_is_an_empty_row_not_a_header():
    table = _table([["Tkr", "Bokslut 2024-12-31"], ["Vännäs kommun", "939"], ["Norrtälje kommun", "–"],
                    ["Vetlanda kommun", "730"], ["Summa", "1 669"]])
    lines = find_budget_lines("d", table, TableContext(outcome=True, year=2028))  # a report on 2028
    got = {(b["label"], b["column_kind"], b["year"]): b["amount_sek"] for b in lines}
    assert got[("Vetlanda kommun", "utfall", 2024)] == 730_000
    assert got[("Summa", "utfall", 2024)] == 1_669_000


def test_a_group_word_centred_over_three_columns_heads_both_of_its_neighbours():
    rows = [["", "", "Utfall", "", "", "Budget", ""], ["", "2023", "2024", "2025", "2026", "2027", "2028"],
            ["A", "1", "2", "3", "4", "5", "6"]]
    got = [(b["year"], b["column_kind"]) for b in find_budget_lines("d", _table(rows), TableContext(plan_year=2026))]
    assert got == [(2023, "utfall"), (2024, "utfall"), (2025, "utfall"), (2026, "budget"), (2027, "budget"),
                   (2028, "budget")]


def test_a_scale_note_at_the_foot_of_the_page_before_heads_a_table_that_opens_its_page():
    from pipeline.extract.budget import find_document_budget_lines

    table = _table([["", "Budget 2025"], ["Kansli", "1 200"]])
    table["page"] = 2
    table["rows"] = [[dict(c, bbox=[60 + 200 * j, 70 + 20 * r, 100 + 200 * j, 80 + 20 * r], page=2)
                      for j, c in enumerate(row)] for r, row in enumerate(table["rows"])]
    lines = [{"page": 1, "table": True, "text": "Kansli 17", "bbox": [57, 300, 500, 310]},
             {"page": 1, "table": None, "text": "Budget 2026", "bbox": [57, 700, 144, 711]},
             {"page": 1, "table": None, "text": "Alla belopp i tkr", "bbox": [57, 720, 144, 731]}]
    assert [b["amount_sek"] for b in find_document_budget_lines("d", [table], lines)] == [1_200_000]
    lines.append({"page": 2, "table": None, "text": "Budget i kronor", "bbox": [57, 40, 144, 51]})
    assert [b["amount_sek"] for b in find_document_budget_lines("d", [table], lines)] == [1_200]


def test_a_row_of_a_dash_and_a_share_is_a_row_not_a_header():
    # "Arbetslivsinriktad rehabilitering | – | 0 %": an empty amount and its share of the total; the
    # total under it still belongs to the header above
    table = _table([["", "Utfall 2023-12-31, mnkr", "Andel"], ["Köpta tjänster", "497,9", "17 %"],
                    ["Arbetslivsinriktad rehabilitering", "–", "0 %"], ["Totalt", "2 873,1", ""]])
    # an annual report's context: a header with no year of its own would take the document's year
    lines = find_budget_lines("d", table, TableContext(outcome=True, year=2029))
    got = {(b["label"], b["column_kind"], b["year"]): b["amount_sek"] for b in lines}
    assert got == {("Köpta tjänster", "utfall", 2023): 497_900_000, ("Totalt", "utfall", 2023): 2_873_100_000}


def test_an_outcome_or_forecast_with_no_year_in_a_plan_is_left_undated():
    """'Helårsprognos' with no year beside 'Budget 2027' in a plan: the latest year the plan's headers
    name is a plan year, no forecast's; the column is not read rather than dated by a guess. In an
    annual report the year it reports on dates such a column."""
    table = _table([["tkr", "Helårsprognos", "Budget 2027"], ["Kansli", "1 685", "1 458"]])
    lines = find_budget_lines("d", table, TableContext(year=2027, plan_year=2027))
    assert [(b["column_kind"], b["year"]) for b in lines] == [("budget", 2027)]
    report = find_budget_lines("d", table, TableContext(outcome=True, year=2027))
    assert [(b["column_kind"], b["year"]) for b in report] == [("prognos", 2027), ("budget", 2027)]
