"""CAMEO event coding on the dependency parse: the stage ``events.v1``.

For every sentence the coder finds event triggers from the pattern lexicon
(``data/event_patterns.tsv``): verbs (with a particle or object when the pattern names one),
event nouns ("telephone call", "invasion", "sanctions") and predicate adjectives ("ready to").
Then it reads the parties off the parse:

- source and target from subjects and objects, passives ("was attacked by"), prepositional
  targets ("met with Xi in Beijing"), possessives and modifiers of event nouns ("its invasion
  of Ukraine", "the sanctions imposed by the West", "U.S. sanctions");
- compound actors ("Xi and Putin") give one event for each party; symmetric events (meet,
  talk, agree) are coded both ways;
- light verbs ("held talks", "hit Russia with sanctions") take their code from the event noun;
- frame verbs compose codes: "promise to X" -> 03x, "urge T to X" -> 02x, "demand that T X"
  -> 10x, "refuse to X" -> 12x, "threaten to X" -> 13x (via the M table of the lexicon);
- reported speech codes the reported event, not the saying; an allegation ("claimed that Y
  attacked Z") codes the accusation against Y;
- negation and modality (future, conditional, intention, denial) are recorded; a negated
  intention becomes a refusal (12x); other negated events stay in the output with
  ``negated=True`` and a low confidence (consumers that count events should skip them);
- the date is the sentence's own temporal expression attached to the event's clause, else the
  publication date; background events (after "since", "over", perfect tenses) get no date;
- the place is a place name attached to the event's clause (or a visit's destination).

Actor codes come from the entity stage (``Entity.actor``) and, for phrases it leaves uncoded,
from ``actors.compose`` (country + role words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..actors import compose as _actors
from ..model import Entity, EntityRef, Event, EventDate, Place, Span, Timex
from ..registry import Context, stage
from .cameo import lookup

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT
    from spacy.tokens import Token

__all__ = ["Lexicon", "code_events", "lexicon"]

# ------------------------------------------------------------------------------------ lexicon


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str  # V, N, A
    lemma: str
    code: str  # CAMEO code, or a frame name for A patterns
    prt: str | None = None
    obj: str | None = None
    mods: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return (2 if self.obj else 0) + (1 if self.prt else 0) + len(self.mods)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjs: dict[str, list[Pattern]] = field(default_factory=dict)
    light: dict[str, str | None] = field(default_factory=dict)
    light_recv: set[str] = field(default_factory=set)
    containers: set[str] = field(default_factory=set)
    speech: dict[str, frozenset[str]] = field(default_factory=dict)
    frames: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    fmap: dict[str, dict[str, str]] = field(default_factory=dict)

    def frame_code(self, frame: str, inner: str | None) -> str | None:
        table = self.fmap.get(frame, {})
        if inner:
            for n in range(len(inner), 1, -1):
                if inner[:n] in table:
                    return table[inner[:n]]
        return table.get("*")


_PAT = re.compile(r"<([^>]+)>|\[([^\]]+)\]|([^\s<\[]+)")


def _parse_pattern(kind: str, text: str, code: str, flags: str) -> Pattern:
    prt = obj = None
    words: list[str] = []
    for m in _PAT.finditer(text):
        if m.group(1):
            prt = m.group(1).strip().lower()
        elif m.group(2):
            obj = m.group(2).strip().lower()
        else:
            words.append(m.group(3).lower())
    fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
    if kind == "N":
        if "of" in words:  # "state of emergency": head "state", modifier "of emergency"
            i = words.index("of")
            mods = (*words[: i - 1], "of " + " ".join(words[i + 1:]))
            return Pattern(kind, words[i - 1], code, prt, obj, mods, fl)
        return Pattern(kind, words[-1], code, prt, obj, tuple(words[:-1]), fl)
    return Pattern(kind, " ".join(words), code, prt, obj, (), fl)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The pattern lexicon, loaded once from ``data/event_patterns.tsv``."""
    text = resources.files("newsgraph").joinpath("data/event_patterns.tsv").read_text(encoding="utf-8")
    lex = Lexicon()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", "", ""]
        kind, pat, code, flags = cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()
        if kind in ("V", "N", "A"):
            p = _parse_pattern(kind, pat, code, flags)
            table = {"V": lex.verbs, "N": lex.nouns, "A": lex.adjs}[kind]
            table.setdefault(p.lemma, []).append(p)
        elif kind == "L":
            p = _parse_pattern("V", pat, "", "")
            lex.light[p.lemma] = p.prt
            if "recv" in flags:
                lex.light_recv.add(p.lemma)
        elif kind == "K":
            lex.containers.add(pat.lower())
        elif kind == "S":
            lex.speech[pat.lower()] = frozenset(f for f in flags.split(",") if f)
        elif kind == "F":
            p = _parse_pattern("V", pat, code, "")
            lex.frames.setdefault(p.lemma, []).append((p.prt, code))
        elif kind == "M":
            lex.fmap.setdefault(pat, {})[code] = flags
    for table in (lex.verbs, lex.nouns, lex.adjs):
        for pats in table.values():
            pats.sort(key=lambda p: -p.specificity)
    return lex


# ------------------------------------------------------------------------------------ actors

_PRONOUNS_IT = {"it", "its", "itself"}
_PRONOUNS_THEY = {"they", "them", "their", "themselves", "theirs"}
_PRONOUNS_PERSON = {"he", "him", "his", "she", "her", "himself", "herself"}
_PRONOUNS_WE = {"we", "us", "our"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_GROUP_WORDS = {"two", "both", "sides", "side", "parties", "countries", "nations", "leaders", "neighbours",
                "neighbors"}
_SUBJ = {"nsubj", "csubj"}
_FORCE_ROOTS = ("13", "15", "16", "17", "18", "19", "20")
# Named entities the lexicons leave uncoded (fictional or unknown actors) still take part in events,
# with a null actor code.
_UNCODED_PARTIES = True
_NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_DEFINITE = {"the", "this", "these", "its", "their", "his", "her", "our"}
_QUANTITY = {"hundred", "thousand", "dozen", "million", "score", "number", "some", "many", "most", "tens",
             "hundreds", "thousands", "dozens", "millions", "all", "several", "few"}
_MEMBER_WORDS = {"member", "leader", "group", "team", "delegation", "official", "spokesman", "head", "chief",
                 "representative", "supporter", "faction", "wing", "unit"}
_TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "upon", "for", "between",
                 "from")
_BACKGROUND_MARKS = {"since", "after", "before", "until", "once", "following"}
_BACKGROUND_PREPS = {"since", "after", "over", "following", "amid", "despite", "because", "before"}
_FUTURE = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL = {"would", "could", "might", "may", "should", "must", "ought", "'d"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event: a code and the mention it comes from."""

    actor: str | None
    entity: str | None
    name: str
    start: int
    end: int
    token: int  # head token index in the doc

    def ref(self) -> EntityRef:
        return EntityRef(self.entity, self.actor or None, self.name, self.start, self.end)

    @property
    def key(self) -> str:
        return self.actor or "name:" + self.name


@dataclass
class Candidate:
    code: str
    trigger: Token
    sources: list[Party]
    targets: list[Party]
    flags: frozenset[str] = frozenset()
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.6
    nominal: bool = False
    consumed: set[int] = field(default_factory=set)
    clause: Token | None = None  # the verb whose clause the event belongs to
    base: str = ""  # the code before a future/intent shift


class _Coder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.article.text
        self.lex = lexicon()
        self.tok_entity: dict[int, Entity] = {}
        ents: Sequence[Entity] = ctx.results.get("entities") or ()
        starts = {t.idx: t.i for t in self.doc}
        ends = {t.idx + len(t.text): t.i for t in self.doc}
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
        self.external = _external_coder()
        self.recent_group: list[Party] = []  # the last compound subject, for "the two", "both"
        self.recent: list[Party] = []  # actors in order of mention, for pronouns
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
        ent = self.spacy_ent.get(t.i)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "LOC", "FAC"):
            c = self._code_text(ent.text)
            if c:
                return c
        if t.pos_ in ("PROPN", "ADJ", "NOUN"):
            return _actors.country_of(t.text) or (_actors.country_of(t.lemma_) if t.pos_ == "NOUN" else None)
        return None

    def _code_text(self, text: str) -> str | None:
        if self.external is not None:
            try:
                ext = self.external(text)
            except Exception:  # the entity module's coder failed on odd text: use ours
                ext = None
            if isinstance(ext, str) and ext:
                return ext
        return _actors.country_of(text) or _actors.code_phrase(text)

    def _role(self, tokens: Iterable[Token], head: Token) -> str | None:
        words = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i <= head.i]
        lemmas = [t.lemma_.lower() for t in words]
        if len(lemmas) >= 2:
            r = _actors.role_of(" ".join(lemmas[-2:]))
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
        if country is None and (_actors.role_of(h.lemma_.lower()) or h.lemma_.lower() in _MEMBER_WORDS):
            # "leaders of Romania's new government", "opponents of X", "the commander in Iraq"
            for prep in h.children:
                if prep.dep_ == "prep" and prep.lemma_ in ("of", "in", "from"):
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            sub = self._head_party(p)
                            if sub is not None and sub.actor:
                                if h.lemma_.lower() in _MEMBER_WORDS:
                                    return self._party(sub.actor, sub.entity, sub.name, h, toks)
                                country = sub.actor[:3] if sub.actor[:3] != "---" else None
                                break
        role = self._role(toks, h)
        if country and len(country) > 3 and role and country.endswith(role):
            role = None
        code = _actors.compose(country, role)
        if code is None:
            return self._uncoded(h, toks)
        if country is None and entity_id is None and not any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in h.children):
            return None  # a bare role word is an actor only when definite: "the army", not "forces"
        if entity_id is None and country is None and h.ent_type_ == "PERSON":
            return None
        return self._party(code, entity_id, name, h, toks)

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
        return Party(code, entity, name or self.text[a:b], a, b, h.i)

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
            out = list(self.recent_group) if self._is_group_phrase(h) else []
        elif h.pos_ == "NUM" or h.lemma_.lower() in _QUANTITY:
            for c in h.children:  # "hundreds of UN troops", "a group of Moroccan diplomats"
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            out = list(self.parties(pobj))
        else:
            hp = self._head_party(h)
            if hp is not None:
                out.append(hp)
        for c in h.children:
            listed = c.dep_ == "appos" and any(cc.dep_ == "conj" for cc in c.children)
            if (c.dep_ == "conj" or listed) and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.extend(x for x in self.parties(c) if x not in out)
        return out

    def _is_group_phrase(self, h: Token) -> bool:
        words = {t.lemma_.lower() for t in h.subtree}
        return bool(words & {"two", "both"}) or h.lemma_.lower() in ("side", "party")

    def _resolve(self, h: Token) -> list[Party]:
        low = h.text.lower()
        if low in _RELATIVE:
            head = h.head
            for _ in range(8):
                if head.dep_ == "relcl":
                    return self.parties(head.head)
                if head.head.i == head.i or not (head.dep_ == "acl" or head.pos_ in ("VERB", "AUX")):
                    break
                head = head.head
            return []
        sent_start = h.sent.start
        cands: list[Token] = [t for t in self.doc[sent_start: h.i] if t.pos_ in ("PROPN", "NOUN")]
        want_person = low in _PRONOUNS_PERSON
        if low in _PRONOUNS_THEY and self.recent_group:
            # "their countries": the last compound subject when this sentence names one
            for t in reversed(cands):
                ps = self.parties(t)
                if len(ps) >= 2:
                    return ps
        for t in reversed(cands):
            if t.dep_ == "conj":
                continue
            ps = self.parties(t)
            if not ps:
                continue
            is_person = t.ent_type_ == "PERSON" or (self.tok_entity.get(t.i) is not None
                                                     and self.tok_entity[t.i].type == "PERSON")
            if want_person and not is_person and ps[0].actor and len(ps[0].actor) <= 3:
                continue
            if low in _PRONOUNS_IT and is_person:
                continue
            return ps
        # earlier sentences: the last actor of the same kind
        for p in reversed(self.recent):
            if p.token >= sent_start:
                continue
            if low in _PRONOUNS_THEY and self.recent_group:
                return list(self.recent_group)
            return [p]
        return []

    # ---- arguments of a verb
    def subjects(self, v: Token, depth: int = 0) -> tuple[list[Party], bool]:
        """(sources, passive) of verb ``v``; inherited along xcomp/conj/advcl when missing."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.parties(p), True
            for c in v.children:  # "a mortar bomb was fired at it from Gaza"
                if c.dep_ == "prep" and c.lemma_ == "from":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.parties(p), True
            return [], True
        for c in v.children:
            if c.dep_ in _SUBJ:
                return self.parties(c), False
        if depth > 4:
            return [], False
        if v.dep_ == "relcl":
            return self.parties(v.head), False
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
                return self.subjects(head, depth + 1)
        return [], False

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
        prefer: list[str] = []
        if pat and pat.prt:
            prefer.append(pat.prt)
        prefer.extend(_TARGET_PREPS)
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
            if c.dep_ == "acomp":
                keys.add(c.lemma_.lower())
        return keys

    def _noun_keys(self, h: Token) -> set[str]:
        lem = h.lemma_.lower()
        keys = {lem, h.text.lower()}
        mods = [c for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i]
        for m in mods:  # "the ceasefire agreement", "mediation efforts"
            if m.dep_ == "compound" and m.pos_ == "NOUN":
                keys.add(m.lemma_.lower())
        if lem in self.lex.containers or h.pos_ == "NUM" or lem in _QUANTITY:
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

    def _has_prt(self, v: Token, prt: str) -> bool:
        for c in v.children:
            if c.dep_ in ("prt", "prep", "agent", "dative") and c.lemma_.lower() == prt:
                if c.dep_ == "prep" and any(p.ent_type_ in ("DATE", "TIME") for p in c.children):
                    continue  # "agreed on Saturday" is not "agreed on"
                return True
        return v.i + 1 < len(self.doc) and self.doc[v.i + 1].lower_ == prt and self.doc[v.i + 1].dep_ == "prt"

    def verb_pattern(self, v: Token) -> Pattern | None:
        pats = self.lex.verbs.get(v.lemma_.lower()) or self.lex.verbs.get(v.text.lower())
        if not pats:
            return None
        keys: set[str] | None = None
        for p in pats:
            if p.prt and not self._has_prt(v, p.prt):
                continue
            if p.obj:
                if keys is None:
                    keys = self._obj_keys(v)
                if p.obj not in keys:
                    continue
            if "obj" in p.flags and not self.objects(v, p):
                continue
            return p
        return None

    def noun_pattern(self, n: Token) -> Pattern | None:
        pats = self.lex.nouns.get(n.lemma_.lower()) or self.lex.nouns.get(n.text.lower())
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
            return p
        return None


# ------------------------------------------------------------------------------------ coding


def _external_coder() -> Any:
    """The entity module's ``code_phrase`` when it has one (the lead's actor lexicon)."""
    for mod in ("newsgraph.nlp.entities", "newsgraph.actors"):
        try:
            m = __import__(mod, fromlist=["code_phrase"])
        except Exception:
            continue
        fn = getattr(m, "code_phrase", None)
        if callable(fn):
            return fn
    return None


def _clause_verb(t: Token) -> Token:
    """The verb (or root) whose clause holds ``t``."""
    cur = t
    for _ in range(30):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _depth(t: Token) -> tuple[int, int]:
    d = 0
    cur = t
    while cur.head.i != cur.i and d < 50:
        cur = cur.head
        d += 1
    return d, t.i


def _modality(v: Token) -> tuple[bool, str]:
    """(negated, modality) of the clause of verb ``v`` (not counting speech-verb reporting)."""
    negated = any(c.dep_ == "neg" for c in v.children)
    modality = "asserted"
    for c in v.children:
        if c.dep_ == "aux":
            low = c.lower_
            if low in _FUTURE:
                modality = "future"
            elif low in _HYPOTHETICAL:
                modality = "hypothetical" if low not in ("would",) else "future"
            if c.lower_ in ("going",):
                modality = "future"
        if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
            modality = "hypothetical"
    if v.dep_ == "xcomp" and v.head.lemma_ in ("go",) and v.head.tag_ == "VBG":
        modality = "future"
    return negated, modality


def _subordination(v: Token) -> float:
    """A confidence penalty for events told in relative, adverbial or purpose clauses."""
    pen = 0.0
    cur = v
    for _ in range(12):
        if cur.dep_ in ("relcl", "acl"):
            pen += 0.15
        elif cur.dep_ == "advcl" or (cur.dep_ in ("pcomp", "pobj") and cur.pos_ == "VERB"):
            pen += 0.1
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return min(pen, 0.3)


def _is_background(t: Token, v: Token) -> bool:
    """Events told as background: "since the West hit Russia", "over its invasion", perfect tenses."""
    cur = t
    for _ in range(12):
        if cur.dep_ == "pobj" and cur.head.lemma_.lower() in _BACKGROUND_PREPS:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in cur.children):
                return True
            if cur.dep_ == "relcl":
                return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    auxes = [c for c in v.children if c.dep_ == "aux"]
    return any(a.lemma_ == "have" for a in auxes) and v.tag_ == "VBN" and v.dep_ == "relcl"


def _timex_index(ctx: Context) -> list[tuple[int, int, Timex]]:
    out: list[tuple[int, int, Timex]] = []
    for tx in ctx.results.get("timexes") or ():
        value = tx.value[:10] if "T" in tx.value else tx.value
        if tx.type not in ("DATE", "TIME") or not _DATE_RE.match(value):
            continue
        out.append((tx.span.start, tx.span.end, tx))
    return out


def _precision(value: str) -> str:
    if len(value) == 4:
        return "year"
    if "W" in value:
        return "week"
    if len(value) == 7:
        return "month"
    return "day"


class _Sentence:
    def __init__(self, coder: _Coder, sent: SpanT) -> None:
        self.c = coder
        self.sent = sent
        self.lex = coder.lex
        self.consumed: set[int] = set()
        self.extra: list[Candidate] = []

    # --- the code of one verb, frames and light verbs included
    def code_verb(self, v: Token, depth: int = 0) -> tuple[str, Pattern | None, Token | None] | None:
        """(code, pattern, noun) for a verb trigger, without frames; noun = a consumed event noun."""
        p = self.c.verb_pattern(v)
        if p is not None and (p.obj or (p.prt and "weak" not in p.flags)):
            return p.code, p, None
        # light verb + event noun object ("held talks", "hit Russia with sanctions")
        lemma = v.lemma_.lower()
        if lemma in self.lex.light or lemma in self.lex.frames or lemma in self.lex.speech:
            prt = self.lex.light.get(lemma)
            if prt and not self.c._has_prt(v, prt):
                return None
            for c in v.children:
                heads: list[Token] = []
                if c.dep_ in ("dobj", "nsubjpass"):
                    heads = [c]
                elif c.dep_ == "prep" and (
                        (c.lemma_ in ("with", "to") and lemma in self.lex.light)
                        or (c.lemma_ in ("on", "to", "for", "against") and lemma in self.lex.frames)):
                    heads = [p for p in c.children if p.dep_ == "pobj"]
                for h in heads:
                    np = self.c.noun_pattern(h)
                    if np is not None and (lemma in self.lex.light or lemma in self.lex.frames):
                        return np.code, np, h
        if p is not None:
            return p.code, p, None
        return None

    def frame_of(self, v: Token) -> str | None:
        for prt, frame in self.lex.frames.get(v.lemma_.lower(), []):
            if prt is None or self.c._has_prt(v, prt):
                return frame
        return None

    def complement(self, v: Token) -> Token | None:
        for c in v.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX", "ADJ"):
                return c
        for c in v.children:  # "call on X to ...", "urge X to ..."
            if c.dep_ in ("dobj",):
                for cc in c.children:
                    if cc.dep_ in ("relcl", "acl") and cc.tag_ == "VB":
                        return cc
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pcomp" and p.pos_ == "VERB":
                        return p
        return None

    def run(self) -> list[Candidate]:
        cands: list[Candidate] = []
        toks = sorted(self.sent, key=_depth)
        # verbs and predicate adjectives first (deepest complements are handled through frames)
        for t in toks:
            if t.i in self.consumed:
                continue
            if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and t.lemma_ not in ("be", "have", "do")):
                cand = self.verb_event(t)
                if cand is not None:
                    cands.append(cand)
            elif t.pos_ == "ADJ" and t.lemma_.lower() in self.lex.adjs:
                cand = self.adj_event(t)
                if cand is not None:
                    cands.append(cand)
        for t in toks:
            if t.i in self.consumed or t.pos_ not in ("NOUN", "PROPN"):
                continue
            cand = self.noun_event(t)
            if cand is not None:
                cands.append(cand)
        return cands + self.extra

    def _complement_event(self, comp: Token) -> Candidate | None:
        if comp.pos_ == "ADJ":
            return self.adj_event(comp)
        return self.verb_event(comp, nested=True)

    def verb_event(self, v: Token, nested: bool = False) -> Candidate | None:
        lemma = v.lemma_.lower()
        if v.tag_ == "VBN" and v.text.lower() in self.lex.adjs and any(
                c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in v.children) and not any(
                c.dep_ == "agent" for c in v.children):
            return self.adj_event(v)  # "Israel is opposed to ...", "is prepared to ..."
        frame = self.frame_of(v)
        comp = self.complement(v) if (frame or lemma in self.lex.speech) else None
        negated, modality = _modality(v)
        srcs, passive = self.c.subjects(v)
        if frame == "intent" and lemma in ("want", "wish", "expect", "need") and any(
                c.dep_ == "dobj" and self.c.parties(c) for c in v.children):
            frame = "appeal"  # "wants Putin to attack": an appeal to Putin
        if frame and comp is not None and comp.i not in self.consumed:
            other = self._own_subject(comp, srcs) if frame == "intent" else None
            inner = self._complement_event(comp)
            if inner is not None and other is not None:
                if lemma in ("want", "wish", "expect") and other:
                    # "Obama wants Putin to attack X": an appeal to Putin
                    cand = self._frame_event(v, "appeal", inner, srcs, negated, modality)
                    cand.targets = other
                    return cand
                self.consumed.add(inner.trigger.i)
                inner.modality = "hypothetical"
                return inner
            if inner is not None:
                return self._frame_event(v, frame, inner, srcs, negated, modality)
        if frame:
            # a frame verb with an event noun object: "rejected a U.S. request", "demanded a meeting"
            got = self.code_verb(v)
            if got is not None and got[2] is not None and got[1] is not None and got[1].kind == "N":
                obj_noun = got[2]
                inner = self.noun_event(obj_noun, governed=True)
                if inner is not None:
                    self.consumed.add(obj_noun.i)
                    return self._frame_event(v, frame, inner, srcs, negated, modality)
        if lemma in self.lex.speech and comp is not None:
            return self._speech_event(v, comp, srcs)
        if frame in ("appeal", "demand") and comp is not None and self.c.verb_pattern(v) is None:
            addressee = [p for c in v.children if c.dep_ in ("dobj", "nsubjpass") for p in self.c.parties(c)]
            if addressee:  # "ordered X to appear", "urged X to ...": an appeal or demand to X
                code = self.lex.frame_code(frame, None) or "020"
                return Candidate(code, v, srcs, addressee, frozenset(), negated, modality, confidence=0.6,
                                 clause=v, base=code)
        got = self.code_verb(v)
        if got is None:
            return None
        code, pat, noun = got
        if noun is not None:
            self.consumed.add(noun.i)
        tgts = self.c.objects(v, pat if pat and pat.kind == "V" else None)
        if noun is not None:
            own_src, own_tgt = self.noun_parties(noun, pat)
            if own_tgt and not tgts:
                tgts = own_tgt
            if own_tgt and tgts and set(p.key for p in tgts) & set(p.key for p in srcs):
                tgts = own_tgt
            if not srcs and own_src:
                srcs = own_src
        flags = pat.flags if pat else frozenset()
        if noun is not None and lemma in self.lex.light_recv:
            # "received assurances from X", "faces pressure from X": X is the source
            giver: list[Party] = []
            for c in v.children:
                if c.dep_ == "prep" and c.lemma_ in ("from", "by"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            giver = self.c.parties(p)
            if not giver:
                for c in noun.children:
                    if c.dep_ == "prep" and c.lemma_ in ("from", "by"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                giver = self.c.parties(p)
            srcs, tgts = giver, srcs
        elif pat and "recv" in flags:
            srcs, tgts = tgts, srcs
        if pat and "host" in flags and passive:
            srcs, tgts = tgts, srcs
        self._consume_object_nouns(v, srcs, tgts, pat)
        cand = Candidate(code, v, srcs, tgts, flags, negated, modality, clause=v, nominal=noun is not None,
                         base=code)
        cand.confidence = 0.6 - (0.15 if "weak" in flags else 0.0)
        if pat and (pat.obj or pat.prt):
            cand.confidence += 0.1
        return self._modal_shift(cand)

    def _consume(self, n: Token) -> None:
        self.consumed.add(n.i)
        for c in n.children:
            if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ"):
                self.consumed.add(c.i)

    def _consume_object_nouns(self, v: Token, srcs: list[Party], tgts: list[Party],
                              pat: Pattern | None) -> None:
        """Event nouns inside the object of a coded verb are part of that event."""
        known = {p.key for p in [*srcs, *tgts]}
        for c in v.children:
            if c.dep_ not in ("dobj", "nsubjpass", "attr", "dative"):
                continue
            for t in c.subtree:
                if t.pos_ not in ("NOUN", "PROPN") or t.i in self.consumed:
                    continue
                np = self.c.noun_pattern(t)
                if np is None:
                    continue
                if pat is not None and pat.obj and t.i == c.i:
                    self._consume(t)
                    continue
                s2, t2 = self.noun_parties(t, np)
                if {p.key for p in [*s2, *t2]} <= known:
                    self._consume(t)

    def _own_subject(self, comp: Token, srcs: list[Party]) -> list[Party] | None:
        """The complement's own subject when it differs from the frame verb's ("wants Putin to ...")."""
        for c in comp.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                ps = self.c.parties(c)
                if c.pos_ == "PRON" and (not ps or {p.key for p in ps} & {p.key for p in srcs}):
                    return None
                if ps and not {p.key for p in ps} & {p.key for p in srcs}:
                    return ps
                if not ps and c.pos_ != "PRON":
                    return []
        return None

    def adj_event(self, a: Token) -> Candidate | None:
        pats = self.lex.adjs.get(a.lemma_.lower()) or self.lex.adjs.get(a.text.lower()) or []
        if not pats:
            return None
        pat = pats[0]
        head = a.head if a.dep_ in ("acomp", "amod", "oprd") else a
        srcs, _ = self.c.subjects(head if head.pos_ in ("VERB", "AUX") else a)
        if not srcs:
            srcs, _ = self.c.subjects(a)
        if not srcs:
            for c in a.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    srcs = self.c.parties(c)
        negated, modality = _modality(head if head.pos_ in ("VERB", "AUX") else a)
        if pat.code.isdigit():
            for c in a.children:  # "guilty of violating the ceasefire": the act itself
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for p in c.children:
                        if p.dep_ == "pcomp" and p.pos_ == "VERB":
                            inner = self.verb_event(p, nested=True)
                            if inner is not None:
                                self.consumed.add(p.i)
                                inner.sources = inner.sources or srcs
                                return inner
            tgts = self.c.objects(a, None)
            cand = Candidate(pat.code, a, srcs, tgts, pat.flags, negated, modality, clause=head)
            return cand
        comp = None
        for c in a.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                comp = c
        if comp is not None:
            inner = self.verb_event(comp, nested=True)
            if inner is not None:
                return self._frame_event(a, pat.code, inner, srcs, negated, modality)
        # "opposed to French mediation": a preposition object
        for c in a.children:
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj":
                        np = self.c.noun_pattern(p)
                        if np is not None:
                            inner = self.noun_event(p, governed=True)
                            if inner is not None:
                                self.consumed.add(p.i)
                                return self._frame_event(a, pat.code, inner, srcs, negated, modality)
        code = self.lex.frame_code(pat.code, None)
        if code is None:
            return None
        return Candidate(code, a, srcs, self.c.objects(a, None), frozenset({"weak"}), negated, modality,
                         confidence=0.4, clause=head)

    def _frame_event(self, v: Token, frame: str, inner: Candidate, srcs: list[Party], negated: bool,
                     modality: str) -> Candidate:
        self.consumed.add(inner.trigger.i)
        self.consumed |= inner.consumed
        inner_code = inner.base or inner.code
        if inner.negated and frame == "intent":
            frame = "reject"
        if negated and frame == "intent":
            frame = "reject"
            negated = False
        conditional = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
                          for t in (v, inner.trigger) for c in t.children)
        if frame == "intent" and (conditional or inner_code[:2] in _FORCE_ROOTS):
            frame = "threaten"  # "plans to impose restrictions", "is prepared to impose martial law"
        if frame == "intent" and inner_code[:2] in ("10", "11", "12", "14"):
            code = inner_code  # "vowed to protest": the act itself
        elif frame == "intent" and inner_code[:2] == "03":
            code = inner_code
        else:
            code = self.lex.frame_code(frame, inner_code) or inner_code
        tgts: list[Party] = []
        if frame in ("appeal", "demand"):
            addressee = [c for c in v.children if c.dep_ in ("dobj", "dative")]
            if addressee:
                tgts = self.c.parties(addressee[0])
            if not tgts:
                for c in v.children:
                    if c.dep_ == "prep" and c.lemma_ in ("on", "upon", "to", "from"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                tgts = self.c.parties(p)
            if not tgts:
                inner_srcs = [p for p in inner.sources if p not in srcs]
                tgts = inner_srcs or inner.targets
        else:
            tgts = inner.targets
            if not tgts and inner.sources and not set(p.key for p in inner.sources) & set(
                    p.key for p in srcs):
                tgts = inner.sources
        if not srcs:
            srcs = inner.sources
        mod = {"intent": "intended", "reject": "asserted", "threaten": "asserted"}.get(frame, modality)
        if modality == "hypothetical":
            mod = "hypothetical"
        cand = Candidate(code, v, srcs, tgts, inner.flags - {"sym"} if frame != "intent" else inner.flags,
                         negated, mod, clause=v)
        cand.consumed = {inner.trigger.i, *inner.consumed}
        cand.confidence = 0.75
        return cand

    def _speech_event(self, v: Token, comp: Token, srcs: list[Party]) -> Candidate | None:
        """Reported speech: code the reported event; an allegation of force becomes an accusation."""
        inner = self.verb_event(comp, nested=True) if comp.pos_ in ("VERB", "AUX") else self.adj_event(comp)
        must_aux = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in comp.children)
        if inner is None and must_aux and srcs:
            # "X said Y must ensure security": a demand to Y
            addressee = [p for c in comp.children if c.dep_ == "nsubj" for p in self.c.parties(c)]
            if addressee and not {p.key for p in addressee} & {p.key for p in srcs}:
                self.consumed.add(comp.i)
                return Candidate("100", v, srcs, addressee, frozenset(), False, "asserted", confidence=0.6,
                                 clause=v, base="100")
        if inner is None:
            return None
        self.consumed.add(comp.i)
        self.consumed |= inner.consumed
        flags = self.lex.speech.get(v.lemma_.lower(), frozenset())
        inner_root = inner.code[:2]
        speaker = {p.key for p in srcs}
        # "X must/should do Y", said by someone else: a demand
        must = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in comp.children)
        if must and srcs and inner.sources and not speaker & {p.key for p in inner.sources}:
            code = self.lex.frame_code("demand", inner.code) or "100"
            cand = Candidate(code, v, srcs, inner.sources, frozenset(), inner.negated, "asserted", clause=v)
            cand.consumed = {comp.i, *inner.consumed}
            cand.confidence = 0.7
            return cand
        if must and srcs and inner.sources:
            # "Xi said the two should closely collaborate": the speaker's own intention
            if inner_root in ("04", "05", "06", "07", "08"):
                inner.code = self.lex.frame_code("intent", inner.code) or "030"
            inner.modality = "intended"
        that = v.i < comp.i  # "X said (that) Y attacked Z"; not the trailing "..., officials said"
        if ("allege" in flags or that) and srcs and inner.sources \
                and not inner.negated and inner_root in ("15", "17", "18", "19", "20"):
            if speaker & {p.key for p in inner.sources}:
                if "allege" not in flags:
                    inner.modality = "reported"
                    return inner
                cand = Candidate("015", v, srcs, inner.targets, frozenset(), False, "asserted", clause=v)
            else:
                cand = Candidate("112", v, srcs, inner.sources, frozenset(), False, "asserted", clause=v)
                if "allege" not in flags:  # keep the reported act too, less sure of it
                    inner.modality = "reported"
                    inner.confidence -= 0.15
                    self.extra.append(inner)
            cand.consumed = {comp.i, *inner.consumed}
            cand.confidence = 0.65
            return cand
        if inner.modality == "asserted":
            inner.modality = "reported"
        if not inner.sources and srcs and inner.code[:2] in ("03",):
            inner.sources = srcs
        inner.confidence -= 0.02
        return inner

    def _modal_shift(self, cand: Candidate) -> Candidate:
        """Future cooperation is an intention (03x), future force a threat (13x); refusals (12x)."""
        root = cand.code[:2]
        v = cand.clause
        if cand.negated and cand.modality in ("future", "intended") and root == "03":
            cand.code = self.lex.frame_code("reject", cand.code) or "120"  # "will not accept"
            cand.negated = False
            cand.modality = "asserted"
            return cand
        if cand.modality == "future" and v is not None and any(
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                for c in v.children):
            # "will withdraw its troops unless ...": a conditional announcement is a threat
            cand.code = self.lex.frame_code("threaten", cand.code) or "130"
            cand.modality = "asserted"
            return cand
        if cand.modality in ("future",) and root in ("04", "05", "06", "07", "08"):
            frame = "reject" if cand.negated else "intent"
            cand.code = self.lex.frame_code(frame, cand.code) or cand.code
            cand.modality = "intended" if frame == "intent" else "asserted"
            cand.negated = False
            cand.flags = cand.flags - {"sym"} if frame == "reject" else cand.flags
        elif cand.modality in ("future",) and root in ("16", "17", "18", "19", "20") and not cand.negated:
            cand.code = self.lex.frame_code("threaten", cand.code) or "130"
            cand.modality = "asserted"
        return cand

    # --- nominal events
    def noun_parties(self, n: Token, pat: Pattern | None) -> tuple[list[Party], list[Party]]:
        srcs: list[Party] = []
        tgts: list[Party] = []
        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
                ps = self.c.parties(c)
                if ps and not srcs:
                    srcs = ps
            elif c.dep_ == "prep":
                lem = c.lemma_.lower()
                pobjs = [p for p in c.children if p.dep_ == "pobj"]
                for p in pobjs:
                    ps = self.c.parties(p)
                    if not ps:
                        continue
                    if lem == "by" and not srcs:
                        srcs = ps
                    elif lem == "of":
                        if pat and "place" in pat.flags and not srcs:
                            srcs = ps  # "the visit of the president"
                        elif pat and "sym" in pat.flags and not srcs:
                            srcs = ps
                        elif not tgts:
                            tgts = ps  # "the invasion of Ukraine", "the release of prisoners"
                    elif lem == "between":
                        if pat and "sym" in pat.flags:
                            srcs = srcs or ps
                        else:
                            tgts = tgts or ps  # "a mediation effort between X and Y"
                    elif lem in _TARGET_PREPS and lem != "from" and not tgts:
                        tgts = ps
                    elif lem == "from" and not srcs:
                        srcs = ps
                    elif lem in ("in", "to") and pat and "place" in pat.flags and not tgts:
                        tgts = ps
            elif c.dep_ == "acl":  # "the sanctions imposed by the West on Russia"
                s, _ = self.c.subjects(c)
                if s and not srcs:
                    srcs = s
                for cc in c.children:
                    if cc.dep_ == "prep" and cc.lemma_ in ("on", "against", "to"):
                        for p in cc.children:
                            if p.dep_ == "pobj" and not tgts:
                                tgts = self.c.parties(p)
        return srcs, tgts

    def noun_event(self, n: Token, governed: bool = False) -> Candidate | None:
        pat = self.c.noun_pattern(n)
        if pat is None:
            return None
        if not governed and ("weak" in pat.flags or _actors.role_of(n.lemma_.lower())):
            return None
        if n.ent_type_ and n.ent_type_ not in ("", "EVENT", "NORP") and n.pos_ == "PROPN":
            return None
        srcs, tgts = self.noun_parties(n, pat)
        # a symmetric noun whose own modifier lists both sides ("U.S.-Russia talks")
        verb = _clause_verb(n)
        if not governed:
            if not srcs:
                vs, _ = self.c.subjects(verb) if verb.pos_ in ("VERB", "AUX") else ([], False)
                srcs = vs
            if not tgts and verb.pos_ in ("VERB", "AUX"):
                # the noun is an instrument or object of an uncoded verb: "hit Russia with sanctions"
                instrument = n.dep_ == "pobj" and n.head.lemma_ == "with" and n.head.head.i == verb.i
                if n.dep_ == "dobj" or instrument:
                    for c in verb.children:
                        if c.dep_ == "dobj" and c.i != n.i:
                            tgts = self.c.parties(c)
                    if "sym" in pat.flags and not tgts:
                        for c in verb.children:
                            if c.dep_ == "prep" and c.lemma_ == "with":
                                for p in c.children:
                                    if p.dep_ == "pobj" and p.i != n.i:
                                        tgts = self.c.parties(p)
                if "place" in pat.flags and not tgts:
                    for c in verb.children:
                        if c.dep_ == "prep" and c.lemma_ == "to":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    tgts = self.c.parties(p)
        negated, modality = _modality(verb) if verb.pos_ in ("VERB", "AUX") else (False, "asserted")
        cand = Candidate(pat.code, n, srcs, tgts, pat.flags, negated if not governed else False,
                         modality if not governed else "asserted", nominal=True, clause=verb)
        cand.confidence = 0.5 - (0.15 if "weak" in pat.flags else 0.0) + 0.05 * len(pat.mods)
        if not governed:
            cand = self._modal_shift(cand)
        return cand


# ------------------------------------------------------------------------------------ output


def _pairs(c: Candidate) -> list[tuple[Party | None, Party | None]]:
    srcs = [p for p in c.sources if p.key]
    tgts = [p for p in c.targets if p.key and p.key not in {s.key for s in srcs}]
    out: list[tuple[Party | None, Party | None]] = []
    if "sym" in c.flags:
        if not tgts and len(srcs) >= 2:
            for a in srcs:
                for b in srcs:
                    if a.key != b.key:
                        out.append((a, b))
            return out
        if srcs and tgts:
            for a in srcs:
                for b in tgts:
                    out.append((a, b))
                    out.append((b, a))
            return out
    if not srcs and not tgts:
        return []
    left: list[Party | None] = [*srcs] or [None]
    right: list[Party | None] = [*tgts] or [None]
    for x in left:
        for y in right:
            out.append((x, y))
    return out


class _Dater:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.timexes = _timex_index(ctx)
        pub = ctx.article.published
        self.published = EventDate(pub.value[:10], pub.precision if pub.precision != "time" else "day",
                                   "published") if pub else None

    def date(self, c: Candidate, sent: SpanT) -> EventDate | None:
        verb = c.clause if c.clause is not None else _clause_verb(c.trigger)
        own = {c.trigger.i, verb.i}
        best: EventDate | None = None
        inside: EventDate | None = None
        for a, b, tx in self.timexes:
            if a < sent.start_char or b > sent.end_char:
                continue
            span = sent.doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            cur = head
            hit = False
            for _ in range(10):
                if cur.i in own:
                    hit = True
                    break
                if cur.head.i == cur.i:
                    break
                nxt = cur.head
                if nxt.pos_ in ("VERB", "AUX") and nxt.i not in own:
                    break
                cur = nxt
            if hit:
                value = tx.value[:10]
                best = EventDate(value, _precision(value), "text")
                break
            in_clause = verb.left_edge.i <= head.i <= verb.right_edge.i
            if inside is None and verb.pos_ in ("VERB", "AUX") and in_clause \
                    and not _is_background(head, verb):
                value = tx.value[:10]
                inside = EventDate(value, _precision(value), "text")
        if best is not None:
            return best
        if inside is not None:
            return inside
        if _is_background(c.trigger, verb):
            return None
        return self.published


def _place(c: Candidate, places: Sequence[Place], sent: SpanT) -> Place | None:
    in_sent = [p for p in places if p.span.start >= sent.start_char and p.span.end <= sent.end_char]
    if not in_sent:
        return None
    verb = c.clause if c.clause is not None else c.trigger
    own = {c.trigger.i, verb.i}
    doc = sent.doc
    for p in in_sent:
        span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        prep = root.head
        if root.dep_ == "pobj" and prep.lemma_.lower() in (*_PLACE_PREPS, "to") and prep.head.i in own:
            return p
        if root.dep_ == "pobj" and root.head.head.dep_ == "pobj" and root.head.head.i in own:
            return p
    if c.code.startswith("042"):
        for p in in_sent:
            if any(t.actor and p.country and t.actor.startswith(p.country) for t in c.targets):
                return p
    return None


# Emission policy: a sentence keeps its events of confidence >= _KEEP, its best event(s), events
# with both parties named and confidence >= _KEEP_DYAD, and every negated event (flagged, at low
# confidence).  Weaker side events (a vague noun, a party missing, a subordinate clause) are left
# out: on the dev sentences they were mostly wrong.
_KEEP = 0.5
_KEEP_DYAD = 0.4


def _salient(events: list[Event]) -> list[Event]:
    if not events:
        return events
    best = max(e.confidence for e in events)
    return [e for e in events if e.confidence >= _KEEP or e.confidence >= best or e.negated
            or (e.source is not None and e.target is not None and e.confidence >= _KEEP_DYAD)]


_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _title_context(ctx: Context) -> Context | None:
    """A Context over the title re-cased to sentence case, when the title is in title case.

    Headline case ("Xi and Putin Reject U.S. 'Interference'") defeats the tagger; lower-casing
    the capitalised words that are not entity mentions keeps every offset and gives a usable
    parse.  The title is parsed with the pipeline that parsed the article (a few words: cheap).
    """
    art = ctx.article
    title = art.title
    if not title or not art.text.startswith(title):
        return None
    words = [w for w in re.findall(r"[A-Za-z]+", title) if len(w) > 3]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return None
    mentioned: set[int] = set()
    for e in ctx.results.get("entities") or ():
        for m in e.mentions:
            if m.end <= len(title):
                mentioned.update(range(m.start, m.end))
    chars = list(title)
    for m in _CAP_WORD.finditer(title):
        if m.start() == 0 or m.start() in mentioned:
            continue
        chars[m.start()] = chars[m.start()].lower()
    recased = "".join(chars)
    if ctx.nlp is not None:
        nlp = ctx.nlp
    else:
        from ..errors import ConfigError
        from ..nlp.model import load_nlp

        try:
            nlp = load_nlp()
        except ConfigError:  # no default model: keep the original parse
            return None
    return Context(article=art, doc=nlp(recased), results=ctx.results, nlp=nlp)


def code_events(ctx: Context) -> list[Event]:
    """Code the CAMEO events of every sentence of ``ctx.doc`` (the title re-parsed when in title case)."""
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    title_ctx = _title_context(ctx)
    skip_before = 0
    if title_ctx is not None:
        _code_sentences(title_ctx, list(title_ctx.doc.sents), events, seen)
        skip_before = len(ctx.article.title)
    sents: list[SpanT] = []
    for s in ctx.doc.sents:
        if s.start_char >= skip_before:
            sents.append(s)
        elif s.end_char > skip_before:  # a sentence the parser ran across the title: keep the body part
            rest = [t for t in s if t.idx >= skip_before and not t.is_space]
            if rest:
                sents.append(ctx.doc[rest[0].i: s.end])
    _code_sentences(ctx, sents, events, seen)
    return events


def _code_sentences(ctx: Context, sents: list[SpanT], events: list[Event],
                    seen: set[tuple[Any, ...]]) -> None:
    coder = _Coder(ctx)
    dater = _Dater(ctx)
    places: Sequence[Place] = ctx.results.get("places") or ()
    text = ctx.article.text
    for sent in sents:
        try:
            cands = _Sentence(coder, sent).run()
        except (RecursionError, IndexError):  # a pathological parse: skip the sentence, keep the article
            cands = []
        sent_events: list[Event] = []
        for c in cands:
            entry = lookup(c.code)
            if entry is None:
                continue
            pairs = _pairs(c)
            if not pairs:
                continue
            sent_span = Span(sent.start_char, sent.end_char, text[sent.start_char: sent.end_char])
            trig = Span(c.trigger.idx, c.trigger.idx + len(c.trigger.text), c.trigger.text)
            date = dater.date(c, sent)
            place = _place(c, places, sent)
            for s, t in pairs:
                key = (s.key if s else None, t.key if t else None, c.code, trig.start)
                if key in seen:
                    continue
                seen.add(key)
                conf = c.confidence
                if s is None:
                    conf -= 0.2
                if t is None:
                    conf -= 0.1
                if c.modality == "hypothetical":
                    conf -= 0.2
                if c.trigger.dep_ == "ROOT":
                    conf += 0.1
                conf -= _subordination(c.clause if c.clause is not None else c.trigger)
                if c.negated:
                    conf = 0.1
                conf = round(min(0.95, max(0.05, conf)), 3)
                sent_events.append(Event(
                    code=c.code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
                    source=s.ref() if s else None, target=t.ref() if t else None, date=date, place=place,
                    sentence=sent_span, trigger=trig, negated=c.negated, modality=c.modality,
                    confidence=conf, name=entry.name,
                ))
        events.extend(_salient(sent_events))
        # remember actors for pronouns and "the two" in later sentences
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and tok.pos_ in ("PROPN", "NOUN"):
                ps = coder.parties(tok)
                coder.recent.extend(ps)
                if tok.dep_ == "nsubj" and len(ps) >= 2:
                    coder.recent_group = ps
        coder._party_cache.clear()


@stage("events.v1", requires=("entities",), produces="events")
def events_stage(ctx: Context) -> list[Event]:
    """CAMEO events (source, target, code, date, place) coded on the dependency parse."""
    return code_events(ctx)
