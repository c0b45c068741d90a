"""Layout fuzzer: random Swedish budget tables through real engines, finsam's reading against the truth.

    python -m benchmarks.fuzz --n 500 --seed 1 --out /tmp/fuzz [--family F ...] [--workers 2]

Rendered PDFs are cached under OUT/raw (keyed by each document's spec), so a second run only
re-runs finsam (parse → extract → load into a fresh OUT/finsam/warehouse.duckdb) and scores.
Prints budget precision / recall / F1 and column accuracy per layout family, recall per drawn
feature (header pattern, unit placement, sign style …), and the worst documents with missed and
extra lines. Gold files (score.py's format) are in OUT/gold, so
``python ../shared/tools/score.py OUT/finsam/warehouse.duckdb OUT/gold`` gives the same totals.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from .bench import DocScore, draw_docs, render_docs, run_finsam, score_docs
from .spec import FAMILIES

FEATURES = ("kind", "header", "unit", "sign", "decimals", "two_level", "extras", "columns", "role")


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def family_table(scores: list[DocScore]) -> list[dict]:
    rows = []
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        groups[s.family].append(s)
    for family, group in [*sorted(groups.items()), ("ALL", scores)]:
        tp, pred, gold = (sum(getattr(s, k) for s in group) for k in ("tp", "pred", "gold"))
        p, r, f = _prf(tp, pred, gold)
        col_n = sum(s.col_n for s in group)
        rows.append({"family": family, "docs": len(group), "perfect": sum(s.f1 == 1.0 for s in group),
                     "identity_ok": sum(s.identity_ok for s in group), "render_faults": sum(bool(s.unprinted)
                                                                                          for s in group),
                     "gold": gold, "predicted": pred, "precision": p, "recall": r, "f1": f,
                     "column_accuracy": sum(s.col_hit for s in group) / col_n if col_n else None})
    return rows


def print_families(rows: list[dict]) -> None:
    print(f"{'family':22} {'docs':>5} {'perfect':>7} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'col_acc':>7} {'identity':>8} {'unprinted':>9}")
    for r in rows:
        col = f"{r['column_accuracy']:.3f}" if r["column_accuracy"] is not None else "-"
        print(f"{r['family']:22} {r['docs']:5d} {r['perfect']:7d} {r['gold']:6d} {r['predicted']:6d} "
              f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {col:>7} {r['identity_ok']:8d} "
              f"{r['render_faults']:9d}")


def print_features(scores: list[DocScore], top: int = 8) -> None:
    """Recall of gold lines per drawn feature value, worst first (values seen at least 20 times)."""
    print("\nrecall per feature (gold lines; worst values first)")
    for name in FEATURES:
        seen, missed = Counter(), Counter()
        for s in scores:
            seen.update(f[name] for f in s.features)
            missed.update(f[name] for f in s.missed_features)
        worst = sorted((1 - missed[v] / n, v, n) for v, n in seen.items() if n >= 20)[:top]
        print(f"  {name:10} " + "  ".join(f"{v!r}={r:.2f}({n})" for r, v, n in worst))


def print_worst(scores: list[DocScore], n: int = 10) -> None:
    print(f"\nworst {n} documents")
    for s in sorted(scores, key=lambda s: (s.f1, s.stem))[:n]:
        print(f"  {s.stem}: F1={s.f1:.3f} gold={s.gold} pred={s.pred} tp={s.tp}")
        for m in s.missed[:3]:
            print(f"      missed {m['label']!r} {m['year']} {m['column']} {m['amount_sek']}")
        for e in s.extra[:3]:
            print(f"      extra  {e['label']!r} {e['year']} {e['column_kind']} {e['amount_sek']} "
                  f"(header {e['column_header']!r})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=70, help="documents (families taken in turn)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("/tmp/fuzz"))
    ap.add_argument("--family", action="append", choices=FAMILIES, help="only these families (repeatable)")
    ap.add_argument("--workers", type=int, default=2, help="render and parse processes (at most 2 advised)")
    ap.add_argument("--only", action="append", metavar="TEXT",
                    help="keep only drawn documents whose name contains TEXT (repeatable); the draw itself is "
                         "unchanged, so document N is the same as in the full run")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--score-only", action="store_true", help="score OUT/finsam/warehouse.duckdb as it is")
    a = ap.parse_args(argv)
    docs = draw_docs(a.seed, a.n, tuple(a.family or FAMILIES))
    if a.only:
        docs = [d for d in docs if any(t in d.stem for t in a.only)]
    t0 = time.time()
    if not a.score_only:
        render_docs(docs, a.out, a.workers)
    t1 = time.time()
    warehouse = a.out / "finsam" / "warehouse.duckdb" if a.score_only else run_finsam(a.out, docs, a.workers)
    t2 = time.time()
    scores = score_docs(warehouse, a.out, docs)
    print(f"{len(docs)} documents, seed {a.seed}: render {t1 - t0:.1f}s (cached ones skipped), "
          f"finsam {t2 - t1:.1f}s; warehouse {warehouse}\n")
    rows = family_table(scores)
    print_families(rows)
    print_features(scores)
    print_worst(scores, a.worst)
    (a.out / "results.json").write_text(json.dumps(
        {"seed": a.seed, "n": a.n, "families": rows,
         "documents": [{"stem": s.stem, "family": s.family, "f1": s.f1, "gold": s.gold, "pred": s.pred,
                        "tp": s.tp} for s in scores]}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
