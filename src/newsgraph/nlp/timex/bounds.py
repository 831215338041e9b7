"""Temporal expressions that bound a span rather than name a time: "since 1952", "from 2017 to 2019", "between March
and May", "until Friday", "over the past year" (the span up to now). The stage marks them with a TIMEX3 ``mod``; a
record of acts over a span ("has met every president since 1952") happened on no one day of it, so the event coder
dates no act by such an expression (``bounds_span``).

The ``mod`` values are those of the TimeML 1.2.1 TIMEX3 ``mod`` attribute (BEFORE, AFTER, ON_OR_BEFORE,
ON_OR_AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE, START, MID, END, APPROX), read as what they say of
the time the expression refers to:

- "since X": ON_OR_AFTER (the span's times are X or later);
- "until X", "till X": ON_OR_BEFORE (X or earlier);
- a range, "from X to Y", "between X and Y": its opener ON_OR_AFTER and its closer ON_OR_BEFORE -- the two halves
  of the range, as "since X" and "until Y" would say them. Not START and END: in TIMEX3 those name a part of the
  period itself ("early 2017", "the end of the year"; the stage sets them, ``normalise.edge_mod``), a time that does
  date an act ("in early 2017 he resigned"), so a range's ends marked START / END could not be told from it;
- "over the past year", "during the last decade" (after "over", "in", "during", "throughout", "within", "for"):
  ON_OR_AFTER. The value stays the period before the anchor's ("the past year" is last year, as TimeBank reads
  it); the span runs from it up to now, as "since last year" would.

Only a DATE or TIME takes one (a DURATION's ``mod`` says how long it is: "more than two years"). A bound's ``mod``
replaces one the stage set from the expression's own words ("since early 2017", "until around 3 pm": START, APPROX
-> ON_OR_AFTER, ON_OR_BEFORE): TIMEX3 has one ``mod`` per expression, and being one end of a span changes what the
expression denotes (a span's edge, not a time) where an edge or APPROX only narrows or loosens its value.

Read on the text: the word before the expression ("since", "until", "till"; "from" and "between" only when a closing
expression follows: "from 2017 to 2019", "between March and May"), and the closing expression of such a range ("to
2019", "and May"); "the past year", "the last decade" after one of the prepositions of a stretch of time above."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import Timex
from .normalise import Cand

__all__ = ["BOUND_MODS", "bounds_span", "mark_bounds"]

AFTER, BEFORE = "ON_OR_AFTER", "ON_OR_BEFORE"
BOUND_MODS = frozenset({AFTER, BEFORE})
_OPEN_ALONE = {"since": AFTER, "until": BEFORE, "till": BEFORE, "til": BEFORE}  # "since 1952", "until Friday"
_OPEN_RANGE = {"from": frozenset({"to", "until", "till", "through", "thru"}), "between": frozenset({"and"})}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$")
_WORD_AFTER = re.compile(r"^\W{0,3}([A-Za-z]+)\b")
_GAP = 12  # characters between the two expressions of a range besides the closing word
# "over the past year", "during the last decade": the span up to now, not the calendar year before
_SPAN_PREPS = frozenset({"over", "in", "during", "throughout", "within", "for"})
_UP_TO_NOW = re.compile(r"^the (?:past|last|previous) (?:\w+ )?(?:year|month|decade|quarter)s?$", re.IGNORECASE)
_MARKED = ("DATE", "TIME")


def _word_before(text: str, at: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, at - 20):at])
    return m.group(1).lower() if m else ""


def _bound_mods(text: str, cands: Sequence[Cand]) -> dict[int, str]:
    """{index in ``cands`` (sorted by start): mod} of the expressions that bound a span."""
    out: dict[int, str] = {}
    for k, c in enumerate(cands):
        before = _word_before(text, c.start)
        if before in _OPEN_ALONE:
            out[k] = _OPEN_ALONE[before]
            continue
        if before in _SPAN_PREPS and _UP_TO_NOW.match(text[c.start:c.end].strip()):
            out[k] = AFTER
            continue
        closers = _OPEN_RANGE.get(before)
        if closers is None or k + 1 >= len(cands):
            continue
        nxt = cands[k + 1]
        gap = text[c.end:nxt.start]
        m = _WORD_AFTER.match(gap)
        if m and m.group(1).lower() in closers and len(gap) <= len(m.group(0)) + _GAP:
            out[k], out[k + 1] = AFTER, BEFORE
    return out


def mark_bounds(text: str, cands: Sequence[Cand]) -> None:
    """Set the ``mod`` of each DATE or TIME of ``cands`` (the kept expressions, sorted by start) that bounds a span:
    an opener ("since X", "from X" with a closing "to Y" right after), a range's closer, "until X"."""
    for k, mod in _bound_mods(text, cands).items():
        if cands[k].type in _MARKED:
            cands[k].mod = mod


def bounds_span(tx: Timex) -> bool:
    """Whether ``tx`` is one end of a span ("since 1952", "from 2017 to 2019"), which dates no one act."""
    return tx.mod in BOUND_MODS
