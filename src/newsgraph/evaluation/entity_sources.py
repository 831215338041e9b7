"""Precision of each actor-coding rule on the judged entity samples, and which rules withhold their code.

Why: the judged entity samples (eval/judged/entities*.jsonl, docs/judging.md) say for 200 coded entities
each whether the entity and its code are right; fixing the errors of one sample has not carried over to
the next.  Every coded entity records which rule gave its code (``actor_source``, read as a rule by
``actors.provenance.rule_of``), so the judged items say how often each *rule* is right.  A rule that is
wrong too often should give no code at all: the entity stays, uncoded, with the reason in
``actor_source`` (``withheld:CODE:SOURCE``; the table is ``data/actors/withheld_rules.tsv``).

How: the current pipeline is run on the articles of every judged entity file; each judged item that it
still outputs identically (same article text, first-mention offsets, type and code — and, for the strict
count, the same mentions and name) is joined to its verdict.  Items of one sample that appear in several
files (a sample and its re-draw) count once, with the latest verdict.  Per rule (and entity type):
items, share fully right and its 95% Wilson interval.  Withholding is chosen by a fixed policy
(``choose``: at least ``min_n`` items and a share fully right at most ``threshold``); how well a choice
made on some samples holds on another is estimated by leaving one sample out at a time (``leave_one_out``).

Command: ``python -m newsgraph.evaluation.entity_sources --data ../shared/data --work /tmp/entsrc``
(``--reuse`` keeps WORK/analysis.jsonl; ``--markdown`` prints the tables of docs/evaluation.md;
``--write-table PATH`` writes the withheld rules chosen on every sample).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actors.provenance import WITHHELD, rule_of, withheld_code
from . import judged_common as jc
from .common import read_jsonl
from .judged_entities import SOURCES

JSON = dict[str, Any]
JUDGED = Path(__file__).resolve().parents[3] / "eval" / "judged"
MIN_N = 10
THRESHOLD = 0.8


@dataclass(frozen=True)
class Row:
    """One judged item the current pipeline still outputs: its sample, corpus, type, rule and verdict."""

    sample: str
    source: str
    type: str
    rule: str
    full: bool
    lenient: bool
    strict: bool  # mentions and canonical name unchanged too
    withheld: bool  # the current pipeline withholds the code (it is recovered from actor_source)


def sample_of(path: Path) -> str:
    """The sample a judgment file belongs to: "entities.fresh5.after.jsonl" -> "fresh5"; the three files of
    the first sample (before, after, final) are "first"."""
    name = re.sub(r"^entities\.|\.jsonl$", "", path.name).removesuffix(".after")
    return "first" if name in ("before", "after", "final") else name


def _key(it: JSON) -> tuple[Any, ...]:
    return (it["article"], it["text_sha1"], it["start"], it["end"], it["type"], it["actor"])


def judged_items(paths: Iterable[Path]) -> dict[tuple[Any, ...], tuple[str, JSON]]:
    """Judged items by (article, text hash, offsets, type, code) -> (sample, item); files read in order, so a
    later file's verdict replaces an earlier one's for the same output."""
    out: dict[tuple[Any, ...], tuple[str, JSON]] = {}
    for p in paths:
        for it in read_jsonl(p):
            if it.get("full") is not None:
                out[_key(it)] = (sample_of(p), it)
    return out


def coded(analysis: JSON) -> Iterable[tuple[tuple[Any, ...], JSON, bool]]:
    """(key, entity, withheld) for every entity with a code, or whose code the pipeline withheld (the code
    and the rule are then read back from ``actor_source``)."""
    art = analysis["article"]
    text_sha1 = jc.short_hash(art["text"])
    for ent in analysis.get("entities", []):
        src = ent.get("actor_source") or ""
        code, withheld = ent.get("actor"), False
        if not code and src.startswith(WITHHELD):
            code, src = withheld_code(src)
            withheld = True
            ent = {**ent, "actor": code, "actor_source": src}
        if not code:
            continue
        spans = sorted((m["start"], m["end"]) for m in ent["mentions"])
        yield (art["id"], text_sha1, spans[0][0], spans[0][1], ent["type"], code), ent, withheld


def join(analyses: Iterable[JSON], judged: dict[tuple[Any, ...], tuple[str, JSON]]) -> list[Row]:
    """The judged items the analyses still output, with the rule that gave each its code now."""
    from .judged_entities import lenient

    rows = []
    for a in analyses:
        for key, ent, withheld in coded(a):
            if key not in judged:
                continue
            sample, it = judged[key]
            spans = sorted([m["start"], m["end"]] for m in ent["mentions"])
            strict = spans == it["mentions"] and jc.short_hash(ent.get("name") or "") == it["name_sha1"]
            rows.append(Row(sample, it["source"], it["type"], rule_of(ent.get("actor_source")), bool(it["full"]),
                            bool(lenient(it)["full"]), strict, withheld))
    return rows


# --- tables -----------------------------------------------------------------------------------------

KEYS: dict[str, Callable[[Row], str]] = {
    "rule": lambda r: r.rule,
    "rule-type": lambda r: f"{r.rule} {r.type}",  # the key withholding is chosen by
    "step": lambda r: r.rule.split("+")[0],
    "type": lambda r: r.type,
    "source": lambda r: r.source,
    "sample": lambda r: r.sample,
}


def table(rows: Sequence[Row], key: Callable[[Row], str]) -> list[JSON]:
    """Per value of ``key``: items, fully right, the share and its Wilson interval; most items first."""
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    out = []
    for k, lst in groups.items():
        right = sum(r.full for r in lst)
        lo, hi = jc.wilson(right, len(lst))
        out.append({"key": k, "n": len(lst), "right": right, "precision": round(right / len(lst), 3),
                    "ci95": [round(lo, 3), round(hi, 3)],
                    "lenient": round(sum(r.lenient for r in lst) / len(lst), 3),
                    "withheld_now": sum(r.withheld for r in lst)})
    return sorted(out, key=lambda d: (-d["n"], d["key"]))


DECIDE = "rule-type"


def choose(rows: Sequence[Row], key: Callable[[Row], str], min_n: int = MIN_N,
           threshold: float = THRESHOLD) -> set[str]:
    """The values of ``key`` whose code should be withheld: at least ``min_n`` judged items and a share
    fully right of at most ``threshold``."""
    return {d["key"] for d in table(rows, key) if d["n"] >= min_n and d["precision"] <= threshold}


def _precision(rows: Sequence[Row]) -> JSON:
    right = sum(r.full for r in rows)
    lo, hi = jc.wilson(right, len(rows))
    return {"n": len(rows), "right": right, "precision": round(right / len(rows), 3) if rows else None,
            "ci95": [round(lo, 3), round(hi, 3)]}


def leave_one_out(rows: Sequence[Row], key: Callable[[Row], str], min_n: int = MIN_N,
                  threshold: float = THRESHOLD) -> JSON:
    """For each sample: the rules chosen on the *other* samples, and on this one the share fully right of
    all its joined items, of the items those rules keep, and the share of items kept (coverage)."""
    per: list[JSON] = []
    kept_all: list[Row] = []
    for s in sorted({r.sample for r in rows}):
        chosen = choose([r for r in rows if r.sample != s], key, min_n, threshold)
        mine = [r for r in rows if r.sample == s]
        kept = [r for r in mine if key(r) not in chosen]
        kept_all += kept
        per.append({"sample": s, "withheld_rules": sorted(chosen), "all": _precision(mine),
                    "kept": _precision(kept), "coverage": round(len(kept) / len(mine), 3) if mine else None})
    return {"per_sample": per, "all": _precision(rows), "kept": _precision(kept_all),
            "coverage": round(len(kept_all) / len(rows), 3) if rows else None}


def sweep(rows: Sequence[Row], min_ns: Sequence[int] = (5, 10, 15),
          thresholds: Sequence[float] = (0.6, 0.7, 0.75, 0.8, 0.85)) -> list[JSON]:
    """The leave-one-out estimate for each policy (minimum items, threshold), for both keys: how much the
    choice of the policy itself matters."""
    out = []
    for name in ("rule", "rule-type"):
        for n in min_ns:
            for t in thresholds:
                loo = leave_one_out(rows, KEYS[name], n, t)
                out.append({"key": name, "min_n": n, "threshold": t, "all": loo["all"]["precision"],
                            "kept": loo["kept"]["precision"], "coverage": loo["coverage"]})
    return out


# --- the run ----------------------------------------------------------------------------------------

def judgment_files(folder: Path = JUDGED) -> list[Path]:
    """Every judged entity file, oldest sample first (so a re-draw's verdict replaces its first draw's)."""
    def order(p: Path) -> tuple[int, int, str]:
        s = sample_of(p)
        n = 0 if s == "first" else int(re.sub(r"\D", "", s) or 1)
        first = ("before", "after", "final").index(p.name.split(".")[1]) if s == "first" else 0
        return n, first if s == "first" else int(p.name.endswith(".after.jsonl")), p.name
    return sorted(folder.glob("entities.*.jsonl"), key=order)


def run(data: Path, work: Path, reuse: bool, files: Sequence[Path]) -> list[Row]:
    judged = judged_items(files)
    wanted = {str(it["article"]) for _, it in judged.values()}
    chosen = [(src.name, jc.input_record(rec)) for src in SOURCES for rec in read_jsonl(data / src.path)
              if str(rec["id"]) in wanted]
    analysis = jc.run_pipeline(chosen, work, reuse)
    return join((a for a in read_jsonl(analysis) if "article" in a), judged)


def report(rows: Sequence[Row], min_n: int, threshold: float) -> JSON:
    strict = [r for r in rows if r.strict]
    return {
        "joined": len(rows), "joined_strict": len(strict), "policy": {"min_n": min_n, "threshold": threshold},
        "overall": _precision(rows),
        "tables": {name: table(rows, k) for name, k in KEYS.items()},
        "chosen": sorted(choose(rows, KEYS[DECIDE], min_n, threshold)),
        "leave_one_out": leave_one_out(rows, KEYS[DECIDE], min_n, threshold),
        "sweep": sweep(rows),
    }


def markdown(rep: JSON, min_rows: int = 5) -> str:
    """The per-rule table (rule and type with at least ``min_rows`` items), the leave-one-out table and the
    policy sweep."""
    lines = ["| rule | type | items | fully right | 95% interval | withheld |", "|---|---|---|---|---|---|"]
    chosen = set(rep["chosen"])
    small = [d for d in rep["tables"][DECIDE] if d["n"] < min_rows]
    for d in rep["tables"][DECIDE]:
        if d["n"] >= min_rows:
            rule, _, typ = d["key"].rpartition(" ")
            lines.append(f"| `{rule}` | {typ} | {d['n']} | {d['precision']:.3f} | "
                         f"{d['ci95'][0]:.3f}-{d['ci95'][1]:.3f} | {'yes' if d['key'] in chosen else ''} |")
    if small:
        n = sum(d["n"] for d in small)
        right = sum(d["right"] for d in small)
        lines.append(f"| {len(small)} other rule-type pairs (< {min_rows} items each) | | {n} | {right / n:.3f} | | |")
    lines += ["", "| left out | items | fully right, all | withheld by the others' choice | kept | "
              "fully right, kept | coverage |", "|---|---|---|---|---|---|---|"]
    loo = rep["leave_one_out"]
    for p in loo["per_sample"]:
        lines.append(f"| {p['sample']} | {p['all']['n']} | {p['all']['precision']:.3f} | "
                     f"{', '.join(f'`{w}`' for w in p['withheld_rules']) or '-'} | {p['kept']['n']} | "
                     f"{p['kept']['precision']:.3f} | {p['coverage']:.3f} |")
    lines.append(f"| **all** | {loo['all']['n']} | {loo['all']['precision']:.3f} | | {loo['kept']['n']} | "
                 f"{loo['kept']['precision']:.3f} | {loo['coverage']:.3f} |")
    lines += ["", "| key | min items | threshold | fully right, kept (leave-one-out) | coverage |",
              "|---|---|---|---|---|"]
    for d in rep["sweep"]:
        lines.append(f"| {d['key']} | {d['min_n']} | {d['threshold']} | {d['kept']:.3f} | {d['coverage']:.3f} |")
    return "\n".join(lines)


def write_table(rep: JSON, path: Path) -> None:
    """The withheld (rule, type) pairs chosen on every sample, with their counts: data/actors/withheld_rules.tsv."""
    by_key = {d["key"]: d for d in rep["tables"][DECIDE]}
    pol = rep["policy"]
    lines = ["# Actor-coding rules whose code is withheld (actors/provenance.py): the (rule, entity type) pairs "
             f"with at\n# least {pol['min_n']} judged items and a share fully right of at most {pol['threshold']} "
             "on the judged entity samples",
             "# (eval/judged/entities.*.jsonl, dev data). Written by: python -m newsgraph.evaluation.entity_sources "
             "--data ../shared/data",
             "# --work DIR --write-table src/newsgraph/data/actors/withheld_rules.tsv (docs/evaluation.md, "
             "\"Calibrated abstention\").",
             "rule\ttype\titems\tfully_right\tprecision"]
    for k in rep["chosen"]:
        d = by_key[k]
        rule, _, typ = k.rpartition(" ")
        lines.append(f"{rule}\t{typ}\t{d['n']}\t{d['right']}\t{d['precision']:.3f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.entity_sources", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the data folder (../shared/data)")
    ap.add_argument("--work", type=Path, required=True, help="scratch folder for inputs and analysis (not the repo)")
    ap.add_argument("--reuse", action="store_true", help="reuse WORK/analysis.jsonl instead of re-running")
    ap.add_argument("--judgments", type=Path, action="append", default=[],
                    help="judgment files (default: every eval/judged/entities.*.jsonl)")
    ap.add_argument("--min-n", type=int, default=MIN_N)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--markdown", action="store_true", help="print the tables of docs/evaluation.md")
    ap.add_argument("--write-table", type=Path, help="write the withheld rules (data/actors/withheld_rules.tsv)")
    args = ap.parse_args(argv)
    rows = run(args.data, args.work, args.reuse, args.judgments or judgment_files())
    rep = report(rows, args.min_n, args.threshold)
    print(markdown(rep) if args.markdown else json.dumps(rep, indent=1))
    if args.write_table:
        write_table(rep, args.write_table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
