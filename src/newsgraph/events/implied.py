"""Agents the text implies but does not name, for acts of law enforcement (police events).

Two mechanisms, both read only when a candidate event has no source:

- **Implied agent** (``I`` rows of ``data/event_patterns.tsv``: trigger lemma, code prefix, actor):
  an arrest or detention told without its agent ("over 50 persons were arrested", "the arrests
  were made on Tuesday") is an act of the police; its source is coded ``---COP`` (police, country
  unknown) and the Event's source carries no name or span, since no words say it.
- **Agent in a cause phrase**: a passive act of force with no ``by`` agent whose clause names the
  act that caused it ("three were killed in police firing", "injured in a lathi charge by the
  police"): the parties of that event noun's modifiers (``police`` in "police firing") or of its
  own ``by`` phrase are the source; so are the subject of an act of force in a clause of the passive
  one ("one was killed when the police fired").

A pattern flagged ``victim`` ("die") is coded only with such a cause phrase: its subject is the
target, the cause's actor the source.

- **The police in charge of the story**: an act of law enforcement (an investigation, a show of force,
  coercion: seizures, curfews, arrests, expulsions, repression, movement restricted) told without its
  agent (property destroyed, 1712, is not one; nor is a word of several senses, a ``weak`` pattern),
  where the police are the story's running agent, is theirs: the police the mention layer finds
  acting last, in the act's sentence or the four before (``MentionIndex.running_agent``: "the police
  reached the village ... the crowd was dispersed"), else the police source of the coder's last act
  in that window ("17 men were arrested (by the police, implied). They were deported to X").  It comes
  before the implied ``---COP`` of the ``I`` rows, so the police named in the story are the source.

None of them supplies a doer for an act not told as done (``candidate.UNSURE``: advised, conditional,
hypothetical: "they should be arrested").

Both are small and separate from the trigger matching so that the pattern table stays the one
place that says which words are arrests or force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.compose import has_role
from ..model import EntityRef
from .argclass import word_classes
from .cameo import FORCE_ROOTS
from .candidate import UNSURE, Candidate
from .parties import Party, PartyFinder
from .patterns import Lexicon, Pattern
from .walk import hyphened

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ImpliedParty", "running_police", "supply_source"]

_CAUSE_PREPS = ("in", "during")
_CAUSE_MARKS = ("when", "as", "after")  # "was killed when the police fired"
# an implied source is weaker evidence than a named one: the event loses half of what a missing source
# costs in selection.pair_confidence (0.2), so a plain agentless arrest is still kept (0.5) while one in
# a subordinate clause next to a stronger event is left out by the emission policy
IMPLIED_PENALTY = 0.1
# what a "weak" pattern loses in triggers (0.15), given back when a cause phrase names the act of force
WEAK_SETTLED = 0.15


class ImpliedParty(Party):
    """A source no words name: an actor code without a name or span."""

    __slots__ = ()

    def ref(self) -> EntityRef:
        return EntityRef(None, self.actor or None, None, None, None)


def _force(pats: list[Pattern] | None) -> bool:
    """An act of force (roots 18-20) or of violent repression (175: a lathi charge, tear gas), which can
    cause the harm a passive tells ("injured in a lathi charge")."""
    return bool(pats) and any(p.code[:2] in FORCE_ROOTS or p.code.startswith("175") for p in pats or ())


def _force_noun(n: Token, lex: Lexicon) -> bool:
    """An event noun of force, a hyphenated one the tokenizer split taken whole first ("lathi-charge")."""
    return any(_force(lex.nouns.get(w)) for w in (*hyphened(n), n.lemma_.lower()))


def _modifier_agents(n: Token, finder: PartyFinder) -> list[Party]:
    """The actors a noun's modifiers name ("police" in "police firing", "police bullets"), or its ``by`` phrase's."""
    out: list[Party] = []
    for m in n.children:  # a modifier counts when it names a kind of actor ("police", not "car")
        if m.dep_ in ("compound", "poss", "amod"):
            out.extend(p for p in finder.parties(m) if p.actor and len(p.actor) > 3)
        elif m.dep_ == "prep" and m.lemma_ == "by":
            for p in m.children:
                if p.dep_ == "pobj":
                    out.extend(finder.parties(p))
    return [p for p in out if p.actor]


def _instrument_agents(c: Candidate, finder: PartyFinder, lex: Lexicon) -> list[Party]:
    """The actor of the instrument or act named as a passive's agent: "killed by police bullets", "injured
    by a police lathi-charge" (a weapon word or a force noun whose modifier is an actor)."""
    weapons = word_classes()
    for a in c.trigger.children:
        if a.dep_ != "agent":
            continue
        for n in a.children:
            if n.dep_ != "pobj":
                continue
            if _force_noun(n, lex):
                found = _modifier_agents(n, finder)
            elif "weapon" in weapons.get(n.lemma_.lower(), ()):
                # the kind of weapon ("police bullets"), not its owner ("shot by his own rifle by a mob")
                found = [p for m in n.children if m.dep_ in ("compound", "amod")
                         for p in finder.parties(m) if p.actor and len(p.actor) > 3]
            else:
                continue
            if found:
                return found
    return []


def _agentless(t: Token) -> bool:
    """A passive verb without a ``by`` agent, or an event noun without a possessor, compound or
    ``by`` phrase naming who acted."""
    if t.pos_ in ("NOUN", "PROPN"):
        # an instrument compound names no one: "a lathi charge", "a baton charge"
        weapons = word_classes()
        return not any((c.dep_ in ("poss", "compound", "agent") and "weapon" not in weapons.get(c.lemma_.lower(), ()))
                       or (c.dep_ == "prep" and c.lemma_ == "by") for c in t.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children) or (
        t.tag_ == "VBN" and t.dep_ in ("acl", "amod", "relcl"))
    return passive and not any(c.dep_ == "agent" for c in t.children)


def _cause_agents(c: Candidate, finder: PartyFinder, lex: Lexicon) -> list[Party]:
    """Parties of the event noun in "killed in police firing" (its modifiers or its by-phrase)."""
    for prep in c.trigger.children:
        if prep.dep_ != "prep" or prep.lemma_ not in _CAUSE_PREPS:
            continue
        for n in prep.children:
            if n.dep_ == "pcomp" and n.tag_ == "VBG" and _force(lex.verbs.get(n.lemma_.lower())):
                # "in police firing" parsed as a clause: "police" the subject of "firing"
                acting = [p for c in n.children if c.dep_ == "nsubj" for p in finder.parties(c)
                          if p.actor and len(p.actor) > 3]
                if acting:
                    return acting
            if n.dep_ != "pobj":
                continue
            # "in police firing" parsed as "police" + a participle: the actor itself acted
            if any(a.dep_ == "acl" and a.tag_ == "VBG" and _force(lex.verbs.get(a.lemma_.lower()))
                   for a in n.children):
                acting = [p for p in finder.parties(n) if p.actor and len(p.actor) > 3]
                if acting:
                    return acting
            if not _force_noun(n, lex):
                continue
            out = _modifier_agents(n, finder)
            if out:
                return out
    return _clause_agents(c, finder, lex)


def _clause_agents(c: Candidate, finder: PartyFinder, lex: Lexicon) -> list[Party]:
    """The actor of an act of force told in a clause of the passive one: "one was killed when the
    police fired", and "killed in police firing" split by the parser into "in police" + a clause
    "firing" (the participle right after the preposition's object)."""
    preps = {p.i: p for p in c.trigger.children if p.dep_ == "prep" and p.lemma_ in _CAUSE_PREPS}
    for v in c.trigger.children:
        if v.dep_ != "advcl" or not _force(lex.verbs.get(v.lemma_.lower())):
            continue
        if any(m.dep_ in ("mark", "advmod") and m.lemma_ in _CAUSE_MARKS for m in v.children):
            acting = [p for s in v.children if s.dep_ == "nsubj" for p in finder.parties(s)
                      if p.actor and len(p.actor) > 3]
            if acting:
                return acting
        if v.tag_ == "VBG":
            for prep in preps.values():
                for n in prep.children:
                    if n.dep_ == "pobj" and n.i + 1 == v.i:
                        acting = [p for p in finder.parties(n) if p.actor and len(p.actor) > 3]
                        if acting:
                            return acting
    return []


# acts of law enforcement: investigating a crime, force posture, coercion, restricting movement
_ENFORCEMENT = ("091", "15", "17", "191")
_NOT_ENFORCEMENT = ("1712",)  # property destroyed (arson, torching): what rioters do, not the police
RUNNING_WINDOW = 4  # sentences back in which the police's last act keeps them in charge of the story


def _police(p: Party) -> bool:
    return has_role(p.actor, "COP")


def running_police(c: Candidate, finder: PartyFinder) -> Party | None:
    """The police in charge of the story at ``c``'s trigger (see the module docstring), or None."""
    tok = finder.mentions.running_agent(c.trigger.i, RUNNING_WINDOW)
    if tok is not None:
        found = [p for p in finder.parties(finder.doc[tok]) if _police(p)]
        if found:
            return found[0]
    last = finder.last_police_act
    if last is None or finder.sentence_no - last[0] > RUNNING_WINDOW:
        return None
    if tok is not None and tok > last[1].token:
        return None  # another actor acted since: "the militants attacked the post. Curfew was imposed"
    return last[1]


def supply_source(c: Candidate, finder: PartyFinder, lex: Lexicon) -> None:
    """Give a candidate without a source the agent its wording implies (see the module docstring)."""
    if "victim" in c.flags and c.trigger.pos_ in ("VERB", "AUX"):
        # "two persons died in police firing": the subject is the victim, the cause phrase's actor
        # the source; a death told without an acting party is no event ("he died in hospital")
        agents = _cause_agents(c, finder, lex)
        c.targets = [p for p in c.sources if p.key] if agents else []
        c.sources = agents
        return
    if any(p.key for p in c.sources):
        return
    if c.modality in UNSURE:
        return  # an act not told as done ("they should be arrested", "if arrested") has no doer to imply
    if not _agentless(c.trigger):
        # an agent that is no actor may be the instrument an actor used ("killed by police bullets")
        found = _instrument_agents(c, finder, lex) if c.code[:2] in FORCE_ROOTS else []
        if found:
            c.sources = found
            if "weak" in c.flags:
                c.confidence += WEAK_SETTLED
        return
    if c.code[:2] in FORCE_ROOTS and c.trigger.pos_ in ("VERB", "AUX"):
        found = _cause_agents(c, finder, lex)
        if found:
            c.sources = found
            if "weak" in c.flags:  # the act of force that caused it settles an ambiguous word ("killed")
                c.confidence += WEAK_SETTLED
            return
    if c.code.startswith(_ENFORCEMENT) and not c.code.startswith(_NOT_ENFORCEMENT) and "weak" not in c.flags \
            and not any(_police(p) for p in c.targets):
        agent = running_police(c, finder)
        if agent is not None:
            c.sources = [agent]
            c.confidence -= IMPLIED_PENALTY
            return
    t = c.trigger
    lemmas = [t.lemma_.lower(), *hyphened(t)]  # "were lathi-charged": the whole word
    if c.nominal and t.pos_ in ("VERB", "AUX"):  # a light verb: "the arrests were made"
        lemmas += [n.lemma_.lower() for n in t.children if n.dep_ in ("nsubjpass", "dobj")]
    for lemma in lemmas:
        for prefix, actor in lex.implied.get(lemma, ()):
            if c.code.startswith(prefix) and actor:
                c.sources = [ImpliedParty(actor, None, "", t.idx, t.idx + len(t.text), t.i, "implied")]
                c.confidence -= IMPLIED_PENALTY
                return
