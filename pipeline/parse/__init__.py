"""Stage 1, parse: each file in raw/ → extracted/<doc-id>/ (document.json, lines.jsonl, tables.json).

A document folder is keyed by a hash of the file's name and content, written to a temp folder
and renamed into place, so an unchanged file is never parsed twice and a killed run leaves no
half-written folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import vocabulary
from ..errors import MissingInput
from ..executor import each, usable_cpus
from ..model import ParseResult, Problem, Progress
from ..settings import SUPPORTED_SUFFIXES, LayoutSettings, Settings
from ..store import (
    clean_stale_temp,
    content_digest,
    replace_dir_atomic,
    sha256_file,
    write_json_atomic,
    write_jsonl_atomic,
)
from .split import JobQueue, Run, page_runs, run_key
from .text import UnreadableInput, parse_text

INDEX = "index.json"
# the vocabulary.toml sections read by parse/ and by the number reader it uses: an edit to any other
# section leaves parsed documents alone (tests/parse/test_vocabulary_sections.py finds every section read)
VOCABULARY_SECTIONS = ("column_kinds", "non_amount_columns", "text_tables", "totals", "units", "wrapped_labels")
PACKAGE = Path(__file__).resolve().parents[1]  # pipeline/


@lru_cache(maxsize=16)
def hash_sources(patterns: tuple[str, ...]) -> str:
    """Hash of the files matching glob patterns under pipeline/ (their names and bytes), once per process."""
    digest = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def combine(*parts: str) -> str:
    """One short fingerprint of several."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@lru_cache(maxsize=8)
def parser_fingerprint(layout: LayoutSettings, ocr: bool) -> str:
    """What shaped a parse: the parse code, the number reader, the model, the vocabulary sections parse
    reads (text tables and wrapped labels are read by their words), the layout settings and OCR on/off.

    Stored in document.json as `parser_version`; a folder made with another fingerprint is parsed again.
    """
    settings = json.dumps({"layout": asdict(layout), "ocr": ocr}, sort_keys=True)
    code = hash_sources(("parse/*.py", "numbers.py", "model.py", "vocabulary.py"))
    return combine(code, vocabulary.fingerprint(VOCABULARY_SECTIONS), settings)


def document_id(name: str, sha256: str) -> str:
    return hashlib.sha256(f"{name}\0{sha256}".encode()).hexdigest()[:16]


def list_inputs(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """Supported files and the others (hidden files and README.md are ignored)."""
    if not raw_dir.is_dir():
        raise MissingInput(raw_dir, "no such folder", "Put the plans (PDF or .txt) in it, or pass --raw.")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    supported = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
    unknown = [p for p in files if p.suffix.lower() not in SUPPORTED_SUFFIXES and p.name != "README.md"]
    return supported, unknown


def read_index(extracted_dir: Path) -> dict[str, dict]:
    path = extracted_dir / INDEX
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _parse_one(path: Path, settings: Settings,
               reads: list | None = None) -> tuple[list[dict], list[dict], dict, list[Problem]]:
    if reads is not None:  # a long PDF whose runs of pages workers read: finish it
        from .pdf import finish_pdf

        for read in reads:
            if isinstance(read, tuple):
                raise UnreadableInput(read[0], needs_ocr=read[1])
        parsed = finish_pdf(path.name, reads, settings.layout)
        return parsed.lines, parsed.tables, parsed.meta, list(parsed.problems)
    if path.suffix.lower() == ".pdf":
        from .pdf import parse_pdf  # pdfplumber is imported only when a PDF is met

        parsed = parse_pdf(path, path.name, settings.layout, ocr=settings.ocr)
        return parsed.lines, parsed.tables, parsed.meta, list(parsed.problems)
    parsed = parse_text(path, path.name)
    return parsed.lines, parsed.tables, {"pages": None}, list(parsed.problems)


def _write_document(path: Path, sha: str, folder: Path, settings: Settings, version: str,
                    reads: list | None = None) -> list[Problem]:
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{folder.name}-", dir=folder.parent))
    meta = {"document": path.name, "sha256": sha, "format": path.suffix.lower().lstrip("."),
            "source": str(path.resolve()), "parser_version": version, "bytes": path.stat().st_size}
    try:
        try:
            lines, tables, extra, problems = _parse_one(path, settings, reads)
            meta |= extra | {"status": "ok", "needs_ocr": bool(extra.get("page_sources", {}).get("needs-ocr"))}
        except UnreadableInput as exc:
            lines, tables, problems = [], [], [exc.problem]
            meta |= {"status": "needs-ocr" if exc.needs_ocr else "failed", "needs_ocr": exc.needs_ocr}
        meta["problems"] = [p.__dict__ for p in problems]
        meta["parse_digest"] = _digest(lines, tables, meta["status"])
        write_jsonl_atomic(tmp / "lines.jsonl", lines)
        write_json_atomic(tmp / "tables.json", tables)
        write_json_atomic(tmp / "document.json", meta)  # written last: its presence marks a complete folder
        replace_dir_atomic(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return problems


def _digest(lines: list[dict], tables: list[dict], status: str) -> str:
    """What this parse produced: the key later stages compare, so a document read anew with the same code
    and bytes (a scan OCR'd once tesseract is installed) still reaches extract and the warehouse."""
    return content_digest([status, lines, tables])


def _parse_all(todo: list[tuple[Path, str, Path]], settings: Settings, version: str,
               progress: Progress) -> Iterator[tuple[Path, list[Problem]]]:
    """Parse in workers when there is more than one job (reading a PDF is CPU-bound; a .txt is not): a
    document each, or a long PDF's pages in runs and then its finishing job (parse/split.py); each run
    read is a step of the progress bar too, so a single long PDF's bar moves. A crash in a worker stops
    the stage here as it would have in this process."""
    documents = {str(path): (path, sha, folder) for path, sha, folder in todo}
    pages = _page_counts(todo, settings)
    runs = page_runs(pages, settings.workers or usable_cpus(), settings.parse_jobs_per_worker,
                     settings.min_pages_per_job)
    progress.more(sum(len(found) for found in runs.values()))
    reads: dict[str, dict[int, object]] = {}
    jobs = [job for key in documents for job in _jobs(key, documents[key], runs, settings, version)]
    queue = JobQueue(sorted(jobs, key=lambda job: -_job_pages(job[1], documents, pages)))  # longest first
    pool = sum(len(runs.get(path, [()])) for path, _, _ in todo if path.suffix.lower() == ".pdf") > 1
    for outcome in each(_do_job, queue, settings, pool):
        kind, key, value = outcome.result()
        path, sha, folder = documents[key]
        if kind == "write":
            yield path, value
            continue
        index, read = value  # a run of pages is read: the document is finished once all its runs are
        progress.advance(run_key(path.name, runs[path][index]))
        reads.setdefault(key, {})[index] = read
        if len(reads[key]) == len(runs[path]):
            found = reads.pop(key)
            done = [found[i] for i in range(len(found))]  # in page order, whatever order they came in
            queue.put_first((key, ("write", key, path.resolve(), sha, folder.resolve(), settings, version, done)))


def _page_counts(todo: list[tuple[Path, str, Path]], settings: Settings) -> dict[Path, int]:
    """Each PDF's pages, when workers share the PDFs: to split a long one into runs of pages, and to hand
    out the longest jobs first, so no worker starts a long document while the others run out of work
    (none when everything runs in this process, where order changes nothing)."""
    pdfs = [path for path, _, _ in todo if path.suffix.lower() == ".pdf"]
    if settings.workers == 1 or not pdfs or settings.layout.pdf_reader != "pdfium":
        return {}  # pdfplumber's pages carry the whole document's doctop: it reads a PDF whole
    from .pdf import count_pages

    return {path: count_pages(path) for path in pdfs}


def _job_pages(args: tuple, documents: dict[str, tuple[Path, str, Path]], pages: dict[Path, int]) -> int:
    """The pages a job reads: its run's, or its whole PDF's (0 for a .txt, read in a moment)."""
    kind, key = args[:2]
    if kind == "read":
        first, last = args[-1]
        return last - first + 1
    return pages.get(documents[key][0], 0)


def _jobs(key: str, document: tuple[Path, str, Path], runs: dict[Path, list[Run]], settings: Settings,
          version: str) -> list[tuple[str, tuple]]:
    path, sha, folder = document
    if path not in runs:
        return [(key, ("write", key, path.resolve(), sha, folder.resolve(), settings, version, None))]
    return [(run_key(key, run), ("read", key, path.resolve(), settings, index, run))
            for index, run in enumerate(runs[path])]


def _do_job(kind: str, key: str, *args: Any) -> tuple[str, str, Any]:
    """One job, in a worker: ("read", key, path, settings, index, run) reads a run of a PDF's pages;
    ("write", key, path, sha, folder, settings, version, reads) parses a document (or finishes it from
    its runs' reads) and writes its folder."""
    if kind == "read":
        path, settings, index, (first, last) = args
        return kind, key, (index, _read_run(path, settings, first, last))
    return kind, key, _write_document(*args)


def _read_run(path: Path, settings: Settings, first: int, last: int) -> Any:
    """The run's PageRead; or, when the PDF cannot be opened, the Problem (and whether OCR would read it)
    for the finishing job to report as reading the document whole does."""
    from .pdf import read_pages

    try:
        return read_pages(path, path.name, settings.layout, settings.ocr, first, last)
    except UnreadableInput as exc:
        return exc.problem, exc.needs_ocr


def _is_current(folder: Path, sha: str, version: str) -> bool:
    meta_path = folder / "document.json"
    if not meta_path.exists():
        return False
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    # pages left unread for want of OCR are tried again, so installing tesseract is all it takes
    return meta.get("sha256") == sha and meta.get("parser_version") == version and not meta.get("needs_ocr")


def parse(raw_dir: Path, extracted_dir: Path, settings: Settings | None = None,
          progress: Progress | None = None) -> ParseResult:
    """Parse every plan in raw_dir into extracted_dir; unchanged files are skipped."""
    started = time.perf_counter()
    settings = settings or Settings()
    progress = progress or Progress()
    extracted_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temp(extracted_dir)
    inputs, unknown = list_inputs(raw_dir)
    if not inputs:  # parse would drop every document finsam has read: say so rather than empty the warehouse
        raise MissingInput(raw_dir, f"holds no plans ({', '.join(SUPPORTED_SUFFIXES)})",
                           "Put the plans in it, or pass --raw with the folder that holds them.")
    problems = [Problem(p.name, f"'{p.suffix or p.name}' is not a plan format finsam reads",
                        "Convert it to PDF or UTF-8 .txt, or move it out of raw/; it was skipped.")
                for p in unknown] + _subfolders(raw_dir)
    index, processed, unchanged, failed = {}, [], [], []
    todo: list[tuple[Path, str, Path]] = []
    version = parser_fingerprint(settings.layout, settings.ocr)
    progress.start("parse", len(inputs))
    for path in inputs:
        sha = sha256_file(path)
        doc_id = document_id(path.name, sha)
        folder = extracted_dir / doc_id
        index[path.name] = {"id": doc_id, "sha256": sha}
        if _is_current(folder, sha, version):
            stored = _stored_problems(folder)
            problems += stored
            (failed if any(p.severity == "error" for p in stored) else unchanged).append(path.name)
            progress.advance(path.name)
        else:
            todo.append((path, sha, folder))
    problems += _duplicates(index)
    for path, found in _parse_all(todo, settings, version, progress):
        problems += found
        (failed if any(p.severity == "error" for p in found) else processed).append(path.name)
        progress.advance(path.name)
    _prune(extracted_dir, {entry["id"] for entry in index.values()})
    if index != read_index(extracted_dir):
        write_json_atomic(extracted_dir / INDEX, index)
    return ParseResult(processed=tuple(sorted(processed)), unchanged=tuple(unchanged), failed=tuple(sorted(failed)),
                       problems=tuple(problems), seconds=time.perf_counter() - started,
                       skipped_unknown=tuple(p.name for p in unknown))


def _subfolders(raw_dir: Path) -> list[Problem]:
    """finsam reads the files directly in raw/; a subfolder is said, not silently passed over."""
    return [Problem(f"{child.name}/", "a subfolder of raw/: finsam reads only the files directly in raw/",
                    f"Move its plans up into raw/, or run finsam on it alone with --raw {child}.")
            for child in sorted(raw_dir.iterdir()) if child.is_dir() and not child.name.startswith(".")]


def _duplicates(index: dict[str, dict]) -> list[Problem]:
    """The same bytes under a second name are read twice: say which file is a copy of which (the first
    name in sort order is the original; load's pipeline/copies.py keeps the copy out of sums)."""
    first: dict[str, str] = {}
    out = []
    for name in sorted(index):
        primary = first.setdefault(index[name]["sha256"], name)
        if primary != name:
            out.append(Problem(name, f"the same file as {primary}", "Both are read; load marks this one "
                               "copy_of in documents and keeps it out of primary_budget_lines. Remove it from "
                               "raw/ if it is there by mistake."))
    return out


def _stored_problems(folder: Path) -> list[Problem]:
    meta = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    return [Problem(**p) for p in meta.get("problems", [])]


def _prune(extracted_dir: Path, keep: set[str]) -> None:
    """Folders of files no longer in raw/ are stale; remove them."""
    for child in extracted_dir.iterdir():
        if child.is_dir() and not child.name.startswith(".") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
