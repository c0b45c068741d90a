"""The report's top: what was read, and the findings that matter most, ranked by materiality.

A finding repeated in several years of one row (the same stated and computed figures) is one finding
with its years. Errors come before warnings; within each, the larger difference in kronor first, then
the larger share of the year's turnover: the plan's own budgeted income or costs of that year, whichever
is larger (the lines a SUM of flow = 'intäkt' or 'kostnad' counts), so a 42 kr slip in a 3,5 Mkr budget
ranks below a missing 20 000 kr, and both below a result off by 2 Mkr.
"""

from __future__ import annotations

import json
from html import escape

from ..extract.coverage import place_of
from ..load import fetch_dicts
from ..model import Problem
from .words import KINDS, PERCENT_KINDS, READ_STATUS, SEVERITY, kr, points, years_text

_SEVERITY_ORDER = {"error": 0, "warning": 1}


def ranked_findings(con, documents: list[str]) -> list[dict]:
    """Errors and warnings of these documents, one per (row, figures) with its years, in materiality order;
    each gets `anchor`, `years`, `kronor` (None for percentages) and `share` (of the year's turnover)."""
    found = fetch_dicts(con, "SELECT f.*, d.forbund FROM findings f JOIN documents d USING (document) "
                        "WHERE f.severity IN ('error', 'warning') AND f.document IN (SELECT unnest(?)) "
                        "ORDER BY f.document, f.kind, f.label, f.year", [documents])
    turnover = _turnover(con)
    groups: dict[tuple, dict] = {}
    for f in found:
        key = (f["document"], f["kind"], f["label"], f["stated"], f["computed"], f["table_no"])
        if key in groups:
            groups[key]["years"].append(f["year"])
            groups[key]["instances"].append(f)
            continue
        is_kr = not f["kind"].startswith(PERCENT_KINDS) and f["difference"] is not None
        kronor = abs(f["difference"]) if is_kr else None
        total = turnover.get((f["document"], f["year"]))
        share = kronor / total if kronor is not None and total else f.get("materiality")
        groups[key] = f | {"years": [f["year"]], "instances": [f], "kronor": kronor, "share": share,
                           "year_costs": total}
    ranked = sorted(groups.values(), key=lambda g: (_SEVERITY_ORDER.get(g["severity"], 2), g["kronor"] is None,
                                                    -(g["kronor"] or 0), -(g["share"] or 0)))
    for number, g in enumerate(ranked, 1):
        g["anchor"] = f"fynd-{number}"
    return ranked


def _turnover(con) -> dict[tuple, int]:
    """(document, year) → the year's budgeted income or costs, whichever is larger: what a difference is a
    share of (a result off by 2 Mkr in a plan of 2,8 Mkr is 76 % of it, whichever side it lies on)."""
    sums = fetch_dicts(con, "SELECT document, year, flow, sum(amount_sek) AS s FROM budget_lines WHERE NOT is_total "
                       "AND flow IN ('intäkt', 'kostnad') AND coalesce(column_kind, 'budget') = 'budget' GROUP BY ALL")
    out: dict[tuple, int] = {}
    for r in sums:
        key = (r["document"], r["year"])
        out[key] = max(out.get(key, 0), abs(r["s"] or 0))
    return out


def _share_text(share: float) -> str:
    """3.12 → '312 %', 0.029 → '2,9 %', 0.000012 → '0,0012 %'."""
    value = share * 100
    shown = f"{value:.0f}" if value >= 10 else f"{value:.1f}" if value >= 0.1 else f"{value:.2g}"
    return shown.replace(".", ",") + "\u00a0%"


def headline(f: dict) -> str:
    """'Sollefteå: Årets resultat 2025 och 2026' for a finding."""
    return f"{f['label'] or ''} {years_text(f['years'])}".strip()


def materiality_text(f: dict) -> str:
    if f["kronor"] is None:
        return f"angivet {points(f['stated'])}, beräknat {points(f['computed'])}"
    share = f", {_share_text(f['share'])} av årets omslutning" if f.get("year_costs") else ""
    return f"skillnad {kr(f['kronor'])}{share}"


def summary_html(con, docs: list[dict], used: list[dict], findings: list[dict], hrefs: dict[str, str]) -> str:
    run = con.execute("SELECT max(run_id), max(finished_at) FROM runs").fetchone()
    unread = [d for d in used if (d.get("status") or "ok") != "ok"]
    read_line = (f"{len(used)} planer från {len(docs)} filer; {len(used) - len(unread)} lästa helt"
                 + (f", <span class='err'>{len(unread)} inte helt</span>: "
                    + "; ".join(f"{escape(d['document'])} ({escape(_read_text(d))})" for d in unread)
                    if unread else ", inga lästa bara delvis") + ".")
    items = "".join(
        f"<li class='{escape(f['severity'])}'><a href='#{f['anchor']}'><b>{escape(f['forbund'] or f['document'])}"
        f"</b>: {escape(KINDS.get(f['kind'], f['kind']))} – {escape(headline(f))}</a> "
        f"({SEVERITY.get(f['severity'], f['severity'])}, {materiality_text(f)}). "
        f"{escape(f['explanation'] or '')}</li>" for f in findings)
    top = (f"<ol class='fynd'>{items}</ol>" if findings else "<p>Inga fel eller varningar i de lästa planerna.</p>")
    return (f"<section id='sammanfattning'><h2>Sammanfattning</h2><p>Körning {escape(str(run[0] or '–'))}"
            f"{' (' + run[1].strftime('%Y-%m-%d %H:%M') + ' UTC)' if run[1] else ''}: {read_line}</p>"
            f"<h3>Viktigaste fynden, störst först</h3>{top}{_per_forbund(docs, used, findings, hrefs)}</section>")


def _read_text(doc: dict) -> str:
    """'helt', or 'delvis: sidorna 3, 7' naming the places the extract's warnings name."""
    status = doc.get("status") or "ok"
    text = READ_STATUS.get(status, status)
    try:
        problems = [Problem(**p) for p in json.loads(doc.get("warnings") or "[]")]
    except (TypeError, ValueError):
        problems = []
    places = sorted({p for p in map(place_of, problems) if p}, key=lambda p: (p.split()[0], int(p.split()[1])))
    if places and status != "ok":
        pages = places[0].startswith("page")
        unit = ("sidorna" if pages else "raderna") if len(places) > 1 else ("sidan" if pages else "raden")
        text += f": {unit} " + ", ".join(p.split()[1] for p in places)
    return text


def _per_forbund(docs: list[dict], used: list[dict], findings: list[dict], hrefs: dict[str, str]) -> str:
    rows = []
    for doc in used:
        mine = [f for f in findings if f["document"] == doc["document"]]
        errors = sum(f["severity"] == "error" for f in mine)
        warnings = len(mine) - errors
        checked = (f"<a class='err' href='#{mine[0]['anchor']}'>{errors} fel</a>" if errors else "inga fel") + \
            (f", <a href='#{next(f for f in mine if f['severity'] != 'error')['anchor']}'>{warnings} varning"
             f"{'ar' if warnings > 1 else ''}</a>" if warnings else "")
        copies = ", ".join(escape(d["document"]) for d in docs if d.get("copy_of") == doc["document"]) or "–"
        name = escape(doc["document"])
        link = f"<a href='{escape(hrefs[doc['document']])}'>{name}</a>" if doc["document"] in hrefs else name
        read = _read_text(doc)
        rows.append(f"<tr><td><a href='#plan-{escape(doc['document'])}'>{escape(doc['forbund'] or '–')}</a></td>"
                    f"<td>{doc['plan_year'] or '–'}</td><td>{link}</td>"
                    f"<td{'' if read == 'helt' else ' class=err'}>{escape(read)}</td><td>{checked}</td>"
                    f"<td>{copies}</td></tr>")
    return ("<h3 id='oversikt'>Per förbund</h3><div class='wide'><table><thead><tr><th>Förbund</th><th>Planår</th>"
            "<th>Använd fil</th><th>Inläst</th><th>Granskning</th><th>Kopior av samma plan</th></tr></thead><tbody>"
            f"{''.join(rows)}</tbody></table></div>")
