"""spaCy imported without its command line.

`import spacy` runs ``from .cli.info import info`` for the one function ``spacy.info``, and so imports
the whole of ``spacy.cli``: typer, weasel, httpx, requests and every training command, about a third of
the import's CPU (0.3 s of 0.85 s measured). finsam builds a blank pipeline in code and never uses the
command line, and the import sits on a cold run's critical path (the warm-up that extract's workers
wait for). So, while spaCy itself is imported, two stand-ins hold the places of ``spacy.cli`` and
``spacy.cli.info``: ``spacy.info`` becomes a function that imports the real command line when it is
called. The stand-ins leave ``sys.modules`` as soon as spaCy is imported, so a later ``import spacy.cli``
(or ``python -m spacy``) gets the real package.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> ModuleType:
    """The spacy module, imported without spacy.cli when this process has not imported spaCy yet."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _STAND_INS):
        return importlib.import_module("spacy")
    package, info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    package.__path__ = []  # a package with no submodules: a stand-in cannot import the real ones by accident
    info.info = _real_info
    package.info = info
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": info})
    try:
        return importlib.import_module("spacy")
    finally:
        for name in _STAND_INS:
            sys.modules.pop(name, None)
        if "spacy" in sys.modules:  # `import spacy.cli` must find the real package, not the stand-in
            vars(sys.modules["spacy"]).pop("cli", None)


def _real_info(*args, **kwargs):
    """spacy.info, importing spaCy's command line only when it is called."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)
