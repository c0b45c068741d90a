"""Issue 14: a sum that fails on an unsure OCR reading is a warning ("osäker OCR-läsning"), not an error."""

from __future__ import annotations

import json

from pipeline.check.ocr_doubt import doubt_ocr
from pipeline.settings import CheckSettings

SETTINGS = CheckSettings()


def _line(row: int, amount: int, confidence: float | None, bbox: list[float]) -> dict:
    return {"table_no": 0, "row_no": row, "year": 2024, "amount_sek": amount, "ocr_confidence": confidence,
            "bbox": bbox}


def _error(rows: list[int], bbox: list[float]) -> dict:
    return {"kind": "sum_mismatch", "severity": "error", "verdict": "error", "table_no": 0, "year": 2024,
            "rows_used": json.dumps([{"row": r, "label": f"rad {r}"} for r in rows]), "bbox": bbox,
            "explanation": "Summan 180 stämmer inte med raderna (170)."}


def test_an_error_resting_on_an_unsure_digit_becomes_a_warning():
    lines = [_line(0, 100, 95.0, [1, 0, 2, 1]), _line(1, 70, 41.0, [1, 1, 2, 2]), _line(2, 180, 96.0, [1, 2, 2, 3])]
    [finding] = doubt_ocr([_error([0, 1], [1, 2, 2, 3])], lines, SETTINGS)
    assert finding["severity"] == "warning" and finding["kind"] == "sum_mismatch_ocr_unsure"
    assert "Osäker OCR-läsning" in finding["explanation"] and "41 %" in finding["explanation"]


def test_an_unsure_total_counts_too_but_sure_or_born_digital_readings_keep_the_error():
    unsure_total = [_line(0, 100, 95.0, [1, 0, 2, 1]), _line(2, 180, 30.0, [1, 2, 2, 3])]
    assert doubt_ocr([_error([0], [1, 2, 2, 3])], unsure_total, SETTINGS)[0]["severity"] == "warning"
    sure = [_line(0, 100, 95.0, [1, 0, 2, 1]), _line(2, 180, 93.0, [1, 2, 2, 3])]
    assert doubt_ocr([_error([0], [1, 2, 2, 3])], sure, SETTINGS)[0]["severity"] == "error"
    digital = [_line(0, 100, None, [1, 0, 2, 1]), _line(2, 180, None, [1, 2, 2, 3])]
    assert doubt_ocr([_error([0], [1, 2, 2, 3])], digital, SETTINGS)[0]["severity"] == "error"


def test_an_unsure_reading_in_another_year_leaves_the_error_alone():
    lines = [_line(0, 100, 95.0, [1, 0, 2, 1]), _line(2, 180, 95.0, [1, 2, 2, 3]),
             {**_line(0, 90, 20.0, [3, 0, 4, 1]), "year": 2025}]
    assert doubt_ocr([_error([0], [1, 2, 2, 3])], lines, SETTINGS)[0]["severity"] == "error"
