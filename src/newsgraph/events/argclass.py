"""The semantic class of an event's arguments, decided on the parse: what the senses of an
ambiguous trigger (``{slot:class}`` in ``data/event_patterns.tsv``) are told apart by.

A noun phrase head gets its classes from, in turn, the word classes of ``data/event_arg_words.tsv``
(documents, speech, election, money, weapons, armed forces, insults, support), spaCy's entity
label (PERSON, ORG, NORP, GPE/LOC/FAC, MONEY), the entity stage's type and the actor code of the
party it stands for (``PartyFinder.parties``: pronouns resolved by the mention layer, actor codes
from the actor lexicon).  Codes with a military, rebel, insurgent, militia or spy role make it
``armed``; a named person, ``person``; any other actor, ``org``.  A police role (``COP``, by actor
code or role word: "the police", "the constable", the ``CRPF``) also makes it ``police``, so a
word that is an act of law enforcement only when the police do it ("police searched the house",
"questioned the accused") can be told apart from the same word said of anyone else.  ``actor`` is any of these, and
``any`` is given to every argument that is there at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..actors.compose import role_of
from ..actors.compose import roles as actor_roles
from ..actors.lexicon import MEMBER_WORDS
from ..datafiles import tsv_rows
from .parties import QUANTITY
from .patterns import ArgTest, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .parties import PartyFinder

__all__ = ["PARSE_CLASSES", "ArgClasser", "word_classes"]

_ARMED_ROLES = ("MIL", "REB", "INS", "UAF", "SPY")
_POLICE_ROLE = "COP"
# the classes the parse gives (entities, actor codes, spaCy labels); the others are word classes
PARSE_CLASSES = frozenset({"person", "org", "armed", "police", "actor", "place", "money", "any"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_PART_WORDS = frozenset({"most", "much", "part", "share", "half", "portion", "bulk", "rest", "all", "some",
                         "million", "billion", "thousand", "hundred", "lot", "amount", "sum", "none",
                         # "a large quantity of weapons", "a cache of arms": what is seized is the "of" noun
                         "quantity", "cache", "haul", "stockpile", "consignment"})
_SPACY = {"PERSON": ("person",), "ORG": ("org",), "NORP": ("org",), "GPE": ("place", "org"),
          "LOC": ("place",), "FAC": ("place",), "MONEY": ("money",),
          "PERCENT": ("measure",), "CARDINAL": ("measure",), "QUANTITY": ("measure",)}
_ENTITY = {"PERSON": ("person",), "ORG": ("org",), "NORP": ("org",), "GPE": ("place", "org"),
           "LOC": ("place",), "FAC": ("place",)}
_OBJ_DEPS = ("dobj",)
_PRED_DEPS = ("oprd", "attr")
_TGT_PREPS = frozenset({"on", "against", "of", "to", "for", "with", "over", "toward", "towards"})


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """{lemma: its classes}, from ``data/event_arg_words.tsv``."""
    out: dict[str, set[str]] = {}
    for row in tsv_rows("event_arg_words.tsv", header=True):
        if len(row) >= 2 and row[0].strip():
            out.setdefault(row[0].strip().lower(), set()).add(row[1].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


class ArgClasser:
    """Classes of argument heads and the argument slots of triggers, for one article's finder."""

    def __init__(self, finder: PartyFinder) -> None:
        self.f = finder
        self.words = word_classes()
        self._cache: dict[int, frozenset[str]] = {}

    # ------------------------------------------------------------------ one noun phrase
    def classes(self, h: Token) -> frozenset[str]:
        """The classes of the noun phrase headed by ``h`` (its conjuncts included)."""
        got = self._cache.get(h.i)
        if got is None:
            self._cache[h.i] = frozenset()  # guards cycles through conjuncts
            got = self._cache[h.i] = self._classes(h)
        return got

    def _classes(self, h: Token) -> frozenset[str]:
        out: set[str] = {"any"}
        lem, low = h.lemma_.lower(), h.lower_
        out |= self.words.get(lem, frozenset()) | self.words.get(low, frozenset())
        mods = [c for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i]
        for m in mods:  # "tax return", "campaign rally", "verbal attack"
            out |= self.words.get(f"{m.lemma_.lower()} {lem}", frozenset())
        if h.ent_type_:
            out.update(_SPACY.get(h.ent_type_, ()))
        if h.tag_ == "$" or any(c.tag_ == "$" for c in h.children):
            out.add("money")
        e = self.f.tok_entity.get(h.i)
        if e is not None:
            out.update(_ENTITY.get(e.type, ()))
        if low in _PERSON_PRONOUNS:
            out.add("person")
        # the actor the phrase itself stands for: a name, a pronoun's antecedent, a role word ("the
        # army"); not a thing with an actor modifier ("New Zealand's darkest days")
        role = role_of(lem)
        if role is None and mods and mods[-1].i == h.i - 1:  # "the crime branch", "cid officials"
            role = role_of(f"{mods[-1].lemma_.lower()} {lem}")
        # a member word ("personnel", "officials") stands for the body its modifiers name, however the parser
        # hung them ("para-military and police personnel")
        stands = h.pos_ in ("PROPN", "PRON") or e is not None or role is not None or lem in MEMBER_WORDS
        if stands and lem not in _PART_WORDS:
            if role is not None:  # a role word stands for an actor even when no party is coded
                out.add("armed" if role in _ARMED_ROLES else "org")
                if role == _POLICE_ROLE:
                    out.add("police")
            for party in self.f.parties(h):
                code = party.actor or ""
                ent = self.f.tok_entity.get(party.token)  # a pronoun's antecedent, when resolved
                if ent is not None and ent.type == "PERSON":
                    out.add("person")
                roles = actor_roles(code)
                if _POLICE_ROLE in roles:
                    out.add("police")
                if any(r in _ARMED_ROLES for r in roles):
                    out.add("armed")
                elif "person" not in out:
                    out.add("org")
        if lem in _PART_WORDS or lem in QUANTITY or h.pos_ == "NUM":  # "most of the money", "$5 million of
            # it", "dozens of policemen", "vanloads of policemen" (the quantity words of the parties)
            for c in h.children:
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for p in _pobjs(c):
                        out |= self.classes(p)
        for c in h.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                out |= self.classes(c)
        if out & {"person", "org", "armed"}:
            out.add("actor")
        return frozenset(out)

    def _union(self, toks: Iterable[Token]) -> frozenset[str]:
        out: set[str] = set()
        for t in toks:
            out |= self.classes(t)
        return frozenset(out)

    # ------------------------------------------------------------------ slots of a trigger
    def verb_slot(self, v: Token, slot: str, prt: str | None) -> list[Token]:
        """The heads filling ``slot`` of verb ``v`` (see ``ArgTest``)."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        kids = list(v.children)
        if slot == "subj":
            if passive:
                return [p for c in kids if c.dep_ == "agent" for p in _pobjs(c)]
            subj = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
            if not subj and v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and v.head.i != v.i:
                return self.verb_slot(v.head, slot, None)  # "searched the house and recovered arms"
            if not subj and v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX") and v.head.i != v.i:
                # the controller of an infinitive: the object of "forced the police to camp", else the
                # subject of "the police decided to camp"
                objs = [c for c in v.head.children if c.dep_ == "dobj"]
                ctl = objs or self.verb_slot(v.head, slot, None)
                # a relative pronoun's antecedent is the parser's guess on lower-cased text: not relied on
                return [c for c in ctl if c.tag_ not in ("WP", "WDT")]
            return subj
        if slot == "obj":
            objs = [c for c in kids if c.dep_ in _OBJ_DEPS or (passive and c.dep_ == "nsubjpass")]
            if not objs and v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN"):
                objs = [v.head]  # a passive participle's noun is what it was done to: "policemen deployed at the gate"
            if prt:
                objs += [p for c in kids if c.dep_ in ("prep", "prt") and c.lemma_.lower() == prt
                         for p in _pobjs(c)]
            return objs
        if slot == "pred":
            preds = [c for c in kids if c.dep_ in _PRED_DEPS]
            for c in kids:  # "called [him a liar]" parsed as a small clause
                if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN"):
                    preds.append(c)
                elif c.dep_ in _OBJ_DEPS:  # "held [the ISI] responsible": the adjective after the object
                    preds += [a for a in c.children if a.dep_ == "amod" and a.i > c.i and a.pos_ == "ADJ"]
            return preds
        # arg: every object and prepositional object
        out = [c for c in kids if c.dep_ in (*_OBJ_DEPS, *_PRED_DEPS, "nsubjpass", "dative")]
        out += [p for c in kids if c.dep_ in ("prep", "agent") for p in _pobjs(c)]
        return out

    def noun_slot(self, n: Token, slot: str) -> list[Token]:
        """The heads filling ``slot`` of event noun ``n`` (see ``ArgTest``)."""
        src: list[Token] = []
        tgt: list[Token] = []
        mod: list[Token] = []
        for c in n.children:
            if c.dep_ == "poss":
                src.append(c)
            elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i:
                mod.append(c)
                if c.pos_ in ("PROPN", "PRON"):
                    src.append(c)
            elif c.dep_ in ("prep", "agent"):
                lem = c.lemma_.lower()
                if lem == "by":
                    src.extend(_pobjs(c))
                elif lem in _TGT_PREPS:
                    tgt.extend(_pobjs(c))
        if n.dep_ == "dobj" and n.head.lemma_.lower() in lexicon().light:
            # the object of a light verb: its subject is the act's doer ("X held a rally" = "X's rally")
            src.extend(self.verb_slot(n.head, "subj", None))
        return {"src": src, "tgt": tgt, "mod": mod}.get(slot, [*src, *tgt, *mod])

    def meets(self, tests: Iterable[ArgTest], tok: Token, *, noun: bool, prt: str | None = None) -> bool:
        """Whether trigger ``tok`` meets every argument test of a sense."""
        for t in tests:
            heads = self.noun_slot(tok, t.slot) if noun else self.verb_slot(tok, t.slot, prt)
            hit = bool(self._union(heads) & t.classes)
            if hit == t.negated:
                return False
        return True
