"""The report's Swedish pages (inline CSS, SVG, images and a few lines of script; no network).

reports/index.html: the summary (what was read, the findings that matter most among all förbund,
ranked, and one row per förbund), the comparison (one row per förbund, ranked, paged) and charts of
bounded size. reports/forbund/<slug>.html: a förbund's plans, its key figures per plan and their trend,
its findings with evidence, and each plan as read. The sections are built in their own modules.
"""

from __future__ import annotations

from html import escape

from ..settings import ReportSettings
from .charts import index_charts, trend_chart
from .comparison import SORT_SCRIPT, comparison_html, plans_html
from .crops import CropStore
from .data import ReportData
from .figures import PlanFigures
from .findings import factcheck_html
from .paging import PAGER_STYLE, PAGING_SCRIPT
from .plan import plan_html
from .site import Forbund
from .summary import plans_table, summary_html

# Colours of text on its background, each pair at least 4.5:1 (WCAG AA); tests/report checks them.
COLOURS = {"text": ("#222222", "#ffffff"), "muted": ("#595959", "#ffffff"), "error": ("#b3261e", "#ffffff"),
           "warning": ("#7a5200", "#ffffff"), "header": ("#222222", "#eef1f4"), "total": ("#222222", "#f4f4f4"),
           "link": ("#0b57a4", "#ffffff"), "rank": ("#595959", "#ffffff")}
_C = {name: fg for name, (fg, _) in COLOURS.items()}
STYLE = f"""
*{{box-sizing:border-box}}
body{{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:78rem;padding:0 1rem;color:{_C['text']};
background:#ffffff;line-height:1.4}}
a{{color:{_C['link']}}}table{{border-collapse:collapse;margin:.5rem 0 1.5rem}}
td,th{{border:1px solid #c8c8c8;padding:.2rem .45rem;vertical-align:top}}
thead th,tfoot th,tfoot td{{background:{COLOURS['header'][1]};text-align:left}}
tbody th{{text-align:left;font-weight:normal}}
td.n,table.measures td+td{{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}}
tr.total td{{font-weight:bold;background:{COLOURS['total'][1]}}}.err,a.err{{color:{_C['error']};font-weight:bold}}
.warn{{color:{_C['warning']}}}.muted{{color:{_C['muted']};font-size:.9em}}
.rank{{color:{_C['rank']};font-size:.75em;margin-left:.3em;vertical-align:super}}
figure{{margin:1rem 0}}figcaption{{font-weight:bold;margin-bottom:.3rem}}
img.evidence{{border:1px solid #8c8c8c;max-width:100%;height:auto}}
pre.evidence{{background:#f4f4f4;padding:.4rem;white-space:pre-wrap}}
article.finding{{border-left:4px solid {_C['error']};padding:.2rem 1rem;margin:1rem 0}}
article.finding.warning{{border-color:{_C['warning']}}}div.wide{{overflow-x:auto}}div.cmp table{{font-size:.9em}}
ol.fynd li{{margin:.3rem 0}}ol.fynd li.error::marker{{color:{_C['error']};font-weight:bold}}
.mk{{padding:0 .2em;border:2px solid}}.mk.stated{{border-color:#c80000}}.mk.summed{{border-color:#005ac8}}
.mk.header{{border-color:#3c3c3c}}
table.sortable thead th{{cursor:pointer}}
@page{{size:A4 landscape;margin:10mm}}
@media print{{body{{max-width:none;margin:0;padding:0;font-size:9pt}}div.wide,div.cmp{{overflow:visible}}
nav{{display:none}}article,figure,tr{{break-inside:avoid}}a{{color:{_C['text']};text-decoration:none}}
section{{break-before:page}}section#sammanfattning,section#planer{{break-before:auto}}}}
figcaption .note{{display:block;font-weight:normal}}
""" + PAGER_STYLE


TITLE = "Samordningsförbundens budgetar"


def _page(title: str, body: str) -> str:
    return ("<!doctype html><html lang='sv'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}"
            f"<script>{PAGING_SCRIPT}{SORT_SCRIPT}</script></body></html>")


def render_index(data: ReportData, forbunds: list[Forbund], figures: list[PlanFigures], findings: list[dict],
                 hrefs: dict[str, str], settings: ReportSettings) -> str:
    """The index: `figures` of each förbund's newest plan, `findings` of all förbund ranked (each with the
    `href` of its place on its förbund's page), `hrefs` of the copied sources."""
    links = {f.latest["document"]: f.page for f in forbunds if f.latest}
    nav = ("<nav><a href='#sammanfattning'>Sammanfattning</a> · <a href='#oversikt'>Per förbund</a> · "
           "<a href='#jamforelse'>Jämförelse</a> · <a href='#diagram'>Diagram</a></nav>")
    return _page(TITLE, f"<h1>{TITLE}</h1>{nav}{summary_html(data, forbunds, findings, hrefs, settings)}"
                 f"{comparison_html(figures, data.sums, links, settings.page_rows)}"
                 f"{index_charts(figures, settings.chart_rows)}")


def render_forbund(forbund: Forbund, data: ReportData, figures: list[PlanFigures], findings: list[dict],
                   hrefs: dict[str, str], cells: dict[tuple, list[dict]], settings: ReportSettings,
                   crops: CropStore | None = None) -> str:
    """A förbund's page: `figures` of its plans (by plan year), its `findings` ranked, `hrefs` of the copied
    sources relative to the page, `cells` for the evidence marks (evidence.cells_for), `crops` kept."""
    nav = ("<nav><a href='../index.html'>← Alla förbund</a> · <a href='#planer'>Planer</a> · "
           "<a href='#nyckeltal'>Nyckeltal</a> · <a href='#faktagranskning'>Faktagranskning</a> · "
           "<a href='#planerna'>Planerna</a></nav>")
    sources = {d["document"]: d.get("source_path") for d in forbund.plans}
    plans = "".join(plan_html(d, f, hrefs.get(d["document"]), data)
                    for d, f in zip(forbund.plans, figures, strict=True))
    key_figures = (f"<section id='nyckeltal'><h2>Nyckeltal per plan</h2><p class='muted'>Budgetåret är planåret "
                   "(annars det första budgetåret); hur varje tal räknats står under planen.</p>"
                   f"{plans_html(figures, data.sums)}{trend_chart(figures, data.sums, settings.chart_rows)}</section>"
                   if figures else "")
    return _page(f"{forbund.name} – {TITLE}",
                 f"<h1>{escape(forbund.name)}</h1>{nav}<section id='planer'><h2>Planer</h2>"
                 f"{plans_table(forbund, findings, hrefs)}</section>{key_figures}"
                 f"{factcheck_html(findings, sources, hrefs, cells, crops)}"
                 f"<section id='planerna'><h2>Planerna</h2>{plans or '<p>Ingen plan kunde läsas.</p>'}</section>")
