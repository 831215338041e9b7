"""Temporal expressions (TIMEX3): find them in the text and normalise them against the publication date.

The stage ``timexes.v1`` is rule based.  The words (months, weekdays, number words, units, seasons,
reference words, holidays) live in ``data/timex/lexicon.json``; this package builds a small grammar of
compiled regular expressions from them once per process, scans the clean text, keeps the longest
non-overlapping matches and normalises each one following the TempEval-3 / TimeBank conventions:

- spans leave out the governing preposition ("in October" -> "October") but keep determiners and
  modifiers ("the last two years", "last year", "mid-2024", "at least the past 18 months");
- values are TIMEX3: ``2024-02-08``, ``2024-02``, ``2024``, ``2024-W06``, ``2024-Q1``, ``2024-SU``,
  ``199`` (a decade), ``P2Y`` / ``PT1H`` (durations), ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``,
  ``2024-02-08T15:00``, ``2024-02-08TMO`` (part of a day);
- a weekday, month or day of a month without a year is placed before or after the anchor by the tense
  of the clause it sits in (the spaCy parse: "will", "is going to", past-tense verbs, "upcoming",
  "next") and by modifiers ("last", "next", "this");
- an expression that bounds a span gets its TIMEX3 ``mod``: "since 1952" ON_OR_AFTER, "until Friday"
  ON_OR_BEFORE, "from 2017 to 2019" ON_OR_AFTER and ON_OR_BEFORE, "over the past year" ON_OR_AFTER
  (``bounds``; ``bounds_span`` tells such an expression, which dates no one act);
- without a publication date, relative expressions keep an underspecified value (``XXXX-10``,
  ``XXXX-WXX-4``).

The package, by concept: ``grammar`` (the rule table), ``handlers`` (one handler per rule),
``normalise`` (values against the anchor), ``tense`` (the clause's tense), ``bounds`` (the ends of a
span), ``scanner`` (the stage).
"""

from .bounds import bounds_span
from .normalise import tense_side, weekday_toward
from .scanner import extract_timexes, find_timexes

__all__ = ["bounds_span", "extract_timexes", "find_timexes", "tense_side", "weekday_toward"]
