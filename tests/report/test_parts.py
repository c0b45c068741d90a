"""The report's parts on generated material: ranks, colours, legends, goal text, evidence marks."""

from __future__ import annotations

import io
import re
from importlib import resources

import duckdb
import pytest
from PIL import Image

from pipeline.report import svg
from pipeline.report.comparison import median, ranks
from pipeline.report.crops import page_crop_png
from pipeline.report.evidence import marks_for
from pipeline.report.html import COLOURS, STYLE
from pipeline.report.words import clean_goal, goal_value, is_goal


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_passes_wcag_aa_on_its_background():
    for name, (fg, bg) in COLOURS.items():
        assert contrast(fg, bg) >= 4.5, name
    for colour in (*svg.PALETTE, svg.TEXT, svg.MUTED, svg.LIMIT):  # chart text and bars on white, white on bars
        assert contrast(colour, "#ffffff") >= 4.5, colour
    used = set(re.findall(r"(?<![-\w])color:(#[0-9a-f]{6})", STYLE))
    assert used <= {fg for fg, _ in COLOURS.values()}  # no text colour in the CSS escapes the check


def test_ranks_and_median_leave_missing_values_out():
    assert ranks([5, None, 9, 5], high_is_first=True) == [2, None, 1, 2]
    assert ranks([0.2, 0.1], high_is_first=False) == [2, 1]
    assert median([1, None, 3, 10]) == 3 and median([None]) is None


def test_a_long_legend_wraps_inside_the_chart():
    names = ["individinriktade insatser", "strukturövergripande insatser", "administration", "ej kategoriserat",
             "ett namn till som är långt"]
    chart = svg.stacked("Test", [("A", [1, 1, 1, 1, 1])], names)
    width = int(re.search(r"viewBox='0 0 (\d+) (\d+)'", chart)[1])
    for x, name in re.findall(r"<text x='([\d.]+)' y='[\d.]+'>([^<]+)</text>", chart):
        if name in names:
            assert float(x) + 7 * len(name) <= width, name
    assert chart.index("<figcaption>") < chart.index("<svg")  # caption above the chart


def test_goal_text_loses_bullets_and_toc_lines_and_rules():
    assert clean_goal("\uf0b7 Att 80 % av deltagarna") == "Att 80 % av deltagarna"
    assert not is_goal({"text": "3.2 Mål för verksamheten ........ 12", "unit": "%"})
    assert not is_goal({"text": "minst två av myndigheterna ska delta", "unit": "av"})
    assert is_goal({"text": "minst 7 (av 10) i snitt", "unit": "av 10"})
    assert goal_value({"value": 80.0, "unit": "%", "comparator": ">="}) == "minst 80\u00a0%"
    assert goal_value({"value": 20.0, "unit": "%", "comparator": "<="}) == "högst 20\u00a0%"
    assert goal_value({"value": 8.0, "unit": "tillfällen", "comparator": "="}) == "8 tillfällen"


@pytest.fixture()
def drawn_table(tmp_path):
    """A reportlab page with a year header, two rows and a wrong total, and its cells in a warehouse."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "plan.pdf"
    page = canvas.Canvas(str(pdf), pagesize=A4)
    height = A4[1]
    rows = [("Kostnader", "Budget 2025"), ("Kansli", "600 000"), ("Styrelse", "65 000"), ("Summa", "667 000")]
    cells = []
    for r, (label, amount) in enumerate(rows):
        top = 100 + r * 20
        page.drawString(72, height - top - 10, label)
        page.drawRightString(400, height - top - 10, amount)
        width = page.stringWidth(amount)
        cells += [(r, 0, label, [72, top, 72 + page.stringWidth(label), top + 10]),
                  (r, 1, amount, [400 - width, top, 400, top + 10])]
    page.save()
    con = duckdb.connect()
    con.execute(resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8"))
    for r, c, text, bbox in cells:
        con.execute("INSERT INTO table_cells (document, table_no, row_no, col_no, text, page, bbox) VALUES "
                    "('plan.pdf', 1, ?, ?, ?, 1, ?)", [r, c, text, bbox])
    finding = {"document": "plan.pdf", "table_no": 1, "page": 1, "bbox": cells[-1][3],
               "rows_used": '[{"row": 1, "label": "Kansli"}, {"row": 2, "label": "Styrelse"}]'}
    return pdf, con, finding, cells


def test_evidence_marks_the_header_the_summed_cells_and_the_total(drawn_table):
    pdf, con, finding, cells = drawn_table
    marks = marks_for(con, finding)
    kinds = {kind: bbox for kind, bbox in marks}
    assert [kind for kind, _ in marks].count("summed") == 2
    assert kinds["header"] == cells[1][3]  # "Budget 2025", set right above the amounts
    png = page_crop_png(pdf, 1, marks)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    # the crop runs from the header to the total, and the red of the stated mark is in it
    assert image.height > (cells[-1][3][3] - cells[1][3][1]) * 100 / 72
    pixels = image.tobytes()
    assert any(pixels[i] > 150 and pixels[i + 1] < 60 and pixels[i + 2] < 60 for i in range(0, len(pixels), 3))


def test_a_partly_read_document_names_its_pages():
    import json

    from pipeline.report.summary import _read_text

    problem = {"document": "a.pdf", "rule": "page 3: a table with amounts gave no budget lines", "fix": "look"}
    assert _read_text({"status": "partial", "warnings": json.dumps([problem])}) == "delvis: sidan 3"
    two = [problem, problem | {"rule": "page 7: a column was not read"}]
    assert _read_text({"status": "partial", "warnings": json.dumps(two)}) == "delvis: sidorna 3, 7"
    assert _read_text({"status": "ok", "warnings": "[]"}) == "helt"


def test_trends_show_each_budget_year_and_the_change_in_costs():
    from pipeline.report.comparison import _trends
    from pipeline.report.figures import PlanFigures

    plan = PlanFigures(document="a.pdf", forbund="Samordningsförbundet i Ort", plan_year=2024, year=2024)
    years = {2023: {"intäkt": 100}, 2024: {"intäkt": 100, "kostnad": 200}, 2025: {"intäkt": 100, "kostnad": 150}}
    table = _trends([plan], {"a.pdf": years})
    assert "2023: – → 2024: 200\u00a0kr → 2025: 150\u00a0kr" in table  # the costs, a year without one shown so
    assert "\u221225,0\u00a0%" in table  # from the first year with costs to the last
    assert _trends([plan], {"a.pdf": {2024: {"kostnad": 1}}}) == ""  # one year: no trend


def test_a_chart_of_many_items_draws_the_largest_the_smallest_and_the_median():
    from pipeline.report.charts import bounded

    items = [(f"F{i:03d}", float(i)) for i in range(100)] + [("Okänd", None)]
    shown, note = bounded(items, lambda i: i[1], 10)
    assert [name for name, _ in shown] == ["F099", "F098", "F097", "F096", "F095", "median: F049",
                                           "F004", "F003", "F002", "F001", "F000"]
    assert "5 största" in note and "5 minsta" in note and "100 förbund" in note and "1 utan uppgift" in note
    assert bounded(items[:10], lambda i: i[1], 10) == (items[:10], "")  # few enough: all, as they come


def test_the_index_charts_stay_the_same_height_for_ten_or_three_hundred_forbund():
    from pipeline.report.charts import index_charts
    from pipeline.report.figures import PlanFigures

    def plans(n: int) -> list[PlanFigures]:
        return [PlanFigures(document=f"d{i}.pdf", forbund=f"Samordningsförbundet F{i}", plan_year=2025, year=2025,
                            allocation=1_000_000 + i, costs={"individinriktade": 500 + i, "administration": 100 + i},
                            admin_share=0.1 + i / 1e4, admin_limit=0.2, equity=1000 + i, recommended_equity=900)
                for i in range(n)]

    def heights(markup: str) -> list[int]:
        return [int(h) for h in re.findall(r"viewBox='0 0 \d+ (\d+)'", markup)]

    few, many = heights(index_charts(plans(21), 20)), heights(index_charts(plans(300), 20))
    assert len(many) == 4 and many == few  # 21 bars: 10 largest, the median, 10 smallest
    assert max(many) < 700


def test_forbund_pages_get_short_stable_addresses():
    from pipeline.report.site import slugs

    found = slugs(["Samordningsförbundet i Sollefteå", "Högländets samordningsförbund",
                   "Samordningsförbundet Ale, Kungälv", "Ale Kungälv", "Samordningsförbundet ..."])
    assert found["Samordningsförbundet i Sollefteå"] == "solleftea" and found["Högländets samordningsförbund"] \
        == "hoglandets"
    twins = found["Samordningsförbundet Ale, Kungälv"], found["Ale Kungälv"]
    assert twins[0] != twins[1] and all(t.startswith("ale-kungalv-") for t in twins)  # the same slug: hashed
    assert re.fullmatch(r"[a-z0-9-]+", found["Samordningsförbundet ..."])
