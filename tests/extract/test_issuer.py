"""Issuer and year of documents that are not förbund plans, from cover lines alone."""

from __future__ import annotations

import pytest

from pipeline.extract.identity import find_name, find_plan_year
from pipeline.extract.issuer import find_issuer, find_signature_year, find_title_year

BRF_COVER = ["Årsredovisning", "Bostadsrättsföreningen", "Bullerbyn 1 i Bara",
             "Styrelsen får härmed avge årsredovisning för räkenskapsåret 1 januari - 31 december 2021.",
             "Föreningen har till ändamål att främja medlemmarnas ekonomiska intressen."]


@pytest.mark.parametrize(("lines", "year"), [
    (BRF_COVER, 2021),
    (["Strategisk plan", "2026–2028", "NORRBOTTEN.SE"], 2026),
    (["BUDGET 2026", "Med planer 2027, 2028"], 2026),
    (["Nämndens Årsplan och budget 2026", "Hälso- och sjukvårdsnämnd"], 2026),
    # OCR without diacritics
    (["Arsredovisning", "Styrelsen far harmed avge arsredovisning for rakenskapsaret 1 januari 31 december 2020"],
     2020),
    (["Protokoll", "Sammanträde 2024-03-01"], None),
])
def test_title_year(lines: list[str], year: int | None) -> None:
    assert find_title_year(lines) == year


def test_signature_date_needs_a_place_not_a_founding_sentence() -> None:
    assert find_signature_year(["Förbundet bildades den 1 januari 2015."]) is None
    assert find_signature_year(["Vi tillstyrker.", "Göteborg den 19 september 2023"]) == 2023


@pytest.mark.parametrize(("lines", "issuer"), [
    (BRF_COVER + ["Bostadsrättsföreningen Bullerbyn 1 i Bara har sitt säte i Bara."],
     "Bostadsrättsföreningen Bullerbyn 1 i Bara"),
    (["2024", "Årsredovisning", "Brf Kastanjen 4", "Brf Kastanjen 4", "Årsredovisning 2024"], "Brf Kastanjen 4"),
    (["Rapportsammandrag", "Stadsrevisionen", "Revisorerna har granskat socialnämnden."], "Stadsrevisionen"),
    (["Nämndens Årsplan och budget 2026", "Hälso- och sjukvårdsnämnd"], "Hälso- och sjukvårdsnämnd"),
    (["Budget 2026", "Region Blekinge", "Region Blekinges mål", "Karlskrona kommun"], "Region Blekinge"),
    (["Protokoll fört vid sammanträde", "Styrelsen beslutade"], None),
])
def test_issuer_from_the_cover(lines: list[str], issuer: str | None) -> None:
    assert find_issuer(lines) == issuer


def test_a_region_plan_mentioning_a_forbund_deep_inside_is_the_regions() -> None:
    lines = ["Strategisk plan", "2026–2028", "för Region Norrbotten", *["text"] * 80,
             "Region Norrbotten finansierar Samordningsförbundet Södra Norrbotten."]
    assert find_name("\n".join(lines))[0] == "Region Norrbotten"


def test_a_forbund_on_the_cover_wins_over_its_members() -> None:
    lines = ["Verksamhetsplan 2025", "Samordningsförbundet Västra Östergötland",
             "Medlemmar: Region Östergötland, Motala kommun, Vadstena kommun"]
    text = "\n".join(lines)
    assert find_name(text)[0] == "Samordningsförbundet Västra Östergötland"
    assert find_plan_year(text, [2026]) == 2025


def test_budget_years_are_the_last_resort() -> None:
    assert find_plan_year("Ingen titel här", [2027, 2026]) == 2026


@pytest.mark.parametrize("lines", [
    ["Verksamhetsplan 2013", "Samordningsförbundet Ale, Kungälv,", "Stenungsund och Tjörn", "Förbundschef"],
    ["Verksamhetsplan 2013", "Samordningsförbundet", "Ale, Kungälv, Stenungsund och Tjörn är ett förbund"],
    ["Förbundet heter nu Samordningsförbundet Ale, Kungälv, Stenungsund", "och Tjörn där styrelsen samordnar"],
])
def test_a_name_broken_over_lines_is_read_whole(lines: list[str]) -> None:
    """A narrow column or a cover set in short lines breaks the name where it cannot end."""
    assert find_name("\n".join(lines))[0] == "Samordningsförbundet Ale, Kungälv, Stenungsund och Tjörn"
