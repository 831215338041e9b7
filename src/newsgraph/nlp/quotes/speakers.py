"""Who a cue's subject is: the speaker mention (a name, a pronoun, a description, the object of
``according to``) and the entity it resolves to.

Names are the ``entities`` stage's mentions; a pronoun or a description (``the Kremlin aide``) goes
to the entity the mention layer (``newsgraph.mentions``) gives as its antecedent.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...actors.compose import role_of
from ...mentions import MentionIndex
from ...model import Entity, EntityRef
from ..spacy_model import doc_text, tokens
from .marks import QUOTE_CHARS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["NOT_SPEAKER_ENTS", "PERSON_PRONOUNS", "SUBJ_DEPS", "Resolver", "according_phrases", "find_mentions",
           "np_range", "relative_subject", "speaker_of", "subject_of"]

_SPEAKER_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
SUBJ_DEPS = {"nsubj"}
NOT_SPEAKER_ENTS = {"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY"}
_NP_STOPS = {"-", "\u2014", "\u2013", "--", ":", ";", "(", ")", "[", "]", "|"}
_NOT_SPEAKERS = {"that", "which", "who", "whom", "what", "there", "this", "these", "whose"}
_RELATIVES = ("who", "that", "which")
_OBJECT_DEPS = {"dobj", "obj", "dative", "iobj"}
_NP_SKIP_DEPS = {"relcl", "acl", "appos", "punct", "prep", "advmod", "parataxis", "ccomp", "advcl"}



@dataclass
class _Mention:
    start: int
    end: int
    entity: str | None
    name: str
    type: str
    actor: str | None


def find_mentions(entities: Sequence[Entity]) -> list[_Mention]:
    """Mentions of the entity stage's entities, sorted by start."""
    out = [_Mention(m.start, m.end, e.id, e.name, e.type, e.actor) for e in entities for m in e.mentions]
    out.sort(key=lambda x: (x.start, x.end))
    return out


class Resolver:
    """Finds the entity a speaker mention refers to: names by the mention they fall in, pronouns
    and descriptions ("the senator") by the mention layer's antecedent."""

    def __init__(self, doc: Doc, mentions: list[_Mention], index: MentionIndex) -> None:
        self.doc = doc
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.index = index

    def at(self, start: int, end: int) -> _Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i].end > start:
            m = self.mentions[i]
            if m.start < end and m.end > start:
                return m
            i -= 1
        # a mention ending inside [start, end) but starting before it
        return None

    def referent(self, tok: Token) -> _Mention | None:
        """The entity a pronoun or description at ``tok`` refers back to, as a mention at ``tok``."""
        e = self.index.entity(self.index.antecedent(tok.i) or "")
        if e is None:
            return None
        return _Mention(tok.idx, tok.idx + len(tok.text), e.id, e.name, e.type, e.actor)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            if c.lower_ in ("there",):
                return None
            return c
    if verb.lemma_.lower() == "quote":  # "X was quoted as saying": the quoted one speaks
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    if depth > 3:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.dep_ not in _OBJECT_DEPS:
        # "protesters chanting ...", "the share of voters saying ...": the actor the participle
        # hangs on speaks; not a message ("a speech attacking X": whoever gave it) nor an object
        # ("issued a statement saying" climbs to who issued it)
        for prep in verb.head.children:  # "the share of voters saying": the voters
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < verb.i:
                pobj = next((c for c in prep.children if c.dep_ == "pobj" and c.i < verb.i), None)
                if pobj is not None and _is_actor(pobj):
                    return pobj
        if _is_actor(verb.head):
            return verb.head
    if verb.tag_ in ("VBG", "VB", "VBN") and verb.dep_ in ("advcl", "xcomp", "pcomp", "conj", "acl"):
        head = verb.head
        for _ in range(2):
            if head.pos_ in ("ADP", "NOUN", "PROPN", "PRON") and head.head.i != head.i:
                head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_of(head, depth + 1)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _is_actor(tok: Token) -> bool:
    """``tok`` names or describes someone who can speak: a name, a pronoun, or a role word of the
    actor lexicon ("protesters", "voters", "a reporter")."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return tok.ent_type_ not in NOT_SPEAKER_ENTS
    return tok.pos_ == "NOUN" and role_of(tok.lemma_) is not None


def relative_subject(verb: Token, depth: int = 0) -> Token | None:
    """The relative pronoun that is the subject of ``verb`` (``the senator, who said ...``), also
    through a coordinated verb (``who founded X and said ...``).  It is the speaker's mention in
    the attribution: its entity is the noun the clause hangs on, its span the pronoun itself."""
    if verb.dep_ == "relcl":
        for c in verb.children:
            if c.dep_ in SUBJ_DEPS:
                return c if c.lower_ in _RELATIVES else None
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and depth < 3 and not any(
            c.dep_ in SUBJ_DEPS for c in verb.children):
        return relative_subject(verb.head, depth + 1)
    return None


def np_range(head: Token) -> tuple[int, int]:
    """Character range of the noun phrase headed by ``head`` (no clauses, appositions, PPs)."""
    lo, hi = head.i, head.i
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_SKIP_DEPS:
                continue
            if c.sent != head.sent:
                continue
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    doc = head.doc
    for j in range(head.i - 1, lo - 1, -1):  # never across a line break, a quotation mark or a dash
        hyphen = doc[j].text == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_  # "43-year-old"
        if "\n" in doc[j].text or doc[j].text[:1] in QUOTE_CHARS or (doc[j].text in _NP_STOPS and not hyphen):
            lo = j + 1
            break
    for j in range(head.i + 1, hi + 1):
        if "\n" in doc[j].text or doc[j].text[:1] in QUOTE_CHARS:
            hi = j - 1
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def speaker_of(tok: Token | None, res: Resolver) -> EntityRef | None:
    """The speaker mention headed by ``tok``, resolved to an entity when possible."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" or tok.lower_ in _SPEAKER_PRONOUNS:
        if tok.lower_ in _NOT_SPEAKERS:
            return None
        if tok.lower_ not in _SPEAKER_PRONOUNS and tok.lower_ not in PERSON_PRONOUNS:
            start, end = np_range(tok)
            return EntityRef(None, None, doc_text(tok.doc)[start:end], start, end)
        start, end = tok.idx, tok.idx + len(tok.text)
        m = res.referent(tok)
        if m is None:
            return EntityRef(None, None, tok.text, start, end)
        return EntityRef(m.entity, m.actor, m.name, start, end)
    if tok.ent_type_ in NOT_SPEAKER_ENTS and not (
            tok.dep_ in SUBJ_DEPS and tok.lower_ == "old" and any(c.dep_ == "det" for c in tok.children)):
        return None  # but "the 43-year-old said": an age standing for a person
    if tok.pos_ not in ("PROPN", "NOUN", "NUM", "X", "ADJ"):
        m = res.at(tok.idx, tok.idx + len(tok.text)) if tok.dep_ in SUBJ_DEPS else None
        if m is None:  # a name the tagger took for a verb ("Trump/VERB shot back") is still a name
            return None
        return EntityRef(m.entity, m.actor, m.name, m.start, m.end)
    start, end = np_range(tok)
    m = res.at(tok.idx, tok.idx + len(tok.text))
    if m is None:
        m = res.at(start, end) if tok.pos_ == "PROPN" else None
    if m is None:  # "the mayor, Peter Novak," -- the name in apposition
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                m = res.at(c.idx, c.idx + len(c.text))
                if m is not None:
                    break
    if m is not None:
        return EntityRef(m.entity, m.actor, m.name, start, end)
    if tok.pos_ == "NOUN":  # "the senator", "the Kremlin aide"
        m = res.referent(tok)
        if m is not None:
            return EntityRef(m.entity, m.actor, m.name, start, end)
    return EntityRef(None, None, doc_text(tok.doc)[start:end], start, end)


def according_phrases(doc: Doc) -> list[tuple[Token, Token | None, tuple[int, int]]]:
    """(``according`` token, head of its object, phrase range) for each ``according to``."""
    out = []
    for t in tokens(doc):
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        end_tok = obj.right_edge if obj is not None else to
        while end_tok.i > to.i and end_tok.is_punct:
            end_tok = doc[end_tok.i - 1]
        out.append((t, obj, (t.idx, end_tok.idx + len(end_tok.text))))
    return out
