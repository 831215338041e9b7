"""The words and patterns amounts are written with: number words, scales, vague plurals ("hundreds
of"), leading modifiers ("at least"), units of measure, and the money and percentage regexes (money
compiled once from ``data/currencies.tsv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MEASURE_UNITS", "MODIFIERS", "MOD_BEFORE", "MULTIPLIERS", "NOT_NOUNS", "NUMBER", "SCALES", "VAGUE",
           "WORD_NUMBERS", "YEAR", "Currencies", "currencies", "percent_re"]

SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
    "trn": 10**12, "tr": 10**12, "crore": 10**7, "lakh": 10**5,
}
WORD_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "dozen": 12, "half": 0,
}
MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
                                "trillion": 10**12}
# "dozens of", "hundreds of" ...: the least the plural can mean.
VAGUE: dict[str, int] = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                          "tens of thousands": 20000, "hundreds of thousands": 200000,
                          "millions": 2 * 10**6, "billions": 2 * 10**9}
MODIFIERS = (
    "at least", "at most", "about", "around", "approximately", "roughly", "nearly", "almost",
    "more than", "less than", "fewer than", "over", "under", "some", "up to", "as many as",
    "as much as", "as few as", "an estimated", "estimated", "close to", "just over", "just under",
    "well over", "upwards of", "in excess of", "a total of", "only", "just", "a further",
    "an additional", "another", "a record", "a whopping", "nearly", "roughly",
)
# Units of measure (lemma or written form -> unit name); a count whose noun is one is a quantity.
MEASURE_UNITS: dict[str, str] = {
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
TIME_NOUNS = frozenset(
    ["second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade",
     "century", "millennium", "time", "season", "quarter", "term", "round", "o'clock", "am", "pm"]
)
NOT_NOUNS = TIME_NOUNS | {"other", "others", "%", "percent", "times", "point", "points"}
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
WORDNUM = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("a", "an", "half")), key=len, reverse=True))
NUMBER = rf"(?:{NUM}|(?:{WORDNUM})(?:[- ](?:{WORDNUM}))?)"
SCALE = r"(?:thousand|million|billion|trillion|mln|bln|trn|crore|lakh|mn|bn|tn|tr|k|m|b)"
RANGE_SEP = r"(?:\s*(?:-|–|—|to)\s*)"


@dataclass(frozen=True, slots=True)
class Currencies:
    prefix: tuple[re.Pattern[str], re.Pattern[str]]  # currency before a number (ranged, single)
    suffix: tuple[re.Pattern[str], re.Pattern[str]]  # currency after a number (ranged, single)
    by_symbol: dict[str, str]
    by_name: dict[str, str]
    ambiguous: frozenset[str]


def mods_alt() -> str:
    """The modifiers ("at least", "about") as a regex alternation, longest first."""
    mods = sorted(set(MODIFIERS), key=len, reverse=True)
    return "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in mods)


@lru_cache(maxsize=1)
def currencies() -> Currencies:
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
    mod = rf"(?:(?P<mod>{mods_alt()})\s+)?"
    # $240.1 billion, US$5bn, €3-4 million, $10 billion to $12 billion
    prefix_range = rf"(?:{RANGE_SEP}(?:{sym})?\s?(?P<num2>{NUM})(?:\s?(?P<scale2>{SCALE})\b)?)?"
    prefix = tuple(re.compile(
        rf"(?<![\w$]){mod}(?P<cur>{sym})\s?(?P<num>{NUM})(?:\s?(?P<scale>{SCALE})\b)?{rng}",
        re.IGNORECASE) for rng in (prefix_range, ""))
    # 240 billion yuan, 5-6 million euros, ten thousand rubles
    suffix_range = rf"(?:{RANGE_SEP}(?P<num2>{NUMBER})(?:\s?(?P<scale2>{SCALE})\b)?)?"
    suffix = tuple(re.compile(
        rf"(?<![\w$.,]){mod}(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE})\b)?{rng}"
        rf"\s+(?P<name>{names_alt})\b",
        re.IGNORECASE) for rng in (suffix_range, ""))
    return Currencies((prefix[0], prefix[1]), (suffix[0], suffix[1]), by_symbol, by_name,
                       frozenset(ambiguous))


@lru_cache(maxsize=1)
def percent_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    mods = mods_alt()
    pats = tuple(re.compile(
        rf"(?<![\w.,])(?:(?P<mod>{mods})\s+)?(?P<num>[-+]?{NUMBER}){rng}"
        r"\s*(?P<unit>%|percent(?:age)?\s+points?\b|per\s*cent\b|percent\b|pct\b|points?\s+percent\b)",
        re.IGNORECASE) for rng in (rf"(?:\s*%?{RANGE_SEP}(?P<num2>{NUMBER}))?", ""))
    return pats[0], pats[1]


MOD_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s+")
                        for m in sorted(set(MODIFIERS), key=len, reverse=True)) + r")\s+\Z",
    re.IGNORECASE,
)
