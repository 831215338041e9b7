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


def _clean_text(record: dict[str, Any], settings: Settings) -> str | None:
    """The record's text as the pipeline sees it (clean text, cut at ``max_chars``), so that bare
    spaCy parses the same characters; None when the record does not parse into an article."""
    from .ingest.jsonl import _record
    from .model import RawDocument
    from .parse import parse

    doc = _record(str(record.get("id")), record, max_bytes=settings.max_bytes)
    art = parse(doc) if isinstance(doc, RawDocument) else None
    return art.text[: settings.max_chars] if art is not None and hasattr(art, "text") else None


def run_bench(corpus: Path, *, settings: Settings | None = None, limit: int = 200) -> dict[str, Any]:
    from .api import analyze_record
    from .ingest.jsonl import _record
    from .model import Article, RawDocument
    from .nlp.spacy_model import load_stock_nlp
    from .parse import parse

    settings = settings or load_settings()
    records = _load(corpus, limit)
    if not records:
        raise SystemExit(f"no usable records in {corpus}")
    nlp = load_stock_nlp(settings.spacy_model)  # the baseline: spaCy as its package ships it
    texts = [_clean_text(r, settings) or r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    from .pipeline import annotate

    nlp(texts[0])  # warm up the model
    analyze_record(records[0], settings=settings)  # warm up lexicons and gazetteers
    # Bare spaCy and the full analysis are timed article by article, alternating which goes
    # first, so that load from elsewhere on the machine weighs on both sides alike.
    spacy_s = ng_s = 0.0
    counts = {"entities": 0, "events": 0, "quotes": 0, "timexes": 0, "amounts": 0, "places": 0}
    timings: dict[str, float] = {}
    for i, (r, text) in enumerate(zip(records, texts, strict=True)):
        for side in ((0, 1) if i % 2 == 0 else (1, 0)):
            t0 = time.perf_counter()
            if side == 0:
                nlp(text)
                spacy_s += time.perf_counter() - t0
                continue
            doc = _record(str(r.get("id")), r, max_bytes=settings.max_bytes)
            art = parse(doc) if isinstance(doc, RawDocument) else None
            if isinstance(art, Article):
                a = annotate(art, settings, timings=timings)
                for k in counts:
                    counts[k] += len(getattr(a, k))
            ng_s += time.perf_counter() - t0
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


def _side(side: str, corpus: Path, limit: int, jobs: int, settings: Settings, batch_size: int,
          out: Any) -> None:
    """One timed run in a fresh process (put on ``out``): ``spacy`` = the stock pipeline's
    ``nlp.pipe(texts, n_process=jobs)``; ``newsgraph`` = what ``analyze --jobs`` runs (reading the
    records, parsing, spaCy, every stage).  The model is loaded and warmed before the clock starts;
    the peak resident memory of the run's worker processes is the largest child's."""
    from .ingest.jsonl import _record
    from .model import Analysis
    from .nlp.spacy_model import load_stock_nlp
    from .runner import process_all, warm

    records = _load(corpus, limit)
    docs = [_record(str(r.get("id")), r, max_bytes=settings.max_bytes) for r in records]
    if side == "spacy":
        texts = [_clean_text(r, settings) or "" for r in records]
        nlp = load_stock_nlp(settings.spacy_model)
        nlp(texts[0])
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=jobs, batch_size=batch_size):
            pass
        seconds = time.perf_counter() - t0
        done = len(texts)
    else:
        warm(settings)  # what process_all does before it forks its workers
        t0 = time.perf_counter()
        done = sum(isinstance(r, Analysis) for r in process_all(iter(docs), settings, jobs=jobs))
        seconds = time.perf_counter() - t0
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put({"side": side, "seconds": seconds, "articles": done,
             "peak_worker_mb": round(worker_mb if jobs > 1 else own_mb, 1)})


def run_bench_jobs(corpus: Path, *, settings: Settings | None = None, limit: int = 500, jobs: int = 2,
                   runs: int = 3, batch_size: int = 25) -> dict[str, Any]:
    """``runs`` pairs of runs with ``jobs`` processes each, alternating which side goes first:
    bare spaCy (``nlp.pipe(n_process=jobs, batch_size=batch_size)``) and ``newsgraph analyze
    --jobs``; the ratio of each pair's throughputs, and its min / median / max over the pairs."""
    import multiprocessing as mp
    import statistics

    settings = settings or load_settings()
    if not _load(corpus, 1):
        raise SystemExit(f"no usable records in {corpus}")
    ctx = mp.get_context("spawn")  # each run starts clean: no model, cache or memory from the last
    pairs = []
    for run in range(runs):
        got: dict[str, dict[str, Any]] = {}
        for side in (("spacy", "newsgraph") if run % 2 == 0 else ("newsgraph", "spacy")):
            q = ctx.Queue()
            proc = ctx.Process(target=_side, args=(side, corpus, limit, jobs, settings, batch_size, q))
            proc.start()
            got[side] = q.get()
            proc.join()
        got["ratio"] = {"value": round(got["spacy"]["seconds"] / got["newsgraph"]["seconds"], 3)}
        pairs.append(got)
    ratios = [p["ratio"]["value"] for p in pairs]
    mem = [p["newsgraph"]["peak_worker_mb"] for p in pairs]
    n = pairs[0]["newsgraph"]["articles"]
    return {
        "corpus": str(corpus), "articles": n, "jobs": jobs, "spacy_batch_size": batch_size,
        "stages": list(settings.stages),
        "runs": [{"first": "spacy" if i % 2 == 0 else "newsgraph",
                  "spacy_s": round(p["spacy"]["seconds"], 2), "newsgraph_s": round(p["newsgraph"]["seconds"], 2),
                  "newsgraph_articles_per_s": round(n / p["newsgraph"]["seconds"], 2),
                  "ratio_to_spacy": p["ratio"]["value"], "peak_worker_mb": p["newsgraph"]["peak_worker_mb"],
                  "spacy_peak_worker_mb": p["spacy"]["peak_worker_mb"]} for i, p in enumerate(pairs)],
        "ratio_to_spacy": {"min": min(ratios), "median": statistics.median(ratios), "max": max(ratios)},
        "peak_worker_mb": {"min": min(mem), "median": statistics.median(mem), "max": max(mem)},
    }


# every read route of the server (server/rest.py, server/pages.py) once, the lists also filtered or
# searched; run_api_bench adds one article (API and page) and one edge of the network page
API_PATHS = (
    "/healthz", "/api/stats",
    "/api/articles?limit=20", "/api/articles?q=brexit&limit=20", "/api/articles?limit=20&offset=10000",
    "/api/facets", "/api/facets?q=brexit", "/api/entities?limit=50", "/api/entities?type=PERSON&limit=50",
    "/api/events?limit=50", "/api/events?actor=GBR&limit=50", "/api/quotes?limit=50", "/api/quotes?speaker=johnson",
    "/api/dyads?limit=50", "/api/timeline", "/api/network", "/api/search?q=parliament",
    "/", "/?q=brexit", "/timeline", "/network", "/quotes", "/quotes?q=deal",
)


def run_api_bench(db: str | Path, *, rounds: int = 20, settings: Settings | None = None,
                  cache: bool = False) -> dict[str, Any]:
    """Latency of every read endpoint and page, from a real server process on a loopback port.

    The first request to each path is reported apart (cold); p50/p95 are over the next ``rounds``.
    Without ``cache`` the server keeps no query results (setting ``result_cache = 0``), so every
    request runs its queries, as it always does on PostgreSQL.
    """
    import os
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, **({} if cache else {"NEWSGRAPH_RESULT_CACHE": "0"})}
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.time() + 60
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.time() > deadline:
                    raise SystemExit("the server did not start within 60 s")
                time.sleep(0.2)
            first = client.get("/api/articles?limit=1").json()["items"]
            edges = client.get("/api/network?max_edges=1").json()["edges"]
            paths = list(API_PATHS)
            if first:
                paths.append(f"/api/articles/{first[0]['id']}")
                paths.append(f"/articles/{first[0]['id']}")
            if edges:
                paths.append(f"/network?es={edges[0]['source']}&et={edges[0]['target']}")
            out: dict[str, Any] = {}
            for path in paths:
                t0 = time.perf_counter()
                status = client.get(path).status_code
                cold = time.perf_counter() - t0
                times = []
                for _ in range(rounds):
                    t0 = time.perf_counter()
                    client.get(path)
                    times.append(time.perf_counter() - t0)
                times.sort()
                out[path] = {"status": status, "cold_ms": round(cold * 1000, 1),
                             "p50_ms": round(times[len(times) // 2] * 1000, 1),
                             "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))] * 1000, 1)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"db": str(db), "rounds": rounds, "cache": cache, "endpoints": out}
