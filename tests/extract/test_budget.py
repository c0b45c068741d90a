"""Budget lines of the real sample plans, text and PDF, against the hand-checked gold."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rapidfuzz import fuzz

from ..conftest import STEMS, gold, rows


def _matched(pred: list[dict], want: list[dict]) -> int:
    used, hits = set(), 0
    for g in want:
        years = {g["year"], *g.get("year_alt", [])}
        for i, p in enumerate(pred):
            if i not in used and p["amount_sek"] == g["amount_sek"] and p["year"] in years and \
                    fuzz.token_set_ratio(p["label"].lower(), g["label"].lower()) >= 80:
                used.add(i)
                hits += 1
                break
    return hits


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_every_gold_budget_line_and_nothing_else(stem, kind, request):
    warehouse = request.getfixturevalue(f"{kind}_warehouse")
    suffix = ".txt" if kind == "text" else ".pdf"
    pred = rows(warehouse, "SELECT * FROM budget_lines WHERE document = ?", [stem + suffix])
    want = gold(stem)["budget_lines"]
    assert _matched(pred, want) == len(want)
    assert len(pred) == len(want)


@pytest.mark.parametrize("stem", STEMS)
def test_identity(stem, text_warehouse, pdf_warehouse):
    g = gold(stem)
    names = [g["forbund"], *g.get("forbund_aliases", [])]
    for warehouse, suffix in ((text_warehouse, ".txt"), (pdf_warehouse, ".pdf")):
        doc = rows(warehouse, "SELECT * FROM documents WHERE document = ?", [stem + suffix])[0]
        assert doc["plan_year"] == g["plan_year"]
        assert max(fuzz.token_set_ratio(doc["forbund"].lower(), n.lower()) for n in names) >= 90


def test_tkr_scaling(text_warehouse):
    got = rows(text_warehouse, "SELECT amount_sek FROM budget_lines WHERE document LIKE '001%' "
               "AND label = 'Totalt'")
    assert [r["amount_sek"] for r in got] == [6_340_000]


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_result_with_footnote(kind, request):
    warehouse = request.getfixturevalue(f"{kind}_warehouse")
    got = rows(warehouse, "SELECT amount_sek, footnote FROM budget_lines WHERE document LIKE '004%' "
               "AND label = 'Resultat' AND year = 2024")
    assert got[0]["amount_sek"] == -150_000
    if kind == "text":
        assert got[0]["footnote"] == "***"


def test_no_table_of_contents_rows(text_warehouse):
    toc = rows(text_warehouse, "SELECT label FROM budget_lines WHERE label IN "
               "('Bakgrund', 'Organisation', 'Innehållsförteckning', 'Budget 2024-2025', 'Sidan')")
    assert toc == []


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_items_add_up_to_their_totals_where_the_plan_is_right(kind, request):
    """Arithmetic, not presence: block sums of items equal the printed totals in the correct plans."""
    warehouse = request.getfixturevalue(f"{kind}_warehouse")
    lines = rows(warehouse, "SELECT document, table_no, row_no, label, year, amount_sek, is_total "
                 "FROM budget_lines WHERE document LIKE '004%' OR document LIKE '002%' ORDER BY ALL")
    blocks: dict[tuple, int] = defaultdict(int)
    checked = 0
    for line in lines:
        key = (line["document"], line["table_no"], line["year"])
        if line["is_total"] and line["label"].lower().startswith(("summa", "totalt")):
            assert blocks[key] == line["amount_sek"], line
            blocks[key] = 0
            checked += 1
        elif not line["is_total"] and line["label"] != "Eget kapital":
            blocks[key] += line["amount_sek"]
    assert checked >= 10


def test_provenance_points_at_the_cell(pdf_warehouse, text_warehouse):
    pdf = rows(pdf_warehouse, "SELECT page, bbox, label_bbox FROM budget_lines")
    assert all(r["page"] and len(r["bbox"]) == 4 and r["label_bbox"] for r in pdf)
    text = rows(text_warehouse, "SELECT line FROM budget_lines")
    assert all(r["line"] for r in text)
    # 003's "Summa personalkostnader" 2024 sits on line 175 of the text plan and on page 6 of the PDF
    assert rows(text_warehouse, "SELECT line FROM budget_lines WHERE document LIKE '003%' AND year = 2024 "
                "AND label = 'Summa personalkostnader'")[0]["line"] == 175
    assert rows(pdf_warehouse, "SELECT page FROM budget_lines WHERE document LIKE '003%' AND year = 2024 "
                "AND label = 'Summa personalkostnader'")[0]["page"] == 6


def test_a_label_ending_in_a_total_word_is_a_total() -> None:
    from pipeline.extract.budget import is_total_label

    assert is_total_label("Nettokostnadsram, summa")
    assert is_total_label("Kostnader totalt")
    assert not is_total_label("Lokalhyra")
    assert is_total_label("Summa")


def test_a_lone_dash_among_the_amounts_is_an_empty_amount_not_a_header():
    from pipeline.extract.budget import find_budget_lines
    from pipeline.extract.columns import TableContext
    from pipeline.model import cell

    texts = [["Konto", "Bokslut 2023, mnkr"], ["Medlemsavgift", "175"], ["Kommunbidrag", "–"],
             ["Summa finansiering", "478"]]
    table = {"table": 0, "page": 1, "title": None, "notes": [], "rows": [[cell(t, 1) for t in r] for r in texts]}
    lines = find_budget_lines("d", table, TableContext(outcome=True, year=2023))
    assert [(b["label"], b["column_header"], b["amount_sek"]) for b in lines] == [
        ("Medlemsavgift", "Bokslut 2023, mnkr", 175_000_000), ("Summa finansiering", "Bokslut 2023, mnkr", 478_000_000)]


def test_a_header_repeated_atop_the_next_page_keeps_the_tables_unit():
    # Word repeats a table's header rows on every page: the part on page 2 is the same table, in tkr
    from pipeline.extract.budget import find_document_budget_lines
    from pipeline.model import cell

    def table(number: int, page: int, title: str | None, body: list[list[str]]) -> dict:
        texts = [["Konto", "Budget 2026"], *body]
        return {"table": number, "page": page, "title": title, "notes": [],
                "rows": [[cell(t, page) for t in r] for r in texts]}

    tables = [table(0, 1, "Ekonomisk översikt – belopp i tkr",
                    [["Medlemsavgift", "6 848,4"], ["Ränteintäkter", "229,0"]]),
              table(1, 2, "Utgifter", [["Revision", "2 110,6"], ["Styrelse", "618,5"]])]
    lines = find_document_budget_lines("d", tables, [])
    assert [(b["label"], b["amount_sek"]) for b in lines] == [
        ("Medlemsavgift", 6_848_400), ("Ränteintäkter", 229_000), ("Revision", 2_110_600), ("Styrelse", 618_500)]


def test_a_header_repeated_over_fewer_cells_on_the_next_page_keeps_the_tables_unit():
    # the note column holds no reference on page 2, so parse cuts that part one cell narrower: its
    # header's words are still those of page 1's, and the part is the same table, in tkr
    from pipeline.extract.budget import find_document_budget_lines
    from pipeline.model import cell

    def table(number: int, page: int, title: str, texts: list[list[str]]) -> dict:
        return {"table": number, "page": page, "title": title, "notes": [],
                "rows": [[cell(t, page) for t in r] for r in texts]}

    tables = [table(0, 1, "Budget och utfall (tkr)", [["Post", "", "Utfall", "Budget"], ["Not", "", "2023", "2024"],
                                                       ["Medlemsavgift", "7", "1 055", "985"]]),
              table(1, 2, "Verksamhetens kostnader", [["Post", "Utfall", "Budget"], ["Not", "2023", "2024"],
                                                      ["Kansli", "- 2 439", "- 2 257"]])]
    lines = find_document_budget_lines("d", tables, [])
    assert [(b["label"], b["year"], b["amount_sek"]) for b in lines] == [
        ("Medlemsavgift", 2023, 1_055_000), ("Medlemsavgift", 2024, 985_000),
        ("Kansli", 2023, -2_439_000), ("Kansli", 2024, -2_257_000)]
