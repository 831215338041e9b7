"""Judged entities: a hand-judged random sample of coded entities on real news, and its score.

Why: the gold sets say little about whether an entity's *actor code* is right in context, so a
person reads a random sample of coded entities against the article and records three verdicts
per entity (real entity? grouping right? code right for the article's date?).  This module makes
that sample reproducible and scores the judgments; the judging rules are in docs/judging.md.

Sampling is *coordinated* so that a later pipeline can be judged cheaply:
  * articles: per source, the ``n`` records with the lowest ``sha256(seed:article:id)``;
  * entities: every entity with an actor code gets the rank ``sha256(seed:entity:article:start:end)``
    of its first mention; per source the lowest-ranked ``quota`` are taken.
An entity that a newer pipeline outputs unchanged keeps its rank, so re-sampling the newer output
with the same seed keeps it in the sample whenever it is still among the lowest ranks, and its
verdicts carry over (``sample --carry-from``); only new or changed items need judging.

Commands (``python -m newsgraph.evaluation.judged_entities CMD``):
  sample  build the input JSONL, run ``newsgraph analyze``, write the items to judge
  show    print each item's mentions in context (for the judge; nothing is stored)
  score   share fully right and per criterion with 95% Wilson intervals, overall and per source
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import judged_common as jc
from .common import read_jsonl
from .judged_common import Source, excluded_articles, pipeline_commit, rank, share, short_hash, wilson

__all__ = ["CRITERIA", "SEED", "SOURCES", "Source", "candidates", "carry_over", "excluded_articles", "lenient",
           "main", "pipeline_commit", "rank", "sample_articles", "sample_items", "score", "wilson"]

SEED = 20261201
CRITERIA = ("real", "grouping", "code", "full")

SOURCES: tuple[Source, ...] = (
    Source("bbc", "corpus/bbc_2004_2005/articles.jsonl", 25, 80),
    Source("cnn", "corpus/cnn_brexit_2019/articles.jsonl", 25, 80),
    Source("police", "events/police_events.dev.jsonl", 12, 40),
)


# --- sampling ---------------------------------------------------------------------------------------

def sample_articles(data: Path, seed: int = SEED, sources: Sequence[Source] = SOURCES,
                    exclude: frozenset[str] = frozenset()) -> list[tuple[str, dict[str, Any]]]:
    """[(source name, input line)] — per source the ``articles`` records of lowest rank (judged_common)."""
    return jc.sample_articles(data, seed, sources, exclude)


def candidates(analysis: dict[str, Any], source: str, commit: str) -> list[dict[str, Any]]:
    """One item per entity that carries an actor code: where it is and what was output (no article text)."""
    art = analysis["article"]
    items = []
    for ent in analysis.get("entities", []):
        if not ent.get("actor"):
            continue
        spans = sorted((m["start"], m["end"]) for m in ent["mentions"])
        start, end = spans[0]
        items.append({
            "item": f"{art['id']}:{start}-{end}", "article": art["id"], "source": source,
            "date": art.get("published"), "text_sha1": short_hash(art["text"]),
            "start": start, "end": end, "type": ent["type"], "actor": ent["actor"],
            "mentions": [list(s) for s in spans], "name_sha1": short_hash(ent.get("name") or ""),
            "pipeline_commit": commit,
        })
    return items


def sample_items(items: Iterable[dict[str, Any]], seed: int = SEED, sources: Sequence[Source] = SOURCES
                 ) -> list[dict[str, Any]]:
    """Per source the ``quota`` entities of lowest rank ``sha256(seed:entity:article:start:end)``; a source
    short of items leaves its rest to the others, so the total stays the sum of the quotas."""
    return jc.sample_items(items, lambda it: rank(seed, "entity", it["article"], it["start"], it["end"]), sources)


SAME_KEYS = ("article", "text_sha1", "start", "end", "type", "actor", "mentions", "name_sha1")


def carry_over(new: list[dict[str, Any]], old: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Copy verdicts from ``old`` judgments onto ``new`` items that are unchanged (same article text,
    first-mention offsets, type, code, mention set and canonical name); the rest get null verdicts.
    Returns (items, number carried)."""
    return jc.carry_over(new, old, lambda it: json.dumps([it.get(k) for k in SAME_KEYS]),
                         {**{c: None for c in CRITERIA}, "tags": [], "reason": ""},
                         lambda o: o.get("full") is not None)


def run_sample(data: Path, work: Path, out: Path, seed: int, carry_from: Path | None, reuse: bool,
               exclude_from: Sequence[Path] = ()) -> None:
    exclude = excluded_articles(exclude_from)
    chosen = sample_articles(data, seed, exclude=exclude)
    analysis_path = jc.run_pipeline(chosen, work, reuse)
    source_of = {rec["id"]: name for name, rec in chosen}
    commit = pipeline_commit()
    items = [it for a in read_jsonl(analysis_path) if "article" in a
             for it in candidates(a, source_of[a["article"]["id"]], commit)]
    picked = sample_items(items, seed)
    old = list(read_jsonl(carry_from)) if carry_from else []
    picked, carried = carry_over(picked, old)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for it in picked:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    pending = [it["item"] for it in picked if it["full"] is None]
    print(json.dumps({"articles": len(chosen), "excluded_articles": len(exclude), "coded_entities": len(items),
                      "sampled": len(picked),
                      "carried_over": carried, "to_judge": len(pending), "pipeline_commit": commit,
                      "pending": pending}, indent=1))


# --- showing items to the judge ---------------------------------------------------------------------

def run_show(items_path: Path, work: Path, pending_only: bool, width: int) -> None:
    """Print every item with all its mentions in context, read from the analysis in ``work``."""
    arts = {a["article"]["id"]: a for a in read_jsonl(work / "analysis.jsonl") if "article" in a}
    for n, it in enumerate(read_jsonl(items_path)):
        if pending_only and it.get("full") is not None:
            continue
        a = arts[it["article"]]
        text = a["article"]["text"]
        ent = next(e for e in a["entities"] if e.get("actor") == it["actor"]
                   and sorted((m["start"], m["end"]) for m in e["mentions"])[0] == (it["start"], it["end"]))
        print(f"=== #{n} {it['item']} [{it['source']} {it['date']}] {ent['type']} {ent['actor']} "
              f"name={ent['name']!r} role={ent.get('role')!r} kb={ent.get('kb_id')!r}")
        print(f"    title: {a['article'].get('title')!r}")
        for s, e in (tuple(m) for m in it["mentions"]):
            left = text[max(0, s - width): s].replace("\n", " ")
            right = text[e: e + width].replace("\n", " ")
            print(f"  {s:>6}: …{left}[[{text[s:e]}]]{right}…")


# --- scoring ----------------------------------------------------------------------------------------

UNDER_CODED = frozenset({"role-missing", "country-missing"})


def lenient(it: dict[str, Any]) -> dict[str, Any]:
    """The item judged with under-coding accepted: full is true when the only faults are a missing role or
    a missing country (nothing output was wrong, something plain was left out)."""
    tags = set(it.get("tags") or [])
    ok = bool(it["full"]) or (bool(tags) and tags <= UNDER_CODED and it["real"] and it["grouping"])
    return {**it, "full": ok}


def score(judgments: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Shares fully right and per criterion with 95% Wilson intervals, overall and per source, the lenient
    share (under-coding accepted), the share fully right per entity type and a count of error tags.
    Items without verdicts are counted as pending and left out; ``full`` must equal real ∧ grouping ∧ code."""
    done, pending = jc.split_judged(judgments, CRITERIA)
    sources = sorted({it["source"] for it in done})
    result: dict[str, Any] = {"judged": len(done), "pending": pending,
                              "commits": sorted({it.get("pipeline_commit", "?") for it in done})}
    result["overall"] = {c: share(done, c) for c in CRITERIA}
    result["overall"]["full_lenient"] = share([lenient(it) for it in done], "full")
    result["by_source"] = {}
    for s in sources:
        mine = [it for it in done if it["source"] == s]
        result["by_source"][s] = {c: share(mine, c) for c in CRITERIA}
        result["by_source"][s]["full_lenient"] = share([lenient(it) for it in mine], "full")
    kinds = ("PERSON", "ORG", "GPE", "NORP")
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in (*kinds, "other")}
    for it in done:
        kind = str(it.get("type"))
        by_kind[kind if kind in kinds else "other"].append(it)
    result["full_by_type"] = {k: share(lst, "full") for k, lst in by_kind.items()}
    result["error_tags"] = jc.tally(done)
    return result


# --- command line -----------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.judged_entities", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="sample articles, run the pipeline, write the items to judge")
    s.add_argument("--data", type=Path, required=True, help="the data folder (../shared/data)")
    s.add_argument("--work", type=Path, required=True, help="scratch folder for inputs and analysis (not the repo)")
    s.add_argument("-o", "--out", type=Path, required=True, help="items/judgments JSONL to write")
    s.add_argument("--seed", type=int, default=SEED)
    s.add_argument("--carry-from", type=Path, help="earlier judgments whose verdicts carry over when unchanged")
    s.add_argument("--reuse", action="store_true", help="reuse WORK/analysis.jsonl instead of re-running")
    s.add_argument("--exclude-from", type=Path, action="append", default=[],
                   help="earlier judgment file whose articles are left out (a held-out sample); repeatable")
    sh = sub.add_parser("show", help="print items with their mentions in context")
    sh.add_argument("items", type=Path)
    sh.add_argument("--work", type=Path, required=True)
    sh.add_argument("--pending", action="store_true", help="only items without verdicts")
    sh.add_argument("--width", type=int, default=70)
    sc = sub.add_parser("score", help="score a judgment file")
    sc.add_argument("judgments", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        run_sample(args.data, args.work, args.out, args.seed, args.carry_from, args.reuse, args.exclude_from)
    elif args.cmd == "show":
        run_show(args.items, args.work, args.pending, args.width)
    else:
        print(json.dumps(score(read_jsonl(args.judgments)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
