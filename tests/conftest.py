"""Shared fixtures: the real sample plans run through the real pipeline into a real DuckDB file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.check import check
from pipeline.extract import extract
from pipeline.load import load
from pipeline.parse import parse
from pipeline.report import report

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
GOLD = Path(__file__).parent / "gold"


def run_all(raw: Path, work: Path) -> Path:
    extracted, warehouse = work / "extracted", work / "warehouse.duckdb"
    parse(raw, extracted)
    extract(extracted)
    load(extracted, warehouse)
    check(warehouse)
    report(warehouse, work / "reports")
    return warehouse


TWO_TEXT_PLANS = ("003_db996d9d141d330c.txt", "001_0874f8358a7dd9a7.txt")


def two_text_plans(work: Path) -> Path:
    """work/raw with two of the sample .txt plans: quick inputs for tests that run stages again and again."""
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name in TWO_TEXT_PLANS:
        shutil.copy(RAW / name, raw)
    return work


def recorded_jobs(monkeypatch, stage_module) -> list:
    """The jobs a stage hands pipeline.executor.each, in the order it hands them (the real executor still
    runs them): the order workers take documents in."""
    seen: list = []
    real = stage_module.each

    def recording(fn, jobs, settings, *rest):
        return real(fn, (seen.append(job) or job for job in jobs), settings, *rest)

    monkeypatch.setattr(stage_module, "each", recording)
    return seen


def copy_plans(target: Path, suffix: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(RAW.glob(f"*{suffix}")):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def text_warehouse(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("text")
    return run_all(copy_plans(work / "raw", ".txt"), work)


@pytest.fixture(scope="session")
def pdf_warehouse(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pdf")
    return run_all(copy_plans(work / "raw", ".pdf"), work)


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


STEMS = sorted(p.stem for p in GOLD.glob("*.json"))


@pytest.fixture(scope="session")
def both_warehouse(tmp_path_factory) -> Path:
    """The sample plans as they are in raw/: each as .txt and as .pdf, the same plan twice."""
    work = tmp_path_factory.mktemp("both")
    return run_all(copy_plans(copy_plans(work / "raw", ".txt"), ".pdf"), work)
