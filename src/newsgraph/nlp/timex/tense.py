"""The tense of the clause around a temporal expression (past, present, future), read from the spaCy
parse: it decides whether "Friday" or "March" lies before or after the publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spacy_model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Tense"]


_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo", "upcoming", "coming", "next", "forthcoming",
                           "scheduled", "planned", "expected", "due", "future", "plan", "plans", "until",
                           "going", "would", "'d", "could", "might", "may", "should", "must", "to"})
_PAST_HINT = frozenset({"ago", "last", "earlier", "previous", "past", "since"})


_SCHEDULE = frozenset({"scheduled", "due", "slated", "poised"})
_SCHEDULE_HEAD = _SCHEDULE | {"set", "expected", "going", "likely", "planning", "plans", "plan", "planned",
                              "intends", "hopes", "ready"}


class Tense:
    """Tense of the clause around a character offset, read from the spaCy parse (lazily)."""

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
        node = span.root
        for _ in range(6):
            if node.lower_ in _SCHEDULE and node.pos_ in ("VERB", "ADJ", "AUX"):
                return "future"
            for c in node.children:
                if span.start <= c.i < span.end:
                    continue
                low = c.lower_
                if low in ("upcoming", "forthcoming", "coming", "scheduled"):
                    return "future"
                if c.dep_ in ("aux", "auxpass"):
                    if low in ("will", "'ll", "shall", "wo", "would"):
                        return "future"
                    if c.tag_ == "VBD" or low in ("has", "have", "'ve", "had"):
                        return "past"
                    if low == "going" or (low in ("is", "are", "'s", "'re", "am") and node.lower_ == "going"):
                        return "future"
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
                if node.lower_ in _SCHEDULE:
                    return "future"
                if node.tag_ == "VB" and any(c.lower_ == "to" for c in node.children) \
                        and node.head.lower_ in _SCHEDULE_HEAD:
                    return "future"
                if node.tag_ in ("VBD", "VBN"):
                    return "past"
                if node.tag_ in ("VBZ", "VBP"):
                    return "present"
            if node.head is node:
                break
            node = node.head
        return None
