"""Everything the report shows, read from the warehouse with one query per table for all documents.

A query per plan costs a scan of the table per plan (a thousand plans: thousands of scans, seconds);
one query per table, grouped by document in Python, costs one scan each. The rows come in the order
the per-plan queries gave them (by document, then the table's own order, then insertion order), so a
plan's figures do not depend on how many other plans the warehouse holds.

`row_fingerprints` hashes the same rows in DuckDB without fetching them: a run that changed nothing
learns so from four aggregate queries, and one that changed a plan fetches only the rows of the pages
it renders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..load import fetch_dicts
from .words import is_goal

# the findings a plan's page lists beside its ratios: its own stated shares against the computed ones
STATED_KINDS = ("stated_share_check", "stated_share_mismatch", "own_limit_check")
_SHOWN_FINDINGS = f"(severity IN ('error', 'warning') OR (kind IN {STATED_KINDS} AND stated IS NOT NULL))"
# table → (the columns the report reads, which rows, in which order); a fingerprint hashes the same
_TABLES = {
    "lines": ("budget_lines", "table_no, row_no, col_no, label, section, year, column_kind, amount_sek, is_total, "
              "repeats_total, flow", "TRUE", "table_no, row_no, rowid"),
    "goals": ("goals", "text, value, unit, comparator, level, insats, year, sentence", "TRUE", "rowid"),
    "percentages": ("percentages", "value, kind", "TRUE", "value, rowid"),
    "findings": ("findings", "kind, severity, verdict, table_no, label, year, stated, computed, difference, "
                 "tolerance, rows_used, page, line, bbox, explanation, materiality", _SHOWN_FINDINGS,
                 "kind, label, year, rowid"),
}


@dataclass(frozen=True)
class ReportData:
    docs: list[dict]                 # every document, by förbund and name
    primary: list[dict]              # the primary ones (a copy of a plan is listed beside its primary)
    used: list[dict]                 # the primary ones that were read
    run: tuple = (None, None)        # (run id, finished at) of the latest run
    lines: dict[str, list[dict]] = field(default_factory=dict)     # document → budget lines, by table and row
    goals: dict[str, list[dict]] = field(default_factory=dict)     # document → every goal row
    percentages: dict[str, list[dict]] = field(default_factory=dict)
    findings: dict[str, list[dict]] = field(default_factory=dict)  # document → errors, warnings, stated shares
    sums: dict[str, dict[int, dict[str, int]]] = field(default_factory=dict)  # document → year → flow → sum
    _goals_shown: dict[str, list[dict]] = field(default_factory=dict, repr=False, compare=False)

    def shown_goals(self, document: str) -> list[dict]:
        """The goals the report lists (no table-of-contents line or rule), sifted once per plan."""
        if document not in self._goals_shown:
            self._goals_shown[document] = [g for g in self.goals.get(document, []) if is_goal(g)]
        return self._goals_shown[document]

    @cached_property
    def _turnover(self) -> dict[tuple, int]:
        return {(doc, year): max(abs(v) for v in flows.values())
                for doc, years in self.sums.items() for year, flows in years.items() if flows}

    def turnover(self) -> dict[tuple, int]:
        """(document, year) → the year's budgeted income or costs, whichever is larger (computed once)."""
        return self._turnover


def documents_of(con) -> tuple[list[dict], list[dict], list[dict]]:
    """(all documents, the primary ones, the primary ones that were read)."""
    docs = fetch_dicts(con, "SELECT * FROM documents ORDER BY forbund, document")
    primary = [d for d in docs if d.get("is_primary") is not False]
    return docs, primary, [d for d in primary if d["status"] not in ("failed", "needs-ocr")]


def latest_run(con) -> tuple:
    return con.execute("SELECT max(run_id), max(finished_at) FROM runs").fetchone()


def read_report_data(con, documents: set[str] | None = None) -> ReportData:
    """The rows of the read plans; budget lines, goals and percentages only of `documents` when given
    (the findings and the yearly sums of every plan: the index ranks and compares them all)."""
    docs, primary, used = documents_of(con)
    every = [d["document"] for d in used]
    some = every if documents is None else sorted(documents & set(every))
    rows = {name: _grouped(con, name, some if name != "findings" else every) for name in _TABLES}
    sums: dict[str, dict[int, dict[str, int]]] = {}
    for r in fetch_dicts(con, "SELECT document, year, flow, sum(amount_sek) AS s FROM budget_lines WHERE NOT "
                         "is_total AND flow IN ('intäkt', 'kostnad') AND coalesce(column_kind, 'budget') = 'budget' "
                         "AND document IN (SELECT unnest(?)) GROUP BY ALL ORDER BY ALL", [every]):
        sums.setdefault(r["document"], {}).setdefault(r["year"], {})[r["flow"]] = int(r["s"])
    return ReportData(docs, primary, used, latest_run(con), rows["lines"], rows["goals"], rows["percentages"],
                      rows["findings"], sums)


def _grouped(con, name: str, documents: list[str]) -> dict[str, list[dict]]:
    table, columns, where, order = _TABLES[name]
    out: dict[str, list[dict]] = defaultdict(list)
    if not documents:
        return {}
    for row in fetch_dicts(con, f"SELECT document, {columns} FROM {table} WHERE {where} AND document IN "
                           f"(SELECT unnest(?)) ORDER BY document, {order}", [documents]):
        out[row["document"]].append(row)
    return dict(out)


def row_fingerprints(con, documents: list[str]) -> dict[str, tuple]:
    """document → a hash per table of the rows the report reads of it, computed in DuckDB. A sum of row
    hashes ignores the rows' order, but every column the pages are ordered by is among those hashed."""
    out: dict[str, list] = {d: [] for d in documents}
    for table, columns, where, _ in _TABLES.values():
        found = dict(con.execute(f"SELECT document, sum(hash({columns})) FROM {table} WHERE {where} AND document IN "
                                 "(SELECT unnest(?)) GROUP BY document", [documents]).fetchall())
        for document, hashes in out.items():
            hashes.append(found.get(document))
    return {d: tuple(h) for d, h in out.items()}
