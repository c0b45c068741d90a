from hypothesis import given
from hypothesis import strategies as st

from pipeline.numbers import find_years, format_sek, parse_amount, parse_percentages, unit_factor


def test_swedish_amounts():
    assert parse_amount("1 416 000 kr").sek() == 1_416_000
    assert parse_amount("1\u00a0416\u202f000").sek() == 1_416_000
    assert parse_amount("6340 tkr").sek() == 6_340_000
    assert parse_amount("6340").sek(1000) == 6_340_000
    assert parse_amount("2 Mkr").sek() == 2_000_000


def test_a_lost_group_space_still_reads_as_thousands():
    """OCR of 003's budget page reads "1 438 431" as "1438 431"."""
    assert parse_amount("1438 431").sek() == 1_438_431
    assert parse_amount("12345 678") is None
    assert parse_amount("2 832000 kr").sek() == 2_832_000  # 000's scanned budget page
    assert parse_amount("2 83200") is None


def test_signs_and_footnotes():
    amount = parse_amount("-150 000***")
    assert amount.sek() == -150_000 and amount.footnote == "***"
    assert parse_amount("\u2212150 000").sek() == -150_000
    assert parse_amount("\u2013 5 000").sek() == -5_000
    assert parse_amount("+ 295").sek(1000) == 295_000
    assert parse_amount("(150 000)").sek() == -150_000


def test_not_amounts():
    for text in ["", "Summa", "55,2 %", "2003:1210", "1 416 000 kr extra", "(150 000"]:
        assert parse_amount(text) is None, text


def test_years_skip_law_numbers():
    assert find_years("Budget 2025") == [2025]
    assert find_years("lag (2003:1210)") == []
    assert find_years("År 2013 (tkr)") == [2013]


def test_unit_factor():
    assert unit_factor("År 2013 (tkr)") == 1000
    assert unit_factor("Bidrag i tkr år 2013") == 1000
    assert unit_factor("Budget 2024") is None


def test_percentages():
    assert [v for v, *_ in parse_percentages("55,2 % och 75 procent, 20%")] == [55.2, 75, 20]


@given(st.integers(min_value=-10**10, max_value=10**10))
def test_format_then_parse_round_trips(value):
    text = format_sek(value).replace("\u2212", "-")
    assert parse_amount(text).sek() == value


def test_two_amounts_run_together_are_no_amount():
    """Five digit groups at most: a longer run is two amounts read as one, never a 10^17 kronor amount."""
    assert parse_amount("959 825 722 216 746 880") is None
    assert parse_amount("12345678901234567890") is None
    assert parse_amount("1 000 000 000 000").sek() == 10**12
