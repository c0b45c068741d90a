"""Faktagranskning: each ranked finding with its figures, its explanation and its evidence."""

from __future__ import annotations

from html import escape

from .crops import CropStore
from .evidence import evidence_html
from .summary import headline, materiality_text
from .words import KINDS, PERCENT_KINDS, SEVERITY, kr, points


def factcheck_html(findings: list[dict], sources: dict[str, str | None], hrefs: dict[str, str],
                   cells: dict[tuple, list[dict]], crops: CropStore | None = None) -> str:
    """The findings of one förbund in rank order; `cells`: (document, table, page) → cells (cells_for)."""
    if not findings:
        return "<section id='faktagranskning'><h2>Faktagranskning</h2><p>Inga fel eller varningar.</p></section>"
    parts = [_finding(f, sources.get(f["document"]), hrefs.get(f["document"]), cells, crops) for f in findings]
    return ("<section id='faktagranskning'><h2>Faktagranskning</h2><p class='muted'>Fynden i rangordning: fel "
            "före varningar, störst skillnad först. Utsnittet visar sidan med det angivna beloppet, raderna som "
            "summeras och kolumnens rubrik markerade; länken öppnar källfilen på den sidan.</p>"
            + "".join(parts) + "</section>")


def _finding(f: dict, source: str | None, href: str | None, cells: dict[tuple, list[dict]],
             crops: CropStore | None) -> str:
    shown = points if f["kind"].startswith(PERCENT_KINDS) else kr
    first = with_all_years(f)
    evidence = evidence_html(first, source, href, cells.get((first["document"], first.get("table_no"),
                                                             first.get("page"))), crops)
    return (f"<article id='{f['anchor']}' class='finding {escape(f['severity'])}'><h3>"
            f"{escape(f['forbund'] or f['document'])}: {escape(headline(f))}</h3>"
            f"<p><b>{escape(KINDS.get(f['kind'], f['kind']))}</b> ({SEVERITY.get(f['severity'], f['severity'])}, "
            f"{materiality_text(f)}). Angivet <b>{shown(f['stated'])}</b>, beräknat <b>{shown(f['computed'])}</b>"
            f"{', skillnad ' + shown(f['difference']) if f['difference'] is not None else ''}.</p>"
            f"<p>{escape(f['explanation'] or '')}</p>{evidence}</article>")


def with_all_years(f: dict) -> dict:
    """The first instance, marking the stated cells of its other years on the same page too."""
    first = dict(f["instances"][0])
    first["extra_stated"] = [i["bbox"] for i in f["instances"][1:] if i.get("bbox") and i.get("page") == first.get(
        "page")]
    return first
