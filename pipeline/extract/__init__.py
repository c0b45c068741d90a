"""Stage 2, extract: parsed documents → budget lines, identity, goals and percentages.

Reads extracted/<doc-id>/{document,lines,tables}; writes budget_lines.jsonl, goals.jsonl,
percentages.jsonl … and finally extract.json (identity, read status, warnings, fingerprint), which marks
the folder as done. The fingerprint is what shaped the records (this package's code and word lists, the
number reader, the vocabulary, the parse), so editing any of them re-extracts with no version to bump.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .. import vocabulary
from ..deadline import DocumentTimeout, deadline
from ..executor import each
from ..model import ExtractResult, Problem, Progress
from ..parse import combine, hash_sources, read_index
from ..settings import Settings
from ..store import content_digest, read_jsonl, write_json_atomic, write_jsonl_atomic
from .budget import find_document_budget_lines
from .coverage import DocumentRead, read_document, summarize, unread_document, within_range
from .identity import find_identity
from .issuer import HEAD_LINES

OUTPUTS = ("budget_lines", "goals", "percentages", "members", "prose_amounts")
_SOURCES = ("extract/**/*.py", "extract/**/*.toml", "numbers.py", "vocabulary.py")


def extractor_fingerprint(parser_version: str) -> str:
    """What shaped a document's records: its parse, this package's code and word lists, the number
    reader and the vocabulary. Stored in extract.json and in documents.extractor_version."""
    return _fingerprint(parser_version, vocabulary.fingerprint())


@lru_cache(maxsize=16)
def _fingerprint(parser_version: str, vocabulary_fingerprint: str) -> str:
    return combine(hash_sources(_SOURCES), vocabulary_fingerprint, parser_version)


def _is_current(folder: Path, sha: str, version: str) -> bool:
    marker = folder / "extract.json"
    if not marker.exists():
        return False
    meta = json.loads(marker.read_text(encoding="utf-8"))
    return meta.get("sha256") == sha and meta.get("extractor_version") == version


def with_ocr_confidence(budget: list[dict], tables: list[dict]) -> list[dict]:
    """Each budget line gets the OCR confidence of the cell its amount was read from (None when the
    page was born digital); the cell is found by its page and box, which survive table stitching."""
    confidence = {(c.get("page"), tuple(c["bbox"])): c["ocr_confidence"] for t in tables for row in t["rows"]
                  for c in row if c.get("ocr_confidence") is not None and c.get("bbox")}
    if not confidence:
        return budget
    return [b | {"ocr_confidence": confidence.get((b.get("page"), tuple(b["bbox"]) if b.get("bbox") else None))}
            for b in budget]


def extract_document(folder: Path) -> dict[str, list[dict]]:
    """All records of one parsed document, keyed by output name."""
    meta = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    document = meta["document"]
    lines = read_jsonl(folder / "lines.jsonl")
    tables = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
    budget, refused = within_range(with_ocr_confidence(find_document_budget_lines(document, tables, lines), tables))
    headers = [{"text": text} for text in meta.get("running_headers", [])]
    # table lines interleave a wrapped cell with its neighbours; the cells read whole
    prose = [line for line in lines if not line.get("table")]
    cells = [{"text": row[0]["text"]} for table in tables for row in table["rows"] if row and row[0]["text"]]
    identity = find_identity(headers + prose + cells, budget, cover=[line["text"] for line in lines[:HEAD_LINES]])
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
    read, problems = read_document(document, lines, tables, budget, meta, refused)
    if meta.get("status") == "needs-ocr":
        read = unread_document(document, meta)
    records["read"] = [read.asdict()]
    records["problems"] = [p.__dict__ for p in problems]
    return records


def _failed_records(name: str, exc: Exception) -> dict[str, list]:
    """The records of a document whose extraction raised: none, and a read that says why. Its marker is
    written, keyed by the code's fingerprint, so a fixed finsam re-extracts it and an unchanged one
    does not fail on it again at every run."""
    problem = Problem.from_failure(name, "extract", exc, "This is a finsam bug, not your file's fault: report it "
                                   "with the file. The other documents were read.")
    read = summarize(name, "failed", 0, 0, [problem])
    return {output: [] for output in OUTPUTS} | {"identity": [{}], "read": [read.asdict()],
                                                "problems": [problem.__dict__]}


def _extract_one(folder: Path, name: str, sha: str, version: str, seconds: float) -> tuple[dict, dict[str, int]]:
    """One document, in a worker: its records written beside its parse; the marker and counts returned."""
    try:
        with deadline(seconds, name, "extract"):
            records = extract_document(folder)
    except Exception as exc:  # one document's bug must not cost the others their run
        return _write_failed(folder, name, sha, version, exc, unfinished=isinstance(exc, DocumentTimeout))
    return _write_records(folder, name, sha, version, records)


def _write_failed(folder: Path, name: str, sha: str, version: str, exc: BaseException,
                  unfinished: bool) -> tuple[dict, dict[str, int]]:
    """A document whose extraction raised. One cut short (its time budget, or its worker died under it)
    is unfinished, not read: its marker does not match the fingerprint, so the next run tries again."""
    if unfinished:
        version = f"unfinished:{version}"
    return _write_records(folder, name, sha, version, _failed_records(name, exc))


def _write_records(folder: Path, name: str, sha: str, version: str,
                   records: dict[str, list]) -> tuple[dict, dict[str, int]]:
    marker = {"document": name, "sha256": sha, "extractor_version": version,
              "identity": records.pop("identity")[0], "read": records.pop("read")[0],
              "problems": records.pop("problems")}
    marker["records_digest"] = records_digest(marker, records)
    for output in OUTPUTS:
        write_jsonl_atomic(folder / f"{output}.jsonl", records[output])
    write_json_atomic(folder / "extract.json", marker)  # written last: its presence marks the folder done
    return marker, {output: len(records[output]) for output in OUTPUTS}


def records_digest(marker: dict, records: dict[str, list[dict]]) -> str:
    """What extract produced for a document (its records, identity, read and warnings): the key load
    compares, so a re-extraction with the same outcome loads nothing."""
    return content_digest([marker["identity"], marker["read"], marker["problems"], [records[o] for o in OUTPUTS]])


def read_of(marker: dict) -> tuple[DocumentRead, list[Problem]]:
    """The read status and warnings in an extract.json."""
    read = marker.get("read") or {"document": marker["document"], "status": "ok"}
    return (DocumentRead(**read | {"places": tuple(read.get("places", ()))}),
            [Problem(**p) for p in marker.get("problems", [])])


def extract(extracted_dir: Path, settings: Settings | None = None,
            progress: Progress | None = None) -> ExtractResult:
    """Extract every parsed document not extracted by this code yet, in workers (settings.executor)."""
    started = time.perf_counter()
    settings = settings or Settings()
    progress = progress or Progress()
    index = read_index(extracted_dir)
    markers: dict[str, dict | DocumentRead] = {}  # a DocumentRead: the parse failed, nothing to extract
    todo: dict[str, tuple] = {}
    progress.start("extract", len(index))
    for name, entry in index.items():
        folder = (extracted_dir / entry["id"]).resolve()  # workers elsewhere resolve no relative path
        meta = json.loads((folder / "document.json").read_text(encoding="utf-8"))
        version = extractor_fingerprint(meta.get("parser_version", "") + meta.get("parse_digest", ""))
        if meta.get("status") == "failed":
            markers[name] = unread_document(name, meta)
        elif _is_current(folder, entry["sha256"], version):
            markers[name] = json.loads((folder / "extract.json").read_text(encoding="utf-8"))
        else:
            todo[name] = (folder, name, entry["sha256"], version, settings.document_seconds)
            continue
        progress.advance(name)
    counts = dict.fromkeys(OUTPUTS, 0)
    for outcome in each(_extract_one, sorted(todo.items(), key=_parsed_bytes, reverse=True), settings):
        # an error here escaped the worker itself (it died, or its pool broke): written from this process
        marker, written = (_write_failed(*todo[outcome.key][:4], outcome.error, unfinished=True)
                           if outcome.error else outcome.value)
        markers[outcome.key] = marker
        counts = {output: counts[output] + written[output] for output in OUTPUTS}
        progress.advance(outcome.key)
    return _result(index, markers, todo, counts, time.perf_counter() - started)


def _parsed_bytes(job: tuple[str, tuple]) -> int:
    """How much a document's parse wrote: workers take the largest documents first, so none is left
    starting a large one while the others run out of work (its time grows with its lines)."""
    folder = job[1][0]
    # a missing file sorts as empty: the document's own job then fails with what is wrong
    return sum(path.stat().st_size for path in (folder / "lines.jsonl", folder / "tables.json") if path.exists())


def _result(index: dict, markers: dict[str, dict | DocumentRead], todo: dict, counts: dict[str, int],
            seconds: float) -> ExtractResult:
    """Every document's read and warnings in the index's order, whichever order the workers finished in."""
    reads, problems, failed = [], [], []
    for name in index:
        read, found = (markers[name], []) if isinstance(markers[name], DocumentRead) else read_of(markers[name])
        reads.append(read)
        problems += found
        if isinstance(markers[name], DocumentRead):
            failed.append(name)
    return ExtractResult(processed=tuple(n for n in index if n in todo),
                         unchanged=tuple(n for n in index if n not in todo and n not in failed),
                         failed=tuple(failed),
                         problems=tuple(problems), seconds=seconds, budget_lines=counts["budget_lines"],
                         goals=counts["goals"], percentages=counts["percentages"], documents=tuple(reads))
