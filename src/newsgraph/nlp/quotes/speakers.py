"""Who a cue's subject is: the speaker mention (a name, a pronoun, a description, the object of
``according to``) and the entity it resolves to.

Mentions come from the ``entities`` stage, else from spaCy's named entities (a surname grouped with
the full name it ends).  A pronoun goes to the most recent person (or organisation) in subject
position, a description (``the Kremlin aide``) to the most recent entity sharing its role words.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Entity, EntityRef
from ..spacy_model import doc_text
from .marks import QUOTE_CHARS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["NOT_SPEAKER_ENTS", "PERSON_PRONOUNS", "SUBJ_DEPS", "Resolver", "according_phrases", "find_mentions",
           "np_range", "speaker_of", "subject_of"]

_SPEAKER_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
SUBJ_DEPS = {"nsubj"}
NOT_SPEAKER_ENTS = {"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY"}
_NP_STOPS = {"-", "\u2014", "\u2013", "--", ":", ";", "(", ")", "[", "]", "|"}
_NOT_SPEAKERS = {"that", "which", "who", "whom", "what", "there", "this", "these", "whose"}
_NP_SKIP_DEPS = {"relcl", "acl", "appos", "punct", "prep", "advmod", "parataxis", "ccomp", "advcl"}
_GENERIC_HEADS = {
    "leader", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide",
    "president", "minister", "senator", "candidate", "lawmaker", "governor", "chairman",
    "chief", "head", "director", "secretary", "representative", "congressman",
    "congresswoman", "mayor", "premier", "prime", "counterpart", "businessman", "billionaire",
    "nominee", "frontrunner", "source", "adviser", "advisor", "diplomat", "envoy", "general",
    "commander", "ambassador", "speaker", "democrat", "republican", "justice", "judge",
}



@dataclass
class _Mention:
    start: int
    end: int
    entity: str | None
    name: str
    type: str
    actor: str | None
    words: frozenset[str] = field(default_factory=frozenset)  # role and title words


def find_mentions(doc: Doc, entities: Sequence[Entity]) -> list[_Mention]:
    """Mentions sorted by start: from the entity stage, else from spaCy's named entities."""
    out: list[_Mention] = []
    if entities:
        for e in entities:
            role = frozenset(w.lower() for w in (e.role or "").replace(",", " ").split())
            for m in e.mentions:
                out.append(_Mention(m.start, m.end, e.id, e.name, e.type, e.actor, role))
    else:
        full: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                full.setdefault(ent[-1].text, ent.text)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                continue
            name = ent.text
            if ent.label_ == "PERSON" and len(ent) == 1:
                name = full.get(ent.text, name)
            out.append(_Mention(ent.start_char, ent.end_char, None, name, ent.label_, None))
    out.sort(key=lambda x: (x.start, x.end))
    words: dict[str, set[str]] = {}
    for men in out:
        key = men.entity or men.name
        words.setdefault(key, set()).update(men.words)
        words[key].update(_title_words(doc, men))
    for men in out:
        men.words = frozenset(words[men.entity or men.name])
    return out


def _title_words(doc: Doc, m: _Mention) -> set[str]:
    """Lower-cased modifiers written next to a name ("Kremlin aide Yuri Ushakov")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return set()
    head = span.root
    out: set[str] = set()
    for c in head.children:
        if c.dep_ in ("compound", "amod", "appos", "nmod") and not (m.start <= c.idx < m.end):
            out.update(t.lower_ for t in c.subtree if t.is_alpha)
    if head.dep_ == "appos":
        out.update(t.lower_ for t in head.head.subtree if t.is_alpha and t.i < span.start)
    if head.dep_ in ("compound",) and head.head.pos_ == "NOUN":
        out.add(head.head.lower_)
    return out


class Resolver:
    """Finds the entity a speaker mention refers to."""

    def __init__(self, doc: Doc, mentions: list[_Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def at(self, start: int, end: int) -> _Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i].end > start:
            m = self.mentions[i]
            if m.start < end and m.end > start:
                return m
            i -= 1
        # a mention ending inside [start, end) but starting before it
        return None

    def before(self, pos: int, types: set[str], window: int = 3000) -> list[_Mention]:
        i = bisect.bisect_left(self.starts, pos) - 1
        out: list[_Mention] = []
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            if m.type in types and m.end <= pos:
                out.append(m)
            i -= 1
        return out

    def pronoun(self, tok: Token) -> _Mention | None:
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            types = {"PERSON"}
        elif low == "it":
            types = {"ORG", "GPE"}
        else:
            return None
        cands = self.before(tok.idx, types)
        for m in cands:  # most recent in subject position first
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span) and span.root.dep_ in ("nsubj", "nsubjpass"):
                return m
        return cands[0] if cands else None

    def description(self, head: Token, words: set[str]) -> _Mention | None:
        types = {"PERSON"} if head.lemma_.lower() in _GENERIC_HEADS else {"PERSON", "ORG", "GPE"}
        best: _Mention | None = None
        best_score = 0
        for m in self.before(head.idx, types):
            score = len(words & m.words)
            if score > best_score:
                best, best_score = m, score
        return best


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            if c.lower_ in ("there",):
                return None
            return c
    if depth > 3:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
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
        if "\n" in doc[j].text or doc[j].text[:1] in QUOTE_CHARS or doc[j].text in _NP_STOPS:
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
        m = res.pronoun(tok)
        if m is None:
            return EntityRef(None, None, tok.text, start, end)
        return EntityRef(m.entity, m.actor, m.name, start, end)
    if tok.ent_type_ in NOT_SPEAKER_ENTS:
        return None
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
    if tok.pos_ == "NOUN":
        words = {t.lower_ for t in tok.subtree if t.is_alpha and t.dep_ in ("amod", "compound")} | {
            tok.lower_, tok.lemma_.lower()}
        det = [c for c in tok.children if c.dep_ == "det"]
        if det and det[0].lower_ in ("the", "this", "that") and tok.tag_ == "NN":
            m = res.description(tok, words)
            if m is not None:
                return EntityRef(m.entity, m.actor, m.name, start, end)
    return EntityRef(None, None, doc_text(tok.doc)[start:end], start, end)


def according_phrases(doc: Doc) -> list[tuple[Token, Token | None, tuple[int, int]]]:
    """(``according`` token, head of its object, phrase range) for each ``according to``."""
    out = []
    for t in doc:
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
