"""Evidence crops drawn as a document is checked: the report's fact-check shows, beside each error and
warning of a PDF plan, a crop of its page with the cells marked. Drawing one costs a page render and
a PNG (some 8 ms of CPU), so a thousand new plans cost seconds; drawn here, per document in the check's
workers, and stored with the findings (table evidence_crops), they cost the report nothing but their
bytes, and they are paid once per checked document, not once per fresh reports folder.

The crops are the very ones the report would draw: the same findings, grouping, marks and key
(report.findings.document_crop_jobs, crops.crop_job); a crop the report asks for by a key the
warehouse does not hold is drawn by the report itself, so a stored crop can make the report faster but
never different.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import DocumentRecords


def evidence_crops(doc: DocumentRecords, findings: list[dict]) -> list[dict]:
    """The evidence_crops rows of one checked document: one per crop its förbund page shows, none for a
    document the report lists under another (a copy) or one whose source is not a PDF. Best effort: a
    crop that cannot be drawn is left to the report."""
    if doc.is_primary is False or not str(doc.source_path or "").lower().endswith(".pdf"):
        return []
    # imported here: the report package imports the check modules it computes ratios with
    from ..report.crops import draw_crop, forget_pages
    from ..report.findings import document_crop_jobs

    jobs = document_crop_jobs(findings, doc.source_path, doc.cells)
    rows = []
    try:
        for key, args in sorted(jobs.items(), key=lambda job: (job[1][2], job[0])):  # by page: one render each
            png = draw_crop(args)
            if png:
                rows.append({"document": doc.document, "page": args[2], "key": key, "png": png})
    finally:
        forget_pages()
    return rows
