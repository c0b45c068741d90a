"""Per förbund: the budget table as read, how each ratio was computed, stated beside computed, the goals."""

from __future__ import annotations

from html import escape

from ..numbers import format_sek
from .data import STATED_KINDS, ReportData
from .figures import PlanFigures
from .words import PERCENT_KIND_NAMES, clean_goal, goal_value, kr, number, pct, points


def plan_html(doc: dict, figures: PlanFigures, href: str | None, data: ReportData) -> str:
    """One plan as read: its rows are the data's rows of doc (read_report_data)."""
    name = doc["document"]
    source = (f"<a href='{escape(href)}'>{escape(name)}</a>" if href else escape(name))
    return (f"<article class='plan'><h3 id='plan-{escape(name)}'>{escape(doc['forbund'] or name)}"
            f" – plan {doc['plan_year'] or '?'}</h3><p class='muted'>Källa: {source}. Summarader i fetstil.</p>"
            f"{_lines(data.lines.get(name, []))}{_ratios(figures)}{_stated(data.findings.get(name, []))}"
            f"{_goals(data.shown_goals(name))}{_percentages(data.percentages.get(name, []))}</article>")


def _lines(lines: list[dict]) -> str:
    columns = sorted({(line["year"], line["column_kind"] or "budget") for line in lines})
    table: dict[tuple, dict] = {}
    for line in lines:
        key = (line["table_no"], line["row_no"], line["label"], line["is_total"])
        table.setdefault(key, {})[(line["year"], line["column_kind"] or "budget")] = line["amount_sek"]
    head = "".join(f"<th scope='col'>{'' if kind == 'budget' else escape(kind) + ' '}{year}</th>"
                   for year, kind in columns)
    body = "".join(f"<tr{' class=total' if key[3] else ''}><td>{escape(key[2])}</td>" + "".join(
        f"<td class='n'>{format_sek(vals[c]) if c in vals else ''}</td>" for c in columns) + "</tr>"
        for key, vals in table.items())
    return f"<div class='wide'><table><thead><tr><th scope='col'>Rad</th>{head}</tr></thead>{body}</table></div>"


def _rows(rows: list[tuple[str, int]]) -> str:
    return ", ".join(f"{escape(label)} {kr(amount)}" for label, amount in rows) or "inga"


def _ratios(f: PlanFigures) -> str:
    """Each ratio with its numerator, denominator and their rows; no figure where an input is missing."""
    if f.year is None:
        return "<p>Inga budgetrader: inga nyckeltal.</p>"
    spent = sum(a for _, a in f.cost_rows)
    admin = (f"<b>{pct(f.admin_share)}</b> = administration {kr(f.costs.get('administration'))} ({_rows(f.admin_rows)})"
             f" / kostnader {kr(spent)} ({len(f.cost_rows)} rader)" if f.admin_share is not None else
             f"anges inte: {escape(f.admin_note)}")
    if f.unallocated:
        admin += f". Ej fördelade medel räknas inte som kostnad: {_rows(f.unallocated)}"
    if f.admin_share is not None and f.admin_note:
        admin += f". {escape(f.admin_note)}"
    limit = f" Förbundets egen gräns: högst {pct(f.admin_limit)}." if f.admin_limit is not None else ""
    per = (f"<b>{kr(round(f.cost_per_participant))}</b> = individinriktade kostnader "
           f"{kr(f.costs.get('individinriktade'))} ({_rows(f.individ_rows)}) / {number(f.participants)} planerade "
           f"deltagare ({', '.join(f'{escape(n)} {v}' for n, v in f.participant_goals)})"
           if f.cost_per_participant is not None else
           "anges inte: planen anger inga deltagare i individinriktade insatser" if not f.participant_goals else
           "anges inte: inga individinriktade kostnader")
    equity = (f"eget kapital {kr(f.equity)} mot rekommenderad nivå {kr(f.recommended_equity)} (Nationella rådets "
              f"steg 20/15/10 % av tilldelningen {kr(f.allocation)})" if f.equity is not None
              and f.recommended_equity is not None else "anges inte: planen visar inte både eget kapital och "
              "tilldelning")
    return (f"<h4>Nyckeltal {f.year} och hur de räknats</h4><ul><li>Administrationens andel: {admin}.{limit}</li>"
            f"<li>Kostnad per deltagare: {per}.</li><li>Kapital: {equity}.</li></ul>")


def _stated(findings: list[dict]) -> str:
    """The plan's own stated shares beside the shares its table gives (the check's findings, by kind, label
    and year)."""
    rows = [f for f in findings if f["kind"] in STATED_KINDS and f["stated"] is not None]
    if not rows:
        return ""
    body = "".join(f"<tr><td>{escape(r['label'] or '')}</td><td>{r['year'] or ''}</td><td class='n'>"
                   f"{points(r['stated'])}</td><td class='n'>{points(r['computed'])}</td><td>"
                   f"{escape(r['explanation'] or '')}</td></tr>" for r in rows)
    return ("<h4>Angivna andelar och gränser mot beräknade</h4><div class='wide'><table><thead><tr><th>Vad</th>"
            "<th>År</th><th>Angivet</th><th>Beräknat</th><th>Förklaring</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _goals(goals: list[dict]) -> str:
    """The plan's measurable goals (ReportData.shown_goals)."""
    rows = "".join(f"<tr><td>{escape(clean_goal(g['text'])[:200])}</td><td>{escape(goal_value(g))}</td>"
                   f"<td>{escape(g['level'] or '')}</td></tr>" for g in goals)
    return (f"<h4>Mätbara mål ({len(goals)})</h4>" + (
        f"<table><thead><tr><th>Mål</th><th>Värde</th><th>Nivå</th></tr></thead><tbody>{rows}</tbody></table>"
        if goals else "<p>Inga mätbara mål hittades.</p>"))


def _percentages(pcts: list[dict]) -> str:
    if not pcts:
        return ""
    return "<h4>Procentsatser i texten</h4><p>" + ", ".join(
        f"{number(p['value'])}\u00a0% ({escape(PERCENT_KIND_NAMES.get(p['kind'], p['kind']))})" for p in pcts) + "</p>"
