"""The Swedish report, read as an analyst would: summary first, evidence, ratios, clean goals.

The index (reports/index.html) holds the summary and the comparison; each förbund's page
(reports/forbund/<slug>.html) its findings with evidence and its plans."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from pipeline.check.categories import category
from pipeline.report.frames import figures_of, primary_documents

from ..conftest import ROOT, STEMS, gold


@pytest.fixture(scope="module")
def html(pdf_warehouse) -> str:
    return (pdf_warehouse.parent / "reports" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(pdf_warehouse) -> dict[Path, str]:
    """Each förbund's page by its path."""
    folder = pdf_warehouse.parent / "reports" / "forbund"
    return {p: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def _text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", markup))


def _section(html: str, anchor: str) -> str:
    start = html.index(f"id='{anchor}'")
    return html[start:html.index("</section>", start)]


def test_an_index_and_one_page_per_forbund_linked_from_it(html, pages):
    assert len(pages) == 5
    for page, text in pages.items():
        assert f"href='forbund/{page.name}'" in html
        assert "href='../index.html'" in text and text.count("<article class='plan'>") == 1


def test_report_names_every_forbund_in_full(html):
    for stem in STEMS:
        names = [gold(stem)["forbund"], *gold(stem).get("forbund_aliases", [])]
        assert any(name.split(",")[0] in html for name in names), names
    assert "Ale, Kungälv, Stenungsund och Tjörn" in _text(_section(html, "jamforelse"))  # not cut short


def test_summary_lists_the_published_errors_first(html):
    """Sollefteå's result (off by 2 160 000 kr) and its staff sum (20 000 kr), then Burlöv's personnel sum
    (42 kr): the three errors the sample plans publish, ranked by kronor, before any warning."""
    items = re.findall(r"<li class='(\w+)'>(.*?)</li>", _section(html, "sammanfattning"), re.S)
    assert [severity for severity, _ in items[:3]] == ["error"] * 3
    first = [_text(item) for _, item in items[:3]]
    assert "Sollefteå" in first[0] and "Årets resultat" in first[0] and "2\u00a0160\u00a0000" in first[0]
    assert "Sollefteå" in first[1] and "Summa styrelse och kansli" in first[1] and "20\u00a0000" in first[1]
    assert "Burlöv" in first[2] and "Summa personalkostnader 2024" in first[2] and "42\u00a0kr" in first[2]
    assert all(severity != "error" for severity, _ in items[3:])


def test_no_status_ok_beside_a_plan_with_an_error(html):
    rows = re.findall(r"<tr>(.*?)</tr>", _section(html, "sammanfattning"), re.S)
    solleftea = next(_text(r) for r in rows if "Sollefteå" in r)
    assert "2 fel" in solleftea and " ok " not in f" {solleftea} "
    assert "Status ok" not in _text(html)


def test_every_finding_has_an_evidence_image_and_a_page_link_to_a_copied_pdf(html, pages):
    findings = [(page.name, anchor, body) for page, text in pages.items() for anchor, body in
                re.findall(r"<article id='(fynd-\d+)' class='finding[^']*'>(.*?)</article>", text, re.S)]
    summary_links = re.findall(r"href='forbund/([^'#]+)#(fynd-\d+)'", _section(html, "sammanfattning"))
    assert findings and {(page, anchor) for page, anchor, _ in findings} == set(summary_links)
    for page, _, body in findings:
        assert "data:image/png;base64," in body
        link = re.search(r"href='(\.\./kallor/[^'#]+\.pdf)#page=(\d+)'", body)
        assert link and (next(p for p in pages if p.name == page).parent / link[1]).resolve().exists()
    assert "sida 6" in next(body for _, _, body in findings if "Summa personalkostnader" in body)


def test_no_local_path_in_the_report(html, pages, pdf_warehouse):
    for text in (html, *pages.values()):
        assert str(pdf_warehouse.parent) not in text and str(ROOT) not in text
        assert not re.search(r"(href|src)=['\"](file:|/)", text)


def test_report_needs_no_network(html, pages):
    assert html.count("<svg") >= 4
    for text in (html, *pages.values()):
        assert not re.search(r"""(src|href)=['"]?(https?:)?//""", text)
        assert "<link" not in text and "<script src" not in text
        assert "name='viewport'" in text and "@page{size:A4 landscape" in text


def test_goals_are_clean_swedish(html, pages):
    text = " ".join(_text(_section(page, "planerna")) for page in pages.values())
    assert "\uf0b7" not in html + text and ">=" not in text and "<=" not in text
    assert "SUS ska användas" not in text  # a rule, not a target the förbund sets itself
    assert not re.search(r"\((goal|split|change|other|staffing|interest)\)", text)
    assert "minst 80\u00a0%" in text and "(fördelning)" in text


def test_categories_follow_the_documented_rules():
    assert category("Kansli", "Övriga kostnader") == "administration"
    assert category("Utbildning/konferens", None) == "administration"
    assert category("Kompetenshöjande insats personal", "Kostnader för Insatser") == "strukturövergripande"
    assert category("Försteg Motala", "Planerade kostnader") == "individinriktade"
    assert category("Summa intäkter", None) == "income"
    assert category("Ointecknade medel", "Kostnader för Insatser") is None


# Hand computations from the PDFs in ../shared/corpus/pdf (the plan year's budget column).
ADMIN_SHARES = {
    # Sollefteå p. 7, 2024: Kansli 667 000 + Styrelse 65 000 + Övriga finansiella kostnader 5 000 = 737 000
    # of the costs 2 832 000 less "Ointecknade medel" 1 010 000 (money not given to any insats) = 1 822 000
    "000_92e5f93be53ef7af": 737_000 / 1_822_000,
    # Ale m.fl. p. 7, 2013 (tkr): Tjänsteman lön m.m. 810 + Arvoden 130 + Köp av Ekonomiadministration 60 +
    # Kostnad för revisorer 50 = 1 050 of Total summa 6 145 (the board's travel and conference line, 30, and
    # the SUS purchase, 40, are strukturövergripande by the word lists: "konferens", "sus")
    "001_0874f8358a7dd9a7": 1_050_000 / 6_145_000,
    # Västra Östergötland p. 8, 2025: Kansli 1.0 1 600 000 of Totalt 10 010 000
    "002_993e2a07e1624d0f": 1_600_000 / 10_010_000,
    # Burlöv m.fl. p. 6, 2024: Summa övriga kostnader 686 000 + personnel rows 250 000 + 693 868 + 386 000
    # = 2 015 868 of the cost rows 3 463 847 (the printed total 3 463 889 carries the 42 kr slip)
    "003_db996d9d141d330c": 2_015_868 / 3_463_847,
    # Högländet p. 7-8, 2024: Tjänsteperson 1 140 000 + Styrelse 60 000 + Kompetensutveckling 30 000 +
    # Ekonomihantering 102 000 + Revision 52 500 + Övrig administration 141 000 = 1 525 500 of Summa
    # kostnader 8 236 000 ("Ny verksamhet" 47 000 has no category: 0,6 % of the costs, too little to matter)
    "004_4ca5af5e2bc26fdb": 1_525_500 / 8_236_000,
}


def test_ratios_match_hand_computations(pdf_warehouse):
    import duckdb

    with duckdb.connect(str(pdf_warehouse), read_only=True) as con:
        figures = {f.document.removesuffix(".pdf"): f for f in figures_of(con, primary_documents(con)[2])}
    for stem, share in ADMIN_SHARES.items():
        assert figures[stem].admin_share == pytest.approx(share), stem
    assert round(figures["004_4ca5af5e2bc26fdb"].admin_share * 100, 1) == 18.5  # as the plan states on p. 6
    # Västra Östergötland p. 8-10: individinriktade Försteg 4.0 2 700 000 + Digitaliseringscenter 4.2 1 400 000
    # + Fontänhus 6.1 500 000 = 4 600 000 kr; budgeted participants of those insatser: Försteg Boxholm 20,
    # Skänninge/Mjölby 60, Vadstena 25, Motala 50, Ödeshög 25, Individuellt stöd till arbete 55, Stöd mot
    # sysselsättning 40, Motala Fontänhus 100, Digitaliseringscenter 35 = 410 (not Nätverket 180 or the
    # 900 of Kompetenshöjande insatser, which are strukturövergripande)
    ost = figures["002_993e2a07e1624d0f"]
    assert ost.participants == 410 and ost.cost_per_participant == pytest.approx(4_600_000 / 410)
    assert all(f.cost_per_participant is None for stem, f in figures.items() if stem != "002_993e2a07e1624d0f")
