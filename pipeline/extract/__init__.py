"""Stage 2, extract: parsed documents → budget lines, identity, goals and percentages.

Reads extracted/<doc-id>/{document,lines,tables}; writes budget_lines.jsonl, goals.jsonl,
percentages.jsonl … and finally extract.json (identity + version), which marks the folder as done.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

from ..model import ExtractResult, Progress
from ..parse import read_index
from ..settings import Settings
from ..store import read_jsonl, write_json_atomic, write_jsonl_atomic
from .budget import find_budget_lines
from .identity import find_identity

EXTRACTOR_VERSION = "4"
OUTPUTS = ("budget_lines", "goals", "percentages", "members", "prose_amounts")


def _is_current(folder: Path, sha: str) -> bool:
    marker = folder / "extract.json"
    if not marker.exists():
        return False
    meta = json.loads(marker.read_text(encoding="utf-8"))
    return meta.get("sha256") == sha and meta.get("extractor_version") == EXTRACTOR_VERSION


def extract_document(folder: Path) -> dict[str, list[dict]]:
    """All records of one parsed document, keyed by output name."""
    meta = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    document = meta["document"]
    lines = read_jsonl(folder / "lines.jsonl")
    tables = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
    budget = [line for table in tables for line in find_budget_lines(document, table)]
    headers = [{"text": text} for text in meta.get("running_headers", [])]
    # table lines interleave a wrapped cell with its neighbours; the cells read whole
    prose = [line for line in lines if not line.get("table")]
    cells = [{"text": row[0]["text"]} for table in tables for row in table["rows"] if row and row[0]["text"]]
    identity = find_identity(headers + prose + cells, budget)
    records: dict[str, list[dict]] = {name: [] for name in OUTPUTS}
    records["budget_lines"] = budget
    try:
        from .nlp import find_language_records
    except ImportError:  # the NLP module arrives with its issue; budgets do not wait for it
        pass
    else:
        records |= find_language_records(document, lines, budget, tables)
        identity = replace(identity, **records.pop("metadata")[0])
    records["identity"] = [identity.asdict()]
    return records


def extract(extracted_dir: Path, settings: Settings | None = None,
            progress: Progress | None = None) -> ExtractResult:
    started = time.perf_counter()
    progress = progress or Progress()
    index = read_index(extracted_dir)
    processed, unchanged, failed, counts = [], [], [], dict.fromkeys(OUTPUTS, 0)
    progress.start("extract", len(index))
    for name, entry in index.items():
        folder = extracted_dir / entry["id"]
        meta = json.loads((folder / "document.json").read_text(encoding="utf-8"))
        if meta.get("status") == "failed":
            failed.append(name)
        elif _is_current(folder, entry["sha256"]):
            unchanged.append(name)
        else:
            records = extract_document(folder)
            identity = records.pop("identity")[0]
            for output in OUTPUTS:
                write_jsonl_atomic(folder / f"{output}.jsonl", records[output])
                counts[output] += len(records[output])
            write_json_atomic(folder / "extract.json", {
                "document": name, "sha256": entry["sha256"], "extractor_version": EXTRACTOR_VERSION,
                "identity": identity})
            processed.append(name)
        progress.advance(name)
    return ExtractResult(processed=tuple(processed), unchanged=tuple(unchanged), failed=tuple(failed),
                         seconds=time.perf_counter() - started, budget_lines=counts["budget_lines"],
                         goals=counts["goals"], percentages=counts["percentages"])
