"""`finsam status`: the warehouse's documents and the inputs that changed since the last load."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .load import connect
from .parse import list_inputs
from .store import sha256_file


@dataclass(frozen=True)
class Status:
    documents: tuple[tuple[str, str, int | None, int, str], ...]
    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    last_run: str | None

    def asdict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        out = [f"Last run: {self.last_run or 'none'}", f"{len(self.documents)} documents in the warehouse:"]
        out += [f"  {doc:<36} {status:<7} {forbund or '?'} {year or ''} ({lines} budget lines)"
                for doc, forbund, year, lines, status in self.documents]
        for label, names in (("new in raw/", self.new), ("changed in raw/", self.changed),
                             ("gone from raw/", self.removed)):
            if names:
                out.append(f"{label}: {', '.join(names)}")
        if not (self.new or self.changed or self.removed):
            out.append("raw/ matches the warehouse: `finsam run` has nothing to do.")
        else:
            out.append("Run `finsam run` to bring the warehouse up to date.")
        return "\n".join(out)


def find_status(raw_dir: Path, extracted_dir: Path, warehouse: Path) -> Status:
    inputs, _ = list_inputs(raw_dir)
    stored: dict[str, str] = {}
    docs: list = []
    last = None
    if warehouse.exists():
        con = connect(warehouse, read_only=True)
        try:
            docs = con.execute(
                "SELECT d.document, d.forbund, d.plan_year, count(b.document), d.status FROM documents d "
                "LEFT JOIN budget_lines b USING (document) GROUP BY ALL ORDER BY d.document").fetchall()
            stored = dict(con.execute("SELECT document, sha256 FROM documents").fetchall())
            row = con.execute("SELECT max(run_id) FROM runs").fetchone()
            last = row[0] if row else None
        finally:
            con.close()
    shas = {p.name: sha256_file(p) for p in inputs}
    return Status(tuple(docs), tuple(n for n in shas if n not in stored),
                  tuple(n for n, s in shas.items() if n in stored and stored[n] != s),
                  tuple(n for n in stored if n not in shas), last)
