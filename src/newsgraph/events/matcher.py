"""Trigger lookup: which lexicon pattern a verb or an event noun matches on the parse (a verb with its
particle or object, an event noun with its modifiers, an event noun inside a container noun), a sense
with argument tests matching only when the parse's arguments are of the classes it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .argclass import ArgClasser
from .parties import QUANTITY, PartyFinder
from .patterns import Pattern
from .walk import hyphened

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Matcher"]


class Matcher(PartyFinder):
    """The party finder plus trigger lookup: which lexicon pattern a verb or noun matches (a sense
    with argument tests matches only when the parse's arguments are of the classes it names)."""

    @property
    def argc(self) -> ArgClasser:
        got: ArgClasser | None = getattr(self, "_argc", None)
        if got is None:
            got = self._argc = ArgClasser(self)
        return got

    # ---- trigger lookup
    def _obj_keys(self, v: Token) -> set[str]:
        keys: set[str] = set()
        for c in v.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "prep"):
                heads = [c]
                if c.dep_ == "prep":
                    heads = [p for p in c.children if p.dep_ == "pobj"]
                for h in heads:
                    keys |= self._noun_keys(h)
                    for cc in h.children:
                        if cc.dep_ == "conj":
                            keys |= self._noun_keys(cc)
                        elif cc.dep_ == "amod" and cc.i == v.i + 1:
                            keys.add(cc.lemma_.lower())  # "shot dead 98 rioters": a result, parsed as a modifier
            if c.dep_ == "acomp":
                keys.add(c.lemma_.lower())
        return keys

    def _noun_keys(self, h: Token) -> set[str]:
        lem = h.lemma_.lower()
        keys = {lem, h.text.lower(), *hyphened(h)}
        mods = [c for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i]
        for m in mods:  # "the ceasefire agreement", "mediation efforts"
            if m.dep_ == "compound" and m.pos_ == "NOUN":
                keys.add(m.lemma_.lower())
        if lem in self.lex.containers or h.pos_ == "NUM" or lem in QUANTITY:
            for c in h.children:  # "700 kg of medicine", "$50,000 worth of goods"
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            keys |= self._noun_keys(p)
        if mods:
            words = [m.lemma_.lower() for m in mods]
            keys.add(" ".join([*words, lem]))
            keys.add(" ".join([*words[-1:], lem]))
            keys.add(" ".join([*[m.text.lower() for m in mods], lem]))
        for c in h.children:
            if c.dep_ == "prep" and c.lemma_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        keys.add(f"{lem} of {p.lemma_.lower()}")
                        pm = " ".join(t.lemma_.lower() for t in p.subtree if t.dep_ in ("compound", "amod"))
                        if pm:
                            keys.add(f"{lem} of {pm} {p.lemma_.lower()}")
        return keys

    def _has_prt(self, v: Token, prt: str, alone: bool = False) -> bool:
        """Whether ``v`` has the particle or preposition ``prt``; ``alone``: a particle only, not a preposition
        with its own object ("give in" is not "gave a speech in the hall")."""
        for c in v.children:
            if c.dep_ in ("prt", "prep", "agent", "dative") and c.lemma_.lower() == prt:
                if c.dep_ == "prep" and any(p.ent_type_ in ("DATE", "TIME") for p in c.children):
                    continue  # "agreed on Saturday" is not "agreed on"
                if alone and any(p.dep_ == "pobj" for p in c.children):
                    continue
                return True
            if c.dep_ == "advmod" and c.i == v.i + 1 and c.lower_ == prt:
                return True  # "hit back at", parsed as an adverb
        return v.i + 1 < len(self.doc) and self.doc[v.i + 1].lower_ == prt and self.doc[v.i + 1].dep_ == "prt"

    def verb_pattern(self, v: Token) -> Pattern | None:
        pats = None
        for whole in hyphened(v):  # "lathi-charged", split by the tokenizer: the whole word first
            pats = pats or self.lex.verbs.get(whole)
        pats = pats or self.lex.verbs.get(v.lemma_.lower()) or self.lex.verbs.get(v.text.lower())
        if not pats:
            return None
        keys: set[str] | None = None
        for p in pats:
            if p.prt and not self._has_prt(v, p.prt, "particle" in p.flags):
                continue
            if p.obj:
                if keys is None:
                    keys = self._obj_keys(v)
                if p.obj not in keys:
                    continue
            if "obj" in p.flags and not self.objects(v, p):
                continue
            if p.args and not self.argc.meets(p.args, v, noun=False, prt=p.prt):
                continue
            return p
        return None

    def noun_pattern(self, n: Token) -> Pattern | None:
        pats = None
        for whole in hyphened(n):  # "a lathi-charge", split by the tokenizer
            pats = pats or self.lex.nouns.get(whole)
        pats = pats or self.lex.nouns.get(n.lemma_.lower()) or self.lex.nouns.get(n.text.lower())
        if not pats and n.lemma_.lower() in self.lex.containers:
            # "a mediation effort", "an aid package", "1,000 tons of grain": the inner event noun
            for c in n.children:
                if (c.dep_ == "compound" and c.pos_ == "NOUN") or (c.dep_ == "prep" and c.lemma_ == "of"):
                    inner = c if c.dep_ == "compound" else next(
                        (p for p in c.children if p.dep_ == "pobj"), None)
                    if inner is not None and inner.lemma_.lower() in self.lex.nouns:
                        p = self.noun_pattern(inner)
                        if p is not None:
                            return p
            return None
        if not pats:
            return None
        keys = self._noun_keys(n)
        for p in pats:
            if p.mods:
                want = " ".join([*[m for m in p.mods if not m.startswith("of ")], p.lemma])
                ofs = [m for m in p.mods if m.startswith("of ")]
                if ofs:
                    if f"{p.lemma} {ofs[0]}" not in keys:
                        continue
                    if len(p.mods) > 1 and want not in keys:
                        continue
                elif want not in keys:
                    continue
            if p.prt and not any(c.dep_ == "prep" and c.lemma_ == p.prt for c in n.children):
                continue
            if "plural" in p.flags and n.tag_ not in ("NNS", "NNPS"):
                continue
            if p.args and not self.argc.meets(p.args, n, noun=True):
                continue
            return p
        return None
