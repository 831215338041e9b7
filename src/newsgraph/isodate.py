"""Calendar days from ISO 8601 values and date patterns: one parser wherever newsgraph reads a day.

Publication dates, TIMEX values and stored dates are ISO strings, often with a time or a shorter
precision after them (``2024-02-08T15:00``, ``2024-02``): ``leading_day`` reads the day they start
with.  ``match_day`` turns the year, month and day groups of a date pattern into a date (None when
impossible).  Parsers for other written forms stay with their inputs: ``parse.published`` (dates as
people and pages write them), ``parse.html_date`` (dates inside HTML attributes and URLs).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["leading_day", "match_day"]

_LEADING = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def leading_day(value: str | None, *, fill: bool = False) -> date | None:
    """The date ``value`` starts with (``2024-02-08``, ``2024-02-08T15:00Z``), None when it starts with
    none or an impossible one (``2024-02-30``).

    With ``fill``, a year or a year and month stand for their first day (``2024-02`` -> 1 February).
    """
    if not value:
        return None
    m = _LEADING.match(value)
    if not m or (not fill and (m.group(2) is None or m.group(3) is None)):
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def match_day(m: re.Match[str]) -> date | None:
    """The date spelled by groups 1, 2 and 3 (year, month, day) of ``m``; None when impossible."""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
