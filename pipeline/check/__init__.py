"""Stage 4, check: do the published budgets add up? Findings go to the warehouse `findings` table."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from ..load import connect, ensure_schema, fetch_dicts, insert_records
from ..model import CheckResult, Progress
from ..settings import CheckSettings, Settings
from ..store import new_run_id
from .carry import check_carried
from .categories import budget_year
from .language import check_percent_columns, check_prose_amounts, check_splits
from .ocr_doubt import doubt_ocr
from .rounding import exact_figures
from .rules import check_table
from .shares import check_stated_limits, check_stated_shares


@dataclass(frozen=True)
class DocumentRecords:
    """What the checks read of one document."""

    document: str
    budget_lines: list[dict]
    prose: list[dict] = field(default_factory=list)         # prose_amounts
    percentages: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)         # table_cells
    goals: list[dict] = field(default_factory=list)
    plan_year: int | None = None


def table_checks(doc: DocumentRecords, checks: CheckSettings) -> list[dict]:
    """Totals, results, equity, cross-footing per table; then the rounding regime of the document."""
    ordered = sorted(doc.budget_lines, key=lambda b: (b["table_no"], b["row_no"], b["col_no"]))
    out = []
    for table_no, lines in groupby(ordered, key=lambda b: b["table_no"]):
        out += check_table(doc.document, table_no, list(lines), checks)
    return doubt_ocr(exact_figures(out, checks), doc.budget_lines, checks)


# Every check: one function over one document's records. A new check is one function and one line here.
CHECKS: tuple[Callable[[DocumentRecords, CheckSettings], list[dict]], ...] = (
    table_checks,
    lambda d, c: check_prose_amounts(d.document, d.prose, d.budget_lines, c, d.plan_year),
    lambda d, c: check_splits(d.document, d.percentages, c),
    lambda d, c: check_percent_columns(d.document, d.cells, c),
    lambda d, c: check_stated_shares(d.document, d.percentages, d.budget_lines, c,
                                     budget_year(d.budget_lines, d.plan_year)),
    lambda d, c: check_stated_limits(d.document, d.goals, d.budget_lines),
    lambda d, c: check_carried(d.document, d.budget_lines, c),
)


def find_document_findings(doc: DocumentRecords, settings: Settings | None = None) -> list[dict]:
    """All findings for one document, every check in CHECKS."""
    checks = (settings or Settings()).checks
    return [f for check in CHECKS for f in check(doc, checks)]


def find_findings(budget_lines: list[dict], settings: Settings | None = None) -> list[dict]:
    """The table checks alone, for the budget lines of one document."""
    if not budget_lines:
        return []
    return table_checks(DocumentRecords(budget_lines[0]["document"], budget_lines), (settings or Settings()).checks)


def _records(con, table: str, document: str) -> list[dict]:
    return fetch_dicts(con, f"SELECT * FROM {table} WHERE document = ?", [document])


def check(warehouse: Path, settings: Settings | None = None, progress: Progress | None = None) -> CheckResult:
    """Re-check documents loaded since their findings were written; one transaction."""
    started = time.perf_counter()
    settings = settings or Settings()
    progress = progress or Progress()
    con = connect(warehouse)
    try:
        con.execute("BEGIN TRANSACTION")
        ensure_schema(con)
        stale = [r[0] for r in con.execute(
            "SELECT d.document FROM documents d WHERE d.run_id IS DISTINCT FROM "
            "(SELECT max(f.run_id) FROM findings f WHERE f.document = d.document) "
            # a document with no findings was checked when a later check run names it
            "AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.stage = 'check' AND r.run_id > d.run_id "
            "AND list_contains(r.changed, d.document)) "
            "AND d.status NOT IN ('failed', 'needs-ocr') ORDER BY d.document").fetchall()]
        unchanged = [r[0] for r in con.execute("SELECT document FROM documents").fetchall() if r[0] not in stale]
        if not stale:
            con.execute("ROLLBACK")
            return CheckResult(unchanged=tuple(unchanged), seconds=time.perf_counter() - started)
        progress.start("check", len(stale))
        total, errors = 0, 0
        run_id = new_run_id()
        for document in stale:
            lines = _records(con, "budget_lines", document)
            run, plan_year = con.execute("SELECT run_id, plan_year FROM documents WHERE document = ?",
                                         [document]).fetchone()
            found = find_document_findings(DocumentRecords(
                document, lines, _records(con, "prose_amounts", document), _records(con, "percentages", document),
                _records(con, "table_cells", document), _records(con, "goals", document), plan_year), settings)
            found = [f | {"run_id": run} for f in found]
            con.execute("DELETE FROM findings WHERE document = ?", [document])
            insert_records(con, "findings", found)
            total += len(found)
            errors += sum(f["severity"] == "error" for f in found)
            progress.advance(document)
        con.execute("INSERT INTO runs VALUES (?, 'check', now(), now(), ?, ?, [], ?)",
                    [run_id, len(stale), stale, f'{{"findings": {total}, "errors": {errors}}}'])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return CheckResult(processed=tuple(stale), unchanged=tuple(unchanged), findings=total, errors=errors,
                       seconds=time.perf_counter() - started)
