"""Writing only the pages whose inputs changed.

reports/.finsam-report.json remembers each page's fingerprint and size. A page whose fingerprint is
unchanged and whose file is still there at that size is neither rendered nor written; the others are
rendered and replaced atomically (a temp file renamed over the old one, so a reader never sees half a
page). A page the manifest names that the warehouse no longer asks for (a förbund that disappeared) is
deleted; a file the report never wrote (an export, a note of the user's) is never touched.

Pages are not fsynced one by one (250 syncs cost seconds); the manifest is written last, with fsync, and
a page cut short by a crash has the wrong size, so the next run writes it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..store import replace_file_atomic, write_text_atomic

MANIFEST = ".finsam-report.json"


@dataclass(frozen=True)
class Page:
    path: str                    # under the reports folder, '/'-separated
    fingerprint: str
    render: Callable[[], str]


@dataclass(frozen=True)
class Written:
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    files: tuple[str, ...] = field(default=())


def write_pages(reports_dir: Path, pages: list[Page], progress: Callable[[str], None] = lambda _: None) -> Written:
    """Render and write the pages whose fingerprint changed, in the order given (the index last, so its
    links lead to pages already written); delete the pages the manifest names that are no longer asked for."""
    old = read_manifest(reports_dir)
    stale = stale_pages(reports_dir, pages, old)
    new: dict[str, dict] = {}
    written, unchanged = [], []
    for page in pages:
        target = reports_dir / page.path
        if page.path not in stale:
            new[page.path] = old[page.path]
            unchanged.append(str(target))
        else:
            data = page.render().encode("utf-8")
            replace_file_atomic(target, lambda tmp, data=data: tmp.write_bytes(data))
            new[page.path] = {"fingerprint": page.fingerprint, "bytes": len(data)}
            written.append(str(target))
        progress(page.path)
    removed = []
    for path in sorted(old.keys() - new.keys()):
        target = reports_dir / path
        if target.is_file():
            target.unlink()
            removed.append(str(target))
    if written or removed or old != new:
        write_text_atomic(reports_dir / MANIFEST, json.dumps({"pages": new}, indent=0, sort_keys=True) + "\n")
    return Written(tuple(written), tuple(unchanged), tuple(removed),
                   tuple(str(reports_dir / p.path) for p in pages))


def stale_pages(reports_dir: Path, pages: list[Page], manifest: dict[str, dict] | None = None) -> set[str]:
    """The pages to render: a new fingerprint, or a file gone or of another size than written."""
    old = read_manifest(reports_dir) if manifest is None else manifest
    return {p.path for p in pages if not (p.path in old and old[p.path].get("fingerprint") == p.fingerprint
                                          and _intact(reports_dir / p.path, old[p.path].get("bytes")))}


def read_manifest(reports_dir: Path) -> dict[str, dict]:
    """page → {'fingerprint', 'bytes'} as the last run left them (empty when there is none or it is damaged)."""
    try:
        pages = json.loads((reports_dir / MANIFEST).read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {path: entry for path, entry in pages.items() if isinstance(entry, dict) and _inside(path)} \
        if isinstance(pages, dict) else {}


def _inside(path: str) -> bool:
    """A manifest entry names a file under the reports folder (a damaged or edited one may not)."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts


def _intact(target: Path, size: object) -> bool:
    try:
        return target.stat().st_size == size
    except OSError:
        return False
