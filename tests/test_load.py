"""Loads are transactional, keyed by content, and survive being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pipeline.extract import extract
from pipeline.load import PAUSE_ENV, load
from pipeline.parse import parse

from .conftest import copy_plans, rows

TABLES = ["documents", "budget_lines", "findings", "runs"]


def _snapshot(warehouse):
    return {t: rows(warehouse, f"SELECT * FROM {t} ORDER BY ALL") for t in TABLES}


def test_unchanged_rerun_does_no_work(tmp_path):
    raw = copy_plans(tmp_path / "raw", ".txt")
    extracted, warehouse = tmp_path / "extracted", tmp_path / "w.duckdb"
    parse(raw, extracted), extract(extracted), load(extracted, warehouse)
    before = _snapshot(warehouse)
    again = [parse(raw, extracted), extract(extracted), load(extracted, warehouse)]
    assert not any(r.did_work for r in again)
    assert _snapshot(warehouse) == before


def test_changed_and_removed_files_replace_their_rows(tmp_path):
    raw = copy_plans(tmp_path / "raw", ".txt")
    extracted, warehouse = tmp_path / "extracted", tmp_path / "w.duckdb"
    parse(raw, extracted), extract(extracted), load(extracted, warehouse)
    path = raw / "002_993e2a07e1624d0f.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Totalt\t8 644 000", "Totalt\t8 644 001"),
                    encoding="utf-8")
    (raw / "000_92e5f93be53ef7af.txt").unlink()
    parse(raw, extracted), extract(extracted)
    result = load(extracted, warehouse)
    assert result.processed == ("002_993e2a07e1624d0f.txt",)
    assert result.removed == ("000_92e5f93be53ef7af.txt",)
    assert rows(warehouse, "SELECT count(*) n FROM budget_lines WHERE document LIKE '000%'")[0]["n"] == 0
    assert rows(warehouse, "SELECT amount_sek FROM budget_lines WHERE amount_sek = 8644001")


def test_sigkill_during_load_keeps_previous_run(tmp_path):
    raw = copy_plans(tmp_path / "raw", ".txt")
    extracted, warehouse = tmp_path / "extracted", tmp_path / "w.duckdb"
    parse(raw, extracted), extract(extracted), load(extracted, warehouse)
    before = _snapshot(warehouse)
    path = raw / "004_4ca5af5e2bc26fdb.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Revision\t50 500", "Revision\t60 500"),
                    encoding="utf-8")
    parse(raw, extracted), extract(extracted)
    code = f"from pathlib import Path; from pipeline.load import load; load(Path({str(extracted)!r}), " \
           f"Path({str(warehouse)!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, PAUSE_ENV: "30"})
    deadline = time.time() + 20
    while time.time() < deadline and not any(p.name.endswith(".wal") for p in tmp_path.iterdir()):
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _snapshot(warehouse) == before
    load(extracted, warehouse)
    assert rows(warehouse, "SELECT count(*) n FROM budget_lines WHERE amount_sek = 60500")[0]["n"] == 1


def test_rows_are_scanned_by_duckdb_without_pandas_each_value_whole():
    """scan_columns hands DuckDB one array of Python values per column: a list stays one value (a box),
    None is NULL, ints and floats in one column land as the table's type."""
    import duckdb

    from pipeline.load import scan_columns

    con = duckdb.connect()
    con.execute("CREATE TABLE t (label VARCHAR, amount DOUBLE, bbox DOUBLE[], page INTEGER)")
    con.register("incoming", scan_columns({"label": ["Summa", None], "amount": [1, 2.5],
                                           "bbox": [[1.0, 2.5, 3.0, 4.0], None], "page": [2, None]}))
    con.execute("INSERT INTO t SELECT * FROM incoming")
    assert con.execute("SELECT * FROM t ORDER BY amount").fetchall() == [
        ("Summa", 1.0, [1.0, 2.5, 3.0, 4.0], 2), (None, 2.5, None, None)]


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_schema_is_made_once_and_again_when_schema_sql_or_the_layout_changes(tmp_path):
    import duckdb

    from pipeline.load import SCHEMA_VERSION, ensure_schema

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(con)
    made = _tables(con)
    assert {"meta", "documents", "budget_lines", "findings", "evidence_crops", "runs"} <= made
    con.execute("DROP TABLE evidence_crops")
    ensure_schema(con)  # meta records this schema.sql: its statements are not run again
    assert "evidence_crops" not in _tables(con)
    con.execute("UPDATE meta SET value = 'an older schema.sql' WHERE key = 'schema_digest'")
    ensure_schema(con)  # another schema.sql made it: every IF NOT EXISTS statement runs, the table returns
    assert _tables(con) == made
    con.execute("INSERT INTO runs (run_id, stage) VALUES ('r', 'load')")
    con.execute("UPDATE meta SET value = 'an older layout' WHERE key = 'schema_version'")
    con.execute("DELETE FROM meta WHERE key = 'schema_digest'")  # as a warehouse made before digests were kept
    ensure_schema(con)  # an older layout: derived data, rebuilt empty
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    assert dict(con.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == SCHEMA_VERSION
