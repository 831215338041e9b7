"""TempEval-3 style evaluation of the temporal-expression stage (``timexes.v1``).

Data: ``<data>/timex/tempeval3_docs.train.jsonl`` (TimeBank + AQUAINT documents, each with its text,
its document creation time ``dct`` and the gold TIMEX3 annotations with character offsets).  Each
document becomes an Article whose text is exactly the given text (so offsets line up), published at
the DCT, and runs through the pipeline with the timex stage only.

Metrics (as the reference scorer defines them):

- strict span P/R/F1: a prediction counts when its (start, end) equals a gold span;
- relaxed span P/R/F1: predictions and gold spans matched one-to-one, greedily by overlap ratio
  (overlap / longer length, ties by gold then prediction order), any overlap counts;
- value P/R/F1: relaxed matches whose value equals the gold value (string, case-insensitive,
  trimmed), over all predictions and all gold annotations; type P/R/F1 likewise;
- value and type accuracy: correct values (types) over relaxed matches.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..model import Article, Published, Timex
from .common import prf as _prf

_FILE = ("timex", "tempeval3_docs.train.jsonl")


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans, best overlap ratio first."""
    cands: list[tuple[float, int, int]] = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            longest = max(ge - gs, pe - ps)
            if ov > 0 and longest > 0:
                cands.append((ov / longest, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _same(a: Any, b: Any) -> bool:
    return str(a or "").strip().upper() == str(b or "").strip().upper()


def score_document(gold: list[dict[str, Any]], pred: list[Timex]) -> dict[str, Any]:
    """Counts for one document, plus the mismatches (for error analysis)."""
    gspans = [(int(g["start"]), int(g["end"])) for g in gold]
    pspans = [(t.span.start, t.span.end) for t in pred]
    pairs = match_spans(gspans, pspans)
    value_ok = type_ok = 0
    wrong: list[dict[str, Any]] = []
    for i, j in pairs:
        g, t = gold[i], pred[j]
        v_ok = _same(t.value, g["value"])
        value_ok += v_ok
        type_ok += _same(t.type, g["type"])
        if not v_ok or (g["start"], g["end"]) != (t.span.start, t.span.end):
            wrong.append({"gold": g["text"], "gold_value": g["value"], "pred": t.span.text,
                          "pred_value": t.value})
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    return {
        "strict": len(set(gspans) & set(pspans)), "relaxed": len(pairs), "value": value_ok,
        "type": type_ok, "n_pred": len(pred), "n_gold": len(gold),
        "wrong": wrong,
        "missed": [{"text": g["text"], "value": g["value"]}
                   for i, g in enumerate(gold) if i not in matched_g],
        "spurious": [{"text": t.span.text, "value": t.value, "start": t.span.start}
                     for j, t in enumerate(pred) if j not in matched_p],
    }


def load_docs(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    with Path(data).joinpath(*_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
                if limit is not None and len(docs) >= limit:
                    break
    return docs


def predict(doc: dict[str, Any], settings: Settings) -> list[Timex]:
    """Run the pipeline (spaCy + the configured stages) on one TempEval document."""
    from ..pipeline import annotate

    dct = str(doc.get("dct") or "")[:10]
    article = Article(id=str(doc["doc_id"]), text=doc["text"], title="",
                      published=Published(dct, "day", "input") if dct else None)
    return list(annotate(article, settings).timexes)


def run(data: Path, *, settings: Settings | None = None, limit: int | None = None,
        details: bool = False) -> dict[str, Any]:
    """Score every document; with ``details`` also return the per-document mismatches."""
    settings = (settings or load_settings()).with_overrides(stages=("entities.v1", "timexes.v1"))
    docs = load_docs(data, limit)
    tot = {"strict": 0, "relaxed": 0, "value": 0, "type": 0, "n_pred": 0, "n_gold": 0}
    per_doc: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for d in docs:
        s = score_document(d["timexes"], predict(d, settings))
        for k in tot:
            tot[k] += s[k]
        if details:
            per_doc.append({"doc_id": d["doc_id"], "dct": d["dct"], **s})
    npred, ngold, rel = tot["n_pred"], tot["n_gold"], tot["relaxed"]
    out: dict[str, Any] = {
        "task": "timex",
        "docs": len(docs),
        "strict": _prf(tot["strict"], npred, ngold),
        "relaxed": _prf(rel, npred, ngold),
        "value": _prf(tot["value"], npred, ngold),
        "type": _prf(tot["type"], npred, ngold),
        "value_accuracy": round(tot["value"] / rel, 4) if rel else 0.0,
        "type_accuracy": round(tot["type"] / rel, 4) if rel else 0.0,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if details:
        out["documents"] = per_doc
    return out


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None) -> dict[str, Any]:
    """Strict/relaxed span, value and type scores of ``timexes.v1`` on the TempEval-3 documents."""
    return run(data, settings=settings, limit=limit)
