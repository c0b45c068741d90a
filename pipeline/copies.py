"""Which loaded documents are copies of another, so a sum across documents counts each plan once.

Two kinds of copy: the same bytes under two names (same sha256), and the same plan in two formats
(the förbund's PDF and a .txt made from it): the same förbund and plan year and nearly the same
budget lines. Each group of copies has one primary; the others get `copy_of` = the primary's name and
stay out of the `primary_budget_lines` view. Load calls mark_copies() after every document is in,
inside its transaction, over the whole warehouse: a copy whose primary is changed or removed is
weighed again on the next load.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from .vocabulary import fold

# share of two documents' budget lines (label, year, amount) they must have in common to be one plan
SAME_PLAN_SHARE = 0.9
# a label read a little differently in the two formats (a hyphen, a broken word) still matches at this
# rapidfuzz ratio, when its year and amount match
LABEL_RATIO = 90.0
# Which copy of one plan is primary: first the one with more budget lines read (the fuller reading of
# the plan), then by format: the PDF is what the förbund published and adopted, and its lines carry
# page and box provenance the report's evidence shows; docx and xlsx are the authors' sources (structure
# but no pages), html a web rendering, txt a conversion that has lost the layout. Last, the name.
FORMAT_PREFERENCE = ("pdf", "docx", "xlsx", "html", "txt")


@dataclass(frozen=True)
class Copy:
    """A document kept out of primary_budget_lines, the primary it copies, and why."""

    document: str
    primary: str
    reason: str

    def __str__(self) -> str:
        return (f"{self.document}: {self.reason}; {self.primary} is primary, this copy is kept out of "
                "primary_budget_lines")


def mark_copies(con) -> tuple[Copy, ...]:
    """Set documents.is_primary, copy_of and copy_reason over the whole warehouse; return the copies."""
    docs = con.execute("SELECT document, sha256, format, forbund, plan_year FROM documents "
                       "ORDER BY document").fetchall()
    copies = _byte_copies(docs)
    firsts = [d for d in docs if d[0] not in copies]
    copies |= _plan_copies(con, firsts)
    for name, copy in copies.items():  # a file copied byte for byte from a plan's .txt copies the plan's primary
        if copy.primary in copies:
            copies[name] = Copy(name, copies[copy.primary].primary, copy.reason)
    _write(con, [d[0] for d in docs], copies)
    return tuple(sorted(copies.values(), key=lambda c: c.document))


def stored_copies(con) -> tuple[Copy, ...]:
    """The copies the last load marked (none in a warehouse loaded before copies were)."""
    if not con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'documents' "
                       "AND column_name = 'copy_of'").fetchone()[0]:
        return ()
    return tuple(Copy(*row) for row in con.execute(
        "SELECT document, copy_of, copy_reason FROM documents WHERE copy_of IS NOT NULL ORDER BY document"
    ).fetchall())


def _byte_copies(docs: list[tuple]) -> dict[str, Copy]:
    """The same bytes under another name: the first name in sort order is the original."""
    first: dict[str, str] = {}
    out = {}
    for name, sha, *_ in docs:
        original = first.setdefault(sha, name) if sha else name
        if original != name:
            out[name] = Copy(name, original, f"the same file as {original}")
    return out


def _plan_copies(con, docs: list[tuple]) -> dict[str, Copy]:
    """The same plan in other formats, among documents of one förbund and plan year."""
    groups: dict[tuple, list[tuple]] = {}
    for doc in docs:
        if doc[3] and doc[4]:
            groups.setdefault((_key(doc[3]), doc[4]), []).append(doc)
    out: dict[str, Copy] = {}
    for group in (g for g in groups.values() if len(g) > 1):
        lines = {d[0]: _lines(con, d[0]) for d in group}
        formats = {d[0]: d[2] for d in group}
        for cluster, shares in _clusters(lines):
            primary = min(cluster, key=lambda n: (-len(lines[n]), _rank(formats[n]), n))
            for name in cluster - {primary}:
                share = shares.get(frozenset((name, primary))) or max(v for k, v in shares.items() if name in k)
                out[name] = Copy(name, primary, f"the same plan as {primary} ({round(100 * share)} % of "
                                 f"{len(lines[name])} budget lines shared)")
    return out


def _clusters(lines: dict[str, list[tuple]]) -> list[tuple[set[str], dict[frozenset, float]]]:
    """Documents linked by nearly the same budget lines, joined transitively (a PDF, its .txt and an
    older .txt of it are one plan), each cluster with the shares of its linked pairs."""
    parent = {name: name for name in lines}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    shares = {}
    for a, b in combinations(sorted(lines), 2):
        share = shared(lines[a], lines[b])
        if share >= SAME_PLAN_SHARE:
            shares[frozenset((a, b))] = share
            parent[root(b)] = root(a)
    clusters: dict[str, set[str]] = {}
    for name in lines:
        clusters.setdefault(root(name), set()).add(name)
    return [(c, {k: v for k, v in shares.items() if k <= c}) for c in clusters.values() if len(c) > 1]


def shared(a: list[tuple], b: list[tuple]) -> float:
    """Share of the larger list's (label, year, amount) lines the other has too: equal labels first, then
    labels rapidfuzz finds nearly equal with the same year and amount. Two empty lists share nothing."""
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    left, right = Counter(a), Counter(b)
    common = left & right
    left, right = left - common, right - common
    matched = sum(common.values())
    pool: dict[tuple, list[str]] = {}
    for (label, year, amount), count in right.items():
        pool.setdefault((year, amount), []).extend([label] * count)
    for (label, year, amount), count in left.items():
        candidates = pool.get((year, amount), [])
        for _ in range(count):
            best = max(candidates, key=lambda c: fuzz.ratio(label, c), default=None)
            if best is None or fuzz.ratio(label, best) < LABEL_RATIO:
                break
            candidates.remove(best)
            matched += 1
    return matched / max(len(a), len(b))


def _lines(con, document: str) -> list[tuple]:
    rows = con.execute("SELECT label, year, amount_sek FROM budget_lines WHERE document = ?", [document]).fetchall()
    return [(_key(label), year, amount) for label, year, amount in rows]


def _key(text: str | None) -> str:
    """Text compared loosely: case, diacritics (OCR drops them) and spacing aside."""
    return re.sub(r"\s+", " ", fold(text or "")).strip().casefold()


def _rank(fmt: str | None) -> int:
    return FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)


def _write(con, names: list[str], copies: dict[str, Copy]) -> None:
    """Every document's flags in one UPDATE (primary unless a copy)."""
    from .load import scan_columns

    con.register("marked", scan_columns({"document": names,
                                         "copy_of": [copies[n].primary if n in copies else None for n in names],
                                         "copy_reason": [copies[n].reason if n in copies else None for n in names]}))
    con.execute("UPDATE documents SET is_primary = marked.copy_of IS NULL, copy_of = marked.copy_of, "
                "copy_reason = marked.copy_reason FROM marked WHERE documents.document = marked.document")
    con.unregister("marked")
    # on the lines too, so a SUM over budget_lines alone can count each plan once
    con.execute("UPDATE budget_lines SET is_primary = d.is_primary FROM documents d "
                "WHERE budget_lines.document = d.document")
