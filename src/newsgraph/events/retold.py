"""An event told again: the date an earlier mention of the same event gave it.

News tells an event once with its time ("Obama arrived in Athens on November 15") and then refers
back to it without one: a definite or possessive noun ("the visit", "Patel's meetings"), a
past-perfect or background clause ("she had met officials", "the first president to visit since
..."). Such a mention is about the event already told, so its date is the one the text gave there,
not the publication date. The antecedent is the nearest earlier event of the article of the same
kind (the same CAMEO root; an intent to meet, 036, is the meeting's kind, 04) whose parties agree
(the same actor or the same country on each side the later mention names, in either order for a
meeting, where the order of the sides says nothing), dated by its own clause.

A headline tells the body's main event before the body does ("PM to visit Washington", then "the prime
minister is set to visit Washington on Friday"): an undated event of the headline takes the date of the
first body event it announces (:func:`headline_date`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Event, EventDate

__all__ = ["antecedent_date", "headline_date", "kind_of"]

_SYMMETRIC_KINDS = frozenset({"04"})  # consultations: the order of the two sides says nothing
RETOLD_REACH = 6000  # characters back an antecedent may be (a long article tells several events of a kind)


def kind_of(code: str) -> str:
    """The kind of event a CAMEO code tells: its root, except an intent to meet (036), a meeting's."""
    return "04" if code.startswith("036") else code[:2]


def _agrees(later: str | None, earlier: str | None) -> bool:
    """Whether an earlier mention's party can be the one a later mention names: the same actor, or the
    same country where one of the two is the bare country (a role given once and not again, "Obama" /
    "the US"; two different roles of one country, a university and the government, are two parties); a
    side the later mention does not name agrees with anything."""
    if later is None:
        return True
    if earlier is None:
        return False
    return later == earlier or (later[:3] == earlier[:3] and min(len(later), len(earlier)) == 3)


def _same_parties(source: str | None, target: str | None, ev: Event, symmetric: bool) -> bool:
    es = ev.source.actor if ev.source else None
    et = ev.target.actor if ev.target else None
    if _agrees(source, es) and _agrees(target, et):
        return True
    return symmetric and _agrees(source, et) and _agrees(target, es)


def antecedent_date(code: str, parties: Sequence[tuple[str | None, str | None]], start: int,
                    earlier: Sequence[Event]) -> EventDate | None:
    """The date of the nearest event of ``earlier`` (events before character ``start``, in text order)
    that an event of ``code`` with one of the (source, target) actor ``parties`` retells: same kind,
    agreeing parties (at least one named), dated by its own text (not the publication date)."""
    named = [(s, t) for s, t in parties if s is not None or t is not None]
    if not named:
        return None
    kind = kind_of(code)
    symmetric = kind in _SYMMETRIC_KINDS
    for ev in reversed(earlier):
        if ev.trigger.start >= start:
            continue
        if start - ev.trigger.start > RETOLD_REACH:
            break
        if ev.negated or ev.date is None or ev.date.anchor != "text" or kind_of(ev.code) != kind:
            # (a date the narrative or the publication gave the earlier mention is no telling of its time)
            continue
        if any(_same_parties(s, t, ev, symmetric) for s, t in named):
            return ev.date
    return None


def headline_date(ev: Event, title_end: int, events: Sequence[Event]) -> EventDate | None:
    """The date of the first body event (after character ``title_end``) that headline event ``ev``
    announces: same kind, agreeing parties, dated by its own text."""
    source = ev.source.actor if ev.source else None
    target = ev.target.actor if ev.target else None
    if source is None and target is None:
        return None
    kind = kind_of(ev.code)
    symmetric = kind in _SYMMETRIC_KINDS
    for later in events:
        if later.trigger.start < title_end or later.negated or kind_of(later.code) != kind:
            continue
        if later.trigger.start - title_end > RETOLD_REACH:
            break
        dated = later.date is not None and later.date.anchor != "published"
        if dated and _same_parties(source, target, later, symmetric):
            return later.date
    return None
