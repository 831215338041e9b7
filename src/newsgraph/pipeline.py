"""annotate(): run the NLP model once, then every configured stage, into one Analysis."""

from __future__ import annotations

import time
from typing import Any

from .config import Settings, load_settings
from .model import Analysis, Article
from .nlp.spacy_model import load_nlp
from .registry import Context, resolve

_FIELDS = ("entities", "events", "quotes", "timexes", "amounts", "places", "themes")


def annotate(article: Article, settings: Settings | None = None, *,
             timings: dict[str, float] | None = None) -> Analysis:
    """Annotate ``article`` with every stage in ``settings.stages`` (pure: no I/O).

    ``timings``, when given, accumulates seconds spent per stage (and in "spacy").
    """
    settings = settings or load_settings()
    nlp = load_nlp(settings.spacy_model)
    t0 = time.perf_counter()
    doc = nlp(article.text[: settings.max_chars])
    if timings is not None:
        timings["spacy"] = timings.get("spacy", 0.0) + time.perf_counter() - t0
    ctx = Context(article=article, doc=doc, nlp=nlp)
    names: list[str] = []
    for st in resolve(settings.stages):
        t0 = time.perf_counter()
        ctx.results[st.produces] = st.fn(ctx, **settings.options.get(st.name, {}))
        if timings is not None:
            timings[st.name] = timings.get(st.name, 0.0) + time.perf_counter() - t0
        names.append(st.name)
    kw: dict[str, Any] = {f: tuple(ctx.results.get(f) or ()) for f in _FIELDS}
    return Analysis(article=article, tone=ctx.results.get("tone"), stages=tuple(names), **kw)
