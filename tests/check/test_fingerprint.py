"""Findings know what shaped them: other check settings (or code, or vocabulary) check every document
again; the same ones check nothing."""

from __future__ import annotations

import dataclasses

from pipeline.check import check, checker_fingerprint
from pipeline.extract import extract
from pipeline.load import load
from pipeline.parse import parse
from pipeline.settings import CheckSettings, Settings

from ..conftest import copy_plans, rows


def test_changed_check_settings_check_every_document_again(tmp_path):
    raw = copy_plans(tmp_path / "raw", ".txt")
    extracted, warehouse = tmp_path / "extracted", tmp_path / "w.duckdb"
    parse(raw, extracted), extract(extracted), load(extracted, warehouse)
    first = check(warehouse)
    assert len(first.processed) == 5
    assert check(warehouse).processed == ()
    other = dataclasses.replace(CheckSettings(), rounding_sek=CheckSettings().rounding_sek + 1)
    assert checker_fingerprint(other) != checker_fingerprint(CheckSettings())
    again = check(warehouse, Settings(checks=other))
    assert sorted(again.processed) == sorted(first.processed)
    assert check(warehouse, Settings(checks=other)).processed == ()
    # a run that checks nothing writes no runs row
    assert len(rows(warehouse, "SELECT * FROM runs WHERE stage = 'check'")) == 2
