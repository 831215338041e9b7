"""The date of a named occasion: an event told as happening at an occasion the article dates elsewhere.

News and photo captions place an act at an occasion ("Trump meets Merkel on the sidelines of the D-Day event
in Portsmouth") and date the occasion once, somewhere else ("at a D-Day event held Wednesday, June 5, in
Portsmouth"). The act happened on the occasion's day, which the act's own clause does not say.

An occasion is a noun of the ``occasion`` or ``meeting`` classes of ``data/event_arg_words.tsv`` (an event,
a ceremony, a summit, a conference ...) named by its modifiers: the proper nouns and numbers among its
modifiers and the place of its "in" phrase ("the D-Day event in Portsmouth": {d, day, portsmouth}; "the G20
summit": {g20}). Two mentions are the same occasion when the head lemma is the same and the names of one are
among the other's (at least one name: "the event" or "a joint press conference" names no occasion). A
mention is dated when a temporal expression modifies it (``Dater``'s event-noun test: "an event held
Wednesday", "the summit on Friday"); an occasion dated twice with different dates dates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..model import EventDate, Timex
from .argclass import word_classes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["OCCASION_CLASSES", "Occasions", "occasion_key", "placed_at"]

OCCASION_CLASSES = frozenset({"occasion", "meeting"})
# prepositions that place an act at an occasion ("at the summit", "during the ceremony", "on the sidelines
# of the summit", "in a meeting")
_AT = frozenset({"at", "during", "in", "on"})
_SIDE_WORDS = frozenset({"sideline", "margin", "eve", "day", "start", "end", "opening", "close"})
_Key = tuple[str, frozenset[str]]


def _is_occasion(n: Token) -> bool:
    return n.pos_ in ("NOUN", "PROPN") and bool(word_classes().get(n.lemma_.lower(), frozenset()) & OCCASION_CLASSES)


def occasion_key(n: Token) -> _Key | None:
    """(head lemma, the lemmas of the names among its modifiers) of occasion noun ``n``, None when it is no
    occasion or no name modifies it."""
    if not _is_occasion(n):
        return None
    mods: set[str] = set()
    for c in n.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < n.i:
            for t in c.subtree:
                if (t.pos_ == "PROPN" and t.is_alpha) or t.like_num:
                    mods.add(t.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ == "in":
            mods.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN")
        elif c.dep_ == "acl":  # "an event held on Wednesday in Dover"
            mods.update(p.lemma_.lower() for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "in"
                        for p in pr.children if p.dep_ == "pobj" and p.pos_ == "PROPN")
    return (n.lemma_.lower(), frozenset(mods)) if mods else None


def _same(a: _Key, b: _Key) -> bool:
    return a[0] == b[0] and (a[1] <= b[1] or b[1] <= a[1])


class Occasions:
    """The dated occasions of one article: every occasion mention a temporal expression modifies."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex],
                 noun_timexes: Callable[[Token], list[Timex]], to_date: Callable[[Timex], EventDate]) -> None:
        self.dated: list[tuple[_Key, EventDate]] = []
        seen: set[int] = set()
        for tx in timexes:
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None:
                continue
            cur = span.root
            for _ in range(8):  # up to the noun the timex modifies ("an event held Wednesday")
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.i not in seen and _is_occasion(cur):
                    seen.add(cur.i)
                    key = occasion_key(cur)
                    if key is not None and tx in noun_timexes(cur):
                        self.dated.append((key, to_date(tx)))
                    break

    def date_at(self, verb: Token, trigger: Token) -> EventDate | None:
        """The date of the occasion the act of ``verb`` (or event noun ``trigger``) is placed at ("at the
        D-Day event in Portsmouth", "on the sidelines of the summit"), when the article dates it once."""
        if not self.dated:
            return None
        for key in placed_at(verb, trigger):
            dates = {d for k, d in self.dated if _same(key, k)}
            if len(dates) == 1:
                return dates.pop()
        return None


def placed_at(verb: Token, trigger: Token) -> list[_Key]:
    """The named occasions the act of ``verb`` (or event noun ``trigger``) is placed at ("at the G20 summit",
    "on the sidelines of the Lisbon conference"); "at the meeting" names none."""
    out: list[_Key] = []
    for head in dict.fromkeys((trigger, verb)):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _AT:
                continue
            for n in (p for p in prep.children if p.dep_ == "pobj"):
                if n.lemma_.lower() in _SIDE_WORDS:  # "on the sidelines of the summit"
                    n = next((p for o in n.children if o.dep_ == "prep" and o.lower_ == "of"
                              for p in o.children if p.dep_ == "pobj"), n)
                key = occasion_key(n)
                if key is not None:
                    out.append(key)
    return out
