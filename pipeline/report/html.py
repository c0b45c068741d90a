"""reports/index.html: one self-contained file in Swedish (inline CSS, SVG and images; no scripts)."""

from __future__ import annotations

import re
from html import escape

from rapidfuzz import fuzz

from ..load import fetch_dicts
from ..numbers import format_sek
from . import svg
from .evidence import evidence_html
from .figures import COST_CATEGORIES, PlanFigures, plan_figures

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:78rem;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}
th{background:#f0f3f6;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:bold;background:#f6f6f6}.err{color:#b00020;font-weight:bold}.warn{color:#9a6700}
.muted{color:#666;font-size:.9em}figure{margin:1rem 0}figcaption{font-weight:bold}
img.evidence{border:1px solid #aaa;max-width:100%}pre.evidence{background:#f6f6f6;padding:.4rem;white-space:pre-wrap}
section.finding{border-left:4px solid #b00020;padding:.2rem 1rem;margin:1rem 0}
section.finding.warning{border-color:#e3a33b}div.wide{overflow-x:auto}div.wide table{font-size:.85em}
"""
KINDS = {
    "sum_mismatch": "Summan stämmer inte med raderna ovanför", "result_mismatch": "Resultatet stämmer inte",
    "equity_mismatch": "Eget kapital rullar inte vidare", "remaining_mismatch": "Kvar att disponera stämmer inte",
    "equity_above_recommendation": "Eget kapital över rekommenderad nivå",
    "prose_vs_table_mismatch": "Texten och tabellen anger olika belopp",
    "share_mismatch": "Angiven andel stämmer inte", "split_mismatch": "Fördelningen blir inte 100 %",
    "split_check": "Fördelningen kan inte prövas", "stated_share_check": "Angiven kostnadsandel kan inte prövas",
    "own_limit_check": "Förbundets egen gräns",
    "rowtotal_mismatch": "Summakolumnen stämmer inte med kolumnerna bredvid",
}
PERCENT_KINDS = ("share_", "split_", "stated_share_", "own_limit_")  # stated and computed are percentage points


def _kr(value) -> str:
    return "–" if value is None else f"{format_sek(value)}\u00a0kr"


def _points(value) -> str:
    return "–" if value is None else f"{round(value, 2):g}\u00a0%".replace(".", ",")


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.1f}\u00a0%".replace(".", ",")


def plans(docs: list[dict]) -> list[list[dict]]:
    """Documents that are one plan (same förbund, same plan year) as groups; the PDF first."""
    groups: list[list[dict]] = []
    for doc in docs:
        for group in groups:
            head = group[0]
            if head["plan_year"] == doc["plan_year"] and fuzz.token_set_ratio(
                    (head["forbund"] or head["document"]).lower(), (doc["forbund"] or doc["document"]).lower()) >= 90:
                group.append(doc)
                break
        else:
            groups.append([doc])
    return [sorted(g, key=lambda d: (d["status"] != "ok", d["format"] != "pdf", d["document"])) for g in groups]


def _agreement(con, group: list[dict]) -> str:
    if len(group) == 1:
        return ""
    def amounts(doc):
        return sorted((r["year"], r["amount_sek"]) for r in fetch_dicts(
            con, "SELECT year, amount_sek FROM budget_lines WHERE document = ?", [doc["document"]]))
    used = amounts(group[0])
    notes = []
    for other in group[1:]:
        theirs = amounts(other)
        if theirs == used:
            notes.append(f"{escape(other['document'])} ger samma {len(used)} belopp")
        else:
            diff = len(set(used) ^ set(theirs))
            notes.append(f"<span class='warn'>{escape(other['document'])} skiljer sig i {diff} belopp</span>")
    return "; ".join(notes)


def _overview(con, groups: list[list[dict]]) -> str:
    rows = []
    for group in groups:
        used = group[0]
        status = "ok" if used["status"] == "ok" else f"<span class='err'>{escape(used['status'])}</span>"
        rows.append(f"<tr><td>{escape(used['forbund'] or '–')}</td><td>{used['plan_year'] or '–'}</td>"
                    f"<td>{escape(used['document'])}</td><td>{_agreement(con, group)}</td><td>{status}</td></tr>")
    return ("<h2 id='oversikt'>Översikt</h2><table><tr><th>Förbund</th><th>Planår</th><th>Använd fil</th>"
            f"<th>Övriga filer av samma plan</th><th>Status</th></tr>{''.join(rows)}</table>")


def _comparison(figures: list[PlanFigures]) -> str:
    head = ("<tr><th>Förbund</th><th>År</th><th>Tilldelning</th><th>Statens del</th><th>Individinriktade</th>"
            "<th>Strukturövergripande</th><th>Administration</th><th>Ej kategoriserat</th><th>Adm.-andel</th>"
            "<th>Egen gräns</th><th>Budgeterat resultat</th><th>Eget kapital</th><th>Rekommenderat</th>"
            "<th>Insatser</th><th>Planerade deltagare</th><th>Kostnad per deltagare</th><th>Mätbara mål</th></tr>")
    body = []
    for f in figures:
        unmapped = sum(a for _, a in f.unmapped)
        body.append(
            f"<tr><td>{escape(f.forbund or f.document)}</td><td>{f.year or '–'}</td><td class='n'>{_kr(f.allocation)}"
            f"</td><td class='n'>{_kr(f.state_part)}<div class='muted'>{escape(f.state_part_source)}</div></td>"
            + "".join(f"<td class='n'>{_kr(f.costs.get(c))}</td>" for c in COST_CATEGORIES)
            + f"<td class='n'>{_kr(unmapped) if f.unmapped else '–'}</td><td class='n'>{_pct(f.admin_share)}</td>"
            f"<td class='n'>{_pct(f.admin_limit)}</td><td class='n'>{_kr(f.result)}</td><td class='n'>"
            f"{_kr(f.equity)}</td><td class='n'>{_kr(f.recommended_equity)}</td><td class='n'>{f.insatser}</td>"
            f"<td class='n'>{f.participants or '–'}</td><td class='n'>{_kr(f.cost_per_participant)}</td>"
            f"<td class='n'>{f.goals}</td></tr>")
    return (f"<h2 id='jamforelse'>Jämförelse</h2><p class='muted'>Budgetåret är planåret (annars det första "
            f"budgetåret). Raderna sorteras i kategorier enligt ordlistorna i "
            f"<code>pipeline/vocabulary.toml [categories]</code>; rader som ingen lista täcker visas som ej "
            f"kategoriserade, under respektive förbund.</p>"
            f"<div class='wide'><table>{head}{''.join(body)}</table></div>")


def short_name(name: str) -> str:
    """'Samordningsförbundet i Sollefteå' → 'Sollefteå'; 'Högländets samordningsförbund' → 'Högländets'."""
    short = re.sub(r"^samordningsförbundet( i)? |\s*samordningsförbund$", "", name, flags=re.IGNORECASE)
    return short if len(short) <= 34 else short[:33] + "…"


def _charts(figures: list[PlanFigures]) -> str:
    names = [short_name(f.forbund or f.document) for f in figures]
    return "<h2 id='diagram'>Diagram</h2>" + "".join([
        svg.bars("Tilldelning per förbund (kr, planåret)", list(zip(names, [f.allocation for f in figures],
                                                                          strict=True)), _kr),
        svg.stacked("Kostnadsfördelning (andel av budgeterade kostnader)",
                    [(n, [f.costs.get(c, 0) for c in COST_CATEGORIES] + [sum(a for _, a in f.unmapped)])
                     for n, f in zip(names, figures, strict=True)], [*COST_CATEGORIES, "ej kategoriserat"]),
        svg.with_limits("Administrationens andel mot förbundets egen gräns",
                        [(n, f.admin_share, f.admin_limit) for n, f in zip(names, figures, strict=True)], _pct),
        svg.paired("Eget kapital mot Nationella rådets rekommendation",
                   [(n, f.equity, f.recommended_equity) for n, f in zip(names, figures, strict=True)],
                   ("eget kapital", "rekommenderad nivå"), _kr)])


def _factcheck(con, used: list[dict]) -> str:
    sources = {d["document"]: d.get("source_path") for d in used}
    findings = fetch_dicts(con, "SELECT f.*, d.forbund FROM findings f JOIN documents d USING (document) WHERE "
                     "f.severity IN ('error', 'warning') AND f.document IN (SELECT unnest(?)) "
                     "ORDER BY f.severity, d.forbund, f.year", [list(sources)])
    if not findings:
        return "<h2 id='faktagranskning'>Faktagranskning</h2><p>Inga fel eller varningar.</p>"
    parts = []
    for f in findings:
        title = KINDS.get(f["kind"], f["kind"])
        shown = _points if f["kind"].startswith(PERCENT_KINDS) else _kr
        parts.append(
            f"<section class='finding {escape(f['severity'])}'><h3>{escape(f['forbund'] or f['document'])}: "
            f"{escape(f['label'] or '')} {f['year'] or ''}</h3><p><b>{escape(title)}</b> "
            f"({'fel' if f['severity'] == 'error' else 'varning'}). Angivet <b>{shown(f['stated'])}</b>, "
            f"beräknat <b>{shown(f['computed'])}</b>, skillnad {shown(f['difference'])}.</p>"
            f"<p>{escape(f['explanation'] or '')}</p>{evidence_html(f, sources.get(f['document']))}</section>")
    return "<h2 id='faktagranskning'>Faktagranskning</h2>" + "".join(parts)


def _plan_section(con, doc: dict, figures: PlanFigures) -> str:
    lines = fetch_dicts(con, "SELECT table_no, row_no, label, year, amount_sek, is_total FROM budget_lines "
                  "WHERE document = ? ORDER BY table_no, row_no, year", [doc["document"]])
    years = sorted({line["year"] for line in lines})
    table: dict[tuple, dict] = {}
    for line in lines:
        table.setdefault((line["table_no"], line["row_no"], line["label"], line["is_total"]), {})[line["year"]] = \
            line["amount_sek"]
    body = "".join(f"<tr class='{'total' if key[3] else ''}'><td>{escape(key[2])}</td>" + "".join(
        f"<td class='n'>{format_sek(vals[y]) if y in vals else ''}</td>" for y in years) + "</tr>"
        for key, vals in table.items())
    goals = fetch_dicts(con, "SELECT text, comparator, value, unit, level FROM goals WHERE document = ?",
                        [doc["document"]])
    goal_rows = "".join(f"<tr><td>{escape(g['text'][:160])}</td><td>{escape(g['comparator'])} {g['value']:g} "
                        f"{escape(g['unit'])}</td><td>{escape(g['level'])}</td></tr>" for g in goals)
    pcts = fetch_dicts(con, "SELECT value, kind FROM percentages WHERE document = ? ORDER BY value", [doc["document"]])
    unmapped = ", ".join(f"{escape(label)} ({_kr(amount)})" for label, amount in figures.unmapped) or "inga"
    return (f"<h3 id='{escape(doc['document'])}'>{escape(doc['forbund'] or doc['document'])} – plan "
            f"{doc['plan_year'] or '?'}</h3><p class='muted'>Fil: {escape(doc['document'])}. Summarader i fetstil. "
            f"Ej kategoriserade rader: {unmapped}.</p><table><tr><th>Rad</th>"
            + "".join(f"<th>{y}</th>" for y in years) + f"</tr>{body}</table>"
            f"<h4>Mätbara mål ({len(goals)})</h4><table><tr><th>Mål</th><th>Värde</th><th>Nivå</th></tr>"
            f"{goal_rows}</table><h4>Procentsatser</h4><p>"
            + ", ".join(f"{p['value']:g}\u00a0% ({escape(p['kind'])})".replace(".", ",") for p in pcts)
            + "</p>")


def render_index(con) -> str:
    docs = fetch_dicts(con, "SELECT * FROM documents ORDER BY forbund, document")
    groups = plans(docs)
    used = [g[0] for g in groups if g[0]["status"] not in ("failed", "needs-ocr")]
    figures = [plan_figures(d, fetch_dicts(con, "SELECT * FROM budget_lines WHERE document = ? "
                                           "ORDER BY table_no, row_no", [d["document"]]),
                            fetch_dicts(con, "SELECT * FROM goals WHERE document = ?", [d["document"]])) for d in used]
    per_plan = "".join(_plan_section(con, d, f) for d, f in zip(used, figures, strict=True))
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>Samordningsförbundens budgetar"
            f"</title><style>{_STYLE}</style></head><body><h1>Samordningsförbundens budgetar</h1>"
            f"<p>{len(groups)} planer från {len(docs)} filer. <a href='#oversikt'>Översikt</a> · "
            f"<a href='#jamforelse'>Jämförelse</a> · <a href='#diagram'>Diagram</a> · "
            f"<a href='#faktagranskning'>Faktagranskning</a> · <a href='#forbund'>Per förbund</a></p>"
            f"{_overview(con, groups)}{_comparison(figures)}{_charts(figures)}{_factcheck(con, used)}"
            f"<h2 id='forbund'>Per förbund</h2>{per_plan}</body></html>")
