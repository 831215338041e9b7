"""Coding an organisation or facility that the NER names and the actor lexicon does not know
("Georgetown University", "Russian Defence Ministry", "Gujarat Pradesh Congress Committee"), from its head
word, the lexicon phrases inside it and the article's country context.  Used by the entity stage
(nlp/entities.py).

- An institution word at its head ("University") gives the role; a country or city name inside does not
  give the country (the context does), a demonym or a national institution does.
- Otherwise the lexicon phrases inside it code it compositionally (``code_phrase``), an ambiguous name
  among them ("Congress") read in the article's context as in title words (``phrase_entries``): an Indian
  state's "pradesh congress committee" is the Indian party's, not the U.S. Congress.
- A name with a comma in it is a list the NER ran together ("Arsenal, Real Madrid"): no code from the
  phrases inside it.
- A name that is only role words ("Parliament", "Supreme Court") is the context country's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .coding import Coded, context_fits, institution_head, phrase_entries, role_span
from .context import CountryContext, sovereign_codes
from .lexicon import code_phrase, lexicon, role_of_words


def code_org_name(names: Sequence[str], ctx: CountryContext) -> Coded | None:
    """Code an organisation or facility named by NER but not in the lexicon.

    An institution word at its head ("Georgetown University") gives its role and keeps the place
    inside from giving a country; a phrase with a country and role words codes compositionally
    ("Russian Defence Ministry" -> RUSMIL); role words alone ("Parliament", "the Supreme Court")
    take the article's country context.
    """
    lx = lexicon()
    for name in sorted(set(names), key=len, reverse=True):
        head = institution_head(name)
        words = name.split()
        if head is None or any(" ".join(words[-k:]) in lx.phrases for k in range(2, min(4, len(words)) + 1)):
            continue  # "... and Downing Street": the head word belongs to a lexicon name
        word, role = head
        if not role:  # a street, a hotel or a club is not coded as an actor
            return Coded(None, None, None, f"institution-word:{word}")
        # a demonym, a seat of government or a national institution does name the country ("American
        # University", "Westminster Abbey"); a country or city name does not ("Columbia University"):
        # then the context decides
        named = [e[0].country for k in (3, 2, 1) for i in range(len(words) - k + 1)
                 if (e := lx.phrases.get(" ".join(words[i:i + k]))) and e[0].country
                 and e[0].kind in ("demonym", "seat", "institution")]
        country = named[0] if named else ctx.country
        src = f"institution-word:{word}" + (f"+phrase:{country}" if named else f"+context:{country}" if country
                                            else "")
        return Coded((country or "---") + role, country, None, src, role)
    lookup = partial(phrase_entries, lx, ctx=ctx)  # "Congress" inside a name is read in the article's context
    for name in sorted(set(names), key=len, reverse=True):
        if "," in name:
            continue  # "Arsenal, Real Madrid": a list of names the NER ran together, not one organisation
        code = code_phrase(name, lookup)
        if code and code[:3] in lx.country_names and code[:3] not in sovereign_codes():
            continue  # "the Europe Program", "Asia Pacific Holdings": a region inside a name is not its country
        if code:
            return Coded(code, code[:3] if code[:3] in lx.country_names else None, None, f"phrase:{name}")
    for name in sorted(set(names), key=len, reverse=True):
        low = [w.lower() for w in name.split()]
        named_role = role_of_words(low)
        if named_role and ctx.country and role_span(low, lx) == (named_role, 0, len(low)) \
                and context_fits(name.split(), ctx.country, role=named_role):
            # the whole name is a role ("Parliament", "Supreme Court", "Treasury"): the context's
            return Coded(ctx.country + named_role, ctx.country, None, f"role:{name}+context:{ctx.country}", named_role)
    return None
