"""Caches keyed by what shaped them: an edited vocabulary re-extracts every document (and reloads those
whose records changed) while the parse stays; settings shape the parse; an unchanged re-run does nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline import vocabulary
from pipeline.extract import extract, extractor_fingerprint
from pipeline.load import load
from pipeline.parse import parse, parser_fingerprint
from pipeline.settings import LayoutSettings, Settings

from ..conftest import rows, two_text_plans


@pytest.fixture
def work(tmp_path):
    return two_text_plans(tmp_path)


def _run(work, settings: Settings | None = None):
    extracted, warehouse = work / "extracted", work / "w.duckdb"
    return (parse(work / "raw", extracted, settings), extract(extracted, settings), load(extracted, warehouse))


def test_editing_the_vocabulary_re_extracts_every_document_and_reloads_only_changed_records(work, monkeypatch):
    first = _run(work)
    assert [len(r.processed) for r in first] == [2, 2, 2]
    digests = {r["records_digest"] for r in rows(work / "w.duckdb", "SELECT * FROM documents")}

    assert [len(r.processed) for r in _run(work)] == [0, 0, 0]  # unchanged: nothing re-done

    whole = vocabulary.fingerprint
    monkeypatch.setattr(vocabulary, "fingerprint",
                        lambda sections=None: "edited" if sections is None else whole(sections))
    edited = _run(work)
    assert [len(r.processed) for r in edited] == [0, 2, 0]  # same records: load has nothing to do
    assert edited[0].unchanged == first[0].processed
    assert {r["records_digest"] for r in rows(work / "w.duckdb", "SELECT * FROM documents")} == digests

    assert [len(r.processed) for r in _run(work)] == [0, 0, 0]


def test_a_layout_setting_reparses(work):
    _run(work)
    wider = Settings(layout=LayoutSettings(cell_gap=12.0))
    assert [len(r.processed) for r in _run(work, wider)][:2] == [2, 2]  # load: only records that changed
    assert [len(r.processed) for r in _run(work, wider)] == [0, 0, 0]


def test_fingerprints_follow_their_inputs(monkeypatch):
    layout = LayoutSettings()
    assert parser_fingerprint(layout, True) == parser_fingerprint(replace(layout), True)
    assert parser_fingerprint(layout, True) != parser_fingerprint(layout, False)
    assert parser_fingerprint(layout, True) != parser_fingerprint(replace(layout, line_tolerance=2.5), True)
    before = extractor_fingerprint("parse-a")
    assert before != extractor_fingerprint("parse-b")
    monkeypatch.setattr(vocabulary, "fingerprint", lambda: "another")
    assert extractor_fingerprint("parse-a") != before
