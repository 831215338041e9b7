"""Judged quotes: a random sample of the quotes newsgraph outputs on real news, each read by a person
against the article (is it a real quote? is its span right? is its speaker right?), and the score.

Why: the quote gold sets are of one kind of text; on the corpora the team has not tuned on, the share of
quotes a careful reader signs off on is what matters (issue 10).  Items are sampled over every confidence
level, so the score also says how often a quote of each confidence band is right and which
``min_confidence_quotes`` gives the precision wanted.  Sampling, carry-over and intervals are
``judged_common``'s; the command line is ``judged_events``'s (one run samples events and quotes); the
rules are in docs/judging.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from . import judged_common as jc
from .judged_common import JSON, Source, rank, short_hash

CRITERIA = ("real", "span", "speaker", "full")
# what the judge writes, in one "verdict" object a line (see judged_events.EMPTY)
EMPTY: JSON = {"verdict": {**{c: None for c in CRITERIA}, "correct_speaker": None, "tags": [], "reason": "",
                           "judge": None}}
# what must be unchanged for verdicts to carry over (the confidence may change)
SAME_KEYS = ("article", "text_sha1", "span", "kind", "speaker", "channel")
# where a quote's offsets are: its window (span, speaker mention, cue, channel) is hashed as ``sentence_sha1``,
# so a quote that only moved keeps its verdict; the judge's ``correct_speaker`` moves with it
OFFSETS: tuple[jc.OffsetPath, ...] = (("span",), ("speaker", "span"), ("cue",), ("channel",))
VERDICT_OFFSETS: tuple[jc.OffsetPath, ...] = (("verdict", "correct_speaker"),)
RANK_OFFSETS: tuple[jc.OffsetPath, ...] = (("span",),)  # what a quote's rank hashes


def _pair(d: JSON | None) -> list[int] | None:
    return [d["start"], d["end"]] if d and d.get("start") is not None and d.get("end") is not None else None


def candidates(analysis: JSON, source: str, commit: str, seed: int) -> list[JSON]:
    """One item per output quote: where it is and what was claimed (codes, offsets, hashes; no text)."""
    art = analysis["article"]
    text_sha1 = short_hash(art["text"])
    items = []
    for q in analysis.get("quotes", []):
        sp = q.get("speaker")
        speaker = {"actor": sp.get("actor"), "entity": sp.get("entity"), "span": _pair(sp),
                   "name_sha1": short_hash(sp.get("name") or "")} if sp else None
        items.append({
            "item": f"{art['id']}:{q['start']}-{q['end']}", "article": art["id"], "source": source,
            "third": jc.third_of(seed, art["id"]), "published": art.get("published"), "text_sha1": text_sha1,
            "span": [q["start"], q["end"]], "kind": q.get("kind"), "speaker": speaker, "cue": _pair(q.get("cue")),
            "channel": _pair(q.get("channel")), "parts": [[pt["start"], pt["end"]] for pt in q.get("parts") or ()],
            "confidence": q.get("confidence"),
            "rule_confidence": q.get("rule_confidence"), "pipeline_commit": commit,
        })
        items[-1]["sentence_sha1"] = jc.sentence_sha1(art["text"], items[-1], OFFSETS)
    return items


def rank_key(seed: int) -> Any:
    return lambda it: rank(seed, "quote", it["article"], it["span"][0], it["span"][1])


def same(it: JSON) -> str:
    """The carry-over key: the quote's place and claim (speaker entity ids left out: they are numbered per
    run), not its confidence."""
    sp = it.get("speaker")
    sp = {k: v for k, v in sp.items() if k != "entity"} if sp else None
    # ``parts`` (the quoted pieces of an interrupted quote) is part of the claim; items drawn before
    # quotes had parts have none
    parts = it.get("parts") or []
    return json.dumps([it.get(k) for k in SAME_KEYS if k != "speaker"] + [sp] + ([parts] if parts else []),
                      sort_keys=True)


def judged(it: JSON) -> bool:
    return (it.get("verdict") or {}).get("full") is not None


def sample(items: Iterable[JSON], seed: int, sources: Sequence[Source]) -> list[JSON]:
    return jc.sample_items(items, rank_key(seed), sources)


def carry_over(new: list[JSON], old: Iterable[JSON]) -> tuple[list[JSON], int]:
    return jc.carry_over(new, old, same, EMPTY, judged, OFFSETS, VERDICT_OFFSETS)


conf = jc.conf


def score(judgments: Iterable[JSON], *, min_confidence: float = 0.0,
          thirds: frozenset[int] = frozenset({0, 1})) -> JSON:
    """Share fully right and per criterion (95% Wilson intervals) over the judged items of ``thirds``
    (third 2 is held aside: score it with ``thirds={2}`` at the end only): overall, per source, per third,
    per kind, per confidence band, at ``min_confidence`` (the default threshold) and at each candidate
    threshold; the tally of error tags.  Pending items are counted and left out."""
    done, pending = jc.split_judged((jc.flat(it) for it in judgments), CRITERIA)
    mine = [it for it in done if int(it["third"]) in thirds]
    kept = [it for it in mine if conf(it) >= min_confidence]
    return {
        "judged": len(mine), "pending": pending, "thirds": sorted(thirds),
        "commits": sorted({str(it.get("pipeline_commit", "?")) for it in mine}),
        "overall": jc.shares(mine, CRITERIA),
        "at_min_confidence": {"min_confidence": min_confidence, "kept": len(kept),
                              **jc.shares(kept, CRITERIA)},
        "by_source": jc.grouped(mine, "corpus", CRITERIA),
        "by_third": jc.grouped(mine, "third", CRITERIA),
        "by_kind": jc.grouped(mine, "kind", CRITERIA),
        "by_band": jc.by_band(mine, CRITERIA, conf),
        "thresholds": jc.at_thresholds(mine, "full", conf),
        "error_tags": jc.tally(mine),
    }


def show(it: JSON, n: int, analysis: JSON, width: int) -> str:
    """The item in context for the judge: the quote marked ⟦…⟧, the speaker's span «…», the cue ‹…›
    (printed, never stored)."""
    text = analysis["article"]["text"]
    if short_hash(text) != it["text_sha1"]:
        return f"=== #{n} {it['item']}: the article text has changed since the sample was drawn"
    s, e = it["span"]
    marks: list[tuple[int, int, str, str]] = [(s, e, "⟦", "⟧")]
    sp = it.get("speaker") or {}
    if sp.get("span"):
        marks.append((sp["span"][0], sp["span"][1], "«", "»"))
    if it.get("cue"):
        marks.append((it["cue"][0], it["cue"][1], "‹", "›"))
    for ps, pe in it.get("parts") or ():  # the content of an interrupted quote: its quoted pieces
        marks.append((ps, pe, "[", "]"))
    lo = max(0, min(m[0] for m in marks) - width)
    hi = min(len(text), max(m[1] for m in marks) + width)
    who = (f"speaker {sp.get('actor') or '-'} at {sp['span']}" if sp.get("span")
           else "speaker (entity without a span)" if sp else "no speaker")
    head = (f"=== #{n} {it['item']} [{it['source']} {it.get('published')} third {it.get('third')}] "
            f"{it.get('kind')} conf={it.get('confidence')} {who} channel={it.get('channel')}")
    return head + "\n    " + marked(text, lo, hi, marks).replace("\n", " ⏎ ")


def marked(text: str, lo: int, hi: int, marks: Sequence[tuple[int, int, str, str]]) -> str:
    """``text[lo:hi]`` with each (start, end, open, close) mark inserted (marks may nest, not cross)."""
    inserts: list[tuple[int, int, str]] = []
    for s, e, o, c in marks:
        if lo <= s <= hi and lo <= e <= hi:
            inserts += [(s, 1, o), (e, 0, c)]  # at one offset a close comes before an open
    out, pos = [], lo
    for at, _, mark in sorted(inserts, key=lambda x: (x[0], x[1])):
        out += [text[pos:at], mark]
        pos = at
    out.append(text[pos:hi])
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(text) else "")
