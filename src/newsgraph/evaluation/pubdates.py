"""Publication-date benchmark: is the day ``extract_html`` finds the page's publication day?

Metric (as the reference scorer defines it): the predicted date reduced to its day
(``YYYY-MM-DD``) must equal the gold day; a page whose gold has no date counts as correct when
nothing is predicted.  Reported for all pages and for the ``html_lang == "en"`` subset, with
coverage (the share of pages given any date).  Pages are run without their URL, as the reference
harness feeds them.
"""

from __future__ import annotations

import gzip
import json
import math
import time
from pathlib import Path
from typing import Any

from ..config import Settings
from ..parse.html import extract_html


def _gold_day(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    return text[:10]


def _pred_day(value: str | None) -> str | None:
    if not value or len(value) < 10:
        return None  # month or year precision cannot match a day
    return value[:10]


def _htmldate_alone(html: str) -> str | None:
    """htmldate by itself (extensive search, original date): the starting point we improve on."""
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=True, original_date=True) or None
    except Exception:  # a baseline failure counts as no date
        return None


def _summary(rows: list[tuple[bool, bool]]) -> dict[str, Any]:
    n = len(rows)
    return {
        "accuracy": round(sum(c for c, _ in rows) / n, 4) if n else 0.0,
        "coverage": round(sum(p for _, p in rows) / n, 4) if n else 0.0,
        "pages": n,
    }


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None) -> dict[str, Any]:
    """Accuracy of the predicted publication day on data/dates (all pages and English pages)."""
    data = Path(data)
    records = []
    with (data / "dates" / "gold_dates.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                records.append(json.loads(line))
                if limit is not None and len(records) >= limit:
                    break
    rows_all: list[tuple[bool, bool]] = []
    base_all: list[tuple[bool, bool]] = []
    rows_en: list[tuple[bool, bool]] = []
    sources: dict[str, int] = {}
    errors: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for rec in records:
        raw = gzip.decompress((data / "dates" / "html" / f"{rec['id']}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        ex = extract_html(html)
        gold, pred = _gold_day(rec.get("date")), _pred_day(ex.published)
        correct = pred is None if gold is None else pred == gold
        base = _htmldate_alone(html)
        base_all.append((base is None if gold is None else base == gold, base is not None))
        row = (correct, ex.published is not None)
        rows_all.append(row)
        if rec.get("html_lang") == "en":
            rows_en.append(row)
        if ex.published_source:
            sources[ex.published_source] = sources.get(ex.published_source, 0) + 1
        if not correct:
            errors.append(
                {"id": rec["id"], "gold": gold, "pred": ex.published, "source": ex.published_source}
            )
    return {
        "task": "dates",
        "all": _summary(rows_all),
        "en": _summary(rows_en),
        "baseline": {"htmldate_extensive_original": _summary(base_all)},
        "sources": sources,
        "seconds": round(time.perf_counter() - t0, 1),
        "errors": errors,
    }
