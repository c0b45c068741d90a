"""The report in headless Chromium: the comparison fits 1280 px and prints on A4 landscape uncut."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from pipeline.report.comparison import GROUPS

from ..conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (.ci/run installs it)")
# one section alone on the page, for its screenshot
ONLY = "<style>body>nav,body>h1,body>section:not(#{0}){{display:none}}</style></head>"
# written into the page's DOM after load: each comparison table's box against its container and the window
MEASURE = ("<script>document.body.setAttribute('data-fit', JSON.stringify(Array.from("
           "document.querySelectorAll('div.cmp')).map(function (d) { var t = d.querySelector('table')"
           ".getBoundingClientRect(); return [d.scrollWidth, d.clientWidth, t.right, window.innerWidth]; })));"
           "</script></body>")


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={tmp / 'profile'}"]
    return subprocess.run([*flags, *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def page(pdf_warehouse) -> Path:
    return pdf_warehouse.parent / "reports" / "index.html"


def test_comparison_tables_fit_1280_px(page, tmp_path):
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE, 1), encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1280,900", "--dump-dom", probe.as_uri()).stdout
    fits = json.loads(unescape(re.search(r'data-fit="([^"]*)"', dom)[1]))
    assert len(fits) == len(GROUPS) + 1  # the grouped measures and the trends over budget years
    for scroll, client, right, window in fits:
        assert scroll <= client and right <= window


def test_comparison_prints_on_a4_landscape_with_every_column(page, tmp_path):
    import pdfplumber

    printed = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri())
    with pdfplumber.open(printed) as pdf:
        first = pdf.pages[0]
        assert first.width > first.height  # landscape
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        outside = [c for p in pdf.pages for c in p.chars if c["x1"] > p.width + 0.5]
    flat = re.sub(r"-?\s+", "", text)
    for _, measures in GROUPS:
        for m in measures:
            assert re.sub(r"\s+", "", m.heading.replace("\u00ad", "")) in flat, m.heading
    assert not outside


def test_screenshots_of_the_summary_and_the_comparison(page, tmp_path):
    """The two pictures a reader sees first; kept as artifacts (docs/ holds the ones from raw/)."""
    from PIL import Image, ImageChops

    ARTIFACTS.mkdir(exist_ok=True)
    for section in ("sammanfattning", "jamforelse"):
        alone = page.with_name(f"only_{section}.html")
        alone.write_text(page.read_text(encoding="utf-8").replace("</head>", ONLY.format(section), 1),
                         encoding="utf-8")
        shot = ARTIFACTS / f"report_{section}.png"
        chromium(tmp_path, "--window-size=1280,2000", f"--screenshot={shot}", alone.as_uri())
        image = Image.open(shot).convert("RGB")
        box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
        assert box and box[3] > 200  # the section drew something
        image.crop((0, 0, image.width, min(image.height, box[3] + 20))).save(shot)


def test_a_long_table_shows_one_page_of_rows_and_a_pager(text_warehouse, tmp_path):
    """Five förbund at two rows a page: each ranked table shows two rows and 'Sida 1 av 3' in Chromium;
    the rows are all in the page (printing and a browser without script show them all)."""
    from pipeline.report import report
    from pipeline.settings import ReportSettings, Settings

    reports = tmp_path / "reports"
    report(text_warehouse, reports, Settings(report=ReportSettings(page_rows=2)))
    page = (reports / "index.html").read_text(encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1280,900", "--dump-dom", (reports / "index.html").as_uri()).stdout
    tables = re.findall(r'<table class="[^"]*paged[^"]*"[^>]*>.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert len(tables) == page.count(" paged'") >= 4  # the overview and the three measure tables at least
    for body in tables:
        rows = re.findall(r"<tr( hidden=\"\")?>", body)
        assert len([r for r in rows if not r]) == 2 and len(rows) in (4, 5)
    assert dom.count("Sida 1 av 3 (5 rader)") >= 4
