"""The TIMEX grammar: compiled regular expressions, one per rule, built once from the word lists of
``data/timex/lexicon.json`` (months, weekdays, number words, units, seasons, reference words, holidays).

Each rule's name selects its handler in ``handlers.HANDLERS``; the rules are tried in order and the
longest non-overlapping matches are kept by the stage.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Grammar", "load_grammar"]


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    text = resources.files("newsgraph").joinpath("data/timex/lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


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
class Grammar:
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
def load_grammar() -> Grammar:
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
    # "until 3 pm" is the time with its span bound (``bounds``), "after 3 pm" the time, as for a date
    add("time", r"(?:(?P<pre>(?i:around|shortly\s+before|shortly\s+after))\s+)?"
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
    g = Grammar(
        rules=tuple(R), months=months, weekdays=lex["weekdays"], numbers=numbers, units=units,
        seasons=lex["seasons"], parts=lex["parts_of_day"], refs=refs, sets=sets, holidays=holidays,
        vague=frozenset(lex["vague_numbers"]), decade_words=lex["decade_words"],
    )
    return g
