"""Parse's cache key holds only the vocabulary sections parse reads (pipeline.parse.VOCABULARY_SECTIONS).
A section read by parse's code but not named there would leave stale parses after an edit: these tests
find every section the parse code (and each finsam module it imports) reads, and hold the list to it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from pipeline import vocabulary
from pipeline.parse import VOCABULARY_SECTIONS

PACKAGE = Path(vocabulary.__file__).parent
HELPERS = ("word_pattern",)  # vocabulary.py helpers whose first argument names a section


def _modules_parse_imports() -> list[str]:
    """The finsam modules loaded once parse and every parse submodule are imported (a fresh interpreter)."""
    code = ("import pkgutil, importlib, sys, pipeline.parse as p\n"
            "[importlib.import_module(f'pipeline.parse.{m.name}') for m in pkgutil.iter_modules(p.__path__)]\n"
            "print(__import__('json').dumps(sorted(m for m in sys.modules if m.startswith('pipeline'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _sections_read(source: str) -> set[str]:
    """Sections named as `vocabulary()["x"]` or as the first argument of a section helper."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call) \
                and getattr(node.value.func, "id", getattr(node.value.func, "attr", None)) == "vocabulary" \
                and isinstance(node.slice, ast.Constant):
            found.add(node.slice.value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in HELPERS \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.add(node.args[0].value)
    return found


def test_every_section_parse_reads_is_in_its_cache_key():
    read: dict[str, set[str]] = {}
    for module in _modules_parse_imports():
        if module in ("pipeline.vocabulary",):
            continue
        path = PACKAGE.parent / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
        read[module] = _sections_read(path.read_text(encoding="utf-8"))
    missing = {m: s - set(VOCABULARY_SECTIONS) for m, s in read.items() if s - set(VOCABULARY_SECTIONS)}
    assert not missing, f"add these sections to pipeline.parse.VOCABULARY_SECTIONS: {missing}"
    assert set().union(*read.values()), "the scan found no section at all: it no longer sees the code's reads"


def test_a_vocabulary_helper_parse_calls_reads_only_named_sections():
    """is_period reads [total_columns]; parse must not call it without naming that section."""
    sources = "".join(p.read_text(encoding="utf-8") for p in (PACKAGE / "parse").glob("*.py"))
    assert "is_period(" not in sources or "total_columns" in VOCABULARY_SECTIONS


def test_the_section_fingerprint_follows_only_its_sections(monkeypatch):
    words = vocabulary.vocabulary()
    before = vocabulary.fingerprint(VOCABULARY_SECTIONS)
    edited = dict(words, identity={"edited": True})
    monkeypatch.setattr(vocabulary, "vocabulary", lambda: edited)
    vocabulary.fingerprint.cache_clear()
    try:
        assert vocabulary.fingerprint(VOCABULARY_SECTIONS) == before  # identity is not a parse section
        assert vocabulary.fingerprint(("identity",)) != before
        edited["units"] = dict(words["units"], zzz=1)
        vocabulary.fingerprint.cache_clear()
        assert vocabulary.fingerprint(VOCABULARY_SECTIONS) != before
    finally:
        vocabulary.fingerprint.cache_clear()
