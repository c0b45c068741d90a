"""The Swedish report and the exports, read as an analyst would: in a browser and in pandas."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pytest

from pipeline.check.categories import category
from pipeline.export import FORMATS, VIEWS, export

from ..conftest import ROOT, STEMS, gold, rows

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def html(pdf_warehouse) -> str:
    return (pdf_warehouse.parent / "reports" / "index.html").read_text(encoding="utf-8")


def test_report_names_every_forbund_and_the_published_error(html):
    for stem in STEMS:
        names = [gold(stem)["forbund"], *gold(stem).get("forbund_aliases", [])]
        assert any(name.split(",")[0] in html for name in names), names
    finding = html[html.index("Summa personalkostnader 2024"):][:200_000]
    assert "1\u00a0329\u00a0910" in finding[:1000] and "1\u00a0329\u00a0868" in finding[:1000]
    assert "data:image/png;base64," in finding[:3000] and "sida 6" in finding[:200_000]


def test_report_is_self_contained_with_four_charts(html):
    assert html.count("<svg") >= 4
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html


def test_categories_follow_the_documented_rules():
    assert category("Kansli", "Övriga kostnader") == "administration"
    assert category("Utbildning/konferens", None) == "administration"
    assert category("Kompetenshöjande insats personal", "Kostnader för Insatser") == "strukturövergripande"
    assert category("Försteg Motala", "Planerade kostnader") == "individinriktade"
    assert category("Summa intäkter", None) == "income"
    assert category("Ointecknade medel", "Kostnader för Insatser") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_open_in_pandas_with_the_warehouse_row_counts(pdf_warehouse, tmp_path, fmt):
    result = export(pdf_warehouse, tmp_path, fmt)
    read = {"csv": pd.read_csv, "parquet": pd.read_parquet, "xlsx": pd.read_excel}[fmt]
    for view in VIEWS:
        frame = read(tmp_path / f"{view}.{fmt}")
        assert len(frame) == rows(pdf_warehouse, f"SELECT count(*) AS n FROM {view}")[0]["n"] == result.rows[view]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (.ci/run installs it)")
def test_report_renders_in_headless_chromium(pdf_warehouse):
    page = pdf_warehouse.parent / "reports" / "index.html"
    ARTIFACTS.mkdir(exist_ok=True)
    flags = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    subprocess.run([*flags, "--window-size=1400,5000", f"--screenshot={ARTIFACTS / 'report.png'}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    text = re.sub(r"<[^>]+>", " ", dom.stdout).replace("&nbsp;", "\u00a0")
    assert "Faktagranskning" in text and "Summa personalkostnader" in text
    assert "1\u00a0329\u00a0910" in text and "8\u00a0086\u00a0000" in text
    assert (ARTIFACTS / "report.png").stat().st_size > 50_000
