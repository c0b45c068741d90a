"""An edit of the vocabulary file re-runs exactly the stages it affects (issue 17): a word added to a
section parse does not read re-runs extract, check and report; load finds the same records and loads
nothing. A word added to a section parse reads re-parses too. Real runs of the CLI, each in a fresh
process (modules read their word lists once, on import), on a copy of the vocabulary named by
FINSAM_VOCABULARY."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import vocabulary

from .conftest import two_text_plans

STAGE_LINE = re.compile(r"^(parse|extract|load|check|report): (\d+) processed", re.MULTILINE)


@pytest.fixture
def work(tmp_path):
    two_text_plans(tmp_path)
    words = tmp_path / "vocabulary.toml"
    shutil.copy(vocabulary.source(), words)
    return tmp_path


def _run(work: Path) -> dict[str, int]:
    """Each stage's count of processed items (0 for a stage that printed nothing)."""
    cli = "from pipeline.cli import app; app(prog_name='finsam')"
    args = [sys.executable, "-c", cli, "run", "--raw", str(work / "raw"), "--extracted", str(work / "ex"),
            "--warehouse", str(work / "w.duckdb"), "--reports", str(work / "rep")]
    env = os.environ | {vocabulary.OVERRIDE_ENV: str(work / "vocabulary.toml")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return {stage: int(count) for stage, count in STAGE_LINE.findall(done.stdout)}


def _add_word(path: Path, line_start: str, word: str) -> None:
    """Put a new word first in the list that begins on the line starting with line_start."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(rf"^({re.escape(line_start)}\s*=\s*\[)", rf'\1"{word}", ', text, count=1, flags=re.MULTILINE)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def test_a_vocabulary_edit_re_runs_the_stages_it_affects_and_no_other(work):
    cold = _run(work)
    assert [cold.get(s, 0) for s in ("parse", "extract", "load", "check")] == [2, 2, 2, 2]
    assert cold["report"] >= 1  # pages written: the index and one per förbund
    assert not any(_run(work).values())  # unchanged: nothing re-done

    words = work / "vocabulary.toml"
    _add_word(words, "bodies", "provnämnden")  # [identity]: read by extract, not by parse
    after = _run(work)
    assert after.get("parse", 0) == 0
    assert after["extract"] == 2 and after["check"] == 2 and after["report"] >= 1
    assert after.get("load", 0) == 0  # the same records: nothing to reload

    assert not any(_run(work).values())


def test_an_edit_of_a_word_parse_reads_re_parses(work):
    _run(work)
    _add_word(work / "vocabulary.toml", "header_words", "provrubrik")  # [text_tables]: parse reads it
    after = _run(work)
    assert after["parse"] == 2 and after["extract"] == 2


def test_an_unreadable_vocabulary_stops_the_run_with_one_line_naming_it(work):
    args = [sys.executable, "-c", "from pipeline.cli import app; app(prog_name='finsam')", "run", "--raw",
            str(work / "raw"), "--extracted", str(work / "ex"), "--warehouse", str(work / "w.duckdb")]
    missing = work / "no-such-vocabulary.toml"
    env = os.environ | {vocabulary.OVERRIDE_ENV: str(missing)}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert f"{missing}: the vocabulary named by FINSAM_VOCABULARY cannot be read" in done.stderr
    assert "Point FINSAM_VOCABULARY at a copy of pipeline/vocabulary.toml, or unset it." in done.stderr
    assert "Traceback" not in done.stderr
