"""Records shared by the stages. What passes between parse and extract (words, lines, cells, tables,
budget lines) is typed here as TypedDicts, so it stays plain JSON on disk; what a stage returns is a
frozen dataclass that prints well and has asdict()."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from .copies import Copy
    from .extract.coverage import DocumentRead

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: which file, which rule it broke, and how to fix it."""

    document: str
    rule: str
    fix: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        return f"{self.document}: {self.rule}. {self.fix}"

    @classmethod
    def from_failure(cls, document: str, stage: str, exc: BaseException, fix: str) -> Problem:
        """A document a stage could not finish: a FinsamError (a limit it broke) with its own rule and
        fix; any other exception named, with ``fix`` (what the user can do about a bug or damage)."""
        from .errors import FinsamError

        if isinstance(exc, FinsamError):
            return cls(document, exc.rule, exc.fix, "error")
        return cls(document, f"{stage} failed ({type(exc).__name__}: {str(exc)[:200]})", fix, "error")


@dataclass(frozen=True)
class StageResult:
    """Base for every stage's result."""

    stage: str = ""
    processed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0

    @property
    def did_work(self) -> bool:
        return bool(self.processed)

    def asdict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        parts = [f"{len(self.processed)} processed", f"{len(self.unchanged)} unchanged"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.problems:
            parts.append(f"{len(self.problems)} warnings")
        return f"{self.stage}: " + ", ".join(parts) + f" ({self.seconds:.2f}s)"

    def __str__(self) -> str:
        return "\n".join([self.summary(), *(f"  ! {p}" for p in self.problems)])


@dataclass(frozen=True)
class ParseResult(StageResult):
    stage: str = "parse"
    skipped_unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractResult(StageResult):
    stage: str = "extract"
    budget_lines: int = 0
    goals: int = 0
    percentages: int = 0
    documents: tuple[DocumentRead, ...] = ()  # every document's read status, this run's and earlier ones'


@dataclass(frozen=True)
class LoadResult(StageResult):
    stage: str = "load"
    run_id: str | None = None
    removed: tuple[str, ...] = ()
    rows: dict = field(default_factory=dict)
    copies: tuple[Copy, ...] = ()  # documents kept out of primary_budget_lines, each with its primary

    def summary(self) -> str:
        """The counts, then one line per copy: a copy is no problem, but a sum across documents should know."""
        return "\n".join([super().summary(), *(f"  copy: {c}" for c in self.copies)])


@dataclass(frozen=True)
class CheckResult(StageResult):
    stage: str = "check"
    findings: int = 0
    errors: int = 0


@dataclass(frozen=True)
class ReportResult(StageResult):
    stage: str = "report"
    files: tuple[str, ...] = ()    # every page of the report as it now stands
    removed: tuple[str, ...] = ()  # pages of förbund no longer in the warehouse, deleted


class Word(TypedDict):
    """A word on a page with its box in PDF points (pdfplumber's shape; OCR words too)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class Line(TypedDict, total=False):
    """Words sharing a baseline, read left to right; tables.py adds its cells and marks."""

    words: list[Word]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    middle: float
    cells: list[Word]          # runs of words split at gaps and column edges (a Word-shaped segment)
    has_values: bool
    table: bool


class Cell(TypedDict):
    """A table cell with its provenance: page and bbox for PDFs, line for text files."""

    text: str
    page: int | None
    bbox: list[float] | None
    line: int | None


class Table(TypedDict, total=False):
    """Rows of cells, the first cell of each row its label; what parse hands extract."""

    table: int
    page: int | None
    title: str | None
    notes: list[str]           # prose lines around the table, where a unit may be stated
    rows: list[list[Cell]]
    continued_on: list[int]
    readings: list[dict]       # text tables: which split of a row's digits won, and why


class BudgetLine(TypedDict):
    """One amount of a budget table: label × column (kind, year) in whole kronor, with provenance."""

    document: str
    table_no: int
    row_no: int
    col_no: int
    label: str
    section: str | None
    year: int
    column_kind: str           # budget | utfall | prognos | avvikelse
    column_header: str
    amount_sek: int
    amount_text: str
    unit_factor: int | None
    unit: str | None
    is_total: bool
    footnote: str | None
    page: int | None
    line: int | None
    bbox: list[float] | None
    label_page: int | None
    label_bbox: list[float] | None


def cell(text: str, page: int | None, bbox: tuple[float, float, float, float] | None = None,
         line: int | None = None) -> Cell:
    """A table cell with its provenance (page + bbox for PDFs, line for text plans)."""
    return {"text": text, "page": page, "bbox": list(bbox) if bbox else None, "line": line}


class Progress:
    """Progress hook the library calls; the CLI passes one that draws a bar. Does nothing here."""

    def start(self, stage: str, total: int) -> None:  # noqa: B027 - a no-op hook by design
        pass

    def advance(self, item: str) -> None:  # noqa: B027
        pass

    def more(self, count: int) -> None:  # noqa: B027
        """The stage found `count` steps more than it started with (a long PDF's runs of pages)."""
