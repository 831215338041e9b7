"""Role nouns: "the senator", "the officer", "the ministry", "the company" refer back to the
last entity mentioned before them that is of a compatible kind.

Compatibility comes from data/mentions/role_nouns.tsv: a person is compatible with "the
senator" when "senator" (or "Sen.") stands in a title or description next to its name or in
its lexicon office; an organisation with "the ministry" when its name contains "Ministry",
with "the company" when its name has a company word or its actor code ends in BUS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..datafiles import tsv_dicts

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Entity

# abbreviated titles, lower-cased without the full stop
ABBREVIATIONS: dict[str, str] = {
    "sen": "senator", "rep": "representative", "gov": "governor", "pres": "president", "gen": "general",
    "sgt": "sergeant", "lt": "lieutenant", "col": "colonel", "capt": "captain", "det": "detective",
    "insp": "inspector", "amb": "ambassador", "sec": "secretary", "supt": "superintendent", "adm": "admiral",
}

DETERMINERS = frozenset({"the", "this", "that"})


@dataclass(frozen=True)
class RoleNoun:
    noun: str
    type: str  # PERSON or ORG
    words: frozenset[str]
    roles: frozenset[str]


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, RoleNoun]:
    """{noun: RoleNoun} from data/mentions/role_nouns.tsv."""
    out: dict[str, RoleNoun] = {}
    for r in tsv_dicts("mentions", "role_nouns.tsv"):
        words = frozenset(w for w in r["words"].split("|") if w)
        roles = frozenset(w for w in r["roles"].split("|") if w)
        out[r["noun"]] = RoleNoun(r["noun"], r["type"], words | {r["noun"]}, roles)
    return out


def title_word(word: str) -> str:
    """A title word normalised: lower case, no full stop, abbreviations spelled out ("Sen." -> "senator")."""
    w = word.lower().rstrip(".")
    return ABBREVIATIONS.get(w, w)


def role_noun(tok: Token) -> RoleNoun | None:
    """The role noun a token heads when it is a definite, unnamed reference ("the senator")."""
    if tok.pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS"):
        return None
    rn = role_nouns().get(tok.lemma_.lower()) or role_nouns().get(tok.lower_)
    if rn is None:
        return None
    det = [c for c in tok.children if c.dep_ == "det"]
    if not det or det[0].lower_ not in DETERMINERS:
        return None
    for c in tok.children:  # "the senator, Jane Doe," / "the company Acme": the name says who
        if c.dep_ in ("appos", "compound", "flat") and c.pos_ == "PROPN":
            return None
    if tok.dep_ == "compound":  # "the company's shares" is fine, "the senator Doe" is a title
        return None
    return rn


def compatible(rn: RoleNoun, ent: Entity, words: frozenset[str]) -> bool:
    """True when ``ent`` (with title ``words`` collected around its mentions) fits the role noun."""
    if rn.type == "PERSON":
        if ent.type != "PERSON":
            return False
        if words & rn.words:
            return True
    else:
        if ent.type not in ("ORG", "FAC"):
            return False
        name = {title_word(w) for w in ent.name.replace(",", " ").split()}
        if name & rn.words:
            return True
    code = ent.actor or ""
    return bool(rn.roles) and len(code) > 3 and any(code.endswith(r) for r in rn.roles)
