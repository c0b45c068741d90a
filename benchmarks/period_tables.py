"""Seeded plans with a total column beside period or line columns, for the row-total check.

    python -m benchmarks.period_tables OUTDIR [--count 8] [--seed 1] [--pdf]

Each plan has one table: income and cost rows split over quarters, four-month terms, months or
projects, a total column (Helår, Totalt, Summa, År 2025) that is their sum, and the summary rows
(Summa intäkter, Summa kostnader, Årets resultat). Written as tab-separated text, and with --pdf
also drawn with reportlab, so `finsam run` reads them like any plan; `benchmarks.inject` then
injects errors into their cells. `error` (row label, column) plants one wrong total-column cell.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

YEAR = 2025
STYLES: dict[str, tuple[list[str], str]] = {
    "kvartal": (["Kv 1", "Kv 2", "Kv 3", "Kv 4"], "Helår"),
    "perioder": (["Jan–mar", "Apr–jun", "Jul–sep", "Okt–dec"], "Totalt"),
    "tertial": (["T1", "T2", "T3"], f"År {YEAR}"),
    "projekt": (["Projekt Nova", "Projekt Steg", "Projekt Bro"], "Summa"),
    "halvår": (["Halvår 1", "Halvår 2"], "Hela året"),
}
INCOME = ["Medlemsavgifter", "Bidrag från staten", "Övriga intäkter"]
COSTS = ["Personal", "Lokaler", "Kansli och administration", "Insatser", "Utvärdering", "Styrelse"]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    shares = [round(total * w / sum(weights)) for w in weights]
    shares[-1] = total - sum(shares[:-1])
    return shares


def _num(value: int) -> str:
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", " ")


def table(style: str, rng: random.Random, error: tuple[str, int] | None = None) -> list[list[str]]:
    """Header row, then rows of label and figures (tkr); `error` adds `delta` to one row's total cell."""
    periods, total = STYLES[style]
    rows = [(label, _split(rng.randrange(40, 3000), len(periods), rng)) for label in rng.sample(INCOME, 2)]
    income = [sum(col) for col in zip(*(v for _, v in rows), strict=True)]
    costs_rows = [(label, _split(rng.randrange(40, 1500), len(periods), rng)) for label in rng.sample(COSTS, 4)]
    costs = [sum(col) for col in zip(*(v for _, v in costs_rows), strict=True)]
    body = [*rows, ("Summa intäkter", income), *costs_rows, ("Summa kostnader", costs),
            ("Årets resultat", [i - c for i, c in zip(income, costs, strict=True)])]
    out = [[f"Budget {YEAR}, tkr", *periods, total]]
    for label, values in body:
        stated = sum(values) + (error[1] if error and error[0] == label else 0)
        out.append([label, *(_num(v) for v in values), _num(stated)])
    return out


def text(name: str, grid: list[list[str]]) -> str:
    lines = [f"Samordningsförbundet {name}", "", f"Verksamhetsplan med budget {YEAR}", "",
             f"BUDGET {YEAR} FÖRDELAD ÖVER ÅRET", "", "Budgeten fördelas enligt tabellen nedan.", ""]
    return "\n".join([*lines, *("\t".join(r) for r in grid), "", "Budgeten följs upp varje kvartal.", ""])


def pdf(path: Path, name: str, grid: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for line in (f"Samordningsförbundet {name}", f"Verksamhetsplan med budget {YEAR}",
                 f"Budget {YEAR} fördelad över året"):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(60, y, line)
        y -= 28
    width = 66  # points per figure column, as a plan prints them
    for r, row in enumerate(grid):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        c.drawString(60, y, row[0])
        for i, cell in enumerate(row[1:], start=1):
            right = 200 + i * width
            c.drawString(right - stringWidth(cell, c._fontname, 9), y, cell)
        y -= 16
    c.save()


def write(out: Path, count: int, seed: int, draw_pdf: bool = False) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        style = list(STYLES)[i % len(STYLES)]
        name = f"Periodbygden {i + 1}"
        grid = table(style, rng)
        path = out / f"period_{i:02d}_{style}.txt"
        path.write_text(text(name, grid), encoding="utf-8")
        written.append(path)
        if draw_pdf:
            pdf(path.with_suffix(".pdf"), name, grid)
            written.append(path.with_suffix(".pdf"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.period_tables", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf", action="store_true")
    a = ap.parse_args(argv)
    for path in write(a.out, a.count, a.seed, a.pdf):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
