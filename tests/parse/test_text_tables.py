"""Space-separated tables in text plans: layout text (2+ spaces) and single-space copy-paste."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.numbers import parse_amount
from pipeline.parse.text import parse_text
from pipeline.parse.text_split import numbers_of
from pipeline.parse.text_tables import toc_like


def _parse(tmp_path: Path, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return parse_text(path, "plan.txt")


def _texts(table: dict) -> list[list[str]]:
    return [[c["text"] for c in row] for row in table["rows"]]


LAYOUT = """Budget per verksamhet

                         Nettokostnads-   Nettokostnads-
Verksamhet                   ram 2025         ram 2026    Förändring
Administration                  1 200            1 350           150
Insatser                       12 400           11 900          -500
Övrigt                            300              300             0
Summa                          13 900           13 550          -350

Belopp i tkr.
"""


def test_layout_columns_come_from_character_positions(tmp_path):
    parsed = _parse(tmp_path, LAYOUT)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table["style"] == "layout"
    assert _texts(table) == [
        ["Verksamhet", "Nettokostnadsram 2025", "Nettokostnadsram 2026", "Förändring"],
        ["Administration", "1 200", "1 350", "150"],
        ["Insatser", "12 400", "11 900", "-500"],
        ["Övrigt", "300", "300", "0"],
        ["Summa", "13 900", "13 550", "-350"],
    ]
    assert table["title"] == "Budget per verksamhet"
    assert table["notes"] == ["Budget per verksamhet", "Belopp i tkr."]
    assert [line["table"] for line in parsed.lines if line["line"] in (3, 5, 8)] == [0, 0, 0]


def test_layout_empty_cells_stay_in_their_column(tmp_path):
    text = ("Post              Budget 2024   Budget 2025\n"
            "Bidrag staten         1 000         1 100\n"
            "Nytt projekt                          250\n"
            "Kansli                  400           420\n")
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table)[2] == ["Nytt projekt", "", "250"]


SINGLE = """I tabellen nedan anges budgeten per område, belopp i tusen
kronor.
Nettokostnads- Nettokostnads-
Område ram 2025 ram 2026 Förändring
Administration 1 200 1 350 150
Allmänmedicin 1 146 823 -323
Vårdstöd 828 1 238 411
Övrigt 3 3 0
3 177 3 414 238
Varav statsbidrag -414
Summa 3 000
Tabellen visar att ramen ökar.
"""


def test_single_space_splits_by_header_count_and_change_column(tmp_path):
    table = _parse(tmp_path, SINGLE).tables[0]
    assert table["style"] == "single-space"
    assert _texts(table) == [
        ["Område", "Nettokostnadsram 2025", "Nettokostnadsram 2026", "Förändring"],
        ["Administration", "1 200", "1 350", "150"],
        ["Allmänmedicin", "1 146", "823", "-323"],
        ["Vårdstöd", "828", "1 238", "411"],
        ["Övrigt", "3", "3", "0"],
        ["", "3 177", "3 414", "238"],
        ["Varav statsbidrag", "", "-414", ""],
        ["Summa", "", "3 000", ""],
    ]
    assert table["notes"] == ["I tabellen nedan anges budgeten per område, belopp i tusen kronor.",
                              "Tabellen visar att ramen ökar."]
    reading = next(r for r in table["readings"] if r["row"] == 2)
    assert reading["chosen"] == ["1 146", "823", "-323"] and reading["alternatives"] >= 2
    assert reading["reason"] == "Förändring = Nettokostnadsram 2026 − Nettokostnadsram 2025"


def test_one_amount_per_line_is_a_one_column_table(tmp_path):
    text = ("I nedanstående tabell specificeras ramen, belopp i miljoner kronor.\n"
            "Ram 2025 9 045\nLäkemedel 78\nVårdplatser 55\nRam 2026 9 178\n"
            "Finansiering\nBeräknade nettokostnader 9 909\nEffektivisering 1 % -99\n"
            "Budget 2026 9 810\nTillskotten har fördelats till verksamheterna.\n")
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table) == [["Ram 2025", "9 045"], ["Läkemedel", "78"], ["Vårdplatser", "55"],
                             ["Ram 2026", "9 178"], ["Finansiering", ""], ["Beräknade nettokostnader", "9 909"],
                             ["Effektivisering 1 %", "-99"], ["Budget 2026", "9 810"]]


def test_prose_contents_lists_and_page_numbers_are_not_tables(tmp_path):
    text = ("Innehållsförteckning\n"
            "1 Inledning ........................................ 3\n"
            "2 Uppdrag .......................................... 4\n"
            "3 Budget ........................................... 12\n"
            "Hälso- och sjukvårdslagen (2017:30)\n"
            "Nämndens ram beslutades av regionfullmäktige till 9 398 miljoner\n"
            "(RS/250133) för år 2026, vilket betyder en ramhöjning med 353 miljoner kronor.\n"
            "• Vårdval stärks med 64 miljoner kronor vilket bland annat inkluderar en satsning om 20\n"
            "• Arbetet med vårdplatser fortsätter genom en satsning motsvarande 55\n"
            "• Första linjen får ett tillskott om 15\n"
            "Behandling inom 90\ndagar i den\nBehandling inom 90\ndagar - avser väntande\n"
            "Första besök inom 3\ndagar\n"
            "Bidrar till de globala målen i Agenda 2030\n"
            "Antagen 2023-11-30\n13\nFördelning av ram\n14\n")
    assert _parse(tmp_path, text).tables == []


def test_layout_contents_with_page_numbers_is_not_a_table(tmp_path):
    text = "1 Inledning                 3\n2 Uppdrag                   4\n3 Mål                       6\n"
    assert _parse(tmp_path, text).tables == []


def test_tab_tables_get_notes_and_keep_their_rows(tmp_path):
    text = "Budget i tkr\nIntäkter\t2024\nStaten\t1 000\nSlut.\n"
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table) == [["Intäkter", "2024"], ["Staten", "1 000"]]
    assert table["notes"] == ["Budget i tkr", "Slut."] and table["style"] == "tab"


def test_digit_groups_after_the_first_have_three_digits():
    assert sorted(numbers_of(["1", "146", "823", "-323"])) == sorted(
        [["1", "146", "823", "-323"], ["1 146", "823", "-323"], ["1", "146 823", "-323"],
         ["1 146 823", "-323"]])
    assert list(numbers_of(["045"])) == []


_LABELS = ["Administration", "Insatser", "Övrigt", "Lokaler", "Personal", "Kansli", "Projekt", "Utbildning"]


def _render(value: int) -> str:
    return f"{value:,}".replace(",", " ")


@st.composite
def _tables(draw: st.DrawFn) -> tuple[int, list[str], list[list[int]]]:
    """1–3 amount columns; with two or more, a last column that is the last minus the one before."""
    base = draw(st.sampled_from([1, 2, 3]))
    labels = draw(st.lists(st.sampled_from(_LABELS), min_size=3, max_size=6, unique=True))
    amount = st.integers(min_value=-2_000_000, max_value=20_000_000) | st.integers(min_value=-999, max_value=9_999)
    rows = []
    for _ in labels:
        values = [draw(amount) for _ in range(base)]
        rows.append(values + ([values[-1] - values[-2]] if base > 1 else []))
    return base, labels, rows


def _one_reading(values: list[int]) -> bool:
    """No other split of the row's digits satisfies the change column too ("-999 999 100 1 000 099")."""
    tokens = " ".join(map(_render, values)).split()
    fits = [n for n in numbers_of(tokens) if len(n) == len(values)
            and (len(n) < 3 or abs(parse_amount(n[-1]).value - parse_amount(n[-2]).value
                                   + parse_amount(n[-3]).value) < 0.5)]
    return len(fits) == 1


@settings(max_examples=150, deadline=None)
@given(_tables(), st.booleans(), st.booleans())
def test_single_space_tables_recover_every_number(tmp_path_factory, drawn, with_header, with_total):
    base, labels, rows = drawn
    expected = [[label, *map(float, values)] for label, values in zip(labels, rows, strict=True)]
    lines = [" ".join([label, *map(_render, values)]) for label, values in zip(labels, rows, strict=True)]
    # a headerless column of small rising whole numbers reads as contents page numbers, on purpose
    assume(all(_one_reading(values) for values in rows))
    seen = rows + ([[sum(r[0] for r in rows)]] if with_total else [])  # the column the reader sees
    assume(with_header or base > 1 or not toc_like([float(v[0]) for v in seen]))
    if with_total:
        total = [sum(column) for column in zip(*rows, strict=True)]
        expected.append(["", *map(float, total)])
        lines.append(" ".join(map(_render, total)))
    if with_header:
        years = [f"Budget {2023 + i}" for i in range(base)]
        lines.insert(0, " ".join(["Post", *years, *(["Förändring"] if base > 1 else [])]))
    text = "\n".join(["Budget per post, belopp i kronor.", *lines, "Slut på tabellen."]) + "\n"
    parsed = _parse(tmp_path_factory.mktemp("p"), text)
    assert len(parsed.tables) == 1
    got = [[row[0]["text"], *(parse_amount(c["text"]).value for c in row[1:])]
           for row in parsed.tables[0]["rows"][1 if with_header else 0:]]
    assert got == expected


def test_layout_header_above_a_heading_and_blank_lines(tmp_path):
    text = ("Resultatbudget (tkr)\n\n"
            "                              Utfall      Budget      Budget\n"
            "                                2023        2024        2025\n"
            "Intäkter\n\n"
            "  Statliga medel               1 416       1 416       1 500\n"
            "  Kommuner                       708         708         750\n\n"
            "Kostnader\n"
            "  Personal                    -1 200      -1 250      -1 300\n"
            "                                 924         874         950\n")
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table) == [["", "Utfall 2023", "Budget 2024", "Budget 2025"], ["Intäkter", "", "", ""],
                             ["Statliga medel", "1 416", "1 416", "1 500"], ["Kommuner", "708", "708", "750"],
                             ["Kostnader", "", "", ""], ["Personal", "-1 200", "-1 250", "-1 300"],
                             ["", "924", "874", "950"]]


def test_single_space_header_above_a_section_heading(tmp_path):
    text = ("Post Budget 2024 Budget 2025 Förändring\nIntäkter\n"
            "Staten 1 416 1 500 84\nRegion 708 750 42\nKommun 708 750 42\n")
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table)[:3] == [["Post", "Budget 2024", "Budget 2025", "Förändring"], ["Intäkter", "", "", ""],
                                 ["Staten", "1 416", "1 500", "84"]]


def test_spaced_signs_footer_unit_and_page_footer(tmp_path):
    text = ("Bilaga 1 Resultatbudget\n2026 2027\nIntäkter 1 018,7 1 018,7\nKostnader - 7 720,6 - 7 914,8\n"
            "Resultat - 6 701,9 - 6 896,1\nAlla belopp i miljoner kronor\nSida 23\nBilaga 2 Ramar\n2026 2027\n"
            "Nämnd A 4,0 5,0\nNämnd B 1,0 2,0\n")
    tables = _parse(tmp_path, text).tables
    assert _texts(tables[0])[2] == ["Kostnader", "-7 720,6", "-7 914,8"]
    assert len(tables[0]["rows"]) == 4  # neither the unit line nor "Sida 23" is a row
    assert "Alla belopp i miljoner kronor" in tables[0]["notes"]
    assert "Alla belopp i miljoner kronor" not in tables[1]["notes"]  # the footer of the table above


def test_kind_line_over_the_years_with_a_section_word_between(tmp_path):
    text = ("Balansbudget\nUtfall Prognos Budget\nTillgångar\n2024 2025 2026\n"
            "Mark 2 087 2 188 2 538\nFörråd 130 140 140\nSumma 2 217 2 328 2 678\n")
    assert _texts(_parse(tmp_path, text).tables[0])[0] == ["Tillgångar", "Utfall 2024", "Prognos 2025",
                                                            "Budget 2026"]


def test_short_rows_sit_where_the_totals_hold(tmp_path):
    text = ("Satsningar 2026 2027 2028\nKöpt vård 40,0 60,0 80,0\nRivning 6,5 3,0\nFörstudie 2,5\n"
            "SUMMA totalt 49,0 60,0 83,0\n")
    table = _parse(tmp_path, text).tables[0]
    assert _texts(table)[2:4] == [["Rivning", "6,5", "", "3,0"], ["Förstudie", "2,5", "", ""]]
    assert any("total rows hold" in r["reason"] for r in table["readings"])


def test_values_between_two_pieces_of_a_wrapped_label(tmp_path):
    text = ("Mnkr 2026 2027\nÅrets resultat 234 151\nAvkastning pensionsportfölj\n-263 -254\n"
            "(Balanskravsjustering)\nSkatteintäkter, generella statsbidrag\n11 652,6 11 984,9\n"
            "och finansiella poster.\nBalanskravsresultat -28 -103\n")
    rows = _texts(_parse(tmp_path, text).tables[0])
    assert rows[2:] == [["Avkastning pensionsportfölj (Balanskravsjustering)", "-263", "-254"],
                        ["Skatteintäkter, generella statsbidrag och finansiella poster", "11 652,6", "11 984,9"],
                        ["Balanskravsresultat", "-28", "-103"]]


def test_text_column_after_the_years_and_empty_cells(tmp_path):
    text = ("Uppdrag 2026 2027 2028Utfördelat till\nVaccination covid 19 4,20 4,20 4,20 Hälsoval\n"
            "Cosmic 24,00 24,00 24,00 Förfogande anslag\nSUMMA totalt 28,20 28,20 28,20\n\n"
            "(Belopp i mnkr) 2024 2025 2026\nBolaget AB\nÄgarandel 50%\nNettoomsättning 12 11 11,9\n"
            "Driftsbidrag 5,2 4,3 *\nAnnat AB\nÄgarandel 30%\nNettoomsättning 22 17 14\n")
    first, second = _parse(tmp_path, text).tables
    assert _texts(first)[:2] == [["Uppdrag", "2026", "2027", "2028", "Utfördelat till"],
                                 ["Vaccination covid 19", "4,20", "4,20", "4,20", "Hälsoval"]]
    assert _texts(second)[4] == ["Driftsbidrag", "5,2", "4,3", "*"]
    assert len(second["rows"]) == 8
