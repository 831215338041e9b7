"""Article-extraction benchmark: how much of the gold main text ``extract_html`` recovers.

Metric (the article-extraction-benchmark definition, written here from its description): every
text becomes a multiset of word 4-gram shingles (tokens are ``\\w+`` runs, case kept; a text of
fewer than four tokens is a single shingle, an empty text has none).  Per page, tp is the size of
the multiset intersection of predicted and gold shingles, P = tp / |pred| and R = tp / |gold|;
empty vs empty is (1, 1) and tp = 0 otherwise is (0, 0).  P and R are averaged over pages and
F1 is taken of the two means.

The stored outputs of other libraries (``peer_outputs/<name>.json``, ``{id: {"articleBody": …}}``)
are scored by the same code for comparison.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..config import Settings
from ..parse.html import extract_html

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    """The multiset of word ``n``-gram shingles of ``text`` (one shingle when shorter than ``n``)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([" ".join(tokens)])
    return Counter(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(pred: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    p, g = shingles(pred), shingles(gold)
    n_pred, n_gold = sum(p.values()), sum(g.values())
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0
    tp = sum((p & g).values())
    if tp == 0:
        return 0.0, 0.0
    return tp / n_pred, tp / n_gold


def aggregate(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages, and F1 of the two means."""
    ps, rs = [], []
    for p, r in pairs:
        ps.append(p)
        rs.append(r)
    if not ps:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    mp, mr = sum(ps) / len(ps), sum(rs) / len(rs)
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return {"precision": round(mp, 4), "recall": round(mr, 4), "f1": round(f1, 4), "pages": len(ps)}


def load_gold(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records of the extraction benchmark (``id``, ``body``, …)."""
    path = data / "extraction" / "gold.jsonl"
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def load_html(data: Path, folder: str, page_id: str) -> str:
    """Decompressed HTML of one benchmark page (undecodable bytes replaced)."""
    raw = gzip.decompress((data / folder / "html" / f"{page_id}.html.gz").read_bytes())
    return raw.decode("utf-8", errors="replace")


def score_system(
    gold: list[dict[str, Any]], predict: Callable[[str], str], *, details: bool = False
) -> dict[str, Any]:
    """Score ``predict(page_id) -> body`` over the gold pages."""
    pairs = []
    per_page = {}
    for rec in gold:
        pr = page_scores(predict(rec["id"]), rec.get("body") or "")
        pairs.append(pr)
        per_page[rec["id"]] = pr
    out: dict[str, Any] = aggregate(pairs)
    if details:
        out["per_page"] = per_page
    return out


def score_peers(data: Path, gold: list[dict[str, Any]]) -> dict[str, float]:
    """F1 of each stored peer output on the same pages."""
    peers: dict[str, float] = {}
    for path in sorted((data / "extraction" / "peer_outputs").glob("*.json")):
        stored = json.loads(path.read_text(encoding="utf-8"))

        def predict(page_id: str, stored: dict[str, Any] = stored) -> str:
            item = stored.get(page_id) or {}
            return str(item.get("articleBody") or "") if isinstance(item, dict) else str(item)

        peers[path.stem] = score_system(gold, predict)["f1"]
    return peers


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run ``extract_html`` on every benchmark page (no URL, as the reference harness) and score it."""
    data = Path(data)
    gold = load_gold(data, limit)
    t0 = time.perf_counter()
    bodies = {rec["id"]: extract_html(load_html(data, "extraction", rec["id"])).body for rec in gold}
    elapsed = time.perf_counter() - t0
    ours = score_system(gold, lambda page_id: bodies[page_id])
    ours["seconds"] = round(elapsed, 1)
    return {
        "task": "extraction",
        "newsgraph": ours,
        "baseline": {"trafilatura_default": score_system(gold, _trafilatura_default(data, gold))},
        "peers": score_peers(data, gold),
    }


def _trafilatura_default(data: Path, gold: list[dict[str, Any]]) -> Callable[[str], str]:
    """trafilatura.extract with its default settings, run now on the same pages (the bar to beat)."""
    import trafilatura

    out: dict[str, str] = {}
    for rec in gold:
        try:
            out[rec["id"]] = trafilatura.extract(load_html(data, "extraction", rec["id"])) or ""
        except Exception:  # a baseline failure scores as an empty page
            out[rec["id"]] = ""
    return lambda page_id: out.get(page_id, "")
