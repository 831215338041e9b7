"""Evaluation of police events, sentence by sentence, on real Indian newspaper articles.

Data: ``events/police_events.dev.jsonl`` under the data root (IndiaPoliceEvents, Halterman et al.
2021): one record per article ``{id, date, url, text, sentences:[{sent_id, text, labels}]}``, the
text lower-cased as scraped; annotators labelled every sentence with what the police did in it
(``ARREST``, ``KILL``, ``FORCE`` = kill or other force, ``FAIL``, ``ANY_ACTION``).  Each article's
``text`` is analysed exactly as given (so offsets need no alignment); every gold sentence is found
in the text in order (``str.find`` from the end of the previous one) and an event belongs to the
sentence holding the middle of its trigger.

Which events say what the police did (the reference scorer's definition, ``../shared/eval/README.md``,
so ``newsgraph eval police`` agrees with ``score.py police``; reasons from the CAMEO codebook):

- ``ARREST``: code ``173*`` ("arrest, detain, or charge with legal action"), any source: in these
  articles an arrest is made by the police whether or not the parse names them.
- ``ANY_ACTION``: any event whose source actor code has the role ``COP``.
- ``FORCE``: a police event with root 18 (assault), 19 (fight: "use conventional military force",
  which holds 190-196, firing included), 20 (unconventional mass violence) or ``175*`` ("use
  tactics of violent repression": lathi charges, tear gas, dispersing crowds).
- ``KILL``: a FORCE event coded ``1823`` (kill by physical assault), ``186`` (assassinate) or ``20*``,
  or whose trigger is a kill word (``killed in police firing`` is coded 190 with a kill trigger).

Negated events are skipped.  The keyword baseline (``peer_keywords``) is the corpus authors' list
(``events/police_keywords.json``) read as the reference scorer reads it: a sentence is
``ANY_ACTION`` when it contains a police word (keys ``police`` and ``police_acronyms``, matched as
case-insensitive substrings, so the acronyms' trailing space is part of the pattern), and then
``ARREST``/``KILL`` when it also contains a word of ``arrest``/``kill``, ``FORCE`` when it contains
one of ``other_force`` or ``kill``.  ``intervene`` (the FAIL words) is not scored.

Articles are split by their position in the file: even positions are ``dev`` (the half one may
look at while improving the coder), odd positions ``aside`` (reported, never tuned on); ``all`` is
both.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..model import Article, Event, Published
from .common import prf, read_jsonl
from .events import _stages

LABELS: tuple[str, ...] = ("ARREST", "FORCE", "KILL", "ANY_ACTION")
_DATA = ("events", "police_events.dev.jsonl")
_KEYWORDS = ("events", "police_keywords.json")
KILL_TRIGGER = re.compile(r"\b(kill|killed|killing|shot dead|murder|lynch|slaughter|massacre)", re.I)
SentKey = tuple[str, int]


def event_labels(e: Event) -> set[str]:
    """The police labels one predicted event gives its sentence (see the module docstring)."""
    if e.negated:
        return set()
    code = e.code or ""
    actor = (e.source.actor if e.source is not None else None) or ""
    out: set[str] = set()
    if code.startswith("173"):
        out.add("ARREST")
    if "COP" in actor:
        out.add("ANY_ACTION")
        if code[:2] in ("18", "19", "20") or code.startswith("175"):
            out.add("FORCE")
            if code in ("1823", "186") or code.startswith("20") or KILL_TRIGGER.search(e.trigger.text):
                out.add("KILL")
    return out


def keyword_labels(sentence: str, kw: Mapping[str, Sequence[str]]) -> set[str]:
    """The corpus authors' keyword baseline for one sentence."""
    def has(words: Iterable[str]) -> bool:
        return re.search("|".join(re.escape(w) for w in words), sentence, re.I) is not None

    if not has([*kw["police"], *kw["police_acronyms"]]):
        return set()
    out = {"ANY_ACTION"}
    if has(kw["arrest"]):
        out.add("ARREST")
    if has(kw["kill"]):
        out.add("KILL")
    if has([*kw["other_force"], *kw["kill"]]):
        out.add("FORCE")
    return out


def sentence_bounds(rec: Mapping[str, Any]) -> list[tuple[int, int, int]]:
    """(start, end, sent_id) of each gold sentence found in the article text, in order."""
    text: str = rec["text"]
    out: list[tuple[int, int, int]] = []
    cur = 0
    for s in rec["sentences"]:
        at = text.find(s["text"], cur)
        if at >= 0:
            cur = at + len(s["text"])
            out.append((at, cur, int(s["sent_id"])))
    return out


def predicted(rec: Mapping[str, Any], events: Iterable[Event]) -> tuple[dict[str, set[SentKey]], int]:
    """Per label, the (article id, sent_id) keys the events make positive; and the number of events
    whose trigger falls in no gold sentence."""
    bounds = sentence_bounds(rec)
    out: dict[str, set[SentKey]] = {lab: set() for lab in LABELS}
    lost = 0
    for e in events:
        labs = event_labels(e)
        if not labs:
            continue
        mid = (e.trigger.start + e.trigger.end) // 2
        sid = next((i for a, b, i in bounds if a <= mid < b), None)
        if sid is None:
            lost += 1
            continue
        for lab in labs:
            out[lab].add((str(rec["id"]), sid))
    return out, lost


def score(pairs: Iterable[tuple[Mapping[str, Any], Sequence[Event]]], kw: Mapping[str, Sequence[str]]
          ) -> dict[str, Any]:
    """Sentence-level micro P/R/F1 per label for newsgraph and the keyword baseline."""
    gold: dict[str, set[SentKey]] = {lab: set() for lab in LABELS}
    peer: dict[str, set[SentKey]] = {lab: set() for lab in LABELS}
    pred: dict[str, set[SentKey]] = {lab: set() for lab in LABELS}
    n_sent = n_art = lost = unaligned = 0
    for rec, events in pairs:
        n_art += 1
        rid = str(rec["id"])
        unaligned += len(rec["sentences"]) - len(sentence_bounds(rec))
        for s in rec["sentences"]:
            n_sent += 1
            key = (rid, int(s["sent_id"]))
            for lab in s.get("labels") or ():
                if lab in gold:
                    gold[lab].add(key)
            for lab in keyword_labels(s["text"], kw):
                peer[lab].add(key)
        got, n_lost = predicted(rec, events)
        lost += n_lost
        for lab in LABELS:
            pred[lab] |= got[lab]

    def table(pos: Mapping[str, set[SentKey]]) -> dict[str, Any]:
        return {lab: prf(len(pos[lab] & gold[lab]), len(pos[lab]), len(gold[lab])) for lab in LABELS}

    return {"newsgraph": table(pred), "peer_keywords": table(peer), "articles": n_art, "sentences": n_sent,
            "gold_positives": {lab: len(v) for lab, v in gold.items()},
            "unaligned_sentences": unaligned, "events_outside_sentences": lost}


def article_of(rec: Mapping[str, Any]) -> Article:
    """The article exactly as scraped (lower case, mojibake and boilerplate kept), dated, with its
    URL and the outlet the URL names (as ``newsgraph analyze`` gives a record with a ``url``)."""
    from ..parse.metadata import outlet_from_url

    url = rec.get("url") or None
    d = str(rec.get("date") or "")[:10]
    pub = Published(d, "day", "input") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None
    return Article(id=str(rec["id"]), text=str(rec["text"]), title="", published=pub, url=url,
                   outlet=outlet_from_url(url))


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None) -> dict[str, Any]:
    """Per-label sentence P/R/F1 of newsgraph and of the keyword baseline on the dev (even) and
    aside (odd) halves and on all articles."""
    from ..pipeline import annotate

    base = settings or load_settings()
    settings = base.with_overrides(stages=_stages(base))
    root = Path(data)
    kw = json.loads(root.joinpath(*_KEYWORDS).read_text(encoding="utf-8"))
    recs = list(islice(read_jsonl(root.joinpath(*_DATA)), limit))
    t0 = time.perf_counter()
    pairs = [(r, annotate(article_of(r), settings).events) for r in recs]
    return {
        "dev": score(pairs[0::2], kw),
        "aside": score(pairs[1::2], kw),
        "all": score(pairs, kw),
        "split": "dev = articles at even positions of the file (0, 2, ...), aside = odd positions",
        "stages": list(settings.stages),
        "seconds": round(time.perf_counter() - t0, 1),
    }
