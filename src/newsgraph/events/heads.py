"""The actor a noun-phrase head stands for, read from its own words and the entities on them.

``HeadCoder`` holds what coding one article's phrases needs: the entity at each token (from the entity
stage), spaCy's entity spans and the article's country context.  A phrase the entity stage leaves
uncoded is coded from its words by ``actors.compose`` (country + role words, a role noun's "of"
complement, a unit or member of a force), except a name whose code the entity stage withheld
(actors/provenance.py): that abstention stands.  ``Party`` is one side of an event; which phrases are
the parties of a verb, and what a pronoun stands for, is ``parties``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..actors import code_phrase as lexicon_code_phrase
from ..actors import compose as _actors
from ..actors.coding import FORMER, GOVERNING_ROLES, SPOKES
from ..actors.context import country_context
from ..actors.provenance import WITHHELD
from ..model import Entity, EntityRef
from ..nlp.spacy_model import tokens
from ..registry import Context
from .tenure import leader_code, name_words

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT
    from spacy.tokens import Token

__all__ = ["PARTY_HOW", "PARTY_VIA", "RELATIVE", "HeadCoder", "Party", "tagged"]

PARTY_HOW = ("entity", "words", "referent", "context", "pronoun", "relative", "group", "implied", "uncoded")
PARTY_VIA = ("own", "agent", "inherited", "relcl", "trailing", "clause")


def tagged(parties: Iterable[Party], *, how: str | None = None, via: str | None = None) -> list[Party]:
    """``parties`` with ``how`` and/or ``via`` set (a pronoun's parties are its antecedent's, found another
    way)."""
    out: list[Party] = []
    for p in parties:
        if how is not None and p.how != how:
            p = replace(p, how=how)
        if via is not None and p.via != via:
            p = replace(p, via=via)
        out.append(p)
    return out

RELATIVE = {"who", "which", "that", "whom", "whose"}
# Named entities the lexicons leave uncoded (fictional or unknown actors) still take part in events,
# with a null actor code.
_UNCODED_PARTIES = True
_NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_DEFINITE = {"the", "this", "these", "its", "their", "his", "her", "our"}
_ALLEGIANCE = {"loyal", "allied", "linked", "affiliated", "aligned", "tied"}  # "militants loyal to X"
# a person or part speaking for a body: "a spokesperson of the state police", "sources in the police"
_MEMBER_WORDS = {"member", "leader", "group", "team", "delegation", "official", "officer", "head", "chief",
                 "supporter", "faction", "wing", "unit", "source", *SPOKES}
# units and members of a force: "three companies of the SRP", "a column of the army", "jawans of the
# CRPF" stand for the force itself
# (only when the "of" phrase is police or armed forces: "a company of investors" stays a company)
_UNIT_WORDS = {"company", "battalion", "contingent", "column", "platoon", "detachment", "posse", "squad",
               "jawan", "personnel",  # "5,000 jawans of the CRPF": the members of a force
               # "men of the CRPF", "sleuths of the crime branch": the force's members, police when the force is
               # ("an officer of the CBI" is a member of any body: _MEMBER_WORDS)
               "man", "sleuth",
               # parts of a force: "the special task force of the state police", "the crime branch of the
               # city police", "an anti-terror cell of the police" (the force's code, not the army's of "force")
               "force", "branch", "cell"}
_UNIT_ROLES = ("COP", "MIL")
_GROUP_NOUNS = frozenset(_MEMBER_WORDS | _UNIT_WORDS)  # a group told by what it is made of (``_made_of``)
_COMPOSED = frozenset({"comprise", "consist", "include"})  # "a team comprising / consisting of / including X"


def _elect(t: Token) -> bool:
    """"-elect" after a title ("President-elect", "prime minister-elect"): chosen, not yet in office."""
    low = t.lower_
    if low.endswith("-elect"):
        return not low.startswith("re")  # "re-elect" is a verb
    if low != "elect" or t.i == 0:
        return False
    before = t.doc[t.i - 1]
    return before.text in ("-", "\u2011", "\u2013") or (before.pos_ in ("NOUN", "PROPN") and not before.whitespace_)


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event: a code and the mention it comes from."""

    actor: str | None
    entity: str | None
    name: str
    start: int
    end: int
    token: int  # head token index in the doc
    # how the actor was found (``PARTY_HOW``): the entity stage's entity at the phrase (``entity``), the
    # phrase's words composed (country + role, ``words``), the mention layer's referent of a role noun
    # (``referent``), a bare role given the article's country (``context``), a pronoun's or a relative
    # pronoun's antecedent (``pronoun``, ``relative``), the last compound subject ("the two", ``group``),
    # an agent the text implies (``implied``), a named entity without a code (``uncoded``)
    how: str = "entity"
    # where the coder took it from (``PARTY_VIA``): the trigger's own argument (``own``), a passive's agent
    # (``agent``), the subject of another clause it shares ("met X and signed": ``inherited``), the noun a
    # relative clause modifies (``relcl``), a trailing speaker (``trailing``), the subject of the clause an
    # event noun stands in ("X's remarks angered Y": ``clause``)
    via: str = "own"

    def ref(self) -> EntityRef:
        return EntityRef(self.entity, self.actor or None, self.name, self.start, self.end)

    @property
    def key(self) -> str:
        return self.actor or "name:" + self.name


class HeadCoder:
    """Codes the noun-phrase heads of one article (state: entities by token, spaCy's entity spans, the
    article's country context)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.article.text
        self.tok_entity: dict[int, Entity] = {}
        ents: Sequence[Entity] = ctx.results.get("entities") or ()
        toks = tokens(self.doc)
        starts = {t.idx: t.i for t in toks}
        ends = {t.idx + len(t.text): t.i for t in toks}
        for e in ents:
            for m in e.mentions:
                a, b = starts.get(m.start), ends.get(m.end)
                if a is None or b is None:
                    span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is None:
                        continue
                    a, b = span.start, span.end - 1
                for i in range(a, b + 1):
                    if not toks[i].is_space:  # a blanked dateline's spaces are no mention of its place
                        self.tok_entity.setdefault(i, e)
        self.spacy_ent: dict[int, Any] = {}
        for ent in self.doc.ents:
            for i in range(ent.start, ent.end):
                self.spacy_ent[i] = ent

    # ---- actor of one noun-phrase head
    def _np_tokens(self, h: Token) -> list[Token]:
        out = [h]
        for c in h.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "npadvmod") \
                    and c.i < h.i:
                out.extend(c.subtree)
            if c.dep_ == "flat" or (c.dep_ == "appos" and c.pos_ == "PROPN"):
                out.extend(c.subtree)
        return sorted(set(out), key=lambda t: t.i)

    def _entity_code(self, e: Entity) -> str | None:
        if e.actor:
            return e.actor
        return e.country

    def _country_token(self, t: Token) -> str | None:
        e = self.tok_entity.get(t.i)
        if e is not None and (e.actor or e.country):
            return self._entity_code(e)
        if e is not None and e.type == "PERSON":
            # a person the entity stage left uncoded (a bare surname it did not link to the leader table,
            # a name inside a longer one): the coder does not look the name up again
            return None
        ent = self.spacy_ent.get(t.i)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "LOC", "FAC"):
            c = self._code_text(ent.text)
            if c:
                return c
        if t.pos_ in ("PROPN", "ADJ", "NOUN"):
            return _actors.country_of(t.text) or (_actors.country_of(t.lemma_) if t.pos_ == "NOUN" else None)
        return None

    def _leader_code_on(self, span: SpanT) -> str | None:
        """A leader-table person the entity stage left uncoded (a bare "Mr. X"), looked up again: the code of
        the office held on the article's date (ELI once every office ended, the bare country before the
        first; ``tenure.at_event_date`` re-codes it on a dated event's day), not the undated lexicon's latest
        office ("Mr. X" GOV in a story from before X took office)."""
        day = self.ctx.article.published.value[:10] if self.ctx.article.published else None
        if not day or span.label_ != "PERSON":
            return None
        return leader_code(name_words(span.text), day)

    def _code_text(self, text: str) -> str | None:
        """The code the entity stage's lexicon gives the phrase, else the coder's composition."""
        return lexicon_code_phrase(text) or _actors.country_of(text) or _actors.code_phrase(text)

    def _role(self, tokens: Iterable[Token], head: Token) -> str | None:
        tokens = list(tokens)
        if any(_elect(t) for t in tokens if t.i <= head.i):
            return None  # "President-elect X": not in office yet, so no office's role (as the entity stage)
        words = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i <= head.i]
        lemmas = [t.lemma_.lower() for t in words]
        doc, j = head.doc, head.i
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ \
                and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha:
            # a hyphenated word the parser split and headed by its first part ("the sub - inspector")
            j += 2
            lemmas.append(doc[j].lemma_.lower())
        posts = [head]
        if j == head.i and j + 1 < len(doc) and doc[j + 1].head.i == head.i and doc[j + 1].dep_ == "amod" \
                and doc[j + 1].lower_ == "general":
            # a post the parser headed by its first word, "general" its modifier and the "of" phrase hung on
            # "general": "the director general of police", "inspector general of police"
            posts.append(doc[j + 1])
            lemmas.append("general")
        for prep in (c for h in posts for c in h.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (t for c in prep.children if c.dep_ == "pobj" for t in c.subtree if t.pos_ == "NOUN"):
                # a post of an organisation: "director-general of police", "commissioner of police (R.K. X)"
                for n in (2, 1):
                    if len(lemmas) >= n and (r := _actors.role_of(" ".join([*lemmas[-n:], "of", obj.lower_]))):
                        return r
        for n in (3, 2):  # the longest pattern first: "station house officer", "police officer"
            r = _actors.role_of(" ".join(lemmas[-n:])) if len(lemmas) >= n else None
            if r:
                return r
        r = _actors.role_of(head.lemma_.lower()) or _actors.role_of(head.text.lower())
        if r:
            return r
        for t in words:  # titles: "President Michel Suleiman", "Defence Secretary Tom King"
            if t.i != head.i and head.pos_ == "PROPN":
                r = _actors.role_of(t.lemma_.lower())
                if r and t.dep_ in ("compound", "amod"):
                    return r
        return None

    def _head_party(self, h: Token) -> Party | None:
        """The actor a noun-phrase head stands for, or None when it is not an actor."""
        low = h.text.lower()
        if h.pos_ == "PRON" or low in RELATIVE:
            return None  # pronouns are resolved by parties()
        toks = self._np_tokens(h)
        head = self.tok_entity.get(h.i)
        if head is not None and (head.actor_source or "").startswith(WITHHELD):
            # the entity stage withheld this name's code: the party is named, and its words do not code it again
            return self._party("", head.id, head.name, h, toks)
        ent = None
        for t in [h, *toks]:
            e = self.tok_entity.get(t.i)
            if e is not None and (e.actor or e.country):
                ent = e
                if t.i == h.i or t.dep_ in ("compound", "flat"):
                    break
        country: str | None = None
        role: str | None = None
        entity_id: str | None = None
        name = ""
        if ent is not None and self._is_head_entity(ent, h):
            entity_id, name = ent.id, ent.name
            code = self._entity_code(ent)
            if code and len(code) > 3:
                return self._party(code, entity_id, name, h, toks)
            country = code
        if country is None and h.lemma_.lower() in _UNIT_WORDS:
            # the force a unit belongs to comes before its own words ("the Special Task Force of the state
            # police": not the "task force" its words compose)
            unit = self._unit_of(h, toks)
            if unit is not None:
                return unit
        if country is None:
            for t in toks:
                if t.i == h.i:
                    continue
                if t.dep_ in ("poss", "compound", "amod", "nmod") or t.head.dep_ in ("poss",):
                    c = self._country_token(t)
                    if c:
                        country = c
                        break
        if country is None:
            c = self._country_token(h)
            if c is None and h.ent_type_:
                ent_span = self.spacy_ent.get(h.i)
                if ent_span is not None:
                    c = self._leader_code_on(ent_span) or self._code_text(ent_span.text)
            if c:
                if len(c) > 3:
                    return self._party(c, entity_id, name, h, toks)
                country = c
        if country is None and (_actors.role_of(h.lemma_.lower()) or h.lemma_.lower() in _MEMBER_WORDS):
            # "leaders of Romania's new government", "opponents of X", "the commander in Iraq",
            # "militants loyal to X" (the prepositions of an allegiance adjective count too)
            preps = [c for c in h.children if c.dep_ == "prep" and c.lemma_ in ("of", "in", "from")]
            preps += [p for a in h.children if a.dep_ == "amod" and a.lemma_ in _ALLEGIANCE
                      for p in a.children if p.dep_ == "prep" and p.lemma_ in ("to", "with")]
            for prep in preps:
                for p in self._pobj_list(prep):
                    if p.dep_ in ("pobj", "conj"):
                        sub = self._head_party(p)
                        if sub is not None and sub.actor:
                            if h.lemma_.lower() in _MEMBER_WORDS:
                                return self._party(sub.actor, sub.entity, sub.name, h, toks)
                            country = sub.actor[:3] if sub.actor[:3] != "---" else None
                            break
        if country is None and h.lemma_.lower() in _GROUP_NOUNS:
            made = self._made_of(h, toks)  # "a team comprising officers of the city police"
            if made is not None:
                return made
        role = self._role(toks, h)
        if role:
            local = _actors.country_role([t.lower_ for t in toks], country or self.context_country)
        else:  # a word that is a role only in one country ("the inspector" of an Indian story): the head's
            local = _actors.country_role([t.lower_ for t in toks if h.i - 2 <= t.i <= h.i],
                                         country or self.context_country)
        role = local or role  # "the para-military forces" of an Indian story: its central armed police
        if role in GOVERNING_ROLES and any(t.i < h.i and (t.lower_ in FORMER or t.lower_.startswith("ex-"))
                                           for t in toks):
            role = "ELI"  # "the former president": an office no longer held (not "then-": held at the act)
        if country and len(country) > 3 and role and country.endswith(role):
            role = None
        code = _actors.compose(country, role)
        if code is None:
            return self._uncoded(h, toks)
        if country is None and entity_id is None and not code.endswith("COP") and not any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in h.children):
            # a bare role word is an actor only when definite: "the army", not "forces"; police words
            # are the exception ("police said", "policemen fired"): whoever they are, they are police
            return None
        if entity_id is None and country is None and h.ent_type_ == "PERSON":
            return None
        return self._party(code, entity_id, name, h, toks)

    @staticmethod
    def _pobj_list(prep: Token) -> list[Token]:
        """The objects of a preposition with their conjuncts, in order ("a team of the ATS, the
        town police and the GRP": the first that is an actor speaks for the team)."""
        out: list[Token] = []
        for p in prep.children:
            if p.dep_ == "pobj":
                out.append(p)
                out.extend(c for c in p.conjuncts if c.i > p.i)
        return out

    def _unit_of(self, h: Token, toks: list[Token]) -> Party | None:
        """The force a unit word belongs to ("two companies of the SRP"), when it is police or military."""
        for prep in h.children:
            if prep.dep_ == "prep" and prep.lemma_ == "of":
                for p in self._pobj_list(prep):
                    sub = self._head_party(p)
                    if sub is not None and sub.actor and any(r in _UNIT_ROLES for r in _actors.roles(sub.actor)):
                        return self._party(sub.actor, sub.entity, sub.name, h, toks)
        return None

    def _made_of(self, h: Token, toks: list[Token]) -> Party | None:
        """A group told by what it is made of ("a team comprising officers of the city police", "a squad
        consisting of CRPF jawans"): the first member that is an actor with a role speaks for the group,
        as "a team of the police" does."""
        for a in h.children:
            if a.dep_ != "acl" or a.lemma_ not in _COMPOSED:
                continue
            objs = [o for o in a.children if o.dep_ == "dobj"]
            objs += [p for prep in a.children if prep.dep_ == "prep" and prep.lemma_ == "of"
                     for p in self._pobj_list(prep)]
            for o in objs:
                for p in (o, *[c for c in o.conjuncts if c.i > o.i]):
                    sub = self._head_party(p)
                    if sub is not None and sub.actor and len(sub.actor) > 3:
                        return self._party(sub.actor, sub.entity, sub.name, h, toks)
        return None

    def _uncoded(self, h: Token, toks: list[Token]) -> Party | None:
        """A named entity the lexicons cannot code: a party without an actor code."""
        if not _UNCODED_PARTIES:
            return None
        e = self.tok_entity.get(h.i)
        if e is not None and e.type in _NAMED_TYPES:
            return self._party("", e.id, e.name, h, toks)
        ent = self.spacy_ent.get(h.i)
        if ent is not None and ent.label_ in _NAMED_TYPES and h.pos_ == "PROPN":
            return self._party("", None, ent.text, h, toks)
        return None

    def _is_head_entity(self, ent: Entity, h: Token) -> bool:
        e = self.tok_entity.get(h.i)
        if e is ent:
            return True
        # an entity among the modifiers codes the phrase only when the head is a role word or a name
        return _actors.role_of(h.lemma_.lower()) is not None or h.pos_ == "PROPN"

    def _party(self, code: str, entity: str | None, name: str, h: Token, toks: list[Token]) -> Party:
        names = [t for t in toks if t.dep_ not in ("det",) and not t.is_punct and not t.is_space]
        a = min((t.idx for t in names), default=h.idx)
        b = max((t.idx + len(t.text) for t in names), default=h.idx + len(h.text))
        how = "uncoded" if not code else "entity" if entity else "words"
        return Party(code, entity, name or self.text[a:b], a, b, h.i, how)

    @property
    def context_country(self) -> str | None:
        """The article's country when it is clear (``actors.context``: dateline, mentioned countries,
        outlet), the country the entity stage gives bare titles too; None when unclear."""
        got: tuple[str | None] | None = getattr(self, "_context", None)
        if got is None:
            ents: Sequence[Entity] = self.ctx.results.get("entities") or ()
            countries = [e.country for e in ents if e.country and not (e.actor or "").startswith("IGO")
                         for _ in e.mentions]
            art = self.ctx.article
            # as the entity stage weighs it: a "city:" dateline the lexicon does not know is placed by the gazetteer
            from ..nlp.places import place_country

            got = self._context = (country_context(self.text, countries, outlet=art.outlet, url=art.url,
                                                   resolve_place=place_country).country,)
        return got[0]
