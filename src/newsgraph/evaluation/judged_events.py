"""Judged events: a random sample of the CAMEO events newsgraph outputs on real news, each read by a
person against the article (a real event? right root code? right source, target, date?), a sample of
sentences in which the judge lists every real event (to estimate recall), and their scores.

Why: the event gold sets are single sentences the coder was tuned near; on unseen real articles the share
of events a careful reader signs off on is the measure (issue 10).  Items are sampled over every
confidence level, so the score gives the precision of each confidence band and at each candidate
threshold, from which the default ``min_confidence_events`` is chosen.  Each article's items belong to one
third (by the article's rank); third 2 is held aside and scored at the end only.

Sampling, carry-over, merging and intervals are ``judged_common``'s; quotes are ``judged_quotes``'s; the
command line (``python -m newsgraph.evaluation.judged_events CMD``) serves all three files:
  sample  draw the articles, run ``newsgraph analyze``, write the events, quotes and recall sentences to judge
  show    print each item in context for the judge (article text is printed, never stored)
  score   events, quotes or recall: shares with 95% Wilson intervals, per source, third and confidence band
  merge   put together copies of a file judged in parts (line ranges) by several judges
  frames  map the articles' current texts onto the texts a sample was drawn on (offsets only), so that a
          re-sample after a text change ranks every item as it was ranked then (``sample --frames``)
The rules are in docs/judging.md.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import calibration as cal
from . import judged_common as jc
from . import judged_quotes as jq
from .common import read_jsonl
from .judged_common import JSON, Source, rank, short_hash

SEED = 20261210
CRITERIA = ("real", "code", "source", "target", "date", "full")
# what the judge writes: one "verdict" object a line (so a line's claim and its verdict stay apart, and a
# merge or carry-over moves the object whole)
EMPTY: JSON = {"verdict": {**{c: None for c in CRITERIA}, "correct_root": None, "correct_source": None,
                           "correct_target": None, "tags": [], "reason": "", "judge": None}}
RECALL_EMPTY: JSON = {"gold": None, "reason": "", "judge": None}

ARTICLES: tuple[Source, ...] = (  # the articles drawn (quota unused here)
    Source("bbc", "corpus/bbc_2004_2005/articles.jsonl", 45, 0),
    Source("cnn", "corpus/cnn_brexit_2019/articles.jsonl", 35, 0),
    Source("police", "events/police_events.dev.jsonl", 40, 0),
)
EVENT_QUOTA = {"bbc": 180, "cnn": 160, "police": 80}
QUOTE_QUOTA = {"bbc": 120, "cnn": 140, "police": 60}
RECALL_QUOTA = {"bbc": 25, "cnn": 25, "police": 20}
# ``sample --shown``: only the events the default output shows (confidence at or above
# min_confidence_events, not negated), from more articles, since few events pass the threshold; the
# precision of what a user sees, measured directly on articles no rule or threshold was chosen on
SHOWN_ARTICLES: tuple[Source, ...] = (
    Source("bbc", "corpus/bbc_2004_2005/articles.jsonl", 90, 0),
    Source("cnn", "corpus/cnn_brexit_2019/articles.jsonl", 70, 0),
    Source("police", "events/police_events.dev.jsonl", 60, 0),
)
SHOWN_QUOTA = {"bbc": 45, "cnn": 45, "police": 20}
SHOWN_PER_ARTICLE = 3  # items of one article at most in a shown sample (drawn after the third shown sample)
# ``sample --shown --other NAME``: the shown events of another real-news source on which no event rule or
# threshold was ever chosen, drawn when the corpus's unseen articles no longer give enough shown events:
# ``polnear``, the 924 political articles (2015-16) of the PolNeAR quote set, and ``tempeval``, the 256 news
# documents (1989-98, dated) of TempEval-3's training part. Their quotes and time expressions are dev data of
# the quote and timex stages, so only events and recall sentences are sampled. Per source: the articles, the
# events quota and the recall quota.
OTHER_SOURCES: dict[str, tuple[Source, int, int]] = {
    "polnear": (Source("polnear", "quotes/polnear.train_dev.jsonl", 924, 0), 100, 35),
    "tempeval": (Source("tempeval", "timex/tempeval3_docs.train.jsonl", 256, 0), 100, 35),
}


def quotas(q: dict[str, int], sources: Sequence[Source] = ARTICLES) -> tuple[Source, ...]:
    return tuple(Source(s.name, s.path, s.articles, q[s.name]) for s in sources)


def per_article(items: list[JSON], key: Any, most: int) -> list[JSON]:
    """At most ``most`` items of each article, those of lowest rank: one article (a photo gallery whose
    title repeats before every caption) must not fill a sample whose items are judged as independent."""
    by: dict[str, list[JSON]] = {}
    for it in items:
        by.setdefault(it["article"], []).append(it)
    return [it for lst in by.values() for it in sorted(lst, key=key)[:most]]


def shown(it: JSON, threshold: float) -> bool:
    """Whether the default output shows this event or quote item (not negated, confidence at least
    ``threshold``)."""
    return not it.get("negated") and (it.get("confidence") or 0.0) >= threshold


# --- events -----------------------------------------------------------------------------------------

def _party(ref: JSON | None) -> JSON | None:
    if not ref:
        return None
    span = [ref["start"], ref["end"]] if ref.get("start") is not None and ref.get("end") is not None else None
    return {"actor": ref.get("actor"), "span": span}


def candidates(analysis: JSON, source: str, commit: str, seed: int = SEED) -> list[JSON]:
    """One item per output event (negated ones too): where it is and what was claimed — codes, offsets,
    the date and the confidence, no article text."""
    art = analysis["article"]
    text_sha1 = short_hash(art["text"])
    items: list[JSON] = []
    seen: set[str] = set()
    per_sentence = Counter((ev["sentence"]["start"], ev["sentence"]["end"]) for ev in analysis.get("events", []))
    for ev in analysis.get("events", []):
        tr, se = ev["trigger"], ev["sentence"]
        src, tgt = _party(ev.get("source")), _party(ev.get("target"))
        item = (f"{art['id']}:{tr['start']}-{tr['end']}:{ev['code']}:"
                f"{(src or {}).get('actor') or '-'}:{(tgt or {}).get('actor') or '-'}")
        n = 2
        while item in seen:
            item, n = f"{item.split('#')[0]}#{n}", n + 1
        seen.add(item)
        d = ev.get("date")
        items.append({
            "item": item, "article": art["id"], "source": source, "third": jc.third_of(seed, art["id"]),
            "published": art.get("published"), "text_sha1": text_sha1,
            "sentence": [se["start"], se["end"]], "trigger": [tr["start"], tr["end"]],
            "code": ev["code"], "root": ev["root"], "source_party": src, "target_party": tgt,
            "date": {"value": d["value"], "precision": d.get("precision"), "anchor": d.get("anchor")} if d else None,
            "place": (ev.get("place") or {}).get("name"), "modality": ev.get("modality"),
            "negated": bool(ev.get("negated")), "confidence": ev.get("confidence"),
            "rule_confidence": ev.get("rule_confidence"), "pipeline_commit": commit,
            "evidence": cal.event_evidence(ev.get("source"), ev.get("target"), per_sentence[(se["start"], se["end"])],
                                           ev.get("evidence")),
        })
        items[-1]["sentence_sha1"] = jc.sentence_sha1(art["text"], items[-1], OFFSETS)
    return items


def _start(p: JSON | None) -> object:
    return p["span"][0] if p and p.get("span") else "-"


def rank_key(seed: int) -> Any:
    """An event's rank: its article, trigger and the starts of its parties' spans (its place, not its codes,
    so a re-coded event keeps its rank)."""
    return lambda it: rank(seed, "event", it["article"], *it["trigger"], _start(it["source_party"]),
                           _start(it["target_party"]))


# what must be unchanged for verdicts to carry over: the place and the judged claim (root, parties, date,
# negation), not the confidence, the full code within its root, the place or the modality
SAME_KEYS = ("article", "text_sha1", "trigger", "root", "source_party", "target_party", "negated")
# where an event's offsets are: its window (the sentence, and a party outside it) is hashed as
# ``sentence_sha1``, so an event whose sentence only moved keeps its verdict (judged_common.carry_over)
OFFSETS: tuple[jc.OffsetPath, ...] = (("sentence",), ("trigger",), ("source_party", "span"), ("target_party", "span"))
RECALL_OFFSETS: tuple[jc.OffsetPath, ...] = (("sentence",),)
# the offsets an event's rank hashes (mapped into the article's frame when its text changed: judged_common)
RANK_OFFSETS: tuple[jc.OffsetPath, ...] = (("trigger",), ("source_party", "span"), ("target_party", "span"))
RECALL_VERDICT_OFFSETS: tuple[jc.OffsetPath, ...] = (("gold", "*", "trigger"),)


def same(it: JSON) -> str:
    d = it.get("date")
    return json.dumps([it.get(k) for k in SAME_KEYS] + [d["value"] if d else None], sort_keys=True)


def judged(it: JSON) -> bool:
    return (it.get("verdict") or {}).get("full") is not None


def carry_over(new: list[JSON], old: Iterable[JSON]) -> tuple[list[JSON], int]:
    """Verdicts of ``old`` events onto unchanged ``new`` ones, also when only their sentence moved."""
    return jc.carry_over(new, old, same, EMPTY, judged, OFFSETS)


conf = jc.conf


def score(judgments: Iterable[JSON], *, min_confidence: float = 0.0,
          thirds: frozenset[int] = frozenset({0, 1})) -> JSON:
    """Share fully right and per criterion (95% Wilson intervals) over the judged events of ``thirds``
    (third 2 is held aside: score it with ``thirds={2}`` at the end only): overall, per source, per third,
    per confidence band, at ``min_confidence`` (the default threshold) and at each candidate threshold
    (precision of ``full`` and of ``real``); the tally of error tags.  Pending items are counted, left out.
    Negated events are judged like the others (right when the text says the act did not happen) and count
    in the overall, per-source, per-third and per-band shares; the read API never shows them, so the shares
    at ``min_confidence`` and at each threshold are over the events that are not negated."""
    rows = list(judgments)
    negated = {it["item"] for it in rows if it.get("negated")}
    done, pending = jc.split_judged((jc.flat(it) for it in rows), CRITERIA)
    mine = [it for it in done if int(it["third"]) in thirds]
    shown = [it for it in mine if it["item"] not in negated]
    kept = [it for it in shown if conf(it) >= min_confidence]
    return {
        "judged": len(mine), "pending": pending, "thirds": sorted(thirds),
        "commits": sorted({str(it.get("pipeline_commit", "?")) for it in mine}),
        "overall": jc.shares(mine, CRITERIA),
        "at_min_confidence": {"min_confidence": min_confidence, "kept": len(kept), **jc.shares(kept, CRITERIA)},
        "by_source": jc.grouped(mine, "corpus", CRITERIA),
        "by_third": jc.grouped(mine, "third", CRITERIA),
        "by_band": jc.by_band(mine, CRITERIA, conf),
        "negated": len(mine) - len(shown),
        "thresholds": jc.at_thresholds(shown, "full", conf),
        "thresholds_real": jc.at_thresholds(shown, "real", conf),
        "error_tags": jc.tally(mine),
    }


# --- recall: sentences in which the judge lists every real event -------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def sentences(text: str, min_words: int = 4) -> list[tuple[int, int]]:
    """[start, end) of the sentences of ``text``: cut after . ! ? (and closing quotes) before white space,
    and at line breaks; stripped; those of fewer than ``min_words`` words are left out.  Deliberately not
    the parser's sentences, so the recall sample does not depend on the pipeline under test."""
    out, pos = [], 0
    for m in [*_SENT_END.finditer(text), None]:
        end = m.start() if m else len(text)
        if m is not None and m.group().strip() and not m.group()[0].isspace():
            end += len(m.group().rstrip())  # keep closing quotes with their sentence
        seg = text[pos:end]
        s = pos + len(seg) - len(seg.lstrip())
        e = pos + len(seg.rstrip())
        if e > s and len(text[s:e].split()) >= min_words:
            out.append((s, e))
        pos = m.end() if m else len(text)
    return out


def recall_candidates(analysis: JSON, source: str, commit: str, seed: int = SEED) -> list[JSON]:
    """One item per sentence of the article, with the output events whose trigger lies in it."""
    art = analysis["article"]
    text = art["text"]
    items = []
    for s, e in sentences(text):
        system = [{"code": ev["code"], "root": ev["root"], "trigger": [ev["trigger"]["start"], ev["trigger"]["end"]],
                   "confidence": ev.get("confidence"), "negated": bool(ev.get("negated")),
                   "modality": ev.get("modality")}
                  for ev in analysis.get("events", []) if s <= ev["trigger"]["start"] < e]
        items.append({"item": f"{art['id']}:{s}-{e}", "article": art["id"], "source": source,
                      "third": jc.third_of(seed, art["id"]), "text_sha1": short_hash(text), "sentence": [s, e],
                      "sentence_sha1": short_hash(text[s:e]), "system": system, "pipeline_commit": commit})
    return items


def recall_key(seed: int) -> Any:
    return lambda it: rank(seed, "sentence", it["article"], *it["sentence"])


def recall_same(it: JSON) -> str:
    return json.dumps([it["article"], it["text_sha1"], it["sentence"]])


def recall_judged(it: JSON) -> bool:
    return it.get("gold") is not None


def recall_carry_over(new: list[JSON], old: Iterable[JSON]) -> tuple[list[JSON], int]:
    """The judge's ``gold`` of ``old`` sentences onto the same ``new`` ones (also moved; gold triggers move
    with them)."""
    return jc.carry_over(new, old, recall_same, RECALL_EMPTY, recall_judged, RECALL_OFFSETS, RECALL_VERDICT_OFFSETS)


def _overlap(a: Sequence[int], b: Sequence[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def found(gold: Sequence[JSON], system: Sequence[JSON], min_confidence: float) -> tuple[int, int]:
    """(gold events matched by an output event of the same root whose trigger overlaps theirs; gold events
    matched by an output event of the same root anywhere in the sentence), one to one, counting only
    output events that are not negated and have ``confidence >= min_confidence``.  A gold ``root`` may be a
    list of the roots the judge accepts (the codebook allowing either)."""
    shown = [ev for ev in system if not ev.get("negated") and float(ev.get("confidence") or 0) >= min_confidence]
    strict_free, loose_free = list(shown), list(shown)
    strict = loose = 0
    for g in gold:
        roots = {g["root"]} if isinstance(g["root"], str) else set(g["root"])  # a list: any of these roots
        hit = next((ev for ev in strict_free if ev["root"] in roots and _overlap(ev["trigger"], g["trigger"])),
                   None)
        if hit is not None:
            strict_free.remove(hit)
            strict += 1
        near = next((ev for ev in loose_free if ev["root"] in roots), None)
        if near is not None:
            loose_free.remove(near)
            loose += 1
    return strict, loose


def recall_score(rows: Iterable[JSON], *, min_confidence: float = 0.0,
                 thirds: frozenset[int] = frozenset({0, 1})) -> JSON:
    """Estimated recall: of the real events the judge listed in the sampled sentences, the share the output
    finds (same root and overlapping trigger; and, looser, same root in the sentence) at ``min_confidence``
    and at each candidate threshold, with 95% Wilson intervals (events of one sentence are not independent:
    the interval is a little optimistic); per source."""
    rows = list(rows)
    done = [r for r in rows if recall_judged(r) and int(r.get("third", 0)) in thirds]
    pending = sum(1 for r in rows if not recall_judged(r))

    def at(t: float, subset: Sequence[JSON]) -> JSON:
        n = sum(len(r["gold"]) for r in subset)
        pairs = [found(r["gold"], r["system"], t) for r in subset]
        k, k_loose = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
        lo, hi = jc.wilson(k, n)
        llo, lhi = jc.wilson(k_loose, n)
        return {"min_confidence": t, "gold_events": n,
                "recall": {"share": round(k / n, 4) if n else None, "k": k, "ci95": [round(lo, 4), round(hi, 4)]},
                "recall_same_root_in_sentence": {"share": round(k_loose / n, 4) if n else None, "k": k_loose,
                                                 "ci95": [round(llo, 4), round(lhi, 4)]}}

    sources = sorted({r["source"] for r in done})
    return {"sentences": len(done), "pending": pending, "thirds": sorted(thirds),
            "sentences_without_events": sum(1 for r in done if not r["gold"]),
            "at_min_confidence": at(min_confidence, done),
            "by_source": {s: at(min_confidence, [r for r in done if r["source"] == s]) for s in sources},
            "thresholds": [at(t, done) for t in jc.THRESHOLDS]}


# --- showing items to the judge ---------------------------------------------------------------------

def show_event(it: JSON, n: int, analysis: JSON) -> str:
    """The event's sentence with the trigger ⟦…⟧, the source's span «…» and the target's ‹…› marked, and
    the claim; a party outside the sentence is shown in its own context."""
    text = analysis["article"]["text"]
    if short_hash(text) != it["text_sha1"]:
        return f"=== #{n} {it['item']}: the article text has changed since the sample was drawn"
    s, e = it["sentence"]
    marks = [(it["trigger"][0], it["trigger"][1], "⟦", "⟧")]
    extra = []
    for key, o, c in (("source_party", "«", "»"), ("target_party", "‹", "›")):
        p = it.get(key)
        if p and p.get("span"):
            ps, pe = p["span"]
            if s <= ps and pe <= e:
                marks.append((ps, pe, o, c))
            else:
                extra.append(f"    {key.split('_')[0]} elsewhere: " + jq.marked(text, max(0, ps - 60),
                                                                                  min(len(text), pe + 60),
                                                                                  [(ps, pe, o, c)]))
    d = it.get("date") or {}
    who = [f"{k.split('_')[0]}={(it.get(k) or {}).get('actor') or '-'}" for k in ("source_party", "target_party")]
    lines = [f"=== #{n} {it['item']} [{it['source']} pub={it.get('published')} third {it.get('third')}] "
             f"conf={it.get('confidence')} {it.get('modality')}{' NEGATED' if it.get('negated') else ''}",
             f"    claim: {it['code']} (root {it['root']}) {' '.join(who)} date={d.get('value')} "
             f"({d.get('precision')}, {d.get('anchor')}) place={it.get('place')}",
             "    " + jq.marked(text, s, e, marks).replace("\n", " ⏎ "), *extra]
    return "\n".join(lines)


def show_sentence(it: JSON, n: int, analysis: JSON) -> str:
    text = analysis["article"]["text"]
    s, e = it["sentence"]
    marks = [(ev["trigger"][0], ev["trigger"][1], "⟦", "⟧") for ev in it["system"]]
    sys_ = "; ".join(f"{ev['code']}@{ev['trigger'][0]}-{ev['trigger'][1]} conf={ev['confidence']}"
                     f"{' NEG' if ev['negated'] else ''}" for ev in it["system"])
    return (f"=== #{n} {it['item']} [{it['source']} third {it.get('third')}] output: {sys_ or 'none'}\n    "
            + jq.marked(text, s, e, sorted(set(marks))).replace("\n", " ⏎ "))


def kind_of(rows: Sequence[JSON]) -> str:
    """events, quotes or recall, from a judgment file's fields."""
    first = rows[0] if rows else {}
    return "recall" if "system" in first else "quotes" if "speaker" in first else "events"


def run_show(path: Path, work: Path, pending_only: bool, width: int, lines: tuple[int, int] | None) -> None:
    arts = jc.analyses(work)
    rows = list(read_jsonl(path))
    kind = kind_of(rows)
    done = recall_judged if kind == "recall" else judged
    for n, it in enumerate(rows, start=1):
        if (lines and not lines[0] <= n <= lines[1]) or (pending_only and done(it)):
            continue
        a = arts[it["article"]]
        print(show_sentence(it, n, a) if kind == "recall" else jq.show(it, n, a, width) if kind == "quotes"
              else show_event(it, n, a))


# --- sampling ---------------------------------------------------------------------------------------

def run_sample(data: Path, work: Path, outs: dict[str, Path], seed: int, carry: dict[str, Path | None],
               reuse: bool, exclude_from: Sequence[Path], frames: Sequence[Path] = (),
               shown_at: dict[str, float] | None = None, scale: int = 1, other: str | None = None) -> JSON:
    """Draw the articles, run the pipeline, and write the sampled events, quotes and recall sentences with
    verdicts carried over from earlier files where unchanged; a summary.  ``frames``: frames files of
    articles whose text changed since the sample was first drawn (ranks are computed in that text).
    ``shown_at``: {kind: threshold}, a sample of shown events and quotes only (not negated, at or above
    the kind's threshold), from ``SHOWN_ARTICLES`` times ``scale`` (a higher threshold shows fewer an article);
    ``other``: from that source of ``OTHER_SOURCES`` instead (events and recall only)."""
    exclude = jc.excluded_articles(exclude_from)
    sources = ARTICLES if shown_at is None else (OTHER_SOURCES[other][0],) if other else tuple(
        Source(s.name, s.path, s.articles * scale, 0) for s in SHOWN_ARTICLES)
    event_quota, recall_quota = ({other: OTHER_SOURCES[other][1]}, {other: OTHER_SOURCES[other][2]}) if other \
        else (EVENT_QUOTA if shown_at is None else SHOWN_QUOTA, RECALL_QUOTA)
    chosen = jc.sample_articles(data, seed, sources, exclude)
    analysis = jc.run_pipeline(chosen, work, reuse)
    source_of = {rec["id"]: name for name, rec in chosen}
    commit = jc.pipeline_commit()
    arts = [a for a in read_jsonl(analysis) if "article" in a]
    fr = jc.read_frames(frames)
    kinds: dict[str, tuple[Any, Any, dict[str, int], Any, JSON, Any, Any, Any]] = {
        "events": (candidates, jc.framed_key(rank_key(seed), RANK_OFFSETS, fr),
                   event_quota, same, EMPTY, judged, OFFSETS, ()),
        "quotes": (jq.candidates, jc.framed_key(jq.rank_key(seed), jq.RANK_OFFSETS, fr),
                   QUOTE_QUOTA if shown_at is None else SHOWN_QUOTA, jq.same, jq.EMPTY, jq.judged, jq.OFFSETS,
                   jq.VERDICT_OFFSETS),
        "recall": (recall_candidates, jc.framed_key(recall_key(seed), RECALL_OFFSETS, fr), recall_quota,
                   recall_same, RECALL_EMPTY, recall_judged, RECALL_OFFSETS, RECALL_VERDICT_OFFSETS),
    }
    summary: JSON = {"articles": len(chosen), "excluded_articles": len(exclude), "pipeline_commit": commit}
    for kind, (cands, key, quota, same_key, empty, done, offsets, v_offsets) in kinds.items():
        if kind not in outs or (other and kind == "quotes"):
            continue
        items = [it for a in arts for it in cands(a, source_of[a["article"]["id"]], commit, seed)]
        if shown_at is not None and kind in shown_at:
            items = per_article([it for it in items if shown(it, shown_at[kind])], key, SHOWN_PER_ARTICLE)
        picked = jc.sample_items(items, key, quotas(quota, sources))
        old = list(read_jsonl(p)) if (p := carry.get(kind)) else []
        picked, carried = jc.carry_over(picked, old, same_key, empty, done, offsets, v_offsets)
        jc.write_jsonl(outs[kind], picked)
        summary[kind] = {"output": len(items), "sampled": len(picked), "carried_over": carried,
                         "to_judge": sum(1 for it in picked if not done(it)),
                         "by_source": {s: {"sampled": sum(1 for it in picked if it["source"] == s),
                                           "carried_over": sum(1 for it in picked if it["source"] == s and done(it))}
                                       for s in quota}}
    return summary


def score_file(path: Path, min_confidence: float, thirds: frozenset[int]) -> JSON:
    """The score of a judgment file of any of the three kinds."""
    rows = list(read_jsonl(path))
    kind = kind_of(rows)
    if kind == "recall":
        return recall_score(rows, min_confidence=min_confidence, thirds=thirds)
    fn = jq.score if kind == "quotes" else score
    return dict(fn(rows, min_confidence=min_confidence, thirds=thirds))


def _range(s: str) -> tuple[int, int]:
    a, _, b = s.partition("-")
    return int(a), int(b or a)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.judged_events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw articles, run the pipeline, write the items to judge")
    s.add_argument("--data", type=Path, required=True, help="the data folder (../shared/data)")
    s.add_argument("--work", type=Path, required=True, help="scratch folder for inputs and analysis (not the repo)")
    s.add_argument("--events-out", type=Path, help="events JSONL to write")
    s.add_argument("--quotes-out", type=Path, help="quotes JSONL to write")
    s.add_argument("--recall-out", type=Path, help="recall sentences JSONL to write")
    s.add_argument("--seed", type=int, default=SEED)
    for kind in ("events", "quotes", "recall"):
        s.add_argument(f"--carry-{kind}", type=Path, help=f"earlier {kind} judgments to carry over when unchanged")
    s.add_argument("--reuse", action="store_true", help="reuse WORK/analysis.jsonl instead of re-running")
    s.add_argument("--exclude-from", type=Path, action="append", default=[],
                   help="earlier judgment file whose articles are left out; repeatable")
    s.add_argument("--frames", type=Path, action="append", default=[],
                   help="frames file (see `frames`): rank items of changed articles in the text first sampled")
    s.add_argument("--shown", action="store_true",
                   help="only the events and quotes the default output shows (min_confidence_events/_quotes, "
                        "not negated), from more articles (90 BBC, 70 CNN, 60 police; up to 45 / 45 / 20 each)")
    s.add_argument("--scale", type=int, default=1,
                   help="with --shown: draw this many times the articles (a high threshold shows few events)")
    s.add_argument("--other", choices=sorted(OTHER_SOURCES),
                   help="with --shown: draw from another real-news source instead of the corpus: polnear (924 "
                        "political articles, 2015-16) or tempeval (256 dated news documents, 1989-98); events (up "
                        "to 100) and recall sentences, no quotes (those sources are the quote and timex stages' "
                        "dev data)")
    fm = sub.add_parser("frames", help="map the articles' current texts onto the texts a sample was drawn on")
    fm.add_argument("--work", type=Path, required=True, help="work folder of the current pipeline (its analysis)")
    fm.add_argument("--frame-work", type=Path, required=True,
                    help="work folder whose analysis.jsonl holds the texts the sample was first drawn on")
    fm.add_argument("-o", "--out", type=Path, required=True)
    sh = sub.add_parser("show", help="print items in context (events, quotes or recall file)")
    sh.add_argument("items", type=Path)
    sh.add_argument("--work", type=Path, required=True)
    sh.add_argument("--pending", action="store_true", help="only items without verdicts")
    sh.add_argument("--lines", type=_range, help="only lines A-B of the file (1-based, inclusive)")
    sh.add_argument("--width", type=int, default=160, help="quotes: characters of context on each side")
    sc = sub.add_parser("score", help="score a judgment file (events, quotes or recall)")
    sc.add_argument("judgments", type=Path)
    sc.add_argument("--min-confidence", type=float, default=None,
                    help="the threshold to report at (default: the setting min_confidence_events/_quotes)")
    sc.add_argument("--held-aside", action="store_true", help="score the held-aside third (2) instead of 0 and 1")
    sc.add_argument("--all-thirds", action="store_true", help="score all three thirds together")
    mg = sub.add_parser("merge", help="merge copies of a file judged in parts into one")
    mg.add_argument("base", type=Path)
    mg.add_argument("parts", type=Path, nargs="+")
    mg.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        outs = {k: p for k, p in (("events", args.events_out), ("quotes", args.quotes_out),
                                  ("recall", args.recall_out)) if p}
        carry = {"events": args.carry_events, "quotes": args.carry_quotes, "recall": args.carry_recall}
        shown_at = None
        if args.shown:
            from ..config import load_settings

            st = load_settings(None)
            shown_at = {"events": st.min_confidence_events, "quotes": st.min_confidence_quotes}
        print(json.dumps(run_sample(args.data, args.work, outs, args.seed, carry, args.reuse, args.exclude_from,
                                    args.frames, shown_at, args.scale, args.other), indent=1))
    elif args.cmd == "frames":
        print(json.dumps(run_frames(args.work, args.frame_work, args.out), indent=1))
    elif args.cmd == "show":
        run_show(args.items, args.work, args.pending, args.width, args.lines)
    elif args.cmd == "score":
        thirds = frozenset({0, 1, 2}) if args.all_thirds else frozenset({2}) if args.held_aside else frozenset({0, 1})
        print(json.dumps(score_file(args.judgments, default_threshold(args.judgments, args.min_confidence),
                                    thirds), indent=2))
    else:
        return run_merge(args.base, args.parts, args.out)
    return 0


def default_threshold(path: Path, given: float | None, config: Path | None = None) -> float:
    """``given``, else the setting the output uses for this kind of item (min_confidence_events/_quotes)."""
    if given is not None:
        return given
    from ..config import load_settings

    st = load_settings(config)
    rows = list(read_jsonl(path))
    return st.min_confidence_quotes if kind_of(rows) == "quotes" else st.min_confidence_events


def run_frames(work: Path, frame_work: Path, out: Path) -> JSON:
    """A frames file for the articles whose text differs between the two work folders (offsets only)."""
    now, then = jc.analyses(work), jc.analyses(frame_work)
    rows = [jc.frame_record(aid, a["article"]["text"], then[aid]["article"]["text"]) for aid, a in sorted(now.items())
            if aid in then and a["article"]["text"] != then[aid]["article"]["text"]]
    jc.write_jsonl(out, rows)
    return {"articles": len(now), "changed": len(rows), "missing_in_frame": sorted(set(now) - set(then))}


def run_merge(base_path: Path, part_paths: Sequence[Path], out: Path) -> int:
    base = list(read_jsonl(base_path))
    kind = kind_of(base)
    empty, done = {"events": (EMPTY, judged), "quotes": (jq.EMPTY, jq.judged),
                   "recall": (RECALL_EMPTY, recall_judged)}[kind]
    merged, conflicts = jc.merge(base, [list(read_jsonl(p)) for p in part_paths], tuple(empty), done)
    jc.write_jsonl(out, merged)
    print(json.dumps({"items": len(merged), "judged": sum(1 for it in merged if done(it)),
                      "conflicts": conflicts}, indent=1))
    return 1 if conflicts else 0


if __name__ == "__main__":
    raise SystemExit(main())
