"""Document identity: the förbund's canonical name, the plan year and the budget years."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz

from .issuer import HEAD_LINES, find_issuer, find_signature_year, find_title_year

_UP = "A-ZÅÄÖÉ"
_WORD = rf"[{_UP}][\wåäöéÅÄÖÉ]+(?:-[{_UP}][\wåäöéÅÄÖÉ]+)*"
_NAME_AFTER = re.compile(
    rf"\bSamordningsförbundet(?: +i)? +{_WORD}(?:(?: *, *| +och +| +i +| +){_WORD})*",
)
_NAME_BEFORE = re.compile(rf"\b{_WORD}(?: +{_WORD})?s +samordningsförbund\b")
_PLAN_YEAR = re.compile(r"verksamhetsplan\b[^\n\d]{0,40}?((?:19|20)\d\d)\b", re.IGNORECASE)
_SMALL_WORDS = {"och", "i", "för", "med"}
_NOT_NAMES = {"Finsam", "Försäkringskassan", "Arbetsförmedlingen", "Region", "Styrelse", "Styrelsen"}


@dataclass(frozen=True)
class Identity:
    forbund: str | None
    forbund_variants: tuple[str, ...]
    plan_year: int | None
    budget_years: tuple[int, ...]
    adopted: str | None = None
    board_members: int | None = None
    board_deputies: int | None = None

    def asdict(self) -> dict:
        return asdict(self)


def _titlecase(name: str) -> str:
    """SAMORDNINGSFÖRBUNDET ALE, KUNGÄLV OCH TJÖRN → Samordningsförbundet Ale, Kungälv och Tjörn."""
    if name != name.upper():
        return name
    words = [w.lower() if w.lower() in _SMALL_WORDS else "-".join(p.capitalize() for p in w.split("-"))
             for w in name.split(" ")]
    return " ".join(words)


def _trim(name: str) -> str:
    words = name.split(" ")
    while len(words) > 2 and (words[-1] in _SMALL_WORDS or words[-1] in _NOT_NAMES):
        words.pop()
    return re.sub(r"[\s,]+$", "", " ".join(words))


# a name broken over lines (a narrow column, a cover set in short lines): the line ends where the
# name cannot ("Samordningsförbundet", "Ale, Kungälv,") or the next goes on with "och Tjörn"
_NAME_BREAK = re.compile(r"(?i)(samordningsförbundet|,|\boch)[ \t]*\n[ \t]*(?=[A-ZÅÄÖ])|[ \t]*\n[ \t]*(?=och [A-ZÅÄÖ])")


def name_mentions(text: str) -> list[str]:
    text = re.sub(r"(?m)^(SAMORDNINGSFÖRBUNDET)\s*\n+\s*([A-ZÅÄÖ ]+)$", r"\1 \2", text)
    text = _NAME_BREAK.sub(lambda m: (m.group(1) or "") + " ", text)
    text = re.sub(r"[ \t]+", " ", _titlecase_lines(text))
    found = [_trim(m.group(0)) for m in _NAME_AFTER.finditer(text)]
    found += [m.group(0) for m in _NAME_BEFORE.finditer(text)]
    return [f[0].upper() + f[1:] for f in found if len(f.split()) >= 2]


def _titlecase_lines(text: str) -> str:
    return "\n".join(_titlecase(line) if len(line) > 12 and line.isupper() else line
                     for line in text.splitlines())


def canonical_name(mentions: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """Cluster spelling variants (Högländets / Höglandets) and pick the most mentioned form."""
    counts = Counter(mentions)
    clusters: list[list[str]] = []
    for name, _ in counts.most_common():
        for cluster in clusters:
            if fuzz.ratio(name.lower(), cluster[0].lower()) >= 88 or fuzz.token_set_ratio(
                    name.lower(), cluster[0].lower()) >= 95:
                cluster.append(name)
                break
        else:
            clusters.append([name])
    if not clusters:
        return None, ()
    best = max(clusters, key=lambda c: sum(counts[n] for n in c))
    return best[0], tuple(best[1:])


def find_plan_year(text: str, budget_years: list[int], cover: list[str] | None = None) -> int | None:
    """A förbund's "Verksamhetsplan … 2025" first, then any document type with a year on the cover
    ("Årsredovisning 2021"), then a signature date, then the first budget year. ``cover`` is the
    document's first lines in page order, table lines included (a title may sit in a framed box)."""
    lines = text.splitlines()
    head = "\n".join(lines[:HEAD_LINES])
    m = _PLAN_YEAR.search(head)
    year = int(m.group(1)) if m else find_title_year(cover if cover is not None else lines)
    if year is None:
        m = _PLAN_YEAR.search(text)
        year = int(m.group(1)) if m else find_signature_year(lines)
    if year is None and budget_years:
        year = min(budget_years)
    return year


def find_name(text: str) -> tuple[str | None, tuple[str, ...]]:
    """A förbund named on the cover; else whichever body the cover names (a region, a housing
    cooperative, an audit office); else a förbund named anywhere (a regional plan may mention one)."""
    lines = text.splitlines()
    name, variants = canonical_name(name_mentions(text))
    if name and name_mentions("\n".join(lines[:HEAD_LINES])):
        return name, variants
    issuer = find_issuer(lines)
    return (issuer, ()) if issuer else (name, variants)


def find_identity(lines: list[dict], budget_lines: list[dict], cover: list[str] | None = None) -> Identity:
    text = "\n".join(line["text"] for line in lines)
    name, variants = find_name(text)
    years = sorted({b["year"] for b in budget_lines if b["column_kind"] == "budget"})
    plan_year = find_plan_year(text, years, cover)
    if plan_year and years:
        years = [y for y in years if y >= plan_year] or years
    return Identity(name, variants, plan_year, tuple(years))
