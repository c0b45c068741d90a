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
from ..model import Problem
from ..settings import ReportSettings
from .data import ReportData
from .site import Forbund
from .words import KINDS, PERCENT_KINDS, READ_STATUS, SEVERITY, kr, points, years_text

_SEVERITY_ORDER = {"error": 0, "warning": 1}


def rank_findings(found: list[dict], turnover: dict[tuple, int]) -> list[dict]:
    """Errors and warnings (rows with their förbund), one per (row, figures) with its years, in materiality
    order; each gets `anchor` ('fynd-' and its rank), `years`, `instances`, `kronor` (None for percentages) and
    `share` (of the year's turnover). Rows come by document, kind, label and year, as the warehouse sorts."""
    groups: dict[tuple, dict] = {}
    for f in found:
        if f["severity"] not in _SEVERITY_ORDER:
            continue
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
    ranked = sorted(groups.values(), key=rank_key)
    for number, g in enumerate(ranked, 1):
        g["anchor"] = f"fynd-{number}"
    return ranked


def rank_key(g: dict) -> tuple:
    """Errors first; then the larger difference in kronor, the larger share; ties by document and row, so a
    förbund's own ranking and the ranking of all förbund agree."""
    return (_SEVERITY_ORDER.get(g["severity"], 2), g["kronor"] is None, -(g["kronor"] or 0), -(g["share"] or 0),
            g["document"], g["kind"], g["label"] is None, g["label"] or "", g["year"] is None, g["year"] or 0)


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


def summary_html(data: ReportData, forbunds: list[Forbund], findings: list[dict], hrefs: dict[str, str],
                 settings: ReportSettings) -> str:
    """The index's top: the run, what was read, the findings that matter most among all förbund (each a
    link to its place on its förbund's page: `href`), and one row per förbund, paged."""
    run_id, finished = data.run
    unread = [d for d in data.primary if (d.get("status") or "ok") != "ok"]
    shown_unread = "; ".join(f"{escape(d['document'])} ({escape(_read_text(d))})"
                             for d in unread[:settings.top_findings])
    more_unread = f"; och {len(unread) - settings.top_findings} till" if len(unread) > settings.top_findings else ""
    read_line = (f"{len(data.primary)} planer från {len(data.docs)} filer; {len(data.primary) - len(unread)} lästa "
                 "helt" + (f", <span class='err'>{len(unread)} inte helt</span>: {shown_unread}{more_unread}"
                           if unread else ", inga lästa bara delvis") + ".")
    top = findings[:settings.top_findings]
    items = "".join(
        f"<li class='{escape(f['severity'])}'><a href='{escape(f['href'])}'><b>{escape(f['forbund'] or f['document'])}"
        f"</b>: {escape(KINDS.get(f['kind'], f['kind']))} – {escape(headline(f))}</a> "
        f"({SEVERITY.get(f['severity'], f['severity'])}, {materiality_text(f)}). "
        f"{escape(f['explanation'] or '')}</li>" for f in top)
    rest = (f"<p class='muted'>De {len(top)} viktigaste av {len(findings)} fynd; alla står på förbundens sidor.</p>"
            if len(findings) > len(top) else "")
    listed = (f"<ol class='fynd'>{items}</ol>{rest}" if findings else
              "<p>Inga fel eller varningar i de lästa planerna.</p>")
    when = f" ({finished.strftime('%Y-%m-%d %H:%M')} UTC)" if finished else ""
    return (f"<section id='sammanfattning'><h2>Sammanfattning</h2><p>Körning {escape(str(run_id or '–'))}{when}: "
            f"{read_line}</p><h3>Viktigaste fynden, störst först</h3>{listed}"
            f"{_index_table(forbunds, findings, hrefs, settings.page_rows)}</section>")


def _checked(mine: list[dict], page: str = "") -> str:
    """'2 fel, 1 varning', each a link to the first such finding ('inga fel' when none)."""
    errors = [f for f in mine if f["severity"] == "error"]
    warnings = [f for f in mine if f["severity"] != "error"]
    return ((f"<a class='err' href='{page}#{errors[0]['anchor']}'>{len(errors)} fel</a>" if errors else "inga fel")
            + (f", <a href='{page}#{warnings[0]['anchor']}'>{len(warnings)} varning"
               f"{'ar' if len(warnings) > 1 else ''}</a>" if warnings else ""))


def _file_link(doc: dict, hrefs: dict[str, str]) -> str:
    name = escape(doc["document"])
    return f"<a href='{escape(hrefs[doc['document']])}'>{name}</a>" if doc["document"] in hrefs else name


def _newest_file(forbund: Forbund, hrefs: dict[str, str]) -> str:
    """The newest plan's file; the older ones are on the förbund's page."""
    if not forbund.primary:
        return "–"
    older = len(forbund.primary) - 1
    return _file_link(forbund.primary[-1], hrefs) + (f" och {older} äldre" if older else "")


def _copies(docs: tuple[dict, ...] | list[dict], of: set[str]) -> str:
    return ", ".join(escape(d["document"]) for d in docs if d.get("copy_of") in of) or "–"


def _index_table(forbunds: list[Forbund], findings: list[dict], hrefs: dict[str, str], page_rows: int) -> str:
    """One row per förbund: its plans, how fully read, its errors and warnings (links into its page)."""
    mine: dict[str, list[dict]] = {}
    for f in findings:
        mine.setdefault(f["page"], []).append(f)
    rows = []
    for forbund in forbunds:
        own = mine.get(forbund.page, [])  # in the förbund's own order: one ranking orders both
        reads = [(d, _read_text(d)) for d in forbund.primary]
        read = "; ".join(f"{d['plan_year'] or '?'}: {text}" if len(reads) > 1 else text
                         for d, text in reads if text != "helt") or "helt"
        errors = sum(f["severity"] == "error" for f in own)
        rows.append(f"<tr><td><a href='{escape(forbund.page)}'>{escape(forbund.name)}</a></td>"
                    f"<td>{years_text([d['plan_year'] for d in forbund.primary]) or '–'}</td>"
                    f"<td>{_newest_file(forbund, hrefs)}</td>"
                    f"<td{'' if read == 'helt' else ' class=err'}>{escape(read)}</td>"
                    f"<td data-v='{errors * 1_000_000 + len(own) - errors}'>{_checked(own, escape(forbund.page))}</td>"
                    f"<td>{_copies(forbund.docs, {d['document'] for d in forbund.primary})}</td></tr>")
    paged = f" paged' data-rows='{page_rows}" if len(rows) > page_rows else ""
    return ("<h3 id='oversikt'>Per förbund</h3><p class='muted'>Varje förbund har en egen sida med sina planer, "
            "fynd med underlag och nyckeltal: klicka på namnet.</p>"
            f"<div class='wide'><table class='sortable{paged}'><thead><tr><th>Förbund</th><th>Planår</th>"
            "<th>Använd fil</th><th>Inläst</th><th>Granskning</th><th>Kopior av samma plan</th></tr></thead><tbody>"
            f"{''.join(rows)}</tbody></table></div>")


def plans_table(forbund: Forbund, findings: list[dict], hrefs: dict[str, str]) -> str:
    """A förbund's page: one row per plan (each primary document), as the index had it for one plan."""
    rows = []
    for doc in forbund.primary:
        mine = [f for f in findings if f["document"] == doc["document"]]
        read = _read_text(doc)
        rows.append(f"<tr><td><a href='#plan-{escape(doc['document'])}'>{escape(doc['forbund'] or '–')}</a></td>"
                    f"<td>{doc['plan_year'] or '–'}</td><td>{_file_link(doc, hrefs)}</td>"
                    f"<td{'' if read == 'helt' else ' class=err'}>{escape(read)}</td><td>{_checked(mine)}</td>"
                    f"<td>{_copies(forbund.docs, {doc['document']})}</td></tr>")
    return ("<div class='wide'><table><thead><tr><th>Förbund</th><th>Planår</th><th>Använd fil</th><th>Inläst</th>"
            "<th>Granskning</th><th>Kopior av samma plan</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


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
