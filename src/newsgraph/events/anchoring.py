"""When and where an event happened.

The date (``Dater.dated``, with its basis, ``DATE_BASES``, recorded in the event's ``evidence``): the temporal
expression the clause layer gives the event's clause (a day, week, month, quarter, season or year, not the bound of
a span: "since 1952", ``nlp.timex.bounds_span`` -- for an event noun, first one of its own modifiers, and never the
time of a report it is the subject of: "news of the meetings emerged last week"); else the date of an occasion the
act is placed at that the article dates elsewhere ("met Merkel at the D-Day event in Portsmouth", ``occasions``); else
so many days from a dated clause ("came two days after May met Trump"); else, for an item of a schedule or diary
layout, the day of the line that heads it ("WEDNESDAY", ``headings``; not for background or perfect clauses); else,
for a retelling of an event the article dated earlier, that date (``retold``); events the text does not tell as the
day's news (background, perfect and future clauses) get none; else, for a past-tense clause, the narrative's
reference time (the latest date an earlier past clause of the same stretch of narration gives); a past act at a
named occasion the article does not date ("met May at the G20 summit") gets none; a past act with no time of its own
gets the publication date only when the text's running time (its latest temporal expression of an act before the
sentence) is the publication day, or, for a verbal act (a statement, an appeal, an accusation), when the text gives
no time before it; else none; an act told in the simple present as a scene (a caption: "Trump meets Merkel at ...")
gets none, unless the sentence before or after names today or tomorrow; other present-tense events the publication
date.

The place: a place in a locative phrase of its clause, a visit's destination, or the dateline for the main event of
a datelined report."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..clauses import Clause, Tense, clauses
from ..clauses.layer import is_head
from ..clauses.words import words
from ..model import Event, EventDate, Place, Timex
from ..nlp.spacy_model import doc_text, sentences
from ..nlp.timex import bounds_span
from ..registry import Context
from .candidate import Candidate
from .headings import Headings
from .occasions import Occasions, placed_at
from .patterns import lexicon
from .retold import antecedent_date

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT
    from spacy.tokens import Token

__all__ = ["DATE_BASES", "NARRATIVE_WINDOW", "Dater", "place_of"]

NARRATIVE_WINDOW = 4  # sentences of the same paragraph a narrative's reference time reaches back
# clauses that do not set a narrative's time: adjuncts and non-finite complements ("sought their
# cooperation in keeping the peace on Friday": Friday is the hoped-for peace's, not the meeting's)
_ADJUNCT_DEPS = {"pcomp", "xcomp", "acl", "advcl", "relcl", "prep", "pobj"}

# where an event's date came from (``Dater.dated``; the event's ``evidence.date``): the clause's or the event
# noun's own temporal expression; one it shares or inherits (a governing clause's, a participle's, "that same
# day", an earlier telling of the same event, the body's for a headline); the narrative's reference time; the
# publication date for a present-tense event or a past one in a text whose last time reference is the
# publication day; none: told as not the day's news, a past act in a text that narrates earlier days, an
# article without a publication date
DATE_BASES = ("clause", "inherited", "heading", "narrative", "published", "published_past", "not_today",
              "past_undated", "present_undated", "undated")
# a past act with no time of its own gets the publication date only when the text's last time reference
# (before it) is the publication day; else none
PAST_NEEDS_TODAY = True
RUNNING_REACH = 3000  # characters back the text's running time reference is looked for
NO_REFERENCE_TODAY = True  # whether a text with no time reference before a verbal act tells the day's news
SAME_DAY_REACH = 1500  # characters back "that same day" finds the day it refers to
_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-(SP|SU|FA|WI)|-Q[1-4])?$")  # TIMEX3 values


def _is_background(t: Token, v: Token) -> bool:
    """Events told as background (the clause layer's reading), or in a perfect relative clause."""
    idx = clauses(t.doc)
    return idx.background(t) or (v.dep_ == "relcl" and idx.clause_of(v).perfect)


def _dated_timexes(ctx: Context) -> list[Timex]:
    """The article's timexes that name a date (a day, week, month or year) at a point: not the bounds of a
    span ("since 1952", "from 2017 to 2019": ``nlp.timex.bounds_span``), which date no one act."""
    out: list[Timex] = []
    for tx in ctx.results.get("timexes") or ():
        if bounds_span(tx):
            continue
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


def _text_date(tx: Timex) -> EventDate:
    value = tx.value[:10]
    return EventDate(value, _precision(value), "text")


def _tells_of(v: Token) -> bool:
    """Whether clause ``v``, a modifier of a noun, tells of the noun's event: a participle ("the summit
    held in May") or a relative clause whose subject is the relative pronoun ("which took place")."""
    if v.dep_ == "acl":
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
    if v.dep_ == "relcl" and _happens(v):
        return True  # "meetings with officials, which took place": only an event takes place
    if v.dep_ == "relcl":
        return any(c.dep_ in ("nsubj", "nsubjpass") and (c.tag_ in ("WDT", "WP") or c.lower_ == "that")
                   for c in v.children)
    return False


def _modifies(v: Token, noun: Token) -> bool:
    """Whether clause ``v`` modifies ``noun``, or -- a clause of happening, which only an event can be the
    subject of -- the object of a phrase of ``noun`` ("meetings with officials, which took place")."""
    if v.head.i == noun.i:
        return True
    h = v.head
    return _happens(v) and h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.i == noun.i


def _happens(v: Token) -> bool:
    """Whether verb ``v`` says that its subject, an event, happened ("took place", "happened", "occurred")."""
    lemma = v.lemma_.lower()
    return lemma in ("happen", "occur") or (lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in v.children))


def _reported_of(noun: Token) -> bool:
    """Whether event noun ``noun`` is what a report is of ("news of the meetings", "footage of the
    clashes"): the clause then tells of the report, and its time is the report's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    return words().has("report_noun", noun.head.head.lemma_.lower())


def _definite(noun: Token) -> bool:
    """Whether event noun ``noun`` is definite ("the visit", "this meeting", "Patel's meetings"): it
    refers to an event the reader is taken to know of."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
               for c in noun.children)


def _after_background(tx: Timex, sent: SpanT) -> bool:
    """Whether timex ``tx`` dates the object of a background phrase it follows ("the first to visit since
    Clinton in 1999": the parse attaches "in 1999" to the verb, but it is Clinton's visit's year)."""
    span = sent.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    preps = words().classes.get("background_prep", frozenset())
    cur = prep
    for _ in range(6):  # inside the phrase ("since Clinton in 1999" parsed as one phrase)
        if cur.dep_ == "pobj" and cur.head.lemma_.lower() in preps:
            return True
        if is_head(cur):
            break
        cur = cur.head
    return any(b.dep_ == "prep" and b.i != prep.i and b.lemma_.lower() in preps and b.right_edge.i + 1 == prep.i
               for b in prep.head.children)


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
# roots of acts a present-tense sentence of the body tells as a scene (a caption: "Trump meets Merkel at the
# D-Day event"), not as the day's news: consultations, cooperation, aid, yielding, investigations, protest and
# force; a statement, an appeal or an accusation in the present ("says", "urges", "accuses") is the day's
_VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
_SCENE_ROOTS = frozenset({"04", "05", "06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})


# deictic names of the publication day and the next, which no caption uses
_TODAY_WORDS = frozenset({"today", "tonight", "tomorrow", "this morning", "this afternoon", "this evening"})


def _quoted(text: str, at: int) -> bool:
    """Whether character ``at`` is inside a quotation opened since the start of its line."""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return bool(sum(before.count(q) for q in '"“”') % 2) or before.count("‘‘") > before.count("’’")


def _count(n: Token) -> int | None:
    """The number of days a "day" noun counts ("two days", "a day", "3 days"); None when not a small count."""
    for c in n.children:
        if c.dep_ in ("nummod", "det"):
            low = c.lower_
            if low.isdigit() and 0 < int(low) < 32:
                return int(low)
            if low in _NUMBERS:
                return _NUMBERS[low]
    return None


def _told_as_scene(c: Candidate, cl: Clause) -> bool:
    """Whether an act is told in the simple present as a scene (a photo caption, a timeline's line: "Trump
    meets with Merkel on the sidelines of the summit"): a present-tense, non-progressive, non-perfect clause
    of its own (not a frame's complement), an act of :data:`_SCENE_ROOTS`."""
    h = cl.head
    return (c.code[:2] in _SCENE_ROOTS and cl.tense is Tense.PRESENT and not cl.perfect
            and h.tag_ in ("VBZ", "VBP") and c.trigger.i == h.i and cl.modality == "asserted")


class Dater:
    """Dates events (see the module's doc): the timex the clause layer gives the event's clause, an
    earlier mention's date, the narrative's time, else the publication date when the event may be
    the day's news."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.timexes = _dated_timexes(ctx)
        pub = ctx.article.published
        self.published = EventDate(pub.value[:10], pub.precision if pub.precision != "time" else "day",
                                   "published") if pub else None
        self.headings = Headings(ctx.article.text, self.timexes, self._tense_after)
        title = ctx.article.title or ""
        self.title_end = len(title) if title and ctx.article.text.startswith(title) else 0

    def _tense_after(self, at: int) -> str | None:
        """The tense of the main clause of the first sentence whose root, a word, lies after character ``at`` (a
        heading the parser took into the sentence below it included; not a bullet parsed as a root)."""
        doc = self.ctx.doc
        for s in sentences(doc):
            if s.end_char > at and s.root.idx >= at and s.root.is_alpha:
                time = clauses(doc).clause_of(s.root).time
                return time.value if time is not None else None
        return None

    def date(self, c: Candidate, sent: SpanT, parties: Sequence[tuple[str | None, str | None]] = (),
             earlier: Sequence[Event] = ()) -> EventDate | None:
        """The date of candidate ``c`` in ``sent`` (see :meth:`dated`)."""
        return self.dated(c, sent, parties, earlier)[0]

    def dated(self, c: Candidate, sent: SpanT, parties: Sequence[tuple[str | None, str | None]] = (),
              earlier: Sequence[Event] = ()) -> tuple[EventDate | None, str]:
        """The date of candidate ``c`` in ``sent`` and where it came from (:data:`DATE_BASES`);
        ``parties``: its (source, target) actor pairs and ``earlier``: the article's events coded before
        it, for a retold event's date."""
        idx = clauses(sent.doc)
        verb = c.clause if c.clause is not None else idx.head_of(c.trigger)
        cl = idx.clause_of(verb)
        noun = c.trigger if c.trigger.i != verb.i and c.trigger.pos_ in ("NOUN", "PROPN") else None
        if noun is not None:
            mine = self._noun_timexes(noun, sent)
            if mine:
                return _text_date(mine[0]), "clause"
        reported = noun is not None and _reported_of(noun)
        if not reported:
            told, basis = self._clause_time(cl, verb, sent)
            # an intent (03) is dated when it is stated ("vowed on Monday to visit", "said on Monday they
            # should cooperate", "said on Monday it plans to"), not when the intended act is to be
            for _ in range(3):
                if told is not None or not c.code.startswith("03") or cl.parent is None or (
                        cl.time is not Tense.FUTURE and cl.governor != "report"):
                    break
                cl = cl.parent
                verb = cl.head
                told, basis = self._clause_time(cl, verb, sent)
                basis = "inherited"
            if told is not None:
                return told, basis
            at = self.occasions.date_at(verb, c.trigger)
            if at is not None:
                return at, "inherited"
        if noun is None:
            apart = self._days_apart(cl, verb, sent)
            if apart is not None:
                return apart, "inherited"
        background = _is_background(c.trigger, verb)
        if not (background or reported or cl.perfect):
            # an item of a schedule or diary under a line that is only a day ("WEDNESDAY", "Thursday 5 July")
            head = self.headings.date_at(c.trigger.idx, cl.time.value if cl.time else None, self.published)
            if head is not None:
                return head, "heading"
        not_today = background or reported or cl.perfect or cl.time is Tense.FUTURE
        if not_today or (noun is not None and _definite(noun)):
            told = antecedent_date(c.code, parties, c.trigger.idx, earlier)
            if told is not None:
                return told, "inherited"
        if not_today:
            return None, "not_today"  # the text does not tell it as the day's news, nor date it
        if self.published is None:
            return None, "undated"
        if cl.time is Tense.PAST:
            told = self.narrative_time(sent)
            if told is not None:
                return told, "narrative"
            if placed_at(verb, c.trigger):
                # a past act at a named occasion the article does not date ("met May at the G20 summit"):
                # it fell on the occasion's day, which need not be the publication day
                return None, "past_undated"
            if PAST_NEEDS_TODAY and not self.told_today(sent, c.code[:2] in _VERBAL_ROOTS, cl):
                # a past act with no time of its own, in a text whose last time reference is not the
                # publication day: it may be the day's news or something earlier; left undated
                return None, "past_undated"
            return self.published, "published_past"
        if _told_as_scene(c, cl) and sent.start_char >= self.title_end and not self._today_beside(sent):
            return None, "present_undated"
        return self.published, "published"

    def _days_apart(self, cl: Clause, verb: Token, sent: SpanT) -> EventDate | None:
        """The day of an event told as so many days before or after a dated clause ("criticism came two
        days after May met Trump": the meeting two days before the criticism's day; "came three days before
        the president visited": three days after): the governing clause dated by its own time or, in the
        present tense, by the publication date."""
        if verb.dep_ != "advcl" or cl.parent is None:
            return None
        mark = next((m for m in verb.children if m.dep_ == "mark" and m.lower_ in ("after", "before")), None)
        if mark is None:
            return None
        days = None
        for holder in (verb, mark):
            for n in holder.children:
                if n.dep_ == "npadvmod" and n.lemma_.lower() == "day":
                    days = _count(n)
        if days is None:
            return None
        main = cl.parent
        told, _ = self._clause_time(main, main.head, sent)
        if told is None and main.time is Tense.PRESENT and self.published is not None:
            told = self.published
        if told is None or told.precision != "day":
            return None
        try:
            day = dt.date.fromisoformat(told.value[:10]) + dt.timedelta(days=days if mark.lower_ == "before" else -days)
        except ValueError:
            return None
        return EventDate(day.isoformat(), "day", "text")

    @property
    def occasions(self) -> Occasions:
        """The article's dated occasions (``occasions``), found once."""
        got: Occasions | None = getattr(self, "_occasions", None)
        if got is None:
            doc = self.ctx.doc
            starts = [s.start for s in sentences(doc)]

            def own(n: Token) -> list[Timex]:
                sent = sentences(doc)[bisect.bisect_right(starts, n.i) - 1]
                return self._noun_timexes(n, sent)

            got = self._occasions = Occasions(doc, self.timexes, own, _text_date)
        return got

    def _clause_time(self, cl: Clause, verb: Token, sent: SpanT) -> tuple[EventDate | None, str]:
        """The time the text gives clause ``cl`` (of ``verb``) and its basis: its own timex
        (``clause``), else one it shares (a participle's, a governor's, a when-clause's) unless told as
        background, else "that same day" (``inherited``)."""
        idx = clauses(sent.doc)
        # a heading's day the parser took into the clause dates it as a heading (``headings``), not as its own
        own = [tx for tx in idx.own_timexes(cl, self.timexes)
               if not _after_background(tx, sent) and not self.headings.is_heading(tx)]
        shared = [] if own else [tx for tx in idx.timexes_for(cl, self.timexes) if not self.headings.is_heading(tx)]
        for tx in own + shared:
            if tx in shared:  # a participle's or a governor's date, unless it is told as background
                span = sent.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
                if span is None or _is_background(span.root, verb):
                    continue
            return _text_date(tx), "clause" if tx in own else "inherited"
        day = self._same_day(cl, sent)
        return day, "inherited"

    def _same_day(self, cl: Clause, sent: SpanT) -> EventDate | None:
        """The day "that day" / "the same day" in clause ``cl`` refers back to: the latest day the text
        named before ``sent`` (within :data:`SAME_DAY_REACH` characters)."""
        idx = clauses(sent.doc)
        heads = {cl.head.i}
        cur = cl
        while cur.parent is not None and idx.shares_time(cur) and len(heads) < 8:
            cur = cur.parent
            heads.add(cur.head.i)
        for t in sent.doc[cur.start:cur.end]:
            if t.lower_ != "day" or idx.head_of(t).i not in heads:
                continue
            kids = {c.lower_ for c in t.children if c.dep_ in ("det", "amod")}
            if not (kids & {"that", "same"}) or kids & {"every", "each", "next", "following", "previous"}:
                continue
            for tx in sorted(self.timexes, key=lambda x: x.span.start, reverse=True):
                if tx.span.start >= sent.start_char:
                    continue
                if sent.start_char - tx.span.start > SAME_DAY_REACH:
                    break
                if len(tx.value) >= 10 and tx.value[4] == "-" and tx.value[5:7].isdigit():
                    return EventDate(tx.value[:10], "day", "text")
            return None
        return None

    def _noun_timexes(self, noun: Token, sent: SpanT) -> list[Timex]:
        """The timexes that modify event noun ``noun`` itself: in a phrase of its own ("the talks on
        Monday") or in a clause that tells of it ("the meetings, which took place in August", "the
        summit held in May"), not in any other clause."""
        out: list[Timex] = []
        for tx in self.timexes:
            if not (sent.start_char <= tx.span.start < sent.end_char) or self.headings.is_heading(tx):
                continue
            span = sent.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None:
                continue
            cur = span.root
            for _ in range(12):
                if cur.i == noun.i or cur.head.i == cur.i:
                    break
                if is_head(cur) and not (_modifies(cur, noun) and _tells_of(cur)):
                    break
                cur = cur.head
            if cur.i == noun.i:
                out.append(tx)
        return out

    def _today_beside(self, sent: SpanT) -> bool:
        """Whether the sentence before or after ``sent``, in its paragraph, names the publication day or the
        next by a deictic word ("what happens today could matter", "leaders meet tomorrow"): a present-tense
        act between them is the day's news, not a caption's scene."""
        if self.published is None:
            return False
        text = self.ctx.article.text
        pub = dt.date.fromisoformat(self.published.value[:10])
        days = {pub.isoformat(), (pub + dt.timedelta(days=1)).isoformat()}
        sents = list(sentences(sent.doc))
        at = next((i for i, s in enumerate(sents) if s.start_char == sent.start_char), None)
        if at is None:
            return False
        for s in sents[max(0, at - 1):at] + sents[at + 1:at + 2]:
            lo, hi = min(s.start_char, sent.start_char), max(s.end_char, sent.end_char)
            if "\n\n" in text[lo:hi]:
                continue  # another paragraph
            if any(s.start_char <= tx.span.start < s.end_char and tx.span.text.lower() in _TODAY_WORDS
                   and tx.value[:10] in days for tx in self.timexes):
                return True
        return False

    def told_today(self, sent: SpanT, verbal: bool, cl: Clause | None = None) -> bool:
        """Whether the text before ``sent`` tells of the publication day: the latest temporal expression
        naming a day (within :data:`RUNNING_REACH` characters) that dates an act (not a state), outside a
        quotation and not told as background or in the future, is that day ("said on Tuesday", "is voting
        today"); a year or a month in between ("trade hit a record in 2023") sets no running day. A day the
        clause reporting it gives comes first ("attacked Kyiv overnight, officials said on Tuesday": ``cl``,
        the act's clause). With none, a verbal act (a statement, an appeal, an accusation: ``verbal``) is
        taken as the day's news and another act is not."""
        assert self.published is not None
        doc = sent.doc
        idx = clauses(doc)
        text = doc_text(doc)
        up = cl.parent if cl is not None else None
        for _ in range(4):  # the clause that reports it: "attacked Kyiv overnight, officials said on Tuesday"
            if up is None:
                break
            days = [tx for tx in idx.own_timexes(up, self.timexes) if len(tx.value) >= 10 and tx.value[5:7].isdigit()]
            if days:
                return days[0].value[:10] == self.published.value[:10]
            up = up.parent
        for tx in sorted(self.timexes, key=lambda t: t.span.start, reverse=True):
            if tx.span.start >= sent.start_char:
                continue
            if sent.start_char - tx.span.start > RUNNING_REACH:
                break
            if len(tx.value) < 10 or not tx.value[5:7].isdigit() or self.headings.is_heading(tx):
                continue  # a year, season or month ("trade hit a record in 2023") sets no running day
            cl = idx.clause_at(tx.span.start, tx.span.end)
            if cl is None or cl.time is Tense.FUTURE or cl.head.lemma_.lower() in ("be", "have"):
                continue
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None or idx.background(span.root) or _quoted(text, tx.span.start):
                continue
            return tx.value[:10] == self.published.value[:10]
        return verbal and NO_REFERENCE_TODAY

    def narrative_time(self, sent: SpanT) -> EventDate | None:
        """The reference time of the narration ``sent`` continues: a report that dates its incident
        once ("police fired on the mob on Friday evening") and then narrates it sentence by sentence
        ("the mob injured nine policemen") tells the later sentences on that day too.  The narration
        reaches back over the sentences of the same paragraph (at most :data:`NARRATIVE_WINDOW`) or,
        at a paragraph's start, the sentence before.  Its reference time is the latest timex there
        that dates a past-tense clause not told as background, outside a quotation; it counts when
        it is a day (or finer) before the publication day, or a month or a year wholly before the
        publication's, dating an act (not a state: "was worth X last year") in the same paragraph ("in
        July" in a September report: that month, at that precision); none is given when it reaches the
        publication day or later ("earlier this month", "this week")."""
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
            if not lo <= tx.span.start < sent.start_char or self.headings.is_heading(tx):
                continue
            cl = idx.clause_at(tx.span.start, tx.span.end)
            if cl is None or cl.time is not Tense.PAST or (
                    cl.head.dep_ in _ADJUNCT_DEPS and not idx.when_clause(cl.head)):
                continue
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None or idx.background(span.root):
                continue
            owner = next(s for s in reach if s.start_char <= tx.span.start < s.end_char)
            before = text[owner.start_char:tx.span.start]
            if sum(before.count(q) for q in '"“”') % 2 or before.count("‘‘") > before.count("’’"):
                continue  # told inside a quotation
            value = tx.value[:10]
            if (len(value) == 4 or (len(value) == 7 and value[5:].isdigit())) \
                    and value < self.published.value[:len(value)]:
                # a month or year before, told of an act in the same paragraph ("Trade was worth X last
                # year" dates a state, and a new paragraph a new topic)
                if owner in same and cl.head.lemma_.lower() not in ("be", "have"):
                    return EventDate(value, _precision(value), "narrative")
                return None
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
