"""Distinct plans by the hundred for the scale benchmark: the sample plans (.txt) copied with new content.

Copy i of a plan gets its own förbund name (four plan copies per förbund), a line of its own, and every
table amount multiplied by a whole factor, so its rows still add to its totals; half the copies are
rendered to PDF by reportlab (prose wrapped, table cells at tab stops, amounts right-aligned), half stay
text. Every copy differs in content, not only in bytes: no cache or copy detection can skip one.

    python -m benchmarks.distinct raw/ OUT --n 1000
"""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path

NAME = re.compile(r"Samordningsförbundet [A-ZÅÄÖ][\wåäö-]*")
YEAR = re.compile(r"^(19|20)\d\d$")
AMOUNT = re.compile(r"^-?\d{1,3}(?: \d{3})*$")
PLANS_PER_FORBUND = 4


def _scaled(cell: str, factor: int) -> str:
    text = cell.strip()
    if not AMOUNT.match(text) or YEAR.match(text):
        return cell
    value = int(text.replace(" ", "")) * factor
    return f"{value:,}".replace(",", " ")


def distinct_text(text: str, copy: int, sources: int) -> str:
    """The plan with copy's own förbund name, a line of its own and its amounts times a whole factor
    that no other copy of the same plan shares."""
    factor = 1 + copy // sources
    name = f"Samordningsförbundet Prov{copy // PLANS_PER_FORBUND:04d}"
    lines = []
    for line in NAME.sub(name, text).splitlines():
        if "\t" in line:
            label, *cells = line.split("\t")
            line = "\t".join([label, *(_scaled(c, factor) for c in cells)])
        lines.append(line)
    return "\n".join([f"Diarienummer FINSAM-{copy:05d}", *lines]) + "\n"


def render_pdf(text: str, path: Path) -> None:
    """A plain A4 rendering: prose wrapped, table rows with the label left and cells right-aligned."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas, (width, height) = Canvas(str(path), pagesize=A4), A4
    margin, leading, y = 56.0, 13.0, height - 56.0
    canvas.setFont("Helvetica", 9)
    for line in text.splitlines():
        rows = [line] if "\t" in line else (textwrap.wrap(line, 100) or [""])
        for row in rows:
            if y < margin:
                canvas.showPage()
                canvas.setFont("Helvetica", 9)
                y = height - margin
            if "\t" in row:
                label, *cells = row.split("\t")
                canvas.drawString(margin, y, label[:60])
                for k, cell in enumerate(cells):
                    canvas.drawRightString(width - margin - (len(cells) - 1 - k) * 80, y, cell)
            else:
                canvas.drawString(margin, y, row)
            y -= leading
    canvas.save()


def make(raw: Path, out: Path, n: int, pdf_every: int = 2) -> list[Path]:
    """n distinct plans in out (made once: an existing file is kept); every pdf_every-th one is a PDF."""
    sources = sorted(raw.glob("*.txt"))
    if not sources:
        raise SystemExit(f"{raw} holds no .txt plans to copy")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for copy in range(n):
        source = sources[copy % len(sources)]
        stem = f"prov{copy:05d}_{source.stem.split('_')[0]}"
        text = distinct_text(source.read_text(encoding="utf-8"), copy, len(sources))
        path = out / (f"{stem}.pdf" if copy % pdf_every == 0 else f"{stem}.txt")
        if not path.exists():
            if path.suffix == ".pdf":
                render_pdf(text, path)
            else:
                path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args(argv)
    print(f"{len(make(args.raw, args.out, args.n))} plans in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
