"""Records shared by the stages. Layout objects (lines, cells) stay plain dicts; what a stage
returns is a frozen dataclass that prints well and has asdict()."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class CheckResult(StageResult):
    stage: str = "check"
    findings: int = 0
    errors: int = 0


@dataclass(frozen=True)
class ReportResult(StageResult):
    stage: str = "report"
    files: tuple[str, ...] = ()


def cell(text: str, page: int | None, bbox: tuple[float, float, float, float] | None = None,
         line: int | None = None) -> dict:
    """A table cell with its provenance (page + bbox for PDFs, line for text plans)."""
    return {"text": text, "page": page, "bbox": list(bbox) if bbox else None, "line": line}


class Progress:
    """Progress hook the library calls; the CLI passes one that draws a bar. Does nothing here."""

    def start(self, stage: str, total: int) -> None:  # noqa: B027 - a no-op hook by design
        pass

    def advance(self, item: str) -> None:  # noqa: B027
        pass
