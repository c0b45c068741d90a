"""reports/index.html: one Swedish page (inline CSS, SVG, images and a few lines of script; no network).

Summary first (what was read, the findings that matter most, ranked), then the comparison, the charts,
the fact-check with evidence, and each förbund's plan. The sections are built in their own modules.
"""

from __future__ import annotations

from pathlib import Path

from . import svg
from .comparison import SORT_SCRIPT, comparison_html
from .evidence import copy_sources
from .figures import COST_CATEGORIES, PlanFigures
from .findings import factcheck_html
from .frames import figures_of, primary_documents, trends_of
from .plan import plan_html
from .summary import ranked_findings, summary_html
from .words import kr, pct, short_name

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
td.n{{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}}
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
section{{break-before:page}}section#sammanfattning{{break-before:auto}}}}
"""


def render_index(con, reports_dir: Path | None = None) -> str:
    docs, primary, used = primary_documents(con)
    hrefs = copy_sources(primary, reports_dir) if reports_dir else {}
    figures = figures_of(con, used)
    findings = ranked_findings(con, [d["document"] for d in used])
    sources = {d["document"]: d.get("source_path") for d in used}
    per_plan = "".join(plan_html(con, d, f, hrefs.get(d["document"])) for d, f in zip(used, figures, strict=True))
    nav = ("<nav><a href='#sammanfattning'>Sammanfattning</a> · <a href='#jamforelse'>Jämförelse</a> · "
           "<a href='#diagram'>Diagram</a> · <a href='#faktagranskning'>Faktagranskning</a> · "
           "<a href='#forbund'>Per förbund</a></nav>")
    return ("<!doctype html><html lang='sv'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Samordningsförbundens budgetar</title><style>{STYLE}</style></head><body>"
            f"<h1>Samordningsförbundens budgetar</h1>{nav}{summary_html(con, docs, primary, findings, hrefs)}"
            f"{comparison_html(figures, trends_of(con, used))}{_charts(figures)}"
            f"{factcheck_html(con, findings, sources, hrefs)}"
            f"<section id='forbund'><h2>Per förbund</h2>{per_plan}</section><script>{SORT_SCRIPT}</script>"
            "</body></html>")


def _charts(figures: list[PlanFigures]) -> str:
    names = [short_name(f.forbund or f.document) for f in figures]
    return "<section id='diagram'><h2>Diagram</h2>" + "".join([
        svg.bars("Tilldelning per förbund (kr, planåret)", list(zip(names, [f.allocation for f in figures],
                                                                          strict=True)), kr),
        svg.stacked("Kostnadsfördelning (andel av budgeterade kostnader)",
                    [(n, [f.costs.get(c, 0) for c in COST_CATEGORIES] + [sum(a for _, a in f.unmapped)])
                     for n, f in zip(names, figures, strict=True)], [*COST_CATEGORIES, "ej kategoriserat"]),
        svg.with_limits("Administrationens andel mot förbundets egen gräns",
                        [(n, f.admin_share, f.admin_limit) for n, f in zip(names, figures, strict=True)], pct),
        svg.paired("Eget kapital mot Nationella rådets rekommendation",
                   [(n, f.equity, f.recommended_equity) for n, f in zip(names, figures, strict=True)],
                   ("eget kapital", "rekommenderad nivå"), kr),
        "<p class='muted'>Diagrammen visar samma tal som jämförelsen.</p></section>"])
