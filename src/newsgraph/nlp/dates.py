"""Temporal expressions (TIMEX3): find them in the text and normalise them against the publication date.

The stage ``timexes.v1`` is rule based.  The words (months, weekdays, number words, units, seasons,
reference words, holidays) live in ``data/timex/lexicon.json``; this module builds a small grammar of
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
- without a publication date, relative expressions keep an underspecified value (``XXXX-10``,
  ``XXXX-WXX-4``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..model import Span, Timex
from ..registry import Context, stage
from .model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_timexes", "find_timexes"]

_TYPES = ("DATE", "TIME", "DURATION", "SET")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    text = resources.files("newsgraph").joinpath("data/timex/lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# ----------------------------------------------------------------------------------------- the grammar


def _alt(words: list[str] | Any) -> str:
    """A regex alternation of ``words`` (longest first, spaces as \\s+)."""
    ws = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)


def _cap_alt(words: list[str] | Any) -> str:
    """Capitalised and upper-case forms only (so "may", "march", "sun" stay verbs and nouns)."""
    forms: set[str] = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    units: dict[str, str]
    seasons: dict[str, str]
    parts: dict[str, str]
    refs: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, str]
    vague: frozenset[str]
    decade_words: dict[str, int]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    lex = _lexicon()
    months: dict[str, int] = lex["months"]
    weekdays: dict[str, int] = {k: v for k, v in lex["weekdays"].items() if len(k) > 4}
    numbers: dict[str, float] = lex["numbers"]
    units: dict[str, str] = lex["units"]
    full_months = [m for m in months if len(m) > 3 or m == "may"]
    abbr_months = [m for m in months if len(m) <= 4 and m != "may" and m != "june" and m != "july"]
    month = rf"(?P<month>(?:{_cap_alt(full_months)})|(?:{_cap_alt(abbr_months)})\.)"
    wday = rf"(?P<wday>{_cap_alt(weekdays)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?P<year>(?:1[6-9]|20)\d\d|'\d\d)(?![\d,.]\d)"
    small = list(numbers)
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    small_alt = _alt(small)
    numw = rf"(?:(?<![\d,.])\d{{1,3}}(?:\.\d+|\s+1/2)?(?!\d)|(?:{tens})(?:[-\s](?:{ones}))?|{small_alt})"
    vague = _alt(lex["vague_numbers"])
    num = rf"(?P<num>{numw}(?:\s+(?:or|to|and)\s+{numw})?|{vague})"
    unit = rf"(?P<unit>{_alt(units)})"
    pre_mod = (r"(?P<pre>(?:nearly|some|more\s+than|less\s+than|no\s+more\s+than|no\s+less\s+than|"
               r"fewer\s+than|at\s+least|at\s+most|up\s+to|well\s+over|"
               r"as\s+(?:much|many|long)\s+as|the\s+better\s+part\s+of)\s+)")
    det = r"(?P<det>(?:the|these|those)\s+)"
    rel = (r"(?P<rel>(?:past|last|next|coming|first|final|latest|previous|following|recent|initial|"
           r"remaining|other|same|ensuing|preceding|subsequent|intervening)\s+)")
    edge = r"(?P<edge>(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"\
        r"the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)(?:\s+|-))"
    season = rf"(?P<season>{_alt(lex['seasons'])})"
    part = rf"(?P<part>{_alt(lex['parts_of_day'])})"
    refs = {**{w: "PRESENT_REF" for w in lex["present_ref"]}, **{w: "PAST_REF" for w in lex["past_ref"]},
            **{w: "FUTURE_REF" for w in lex["future_ref"]}}
    sets: dict[str, str] = lex["sets"]
    holidays: dict[str, str] = lex["holidays"]
    ordq = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
    qmod = r"(?P<qmod>latest|last|current|year-ago|year-earlier|previous|prior|recent|comparable|same|next|" \
        r"fiscal|final|year-before|just-ended|just\s+ended)"
    ywords = r"(?:ago|earlier|later|from\s+now|hence|back)"
    R = []

    def add(name: str, pattern: str, flags: int = 0) -> None:
        # every expression starts at a word start: checking that first lets the scan skip most positions
        if not pattern.startswith(("\\b", "(?<")) and name != "decade":
            pattern = r"\b" + pattern
        R.append((name, re.compile(pattern, flags)))

    # 1. calendar dates
    add("mdy", rf"(?:{wday},?\s+)?(?:(?i:the\s+)?(?i:early|late|mid)[-\s]+)?{month}\s+{day}"
               rf"(?:\s*(?:,\s*|\s+){year}(?!\s*(?:%|percent)))?\b")
    add("dmy", rf"(?:{wday},?\s+)?(?i:the\s+)?{day}(?i:\s+of)?\s+{month}(?:,?\s+{year})?\b")
    add("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b")
    add("slash", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
    add("my", rf"(?:{edge})?{month}(?:,?\s+|\s+of\s+){year}\b")
    add("month", rf"(?:(?P<mrel>(?i:last|this|next|this\s+past|this\s+coming|early|late|mid|"
                 rf"the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of))(?:\s+|-))?"
                 rf"{month}(?!\s*\d|\w)")
    # 2. years and decades
    add("year", r"(?:(?P<yrel>(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|"
                r"the\s+start\s+of|fiscal|calendar|the\s+year|the\s+fiscal\s+year|the\s+calendar\s+year|"
                r"the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+rest\s+of|all\s+of))(?:\s+|-))?"
                r"(?<![$£€\d.,])(?<!\d-)(?P<year>(?:1[7-9]|20)\d\d)(?![\d,.]\d|\s*(?:%|percent|-\d))\b")
    add("decade", r"(?:(?i:the)\s+)?(?:(?P<drel>(?i:early|late|mid))[-\s]+)?"
                  r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0'?s)\b")
    # 3. weekdays, relative days, parts of days, times
    add("wday", rf"(?:(?P<wrel>(?i:last|this|next|this\s+past|this\s+coming|earlier|later|early|late))\s+)?"
                rf"{wday}(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b")
    add("relday", r"(?i:(?P<wrel>early|late|earlier|later)\s+)?"
                  r"(?P<rday>(?i:today|yesterday|tomorrow|tonight))"
                  r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b")
    add("thispart", rf"\b(?P<rday>(?i:this|last|yesterday|tomorrow))\s+{part}\b".replace(
        f"{part}", "(?P<part>(?i:morning|afternoon|evening|night))"))
    add("time", r"(?:(?P<pre>(?i:around|shortly\s+before|shortly\s+after|until|after|before))\s+)?"
                r"\b(?P<hh>[012]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*"
                r"(?P<ampm>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b|o'clock))(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC)\b)?")
    add("noon", r"\b(?P<w>(?i:noon|midnight|midday))\b")
    # 4. relative periods: last year, this week, next month, earlier this month
    add("relper", r"\b(?:(?P<edge>(?i:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
                  r"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of))(?:\s+|-))?"
                  r"(?P<rel>(?i:last|this|next|past|coming|previous|current|the\s+current|this\s+past|"
                  r"this\s+coming|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|"
                  r"the\s+following|the\s+same))\s+"
                  r"(?P<unit>(?i:week|month|year|quarter|decade|century|weekend|fiscal\s+year|season))\b")
    # 5. "two years ago", "a year earlier", "six weeks ago"
    add("ago", rf"\b(?i:{pre_mod}?{num}[-\s]+(?:and\s+a\s+half\s+)?{unit}(?:\s+or\s+so)?"
               rf"\s+(?P<dir>{ywords}))\b")
    add("agoadj", r"\b(?i:the\s+)?(?P<w>(?i:year-ago|year-earlier|year-before|a\s+year-ago|a\s+year-earlier))"
                  r"(?:\s+(?P<what>(?i:quarter|period)))?\b")
    # 6. durations
    add("dur", rf"(?i:{pre_mod}?{det}?{rel}?{num}[-\s]+(?:and\s+a\s+half[-\s]+)?"
               rf"(?:(?:more|additional|extra|further|straight|consecutive|trading|business|working)\s+)?{unit}"
               rf"(?P<half2>\s+and\s+a\s+half)?(?P<adj>-long|-old|\s+long|\s+old)?)\b")
    add("durunit", rf"(?i:{pre_mod}?(?P<det>(?:the|an?)\s+)?{unit}-long)\b")
    add("plural", r"\b(?i:(?P<q>(?:the\s+)?(?:past|last|next|coming|recent|few|several|many|the\s+past\s+few|"
                  r"the\s+next\s+few|the\s+last\s+few|the\s+coming|the\s+past|the\s+next|the\s+last|"
                  r"the\s+first|the\s+final)\s+)?(?P<unit>years|months|weeks|days|decades|hours|minutes|"
                  r"centuries|decades-long|years-long))\b")
    # 7. quarters, halves, seasons
    add("quarter", rf"\b(?i:(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+)?(?:fiscal[-\s]+)?"
                   rf"(?:{ordq}[-\s]+(?:fiscal[-\s]+)?(?:quarter|period)"
                   rf"|{qmod}[-\s]+(?:fiscal[-\s]+)?quarter|(?P<bare>the\s+quarter)))"
                   rf"(?:(?:\s+of|,)?\s+(?:(?i:fiscal)\s+)?{year})?\b")
    add("half", rf"\b(?i:(?:the\s+)?(?P<h>first|second|last)[-\s]+half)"
                rf"(?:(?:\s+of|,)?\s+(?:(?i:fiscal)\s+)?{year})?"
                r"(?!\s+of\s+(?:the\s+)?(?:month|week|day|[A-Z]))\b")
    add("season", rf"\b(?:(?P<srel>(?i:this\s+past|this\s+coming|this|last|next|the|early|late|mid|"
                  rf"the\s+early|the\s+late|the\s+past))(?:\s+|-))+{season}"
                  rf"(?:(?:\s+of|,)?\s+{year})?\b".replace("{season}", season), re.I)
    add("season2", rf"\b{season}(?:\s+of|,)?\s+{year}\b", re.I)
    add("yearperiod", r"\b(?i:the)\s+(?P<year>(?:19|20)\d\d)\s+(?i:period|quarter)\b")
    add("y2k", r"\b(?i:the\s+year\s+two\s+thousand)(?:\s+(?i:and\s+)?(?P<o>(?i:one|two|three|four|five|six|"
               r"seven|eight|nine|ten)))?\b")
    add("monthrel", rf"{month}(?:\s+of)?\s+(?P<yrel>(?i:last|this|next))\s+(?i:year)\b")
    add("spelled", r"\b(?P<c>(?i:nineteen|twenty))[-\s]+"
                   r"(?P<t>(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|"
                   r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                   r"ninety))(?:[-\s](?P<o>(?i:one|two|three|four|five|six|seven|eight|nine)))?\b")
    add("decword", rf"\b(?i:the\s+)(?:(?P<drel>(?i:early|late|mid))[-\s]+)?"
                   rf"(?P<w>(?i:{_alt(lex['decade_words'])}))\b")
    add("century", r"\b(?:(?i:the)\s+)?(?:(?P<drel>(?i:early|late|mid))[-\s]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)"
                   r"[-\s]+(?i:century)\b")
    add("setday", rf"\b(?P<q>(?i:each|every))\s+(?:{wday}|{month})"
                  r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b")
    add("setplural", r"\b(?P<wd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b")
    add("timeday", r"(?:(?P<pre>(?i:around))\s+)?\b(?:(?P<hh>[012]?\d)(?:[:.](?P<mm>[0-5]\d))?"
                   r"\s*(?P<ampm>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b))|(?P<noon>(?i:noon|midnight|midday)))"
                   r"(?:\s+(?:[A-Z]{2,4}T|GMT|UTC)\b)?,?\s+(?:(?i:on|of)\s+)?"
                   rf"(?:(?P<rday>(?i:today|yesterday|tomorrow))|{wday}|{month}\s+{day})(?:,?\s+{year})?\b")
    # 8. reference words, sets, holidays, fixed nouns
    add("ref", rf"\b(?i:{_alt(refs)})\b")
    add("set", rf"\b(?i:{_alt(sets)})\b")
    add("holiday", rf"\b(?P<hol>{_alt(holidays)})\b", re.I)
    add("the", r"\b(?i:(?P<pre>earlier\s+in\s+|later\s+in\s+|in\s+|during\s+|for\s+)?"
               r"(?P<edge>the\s+(?:end|beginning|start|middle|rest|remainder)\s+of\s+)?"
               r"(?P<w>the\s+year|the\s+week|the\s+month|the\s+day|the\s+period|the\s+latest\s+period|"
               r"the\s+same\s+period|the\s+fiscal\s+year|the\s+full\s+year|the\s+weekend|year-end|"
               r"year-to-date|the\s+moment|the\s+time))\b")
    g = _Grammar(
        rules=tuple(R), months=months, weekdays=lex["weekdays"], numbers=numbers, units=units,
        seasons=lex["seasons"], parts=lex["parts_of_day"], refs=refs, sets=sets, holidays=holidays,
        vague=frozenset(lex["vague_numbers"]), decade_words=lex["decade_words"],
    )
    return g


# ----------------------------------------------------------------------------------------- helpers


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _number(s: str | None, g: _Grammar) -> float | None:
    """A number written in digits or words; None when vague ("several")."""
    if s is None:
        return None
    s = _norm(s)
    if s in g.vague:
        return None
    m = re.match(r"(.+?)\s+(?:or|to|and)\s+(.+)", s)
    if m:
        return _number(m.group(2), g)
    if s.endswith(" 1/2"):
        s = s[:-4]
        base = _number(s, g)
        return base + 0.5 if base is not None else None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    if s in g.numbers:
        return float(g.numbers[s])
    total = 0.0
    for part in re.split(r"[-\s]+", s):
        if part not in g.numbers:
            return None
        total += g.numbers[part]
    return total


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit_code: str) -> str:
    """ISO 8601 duration: (2, "Y") -> P2Y; (1, "H") -> PT1H; unknown count -> PXY."""
    if unit_code == "2W":
        unit_code, n = "W", (n or 1) * 2 if n is not None else None
    if unit_code == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXE"
    if unit_code == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXC"
    if n is not None and n != int(n):
        whole = int(n)
        if unit_code == "Y":
            return f"P{whole}Y{int((n - whole) * 12)}M" if whole else f"P{int(n * 12)}M"
        if unit_code == "M":
            return f"P{whole}M{int((n - whole) * 30)}D" if whole else f"P{int(n * 30)}D"
        if unit_code == "H":
            return f"PT{whole}H{int((n - whole) * 60)}M" if whole else f"PT{int(n * 60)}M"
        if unit_code == "D":
            return f"P{whole}DT{int((n - whole) * 24)}H" if whole else f"PT{int(n * 24)}H"
        if unit_code == "MIN":
            return f"PT{whole}M{int((n - whole) * 60)}S" if whole else f"PT{int(n * 60)}S"
    count = _fmt_num(n) if n is not None else "X"
    if unit_code in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit_code == 'MIN' else unit_code}"
    return f"P{count}{unit_code}"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, 28))


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _nth_weekday(year: int, month: int, nth: str, wd: int) -> date:
    if nth == "last":
        d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        while d.isoweekday() != wd:
            d -= timedelta(days=1)
        return d
    order = {"first": 0, "second": 1, "third": 2, "fourth": 3}[nth]
    d = date(year, month, 1)
    while d.isoweekday() != wd:
        d += timedelta(days=1)
    return d + timedelta(weeks=order)


_EDGE_MOD = {"early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END",
             "mid": "MID", "middle": "MID", "earlier": "START", "later": "END"}


def _edge_mod(s: str | None) -> str | None:
    if not s:
        return None
    for k, v in _EDGE_MOD.items():
        if k in s.lower():
            return v
    return None


_PRE_MOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
            "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less": "LESS_THAN",
            "fewer": "LESS_THAN", "under": "LESS_THAN", "up": "EQUAL_OR_LESS", "most": "EQUAL_OR_LESS",
            "more": "MORE_THAN", "over": "MORE_THAN", "least": "EQUAL_OR_MORE"}


def _pre_mod(s: str | None) -> str | None:
    if not s:
        return None
    for w in re.findall(r"[a-z]+", s.lower()):
        if w in _PRE_MOD:
            return _PRE_MOD[w]
    return None


# ----------------------------------------------------------------------------------------- tense


_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo", "upcoming", "coming", "next", "forthcoming",
                           "scheduled", "planned", "expected", "due", "future", "plan", "plans", "until",
                           "going", "would", "'d", "could", "might", "may", "should", "must", "to"})
_PAST_HINT = frozenset({"ago", "last", "earlier", "previous", "past", "since"})


_SCHEDULE = frozenset({"scheduled", "due", "slated", "poised"})
_SCHEDULE_HEAD = _SCHEDULE | {"set", "expected", "going", "likely", "planning", "plans", "plan", "planned",
                              "intends", "hopes", "ready"}


class _Tense:
    """Tense of the clause around a character offset, read from the spaCy parse (lazily)."""

    def __init__(self, doc: Doc | None) -> None:
        self.doc = doc

    def at(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None (no verb found)."""
        doc = self.doc
        if doc is None or end > len(doc_text(doc)):
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        sent_start = span.sent.start
        # words right before the expression: "until March", "the upcoming March vote"
        if doc_text(doc).startswith("'s", end):
            return "past"  # "Friday's close"
        before = doc[max(span.start - 3, sent_start):span.start]
        if before.text.lower().endswith("as soon as") or (len(before) and before[-1].lower_ == "next"):
            return "future"
        for t in before:
            if t.lower_ in ("upcoming", "coming", "forthcoming"):
                return "future"
            if t.lower_ in ("since", "last", "past", "ago"):
                return "past"
        node = span.root
        for _ in range(6):
            if node.lower_ in _SCHEDULE and node.pos_ in ("VERB", "ADJ", "AUX"):
                return "future"
            for c in node.children:
                if span.start <= c.i < span.end:
                    continue
                low = c.lower_
                if low in ("upcoming", "forthcoming", "coming", "scheduled"):
                    return "future"
                if c.dep_ in ("aux", "auxpass"):
                    if low in ("will", "'ll", "shall", "wo", "would"):
                        return "future"
                    if c.tag_ == "VBD" or low in ("has", "have", "'ve", "had"):
                        return "past"
                    if low == "going" or (low in ("is", "are", "'s", "'re", "am") and node.lower_ == "going"):
                        return "future"
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
                if node.lower_ in _SCHEDULE:
                    return "future"
                if node.tag_ == "VB" and any(c.lower_ == "to" for c in node.children) \
                        and node.head.lower_ in _SCHEDULE_HEAD:
                    return "future"
                if node.tag_ in ("VBD", "VBN"):
                    return "past"
                if node.tag_ in ("VBZ", "VBP"):
                    return "present"
            if node.head is node:
                break
            node = node.head
        return None


# ----------------------------------------------------------------------------------------- normalising


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    rule: str = ""


Handler = Callable[[re.Match[str], "_Resolver"], "tuple[str, str, str | None] | None"]


class _Resolver:
    """Turns a match of one grammar rule into (type, value, mod), given the anchor and the tense."""

    def __init__(self, text: str, anchor: date | None, tense: _Tense, g: _Grammar) -> None:
        self.text = text
        self.anchor = anchor
        self.tense = tense
        self.g = g
        self.m: re.Match[str] | None = None
        self._shift = 0  # characters to drop from the start of the current match ("in the year")

    # -- shared pieces
    def tense_here(self) -> str | None:
        assert self.m is not None
        return self.tense.at(self.m.start(), self.m.end())

    def month_of(self, s: str) -> int:
        return self.g.months[s.rstrip(".").lower()]

    def year_of(self, s: str) -> int:
        if s.startswith("'"):
            y = int(s[1:])
            return 1900 + y if y > 30 else 2000 + y
        return int(s)

    def _year_for(self, month: int, day: int, rel: str | None) -> int:
        """The year that puts month/day nearest the anchor, within a window set by modifier and tense."""
        a = self.anchor
        assert a is not None
        r = _norm(rel or "")
        if r in ("this",):
            return a.year
        if r in ("last", "this past"):
            lo, hi = -400, -1
        elif r in ("next", "this coming"):
            lo, hi = 1, 400
        else:
            t = self.tense_here()
            lo, hi = {"past": (-330, 120), "future": (-120, 330)}.get(t or "", (-240, 180))
        for y in (a.year, a.year - 1, a.year + 1):
            try:
                d = date(y, month, min(day, 28) if day else 15)
            except ValueError:
                continue
            diff = (d - a).days
            if day == 0 and d.month == a.month and y == a.year:
                if r in ("last", "this past"):
                    continue
                if r in ("next", "this coming"):
                    continue
                return y
            if lo <= diff <= hi:
                return y
        return a.year

    def place_month(self, month: int, rel: str | None) -> str:
        if self.anchor is None:
            return f"XXXX-{month:02d}"
        return f"{self._year_for(month, 0, rel):04d}-{month:02d}"

    def place_day(self, month: int, day: int) -> str:
        if self.anchor is None:
            return f"XXXX-{month:02d}-{day:02d}"
        return f"{self._year_for(month, day, None):04d}-{month:02d}-{day:02d}"

    def weekday(self, wd: int, rel: str | None) -> str:
        a = self.anchor
        r = _norm(rel or "")
        if a is None:
            return f"XXXX-WXX-{wd}"
        diff = wd - a.isoweekday()
        if r in ("last", "this past"):
            back = (a.isoweekday() - wd) % 7 or 7
            return (a - timedelta(days=back)).isoformat()
        if r in ("next", "this coming"):
            fwd = diff % 7 or 7
            return (a + timedelta(days=fwd)).isoformat()
        if diff == 0:
            return a.isoformat()
        t = self.tense_here()
        if t in ("future", "present"):
            return (a + timedelta(days=diff % 7)).isoformat()
        return (a - timedelta(days=(-diff) % 7)).isoformat()

    def shifted(self, n: float | None, unit: str, sign: int) -> str:
        a = self.anchor
        if n is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        if a is None:
            return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        k = int(n) if n == int(n) else n
        if unit == "Y":
            return str(a.year + sign * int(k))
        if unit == "DE":
            return str((a.year + sign * int(k) * 10) // 10)
        if unit == "CE":
            return str((a.year + sign * int(k) * 100) // 100)
        if unit == "M":
            return _add_months(a, sign * int(k)).isoformat()[:7]
        if unit == "Q":
            d = _add_months(a, sign * 3 * int(k))
            y, q = _quarter(d)
            return f"{y}-Q{q}"
        if unit in ("W", "2W"):
            weeks = int(k) * (2 if unit == "2W" else 1)
            return _week(a + timedelta(weeks=sign * weeks))
        if unit == "D":
            return (a + timedelta(days=sign * float(k))).isoformat()
        if unit in ("H", "MIN", "S"):
            return a.isoformat()
        return a.isoformat()


def _h_mdy(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    month = r.month_of(m.group("month"))
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    edge = re.match(r"(?i)(?:the\s+)?(early|late|mid)", m.group(0))
    mod = _edge_mod(edge.group(1)) if edge and not m.group("wday") else None
    if m.groupdict().get("year"):
        return "DATE", f"{r.year_of(m.group('year')):04d}-{month:02d}-{day:02d}", mod
    return "DATE", r.place_day(month, day), mod


def _h_iso(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y < 100:
        y += 1900 if y > 30 else 2000
    v = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.groupdict().get("hh"):
        return "TIME", f"{v}T{m.group('hh')}:{m.group('mm')}", None
    return "DATE", v, None


def _h_my(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    return "DATE", f"{r.year_of(m.group('year')):04d}-{r.month_of(m.group('month')):02d}", \
        _edge_mod(m.group("edge"))


def _h_month(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    name = m.group("month")
    rel = m.group("mrel")
    if name in ("May", "MAY") and not rel:
        before = r.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(in|since|until|by|through|from|of|during|early|late|mid|last|this|next|"
                         r"before|after|and|to)\s+$", before):
            return None
    if name.endswith(".") and not rel:
        return None
    edge = _edge_mod(rel) if rel and _norm(rel) not in ("last", "this", "next", "this past", "this coming") \
        else None
    return "DATE", r.place_month(r.month_of(name), None if edge else rel), edge


def _h_year(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    y = int(m.group("year"))
    rel = _norm(m.group("yrel") or "")
    if not rel:
        before = r.text[max(0, m.start() - 2):m.start()]
        after = r.text[m.end():m.end() + 14]
        if re.match(r"\s*(?:[a-z]+\s+)?(?:people|persons|men|women|troops|soldiers|shares|tons|feet|meters|"
                    r"miles|units|jobs|workers|members|votes|acres|barrels|cars)\b", after):
            return None
        if before.endswith("#") or before.endswith("No. "):
            return None
    mod = _edge_mod(rel)
    if "half" in rel:
        return "DATE", f"{y}-H{1 if 'first' in rel else 2}", None
    return "DATE", str(y), mod


def _h_decade(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    if m.group("cent"):
        v = m.group("cent") + m.group("dec")
    else:
        d = int(m.group("dec2"))
        v = ("19" if d >= 3 else "20") + str(d)
    return "DATE", v, _edge_mod(m.group("drel"))


_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def _h_wday(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    rel = m.group("wrel")
    wd = r.g.weekdays[m.group("wday").lower()]
    mod = _edge_mod(rel) if rel and _norm(rel) in ("earlier", "later", "early", "late") else None
    v = r.weekday(wd, None if mod else rel)
    part = m.groupdict().get("part")
    if part and (part.lower() != "morning" or v.startswith("X")):
        return "TIME", f"{v}T{_PART[part.lower()]}", mod
    return "DATE", v, mod


def _h_relday(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    w = m.group("rday").lower()
    part = m.groupdict().get("part")
    rel = m.groupdict().get("wrel")
    mod = _edge_mod(rel)
    a = r.anchor
    shift = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[w]
    if w == "last" and part and part.lower() != "night":
        return None  # "last morning" is not a thing
    if a is None:
        v = "XXXX-XX-XX" if w != "today" else "PRESENT_REF"
        return "DATE", v, mod
    v = (a + timedelta(days=shift)).isoformat()
    if w == "tonight":
        return "TIME", f"{v}TNI", mod
    if part:
        return "TIME", f"{v}T{_PART[part.lower()]}", mod
    return "DATE", v, mod


def _h_time(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    hh = int(m.group("hh"))
    mm = int(m.group("mm") or 0)
    ampm = m.group("ampm").lower()
    if hh > 24 or (ampm != "o'clock" and hh > 12):
        return None
    if ampm.startswith("p") and hh < 12:
        hh += 12
    if ampm.startswith("a") and hh == 12:
        hh = 0
    day = r.anchor.isoformat() if r.anchor else "XXXX-XX-XX"
    pre = m.group("pre")
    if pre and _norm(pre) in ("until", "after", "before"):
        return None
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", "APPROX" if pre else None


def _h_noon(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    w = m.group("w").lower()
    day = r.anchor.isoformat() if r.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{'24:00' if w == 'midnight' else '12:00'}", None


_REL_SIGN = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
             "following": 1, "same": 0}


def _h_relper(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    rel = _norm(m.group("rel"))
    unit = _norm(m.group("unit"))
    mod = _edge_mod(m.group("edge"))
    if m.group("unit")[0].isupper() and m.group("rel")[0].isupper() and m.start() > 0 \
            and not re.search(r"[.!?\n]\W*$", r.text[max(0, m.start() - 4):m.start()]):
        return None  # "This Week", a programme's name
    words = rel.split()
    key = words[-1]
    sign = _REL_SIGN.get(key, 0)
    if key == "past":
        sign = -1  # "the past year": last year, as TimeBank reads it
    if rel == "this past":
        sign = -1
    if rel == "this coming":
        sign = 1
    if rel == "the same":
        return None
    a = r.anchor
    if a is None:
        v = {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(
            unit, "XXXX")
        return "DATE", v, mod
    if unit in ("year", "fiscal year"):
        return "DATE", str(a.year + sign), mod
    if unit == "month":
        return "DATE", _add_months(a, sign).isoformat()[:7], mod
    if unit == "week":
        return "DATE", _week(a + timedelta(weeks=sign)), mod
    if unit == "weekend":
        d = a + timedelta(weeks=sign)
        if sign < 0 or (sign == 0 and a.isoweekday() <= 2):
            d = a - timedelta(days=a.isoweekday())  # the weekend just gone
            return "DATE", _week(d) + "-WE", mod
        return "DATE", _week(d) + "-WE", mod
    if unit == "quarter":
        y, q = _quarter(_add_months(a, 3 * sign))
        return "DATE", f"{y}-Q{q}", mod
    if unit == "decade":
        return "DATE", str(a.year // 10 + sign), mod
    if unit == "century":
        return "DATE", str(a.year // 100 + sign), mod
    return None


def _h_ago(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    n = _number(m.group("num"), r.g)
    unit = r.g.units[_norm(m.group("unit"))]
    d = _norm(m.group("dir"))
    sign = 1 if d in ("later", "after", "from now", "hence") else -1
    if d in ("earlier", "ago") and unit == "Y" and n == 1 and r.anchor is not None:
        return "DATE", "@YEARAGO", None
    mod = "APPROX" if "or so" in _norm(m.group(0)) else None
    return "DATE", r.shifted(n, unit, sign), mod


def _h_agoadj(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    if r.anchor is None:
        return "DATE", "XXXX", None
    return "DATE", "@YEARAGO", None


def _h_dur(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    unit_word = _norm(m.group("unit"))
    unit = r.g.units[unit_word]
    numtxt = _norm(m.group("num"))
    n = _number(numtxt, r.g)
    if "and a half" in _norm(m.group(0)) and n is not None:
        n += 0.5
    det = m.groupdict().get("det")
    rel = m.groupdict().get("rel")
    adj = m.groupdict().get("adj")
    if det and not rel and not m.group("pre") and "-" in m.group(0)[m.start("det") - m.start():]:
        r._shift = m.end("det") - m.start()  # "the two-year (term)"
    if numtxt in ("a", "an") and not (det or rel or adj or m.group("pre")):
        before = r.text[max(0, m.start() - 25):m.start()]
        if re.search(r"(?:\d|\bcents?|\bpercent|%|dollars?|\btimes|\bseats|\bflights)\s*$", before):
            return None  # "$1.76 a year", "four flights a week": a rate, not annotated as a timex
    if adj and "old" in adj.lower():
        return None  # ages ("a 6-year-old boy") are not temporal expressions
    if unit == "Q" and "-" in m.group(0):
        return None  # "three-quarters", "four-quarter"
    if unit == "Q" and n is not None:
        return "DURATION", f"P{_fmt_num(n)}Q", _pre_mod(m.group("pre"))
    if unit == "D" and unit_word.startswith("night") and numtxt in ("a", "an"):
        return None
    if unit == "S" and numtxt in ("a", "one") and not (det or rel):
        return None  # "a second time": an ordinal
    if m.group("unit")[0].isupper() and not m.group(0)[0].isupper():
        return None  # "60 Minutes": a title
    return "DURATION", _duration(n, unit), _pre_mod(m.group("pre"))


def _h_durunit(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    word = _norm(m.group("unit"))
    unit = r.g.units[word]
    n = None if word.endswith("s") and word != "hours" and word[:-1] in r.g.units else 1.0
    if word == "centuries" or word == "decades":
        n = None
    return "DURATION", _duration(n, unit), _pre_mod(m.group("pre"))


def _h_plural(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    word = _norm(m.group("unit")).split("-")[0]
    q = _norm(m.group("q") or "")
    unit = r.g.units[word]
    if not q:
        before = r.text[max(0, m.start() - 12):m.start()].lower()
        lead = r"\b(for|in|over|within|took|take|takes|lasted|last|spent|spend|after)\s+$"
        if not re.search(lead, before) and "-long" not in m.group(0):
            return None
    if unit == "DE":
        return "DURATION", "PXE" if q else "PXY", None
    if q in ("recent", "past") and unit in ("Y", "M", "W", "D"):
        return "DATE", "PAST_REF", None  # "recent years", "past months": TimeBank's reading
    return "DURATION", _duration(None, unit), None


def _h_quarter(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    a = r.anchor
    year = m.groupdict().get("year")
    ordw = m.group("ord")
    lead = re.match(r"(?i)the\s+(?=\w+-quarter)", m.group(0))
    if lead:
        r._shift = lead.end()  # "the third-quarter (profit)"
    if ordw:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[
            ordw.lower()]
        year = year or m.group("y0")
        if year:
            return "DATE", f"{r.year_of(year)}-Q{q}", None
        if a is None:
            return "DATE", f"XXXX-Q{q}", None
        y, cur = _quarter(a)
        t = r.tense_here()
        if t == "future" and q < cur - 1:
            y += 1
        elif q > cur:
            y -= 1 if t == "past" else 0
        return "DATE", f"{y}-Q{q}", None
    qm = _norm(m.group("qmod") or "")
    if qm in ("year-ago", "year-earlier", "year-before"):
        return "DATE", "@YEARAGO", None
    if a is None:
        return "DATE", "XXXX-QX", None
    if year:
        return "DATE", f"{r.year_of(year)}-QX", None
    if qm in ("next",):
        y, q = _quarter(_add_months(a, 3))
        return "DATE", f"{y}-Q{q}", None
    if qm in ("current",):
        y, q = _quarter(a)
        return "DATE", f"{y}-Q{q}", None
    if qm in ("fiscal",):
        return None
    return "DATE", "@QUARTER", None


def _h_half(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    h = 1 if m.group("h").lower() == "first" else 2
    if m.group("h").lower() == "last" and not m.groupdict().get("year"):
        return None
    year = m.groupdict().get("year")
    if year:
        return "DATE", f"{r.year_of(year)}-H{h}", None
    if r.anchor is None:
        return "DATE", f"XXXX-H{h}", None
    return "DATE", f"{r.anchor.year}-H{h}", None


def _h_season(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    s = r.g.seasons[m.group("season").lower()]
    year = m.groupdict().get("year")
    rel = _norm(m.groupdict().get("srel") or "")
    mod = _edge_mod(rel)
    if year:
        return "DATE", f"{r.year_of(year)}-{s}", mod
    a = r.anchor
    if a is None:
        return "DATE", f"XXXX-{s}", mod
    order = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
    cur = order[{1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA",
                 10: "FA", 11: "FA", 12: "WI"}[a.month]]
    y = a.year
    if "last" in rel or "past" in rel:
        if order[s] >= cur:
            y -= 1
    elif "next" in rel or "coming" in rel:
        if order[s] <= cur:
            y += 1
    elif rel in ("the",) or not rel:
        t = r.tense_here()
        if t == "past" and order[s] > cur:
            y -= 1
        elif t == "future" and order[s] < cur:
            y += 1
    return "DATE", f"{y}-{s}", mod


def _h_ref(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    w = _norm(m.group(0))
    v = r.g.refs.get(w)
    if v is None:
        return None
    if w == "current":
        after = r.text[m.end():m.end() + 30].lower()
        if re.match(r"\s+(?:fiscal\s+)?(?:year|quarter|month|week)", after):
            return None
    return "DATE", v, None


def _h_set(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    w = _norm(m.group(0))
    if w.startswith(("a ", "an ", "per ")):
        before = r.text[max(0, m.start() - 25):m.start()]
        if not re.search(r"(?:\d|\bcents?|\bpercent|%|dollars?|\btimes|\bonce|\btwice)\s*$", before):
            return None
    return "SET", r.g.sets[w], None


def _h_holiday(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    word = m.group("hol")
    if word[0].islower():
        return None
    spec = r.g.holidays[_norm(word)]
    a = r.anchor
    if a is None:
        return "DATE", "XXXX-" + spec if "-" in spec else "XXXX", None
    if "-" in spec:
        month, day = (int(x) for x in spec.split("-"))
        return "DATE", r.place_day(month, day), None
    nth, wname, mon = spec.split()
    days = [_nth_weekday(y, int(mon), nth, {"monday": 1, "thursday": 4}[wname])
            for y in (a.year - 1, a.year, a.year + 1)]
    t = r.tense_here()
    if t in ("future", "present"):
        d = next(x for x in days if x >= a)
    else:
        d = [x for x in days if x <= a][-1]
    return "DATE", d.isoformat(), None


def _h_the(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    w = _norm(m.group("w"))
    a = r.anchor
    start_shift = len(m.group("pre") or "")
    r._shift = start_shift
    if w in ("the moment", "the time"):
        return None
    if w == "year-end":
        return ("DATE", f"{a.year}-12-31" if a else "XXXX-12-31", None)
    if w == "year-to-date":
        return None
    edge = _edge_mod(m.group("edge"))
    if m.group("edge") and "re" in m.group("edge").lower()[4:8]:
        edge = None  # "the rest of the year"
    if w in ("the year", "the full year", "the fiscal year"):
        if not edge and re.match(r"\s+(?:ended|ending|that\s+ended|to)\b", r.text[m.end():m.end() + 20]):
            return "DURATION", "P1Y", None  # "the year ended Sept. 30": a fiscal year, as a period
        return "DATE", str(a.year) if a else "XXXX", edge
    if w == "the week":
        return "DATE", f"{a.year}-WXX" if a else "XXXX-WXX", None
    if w == "the month":
        return "DATE", a.isoformat()[:7] if a else "XXXX-XX", edge
    if w == "the day":
        return None
    if w in ("the period", "the latest period", "the same period"):
        if w == "the latest period":
            return "DATE", "@QUARTER", None
        return None
    if w == "the weekend":
        if a is None:
            return "DATE", "XXXX-WXX-WE", None
        t = r.tense_here()
        if t == "future" or (t == "present" and a.isoweekday() >= 4):
            return "DATE", _week(a) + "-WE", None
        return "DATE", _week(a - timedelta(days=a.isoweekday())) + "-WE", None
    return None


def _h_monthrel(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    month = r.month_of(m.group("month"))
    if r.anchor is None:
        return "DATE", f"XXXX-{month:02d}", None
    shift = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
    return "DATE", f"{r.anchor.year + shift:04d}-{month:02d}", None


_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _h_spelled(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    t = _TEENS[m.group("t").lower()]
    o = _ONES[m.group("o").lower()] if m.group("o") else 0
    if o and t < 20:
        return None
    cent = 19 if m.group("c").lower() == "nineteen" else 20
    return "DATE", f"{cent * 100 + t + o}", None


def _h_decword(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    d = int(r.g.decade_words[m.group("w").lower()])
    return "DATE", f"19{d}", _edge_mod(m.group("drel"))


def _h_century(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    return "DATE", f"{n - 1:02d}", _edge_mod(m.group("drel"))


def _h_setday(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    part = m.groupdict().get("part")
    suffix = f"T{_PART[part.lower()]}" if part else ""
    if m.groupdict().get("wday"):
        return "SET", f"XXXX-WXX-{r.g.weekdays[m.group('wday').lower()]}{suffix}", None
    return "SET", f"XXXX-{r.month_of(m.group('month')):02d}", None


def _h_setplural(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    return "SET", f"XXXX-WXX-{r.g.weekdays[m.group('wd')[:-1].lower()]}", None


def _h_timeday(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    if m.group("noon"):
        hhmm = "24:00" if m.group("noon").lower() == "midnight" else "12:00"
    else:
        hh, mm = int(m.group("hh")), int(m.group("mm") or 0)
        if hh > 12:
            return None
        ampm = m.group("ampm").lower()
        if ampm.startswith("p") and hh < 12:
            hh += 12
        if ampm.startswith("a") and hh == 12:
            hh = 0
        hhmm = f"{hh:02d}:{mm:02d}"
    a = r.anchor
    if m.group("rday"):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("rday").lower()]
        day = (a + timedelta(days=shift)).isoformat() if a else "XXXX-XX-XX"
    elif m.group("wday"):
        day = r.weekday(r.g.weekdays[m.group("wday").lower()], None)
    else:
        month, d = r.month_of(m.group("month")), int(m.group("day"))
        if m.group("year"):
            day = f"{r.year_of(m.group('year')):04d}-{month:02d}-{d:02d}"
        else:
            day = r.place_day(month, d)
    return "TIME", f"{day}T{hhmm}", "APPROX" if m.group("pre") else None


def _h_yearperiod(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    return "DATE", f"@QOFYEAR:{m.group('year')}", None


def _h_y2k(m: re.Match[str], r: _Resolver) -> tuple[str, str, str | None] | None:
    extra = {**_ONES, "ten": 10}.get((m.group("o") or "").lower(), 0)
    return "DATE", str(2000 + extra), None


_HANDLERS: dict[str, Handler] = {
    "yearperiod": _h_yearperiod, "y2k": _h_y2k,
    "monthrel": _h_monthrel, "spelled": _h_spelled, "decword": _h_decword, "century": _h_century,
    "setday": _h_setday, "setplural": _h_setplural, "timeday": _h_timeday,
    "mdy": _h_mdy, "dmy": _h_mdy, "iso": _h_iso, "slash": _h_iso, "my": _h_my, "month": _h_month,
    "year": _h_year, "decade": _h_decade, "wday": _h_wday, "relday": _h_relday,
    "thispart": _h_relday, "time": _h_time, "noon": _h_noon, "relper": _h_relper,
    "ago": _h_ago, "agoadj": _h_agoadj, "dur": _h_dur, "durunit": _h_durunit, "plural": _h_plural,
    "quarter": _h_quarter, "half": _h_half, "season": _h_season, "season2": _h_season, "ref": _h_ref,
    "set": _h_set, "holiday": _h_holiday, "the": _h_the,
}


def _parse_anchor(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest matches first, then leftmost; no two kept candidates overlap."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _resolve_discourse(cands: list[_Cand], text: str, anchor: date | None) -> None:
    """Fill in values that depend on earlier expressions (the quarter a report is about)."""
    if anchor is None:
        for c in cands:
            if c.value.startswith("@QOFYEAR:"):
                c.value = c.value.split(":")[1]
            elif c.value.startswith("@"):
                c.value = "XXXX-QX" if c.value == "@QUARTER" else "XXXX"
        return
    # The quarter the article reports on: the one it names most often (first one on a tie), else the
    # last completed quarter before the anchor.
    y, q = _quarter(anchor)
    main_q = f"{y}-Q{q - 1}" if q > 1 else f"{y - 1}-Q4"
    named = [c.value for c in cands if re.fullmatch(r"\d{4}-Q\d", c.value)]
    if named:
        counts = Counter(named)
        main_q = max(named, key=lambda v: (counts[v], -named.index(v)))
    seen_quarter = False
    for c in cands:
        if re.fullmatch(r"\d{4}-Q\d", c.value):
            seen_quarter = True
        elif c.value == "@QUARTER":
            c.value = main_q
        elif c.value.startswith("@QOFYEAR:"):
            c.value = f"{c.value.split(':')[1]}-Q{main_q[-1]}"  # "the 1988 period": that year's same quarter
        elif c.value == "@YEARAGO":
            s0 = text.rfind(".", 0, c.start)
            s1 = text.find(".", c.end)
            sent = text[s0 + 1:s1 if s1 >= 0 else len(text)].lower()
            if seen_quarter or "quarter" in sent or re.search(r"\bperiod\b", sent):
                yy, qq = main_q.split("-Q")
                c.value = f"{int(yy) - 1}-Q{qq}"
            else:
                c.value = str(anchor.year - 1)


def find_timexes(text: str, anchor: str | None = None, doc: Doc | None = None) -> list[Timex]:
    """Every temporal expression in ``text``, normalised against ``anchor`` (``YYYY-MM-DD…``)."""
    g = _grammar()
    a = _parse_anchor(anchor)
    res = _Resolver(text, a, _Tense(doc), g)
    cands: list[_Cand] = []
    for name, rx in g.rules:
        handler = _HANDLERS[name]
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            res.m = m
            res._shift = 0
            out = handler(m, res)
            if out is None:
                continue
            typ, value, mod = out
            start = m.start() + res._shift
            end = m.end()
            # trim surrounding whitespace and a trailing period of a non-abbreviation
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                cands.append(_Cand(start, end, typ, value, mod, name))
    kept = _select(cands)
    _resolve_discourse(kept, text, a)
    anchor_s = a.isoformat() if a else None
    return [Timex(Span.of(text, c.start, c.end), c.type, c.value, c.mod, anchor_s)  # type: ignore[arg-type]
            for c in kept if c.type in _TYPES]


@stage("timexes.v1", produces="timexes")
def extract_timexes(ctx: Context) -> list[Timex]:
    """Temporal expressions (TIMEX3), normalised against the publication date."""
    pub = ctx.article.published
    anchor = pub.value[:10] if pub is not None and pub.value else None
    return find_timexes(ctx.article.text, anchor, ctx.doc)
