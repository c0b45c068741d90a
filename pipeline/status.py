"""`finsam status`: the warehouse's documents, those not fully read, and the inputs that changed since the
last load."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .copies import Copy, stored_copies
from .extract.coverage import DocumentRead, summarize
from .load import connect, fetch_dicts
from .model import Problem
from .parse import list_inputs
from .settings import LayoutSettings
from .store import sha256_file


@dataclass(frozen=True)
class Status:
    documents: tuple[tuple[str, str, int | None, int, str], ...]
    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    last_run: str | None
    not_fully_read: tuple[DocumentRead, ...] = ()
    copies: tuple[Copy, ...] = ()  # documents kept out of primary_budget_lines

    def asdict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        out = [f"Last run: {self.last_run or 'none'}", f"{len(self.documents)} documents in the warehouse:"]
        out += [f"  {doc:<36} {status:<9} {forbund or '?'} {year or ''} ({lines} budget lines)"
                for doc, forbund, year, lines, status in self.documents]
        if self.not_fully_read:
            out.append("Not fully read:")
            out += [f"  {read}" for read in self.not_fully_read]
        if self.copies:
            out.append("Copies, kept out of primary_budget_lines (the primary's lines are counted):")
            out += [f"  {c.document}: {c.reason}; {c.primary} is primary" for c in self.copies]
        for label, names in (("new in raw/", self.new), ("changed in raw/", self.changed),
                             ("gone from raw/", self.removed)):
            if names:
                out.append(f"{label}: {', '.join(names)}")
        if not (self.new or self.changed or self.removed):
            out.append("raw/ matches the warehouse: `finsam run` has nothing to do.")
        else:
            out.append("Run `finsam run` to bring the warehouse up to date.")
        return "\n".join(out)


# d.* rather than named columns: a warehouse loaded before read_status/warnings existed still shows
_READS = ("SELECT d.*, (SELECT count(*) FROM budget_lines b WHERE b.document = d.document) AS lines, "
          "(SELECT count(DISTINCT table_no) FROM budget_lines b WHERE b.document = d.document) AS tables "
          "FROM documents d WHERE d.status <> 'ok' ORDER BY d.document")


def _not_fully_read(con) -> tuple[DocumentRead, ...]:
    """Documents whose status is not ok, each with its counts and the places its warnings name."""
    reads = []
    for row in fetch_dicts(con, _READS):
        problems = [Problem(**p) for column in ("problems", "warnings") for p in json.loads(row.get(column) or "[]")]
        reads.append(summarize(row["document"], row["status"], row["lines"], row["tables"], problems))
    return tuple(reads)


def _ocr_ready() -> bool:
    from .parse.ocr_engine import OcrUnavailable, check_languages

    layout = LayoutSettings()
    try:
        check_languages(layout.ocr_language, layout.ocr_symbol_language)
    except OcrUnavailable:
        return False
    return True


def find_status(raw_dir: Path, extracted_dir: Path, warehouse: Path) -> Status:
    inputs, _ = list_inputs(raw_dir)
    stored: dict[str, str] = {}
    docs: list = []
    reads: tuple[DocumentRead, ...] = ()
    copies: tuple[Copy, ...] = ()
    last = None
    if warehouse.exists():
        con = connect(warehouse, read_only=True)
        try:
            docs = con.execute(
                "SELECT d.document, d.forbund, d.plan_year, count(b.document), d.status FROM documents d "
                "LEFT JOIN budget_lines b USING (document) GROUP BY ALL ORDER BY d.document").fetchall()
            stored = dict(con.execute("SELECT document, sha256 FROM documents").fetchall())
            reads = _not_fully_read(con)
            copies = stored_copies(con)
            row = con.execute("SELECT max(run_id) FROM runs").fetchone()
            last = row[0] if row else None
        finally:
            con.close()
    shas = {p.name: sha256_file(p) for p in inputs}
    # a scan left unread for want of OCR is work for the next run once tesseract is there
    waiting = {d[0] for d in docs if d[4] == "needs-ocr"}
    waiting = waiting if waiting and _ocr_ready() else set()  # asks tesseract only when a scan waits
    return Status(tuple(docs), tuple(n for n in shas if n not in stored),
                  tuple(n for n, s in shas.items() if n in stored and (stored[n] != s or n in waiting)),
                  tuple(n for n in stored if n not in shas), last, reads, copies)
