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
import hashlib
import json
import math
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import read_jsonl

SEED = 20261201
CRITERIA = ("real", "grouping", "code", "full")


@dataclass(frozen=True)
class Source:
    """One corpus sampled from: its short name, file under the data folder, articles and entity quota."""

    name: str
    path: str
    articles: int
    quota: int


SOURCES: tuple[Source, ...] = (
    Source("bbc", "corpus/bbc_2004_2005/articles.jsonl", 25, 80),
    Source("cnn", "corpus/cnn_brexit_2019/articles.jsonl", 25, 80),
    Source("police", "events/police_events.dev.jsonl", 12, 40),
)


def rank(seed: int, *parts: object) -> str:
    """A stable pseudo-random rank: the hex SHA-256 of ``seed:part:part…`` (independent of file order)."""
    return hashlib.sha256(":".join(str(p) for p in (seed, *parts)).encode()).hexdigest()


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


# --- sampling ---------------------------------------------------------------------------------------

def input_record(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``newsgraph analyze`` JSONL input line for a corpus record (id, text, title, date, url kept)."""
    out: dict[str, Any] = {"id": rec["id"], "text": rec["text"]}
    if rec.get("title"):
        out["title"] = rec["title"]
    if rec.get("date"):
        out["date"] = str(rec["date"])[:10]
    if rec.get("url"):
        out["url"] = rec["url"]
    return out


def sample_articles(data: Path, seed: int = SEED, sources: Sequence[Source] = SOURCES,
                    exclude: frozenset[str] = frozenset()) -> list[tuple[str, dict[str, Any]]]:
    """[(source name, input line)] — per source the ``articles`` records of lowest rank, leaving out the
    article ids in ``exclude`` (so that a fresh, held-out sample shares no article with an earlier one)."""
    chosen: list[tuple[str, dict[str, Any]]] = []
    for src in sources:
        recs = sorted((r for r in read_jsonl(data / src.path) if str(r["id"]) not in exclude),
                      key=lambda r: rank(seed, "article", r["id"]))
        chosen += [(src.name, input_record(r)) for r in recs[: src.articles]]
    return chosen


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
    """Per source the ``quota`` lowest-ranked items; a source short of items leaves its rest to the others
    (filled in rank order over all remaining items), so the total stays the sum of the quotas."""
    by_src: dict[str, list[dict[str, Any]]] = {s.name: [] for s in sources}
    for it in items:
        by_src.setdefault(it["source"], []).append(it)
    keyed = {name: sorted(lst, key=lambda it: rank(seed, "entity", it["article"], it["start"], it["end"]))
             for name, lst in by_src.items()}
    chosen = [it for s in sources for it in keyed.get(s.name, [])[: s.quota]]
    short = sum(s.quota for s in sources) - len(chosen)
    if short > 0:
        rest = [it for s in sources for it in keyed.get(s.name, [])[s.quota:]]
        rest.sort(key=lambda it: rank(seed, "entity", it["article"], it["start"], it["end"]))
        chosen += rest[:short]
    order = {s.name: i for i, s in enumerate(sources)}
    return sorted(chosen, key=lambda it: (order.get(it["source"], 99), it["article"], it["start"]))


SAME_KEYS = ("article", "text_sha1", "start", "end", "type", "actor", "mentions", "name_sha1")


def carry_over(new: list[dict[str, Any]], old: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Copy verdicts from ``old`` judgments onto ``new`` items that are unchanged (same article text,
    first-mention offsets, type, code, mention set and canonical name); the rest get null verdicts.
    Returns (items, number carried)."""
    judged = {tuple(json.dumps(o.get(k)) for k in SAME_KEYS): o for o in old if o.get("full") is not None}
    out, carried = [], 0
    for it in new:
        o = judged.get(tuple(json.dumps(it.get(k)) for k in SAME_KEYS))
        it = dict(it)
        if o is not None:
            it.update({c: o[c] for c in CRITERIA}, tags=o.get("tags", []), reason=o.get("reason", ""),
                      judged_commit=o.get("judged_commit", o.get("pipeline_commit")))
            carried += 1
        else:
            it.update({c: None for c in CRITERIA}, tags=[], reason="")
        out.append(it)
    return out, carried


def pipeline_commit() -> str:
    """The git commit of the newsgraph being run (``+dirty`` when its tree has uncommitted changes)."""
    repo = Path(__file__).resolve().parents[3]
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def excluded_articles(paths: Iterable[Path]) -> frozenset[str]:
    """The article ids of earlier judgment files: a fresh sample leaves these articles out."""
    return frozenset(str(it["article"]) for p in paths for it in read_jsonl(p))


def run_sample(data: Path, work: Path, out: Path, seed: int, carry_from: Path | None, reuse: bool,
               exclude_from: Sequence[Path] = ()) -> None:
    work.mkdir(parents=True, exist_ok=True)
    exclude = excluded_articles(exclude_from)
    chosen = sample_articles(data, seed, exclude=exclude)
    inputs, analysis_path = work / "inputs.jsonl", work / "analysis.jsonl"
    with open(inputs, "w", encoding="utf-8") as f:
        for _, rec in chosen:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if not (reuse and analysis_path.exists()):
        subprocess.run([sys.executable, "-m", "newsgraph", "analyze", str(inputs), "-o", str(analysis_path)],
                       check=True)
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

def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def share(items: Sequence[dict[str, Any]], criterion: str) -> dict[str, Any]:
    """The share of ``items`` whose verdict ``criterion`` is true, with its 95% Wilson interval."""
    k = sum(1 for it in items if it[criterion] is True)
    lo, hi = wilson(k, len(items))
    return {"share": round(k / len(items), 4) if items else None, "k": k, "n": len(items),
            "ci95": [round(lo, 4), round(hi, 4)]}


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
    done, pending = [], 0
    for it in judgments:
        if any(it.get(c) is None for c in CRITERIA):
            pending += 1
            continue
        if it["full"] != (it["real"] and it["grouping"] and it["code"]):
            raise ValueError(f"{it.get('item')}: full must be real and grouping and code")
        done.append(it)
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
    tally: dict[str, int] = {}
    for it in done:
        for t in it.get("tags") or []:
            tally[t] = tally.get(t, 0) + 1
    result["error_tags"] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
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
