"""Who published a document and for which year, for any public body (not only förbund plans).

A cover names its issuer and its year the same way whatever the body: an organisation word with a
proper name ("Region Blekinge", "Brf Kastanjen 4", "Karlstads kommun", "Stadsrevisionen") and a
document type with a year ("Årsredovisning 2021", "Strategisk plan 2026–2028"). The words are in
vocabulary.toml [identity]; matching ignores case and diacritics because OCR drops them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from ..vocabulary import alternatives, vocabulary
from ..vocabulary import fold as _fold

HEAD_LINES = 60          # a cover and a contents page: where a document names itself
YEAR_WINDOW = 60         # characters from a document type to its year ("räkenskapsåret 1 januari - 31 december 2021")
SAME_NAME_RATIO = 88     # spellings of one name ("Region Blekinge" / "Region Blekinges") cluster at this ratio

_YEAR = r"(?:19|20)\d\d"
_CAP = r"[A-ZÅÄÖÉ]"
_NAME_WORD = rf"(?:{_CAP}[\w\-]*|\d{{1,3}}(?!\d))"  # "Bullerbyn", "Kastanjen", "4"; never a year


def _alternatives(words: list[str]) -> str:
    return alternatives(_fold(w) for w in words)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    words = vocabulary()["identity"]
    joiners = "|".join(re.escape(w) for w in words["name_joiners"])
    name = rf"{_NAME_WORD}(?: +(?:(?:{joiners}) +)?{_NAME_WORD})*"
    return {
        "year": re.compile(rf"\b(?:{_alternatives(words['document_types'])})\b"
                           rf"(?:(?!{_YEAR})[^\n]){{0,{YEAR_WINDOW}}}?\n?(?:(?!{_YEAR})[^\n]){{0,{YEAR_WINDOW}}}?"
                           rf"\b({_YEAR})\b", re.IGNORECASE),
        # a place and a date opening a line; "bildades den 1 januari 2015" dates something else
        "dated": re.compile(rf"^{_CAP}\w+,? den \d{{1,2}} (?:{_alternatives(words['months'])}) ({_YEAR})\b",
                            re.IGNORECASE | re.MULTILINE),
        "prefix": re.compile(rf"\b(?i:{_alternatives(words['prefixes'])})\s+{name}"),
        "suffix": re.compile(rf"\b{_CAP}[\w\-]+(?: {_CAP}[\w\-]+)? (?i:{_alternatives(words['suffixes'])})\b"),
        # "Stadsrevisionen(s)", "Hälso- och sjukvårdsnämnd"
        "body": re.compile(rf"\b(?:{_CAP}\w+- och \w{{3,}}|{_CAP}\w{{3,}})(?:{_alternatives(words['bodies'])})s?\b"),
    }


def find_title_year(lines: list[str]) -> int | None:
    """The year a document is for as its cover says it: a document type followed by a year in its
    first lines ("Årsredovisning 2021", "Budget 2026 med planer 2027, 2028")."""
    match = _patterns()["year"].search(_fold("\n".join(lines[:HEAD_LINES])))
    return int(match.group(1)) if match else None


def find_signature_year(lines: list[str]) -> int | None:
    """The year of the first signature date ("Göteborg den 19 september 2023")."""
    match = _patterns()["dated"].search(_fold("\n".join(lines)))
    return int(match.group(1)) if match else None


def issuer_mentions(lines: list[str]) -> list[tuple[str, int]]:
    """Every issuer-like name with the index of the line it starts on, in reading order."""
    text = "\n".join(lines)
    folded = _fold(text)
    starts = [m.start() for m in re.finditer(r"(?m)^", text)]
    found = []
    for key in ("prefix", "suffix", "body"):
        for match in _patterns()[key].finditer(folded):
            name = re.sub(r"\s+", " ", text[match.start():match.end()]).strip(" ,")
            line = max(i for i, s in enumerate(starts) if s <= match.start())
            found.append((name, line))
    return sorted(found, key=lambda f: f[1])


def find_issuer(lines: list[str]) -> str | None:
    """The issuer a document names on its cover: among the names in its first lines, the one the
    whole document mentions most (spelling variants together), earliest on a tie."""
    mentions = issuer_mentions(lines)
    clusters: list[list[tuple[str, int]]] = []
    for name, line in mentions:
        for cluster in clusters:
            if fuzz.ratio(_fold(name).lower(), _fold(cluster[0][0]).lower()) >= SAME_NAME_RATIO:
                cluster.append((name, line))
                break
        else:
            clusters.append([(name, line)])
    on_cover = [c for c in clusters if c[0][1] < HEAD_LINES] or clusters
    if not on_cover:
        return None
    best = max(on_cover, key=lambda c: (len(c), -c[0][1]))
    return Counter(name for name, _ in best).most_common(1)[0][0]
