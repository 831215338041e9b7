"""Temporal expressions that bound a span rather than date a point: "since 1952", "from 2017 to 2019", "between March
and May", "until Friday", "over the past year" (the span up to now). A record of acts over a span ("has met every
president since 1952") happened on no one day of it, so such an expression gives the event no date (``anchoring``).

Read on the text: the word before the expression ("since", "until", "till"; "from" and "between" only when a closing
expression follows: "from 2017 to 2019", "between March and May"), and the closing expression of such a range ("to
2019", "and May"); "the past year", "the last decade" after "over", "in", "during", "throughout", "within" or "for"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Timex

__all__ = ["span_bounds"]

_OPEN_ALONE = frozenset({"since", "until", "till", "til"})  # "since 1952", "until Friday"
_OPEN_RANGE = {"from": frozenset({"to", "until", "till", "through", "thru"}), "between": frozenset({"and"})}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$")
_WORD_AFTER = re.compile(r"^\W{0,3}([A-Za-z]+)\b")
_GAP = 12  # characters between the two expressions of a range besides the closing word
# "over the past year", "during the last decade": the span up to now, not the calendar year before
_SPAN_PREPS = frozenset({"over", "in", "during", "throughout", "within", "for"})
_UP_TO_NOW = re.compile(r"^the (?:past|last|previous) (?:\w+ )?(?:year|month|decade|quarter)s?$", re.IGNORECASE)


def _word_before(text: str, at: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, at - 20):at])
    return m.group(1).lower() if m else ""


def span_bounds(text: str, timexes: Sequence[Timex]) -> set[int]:
    """The indexes (in ``timexes``) of the expressions that bound a span: an opener ("since X", "from X" with
    a closing "to Y" right after) and a range's closing expression."""
    order = sorted(range(len(timexes)), key=lambda i: timexes[i].span.start)
    out: set[int] = set()
    for k, i in enumerate(order):
        tx = timexes[i]
        before = _word_before(text, tx.span.start)
        if before in _OPEN_ALONE or (before in _SPAN_PREPS and _UP_TO_NOW.match(tx.span.text.strip())):
            out.add(i)
            continue
        closers = _OPEN_RANGE.get(before)
        if closers is None or k + 1 >= len(order):
            continue
        nxt = timexes[order[k + 1]]
        gap = text[tx.span.end:nxt.span.start]
        m = _WORD_AFTER.match(gap)
        if m and m.group(1).lower() in closers and len(gap) <= len(m.group(0)) + _GAP:
            out.update((i, order[k + 1]))
    return out
