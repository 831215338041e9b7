"""``newsgraph bench``: throughput and peak memory of the full analysis, next to bare spaCy.

Both are measured in the same process on the same articles: first spaCy's pipeline
alone (``nlp(text)``), then newsgraph (parse + spaCy + every stage).  The ratio of
the two throughputs is the figure the issues set a floor for (>= 0.7).
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path
from typing import Any

from .config import Settings, load_settings


def _load(corpus: Path, limit: int) -> list[dict[str, Any]]:
    out = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if isinstance(rec, dict) and isinstance(rec.get("text"), str) and rec["text"].strip():
                out.append(rec)
            if len(out) >= limit:
                break
    return out


def run_bench(corpus: Path, *, settings: Settings | None = None, limit: int = 200) -> dict[str, Any]:
    from .api import analyze_record
    from .ingest.jsonl import _record
    from .model import Article, RawDocument
    from .nlp.model import load_nlp
    from .parse import parse

    settings = settings or load_settings()
    records = _load(corpus, limit)
    if not records:
        raise SystemExit(f"no usable records in {corpus}")
    nlp = load_nlp(settings.spacy_model)
    # texts as the pipeline sees them (clean text), so both runs parse the same characters
    texts = []
    for r in records:
        doc = _record(str(r.get("id")), r, max_bytes=settings.max_bytes)
        art = parse(doc) if isinstance(doc, RawDocument) else None
        texts.append(art.text[: settings.max_chars] if art is not None and hasattr(art, "text") else r["text"])
    words = sum(len(t.split()) for t in texts)
    nlp(texts[0])  # warm up
    t0 = time.perf_counter()
    for t in texts:
        nlp(t)
    spacy_s = time.perf_counter() - t0
    from .pipeline import annotate

    analyze_record(records[0], settings=settings)  # warm up lexicons and gazetteers
    t0 = time.perf_counter()
    counts = {"entities": 0, "events": 0, "quotes": 0, "timexes": 0, "amounts": 0, "places": 0}
    timings: dict[str, float] = {}
    for r in records:
        doc = _record(str(r.get("id")), r, max_bytes=settings.max_bytes)
        art = parse(doc) if isinstance(doc, RawDocument) else None
        if not isinstance(art, Article):
            continue
        a = annotate(art, settings, timings=timings)
        for k in counts:
            counts[k] += len(getattr(a, k))
    ng_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(records)
    return {
        "corpus": str(corpus), "articles": n, "words": words, "stages": list(settings.stages),
        "spacy": {"seconds": round(spacy_s, 2), "articles_per_s": round(n / spacy_s, 2),
                  "words_per_s": round(words / spacy_s)},
        "newsgraph": {"seconds": round(ng_s, 2), "articles_per_s": round(n / ng_s, 2),
                      "words_per_s": round(words / ng_s)},
        "ratio_to_spacy": round(spacy_s / ng_s, 3),
        "peak_memory_mb": round(peak_mb, 1),
        "annotations": counts,
        "seconds_per_stage": {k: round(v, 2) for k, v in timings.items()},
    }
