"""No OCR guess becomes an accusation (issue 14): a sum that fails where a term or the total was read
by OCR with low confidence is told as a warning, "osäker OCR-läsning", never as an error."""

from __future__ import annotations

import json

from ..settings import CheckSettings


def _unsure_rows(lines: list[dict], settings: CheckSettings) -> dict[tuple, float]:
    """(table, row, year) → the lowest confidence among its OCR'd amounts below the threshold."""
    out: dict[tuple, float] = {}
    for line in lines:
        confidence = line.get("ocr_confidence")
        if confidence is None or confidence != confidence or confidence >= settings.ocr_unsure_confidence:
            continue  # born digital (None, or NaN from the warehouse), or read surely
        key = (line["table_no"], line["row_no"], line["year"])
        out[key] = min(confidence, out.get(key, confidence))
    return out


def _involved(finding: dict, lines: list[dict]) -> set[int]:
    """Rows of the finding's table whose amounts it sums, and the row of its stated figure."""
    rows = {used["row"] for used in json.loads(finding.get("rows_used") or "[]") if "row" in used}
    bbox = finding.get("bbox")
    rows |= {line["row_no"] for line in lines if line["table_no"] == finding.get("table_no")
             and bbox is not None and line.get("bbox") is not None and list(line["bbox"]) == list(bbox)}
    return rows


def doubt_ocr(findings: list[dict], lines: list[dict], settings: CheckSettings) -> list[dict]:
    """Errors that rest on an unsure OCR reading become warnings, with the reason and the confidence."""
    unsure = _unsure_rows(lines, settings)
    if not unsure:
        return findings
    out = []
    for finding in findings:
        if finding.get("severity") == "error":
            table, year = finding.get("table_no"), finding.get("year")
            doubts = [unsure[(table, row, year)] for row in _involved(finding, lines) if (table, row, year) in unsure]
            if doubts:
                finding = finding | {
                    "kind": f"{finding['kind']}_ocr_unsure", "severity": "warning", "verdict": "cannot tell",
                    "explanation": f"{finding['explanation']} Osäker OCR-läsning: en siffra i summan lästes med "
                                   f"{min(doubts):.0f} % säkerhet, så felet kan vara läsningens."}
        out.append(finding)
    return out
