"""The report's pages: reports/index.html and one page per förbund, reports/forbund/<slug>.html.

A förbund is the name its plans give (a plan naming none stands alone under its file name); a copy of a
plan (the same plan in another format) goes with its primary. Each page has a fingerprint of every row
it shows and of the code and word lists that shape it, so a run rewrites only the pages whose
fingerprint changed (pages.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..parse import combine, hash_sources
from ..vocabulary import fingerprint as vocabulary_fingerprint
from ..vocabulary import fold
from .data import ReportData
from .words import short_name

FORBUND_DIR = "forbund"
# what shapes a page besides its rows: the report's code, the checks' categories and rules it computes
# ratios with, the number formats and the vocabulary reader
_SOURCES = ("report/*.py", "check/categories.py", "check/rules.py", "check/shares.py", "numbers.py",
            "vocabulary.py", "extract/coverage.py")
_SLUG_LENGTH = 60


@dataclass(frozen=True)
class Forbund:
    name: str                    # as the plans print it (or the file name of a plan that names none)
    slug: str
    docs: tuple[dict, ...]       # every document of it, copies too
    primary: tuple[dict, ...]    # its primary documents, by plan year
    plans: tuple[dict, ...]      # the primary ones that were read, by plan year

    @property
    def page(self) -> str:
        """The page's path under reports/ (also its link from the index)."""
        return f"{FORBUND_DIR}/{self.slug}.html"

    @property
    def latest(self) -> dict | None:
        """The plan the index compares: the newest one read."""
        return self.plans[-1] if self.plans else None


def group_forbund(data: ReportData) -> list[Forbund]:
    """The förbund of the warehouse, by name."""
    names = {d["document"]: d["forbund"] or d["document"] for d in data.docs}
    groups: dict[str, list[dict]] = {}
    for d in data.docs:
        name = names.get(d.get("copy_of") or "", names[d["document"]])
        groups.setdefault(name, []).append(d)
    addresses = slugs(list(groups))
    used = {d["document"] for d in data.used}
    out = []
    for name, docs in sorted(groups.items(), key=lambda kv: kv[0].casefold()):
        primary = sorted((d for d in docs if d.get("is_primary") is not False), key=_by_year)
        out.append(Forbund(name, addresses[name], tuple(docs), tuple(primary),
                           tuple(d for d in primary if d["document"] in used)))
    return out


def _by_year(doc: dict) -> tuple:
    return doc["plan_year"] or 0, doc["document"]


def slugs(names: list[str]) -> dict[str, str]:
    """'Samordningsförbundet i Sollefteå' → 'solleftea'; names that would share a slug each get a hash of
    the name after it, so two förbund never write one page."""
    plain = {n: re.sub(r"[^a-z0-9]+", "-", fold(short_name(n)).lower()).strip("-")[:_SLUG_LENGTH] for n in names}
    taken: dict[str, int] = {}
    for slug in plain.values():
        taken[slug] = taken.get(slug, 0) + 1
    return {n: s if s and taken[s] == 1 else f"{s or 'forbund'}-{hashlib.sha1(n.encode()).hexdigest()[:8]}"
            for n, s in plain.items()}


def code_fingerprint(*settings: object) -> str:
    """The report's code, the vocabulary and the settings that shape its pages."""
    return combine(hash_sources(_SOURCES), vocabulary_fingerprint(), *map(repr, settings))


def forbund_fingerprint(forbund: Forbund, rows: dict[str, tuple], hrefs: dict[str, str], code: str) -> str:
    """Every row the förbund's page shows (`rows`: data.row_fingerprints; its documents' own rows here,
    not the run that loaded them), its source links and the code."""
    digest = hashlib.blake2b(code.encode(), digest_size=16)
    for doc in forbund.docs:
        name = doc["document"]
        shown = {k: v for k, v in doc.items() if k != "run_id"}
        digest.update(repr((shown, hrefs.get(name), _source_state(doc), rows.get(name))).encode())
    return digest.hexdigest()


def _source_state(doc: dict) -> tuple | None:
    """Size and time of the source file the evidence crops are cut from (None when it is gone)."""
    path = Path(doc["source_path"]) if doc.get("source_path") else None
    try:
        stat = path.stat() if path else None
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns) if stat else None


def index_fingerprint(pages: dict[str, str], run: tuple, code: str) -> str:
    """The index shows the run and a line or more of every förbund: it changes when any of them does."""
    return combine(code, repr(run), *(f"{page}={fp}" for page, fp in sorted(pages.items())))
