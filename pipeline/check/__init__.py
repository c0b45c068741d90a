"""Stage 4, check: do the published budgets add up? Findings go to the warehouse `findings` table, and
the evidence crops the report shows beside them to `evidence_crops` (evidence.py), in one transaction."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from .. import vocabulary
from ..deadline import deadline
from ..executor import each
from ..load import connect, ensure_schema, fetch_dicts, insert_records, require_warehouse
from ..model import CheckResult, Problem, Progress
from ..parse import combine, hash_sources
from ..settings import CheckSettings, Settings
from ..staging import staged
from ..store import new_run_id
from .carry import check_carried
from .categories import budget_year
from .evidence import evidence_crops
from .language import check_percent_columns, check_prose_amounts, check_splits
from .ocr_doubt import doubt_ocr
from .rounding import exact_figures
from .rowtotals import check_row_totals
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
    source_path: str | None = None    # the file the evidence crops are cut from
    is_primary: bool | None = None    # False: a copy, which the report lists under its primary


@dataclass(frozen=True)
class Checked:
    """One document's check: its findings and its evidence crops (rows of evidence_crops)."""

    findings: list[dict]
    crops: list[dict] = field(default_factory=list)


def table_checks(doc: DocumentRecords, checks: CheckSettings) -> list[dict]:
    """Totals, results, equity, cross-footing per table; then the rounding regime of the document."""
    ordered = sorted(doc.budget_lines, key=lambda b: (b["table_no"], b["row_no"], b["col_no"]))
    out = []
    for table_no, lines in groupby(ordered, key=lambda b: b["table_no"]):
        out += check_table(doc.document, table_no, list(lines), checks)
    return doubt_ocr(exact_figures(out, ordered, checks), doc.budget_lines, checks)


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
    lambda d, c: check_row_totals(d.document, d.cells, d.budget_lines, c, d.plan_year),
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


_RECORD_TABLES = ("budget_lines", "prose_amounts", "percentages", "table_cells", "goals")
READ_CHUNK = 200  # documents whose records are read with one query per table (bounds what this process holds)


def _records_of(con, documents: list[str]) -> Iterator[DocumentRecords]:
    """Each document's records, read here a chunk of documents at a time: workers never open the
    warehouse this process writes, and five queries per chunk cost far less than five per document."""
    about = {r[0]: r[1:] for r in con.execute("SELECT document, plan_year, source_path, is_primary FROM documents"
                                              ).fetchall()}
    for start in range(0, len(documents), READ_CHUNK):
        chunk = documents[start:start + READ_CHUNK]
        tables = {table: _grouped(con, table, chunk) for table in _RECORD_TABLES}
        for document in chunk:
            lines, prose, percentages, cells, goals = (tables[t].get(document, []) for t in _RECORD_TABLES)
            yield DocumentRecords(document, lines, prose, percentages, cells, goals,
                                  *about.get(document, (None, None, None)))


def _grouped(con, table: str, documents: list[str]) -> dict[str, list[dict]]:
    """A table's rows of these documents by document, each in the order it was loaded."""
    out: dict[str, list[dict]] = {}
    for row in fetch_dicts(con, f"SELECT * FROM {table} WHERE list_contains(?, document) ORDER BY rowid",
                           [documents]):
        out.setdefault(row["document"], []).append(row)
    return out


_STALE = ("SELECT d.document FROM documents d WHERE d.run_id IS DISTINCT FROM "
          "(SELECT max(f.run_id) FROM findings f WHERE f.document = d.document) "
          # a document with no findings was checked when a later check run names it
          "AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.stage = 'check' AND r.run_id > d.run_id "
          "AND list_contains(r.changed, d.document)) "
          "AND d.status NOT IN ('failed', 'needs-ocr') ORDER BY d.document")


def _checked(doc: DocumentRecords, settings: Settings) -> Checked:
    """One document's findings and evidence crops, in a worker, within its time budget; crops that
    cannot be drawn in it are left to the report, and the findings kept."""
    with deadline(settings.document_seconds, doc.document, "check"):
        findings = find_document_findings(doc, settings)
        try:
            crops = evidence_crops(doc, findings)
        except Exception:  # noqa: BLE001 - evidence is best effort (the time budget's end included)
            crops = []
    return Checked(findings, crops)


def _replace_findings(con, found: dict[str, list[dict]], crops: dict[str, list[dict]]) -> None:
    """The checked documents' findings and crops in one transaction (the stage writes a staged copy of
    the warehouse, swapped in whole when it ends: a kill leaves the warehouse as it was)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in (("findings", found), ("evidence_crops", crops)):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, document)", [list(found)])
            insert_records(con, table, [r for document in found for r in rows.get(document, [])])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def check(warehouse: Path, settings: Settings | None = None, progress: Progress | None = None) -> CheckResult:
    """Re-check documents loaded since their findings were written, each in its own transaction; a
    document whose checks raise keeps no findings, is named in the result's problems, and the run goes on."""
    require_warehouse(warehouse)
    with staged(warehouse) as copy:
        return _check_into(copy, settings or Settings(), progress or Progress())


# the report's crop code too: the crops stored with the findings are drawn by it
_SOURCES = ("check/**/*.py", "numbers.py", "vocabulary.py", "report/crops.py", "report/evidence.py",
            "report/findings.py", "report/summary.py")  # summary: the ranking that picks which crops are drawn


def checker_fingerprint(settings: CheckSettings) -> str:
    """What shaped the findings and their crops: this package's code, the number reader, the vocabulary,
    the crop code and the check settings. A check run records it; when it changes, every document is
    checked again."""
    return combine(hash_sources(_SOURCES), vocabulary.fingerprint(), repr(settings))


def _checked_otherwise(con, fingerprint: str) -> bool:
    """The last check run was made by other code or settings (or by a finsam that kept no fingerprint)."""
    row = con.execute("SELECT counts FROM runs WHERE stage = 'check' ORDER BY finished_at DESC, run_id DESC "
                      "LIMIT 1").fetchone()
    if row is None:
        return False  # never checked: the stale documents are all of them
    try:
        return json.loads(row[0] or "{}").get("fingerprint") != fingerprint
    except ValueError:
        return True


def _find_all(con, stale: list[str], settings: Settings,
              progress: Progress) -> tuple[dict, dict, list[Problem]]:
    """Every stale document's findings and crops, in workers when there are enough of them to pay
    (settings.executor); a document whose checks raise keeps none and is named, and the others go on."""
    runs = dict(con.execute("SELECT document, run_id FROM documents").fetchall())
    jobs = ((doc.document, (doc, settings)) for doc in _records_of(con, stale))
    found: dict[str, list[dict]] = {}
    crops: dict[str, list[dict]] = {}
    problems: list[Problem] = []
    for outcome in each(_checked, jobs, settings, pool=len(stale) >= settings.check_pool_min_documents):
        checked = outcome.value or Checked([])
        found[outcome.key] = [f | {"run_id": runs[outcome.key]} for f in checked.findings]
        crops[outcome.key] = checked.crops
        if outcome.error is not None:  # one document's bug or limit must not leave the others unchecked
            problems.append(Problem.from_failure(
                outcome.key, "check", outcome.error, "This is a finsam bug: report it with the file. Its budget "
                "lines are loaded but not checked; the other documents were."))
        progress.advance(outcome.key)
    place = {document: n for n, document in enumerate(stale)}
    return found, crops, sorted(problems, key=lambda p: place[p.document])  # as one process would have found


def _check_into(warehouse: Path, settings: Settings, progress: Progress) -> CheckResult:
    started = time.perf_counter()
    con = connect(warehouse)
    fingerprint = checker_fingerprint(settings.checks)
    try:
        ensure_schema(con)
        stale = [r[0] for r in con.execute(_STALE).fetchall()]
        if _checked_otherwise(con, fingerprint):  # findings of other code or settings: all again
            stale = [r[0] for r in con.execute("SELECT document FROM documents WHERE status NOT IN "
                                               "('failed', 'needs-ocr') ORDER BY document").fetchall()]
        unchanged = [r[0] for r in con.execute("SELECT document FROM documents").fetchall() if r[0] not in stale]
        if not stale:
            return CheckResult(unchanged=tuple(unchanged), seconds=time.perf_counter() - started)
        progress.start("check", len(stale))
        found, crops, problems = _find_all(con, stale, settings, progress)
        _replace_findings(con, {document: found[document] for document in stale}, crops)  # stale's order, always
        failed = [p.document for p in problems]  # one problem per failed document, in stale's order
        total = sum(len(f) for f in found.values())
        errors = sum(f["severity"] == "error" for document in found.values() for f in document)
        run_id = new_run_id()
        con.execute("INSERT INTO runs VALUES (?, 'check', now(), now(), ?, ?, [], ?)",
                    [run_id, len(stale), stale,
                     json.dumps({"findings": total, "errors": errors, "fingerprint": fingerprint})])
    finally:
        con.close()
    return CheckResult(processed=tuple(d for d in stale if d not in failed), unchanged=tuple(unchanged),
                       failed=tuple(failed), problems=tuple(problems), findings=total, errors=errors,
                       seconds=time.perf_counter() - started)
