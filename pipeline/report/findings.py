"""Faktagranskning: each ranked finding with its figures, its explanation and its evidence."""

from __future__ import annotations

from html import escape

from .crops import CropStore, crop_job
from .evidence import crop_marks, evidence_html
from .summary import headline, materiality_text, rank_findings
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


def crop_of(group: dict, source: str | None, cells: dict[tuple, list[dict]]) -> tuple[str, tuple] | None:
    """(key, drawing arguments) of a ranked finding's evidence crop (crops.crop_job), or None when it has
    none: its first instance with its other years' stated cells, marked by evidence.crop_marks. The one
    rule for the pages, the crops the report draws ahead and those the check stage stores."""
    first = with_all_years(group)
    crop = crop_marks(first, source, cells.get((first["document"], first.get("table_no"), first.get("page"))))
    return crop_job(crop[0], first["page"], crop[1]) if crop else None


def document_crop_jobs(findings: list[dict], source: str | None, cells: list[dict]) -> dict[str, tuple]:
    """key → drawing arguments of every crop one document's findings get on its förbund's page, from
    the check stage's own records: `findings` in the order they were written, `cells` the document's
    table cells in load order. Ordered and grouped as the report reads them (data.py: by kind, label and
    year, NULLs last, then as written; summary.rank_findings), so the keys are the ones the pages ask for."""
    order = sorted(range(len(findings)), key=lambda n: _read_order(findings[n], n))
    by_place: dict[tuple, list[dict]] = {}
    for c in cells:  # as evidence.cells_for reads them: cells with a box, by table and page
        if c.get("bbox") is not None:
            by_place.setdefault((c["document"], c["table_no"], c["page"]), []).append(c)
    jobs = (crop_of(g, source, by_place) for g in rank_findings([findings[n] for n in order], {}))
    return dict(job for job in jobs if job)


def _read_order(f: dict, written: int) -> tuple:
    """DuckDB's ORDER BY kind, label, year, rowid: ascending, NULLs last, strings by code point."""
    return f["kind"], f["label"] is None, f["label"] or "", f["year"] is None, f["year"] or 0, written
