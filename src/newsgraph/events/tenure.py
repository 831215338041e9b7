"""Roles at the time of the event: a known office-holder coded by the office held on the event's date.

The entity stage codes a person of the leader table (``data/actors/leaders.tsv``) by the office held on the
article's date (``Lexicon.leader_role``): a former president is ELI, a president-to-be has no role. An event
the text dates in another period ("in 1998 Clinton met Merkel", "when she met him in 1969") happened when
the offices were others: the party is coded by the office held on the event's date -- the office then, ELI
when it was already left, the bare country when it was not yet held. Only the date the event carries is read
(a year, month or day the clause gives or inherits); an event the text leaves undated keeps the article's
coding. A party whose code is not the entity's (a role the phrase's own words give: "then-president X") is
left as the text codes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import lexicon as actor_lexicon
from ..actors.provenance import LEADER_SOURCE
from ..mentions.names import SURNAME_TITLES
from ..model import Entity, EventDate

if TYPE_CHECKING:
    from .parties import Party

__all__ = ["at_event_date", "leader_code", "name_words", "office_code_on"]

_WORD = re.compile(r"[^\W\d_]+")
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a year, a month or a day (not a week or a season)


def office_code_on(entity: Entity, day: str) -> str | None:
    """The code of leader-table person ``entity`` on ``day`` (YYYY, YYYY-MM or YYYY-MM-DD): country + the
    role of the office held then, ELI when every office had ended, the bare country when none had begun."""
    if not entity.kb_id:
        return None
    return _code_on(entity.kb_id, day, entity.country or (entity.actor[:3] if entity.actor else None))


def _code_on(kb_id: str, day: str, country: str | None) -> str | None:
    """Country + the role of the office leader ``kb_id`` held on ``day``, ELI once every office had ended;
    ``country`` when none had begun."""
    office = actor_lexicon().leader_role(kb_id, day)
    return office.country + office.role if office is not None else country


def leader_code(words: Sequence[str], day: str) -> str | None:
    """The code of the leader-table person a bare name names (``words``: the name's words, titles left out;
    the whole name, else its last word when the words before it are initials or the leader's own names:
    "Chelsea Clinton" is not the Clinton of the table) on ``day``: the office held then, ELI when every office
    had ended, the bare country when none had begun; None when the name is no leader's."""
    lx = actor_lexicon()
    for cand in (" ".join(words), words[-1] if words else ""):
        entries = lx.phrases.get(cand) if cand else None
        if entries and entries[0].kind == "leader":
            e = lx.pick_entry(entries, day)
            own = e.name.split()
            if cand != " ".join(words) and not all(len(w.rstrip(".")) <= 1 or w in own for w in words[:-1]):
                return None  # another given name before the surname: another person
            return _code_on(e.kb_id, day, e.country)
    return None


def name_words(name: str) -> list[str]:
    """The words of a name without titles ("Mr. Doe" -> ["Doe"]; a possessive "'s" dropped)."""
    return [w for w in _WORD.findall(name) if w.lower() not in SURNAME_TITLES and w.lower() != "s"]


def _other_period(date: EventDate | None, published: str | None) -> str | None:
    """The event's date when it is a calendar date outside the publication day's (None otherwise)."""
    if date is None or date.anchor not in ("text", "narrative") or not _CALENDAR.match(date.value):
        return None
    if published and published[: len(date.value)] == date.value:
        return None  # the event's year or month holds the publication day: the article's coding stands
    return date.value


def at_event_date(pairs: Sequence[tuple[Party | None, Party | None]], date: EventDate | None,
                  published: str | None, entities: Mapping[str, Entity]) -> list[tuple[Party | None, Party | None]]:
    """``pairs`` with each party that is a leader-table person re-coded by the office held on the event's
    date, when the event is dated in another period than the publication day."""
    day = _other_period(date, published)
    if day is None:
        return list(pairs)

    def recode(p: Party | None) -> Party | None:
        if p is not None and p.entity is None and p.actor and published:
            # a leader's name the entity stage left uncoded, coded by the coder on the publication date
            # (``HeadCoder._leader_code_on``): re-coded on the event's date the same way
            words = name_words(p.name)
            if leader_code(words, published[:10]) == p.actor:
                code = leader_code(words, day)
                return p if not code or code == p.actor else replace(p, actor=code)
        if p is None or p.entity is None:
            return p
        e = entities.get(p.entity)
        if e is None or not (e.actor_source or "").startswith(LEADER_SOURCE) or p.actor != e.actor:
            return p
        code = office_code_on(e, day)
        return p if not code or code == p.actor else replace(p, actor=code)

    return [(recode(s), recode(t)) for s, t in pairs]
