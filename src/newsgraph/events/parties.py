"""Who takes part in an event: the actor a noun phrase stands for, and the subjects and objects of a verb.

``PartyFinder`` holds what one article's coding needs to resolve parties: the entity at each token
(from the entity stage), spaCy's entity spans, the compound subject last seen ("the two", "both")
and the mention layer's index (a pronoun's parties are those of the phrase it refers back to).  A
phrase the entity stage leaves uncoded is coded from its words by ``actors.compose`` (country + role
words), except a name whose code the entity stage withheld (actors/provenance.py): that abstention stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..actors import code_phrase as lexicon_code_phrase
from ..actors import compose as _actors
from ..actors.coding import SPOKES
from ..actors.context import country_context
from ..actors.provenance import WITHHELD
from ..mentions import mention_index
from ..model import Entity, EntityRef
from ..nlp.quotes.marks import MARKS
from ..nlp.spacy_model import tokens
from ..registry import Context
from .patterns import Pattern, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PARTY_HOW", "PARTY_VIA", "QUANTITY", "TARGET_PREPS", "Party", "PartyFinder", "tagged"]

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

_RELATIVE = {"who", "which", "that", "whom", "whose"}
_GROUP_WORDS = {"two", "both", "sides", "side", "parties", "countries", "nations", "leaders", "neighbours",
                "neighbors"}
_SUBJ = {"nsubj", "csubj"}
# Named entities the lexicons leave uncoded (fictional or unknown actors) still take part in events,
# with a null actor code.
_UNCODED_PARTIES = True
_NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_DEFINITE = {"the", "this", "these", "its", "their", "his", "her", "our"}
QUANTITY = {"hundred", "thousand", "dozen", "million", "score", "number", "some", "many", "most", "tens",
             "hundreds", "thousands", "dozens", "millions", "all", "several", "few",
             # loads of people: "vanloads of policemen", "busloads of supporters"
             "vanload", "truckload", "busload", "lorryload", "carload", "jeepload", "boatload"}
_ALLEGIANCE = {"loyal", "allied", "linked", "affiliated", "aligned", "tied"}  # "militants loyal to X"
# a person or part speaking for a body: "a spokesperson of the state police", "sources in the police"
_MEMBER_WORDS = {"member", "leader", "group", "team", "delegation", "official", "head", "chief",
                 "supporter", "faction", "wing", "unit", "source", *SPOKES}
# units and members of a force: "three companies of the SRP", "a column of the army", "jawans of the
# CRPF" stand for the force itself
# (only when the "of" phrase is police or armed forces: "a company of investors" stays a company)
_UNIT_WORDS = {"company", "battalion", "contingent", "column", "platoon", "detachment", "posse", "squad",
               "jawan", "personnel"}  # "5,000 jawans of the CRPF": the members of a force
_UNIT_ROLES = ("COP", "MIL")
# object-control verbs whose complement happened, done by the object ("the mob forced the police to
# retreat", "prompting the police to open fire"): the object is the complement's subject
_MADE_TO = {"force", "compel", "prompt", "oblige", "drive", "push"}
TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "upon", "for", "between",
                 "from")


# the characters of quotation marks, mojibake ones included ("â€œ", "â€\ufffd"): a token made only of
# them is a mark the parser took for a word ("...,â€ said a police officer": "â€" as a subject)
_MARK_CHARS = frozenset(MARKS) | {"\ufffd", "\u20ac"}


def _elect(t: Token) -> bool:
    """"-elect" after a title ("President-elect", "prime minister-elect"): chosen, not yet in office."""
    low = t.lower_
    if low.endswith("-elect"):
        return not low.startswith("re")  # "re-elect" is a verb
    if low != "elect" or t.i == 0:
        return False
    before = t.doc[t.i - 1]
    return before.text in ("-", "\u2011", "\u2013") or (before.pos_ in ("NOUN", "PROPN") and not before.whitespace_)


def _is_mark(t: Token) -> bool:
    return all(ch in _MARK_CHARS for ch in t.text)


# occasions that never stand for the people at them (unlike a "camp", a "service" or a "convention")
_OCCASIONS = frozenset({"ceremony", "festival", "celebration", "event", "seminar", "workshop", "funeral"})


def _gathering(lemma: str) -> bool:
    """Whether a common noun names a gathering (the ``meeting`` class of ``data/event_arg_words.tsv``: a
    summit, talks, a conference) or a festive occasion, which takes place but acts on no one."""
    from .argclass import word_classes  # argclass reads this module: imported at call time

    return "meeting" in word_classes().get(lemma, frozenset()) or lemma in _OCCASIONS


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



class PartyFinder:
    """Resolves the parties of events in one article (state: entities by token, the mention layer's
    antecedents, the last compound subject)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.article.text
        self.lex = lexicon()
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
                    self.tok_entity.setdefault(i, e)
        self.spacy_ent: dict[int, Any] = {}
        for ent in self.doc.ents:
            for i in range(ent.start, ent.end):
                self.spacy_ent[i] = ent
        self.recent_group: list[Party] = []  # the last compound subject, for "the two", "both"
        self.sentence_no = 0  # the sentence being coded, and the police source of the last act coded
        self.last_police_act: tuple[int, Party] | None = None  # (its sentence, the police), events/implied.py
        self.mentions = mention_index(ctx)
        self._party_cache: dict[int, list[Party]] = {}
        self._busy: set[int] = set()

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
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
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
        if h.pos_ == "PRON" or low in _RELATIVE:
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
                    c = self._code_text(ent_span.text)
            if c:
                if len(c) > 3:
                    return self._party(c, entity_id, name, h, toks)
                country = c
        if country is None and h.lemma_.lower() in _UNIT_WORDS:
            unit = self._unit_of(h, toks)
            if unit is not None:
                return unit
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
        role = self._role(toks, h)
        if role:
            local = _actors.country_role([t.lower_ for t in toks], country or self.context_country)
        else:  # a word that is a role only in one country ("the inspector" of an Indian story): the head's
            local = _actors.country_role([t.lower_ for t in toks if h.i - 2 <= t.i <= h.i],
                                         country or self.context_country)
        role = local or role  # "the para-military forces" of an Indian story: its central armed police
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
                    if sub is not None and sub.actor and any(
                            sub.actor[i:i + 3] in _UNIT_ROLES for i in range(3, len(sub.actor), 3)):
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
        names = [t for t in toks if t.dep_ not in ("det",) and not t.is_punct]
        a = min((t.idx for t in names), default=h.idx)
        b = max((t.idx + len(t.text) for t in names), default=h.idx + len(h.text))
        how = "uncoded" if not code else "entity" if entity else "words"
        return Party(code, entity, name or self.text[a:b], a, b, h.i, how)

    def parties(self, h: Token | None) -> list[Party]:
        """Actors a noun phrase head stands for: itself and its conjuncts; pronouns resolved."""
        if h is None:
            return []
        if h.i in self._party_cache:
            return self._party_cache[h.i]
        if h.i in self._busy:
            return []
        self._busy.add(h.i)
        try:
            out = self._parties(h)
        finally:
            self._busy.discard(h.i)
        self._party_cache[h.i] = out
        return out

    def _parties(self, h: Token) -> list[Party]:
        out: list[Party] = []
        low = h.text.lower()
        if h.pos_ == "PRON" or low in _RELATIVE:
            out = self._resolve(h)
        elif h.lemma_.lower() in _GROUP_WORDS and not self._head_party(h):
            out = tagged(self.recent_group, how="group") if self._is_group_phrase(h) else []
        elif h.pos_ == "NOUN" and h.i not in self.tok_entity and _gathering(h.lemma_.lower()):
            out = []  # "met at the Copenhagen climate talks": a meeting or an occasion is no actor
        elif h.pos_ == "NUM" or h.lemma_.lower() in QUANTITY:
            for c in h.children:  # "hundreds of UN troops", "a group of Moroccan diplomats"
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            out = list(self.parties(pobj))
        else:
            hp = self._head_party(h)
            if h.pos_ in ("NOUN", "PROPN") and h.i not in self.tok_entity and (
                    hp is None or not hp.actor or hp.actor.startswith("---")):
                ref = self._referent(h)  # "the Prime Minister": the named person it refers back to
                hp = replace(ref, how="referent") if ref is not None else hp
            if hp is not None and hp.actor and hp.actor.startswith("---") and self.context_country \
                    and self._bare_role(h):
                # a bare role ("the government") in an article whose country is clear: that country's
                hp = Party(self.context_country + hp.actor[3:], hp.entity, hp.name, hp.start, hp.end, hp.token,
                           "context")
            if hp is not None:
                out.append(hp)
        for c in h.children:
            listed = c.dep_ == "appos" and any(cc.dep_ == "conj" for cc in c.children)
            if (c.dep_ == "conj" or listed) and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.extend(x for x in self.parties(c) if x not in out)
        return out

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

    def _bare_role(self, h: Token) -> bool:
        """Whether ``h`` heads a bare role phrase: a role word ("the government", "the Prime
        Minister", "the Planning Minister") with no possessor ("the North's minister") and no other
        name in front of it (a capitalised portfolio word names nothing: neither the entity stage nor
        the NER sees a person, place or group in it)."""
        if _actors.role_of(h.lemma_.lower()) is None:
            return False
        for c in h.children:
            if c.i < h.i and c.dep_ == "poss" and (c.pos_ != "PRON" or self.mentions.actor_at(c.i)):
                return False  # "his party" whose owner has no country stays bare
            if c.i < h.i and c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and _actors.role_of(
                    f"{c.lemma_.lower()} {h.lemma_.lower()}") is None and self._names_something(c):
                return False
        return True

    def _names_something(self, t: Token) -> bool:
        """Whether token ``t`` is part of a name: an entity of the entity stage or a NER person,
        place or group."""
        return t.i in self.tok_entity or t.ent_type_ in ("PERSON", "GPE", "NORP", "LOC", "FAC")

    def _referent(self, h: Token) -> Party | None:
        """The entity the mention layer resolves a role noun to ("the senator" -> Jane Doe), as a
        party over the role noun's phrase, when that entity has an actor or country code."""
        eid = self.mentions.antecedent(h.i)
        e = self.mentions.entity(eid) if eid else None
        code = self._entity_code(e) if e is not None else None
        if e is None or not code:
            return None
        return self._party(code, e.id, e.name, h, self._np_tokens(h))

    def _is_group_phrase(self, h: Token) -> bool:
        words = {t.lemma_.lower() for t in h.subtree}
        return bool(words & {"two", "both"}) or h.lemma_.lower() in ("side", "party")

    def _resolve(self, h: Token) -> list[Party]:
        low = h.text.lower()
        if low in _RELATIVE:
            head = h.head
            for _ in range(8):
                if head.dep_ == "relcl":
                    return tagged(self.parties(head.head), how="relative")
                if head.head.i == head.i or not (head.dep_ == "acl" or head.pos_ in ("VERB", "AUX")):
                    break
                head = head.head
            return []
        ante = self.mentions.antecedent_token(h.i)  # personal pronouns: the mention layer's antecedent
        return tagged(self.parties(self.doc[ante]), how="pronoun") if ante is not None else []

    # ---- arguments of a verb
    def subjects(self, v: Token, depth: int = 0) -> tuple[list[Party], bool]:
        """(sources, passive) of verb ``v``; inherited along xcomp/conj/advcl when missing (``via``: a
        passive's agent ``agent``, a relative clause's noun ``relcl``, a conjunct's or an adverbial clause's
        subject ``inherited``; an infinitive's controller stays ``own``)."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return tagged(self.parties(p), via="agent"), True
            for c in v.children:  # "a mortar bomb was fired at it from Gaza"
                if c.dep_ == "prep" and c.lemma_ == "from":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return tagged(self.parties(p), via="agent"), True
            return [], True
        for c in v.children:
            if c.dep_ in _SUBJ and not _is_mark(c):
                return self.parties(c), False
        if depth > 4:
            return [], False
        if v.dep_ == "relcl":
            return tagged(self.parties(v.head), via="relcl"), False
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and v.head.i != v.i:
            head = v.head
            if v.dep_ == "pcomp" and head.dep_ == "prep":
                head = head.head
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                if v.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
                    for c in head.children:  # "was pressured by X to help Y": Y's helper is the subject
                        if c.dep_ == "nsubjpass":
                            return self.parties(c), False
                if v.dep_ == "xcomp":
                    objs = [c for c in head.children if c.dep_ in ("dobj",)]
                    if objs and head.lemma_ in self.lex.frames and any(
                            f in ("appeal", "demand") for _, f in self.lex.frames[head.lemma_]):
                        return self.parties(objs[0]), False
                    if objs and head.lemma_.lower() in _MADE_TO:
                        # "forcing the police to open fire": the police opened fire
                        return self.parties(objs[0]), False
                got, was_passive = self.subjects(head, depth + 1)
                return (got if v.dep_ == "xcomp" else tagged(got, via="inherited")), was_passive
        return [], False

    def trailing_speaker(self, v: Token) -> list[Party]:
        """The speaker of a trailing attribution the parser left without a subject (a mojibake
        quotation mark taken for one does not count), when the verb's content clause comes before
        it: the noun phrase right after the verb that the parser made its object ("'...,' said a
        police officer"), else the one between the quotation's end (a closing mark or a comma) and
        the verb, which the parser hung on the quotation's last noun ("'... with eight others,'
        superintendent of police X said", the speaker an apposition of "others")."""
        if any((c.dep_ in _SUBJ or c.dep_ == "nsubjpass") and not _is_mark(c) for c in v.children) or not any(
                c.dep_ == "ccomp" and c.i < v.i for c in v.children):
            return []
        for c in v.children:  # inverted: "'...,' said a police officer", the speaker parsed as an object
            if c.i > v.i and c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("NOUN", "PROPN") \
                    and all(t.dep_ in ("det", "amod", "compound") for t in self.doc[v.i + 1:c.i]):
                return self.parties(c)
        j = v.i - 1
        while j > v.sent.start and self.doc[j].pos_ in ("ADV", "AUX", "PART"):
            j -= 1
        last = self.doc[j]
        if last.pos_ not in ("NOUN", "PROPN"):
            return []
        edge = next((k for k in range(j - 1, v.sent.start - 1, -1)
                     if self.doc[k].is_punct and self.doc[k].text not in "()-"), None)
        if edge is None:
            return []
        head = last
        while head.head.i != head.i and edge < head.head.i < v.i:
            head = head.head
        return self.parties(head)

    def objects(self, v: Token, pat: Pattern | None) -> list[Party]:
        passive = any(c.dep_ == "nsubjpass" for c in v.children)
        out: list[Party] = []
        if passive:
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    out = self.parties(c)
            if out:
                return out
        for c in v.children:
            if c.dep_ in ("dobj", "dative", "attr", "oprd"):
                ps = self.parties(c)
                if ps:
                    return ps
        ps = self._complement_object(v)
        if ps:
            return ps
        prefer: list[str] = []
        if pat and pat.prt:
            prefer.append(pat.prt)
        prefer.extend(TARGET_PREPS)
        preps = [c for c in v.children if c.dep_ in ("prep", "dative", "prt")]
        for want in prefer:
            for c in preps:
                if c.lemma_.lower() != want:
                    continue
                if want == "from" and not (pat and ("recv" in pat.flags or "from" in pat.flags)):
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        ps = self.parties(p)
                        if ps:
                            return ps
        # the object is a thing: its target, owner or "of" complement ("the sanctions on Iran",
        # "Turkey's efforts", "the U.S. policy")
        for c in v.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                ps = self.thing_target(c, pat, places=False) or self.modifier_parties(c) \
                    or self.thing_target(c, pat, places=True)
                if ps:
                    return ps
        if pat and "place" in pat.flags:
            for c in preps:
                if c.lemma_ in ("in", "to"):
                    for p in c.children:
                        ps = self.parties(p) if p.dep_ == "pobj" else []
                        if ps:
                            return ps
        return []

    def _complement_object(self, v: Token) -> list[Party]:
        """The object the parser hangs on a non-finite complement as its subject: "demanded the
        government to release them", "called for the minister to resign", "sued the state alleging
        fraud" (the noun after the verb, before a to-infinitive or gerund without "that")."""
        for c in v.children:
            if c.dep_ != "ccomp" or c.i < v.i or any(m.dep_ == "mark" for m in c.children):
                continue
            infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            if not (infinitive or c.tag_ == "VBG"):
                continue
            for n in c.children:
                if n.dep_ == "nsubj" and v.i < n.i < c.i:
                    return self.parties(n)
        return []

    def thing_target(self, n: Token, pat: Pattern | None, *, places: bool = False) -> list[Party]:
        """The party a non-actor object is aimed at: "lift the sanctions on Iran"; with ``places``,
        where it is: "re-examine the refineries in Iran"."""
        wanted = ["on", "against", "to", "toward", "towards", "with", "for"]
        if places:
            if pat is not None and "sym" in pat.flags:
                return []
            wanted = ["in", "at"]
        for want in wanted:
            for c in n.children:
                if c.dep_ == "prep" and c.lemma_.lower() == want:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            ps = self.parties(p) or self.modifier_parties(p)
                            if ps:
                                return ps
        return []

    def modifier_parties(self, n: Token) -> list[Party]:
        """Actors modifying a thing: "Turkey's efforts", "a U.S. request", "welfare of Libyans"."""
        for c in n.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < n.i:
                ps = self.parties(c)
                if ps:
                    return ps
        for c in n.children:
            if c.dep_ == "prep" and c.lemma_ in ("of", "by"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        ps = self.parties(p)
                        if ps:
                            return ps
        return []
