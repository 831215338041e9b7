"""annotate(): run the NLP model once, then every configured stage, into one Analysis."""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

from .config import Settings, load_settings
from .model import Analysis, Article
from .nlp.spacy_model import load_nlp, parse_text
from .nlp.truecase import casing_mode, restore_spans, truecase
from .parse.repair import repair_apostrophes, repair_in_place
from .registry import Context, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FIELDS = ("entities", "events", "quotes", "timexes", "amounts", "places", "themes")


def truecased(article: Article, settings: Settings) -> bool:
    """Whether the parser reads a truecased copy of ``article`` (a lower-case or all-caps text, with
    ``truecase`` on); such a copy is also parsed with guarded sentence starts (``nlp.sentence_guard``)."""
    return settings.truecase != "off" and casing_mode(article.text[: settings.max_chars]) != "cased"


def for_parser(article: Article, settings: Settings) -> Article:
    """The article the parser and the stages read: ``article`` itself when its text is normally cased
    (or ``truecase = "off"``) and holds no mojibake, else a copy of the same lengths whose mojibake is
    repaired in place (``parse.repair.repair_in_place``: a text analysed as given, not read through
    ``parse``), whose SQL-escaped apostrophes ("friday''s") are halved in place
    (``repair_apostrophes``) and whose text and title are truecased when they need it."""
    text = repair_apostrophes(repair_in_place(article.text))
    title = repair_apostrophes(repair_in_place(article.title)) if article.title else article.title
    if truecased(article, settings):
        mode = casing_mode(article.text[: settings.max_chars])
        lowered = truecase(text, mode)
        if title:
            title = lowered[: len(title)] if text.startswith(title) else truecase(title, mode)
        text = lowered
    if text is article.text and title is article.title:
        return article
    return dataclasses.replace(article, text=text, title=title)


def parser_text(work: Article, settings: Settings) -> str:
    """The characters spaCy parses for ``work`` (an article as :func:`for_parser` returns it)."""
    return work.text[: settings.max_chars]


def annotate(article: Article, settings: Settings | None = None, *,
             timings: dict[str, float] | None = None, parsed: tuple[Article, Doc] | None = None) -> Analysis:
    """Annotate ``article`` with every stage in ``settings.stages`` (pure: no I/O).

    ``timings``, when given, accumulates seconds spent per stage (and in "spacy").  A lower-cased
    or all-caps article is parsed truecased (``nlp.truecase``); the result's spans keep the
    original text.  ``parsed``: ``(for_parser(article), its Doc)`` when the caller parsed it
    already (the runner parses a batch of articles in one ``nlp.pipe`` call).
    """
    settings = settings or load_settings()
    nlp = load_nlp(settings.spacy_model)
    t0 = time.perf_counter()
    if parsed is None:
        work = for_parser(article, settings)
        doc = parse_text(nlp, parser_text(work, settings), guard=truecased(article, settings))
    else:
        work, doc = parsed
    if timings is not None:
        timings["spacy"] = timings.get("spacy", 0.0) + time.perf_counter() - t0
    ctx = Context(article=work, doc=doc, nlp=nlp)
    names: list[str] = []
    for st in resolve(settings.stages):
        t0 = time.perf_counter()
        ctx.results[st.produces] = st.fn(ctx, **settings.options.get(st.name, {}))
        if timings is not None:
            timings[st.name] = timings.get(st.name, 0.0) + time.perf_counter() - t0
        names.append(st.name)
    kw: dict[str, Any] = {f: tuple(ctx.results.get(f) or ()) for f in _FIELDS}
    if work is not article:
        kw = {f: restore_spans(v, article.text) for f, v in kw.items()}
    return Analysis(article=article, tone=ctx.results.get("tone"), stages=tuple(names), **kw)
