"""Amounts: money, percentages, counts and quantities, with what they measure.

``extract_amounts`` (stage ``amounts.v1``) finds

- money: a currency symbol or code before a number (``$240.1 billion``, ``US$5bn``, ``€3m``) or a
  currency name after it (``240 billion yuan``); scale words (thousand, million, billion, trillion,
  bn, m, tn, k) multiply the value; the unit is an ISO 4217 code from ``data/currencies.tsv``;
- percentages: ``26%``, ``26 percent``, ``26 per cent`` (unit ``PERCENT``) and percentage points
  (unit ``PERCENTAGE_POINT``);
- quantities: a number before a unit of measure (``5 million barrels``, ``300 km``), unit = its lemma;
- counts: a number governing a noun (``at least 12 people``, ``two countries``), unit = the noun's lemma.

A leading modifier (``at least``, ``about``, ``more than`` ...) belongs to the span; a range
(``$10-12 billion``, ``between 10 and 20 people``) takes its lower bound as the value.  Each amount
also gets, from the dependency parse, the thing it measures (``Trade between the two countries``),
the date of its clause (a temporal expression of the ``timexes`` stage, which must run first; a bare
year otherwise) and its source (``according to Chinese customs data``).  Everything is regexes
compiled once plus a walk over the parse: no per-article loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from ..model import Amount, Span, Timex
from ..registry import Context, stage
from .spacy_model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["money", "percent", "count", "quantity"]

_SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
    "trn": 10**12, "tr": 10**12, "crore": 10**7, "lakh": 10**5,
}
_WORD_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "dozen": 12, "half": 0,
}
_MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
                                "trillion": 10**12}
# "dozens of", "hundreds of" ...: the least the plural can mean.
_VAGUE: dict[str, int] = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                          "tens of thousands": 20000, "hundreds of thousands": 200000,
                          "millions": 2 * 10**6, "billions": 2 * 10**9}
_MODIFIERS = (
    "at least", "at most", "about", "around", "approximately", "roughly", "nearly", "almost",
    "more than", "less than", "fewer than", "over", "under", "some", "up to", "as many as",
    "as much as", "as few as", "an estimated", "estimated", "close to", "just over", "just under",
    "well over", "upwards of", "in excess of", "a total of", "only", "just", "a further",
    "an additional", "another", "a record", "a whopping", "nearly", "roughly",
)
# Units of measure (lemma or written form -> unit name); a count whose noun is one is a quantity.
_MEASURE_UNITS: dict[str, str] = {
    **{u: "kilometre" for u in ("km", "kilometre", "kilometer", "kilometres", "kilometers")},
    **{u: "mile" for u in ("mile", "miles")},
    **{u: "metre" for u in ("metre", "meter", "metres", "meters")},
    **{u: "square kilometre" for u in ("sq km", "km2", "square kilometre", "square kilometer")},
    **{u: "hectare" for u in ("hectare", "hectares", "ha")},
    **{u: "acre" for u in ("acre", "acres")},
    **{u: "tonne" for u in ("tonne", "tonnes", "ton", "tons", "metric ton", "metric tons")},
    **{u: "kilogram" for u in ("kg", "kilogram", "kilograms", "kilo", "kilos")},
    **{u: "barrel" for u in ("barrel", "barrels", "bbl")},
    **{u: "barrels per day" for u in ("bpd", "b/d")},
    **{u: "cubic metre" for u in ("cubic metre", "cubic meter", "cubic metres", "cubic meters", "bcm")},
    **{u: "litre" for u in ("litre", "liter", "litres", "liters")},
    **{u: "gallon" for u in ("gallon", "gallons")},
    **{u: "megawatt" for u in ("mw", "megawatt", "megawatts")},
    **{u: "gigawatt" for u in ("gw", "gigawatt", "gigawatts")},
    **{u: "kilowatt hour" for u in ("kwh",)},
    **{u: "degree" for u in ("degree", "degrees")},
    **{u: "pound" for u in ("pound", "pounds", "lb", "lbs")},
    **{u: "centimetre" for u in ("cm", "centimetre", "centimeter", "centimetres", "centimeters")},
    **{u: "millimetre" for u in ("mm", "millimetre", "millimeter", "millimetres", "millimeters")},
    **{u: "foot" for u in ("ft", "foot", "feet")},
    **{u: "inch" for u in ("inch", "inches", "in.")},
    **{u: "kilometres per hour" for u in ("km/h", "kph", "kmh")},
    **{u: "miles per hour" for u in ("mph",)},
    **{u: "knot" for u in ("knot", "knots")},
    **{u: "square mile" for u in ("square mile", "square miles", "sq mi")},
    **{u: "gigabyte" for u in ("gb", "gigabyte", "gigabytes")},
    **{u: "megabyte" for u in ("mb", "megabyte", "megabytes")},
    **{u: "terabyte" for u in ("tb", "terabyte", "terabytes")},
    **{u: "megapixel" for u in ("megapixel", "megapixels")},
    **{u: "calorie" for u in ("calorie", "calories", "kcal")},
    **{u: "watt" for u in ("watt", "watts", "kw", "kilowatt", "kilowatts")},
    **{u: "ounce" for u in ("ounce", "ounces", "oz")},
}
_TIME_NOUNS = frozenset(
    ["second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade",
     "century", "millennium", "time", "season", "quarter", "term", "round", "o'clock", "am", "pm"]
)
_NOT_NOUNS = _TIME_NOUNS | {"other", "others", "%", "percent", "times", "point", "points"}
_SOURCE_VERBS = frozenset(
    ["say", "show", "estimate", "report", "find", "calculate", "put", "reveal", "indicate", "suggest",
     "announce", "publish", "tell", "state", "according"]
)
_SOURCE_NOUNS = frozenset(
    ["datum", "data", "figure", "figures", "statistic", "statistics", "survey", "poll", "report", "study",
     "estimate", "estimates", "official", "officials", "ministry", "office", "agency", "analyst", "analysts",
     "police", "authority", "authorities", "bank", "government", "spokesman", "spokeswoman", "spokesperson",
     "company", "group", "institute", "research", "researcher", "researchers", "economist", "economists",
     "source", "sources", "minister", "president", "organisation", "organization", "customs", "census"]
)
_AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SKIP_MEASURE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "advcl", "parataxis"})
_DATE_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$|^\d{4}-(?:Q[1-4]|W\d\d|H[12])$")
_BARE_YEAR = re.compile(r"(?:in |during |for |by )?(?:the year )?(?:fiscal )?\d{4}")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted((w for w in _WORD_NUMBERS if w not in ("a", "an", "half")), key=len, reverse=True))
_NUMBER = rf"(?:{_NUM}|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?)"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|trn|crore|lakh|mn|bn|tn|tr|k|m|b)"
_RANGE_SEP = r"(?:\s*(?:-|–|—|to)\s*)"


@dataclass(frozen=True, slots=True)
class _Currencies:
    prefix: tuple[re.Pattern[str], re.Pattern[str]]  # currency before a number (ranged, single)
    suffix: tuple[re.Pattern[str], re.Pattern[str]]  # currency after a number (ranged, single)
    by_symbol: dict[str, str]
    by_name: dict[str, str]
    ambiguous: frozenset[str]


def _mods_alt() -> str:
    """The modifiers ("at least", "about") as a regex alternation, longest first."""
    mods = sorted(set(_MODIFIERS), key=len, reverse=True)
    return "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in mods)


@lru_cache(maxsize=1)
def _currencies() -> _Currencies:
    """Compile the money patterns from data/currencies.tsv (once per process)."""
    text = resources.files("newsgraph").joinpath("data/currencies.tsv").read_text(encoding="utf-8")
    by_symbol: dict[str, str] = {"¥": "JPY"}
    by_name: dict[str, str] = {}
    ambiguous: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, symbols, names = ([*line.split("\t"), "", ""])[:3]
        for s in filter(None, symbols.split("|")):
            by_symbol.setdefault(s, code)
        for n in filter(None, names.split("|")):
            if n.startswith("?"):
                n = n[1:]
                ambiguous.add(n.lower())
            by_name.setdefault(n.lower(), code)
    sym = "|".join(re.escape(s) for s in sorted(by_symbol, key=len, reverse=True))
    names_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+")
                         for n in sorted(by_name, key=len, reverse=True))
    mod = rf"(?:(?P<mod>{_mods_alt()})\s+)?"
    # $240.1 billion, US$5bn, €3-4 million, $10 billion to $12 billion
    prefix_range = rf"(?:{_RANGE_SEP}(?:{sym})?\s?(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE})\b)?)?"
    prefix = tuple(re.compile(
        rf"(?<![\w$]){mod}(?P<cur>{sym})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})\b)?{rng}",
        re.IGNORECASE) for rng in (prefix_range, ""))
    # 240 billion yuan, 5-6 million euros, ten thousand rubles
    suffix_range = rf"(?:{_RANGE_SEP}(?P<num2>{_NUMBER})(?:\s?(?P<scale2>{_SCALE})\b)?)?"
    suffix = tuple(re.compile(
        rf"(?<![\w$.,]){mod}(?P<num>{_NUMBER})(?:\s?(?P<scale>{_SCALE})\b)?{rng}"
        rf"\s+(?P<name>{names_alt})\b",
        re.IGNORECASE) for rng in (suffix_range, ""))
    return _Currencies((prefix[0], prefix[1]), (suffix[0], suffix[1]), by_symbol, by_name,
                       frozenset(ambiguous))


@lru_cache(maxsize=1)
def _percent_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    mods = _mods_alt()
    pats = tuple(re.compile(
        rf"(?<![\w.,])(?:(?P<mod>{mods})\s+)?(?P<num>[-+]?{_NUMBER}){rng}"
        r"\s*(?P<unit>%|percent(?:age)?\s+points?\b|per\s*cent\b|percent\b|pct\b|points?\s+percent\b)",
        re.IGNORECASE) for rng in (rf"(?:\s*%?{_RANGE_SEP}(?P<num2>{_NUMBER}))?", ""))
    return pats[0], pats[1]


_CENTS = re.compile(r"\s+(?:cents?|pence)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+)?\Z", re.IGNORECASE)


def _matches(pats: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> Iterable[re.Match[str]]:
    """Matches of the ranged pattern; 'from X to Y' gives X and Y apart (a change, not a range)."""
    ranged, single = pats
    pos = 0
    while True:
        m = ranged.search(text, pos)
        if m is None:
            return
        ranged_match = "num2" in m.re.groupindex and m.group("num2")
        sep = f" {text[m.end('num'):m.start('num2')]} " if ranged_match else ""
        if " to " in sep and _FROM_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            m1 = single.match(text, m.start())
            if m1 is not None:
                yield m1
                pos = max(m1.end(), m.start() + 1)
                continue
        yield m
        pos = m.end()


def _to_number(s: str) -> Decimal | None:
    """'1,200.5' -> 1200.5, 'twenty-five' -> 25, 'two' -> 2."""
    s = s.strip().lower()
    try:
        return Decimal(s.replace(",", "").lstrip("+"))
    except InvalidOperation:
        pass
    total = 0
    for part in re.split(r"[- ]+", s):
        if part in _WORD_NUMBERS:
            total += _WORD_NUMBERS[part]
        else:
            return None
    return Decimal(total)


def _scaled(num: str, scale: str | None) -> Decimal | None:
    n = _to_number(num)
    if n is None:
        return None
    if scale:
        n *= _SCALES[scale.lower()]
    return n


def _plain(value: Decimal) -> float:
    """A Decimal as an int when integral (240100000000), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class _Found:
    start: int
    end: int
    value: Decimal
    unit: str | None
    kind: Kind


def _glued_scale(m: re.Match[str], num: str, scale: str) -> str | None:
    """The scale word after group ``num``; a one-letter scale ("5m") only when glued to the number."""
    if scale not in m.re.groupindex or num not in m.re.groupindex:
        return None
    sc = m.group(scale)
    if not sc or not m.group(num):
        return None
    if len(sc) == 1 and m.start(scale) != m.end(num):
        return None
    return sc


def _find_money(text: str) -> list[_Found]:
    cur = _currencies()
    out: list[_Found] = []
    chinese = "yuan" in text or "China" in text or "Chinese" in text
    for m in _matches(cur.prefix, text):
        scale = _glued_scale(m, "num", "scale")
        scale2 = _glued_scale(m, "num2", "scale2")
        value = _scaled(m.group("num"), scale or scale2)
        if value is None:
            continue
        symbol = m.group("cur")
        code = cur.by_symbol.get(symbol) or cur.by_symbol.get(symbol.upper(), "USD")
        if symbol == "¥" and chinese:
            code = "CNY"
        if "num2" in m.re.groupindex and m.group("num2"):
            end = m.end("scale2") if scale2 else m.end("num2")
        else:
            end = m.end("scale") if scale else m.end("num")
        start = m.start("mod") if m.group("mod") else m.start("cur")
        out.append(_Found(start, end, value, code, "money"))
    taken = [(f.start, f.end) for f in out]
    for m in _matches(cur.suffix, text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = re.sub(r"\s+", " ", m.group("name")).lower()
        scale = _glued_scale(m, "num", "scale") or _glued_scale(m, "num2", "scale2")
        value = _scaled(m.group("num"), scale)
        if value is None:
            continue
        if name in cur.ambiguous and not scale and value < 1000:
            continue
        start = m.start("mod") if m.group("mod") else m.start("num")
        end = m.end()
        cents = _CENTS.match(text, end)
        if cents:  # "22 euro cents"
            value, end = value / 100, cents.end()
        out.append(_Found(start, end, value, cur.by_name[name], "money"))
    return out


def _find_percents(text: str, taken: list[tuple[int, int]]) -> list[_Found]:
    out: list[_Found] = []
    for m in _matches(_percent_re(), text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = _to_number(m.group("num"))
        if value is None:
            continue
        unit = "PERCENTAGE_POINT" if "point" in m.group("unit").lower() else "PERCENT"
        start = m.start("mod") if m.group("mod") else m.start("num")
        out.append(_Found(start, m.end(), value, unit, "percent"))
    return out


def _count_value(words: Sequence[str]) -> Decimal | None:
    """Value of a number phrase: '12', '1,200', 'twenty-five', 'three hundred', '2.5 million'."""
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for w in words:
        if w in ("-", "and"):
            continue
        if w in _MULTIPLIERS:
            current = (current or Decimal(1)) * _MULTIPLIERS[w]
            if _MULTIPLIERS[w] >= 1000:
                total += current
                current = Decimal(0)
            seen = True
            continue
        n = _to_number(w)
        if n is None:
            return None
        current += n
        seen = True
    return total + current if seen else None


_NOT_COUNTED = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"})
_NOT_NUMBERS = frozenset({"TIME", "ORDINAL", "MONEY", "PERCENT"})  # a DATE number may count ("10 people")


def _is_number_token(t: Token) -> bool:
    low = t.lower_
    if low in ("a", "an", "half"):
        return False
    if low == "one":
        return False  # "one of the", "one reason": a count of one is rarely a fact worth keeping
    return bool(t.like_num) or low in _WORD_NUMBERS or low in _MULTIPLIERS


def _joins(prev: Token, nxt: Token) -> bool:
    """Whether number token ``nxt`` continues the number phrase ending in ``prev`` ("2.5 million")."""
    if not _is_number_token(nxt):
        return False
    if nxt.lower_ in _MULTIPLIERS:
        return True
    return prev.lower_ in _WORD_NUMBERS or (prev.lower_ in _MULTIPLIERS and not nxt.text[0].isdigit())


def _find_counts(doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[_Found, Token]]:
    """Counts and quantities: a number governing (or quantifying) a noun."""
    out: list[tuple[_Found, Token]] = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        vague = _vague_at(doc, i)
        if vague is not None:
            _add_count(doc, i, vague[1], vague[2], taken, out)
            i = vague[0]
            continue
        if not _is_number_token(t) or t.ent_type_ in _NOT_NUMBERS:
            i += 1
            continue
        j = i + 1
        while j < n:
            if _joins(doc[j - 1], doc[j]):
                j += 1
            elif ((doc[j].text == "-" and doc[j - 1].lower_ in _WORD_NUMBERS)
                  or (doc[j].lower_ == "and" and doc[j - 1].lower_ in _MULTIPLIERS)) \
                    and j + 1 < n and _joins(doc[j - 1], doc[j + 1]):
                j += 2
            else:
                break
        nums = doc[i:j]
        if j + 1 < n and doc[j].text in ("-", "–", "/", ":") and doc[j + 1].text[:1].isdigit():
            i = j + 2  # a score, a ratio or a time: "5-1", "24/7", "3:2"
            continue
        if any(tok.ent_type_ in _NOT_NUMBERS for tok in nums) or (j - i == 1 and _YEAR.match(t.text)):
            i = j
            continue
        noun = _counted_noun(doc, i, j)
        value = _count_value([tok.lower_ for tok in nums]) if noun is not None else None
        if noun is not None and value is not None:
            _add_count(doc, i, value, noun, taken, out)
        i = j
    return out


def _vague_at(doc: Doc, i: int) -> tuple[int, Decimal, Token] | None:
    """'thousands of people' at token i: (index after the phrase, least value, the noun 'people')."""
    if doc[i].lower_ not in _VAGUE and doc[i].lower_ != "tens":
        return None
    j = i + 1
    phrase = doc[i].lower_
    if j + 2 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ == "thousands":
        phrase = f"{phrase} of thousands"
        j += 2
    if phrase not in _VAGUE or j >= len(doc) or doc[j].lower_ != "of":
        return None
    obj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
    if obj is None or obj.i - j > 5 or obj.pos_ not in ("NOUN", "PROPN") or obj.lemma_.lower() in _NOT_NOUNS \
            or obj.ent_type_ in _NOT_COUNTED:
        return None
    return obj.i + 1, Decimal(_VAGUE[phrase]), obj


def _counted_noun(doc: Doc, i: int, j: int) -> Token | None:
    """The noun a number phrase doc[i:j] counts, or None (a bare number, a year, a code)."""
    last = doc[j - 1]
    head = last.head
    if i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].whitespace_ != "":
        return None  # a model number: "PlayStation 3 chips", "Boeing 737 jets"
    if j < len(doc) and doc[j].lower_ in _MEASURE_UNITS:
        return doc[j]  # "2 GB phones": the unit is what is measured
    if head.i >= j and (head.pos_ == "NOUN" or head.tag_ == "NNPS") and head.i - j <= 4 and last.dep_ in (
            "nummod", "quantmod", "compound", "amod", "nmod"):
        noun = head
    elif j < len(doc) and doc[j].pos_ == "NOUN":
        noun = doc[j]
    else:
        return None
    if noun.lemma_.lower() in _NOT_NOUNS or noun.lower_ in _NOT_NOUNS or noun.ent_type_ in _NOT_COUNTED:
        return None
    if i > 0 and doc[i - 1].text in ("#", "No.", "no.", "No", "number", "Number"):
        return None
    if any(doc[k].is_punct and doc[k].text not in ("-",) for k in range(j, noun.i)):
        return None
    return noun


def _add_count(doc: Doc, i: int, value: Decimal, noun: Token, taken: list[tuple[int, int]],
               out: list[tuple[_Found, Token]]) -> None:
    text = doc_text(doc)
    if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in _MULTIPLIERS:
        i -= 1  # "a million people"
    start = doc[i].idx
    end = noun.idx + len(noun.text)
    if any(s < end and start < e for s, e in taken):
        return
    m = _MOD_BEFORE.search(text, max(0, start - 30), start)
    if m:
        start = m.start()
    lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.text
    currency = _currencies().by_name.get(noun.lower_)
    weight = noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "of"  # "300 pounds of sugar"
    unit = _MEASURE_UNITS.get(noun.lower_) or _MEASURE_UNITS.get(lemma)
    kind: Kind = "quantity" if unit else "count"
    if currency and not weight:
        unit, kind = currency, "money"
    taken.append((start, end))
    out.append((_Found(start, end, value, unit or lemma, kind), noun))


_MOD_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s+")
                        for m in sorted(set(_MODIFIERS), key=len, reverse=True)) + r")\s+\Z",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- context: measure, date, source

def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _clause_verb(tok: Token) -> Token | None:
    """The verb governing ``tok``: walk up through nouns, prepositions and conjuncts."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _trimmed(doc: Doc, toks: list[Token], text: str) -> Span | None:
    """A contiguous phrase from tokens: cut at punctuation, drop determiners and possessives in front."""
    if not toks:
        return None
    toks = sorted(toks, key=lambda x: x.i)
    run = [toks[0]]
    for t in toks[1:]:
        if t.i != run[-1].i + 1 or (t.is_punct and t.text not in ("-", "'s", "’s")) or t.is_space \
                or "\n" in run[-1].whitespace_:
            break
        run.append(t)
    while run and (run[0].pos_ in ("DET", "PRON", "PART", "CCONJ", "ADP") or run[0].is_punct
                   or (run[0].dep_ == "poss" and run[0].pos_ == "PRON")):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].pos_ in ("ADP", "CCONJ", "DET")):
        run = run[:-1]
    if not run or run[0].text[0].isdigit() or run[0].text in _currencies().by_symbol:
        return None  # part of another amount: "(£40m)"
    s, e = run[0].idx, run[-1].idx + len(run[-1].text)
    return Span(s, e, text[s:e])


def _phrase(tok: Token, *, before: int | None = None, after: int | None = None) -> list[Token]:
    """``tok`` and its modifiers, without clauses, and within (before, after) token bounds."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if (before is not None and t.i >= before) or (after is not None and t.i <= after):
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ not in _SKIP_MEASURE_DEPS:
                stack.append(c)
    return out


def _measure(doc: Doc, root: Token, start: int, end: int, text: str) -> Span | None:
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    lo, hi = first.start, first.end  # token bounds of the amount
    while root.dep_ == "conj" and root.head.i < lo and root.head.pos_ in ("NOUN", "NUM", "PROPN", "SYM"):
        root = root.head  # "240 billion yuan and 500 million rubles": the first one's measure
        hi = root.i + 1
    if hi < len(doc) and doc[hi].lower_ in ("in", "of", "worth"):
        nxt = doc[hi]
        obj = next((g for g in nxt.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ and not obj.like_num:
            return _trimmed(doc, _phrase(obj), text)
    # "$5 billion in military aid", "5 million barrels of oil", "$3 billion worth of goods"
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "worth", "for") and c.i >= hi:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.lower_ == "worth" and obj is None:
                of = next((g for g in c.children if g.lower_ == "of"), None)
                obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ and not obj.like_num:
                return _trimmed(doc, _phrase(obj), text)
    head = root.head
    # "a 26% annual increase", "a $5 billion aid package for Ukraine"
    if root.dep_ in ("nummod", "amod", "compound", "nmod", "quantmod", "npadvmod") and head.i >= hi \
            and head.pos_ in ("NOUN", "PROPN"):
        return _trimmed(doc, [t for t in _phrase(head) if t.i >= hi], text)
    # "a budget of $5 billion", "losses of 5%"
    if root.dep_ == "pobj" and head.lower_ in ("of", "at", "to", "by", "from", "around") \
            and head.head.pos_ in ("NOUN", "PROPN"):
        return _trimmed(doc, _phrase(head.head, before=head.i), text)
    # an amount in a clause: its subject ("Trade between the two countries ... hitting $240.1 billion")
    v = _clause_verb(root)
    for _ in range(4):
        if v is None:
            return None
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.pos_ == "PRON" or lo <= subj.i < hi or subj.like_num:
                return None
            return _trimmed(doc, _phrase(subj), text)
        if v.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp") and v.head.i != v.i:
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return _trimmed(doc, _phrase(v.head, before=v.i), text)
            v = _clause_verb(v) if v.head.pos_ not in ("VERB", "AUX") else v.head
        else:
            return None
    return None


def _date(doc: Doc, root: Token, timexes: Sequence[Timex] | None, text: str) -> str | None:
    """The date of the amount's clause: a timex governed by the same verb."""
    verb = _clause_verb(root)
    if verb is None:
        return None
    sent = root.sent
    if timexes is not None:
        best: tuple[int, str] | None = None
        for tx in timexes:
            if not (sent.start_char <= tx.span.start < sent.end_char) or tx.type != "DATE":
                continue
            if not _DATE_VALUE.match(tx.value):
                continue
            r = _root(doc, tx.span.start, tx.span.end)
            v = _clause_verb(r) if r is not None else None
            if v is None or v.i != verb.i:
                continue
            dist = abs(tx.span.start - root.idx)
            if best is None or dist < best[0]:
                best = (dist, tx.value)
        return best[1] if best else None
    for ent in sent.ents:
        v = _clause_verb(ent.root)
        if ent.label_ == "DATE" and v is not None and v.i == verb.i:
            m = re.search(r"\b(?:1[89]|20)\d\d\b", ent.text)
            if m and _BARE_YEAR.fullmatch(ent.text.lower()):
                return m.group(0)
    return None


def _source(doc: Doc, root: Token, text: str) -> Span | None:
    """'according to Chinese customs data', 'citing X', or the subject of 'X said/showed ...'."""
    sent = root.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            obj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _trimmed(doc, _phrase(obj), text)
        if t.lower_ == "citing":
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _trimmed(doc, _phrase(obj), text)
    # X said / data from X showed ... (the amount inside the verb's complement)
    t = root
    for _ in range(12):
        if t.head.i == t.i:
            break
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in _SOURCE_VERBS:
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in _AGENT_TYPES
                                     or subj.lemma_.lower() in _SOURCE_NOUNS):
                return _trimmed(doc, _phrase(subj), text)
            break
        t = t.head
    return None


@stage("amounts.v1", requires=("timexes",), produces="amounts")
def extract_amounts(ctx: Context) -> list[Amount]:
    """Money, percentages, counts and quantities, each with what it measures, its date and source."""
    doc = ctx.doc
    text = doc.text
    found = _find_money(text)
    taken = [(f.start, f.end) for f in found]
    found += _find_percents(text, taken)
    taken = [(f.start, f.end) for f in found]
    nouns: dict[int, Token] = {}
    for f, noun in _find_counts(doc, taken):
        found.append(f)
        nouns[f.start] = noun
    timexes: Sequence[Timex] | None = ctx.results.get("timexes")
    out: list[Amount] = []
    for f in sorted(found, key=lambda x: x.start):
        root = _root(doc, f.start, f.end)
        measure = date = source = None
        if root is not None:
            if f.kind == "count" and f.start in nouns:
                root = nouns[f.start]
            if f.kind != "count":
                measure = _measure(doc, root, f.start, f.end, text)
            date = _date(doc, root, timexes, text)
            source = _source(doc, root, text)
        out.append(Amount(Span(f.start, f.end, text[f.start:f.end]), _plain(f.value), f.unit, f.kind,
                          measure, date, source))
    return out
