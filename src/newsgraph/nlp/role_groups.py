"""Nominal actors: a role noun modified by a country word ("Chinese customs", "Russian troops", "the
UK's foreign secretary") is a GROUP actor of that country and role.  Used by the entity stage
(nlp/entities.py).  A title that designates no actor here ("his remarks as British Prime Minister", a
past job "CNN's European editor between 2000 and 2008": nlp/actor_uses.py) is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors import Lexicon, role_of_words
from ..actors.coding import GOVERNING_ROLES, ORG_NOUNS
from ..actors.lexicon import sport_masked
from .actor_uses import title_designates_no_actor
from .lexicon_matches import Cand
from .name_evidence import former_before
from .spacy_model import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc


def groups_of_roles(doc: Doc, cands: list[Cand], lx: Lexicon) -> list[tuple[int, int, str, str | None]]:
    """Nominal actors: a role noun modified by a country word ("Chinese customs", "Russian troops")."""
    by_token = {}
    for c in cands:
        if c.entry is not None and c.entry.kind in ("country", "demonym", "capital", "seat", "region", "part"):
            for t in range(c.start, c.end):
                by_token[t] = c
    named = {t for c in cands if c.label in ("PERSON", "ORG") for t in range(c.start, c.end)}
    out: list[tuple[int, int, str, str | None]] = []
    for tok in tokens(doc):
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in by_token or tok.i in named:
            continue
        if (tok.i + 1 < len(doc) and tok.i + 1 in named) or tok.head.i in named:
            continue  # a title before a name ("Kremlin aide Yuri Ushakov"), not a group
        if tok.text[:1].isupper() and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() \
                and doc[tok.i + 1].lower_ in ORG_NOUNS:
            continue  # "English Premier League": the role word is inside an organisation's name
        role = lx.role_words.get(tok.lemma_.lower()) or lx.role_words.get(tok.text.lower())
        head = tok.head
        if role is not None and tok.dep_ == "compound" and head.i > tok.i and head.pos_ in ("NOUN", "PROPN") \
                and (lx.role_words.get(head.lemma_.lower()) or lx.role_words.get(head.lower_)):
            continue  # "industry minister", "defence secretary": a role word naming another role noun's brief
        if role is None or (tok.i > 0 and not sport_masked([doc[tok.i - 1].lower_, tok.lower_])[1]):
            # (no group of a sport's name: "the England rugby union side")
            continue
        start = tok.i
        country: str | None = None
        mods = list(tok.lefts)
        if tok.dep_ == "compound":  # "Chinese customs data": the country word hangs on the head
            mods += [t for t in tok.head.lefts if t.i < tok.i]
        for child in mods:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i in by_token:
                c = by_token[child.i]
                country = c.entry.country if c.entry else None
                start = min(start, c.start)
        if country is None or title_designates_no_actor(doc, start, tok.i + 1):
            continue  # "his remarks as British Prime Minister": an office, not an actor
        if any(t.text in ("(", ")", "[", "]") for t in doc[start:tok.i]):
            continue  # "the (European) Union": a bracketed word inside a name, no country's group
        # take compound/amod words between the country word and the head ("state broadcaster")
        words = [t.text.lower() for t in doc[start:tok.i + 1]]
        role = role_of_words(words) or role
        if role in GOVERNING_ROLES and former_before(doc, start):
            role = "ELI"  # "who until recently was the UK's foreign secretary": an office no longer held
        out.append((start, tok.i + 1, country + role, country))
    return out
