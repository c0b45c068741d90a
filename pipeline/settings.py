"""One validated settings object with named defaults (in the spirit of pdfplumber's TableSettings)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_EXTRACTED = Path("extracted")
DEFAULT_WAREHOUSE = Path("warehouse.duckdb")
DEFAULT_REPORTS = Path("reports")

SUPPORTED_SUFFIXES = (".pdf", ".txt")
EXECUTORS = ("local", "dask")
# checking one document takes milliseconds: below this many, handing documents to workers costs more
# than it saves (measured in benchmarks/workers.py), so check runs them here
CHECK_POOL_MIN_DOCUMENTS = 50


@dataclass(frozen=True)
class OcrSettings:
    """How scanned and photographed pages are cleaned and read (pixels are at LayoutSettings.ocr_dpi)."""

    psm: int = 6                        # tesseract page segmentation: one uniform block of text
    no_invert: bool = True              # skip tesseract's re-read of unsure lines as white-on-black text
    symbol_numbers_only: bool = True    # the second (symbol) pass reads only the numbers the first found
    word_pad: int = 8                   # pixels added around such a number before it is read again
    group_gap: float = 1.0              # digit groups closer than this many text heights are one number
    sign_max_chars: int = 2             # a word this short right after a number may be a misread sign
    dash_gap: float = 1.0               # a lone dash with words this many text heights either side joins them
                                        # ("2024 - 2026"); one standing apart is speckle or a rule stub
    bullet_size: float = 0.6            # a line's first mark at most this share of its text height ...
    bullet_lift: float = 0.15           # ... ending this share above its baseline is a bullet, not a letter
    running_similarity: float = 0.6     # a scanned page's margin line this alike (difflib ratio) to one at
                                        # the same place on other pages is a running header read differently
    sign_reach: float = 1.0             # the box reaches this many text heights into the white beside it
    context_reach: float = 4.0          # ... and is read with this many text heights of its line either side
    box_slack: float = 0.25             # a second reading may run this many text heights out of its box
    line_level: float = 0.25            # words of a line whose middles differ by less than this many text
                                        # heights get one top (OCR ink boxes differ glyph to glyph)
    stack_gap: int = 24                 # white pixels between the numbers stacked into one image
    quad_work_width: int = 500          # pixels wide the page-outline search works at
    quad_min_share: float = 0.3         # a photographed sheet fills at least this share of the frame ...
    quad_max_share: float = 0.95        # ... and leaves background around it (a scan is paper to its edges)
    quad_epsilon: float = 0.02          # outline simplification, share of its perimeter
    background_window: float = 0.03     # share of the page width over which paper brightness is estimated
    binarise: str = "soft"             # "soft": paper to white, ink kept grey; "hard": black and white; "": off
    paper_share: float = 1.0            # soft: pixels lighter than this share of Otsu's threshold are paper
    skew_work_width: int = 800          # pixels wide the skew search works at
    skew_limit: float = 4.0             # degrees either way a page may be fed crooked
    skew_coarse_step: float = 0.25
    skew_fine_step: float = 0.05
    rule_min_pixels: int = 40           # a table rule is an ink run at least this long ...
    rule_page_share: int = 12           # ... and at least the page width divided by this
    rule_window: int = 31               # pixels: the neighbourhood a rule's ink is told from paper in ...
    rule_contrast: int = 12             # ... by being this many grey levels darker than its mean
    rule_slack: int = 2                 # pixels cleared either side of a rule (scanned rules are ragged)

    def __post_init__(self) -> None:
        for name in ("quad_work_width", "skew_work_width", "skew_limit", "skew_coarse_step", "skew_fine_step",
                     "rule_min_pixels", "rule_page_share", "background_window"):
            if getattr(self, name) <= 0:
                raise ValueError(f"OcrSettings.{name} must be positive, got {getattr(self, name)!r}")
        if not 0 < self.quad_min_share < self.quad_max_share <= 1:
            raise ValueError("OcrSettings needs 0 < quad_min_share < quad_max_share <= 1")


PDF_READERS = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class LayoutSettings:
    """Tolerances for turning PDF words into lines, cells and tables (PDF points)."""

    line_tolerance: float = 3.0        # words whose vertical centres differ less share a line
    word_gap: float = 1.5              # characters closer than this belong to one word
    row_overlap: float = 0.4           # a line of amounts and a label line whose boxes overlap by this share
                                       # of a line's height are one row (baselines a few points apart)
    cell_gap: float = 9.0              # a horizontal gap wider than this starts a new cell
    number_gap: float = 4.5            # "1 416 000": digit groups closer than this stay one number
    row_pitch_slack: float = 1.3       # a row beside a ruled/filled area joins it within this many row pitches
    rule_stack_gap: float = 40.0       # horizontal rules closer than this (~3 text lines) frame one table ...
    ruled_min_height: float = 8.0      # ... that is taller than this (a double underline is no table)
    grid_break: float = 1.5            # a rule of another width this many rule steps below a grid starts a table
    grid_gap: float = 0.5              # ... as does white space this share of a rule step between two rules
    label_indent: float = 40.0         # a line starting this far right of the table's left edge has no label
    short_line: int = 70               # characters: a heading, wrapped label or header line is no longer
    header_pull_gap: float = 1.2       # header lines above a table stand within this many line heights
    year_header_pull_gap: float = 2.0  # ... a line of year headers over the value columns within this many
    edge_tolerance: float = 4.0        # a column edge may wander this much between pages ...
    scanned_edge_tolerance: float = 10.0  # ... or this much between scanned pages
    header_edge_slack: float = 25.0    # a header alone at a page foot: its year cells' centres may be this far off
    gutter_width: float = 14.0         # the narrowest white space between two columns of a page
    leader_min_run: int = 3            # '.', '…', '·' or '_' drawn this many times in a row is a dot leader ...
    leader_gap: float = 4.0            # ... when each stands no further than this right of the one before
    value_stretch: float = 3.0         # an amount this many times wider than its characters need bridges columns
    sheet_seam_gap: float = 20.0       # white space set between a wide sheet's page and the page carrying its
                                       # further columns when they are read side by side
    sheet_min_rows: int = 2            # amount lines a page without labels needs to be read as such a page
    broken_word_reach: float = 0.7     # a word broken by its cell's edge ends within this many line heights
                                       # of the widest label (one character) ...
    broken_words_min: int = 2          # ... and a table shows this many such lines before pieces are joined
    header_margin: float = 0.08        # top and bottom share of the page searched for running headers
    ocr_min_chars: int = 20            # a page with fewer text characters is treated as scanned ...
    ocr_min_vector_paths: int = 200    # ... when it has an image or at least this many curves and lines
                                       # (glyphs drawn as outlines, as "Microsoft: Print To PDF" does)
    pdf_reader: str = "pdfium"         # how a PDF's pages are read: "pdfium" (fast, in C) or "pdfplumber"
                                       # (pdfminer in Python); both give pdfplumber's characters and edges
    ocr_dpi: int = 300
    ocr_language: str = "swe"          # tesseract language for words
    ocr_symbol_language: str = "swe+eng"  # second pass for digits, %, * and §; "" reads each page once
    ocr: OcrSettings = field(default_factory=OcrSettings)

    def __post_init__(self) -> None:
        for name in ("line_tolerance", "word_gap", "row_overlap", "cell_gap", "number_gap", "row_pitch_slack",
                     "rule_stack_gap",
                     "grid_break", "grid_gap", "label_indent", "short_line", "header_pull_gap", "year_header_pull_gap",
                     "edge_tolerance",
                     "scanned_edge_tolerance", "gutter_width", "leader_min_run", "leader_gap", "broken_word_reach",
                     "broken_words_min", "value_stretch", "sheet_seam_gap", "sheet_min_rows", "ocr_dpi",
                     "ocr_min_vector_paths"):
            if getattr(self, name) <= 0:
                raise ValueError(f"LayoutSettings.{name} must be positive, got {getattr(self, name)!r}")
        if not 0 <= self.header_margin < 0.5:
            raise ValueError(f"LayoutSettings.header_margin must be in [0, 0.5), got {self.header_margin!r}")
        if self.pdf_reader not in PDF_READERS:
            raise ValueError(f"LayoutSettings.pdf_reader must be one of {', '.join(PDF_READERS)}, "
                             f"got {self.pdf_reader!r}")


@dataclass(frozen=True)
class CheckSettings:
    """Finsam rules and tolerances used by `finsam check` (documented in docs/checks.md)."""

    rounding_sek: int = 1                   # a total off by at most this is rounding, not an error
    rounding_per_item_sek: float = 0.5      # ... or by half a krona per summed item (shown rounded)
    tkr_rounding_units: float = 0.5         # in tkr tables each item may hide half a unit
    # ... but n independent roundings rarely add up to n halves: a difference that rounding
    # produces with less than this probability is an error even within the worst case
    rounding_improbability: float = 1e-6
    percent_rounding: float = 0.05          # a share shown to one decimal
    ocr_unsure_confidence: float = 70.0     # an OCR'd amount read with less confidence (0-100) cannot carry an error
    share_moves: int = 2                    # lines the plan may group differently from vocabulary.toml [categories]
    share_search_limit: int = 50_000        # groupings tried at most per stated split; past it: cannot tell
    # the report gives a ratio only while the cost lines no category claims could move it less than this
    # (a share: 0.01 = one percentage point, below the report's one decimal of rounding judgement)
    ratio_ambiguity: float = 0.01
    # Nationella rådet's equity recommendation as stated in the Höglandet plan:
    # 20 % of the yearly member contribution up to 7 Mkr, 15 % between 7 and 15 Mkr, 10 % above.
    equity_steps: tuple[tuple[float, float], ...] = ((7_000_000, 0.20), (15_000_000, 0.15), (float("inf"), 0.10))

    def __post_init__(self) -> None:
        if self.rounding_sek < 0 or self.percent_rounding < 0:
            raise ValueError("CheckSettings tolerances must not be negative")
        if not 0 < self.rounding_improbability < 1:
            raise ValueError(f"CheckSettings.rounding_improbability must be in (0, 1), "
                             f"got {self.rounding_improbability!r}")
        bounds = [b for b, _ in self.equity_steps]
        if bounds != sorted(bounds):
            raise ValueError(f"CheckSettings.equity_steps must be ordered by bound, got {self.equity_steps!r}")


@dataclass(frozen=True)
class ReportSettings:
    """How much of a thousand plans one page of the report shows (issue 17: readable at any size)."""

    page_rows: int = 50        # rows a ranked table shows at once; the rest by its pager (plain script)
    chart_rows: int = 20       # bars a chart draws at most: the largest and smallest half each, and the median
    top_findings: int = 25     # findings the index lists; every finding stands on its förbund's page
    # evidence crops missing from the store are drawn in the run's workers (executor) from this many up;
    # fewer are drawn as their pages are written (a pool's start would cost more than it saves)
    crop_pool_min: int = 20

    def __post_init__(self) -> None:
        for name in ("page_rows", "chart_rows", "top_findings", "crop_pool_min"):
            if getattr(self, name) < 1:
                raise ValueError(f"ReportSettings.{name} must be at least 1, got {getattr(self, name)!r}")


@dataclass(frozen=True)
class Settings:
    raw_dir: Path = DEFAULT_RAW
    extracted_dir: Path = DEFAULT_EXTRACTED
    warehouse: Path = DEFAULT_WAREHOUSE
    reports_dir: Path = DEFAULT_REPORTS
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    ocr: bool = True
    workers: int = 0  # processes reading documents at once; 0 = one per usable CPU, 1 = no extra processes
    executor: str = "local"  # where they run: "local" (this machine's processes) or "dask" (see executor.py)
    scheduler: str | None = None  # executor "dask": the scheduler's address; None = a LocalCluster here
    check_pool_min_documents: int = CHECK_POOL_MIN_DOCUMENTS
    # a PDF longer than its share of parse's work is read in runs of pages by several workers (parse/
    # split.py): a job is all the pages over the workers in about this many jobs each, and no shorter
    # than min_pages_per_job (each run opens the PDF again)
    parse_jobs_per_worker: int = 4
    min_pages_per_job: int = 12
    document_seconds: float = 600.0  # one document's extract or check; past it: failed, the run goes on
    # load inserts rows in batches of about this many (over documents): few calls into DuckDB, and memory
    # bounded by the batch, not by the corpus
    load_batch_rows: int = 20_000

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError(f"workers must be 0 (one per CPU) or more, not {self.workers}")
        if self.load_batch_rows < 1:
            raise ValueError(f"load_batch_rows must be 1 or more, not {self.load_batch_rows}")
        if self.executor not in EXECUTORS:
            raise ValueError(f"executor must be 'local' (this machine's processes) or 'dask' (a Dask cluster), "
                             f"not {self.executor!r}")
        if self.scheduler is not None and (self.executor != "dask" or not self.scheduler.strip()):
            raise ValueError(f"a scheduler address ({self.scheduler!r}) needs executor 'dask' and is "
                             "'tcp://host:8786' or 'host:8786'; leave it out to run on this machine")
        for name in ("parse_jobs_per_worker", "min_pages_per_job"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be 1 or more, not {getattr(self, name)}")
        if self.check_pool_min_documents < 1:
            raise ValueError(f"check_pool_min_documents must be 1 or more, not {self.check_pool_min_documents}")
        if self.document_seconds < 0:
            raise ValueError(f"document_seconds must be 0 (no limit) or more, not {self.document_seconds}")
        for name in ("raw_dir", "extracted_dir", "warehouse", "reports_dir"):
            value = getattr(self, name)
            if not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))

    def with_paths(self, **paths: Path | str | None) -> Settings:
        return replace(self, **{k: Path(v) for k, v in paths.items() if v is not None})

    def asdict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
