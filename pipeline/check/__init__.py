"""Stage 4, check: do the published budgets add up? Findings go to the warehouse `findings` table."""

from __future__ import annotations

import time
from itertools import groupby
from pathlib import Path

from ..load import connect, ensure_schema, fetch_dicts, insert_records
from ..model import CheckResult, Progress
from ..settings import Settings
from ..store import new_run_id
from .categories import budget_year
from .language import check_percent_columns, check_prose_amounts, check_splits
from .rounding import exact_figures
from .rules import check_table
from .shares import check_stated_limits, check_stated_shares


def find_findings(budget_lines: list[dict], settings: Settings | None = None) -> list[dict]:
    """All findings for the budget lines of one document."""
    settings = settings or Settings()
    ordered = sorted(budget_lines, key=lambda b: (b["table_no"], b["row_no"], b["col_no"]))
    out = []
    for table_no, lines in groupby(ordered, key=lambda b: b["table_no"]):
        lines = list(lines)
        out += check_table(lines[0]["document"], table_no, lines, settings.checks)
    return exact_figures(out, settings.checks)


def find_language_findings(document: str, budget_lines: list[dict], prose: list[dict], percentages: list[dict],
                           cells: list[dict], settings: Settings | None = None,
                           plan_year: int | None = None, goals: list[dict] | None = None) -> list[dict]:
    """What the text says against the tables: prose amounts, funding splits, percentage columns,
    stated category shares and the förbund's own limits."""
    checks = (settings or Settings()).checks
    return (check_prose_amounts(document, prose, budget_lines, checks, plan_year)
            + check_splits(document, percentages, checks)
            + check_percent_columns(document, cells, checks)
            + check_stated_shares(document, percentages, budget_lines, checks, budget_year(budget_lines, plan_year))
            + check_stated_limits(document, goals or [], budget_lines))


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
            found = find_findings(lines, settings) + find_language_findings(
                document, lines, _records(con, "prose_amounts", document), _records(con, "percentages", document),
                _records(con, "table_cells", document), settings, plan_year,
                _records(con, "goals", document))
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
