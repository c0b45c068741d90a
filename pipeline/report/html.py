"""HTML for reports/index.html: one file, no external assets, Swedish text."""

from __future__ import annotations

from html import escape

from ..numbers import format_sek

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .5rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold;background:#f4f4f4}
.err{color:#b00020}.muted{color:#777}
"""


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _document_section(con, doc: dict) -> str:
    lines = _rows(con, "SELECT label, year, amount_sek, is_total, page, line FROM budget_lines "
                  "WHERE document = ? ORDER BY table_no, row_no, year", [doc["document"]])
    years = sorted({line["year"] for line in lines})
    table: dict[tuple, dict] = {}
    for line in lines:
        table.setdefault((line["label"], line["is_total"]), {})[line["year"]] = line["amount_sek"]
    head = "".join(f"<th>{y}</th>" for y in years)
    body = "".join(
        f"<tr class='{'total' if total else ''}'><td>{escape(label)}</td>"
        + "".join(f"<td class='n'>{format_sek(vals.get(y)) if y in vals else ''}</td>" for y in years)
        + "</tr>" for (label, total), vals in table.items())
    status = "" if doc["status"] == "ok" else f" <span class='err'>({escape(doc['status'])})</span>"
    return (f"<h2>{escape(doc['forbund'] or doc['document'])} – plan {doc['plan_year'] or '?'}{status}</h2>"
            f"<p class='muted'>Fil: {escape(doc['document'])}</p>"
            f"<table><tr><th>Rad</th>{head}</tr>{body}</table>")


def render_index(con) -> str:
    docs = _rows(con, "SELECT document, forbund, plan_year, status FROM documents ORDER BY forbund, document")
    sections = "".join(_document_section(con, d) for d in docs)
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>Finsam-budgetar</title>"
            f"<style>{_STYLE}</style></head><body><h1>Samordningsförbundens budgetar</h1>"
            f"<p>{len(docs)} dokument.</p>{sections}</body></html>")
