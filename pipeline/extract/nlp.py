"""Swedish NLP: measurable goals, percentages, members, board, adoption date and prose amounts.

A spaCy pipeline built in code, with no downloads: ``spacy.blank("sv")``, lemmas from
spacy-lookups-data's lookup table (extract/lemmas.py), a sentencizer (each paragraph, bullet and
table line is fed on its own, so sentences never run across them) and an EntityRuler whose patterns
come from the word lists in the [language] part of pipeline/vocabulary.toml (PERCENT, QUANTITY,
MONEY, DATE). This module turns those spans into records with provenance; pipeline.numbers reads
every digit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..numbers import GROUP_SPACES, find_years, is_percent_header, parse_amount
from ..vocabulary import vocabulary
from .lemmas import lemma
from .paragraphs import paragraphs

_DIGITS = r"^\d+([,.]\d+)?$"


def rules() -> dict:
    """The NLP's word lists: the [language] part of pipeline/vocabulary.toml."""
    return vocabulary()["language"]


def _number_token(words: dict) -> list[dict]:
    return [{"TEXT": {"REGEX": _DIGITS}}, {"LOWER": {"IN": sorted(words)}}]


def entity_patterns() -> list[dict]:
    """EntityRuler patterns built from the word lists, so an analyst extends the lists, not code."""
    r = rules()
    words = r["numbers"]
    number_alternatives = _number_token(words)
    groups = {"TEXT": {"REGEX": r"^\d{3}$"}, "OP": "*"}
    patterns: list[dict] = []
    units = r["goals"]["units"]
    one_word = sorted(unit for unit in units if len(unit.split()) == 1)
    for number in number_alternatives:
        patterns.append({"label": "PERCENT", "pattern": [number, {"LOWER": {"IN": ["%", "procent"]}}]})
        # one pattern for every one-word unit: the matcher's cost grows with its patterns, and a list of
        # words in one token matches just what a pattern per word would
        patterns.append({"label": "QUANTITY", "pattern": [number, {"LOWER": {"IN": one_word}}]})
        for unit in (unit for unit in units if len(unit.split()) > 1):
            patterns.append({"label": "QUANTITY", "pattern": [number] + [{"LOWER": w} for w in unit.split()]})
        patterns.append({"label": "QUANTITY", "pattern": [number, {"TEXT": "(", "OP": "?"}, {"LOWER": "av"},
                                                          {"TEXT": {"REGEX": r"^\d+$"}}]})
    compound = "|".join(sorted(words, key=len, reverse=True))
    patterns.append({"label": "PERCENT", "pattern": [{"LOWER": {"REGEX": rf"^({compound})procent"}}]})
    patterns.append({"label": "PERCENT", "pattern": [{"LOWER": {"IN": ["en", "ett", "två", "tre"]}, "OP": "?"},
                                                     {"LOWER": {"IN": sorted(r["fractions"])}}]})
    approx = {"LOWER": {"IN": r["money"]["approx"]}, "OP": "?"}
    units = {"LOWER": {"IN": r["money"]["units"]}}
    patterns.append({"label": "MONEY", "pattern": [approx, {"TEXT": {"REGEX": _DIGITS}}, groups, units,
                                                   {"LOWER": "kronor", "OP": "?"}]})
    patterns.append({"label": "MONEY", "pattern": [approx, {"LOWER": {"IN": sorted(words)}},
                                                   {"LOWER": {"IN": ["miljon", "miljoner"]}},
                                                   {"LOWER": "kronor", "OP": "?"}]})
    patterns.append({"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^(19|20)\d\d-\d\d-\d\d$"}}]})
    return patterns


@lru_cache(maxsize=1)
def language():
    """The spaCy pipeline; built once per process (a fraction of a second). Lemmas are looked up only for
    the goal units that need one (extract/lemmas.py), not for every token."""
    from .spacy_import import import_spacy

    nlp = import_spacy().blank("sv")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns())
    return nlp


def number_value(text: str) -> float | None:
    """'75', '55,2', 'två', '1 416 000' → a number; None when it is not one."""
    text = text.strip().lower()
    words = rules()["numbers"]
    if text in words:
        return float(words[text])
    cleaned = re.sub(f"[{GROUP_SPACES}]", "", text).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def percent_value(span) -> float | None:
    text = span.text.lower()
    fractions = rules()["fractions"]
    for word, value in fractions.items():
        if text.endswith(word):
            count = number_value(text.split()[0]) if " " in text else 1
            plural = word.endswith("ar") and count and count > 1
            return round(float(value) * (count if plural else 1), 2)
    compound = re.match(r"^(\w+?)procent", text)
    if compound and compound.group(1) in rules()["numbers"]:
        return float(rules()["numbers"][compound.group(1)])
    return number_value(span[0].text)


def comparator(sentence: str, start: int) -> str | None:
    """The comparator phrase that ends right before character offset start (longest wins)."""
    before = sentence[max(0, start - 40):start].lower().rstrip(" (")
    found = [(len(p), c) for p, c in rules()["comparators"].items() if re.search(rf"\b{re.escape(p)}$", before)]
    return max(found)[1] if found else None


def mentions(text: str, words: list[str]) -> bool:
    """Any of the words, each starting at a word boundary ("över" is not in "strukturövergripande")."""
    return bool(_starts_of(tuple(words)).search(text.lower()))


@lru_cache(maxsize=256)
def _starts_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern for a word list (it was compiled anew per word and sentence)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\wåäö])(?:{'|'.join(re.escape(w) for w in words)})")


def classify(text: str, table: dict) -> str | None:
    return next((kind for kind, words in table.items() if mentions(text, words)), None)


def _record(para: dict, **fields) -> dict:
    return {"document": para["document"], "page": para["page"], "line": para["line"], "bbox": para["bbox"],
            **fields}


def _unit(span) -> str:
    """'8 tillfällen' → 'tillfällen'; '7 (av 10)' → 'av 10'; '75 %' → '%'."""
    if span.label_ == "PERCENT":
        return "%"
    rest = span[1:].text.strip("() ")
    return re.sub(r"\s+", " ", rest)


def _goal_quantities(sent) -> list[tuple]:
    """(span, value, unit) of every quantity a goal sentence states."""
    found = []
    for ent in sent.ents:
        if ent.label_ in ("PERCENT", "QUANTITY"):
            value = percent_value(ent) if ent.label_ == "PERCENT" else number_value(ent[0].text)
            if value is not None:
                found.append((ent, value, _unit(ent)))
    if found:
        return found
    # "minst en föreläsning": a number word after a comparator, with the noun that follows
    text = sent.text  # spaCy builds a span's text anew at each call: once per sentence, not per token
    for token in sent[:-1]:
        value = number_value(token.text)
        if value is None or find_years(token.text) or not token.nbor().is_alpha:
            continue
        if comparator(text, token.idx - sent.start_char):
            ahead = [t.text for t in sent[token.i - sent.start + 1:token.i - sent.start + 4]]
            unit = next((w for w in ahead if w.lower() in rules()["goals"]["units"]), token.nbor().text)
            found.append((sent[token.i - sent.start:token.i - sent.start + 2], value, unit))
    return found


def _goal_text(sentence: str, heading: str | None) -> str:
    if heading and heading.lower() not in sentence.lower() and len(sentence) < 80:
        return f"{heading}: {sentence}"
    return sentence


def find_goals(para: dict, doc) -> list[dict]:
    r = rules()
    goals = []
    for sent in doc.sents:
        text = sent.text  # once per sentence: a span's text is rebuilt at every call
        if not mentions(text, r["goals"]["cues"] + list(r["comparators"])):
            continue
        # a funding split, staffing level, interest rate or change is a fact, not a target
        if classify(text, {k: v for k, v in r["percent_kinds"].items() if k != "goal"}) in (
                "split", "staffing", "interest", "change") and not mentions(text, r["percent_kinds"]["goal"]):
            continue
        years = find_years(text)
        level = classify(f"{para['heading'] or ''} {text}", r["levels"]) or "verksamhet"
        for span, value, unit in _goal_quantities(sent):
            start = span.start_char - sent.start_char
            stated = comparator(text, start)
            share = unit == "%" and " av " in text[start:start + len(span.text) + 6]
            unit_lemma = " ".join(lemma(t.text).lower() for t in span[1:] if t.is_alpha) or unit
            around = _around(text, start, start + len(span.text))
            goals.append(_record(
                para, text=_goal_text(around, para["heading"]), value=value, unit=unit,
                unit_lemma=unit_lemma if span.label_ != "PERCENT" else "%",
                comparator=stated or (r["goals"]["share_default"] if share else "="),
                level=level, insats=para["heading"], year=years[0] if years else None, sentence=around))
    return goals


# A "sentence" longer than this is a run-on line (a table flattened into prose, a file with no full
# stops): each record keeps the part of it around its own figure, not the whole line again.
_SENTENCE_CHARS = 600


def _around(text: str, start: int, end: int) -> str:
    """The sentence, or the `_SENTENCE_CHARS` of it centred on characters start..end."""
    if len(text) <= _SENTENCE_CHARS:
        return text.strip()
    half = max(0, (_SENTENCE_CHARS - (end - start)) // 2)
    return text[max(0, start - half):end + half].strip()


def _spans(doc, label: str):
    """(sentence text, sentence, entity) for every entity of one label, sentence by sentence; the
    sentence's text is built once, not once per entity (a long line made that quadratic)."""
    for sent in doc.sents:
        ents = [ent for ent in sent.ents if ent.label_ == label]
        text = sent.text if ents else ""
        for ent in ents:
            yield text, sent, ent


def find_percentages(para: dict, doc, goal_sentences: set[str]) -> list[dict]:
    out = []
    kinds: dict[str, str] = {}
    for text, sent, ent in _spans(doc, "PERCENT"):
        value = percent_value(ent)
        if value is None:
            continue
        start = ent.start_char - sent.start_char
        around = _around(text, start, start + len(ent.text))
        if text not in kinds:
            kinds[text] = "goal" if around in goal_sentences else (
                classify(text, rules()["percent_kinds"]) or "other")
        out.append(_record(para, value=value, kind=kinds[text], text=ent.text, sentence=around))
    return out


def money_value(span) -> tuple[int | None, bool]:
    """'1 416 000 kronor' → 1416000; 'drygt 1,3 miljoner' → (1300000, approximate)."""
    words = [t.text for t in span]
    approx = words[0].lower() in rules()["money"]["approx"]
    words = words[1:] if approx else words
    if words[-1].lower() == "kronor" and len(words) > 2 and words[-2].lower().startswith("miljon"):
        words = words[:-1]
    if words[-1].lower().startswith("miljon"):
        number = number_value(" ".join(words[:-1]))
        return (round(number * 1_000_000) if number is not None else None), approx
    amount = parse_amount(" ".join(words))
    return (amount.sek() if amount else None), approx


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\wåäö]+", text.lower()) if len(w) >= 3]


def _link(near: str, heading: str, labels: list[str]) -> str | None:
    """The budget line an amount speaks of: one whose words all stand just before the amount, or
    the heading it sits under when that heading is the line's name ("Fokus Psykisk Hälsa
    (Psykiatriveckan)" names Psykiatriveckan; "FINANSIELL RAM FÖR 2013 …" is about more than it)."""
    near_words = " ".join(_words(near))
    for label in labels:
        words = _words(label)
        if words and all(w in near_words for w in words):
            return label
    named = [heading, *re.findall(r"\(([^)]+)\)", heading)] if heading else []
    scored = [(fuzz.ratio(label.lower(), name.lower()), label) for label in labels for name in named]
    score, label = max(scored, default=(0, None))
    return label if score >= 90 else None


def find_prose_amounts(para: dict, doc, labels: list[str]) -> list[dict]:
    out = []
    for text, sent, ent in _spans(doc, "MONEY"):
        value, approx = money_value(ent)
        if value is None:
            continue
        start = ent.start_char - sent.start_char
        years = find_years(text)
        # the words right before the amount, back to the last bracket or clause break
        near = re.split(r"[(,;.]", para["text"][max(0, ent.start_char - 45):ent.start_char])[-1]
        out.append(_record(para, text=ent.text, amount_sek=value, approx=approx, year=years[0] if years else None,
                           linked_label=_link(near, para["heading"] or "", labels),
                           sentence=_around(text, start, start + len(ent.text))))
    return out


def find_members(paras: list[dict]) -> list[dict]:
    r = rules()["members"]
    kinds = [("kommun", r["kommun"])] + [("region", p) for p in r["regions"]] + \
        [("myndighet", re.escape(a)) for a in r["agencies"]]
    seen: dict[str, dict] = {}
    for para in paras:
        for kind, pattern in kinds:
            for m in re.finditer(rf"\b{pattern}\b", para["text"]):
                name = m.group(0)
                if name.split()[0] in r.get("not_names", []) or name in seen:
                    continue
                seen[name] = {"document": para["document"], "name": name, "kind": kind, "page": para["page"],
                              "line": para["line"]}
    return list(seen.values())


def find_metadata(paras: list[dict]) -> dict:
    """Adoption date and board size ("7 ledamöter och 7 ersättare")."""
    cues = rules()["adoption"]["cues"]
    meta: dict = {"adopted": None, "board_members": None, "board_deputies": None}
    for para in paras:
        low = para["text"].lower()
        date = re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", para["text"])
        if meta["adopted"] is None and date and any(c in low for c in cues):
            meta["adopted"] = date.group(0)
        for key, word in (("board_members", "ledamöter"), ("board_deputies", "ersättare")):
            m = re.search(rf"\b(\w+) {word}\b", low)
            if meta[key] is None and m and ("styrelse" in low) and number_value(m.group(1)) is not None:
                meta[key] = int(number_value(m.group(1)))
    return meta


def find_table_percentages(document: str, tables: list[dict]) -> list[dict]:
    """Cells under a 'Procent' / 'Andel' / '%' header are percentages even without a % sign."""
    out = []
    for table in tables:
        rows = table["rows"]
        for col in {c for row in rows[:2] for c, cell in enumerate(row) if is_percent_header(cell["text"])}:
            context = f"{table.get('title') or ''} {' '.join(c['text'] for c in rows[0])}"
            for row in rows[1:]:
                cell = row[col] if col < len(row) else None
                value = number_value(cell["text"].rstrip("% ")) if cell and cell["text"] else None
                if value is None or not 0 <= value <= 100:
                    continue
                out.append({"document": document, "page": cell.get("page"), "line": cell.get("line"),
                            "bbox": cell.get("bbox"), "value": value, "text": cell["text"],
                            "kind": classify(context, rules()["percent_kinds"]) or "other",
                            "sentence": f"{row[0]['text']}: {cell['text']} ({context.strip()})"})
    return out


def find_language_records(document: str, lines: list[dict], budget: list[dict],
                          tables: list[dict] | None = None) -> dict[str, list[dict]]:
    """Goals, percentages, members, prose amounts and plan metadata of one document."""
    paras = paragraphs(lines)
    labels = sorted({b["label"] for b in budget if len(b["label"]) >= 4})
    goals, percentages, amounts = [], [], []
    docs = language().pipe(p["text"] for p in paras) if paras else []  # spaCy only for a document with text
    for para, doc in zip(paras, docs, strict=True):
        found = [] if para["table"] else find_goals(para, doc)
        goals += found
        percentages += find_percentages(para, doc, {g["sentence"] for g in found})
        if not para["table"]:
            amounts += find_prose_amounts(para, doc, labels)
    percentages += find_table_percentages(document, tables or [])
    return {"goals": goals, "percentages": percentages, "members": find_members(paras),
            "prose_amounts": amounts, "metadata": [find_metadata(paras)]}
