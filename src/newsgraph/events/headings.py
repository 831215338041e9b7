"""Date headings of schedule and diary layouts: a line that is nothing but a day ("WEDNESDAY", "Thursday 5
July", "June 23, 2019:") dates the items below it, up to the next such line or :data:`REACH` characters.
A week-ahead list published on a Sunday heads its items "Monday" ... "Friday", and a diary its entries
"Tuesday": an item under the heading happened, or is to happen, on that day.

A bare weekday is resolved by the tense of its section (the first sentence under the heading, else the item's
own), as the time-expression stage places a weekday by its clause's tense (``nlp.timex.weekday_toward``): a
week-ahead's "TUESDAY" followed by "Parliament is expected to vote" falls on or after the publication day, a
diary's "Tuesday" followed by "The minister flew to Paris" on or before it. A heading with a day of the month
keeps the value the time-expression stage gave it. A past act under a heading of a day after the publication
(background in a week-ahead item: "the Queen called on Britons ...") takes no date from it."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence

from ..model import EventDate, Timex
from ..nlp.timex import tense_side, weekday_toward

__all__ = ["REACH", "Headings"]

REACH = 2500  # characters below a heading that it dates
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# what a heading line may hold besides its time expression: bullets, punctuation, "on"
_FILLER = re.compile(r"^[\s\W_]*(?:on\s+)?$|^[\s\W_]*$", re.IGNORECASE)


class Headings:
    """The date headings of one article's ``text``, from its day-precision time expressions."""

    def __init__(self, text: str, timexes: Sequence[Timex],
                 tense_after: Callable[[int], str | None] = lambda at: None) -> None:
        self.tense_after = tense_after  # the tense of the first sentence at or after a character
        self.starts: list[int] = []
        self.heads: list[tuple[int, Timex]] = []  # (end of the heading line, its time expression)
        for tx in sorted(timexes, key=lambda t: t.span.start):
            if not _DAY.match(tx.value[:10]) or "T" in tx.value:
                continue
            line_start = text.rfind("\n", 0, tx.span.start) + 1
            nl = text.find("\n", tx.span.end)
            line_end = len(text) if nl < 0 else nl
            if line_start == 0:
                continue  # the title or the text's first line is no heading of items
            if not (_FILLER.match(text[line_start:tx.span.start]) and _FILLER.match(text[tx.span.end:line_end])):
                continue
            self.starts.append(line_start)
            self.heads.append((line_end, tx))
        self.spans = frozenset(tx.span.start for _, tx in self.heads)

    def is_heading(self, tx: Timex) -> bool:
        """Whether ``tx`` is a heading's day (it dates the items below it, not a narrative's time)."""
        return tx.span.start in self.spans

    def date_at(self, at: int, tense: str | None, published: EventDate | None) -> EventDate | None:
        """The day the nearest heading above character ``at`` gives (within :data:`REACH`), the item told in
        ``tense`` ("past", "present", "future")."""
        k = bisect.bisect_right(self.starts, at) - 1
        if k < 0:
            return None
        end, tx = self.heads[k]
        if at < end or at - end > REACH:
            return None
        value = tx.value[:10]
        if published is not None and tx.span.text.strip(" .:").lower() in _WEEKDAYS:
            value = _by_tense(value, published.value[:10], self.tense_after(end) or tense)
        if tense == "past" and published is not None and value > published.value[:10]:
            return None  # a past act told under a day still to come
        return EventDate(value, "day", "text")


def _by_tense(value: str, published: str, tense: str | None) -> str:
    """A bare weekday's day on the side of the publication day the item's tense points to."""
    side = tense_side(tense)
    try:
        day, pub = dt.date.fromisoformat(value), dt.date.fromisoformat(published)
    except ValueError:
        return value
    return value if side is None else weekday_toward(day.isoweekday(), pub, side).isoformat()
