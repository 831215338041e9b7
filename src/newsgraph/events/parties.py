"""Who takes part in an event: the parties of a noun phrase (its conjuncts; pronouns, relative pronouns,
"the two", role nouns resolved) and the subjects and objects of a verb.

``PartyFinder`` extends ``heads.HeadCoder`` (the actor a noun-phrase head stands for) with what
resolving one article's parties needs: the compound subject last seen ("the two", "both") and the
mention layer's index (a pronoun's parties are those of the phrase it refers back to; a role noun
takes the named entity it refers to; a bare role, the article's country).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import compose as _actors
from ..mentions import mention_index
from ..nlp.quotes.marks import MARKS
from ..registry import Context
from .heads import PARTY_HOW, PARTY_VIA, RELATIVE, HeadCoder, Party, tagged
from .patterns import Pattern, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PARTY_HOW", "PARTY_VIA", "QUANTITY", "TARGET_PREPS", "Party", "PartyFinder", "tagged"]

_GROUP_WORDS = {"two", "both", "sides", "side", "parties", "countries", "nations", "leaders", "neighbours",
                "neighbors"}
_SUBJ = {"nsubj", "csubj"}
QUANTITY = {"hundred", "thousand", "dozen", "million", "score", "number", "total", "some", "many", "most", "tens",
             "hundreds", "thousands", "dozens", "millions", "all", "several", "few",
             # loads of people: "vanloads of policemen", "busloads of supporters"
             "vanload", "truckload", "busload", "lorryload", "carload", "jeepload", "boatload"}
# object-control verbs whose complement happened, done by the object ("the mob forced the police to
# retreat", "prompting the police to open fire"): the object is the complement's subject
_MADE_TO = {"force", "compel", "prompt", "oblige", "drive", "push"}
TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "upon", "for", "between",
                 "from")


# the characters of quotation marks, mojibake ones included ("â€œ", "â€\ufffd"): a token made only of
# them is a mark the parser took for a word ("...,â€ said a police officer": "â€" as a subject)
_MARK_CHARS = frozenset(MARKS) | {"\ufffd", "\u20ac"}


def _is_mark(t: Token) -> bool:
    return all(ch in _MARK_CHARS for ch in t.text)


# occasions that never stand for the people at them (unlike a "camp", a "service" or a "convention")
_OCCASIONS = frozenset({"ceremony", "festival", "celebration", "event", "seminar", "workshop", "funeral"})


def _gathering(lemma: str) -> bool:
    """Whether a common noun names a gathering (the ``meeting`` class of ``data/event_arg_words.tsv``: a
    summit, talks, a conference) or a festive occasion, which takes place but acts on no one."""
    from .argclass import word_classes  # argclass reads this module: imported at call time

    return "meeting" in word_classes().get(lemma, frozenset()) or lemma in _OCCASIONS


def stranded_agent(v: Token) -> Token | None:
    """The noun of a passive's "by" phrase that the parse hung on the verb: "by" with no object of its
    own, then a particle and the noun (the lower-cased "was lathicharged by up police", the state's
    initials "UP" read as the particle "up"): the noun is the agent, not an object of the verb."""
    by = next((c for c in v.children if c.dep_ == "agent" and not any(
        p.dep_ in ("pobj", "pcomp") for p in c.children)), None)
    if by is None:
        return None
    for c in v.children:
        if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and by.i < c.i <= by.i + 3 and all(
                t.dep_ in ("prt", "compound", "amod", "det") or t.tag_ == "RP" for t in v.doc[by.i + 1:c.i]):
            return c
    return None


class PartyFinder(HeadCoder):
    """Resolves the parties of events in one article (state, besides ``HeadCoder``'s: the mention
    layer's antecedents, the last compound subject)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.lex = lexicon()
        self.recent_group: list[Party] = []  # the last compound subject, for "the two", "both"
        self.sentence_no = 0  # the sentence being coded, and the police source of the last act coded
        self.last_police_act: tuple[int, Party] | None = None  # (its sentence, the police), events/implied.py
        self.mentions = mention_index(ctx)
        self._party_cache: dict[int, list[Party]] = {}
        self._busy: set[int] = set()

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
        if h.pos_ == "PRON" or low in RELATIVE:
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
        if low in RELATIVE:
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
            stranded = stranded_agent(v)
            if stranded is not None:
                return tagged(self.parties(stranded), via="agent"), True
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
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN")):
            # the noun a relative clause or an active participle modifies acts: "police firing near the
            # market left one dead", "a mob carrying swords" (a past participle's noun is its patient)
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
        stranded = stranded_agent(v) if passive else None
        for c in v.children:
            if c.dep_ in ("dobj", "dative", "attr", "oprd") and c is not stranded:
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
