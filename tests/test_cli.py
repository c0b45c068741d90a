"""The command line: what a user types and reads."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from pipeline.cli import app

from .conftest import RAW

runner = CliRunner()


def _args(tmp_path):
    return ["--raw", str(tmp_path / "raw"), "--extracted", str(tmp_path / "ex"),
            "--warehouse", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "rep")]


def test_help_teaches():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "finsam run" in result.output and "parse" in result.output


def test_run_then_rerun_says_nothing_changed(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / "003_db996d9d141d330c.txt", tmp_path / "raw")
    first = runner.invoke(app, ["run", *_args(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "load: 1 processed" in first.output
    assert (tmp_path / "rep" / "index.html").exists()
    second = runner.invoke(app, ["run", *_args(tmp_path)])
    assert "no work done" in second.output
    status = runner.invoke(app, ["status", "--raw", str(tmp_path / "raw"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert "nothing to do" in status.output


def test_every_file_failing_is_an_error(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", *_args(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output


def test_missing_raw_folder_says_how_to_fix(tmp_path):
    result = runner.invoke(app, ["run", *_args(tmp_path)])
    assert result.exit_code == 2
    assert "no such folder" in result.output


def test_export_and_query(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / "003_db996d9d141d330c.txt", tmp_path / "raw")
    assert runner.invoke(app, ["run", *_args(tmp_path), "-q"]).exit_code == 0
    warehouse = ["--warehouse", str(tmp_path / "w.duckdb")]
    exported = runner.invoke(app, ["export", *warehouse, "--reports", str(tmp_path / "rep"), "--format", "xlsx"])
    assert exported.exit_code == 0 and "budget_lines 82" in exported.output
    assert (tmp_path / "rep" / "finsam.xlsx").exists()  # one workbook, a sheet per view (Fynd, …)
    found = runner.invoke(app, ["query", "SELECT label, stated FROM findings WHERE severity = 'error'", *warehouse])
    assert "Summa personalkostnader" in found.output and "1329910" in found.output
    wrong = runner.invoke(app, ["query", "SELECT * FROM nowhere", *warehouse])
    assert wrong.exit_code == 2 and "Tables: documents, budget_lines" in wrong.output
    bad = runner.invoke(app, ["export", *warehouse, "--format", "pdf"])
    assert bad.exit_code == 2 and "pdf: unknown export format. Choose one of csv, parquet, xlsx." in bad.output


def test_the_console_entry_flushes_what_it_printed_and_keeps_the_exit_code(tmp_path):
    """`main` leaves without the interpreter's teardown: piped output must still all arrive, and 0, 1
    and 2 keep their meaning."""
    import subprocess
    import sys

    finsam = [sys.executable, "-c", "from pipeline.cli import main; main()"]
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / "003_db996d9d141d330c.txt", tmp_path / "raw")
    done = subprocess.run([*finsam, "run", *_args(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [line.split(":")[0] for line in done.stdout.splitlines() if "processed" in line] == [
        "parse", "extract", "load", "check", "report"]
    (tmp_path / "raw" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    partial = subprocess.run([*finsam, "run", *_args(tmp_path), "--quiet"], capture_output=True, text=True,
                             timeout=300)
    assert partial.returncode == 1 and "broken.pdf" in partial.stdout + partial.stderr
    missing = subprocess.run([*finsam, "run", *_args(tmp_path / "none")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    usage = subprocess.run([*finsam, "run", "--workers", "-1"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "--workers" in usage.stderr


def test_the_console_entry_runs_the_collector_less_often(monkeypatch):
    """main() sets this process's collector thresholds (the workers it forks inherit them) and leaves
    with the command's exit code."""
    import gc

    from pipeline import cli

    seen, left = [], []
    monkeypatch.setattr(cli, "app", lambda: seen.append(gc.get_threshold()))
    monkeypatch.setattr(cli, "_leave", left.append)
    before = gc.get_threshold()
    try:
        cli.main()
    finally:
        gc.set_threshold(*before)
    assert seen == [(cli.GC_YOUNG_THRESHOLD, *cli.GC_OLDER_THRESHOLDS)] and left == [0]
