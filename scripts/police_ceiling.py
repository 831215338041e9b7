"""How much of the police ANY_ACTION gap an event coder could close: counts and the F1 ceiling on ``work7``.

Reads the hand judgments of docs/judging.md, "Police sentences read by hand (issue 10)":
``eval/judged/police_misses.work7.jsonl`` (a random sample of the gold-ANY_ACTION sentences of ``work7`` that
main misses, categories A-E) and ``eval/judged/police_falsepos.work7.jsonl`` (every false positive of main on
``work7``: TP_REAL, REAL_WRONG_CODE, NOT_POLICE_ACT).  Prints the counts per category with 95% Wilson
intervals, and the ANY_ACTION F1 main would get on ``work7`` if it found every category-A sentence (the
sample's share of A scaled to all misses; the interval from A's Wilson interval) keeping its false positives,
and the same with the false positives the reader found to be real police acts counted as right.

Main's work7 counts (TP, FP, FN) are computed from the per-article dumps ``--dumps`` (JSON lines with
``id``, ``sents`` [{sid, gold}] and ``events`` [{sid, labs}]) when those files exist, else taken from
``--tp --fp --fn``.  ``work7``: the articles whose SHA-256 of ``"police7:" + id`` is not divisible by 4
(``held7`` in scripts/police_parts.py).

Main's counts at the time of the judging (main 3fb0520, work7 ANY_ACTION): TP 352, FP 43, FN 363.

Usage:  PYTHONPATH=src python scripts/police_ceiling.py --tp 352 --fp 43 --fn 363
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from police_parts import held7

from newsgraph.evaluation.judged_common import wilson

ROOT = Path(__file__).resolve().parents[1]
MISSES = ROOT / "eval" / "judged" / "police_misses.work7.jsonl"
FALSEPOS = ROOT / "eval" / "judged" / "police_falsepos.work7.jsonl"
MISS_CATEGORIES = ("A", "B", "C", "D", "E")
FP_CATEGORIES = ("TP_REAL", "REAL_WRONG_CODE", "NOT_POLICE_ACT")
# tenses under which a category-A act is told as having happened (or as planned), not denied or supposed
FACTUAL = ("asserted", "reported", "intended_or_future")
Record = dict[str, Any]


def read(path: Path) -> list[Record]:
    """The JSON objects of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def work7_counts(dumps: Iterable[Path]) -> tuple[int, int, int]:
    """Main's sentence-level ANY_ACTION TP, FP and FN over the ``work7`` articles of the dumps."""
    tp = fp = fn = 0
    for path in dumps:
        for art in read(path):
            if held7(str(art["id"])):
                continue
            pred = {e["sid"] for e in art["events"] if "ANY_ACTION" in e["labs"]}
            for s in art["sents"]:
                gold, hit = "ANY_ACTION" in s["gold"], s["sid"] in pred
                tp += gold and hit
                fp += hit and not gold
                fn += gold and not hit
    return tp, fp, fn


def f1(tp: float, fp: float, fn: float) -> float:
    """F1 from (possibly fractional, estimated) counts."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def table(items: Sequence[Record], categories: Sequence[str], title: str) -> None:
    """Counts per category with the share's 95% Wilson interval."""
    n = len(items)
    counts = Counter(str(it["category"]) for it in items)
    print(f"{title} (n={n})")
    for cat in categories:
        k = counts.get(cat, 0)
        lo, hi = wilson(k, n)
        print(f"  {cat:<16} {k:>4}  {k / n:6.3f}  95% {lo:.3f}-{hi:.3f}")
    unknown = set(counts) - set(categories)
    if unknown:
        raise SystemExit(f"unknown categories: {sorted(unknown)}")


def ceiling(k: int, n: int, misses: int, tp: int, fp: int, fn: int, right_fp: int) -> str:
    """F1 (95% interval) when the estimated share k/n of the misses is found and ``right_fp`` false positives
    are counted as right (moved from FP to TP)."""
    out = []
    for share in (k / n, *wilson(k, n)):
        found = share * misses
        out.append(f1(tp + right_fp + found, fp - right_fp, fn - found))
    return f"{out[0]:.4f} (95% {out[1]:.4f}-{out[2]:.4f}); A found ~{k / n * misses:.0f} of {misses}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=Path, default=MISSES)
    ap.add_argument("--falsepos", type=Path, default=FALSEPOS)
    ap.add_argument("--dumps", type=Path, nargs="*", default=[])
    ap.add_argument("--tp", type=int)
    ap.add_argument("--fp", type=int)
    ap.add_argument("--fn", type=int)
    args = ap.parse_args()
    if args.dumps and all(p.exists() for p in args.dumps):
        tp, fp, fn = work7_counts(args.dumps)
        origin = "computed from " + ", ".join(str(p) for p in args.dumps)
    elif None not in (args.tp, args.fp, args.fn):
        tp, fp, fn = args.tp, args.fp, args.fn
        origin = "given on the command line"
    else:
        raise SystemExit("give --tp --fp --fn (main's work7 ANY_ACTION counts) or --dumps FILES")
    misses, falsepos = read(args.misses), read(args.falsepos)
    print(f"main on work7: TP {tp}  FP {fp}  FN {fn}  ANY_ACTION F1 {f1(tp, fp, fn):.4f} ({origin})")
    if len(falsepos) != fp:
        print(f"  note: {len(falsepos)} judged false positives against FP {fp}")
    table(misses, MISS_CATEGORIES, f"misses, a random sample of the {fn}")
    table(falsepos, FP_CATEGORIES, "false positives, all of them")
    cat_a = [it for it in misses if it["category"] == "A"]
    print("category A by miss_cause:", dict(Counter(str(it["miss_cause"]) for it in cat_a).most_common()))
    print("category A by tense:", dict(Counter(str(it["tense"]) for it in cat_a).most_common()))
    n, k_all = len(misses), len(cat_a)
    k_fact = sum(1 for it in cat_a if it["tense"] in FACTUAL)
    real = Counter(str(it["category"]) for it in falsepos)
    tp_real, real_any = real["TP_REAL"], real["TP_REAL"] + real["REAL_WRONG_CODE"]
    print("ceiling, every category-A sentence found, false positives kept:")
    print("  all A:                        ", ceiling(k_all, n, fn, tp, fp, fn, 0))
    print("  A told as happened or planned:", ceiling(k_fact, n, fn, tp, fp, fn, 0))
    print(f"annotation-corrected (the {tp_real} TP_REAL false positives counted as right):")
    print("  main as it is:                ", f"{f1(tp + tp_real, fp - tp_real, fn):.4f}")
    print("  all A:                        ", ceiling(k_all, n, fn, tp, fp, fn, tp_real))
    print("  A told as happened or planned:", ceiling(k_fact, n, fn, tp, fp, fn, tp_real))
    print(f"ANY_ACTION ignores the code: with REAL_WRONG_CODE too ({real_any} right):")
    print("  main as it is:                ", f"{f1(tp + real_any, fp - real_any, fn):.4f}")
    print("  all A:                        ", ceiling(k_all, n, fn, tp, fp, fn, real_any))


if __name__ == "__main__":
    main()
