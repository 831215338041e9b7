"""An article's country context: the country its ambiguous actor names belong to.

"Congress" is the U.S. Congress in an American article and the Indian National Congress in
an Indian one; "Prime Minister Jane Doe", "the Supreme Court" and "Parliament" belong to the
country the article is about.  Three signals are weighed:

- the dateline ("WASHINGTON —", "NEW DELHI (Reuters) -", "Uxbridge, United Kingdom (CNN)"),
  the place the reporter files from (weight ``DATELINE``);
- the countries the article's actor mentions point to (one per mention of a country, capital,
  demonym, seat, national institution or leader);
- the outlet's country (data/outlets.tsv, weight ``OUTLET``): weak, as outlets cover the world;
- the places the article names that the actor lexicon does not know (cities, states and provinces:
  "Ahmedabad", "Gujarat"), each mention counted once for the one country the caller's gazetteer gives
  it (weight ``PLACE``): an Indian story names Indian towns more than it names India.

A dateline is also the lower-case "city:" opening of a line at the top of the body ("ahmedabad: the
police said ..."), the style of Indian agency copy, when the caller's gazetteer knows the place.

Only countries count: a region ("Europe", "the West") mentioned often does not make the article's
titles and institutions that region's.

The context is *clear* only when one country leads by a margin; otherwise it is ``None`` and
callers leave ambiguous names uncoded rather than guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from ..datafiles import tsv_rows
from .countries import countries
from .lexicon import lexicon

DATELINE = 3.0  # a dateline counts as three mentions
OUTLET = 1.0
PLACE = 1.0  # a place mention the lexicon does not know (a town, a state) counts as one actor mention
MIN_SCORE = 4.0  # the leading country needs at least this score (a dateline and one mention) ...
LEAD = 2.0  # ... and twice the runner-up's

# "WASHINGTON —", "NEW DELHI (Reuters) -", "Uxbridge, United Kingdom (CNN)", "LONDON, Jan 5 (Reuters) -"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ -]{1,30}?)?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*"
    r"(?:(?P<agency>\([A-Za-z .&/-]{2,30}\))|(?P<dash>[—–-]{1,2})\s)")


@dataclass(frozen=True)
class CountryContext:
    """The article's country (``None`` when unclear), why, and the scores behind it."""

    country: str | None
    source: str  # "dateline:WASHINGTON+mentions", "mentions", "outlet", "" when unclear
    scores: dict[str, float] = field(default_factory=dict)
    dateline: str | None = None  # the dateline's country, if any
    # acronyms the article defines as another body than the lexicon's ("the Financial Services Authority
    # (FSA)"): title words do not look them up in the lexicon (nlp/name_evidence.py)
    redefined: frozenset[str] = frozenset()

# "ahmedabad: the police ...", "NEW DELHI: ...": a place and a colon opening one of the first lines
_COLON_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?P<place>[A-Za-z][A-Za-z.'’ -]{1,30}?)[ \t]*:[ \t]")


def colon_dateline(text: str) -> str | None:
    """The place of a "city:" dateline opening one of the first three non-empty lines, or None."""
    span = colon_dateline_span(text)
    return text[span[0]:span[1]].split(":")[0].strip() if span else None


def dateline_span(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the dateline at the start of ``text`` (place, date, agency and dash), None
    without one; the same test as :func:`dateline_country`."""
    m = _DATELINE.match(text[:160])
    if not m or not (m.group("agency") or m.group("dash")):
        return None
    place = m.group("place").strip(" -")
    if not m.group("agency") and not place.split(",")[0].replace(" ", "").replace(".", "").isupper():
        return None
    return m.start("place"), m.end()


def colon_dateline_span(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of a "city:" dateline opening one of the first three non-empty lines of ``text``
    (end after the colon and its space; :func:`colon_dateline` gives its place), None without one."""
    pos = 0
    seen = 0
    for line in text[:400].split("\n"):
        if line.strip():
            m = _COLON_DATELINE.match(line)
            if m and len(m.group("place").split()) <= 3:
                return pos + m.start("place"), pos + m.end()
            seen += 1
            if seen == 3:
                break
        pos += len(line) + 1
    return None


def dateline_country(text: str) -> tuple[str | None, str | None]:
    """(country, place text) of the dateline at the start of ``text``; (None, None) without one."""
    m = _DATELINE.match(text[:160])
    if not m or not (m.group("agency") or m.group("dash")):
        return None, None
    place = m.group("place").strip(" -")
    if not m.group("agency") and not place.split(",")[0].replace(" ", "").replace(".", "").isupper():
        return None, None  # "Boris Johnson - ..." is a sentence, not a dateline: without an agency it is in capitals
    lx = lexicon()
    for part in reversed([p.strip() for p in place.split(",")]):  # "Uxbridge, United Kingdom": the country last
        for form in (part, part.title(), " ".join(w if w.isupper() and len(w) <= 3 else w.title()
                                                  for w in part.split())):
            entries = lx.phrases.get(form)
            if entries and entries[0].country and entries[0].kind in ("country", "capital", "part"):
                return entries[0].country, place
    return None, place


def _lexicon_place(place: str) -> str | None:
    """The country of a place name the actor lexicon knows as a country, capital or part."""
    lx = lexicon()
    for form in (place, place.title()):
        entries = lx.phrases.get(form)
        if entries and entries[0].country and entries[0].kind in ("country", "capital", "part"):
            return entries[0].country
    return None


@lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    """Outlet name and host -> country, from the third column of data/outlets.tsv."""
    out: dict[str, str] = {}
    for row in tsv_rows("outlets.tsv"):
        if len(row) > 2 and row[2].strip():
            out[row[0].strip().lower()] = row[2].strip()
            out[row[1].strip().lower()] = row[2].strip()
    return out


def outlet_country(outlet: str | None, url: str | None) -> str | None:
    """The country of an outlet, by its name or its URL's host (and the host's parent domains)."""
    table = _outlet_countries()
    if outlet and outlet.strip().lower() in table:
        return table[outlet.strip().lower()]
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        except ValueError:
            return None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            if ".".join(parts[i:]) in table:
                return table[".".join(parts[i:])]
    return None


@lru_cache(maxsize=1)
def sovereign_codes() -> frozenset[str]:
    """Codes of the country table's countries: the only codes a context may give (not regions such as
    EUR or WST, not ethnic codes): a person's or an office's country is a state."""
    return frozenset(c.code for c in countries().values() if c.kind == "country")


def leading(scores: Mapping[str, float]) -> str | None:
    """The country that leads clearly (at least ``MIN_SCORE`` and ``LEAD`` times the runner-up), or None."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if not ranked:
        return None
    top, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if best >= MIN_SCORE and best >= LEAD * second else None


def country_context(text: str, mention_countries: Iterable[str], *, outlet: str | None = None,
                    url: str | None = None, place_countries: Iterable[str] = (),
                    resolve_place: Callable[[str], str | None] | None = None) -> CountryContext:
    """Weigh the dateline, the mentioned countries, the outlet and the places; see the module docstring.

    ``place_countries`` are the countries of place mentions the lexicon does not know; ``resolve_place``
    gives a place name's country (a gazetteer), for "city:" datelines the lexicon does not know."""
    scores: defaultdict[str, float] = defaultdict(float)
    for c in mention_countries:
        if c and c in sovereign_codes():  # a region (EUR, WST) is no article's country
            scores[c] += 1.0
    for c in place_countries:
        if c and c in sovereign_codes():
            scores[c] += PLACE
    dl, _place = dateline_country(text)
    if dl is None and resolve_place is not None and (colon := colon_dateline(text)) is not None:
        dl = _lexicon_place(colon) or resolve_place(colon)
        dl = dl if dl in sovereign_codes() else None
    if dl:
        scores[dl] += DATELINE
    oc = outlet_country(outlet, url)
    if oc:
        scores[oc] += OUTLET
    top = leading(scores)
    if top is None:
        return CountryContext(None, "", dict(scores), dl)
    best = scores[top]
    parts = [p for p, ok in (("dateline", dl == top), ("mentions", best - (DATELINE if dl == top else 0)
                                                         - (OUTLET if oc == top else 0) > 0),
                             ("outlet", oc == top)) if ok]
    return CountryContext(top, "+".join(parts), dict(scores), dl)
