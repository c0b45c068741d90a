"""Extract hands its workers the largest parsed documents first (by the bytes parse wrote for each)."""

from __future__ import annotations

import pipeline.extract as extract_module
from pipeline.extract import extract
from pipeline.parse import parse
from pipeline.settings import Settings

from ..conftest import copy_plans, recorded_jobs


def test_workers_are_handed_the_largest_documents_first(tmp_path, monkeypatch):
    raw = copy_plans(tmp_path / "raw", ".txt")
    extracted = tmp_path / "extracted"
    parse(raw, extracted)
    seen = recorded_jobs(monkeypatch, extract_module)
    result = extract(extracted, Settings(workers=2))
    sizes = [sum((job[1][0] / name).stat().st_size for name in ("lines.jsonl", "tables.json")) for job in seen]
    assert len(seen) == len(result.processed) == 5
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert result.processed == tuple(sorted(result.processed))  # the result keeps the index's order
