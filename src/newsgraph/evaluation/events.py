"""Evaluation of the event coder (``events.v1``) on CAMEO and PLOVER gold sentences.

Data (under the data root): ``events/cameo_validation.dev.jsonl`` (sentences with CAMEO events
between actor codes), ``events/plover_examples.dev.jsonl`` (CAMEO-manual sentences with one
PLOVER event each) and ``events/petrarch2_unittest.jsonl`` (fictional actors, WEIS-style codes:
mechanics only).  Every sentence becomes one Article whose text is exactly the sentence, with no
title and the record's date as publication date when it is a valid date (``YYYYMMDD`` or
``YYYY-MM-DD``); it runs through the pipeline with the stages the event stage uses.

Metrics (as the reference scorer's README defines them, implemented here):

- cameo_validation: per sentence the *set* of (source, target, code) triples, micro P/R/F1
  summed over sentences (a sentence without gold events adds its predictions as false
  positives).  Code levels: ``code`` (exact), ``root`` (first two digits), ``dyad`` (code
  ignored); actor levels: ``country`` (first three letters of the code) and ``full``.  A
  missing side (or a null actor) is ``---``.  Keys: ``code_country``, ``root_full``, ...
- plover_examples: CAMEO codes are mapped to PLOVER types with the codebook (a code without an
  entry uses its parent; codes with no PLOVER type are skipped); the gold's 0.5b1 names are
  renamed (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
  ``type_accuracy``: the mapped event with the highest rule score (``rule_confidence``, else
  ``confidence``; ties: the first) has a gold type; ``type_any_accuracy``: any mapped event has
  one; ``type_source_country``: micro F1 over per-sentence sets of (type, source country), a
  gold event with several sources giving one pair each and one without a source ``---``.
- petrarch2_unittest (mechanics): share of sentences with gold events where some predicted
  root code equals a gold root (actors ignored), share of sentences with gold events that get
  any event, and share of sentences without gold events that get none.

All events count, negated ones included (the reference scorer does the same); the coder gives
negated events a low rule score so they never become the top event.  The top event is chosen by the
coder's rule score, not by the calibrated confidence (``newsgraph.calibration``): the calibrated value
estimates P(fully right) across items, and picks the PLOVER type of a sentence less well (0.778 against
0.826 on plover_examples.dev).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..events.cameo import plover_type
from ..model import Article, Event, Published
from .common import prf, read_jsonl

_CAMEO = ("events", "cameo_validation.dev.jsonl")
_PLOVER = ("events", "plover_examples.dev.jsonl")
_PETRARCH = ("events", "petrarch2_unittest.jsonl")
_RENAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_WANTED = ("entities", "mentions", "timexes", "places", "events")


def _date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from ``YYYYMMDD`` or ``YYYY-MM-DD``; None for anything else (``121108``)."""
    if not value:
        return None
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", v)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31 and y >= 1000):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def article_of(rec: dict[str, Any]) -> Article:
    """One Article per gold sentence: text exactly the sentence, no title."""
    d = _date(rec.get("date"))
    return Article(id=str(rec["id"]), text=str(rec["text"]), title="",
                   published=Published(d, "day", "input") if d else None)


_PARTS = ("even", "odd")


def _read(path: Path, limit: int | None, part: str | None = None) -> list[dict[str, Any]]:
    """The records of ``path`` (the first ``limit``); with ``part`` only the even- or odd-indexed
    ones (0-based line order), so one half can be kept aside while the other is studied."""
    if not path.exists():
        return []
    recs = list(islice(read_jsonl(path), limit))
    if part is None:
        return recs
    if part not in _PARTS:
        raise ValueError(f"part must be one of {', '.join(_PARTS)}, not {part!r}")
    return recs[_PARTS.index(part)::2]


def _actor(ref: Any) -> str:
    code = ref.actor if ref is not None else None
    return code or "---"


def _key(src: str, tgt: str, code: str, code_level: str, actor_level: str) -> tuple[str, str, str]:
    if actor_level == "country":
        src, tgt = src[:3], tgt[:3]
    c = code if code_level == "code" else code[:2] if code_level == "root" else ""
    return src, tgt, c


def score_cameo(pairs: Iterable[tuple[dict[str, Any], Sequence[Event]]]) -> dict[str, Any]:
    """Micro P/R/F1 at every (code level, actor level) over (gold record, predicted events)."""
    levels = [(c, a) for c in ("code", "root", "dyad") for a in ("country", "full")]
    counts = {lv: [0, 0, 0] for lv in levels}
    n = 0
    for rec, events in pairs:
        n += 1
        for lv in levels:
            gold = {_key(g.get("source") or "---", g.get("target") or "---", str(g["code"]), *lv)
                    for g in rec.get("events") or ()}
            pred = {_key(_actor(e.source), _actor(e.target), e.code, *lv) for e in events}
            counts[lv][0] += len(gold & pred)
            counts[lv][1] += len(pred)
            counts[lv][2] += len(gold)
    out: dict[str, Any] = {"sentences": n}
    for (c, a), (tp, np_, ng) in counts.items():
        out[f"{c}_{a}"] = prf(tp, np_, ng)
    return out


def score_plover(pairs: Iterable[tuple[dict[str, Any], Sequence[Event]]]) -> dict[str, Any]:
    """Top-event PLOVER type accuracy, any-event accuracy and (type, source country) F1."""
    n = correct = any_correct = 0
    tp = n_pred = n_gold = 0
    for rec, events in pairs:
        n += 1
        gold_types: set[str] = set()
        gold_pairs: set[tuple[str, str]] = set()
        for g in rec.get("events") or ():
            t = _RENAME.get(g["plover"], g["plover"])
            gold_types.add(t)
            for s in g.get("source") or ["---"]:
                gold_pairs.add((t, (s or "---")[:3]))
        mapped: list[tuple[float, int, str, str]] = []
        for i, e in enumerate(events):
            t = plover_type(e.code)
            if t:
                rule = e.rule_confidence if e.rule_confidence is not None else e.confidence
                mapped.append((-rule, i, t, _actor(e.source)[:3]))
        if mapped:
            top = min(mapped)
            correct += top[2] in gold_types
            any_correct += any(m[2] in gold_types for m in mapped)
        pred_pairs = {(m[2], m[3]) for m in mapped}
        tp += len(pred_pairs & gold_pairs)
        n_pred += len(pred_pairs)
        n_gold += len(gold_pairs)
    return {"sentences": n, "type_accuracy": round(correct / n, 4) if n else 0.0, "type_correct": correct,
            "type_any_accuracy": round(any_correct / n, 4) if n else 0.0,
            "type_source_country": prf(tp, n_pred, n_gold)}


def score_mechanics(pairs: Iterable[tuple[dict[str, Any], Sequence[Event]]]) -> dict[str, Any]:
    """PETRARCH unit-test sentences: root agreement ignoring actors, coverage, silence."""
    with_gold = root_hit = covered = without = silent = 0
    for rec, events in pairs:
        gold_roots = {str(g.get("code") or "")[:2] for g in rec.get("events") or () if g.get("code")}
        pred_roots = {e.code[:2] for e in events if not e.negated}
        if gold_roots:
            with_gold += 1
            root_hit += bool(gold_roots & pred_roots)
            covered += bool(pred_roots)
        else:
            without += 1
            silent += not pred_roots
    return {"sentences": with_gold + without,
            "root_match": round(root_hit / with_gold, 4) if with_gold else 0.0,
            "coverage": round(covered / with_gold, 4) if with_gold else 0.0,
            "silence_when_no_gold": round(silent / without, 4) if without else 0.0}


def _stages(settings: Settings) -> tuple[str, ...]:
    from ..registry import registered

    table = registered()
    keep = [n for n in settings.stages if n in table and table[n].produces in _WANTED]
    if not any(table[n].produces == "events" for n in keep):
        keep.append("events.v1")
    return tuple(keep)


def _run(recs: list[dict[str, Any]], settings: Settings) -> list[tuple[dict[str, Any], Sequence[Event]]]:
    from ..pipeline import annotate

    return [(r, annotate(article_of(r), settings).events) for r in recs]


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None,
             part: str | None = None) -> dict[str, Any]:
    """cameo_validation F1 at every level, PLOVER type accuracy and PETRARCH mechanics; with
    ``part`` ("even" or "odd") on that half of each set only."""
    base = settings or load_settings()
    settings = base.with_overrides(stages=_stages(base))
    root = Path(data)
    t0 = time.perf_counter()
    cameo = _run(_read(root.joinpath(*_CAMEO), limit, part), settings)
    plover = _run(_read(root.joinpath(*_PLOVER), limit, part), settings)
    petr = _run(_read(root.joinpath(*_PETRARCH), limit, part), settings)
    return {
        "part": part or "all",
        "cameo_validation": score_cameo(cameo),
        "plover_examples": score_plover(plover),
        "petrarch2_unittest": score_mechanics(petr),
        "stages": list(settings.stages),
        "seconds": round(time.perf_counter() - t0, 1),
    }
