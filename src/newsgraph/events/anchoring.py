"""When and where an event happened: its date (the temporal expression the clause layer gives its
clause, a day, week, month, quarter, season or year; else, for a past-tense clause, the narrative's
reference time (the latest day an earlier past clause of the same stretch of narration dates); else
the publication date; none for events the clause layer finds told as background) and its place (a
place in a locative phrase of its clause, a visit's destination, or the dateline for the main event
of a datelined report)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..clauses import Tense, clauses
from ..model import EventDate, Place, Timex
from ..nlp.spacy_model import doc_text, sentences
from ..registry import Context
from .candidate import Candidate
from .patterns import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT
    from spacy.tokens import Token

__all__ = ["NARRATIVE_WINDOW", "Dater", "place_of"]

NARRATIVE_WINDOW = 4  # sentences of the same paragraph a narrative's reference time reaches back
# clauses that do not set a narrative's time: adjuncts and non-finite complements ("sought their
# cooperation in keeping the peace on Friday": Friday is the hoped-for peace's, not the meeting's)
_ADJUNCT_DEPS = {"pcomp", "xcomp", "acl", "advcl", "relcl", "prep", "pobj"}

_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-(SP|SU|FA|WI)|-Q[1-4])?$")  # TIMEX3 values


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
    if "W" in value[5:6] and value[6:7].isdigit():
        return "week"
    if value[5:6] == "Q":
        return "quarter"
    if value[5:6].isalpha():
        return "season"  # "this past summer": 2016-SU
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
        if cl.tense is Tense.PAST and not cl.perfect:
            told = self.narrative_time(sent)
            if told is not None:
                return told
        return self.published

    def narrative_time(self, sent: SpanT) -> EventDate | None:
        """The reference time of the narration ``sent`` continues: a report that dates its incident
        once ("police fired on the mob on Friday evening") and then narrates it sentence by sentence
        ("the mob injured nine policemen") tells the later sentences on that day too.  The narration
        reaches back over the sentences of the same paragraph (at most :data:`NARRATIVE_WINDOW`) or,
        at a paragraph's start, the sentence before.  Its reference time is the latest timex there
        that dates a past-tense clause not told as background, outside a quotation; it counts when
        it is a day (or finer) before the publication day, and none is given when it is coarser
        ("earlier this month": the text gives no day) or the publication day or later."""
        if self.published is None:
            return None
        doc = sent.doc
        idx = clauses(doc)
        text = doc_text(doc)
        first = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        para = text.rfind("\n", 0, first) + 1
        prev = [s for s in sentences(doc) if s.end <= sent.start]
        if not prev:
            return None
        same = [s for s in prev if s.end_char > para][-NARRATIVE_WINDOW:]
        reach = same or prev[-1:]
        lo = reach[0].start_char
        for tx in sorted(self.timexes, key=lambda t: t.span.start, reverse=True):
            if not lo <= tx.span.start < sent.start_char:
                continue
            cl = idx.clause_at(tx.span.start, tx.span.end)
            if cl is None or cl.time is not Tense.PAST or cl.head.dep_ in _ADJUNCT_DEPS:
                continue
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None or idx.background(span.root):
                continue
            owner = next(s for s in reach if s.start_char <= tx.span.start < s.end_char)
            before = text[owner.start_char:tx.span.start]
            if sum(before.count(q) for q in '"“”') % 2 or before.count("‘‘") > before.count("’’"):
                continue  # told inside a quotation
            value = tx.value[:10]
            if len(value) < 10 or value >= self.published.value:
                return None
            return EventDate(value, "day", "narrative")
        return None


def place_of(c: Candidate, places: Sequence[Place], sent: SpanT, *, dateline: Place | None = None
             ) -> Place | None:
    """Where the event happened, when its clause says so: a place in a locative phrase ("in", "at",
    "near", ...) or "to" phrase of its trigger or clause verb, a visit's destination; else, for the
    main event of the sentence a ``dateline`` opens, the dateline's place.  A place elsewhere in
    the sentence ("the ministry in Kyiv said") is not the event's."""
    in_sent = [p for p in places if p.span.start >= sent.start_char and p.span.end <= sent.end_char]
    own_place = _own_place(c, in_sent, sent) if in_sent else None
    if own_place is not None:
        return own_place
    verb = c.clause if c.clause is not None else c.trigger
    if dateline is not None and verb.dep_ == "ROOT" and not c.nominal:
        return dateline
    return None


def _journeys(verb: Token) -> set[int]:
    """The journeys the clause of ``verb`` tells of: visit or travel words (patterns with the
    ``place`` flag) among its arguments ("met Xi during a trip to Beijing")."""
    lex = lexicon()
    out: set[int] = set()
    for c in verb.children:
        for t in (c, *[p for p in c.children if p.dep_ == "pobj"]):
            pats = (lex.nouns if t.pos_ == "NOUN" else lex.verbs).get(t.lemma_.lower(), [])
            if any("place" in p.flags for p in pats):
                out.add(t.i)
    return out


def _own_place(c: Candidate, in_sent: list[Place], sent: SpanT) -> Place | None:
    verb = c.clause if c.clause is not None else c.trigger
    own = {c.trigger.i, verb.i}
    doc = sent.doc
    # "to X" is where a visit or a journey goes; for other events it names a recipient ("pledged aid to
    # X"), unless the clause tells of a journey too ("met Xi in a trip to Beijing")
    journeys = _journeys(verb)
    preps = (*_PLACE_PREPS, "to") if "place" in c.flags or journeys else _PLACE_PREPS
    for p in in_sent:
        span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        prep = root.head
        if root.dep_ == "pobj" and prep.lemma_.lower() in preps and (prep.head.i in own or prep.head.i in journeys):
            return p
        if root.dep_ == "pobj" and root.head.head.dep_ == "pobj" and root.head.head.i in own:
            return p
    if c.code.startswith("042"):
        for p in in_sent:
            if any(t.actor and p.country and t.actor.startswith(p.country) for t in c.targets):
                return p
    return None
