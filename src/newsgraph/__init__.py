"""newsgraph: turn news articles into structured, evidence-backed knowledge.

    >>> import newsgraph
    >>> analysis = newsgraph.analyze("path/to/article.md")
    >>> analysis.to_json()

Public API: ``analyze``, ``analyze_record``, ``read``, ``parse``, ``annotate`` and the
model classes (``Article``, ``Analysis``, ...).
"""

from __future__ import annotations

from .model import (
    Amount,
    Analysis,
    Article,
    Entity,
    EntityRef,
    Event,
    Place,
    Quote,
    RawDocument,
    Rejected,
    Span,
    Timex,
)

__version__ = "0.1.0"

__all__ = [
    "Amount", "Analysis", "Article", "Entity", "EntityRef", "Event", "Place", "Quote", "RawDocument",
    "Rejected", "Span", "Timex", "__version__", "analyze", "analyze_record", "annotate", "parse", "read",
]


def __getattr__(name: str) -> object:
    # Lazy: importing newsgraph must not load spaCy.
    if name in ("analyze", "analyze_record", "read"):
        from . import api

        return getattr(api, name)
    if name == "annotate":
        from .pipeline import annotate

        return annotate
    if name == "parse":
        from .parse import parse

        return parse
    raise AttributeError(name)
