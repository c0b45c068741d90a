"""Stage 3, load: extracted/ → warehouse.duckdb in one transaction per run.

Documents are keyed by content hash and the extract fingerprint their records were made with: an
unchanged document is not touched, a changed (or re-extracted) one has all its rows replaced, a
removed one has its rows removed. After every document is in, which documents are copies of another
is weighed again over the whole warehouse (pipeline/copies.py). The runs row is written last, inside
the same transaction, so a killed load leaves the previous run's warehouse as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from . import vocabulary
from .copies import mark_copies, stored_copies
from .errors import MissingInput, WarehouseBusy, WarehouseUnwritable
from .extract import OUTPUTS
from .extract.coverage import document_status
from .model import LoadResult, Problem, Progress
from .parse import combine, hash_sources, read_index
from .settings import Settings
from .staging import staged
from .store import new_run_id, read_jsonl

SCHEMA_VERSION = "2"
DOCUMENT_TABLES = ("table_cells", *OUTPUTS, "findings", "evidence_crops")
# the code that derives load's own columns (budget_lines.side, documents.copy_of): a change to it reloads
# every document, as the extract fingerprint does for extract's
DERIVED_SOURCES = ("check/categories.py", "copies.py", "flows.py")
DERIVED_VOCABULARY = ("categories", "statements", "units")  # the sections that code reads
# finsam's own queries are many and small (one document's rows, a few sums): DuckDB's worker threads only
# start and spin beside them (one thread: 0.16 s less CPU a cold sample run; as fast at 1,000 plans). An
# analyst's own SQL (`finsam query`, the sandboxed connection) may scan everything: it keeps DuckDB's threads.
WAREHOUSE_THREADS = 1
PAUSE_ENV = "FINSAM_PAUSE_BEFORE_COMMIT"  # seconds; lets the crash-safety test kill a load mid-flight


def connect(warehouse: Path, read_only: bool = False, sandboxed: bool = False):
    """Open the warehouse; a missing, locked or unwritable one raises a FinsamError that says what to do.
    ``sandboxed`` (read-only only) shuts DuckDB's access to every file but the warehouse itself."""
    import duckdb

    if read_only:
        require_warehouse(warehouse)
    config: dict = {"enable_external_access": False} if sandboxed and read_only else {"threads": WAREHOUSE_THREADS}
    try:
        con = duckdb.connect(str(warehouse), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(warehouse, f"another process holds it ({_holder(exc)})",
                                "Wait for that finsam run to finish, or stop it, then run again.") from exc
        raise WarehouseUnwritable(warehouse, f"it cannot be opened ({str(exc).splitlines()[0]})",
                                  "Check that the path is writable, or pass --warehouse elsewhere.") from exc
    if read_only and not _has_schema(con):  # a file some other tool made, or a first load killed early
        con.close()
        raise MissingInput(warehouse, "not built yet (it holds no finsam tables)", "Run `finsam run` first.")
    return con


def require_warehouse(warehouse: Path) -> None:
    """Stages after load need a warehouse that load made."""
    if not warehouse.exists():
        raise MissingInput(warehouse, "no warehouse yet", "Run `finsam run` (or `finsam load`) first.")


def _has_schema(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('documents', 'runs')"
                       ).fetchone()[0] == 2


def _holder(exc: Exception) -> str:
    """DuckDB's lock message names the holding process ("… (PID 4711)"); keep just that part."""
    import re

    found = re.search(r"PID (\d+)", str(exc))
    return f"pid {found[1]}" if found else "a lock is held"


def fetch_dicts(con, sql: str, params: list | None = None) -> list[dict]:
    """Rows of a query as dicts keyed by column name."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def ensure_schema(con) -> None:
    """Every table and column of schema.sql. A warehouse whose meta records this layout and this schema.sql
    (their digest) has them all already, and its 39 statements are not run again (25-50 ms a stage)."""
    sql = resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8")
    digest = combine(SCHEMA_VERSION, sql)
    stored: dict = {}
    if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]:
        stored = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('schema_version', 'schema_digest')"
                                  ).fetchall())
    if stored.get("schema_digest") == digest:
        return
    if stored.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        # an older layout: the warehouse is derived data, so rebuild it
        for table in (*DOCUMENT_TABLES, "documents", "runs", "meta"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    # every statement is IF NOT EXISTS: columns added since a warehouse was made arrive on its next load
    con.execute(sql)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('schema_digest', ?)",
                [SCHEMA_VERSION, digest])


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _version(folder: Path) -> str:
    """The extract fingerprint of the folder's records; a document parse could not read has only a parse."""
    marker = _read_json(folder / "extract.json")
    if marker:
        return marker["extractor_version"]
    meta = _read_json(folder / "document.json")
    return "parse:" + meta.get("parser_version", "") + meta.get("parse_digest", "")


def _records_key(folder: Path, marker: dict | None = None) -> str:
    """What load compares: the digest of what extract wrote (older folders: the extract fingerprint)."""
    marker = _read_json(folder / "extract.json") if marker is None else marker
    return marker.get("records_digest") or _version(folder)


def derived_version() -> str:
    return combine(hash_sources(DERIVED_SOURCES), vocabulary.fingerprint(DERIVED_VOCABULARY))


def _plan(con, extracted_dir: Path, index: dict[str, dict]) -> tuple[list[str], list[str], list[str]]:
    stored = dict(con.execute("SELECT document, sha256 || '/' || coalesce(records_digest, extractor_version) "
                              "FROM documents").fetchall())
    derived = con.execute("SELECT value FROM meta WHERE key = 'derived_version'").fetchone()
    if derived != (derived_version(),):  # columns load derives were made by other code, or not at all
        stored = {}
    changed = [n for n, e in index.items()
               if stored.get(n) != f"{e['sha256']}/{_records_key(extracted_dir / e['id'])}"]
    removed = [n for n in stored if n not in index]
    unchanged = [n for n in index if n not in changed]
    return changed, removed, unchanged


def _document_row(folder: Path, run_id: str) -> dict:
    meta = _read_json(folder / "document.json")
    marker = _read_json(folder / "extract.json")
    ident, read = marker.get("identity", {}), marker.get("read", {})
    return {"document": meta["document"], "sha256": meta["sha256"], "extractor_version": _version(folder),
            "records_digest": _records_key(folder, marker),
            "format": meta["format"], "pages": meta.get("pages"),
            "status": document_status(meta["status"], read.get("status")), "read_status": read.get("status"),
            "warnings": json.dumps(marker.get("problems", []), ensure_ascii=False),
            "forbund": ident.get("forbund"), "forbund_variants": list(ident.get("forbund_variants", [])),
            "plan_year": ident.get("plan_year"), "budget_years": list(ident.get("budget_years", [])),
            "problems": json.dumps(meta.get("problems", []), ensure_ascii=False), "run_id": run_id,
            "adopted": ident.get("adopted"), "board_members": ident.get("board_members"),
            "board_deputies": ident.get("board_deputies"), "source_path": meta.get("source")}


def _cells(folder: Path, document: str) -> list[dict]:
    tables = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
    return [{"document": document, "table_no": t["table"], "row_no": r, "col_no": c, "text": cell["text"],
             "page": cell.get("page"), "line": cell.get("line"), "bbox": cell.get("bbox")}
            for t in tables for r, row in enumerate(t["rows"]) for c, cell in enumerate(row)]


def _document_records(folder: Path, name: str, run_id: str, problems: list[Problem],
                      rehearsal) -> dict[str, list[dict]]:
    """Every row one document adds, read and rehearsed before any is inserted: a document whose files
    cannot be read, or whose rows the warehouse refuses, is loaded as `failed` with the reason, and the
    others load as usual."""
    try:
        records = {"documents": [_document_row(folder, run_id)], "table_cells": _cells(folder, name)}
        records |= {output: read_jsonl(folder / f"{output}.jsonl") for output in OUTPUTS}
        records["budget_lines"] = _with_flows(records["budget_lines"])
        if rehearsal is not None:
            _rehearse(rehearsal, records)
        return records
    except Exception as exc:  # a damaged extracted/ folder or a row of the wrong type: this document only
        problem = Problem.from_failure(name, "load", exc, "Its files under extracted/ are damaged: delete that "
                                       "folder and run again.")
        problems.append(problem)
        meta = _read_json(folder / "document.json")
        return {"documents": [{"document": name, "sha256": meta.get("sha256"), "format": meta.get("format"),
                               "status": "failed", "read_status": "failed", "run_id": run_id,
                               "extractor_version": _version(folder), "records_digest": _records_key(folder),
                               "problems": json.dumps([problem.__dict__], ensure_ascii=False)}]}


def _with_flows(lines: list[dict]) -> list[dict]:
    """Each budget line's side and flow (intäkt / kostnad / resultat), category and repeated total."""
    from .flows import with_flows  # imported here: the check package (which flows uses) imports this module

    return with_flows(lines)


def _rehearsal_warehouse():
    """An empty in-memory warehouse of the same schema. DuckDB has no savepoints: a failed insert aborts
    the whole run's transaction, so after one has, the load starts over with each document's rows tried
    here first, and only rows that fit reach the real one."""
    import duckdb

    con = duckdb.connect()
    con.execute(resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8"))
    return con


def _rehearse(con, records: dict[str, list[dict]]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for table, found in records.items():
            insert_records(con, table, found)
    finally:
        con.execute("ROLLBACK")


def insert_records(con, table: str, records: list[dict]) -> int:
    if not records:
        return 0
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    con.register("incoming", scan_columns({c: [rec.get(c) for rec in records] for c in columns}))
    con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
    con.unregister("incoming")
    return len(records)


def scan_columns(columns: dict[str, list]) -> dict:
    """Columns as DuckDB scans them from Python: one NumPy array of Python values per column, whose types
    DuckDB reads value by value and casts to the table's on insert. No DataFrame: pandas costs a run
    0.4 s to import and adds nothing here (its dtypes would only be read back by DuckDB)."""
    import numpy as np

    arrays = {}
    for name, values in columns.items():
        array = np.empty(len(values), dtype=object)
        array[:] = values  # element by element: a list value stays one value, not a second dimension
        arrays[name] = array
    return arrays


class _Batches:
    """Rows waiting to be inserted, per table, over several documents: one insert per table and batch
    instead of one per document and table (the per-call cost dominated load), and at most about
    `limit` rows held in memory whatever the corpus' size."""

    def __init__(self, con, limit: int) -> None:
        self.con, self.limit = con, limit
        self.waiting: dict[str, list[dict]] = {}
        self.size = 0

    def add(self, records: dict[str, list[dict]]) -> None:
        for table, found in records.items():
            self.waiting.setdefault(table, []).extend(found)
            self.size += len(found)
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        for table, found in self.waiting.items():
            insert_records(self.con, table, found)
        self.waiting, self.size = {}, 0


def load(extracted_dir: Path, warehouse: Path, settings: Settings | None = None,
         progress: Progress | None = None) -> LoadResult:
    """Load extracted/ into a staged copy of the warehouse and swap it in (pipeline/staging.py)."""
    import duckdb

    batch_rows = (settings or Settings()).load_batch_rows
    with staged(warehouse) as copy:
        try:  # the fast way first: rows go straight in
            return _load_into(extracted_dir, copy, progress, batch_rows, rehearse=False)
        except duckdb.Error:  # some document's row was refused and the transaction is gone: find which
            return _load_into(extracted_dir, copy, progress, batch_rows, rehearse=True)


def _load_into(extracted_dir: Path, warehouse: Path, progress: Progress | None, batch_rows: int,
               rehearse: bool) -> LoadResult:
    started, started_at = time.perf_counter(), datetime.now(UTC)
    progress = progress or Progress()
    index = read_index(extracted_dir)
    con, rehearsal = connect(warehouse), _rehearsal_warehouse() if rehearse else None
    try:
        con.execute("BEGIN TRANSACTION")
        ensure_schema(con)
        changed, removed, unchanged = _plan(con, extracted_dir, index)
        if not changed and not removed:
            copies = stored_copies(con)
            con.execute("ROLLBACK")
            return LoadResult(unchanged=tuple(unchanged), copies=copies, seconds=time.perf_counter() - started)
        run_id = new_run_id()
        rows = dict.fromkeys(("documents", "table_cells", *OUTPUTS), 0)
        problems: list[Problem] = []
        progress.start("load", len(changed) + len(removed))
        for table in (*DOCUMENT_TABLES, "documents"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, document)", [[*changed, *removed]])
        # one document's bad row fails its batch; the rehearsal path (batches of one document) finds which
        batches = _Batches(con, batch_rows if rehearsal is None else 1)
        for name in [*changed, *removed]:
            if name in index:
                records = _document_records(extracted_dir / index[name]["id"], name, run_id, problems, rehearsal)
                for table, found in records.items():
                    rows[table] += len(found)
                batches.add(records)
            progress.advance(name)
        batches.flush()
        copies = mark_copies(con)  # over every document: a changed or removed one may change another's part
        con.execute("INSERT OR REPLACE INTO meta VALUES ('derived_version', ?)", [derived_version()])
        if os.environ.get(PAUSE_ENV):
            time.sleep(float(os.environ[PAUSE_ENV]))
        con.execute("INSERT INTO runs VALUES (?, 'load', ?, ?, ?, ?, ?, ?)",
                    [run_id, started_at, datetime.now(UTC), len(index), changed, removed, json.dumps(rows)])
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):  # the transaction may already be gone
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
        if rehearsal is not None:
            rehearsal.close()
    failed = tuple(p.document for p in problems)
    return LoadResult(processed=tuple(n for n in changed if n not in failed), unchanged=tuple(unchanged),
                      removed=tuple(removed), failed=failed, problems=tuple(problems), run_id=run_id, rows=rows,
                      copies=copies, seconds=time.perf_counter() - started)
