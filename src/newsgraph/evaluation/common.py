"""Helpers shared by the evaluation modules: reading JSONL, P/R/F1, running the pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..model import Analysis, Article, Published


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def article_for(text: str, *, id: str, date: str | None = None, title: str = "") -> Article:
    """An Article whose text is exactly ``text`` (so gold offsets apply unchanged)."""
    from ..parse.published import parse_date

    pub: Published | None = parse_date(date, source="input") if date else None
    return Article(id=id, text=text, title=title, published=pub)


def annotate_texts(articles: list[Article], settings: Settings | None, stages: tuple[str, ...] | None = None
                   ) -> Iterator[Analysis]:
    from ..pipeline import annotate

    settings = settings or load_settings()
    if stages is not None:
        settings = settings.with_overrides(stages=stages)
    for a in articles:
        yield annotate(a, settings)
