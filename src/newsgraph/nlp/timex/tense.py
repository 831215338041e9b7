"""Whether a temporal expression points back or ahead of the publication date (past, present,
future): it decides whether "Friday" or "March" lies before or after it. Words right around the
expression decide first ("since", "upcoming", "next", "Friday's"), then the noun phrase it modifies
("the upcoming vote on Friday"), then the tense of its clause, read by the clause layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...clauses import clauses, words
from ..spacy_model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Tense"]


_AHEAD = frozenset({"upcoming", "forthcoming", "coming", "scheduled"})


class Tense:
    """The time an expression points to, read from the spaCy parse lazily (per expression)."""

    def __init__(self, doc: Doc | None) -> None:
        self.doc = doc

    def at(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None (no verb found)."""
        doc = self.doc
        if doc is None or end > len(doc_text(doc)):
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        sent_start = span.sent.start
        # words right before the expression: "until March", "the upcoming March vote"
        if doc_text(doc).startswith("'s", end):
            return "past"  # "Friday's close"
        before = doc[max(span.start - 3, sent_start):span.start]
        if before.text.lower().endswith("as soon as") or (len(before) and before[-1].lower_ == "next"):
            return "future"
        for t in before:
            if t.lower_ in ("upcoming", "coming", "forthcoming"):
                return "future"
            if t.lower_ in ("since", "last", "past", "ago"):
                return "past"
        idx = clauses(doc)
        head = idx.head_of(span.root)
        node = span.root
        for _ in range(6):  # the words between the expression and its clause head: "the upcoming vote"
            if words().has("schedule_self", node.lower_) and node.pos_ in ("VERB", "ADJ", "AUX"):
                return "future"
            if any(c.lower_ in _AHEAD and not span.start <= c.i < span.end for c in node.children):
                return "future"
            if node.i == head.i or node.head.i == node.i:
                break
            node = node.head
        tense = idx.clause_of(head).time
        return tense.value if tense is not None else None
