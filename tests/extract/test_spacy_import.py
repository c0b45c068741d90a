"""spaCy imported without its command line (pipeline/extract/spacy_import.py), in fresh interpreters: the
stand-ins must not leak, and spaCy's own `info` and `spacy.cli` must still work afterwards."""

import json
import subprocess
import sys

PROBE = """
import json, sys
from pipeline.extract.spacy_import import import_spacy
spacy = import_spacy()
loaded = {name: name in sys.modules for name in ("spacy.cli", "spacy.cli.info", "typer", "weasel", "httpx")}
tokens = [t.text for t in spacy.blank("sv")("Målet är 75 % av deltagarna.")]
info = spacy.info()
import spacy.cli
print(json.dumps({"loaded": loaded, "tokens": tokens, "info": sorted(info),
                  "real_cli": hasattr(spacy.cli, "download") and spacy.cli.__file__.endswith("__init__.py"),
                  "again": import_spacy() is spacy}))
"""


def _probe(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_spacy_imports_without_its_command_line_and_keeps_it_reachable():
    found = _probe(PROBE)
    assert found["loaded"] == {"spacy.cli": False, "spacy.cli.info": False, "typer": False, "weasel": False,
                               "httpx": False}
    assert found["tokens"] == ["Målet", "är", "75", "%", "av", "deltagarna", "."]
    assert {"spacy_version", "location", "platform"} <= set(found["info"])  # spacy.info() runs the real one
    assert found["real_cli"] and found["again"]


def test_an_earlier_import_of_spacy_is_returned_as_it_is():
    found = _probe("import json, spacy, sys\nfrom pipeline.extract.spacy_import import import_spacy\n"
                   "print(json.dumps({'same': import_spacy() is spacy, 'cli': 'spacy.cli' in sys.modules}))")
    assert found == {"same": True, "cli": True}
