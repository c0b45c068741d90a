"""The one error family: every failure finsam reports names the input, the rule it broke and the fix.

The CLI turns a FinsamError into one line and exit code 2 (usage or environment); a problem inside
one document never raises: it marks that document and the run goes on (`model.Problem`).
"""

from __future__ import annotations


class FinsamError(Exception):
    """An input or environment finsam cannot work with: ``what`` (a path or a value), the ``rule`` it
    breaks and the ``fix``; ``str()`` is the one-line message."""

    def __init__(self, what: object, rule: str, fix: str):
        self.what, self.rule, self.fix = str(what), rule, fix
        super().__init__(f"{self.what}: {rule}. {fix}")

    def __reduce__(self):  # rebuilt from its three parts when a worker process hands it back
        return type(self), (self.what, self.rule, self.fix)


class MissingInput(FinsamError, FileNotFoundError):
    """A folder or warehouse that is not there (also a FileNotFoundError for callers that expect one)."""


class BadOption(FinsamError, ValueError):
    """A command-line value outside what finsam accepts."""


class WarehouseBusy(FinsamError):
    """Another process holds the warehouse's write lock."""


class WarehouseUnwritable(FinsamError):
    """The warehouse cannot be created or written where it was asked for."""


class QueryRefused(FinsamError):
    """`finsam query` SQL that would write, or read outside the warehouse."""


class AmountOutOfRange(FinsamError, ValueError):
    """An amount in kronor beyond what the warehouse stores (BIGINT)."""
