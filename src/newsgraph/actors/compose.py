"""Token-level actor helpers for the event coder, over the one actor lexicon.

The entity stage gives each named entity its CAMEO actor code; the coder also needs codes for
phrases that are not entities ("the army", "Georgian demonstrators", "a Tunisian court") and asks
about single tokens and lemmas.  These functions answer from the same lexicon (data/actors/: the
country table, institutions, IGOs and the role table roles.tsv), so an event's actor gets the code
the entity stage gives the same name:

- ``country_of("Russian")`` -> ``RUS``: a country, region, IGO or institution a name stands for; a
  region the places table assigns to a country ("Darfur" -> ``SDN``) when the lexicon has no entry;
- ``role_of("militia")`` -> ``UAF``: the CAMEO type code of a role word or lemma, including the
  head-only words of roles.tsv ("leader", "spokesman") that need a head-noun position to code;
- ``compose(country, role)`` and ``code_phrase(text)``: the lexicon's ``code_phrase``, or a role with
  the unknown country ``---`` when the phrase names no country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import tsv_rows
from ..nlp.truecase import casing_model
from .lexicon import MEMBER_WORDS, country_role, lexicon
from .lexicon import code_phrase as _lexicon_code_phrase

__all__ = ["code_phrase", "compose", "country_of", "country_role", "has_role", "role_of", "roles"]

_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")


def _main_lexicon(key: str, acronym: bool = True) -> str | None:
    """The code the actor lexicon (data/actors/) gives a name, so events and entities agree; ``acronym``: the
    capitals of a lower-case key may name a body ("cbi" -> CBI), not so for an ordinary word ("plan" is no
    PLAN, the PLA Navy)."""
    phrases = lexicon().phrases
    for form in (key, key.title(), key.upper(), key.capitalize()):
        raised = form == key.upper() != key  # the key's letters in capitals: an acronym
        for e in phrases.get(form) or ():
            if e.kind in ("country", "demonym", "capital", "region", "part"):
                return e.country if e.kind != "region" else e.code
            if e.kind in ("igo", "institution", "seat") and (acronym or not raised):
                return e.code
    return None


@lru_cache(maxsize=1)
def _region_countries() -> dict[str, str]:
    """Lower-case name of a region of the places table (data/regions.tsv) -> its country code."""
    out: dict[str, str] = {}
    for r in tsv_rows("regions.tsv"):
        if len(r) >= 3 and r[2].strip():
            for n in (r[0], *r[1].split("|")):
                n = n.strip().lower().removeprefix("the ").strip()
                if n:
                    out.setdefault(n, r[2].strip())
    return out


@lru_cache(maxsize=65536)  # pure over the static lexicon; the coder asks the same words again and again
def country_of(text: str) -> str | None:
    """The CAMEO country/region/IGO code a name or demonym stands for ("Russian" -> RUS)."""
    key = text.strip().lower().removeprefix("the ").strip()
    if not key:
        return None
    forms = [k for k in (key, key[:-2] if key.endswith("'s") else "", key[:-1] if key.endswith("s") else "") if k]
    # an ordinary word in lower case is no acronym ("the plan"); written in capitals it may be ("PLAN")
    acronym = text.strip().isupper() or key not in casing_model().ordinary
    for k in forms:  # "Palestinians", "Serbs", "Iran's"
        code = _main_lexicon(k, acronym)
        if code:
            return code
    regions = _region_countries()
    for k in forms:
        if k in regions:
            return regions[k]
    return None


@lru_cache(maxsize=65536)
def role_of(lemma: str) -> str | None:
    """The CAMEO type code of a role word or lemma ("police" -> COP), or None."""
    words = lemma.lower().replace("-", " ").split()  # "director-general" as "director general"
    if not words:
        return None
    table = lexicon().head_words
    *first, last = words
    # the table lists the forms news use ("inhabitants", "forces"); a lemma is singular
    for form in (last, last + "s", last + "es", last[:-1] + "ies" if last.endswith("y") else ""):
        if form and " ".join([*first, form]) in table:
            return table[" ".join([*first, form])]
    if first and (last in MEMBER_WORDS or last + "s" in MEMBER_WORDS):
        return role_of(" ".join(first))  # "cid official": a member of the police is police
    return None


def roles(code: str | None) -> list[str]:
    """The type codes after an actor code's country, in order ("INDCOP" -> ["COP"], "GBRGOVHLH" -> ["GOV", "HLH"],
    "---MIL" -> ["MIL"]; a bare country, none)."""
    code = code or ""
    return [code[i:i + 3] for i in range(3, len(code), 3)]


def has_role(code: str | None, role: str) -> bool:
    """Whether an actor code has the type ``role`` ("INDCOP", "---COP": COP)."""
    return role in roles(code)


def compose(country: str | None, role: str | None) -> str | None:
    """Country + role ("RUS" + "MIL" -> RUSMIL); the country alone; "---" + role; or None."""
    if country and role:
        if len(country) > 3:  # already a full code (IGOUNO, RUSGOV): keep it
            return country
        return country + role
    if country:
        return country
    if role:
        return "---" + role
    return None


@lru_cache(maxsize=65536)
def code_phrase(text: str) -> str | None:
    """Code a short noun phrase: "the Georgian army" -> GEOMIL (the lexicon's ``code_phrase``); a role
    with no country gives "---" + role ("the rebels" -> ---REB)."""
    code = _lexicon_code_phrase(text)
    if code:
        return code
    words = [w.lower() for w in _WORD.findall(text)]
    for n in (2, 1):
        if len(words) >= n:
            last = words[-n:]
            r = role_of(" ".join(last))
            if r is None and last[-1].endswith("s"):
                r = role_of(" ".join([*last[:-1], last[-1][:-1]]))
            if r:
                return compose(None, r)
    return None
