"""When and where an event happened: its date (the temporal expression the clause layer gives its
clause, else the publication date; none for events the clause layer finds told as background) and
its place (a place name attached to its clause, or a visit's destination)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..clauses import clauses
from ..model import EventDate, Place, Timex
from ..registry import Context
from .candidate import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT
    from spacy.tokens import Token

__all__ = ["Dater", "place_of"]

_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def _is_background(t: Token, v: Token) -> bool:
    """Events told as background (the clause layer's reading), or in a perfect relative clause."""
    idx = clauses(t.doc)
    return idx.background(t) or (v.dep_ == "relcl" and idx.clause_of(v).perfect)


def _dated_timexes(ctx: Context) -> list[Timex]:
    """The article's timexes that name a date (a day, week, month or year)."""
    out: list[Timex] = []
    for tx in ctx.results.get("timexes") or ():
        value = tx.value[:10] if "T" in tx.value else tx.value
        if tx.type in ("DATE", "TIME") and _DATE_RE.match(value):
            out.append(tx)
    return out


def _precision(value: str) -> str:
    if len(value) == 4:
        return "year"
    if "W" in value:
        return "week"
    if len(value) == 7:
        return "month"
    return "day"


class Dater:
    """Dates events: the timex the clause layer gives the event's clause, else the publication date."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.timexes = _dated_timexes(ctx)
        pub = ctx.article.published
        self.published = EventDate(pub.value[:10], pub.precision if pub.precision != "time" else "day",
                                   "published") if pub else None

    def date(self, c: Candidate, sent: SpanT) -> EventDate | None:
        idx = clauses(sent.doc)
        verb = c.clause if c.clause is not None else idx.head_of(c.trigger)
        cl = idx.clause_of(verb)
        own = idx.own_timexes(cl, self.timexes)
        shared = [] if own else idx.timexes_for(cl, self.timexes)
        for tx in own + shared:
            if tx in shared:  # a participle's or a governor's date, unless it is told as background
                span = sent.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
                if span is None or _is_background(span.root, verb):
                    continue
            value = tx.value[:10]
            return EventDate(value, _precision(value), "text")
        if _is_background(c.trigger, verb):
            return None
        return self.published


def place_of(c: Candidate, places: Sequence[Place], sent: SpanT) -> Place | None:
    in_sent = [p for p in places if p.span.start >= sent.start_char and p.span.end <= sent.end_char]
    if not in_sent:
        return None
    verb = c.clause if c.clause is not None else c.trigger
    own = {c.trigger.i, verb.i}
    doc = sent.doc
    for p in in_sent:
        span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        prep = root.head
        if root.dep_ == "pobj" and prep.lemma_.lower() in (*_PLACE_PREPS, "to") and prep.head.i in own:
            return p
        if root.dep_ == "pobj" and root.head.head.dep_ == "pobj" and root.head.head.i in own:
            return p
    if c.code.startswith("042"):
        for p in in_sent:
            if any(t.actor and p.country and t.actor.startswith(p.country) for t in c.targets):
                return p
    return None
