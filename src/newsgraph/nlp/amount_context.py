"""What an amount is about, read from the dependency parse: the thing it measures (``Trade between
the two countries``), the date of its clause (the temporal expression the clause layer gives that
clause, from the ``timexes`` stage; else a bare year) and its source (``according to Chinese customs data``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..clauses import clauses
from ..model import Span, Timex
from .amount_grammar import currencies

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["amount_date", "amount_measure", "amount_root", "amount_source", "dated_timexes"]

_SOURCE_VERBS = frozenset(
    ["say", "show", "estimate", "report", "find", "calculate", "put", "reveal", "indicate", "suggest",
     "announce", "publish", "tell", "state", "according"]
)
_SOURCE_NOUNS = frozenset(
    ["datum", "data", "figure", "figures", "statistic", "statistics", "survey", "poll", "report", "study",
     "estimate", "estimates", "official", "officials", "ministry", "office", "agency", "analyst", "analysts",
     "police", "authority", "authorities", "bank", "government", "spokesman", "spokeswoman", "spokesperson",
     "company", "group", "institute", "research", "researcher", "researchers", "economist", "economists",
     "source", "sources", "minister", "president", "organisation", "organization", "customs", "census"]
)
_AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SKIP_MEASURE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "advcl", "parataxis"})
_DATE_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$|^\d{4}-(?:Q[1-4]|W\d\d|H[12])$")
_BARE_YEAR = re.compile(r"(?:in |during |for |by )?(?:the year )?(?:fiscal )?\d{4}")


def amount_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _clause_verb(tok: Token) -> Token | None:
    """The verb governing ``tok``: walk up through nouns, prepositions and conjuncts."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _trimmed(doc: Doc, toks: list[Token], text: str) -> Span | None:
    """A contiguous phrase from tokens: cut at punctuation, drop determiners and possessives in front."""
    if not toks:
        return None
    toks = sorted(toks, key=lambda x: x.i)
    run = [toks[0]]
    for t in toks[1:]:
        if t.i != run[-1].i + 1 or (t.is_punct and t.text not in ("-", "'s", "’s")) or t.is_space \
                or "\n" in run[-1].whitespace_:
            break
        run.append(t)
    while run and (run[0].pos_ in ("DET", "PRON", "PART", "CCONJ", "ADP") or run[0].is_punct
                   or (run[0].dep_ == "poss" and run[0].pos_ == "PRON")):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].pos_ in ("ADP", "CCONJ", "DET")):
        run = run[:-1]
    if not run or run[0].text[0].isdigit() or run[0].text in currencies().by_symbol:
        return None  # part of another amount: "(£40m)"
    s, e = run[0].idx, run[-1].idx + len(run[-1].text)
    return Span(s, e, text[s:e])


def _phrase(tok: Token, *, before: int | None = None, after: int | None = None) -> list[Token]:
    """``tok`` and its modifiers, without clauses, and within (before, after) token bounds."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if (before is not None and t.i >= before) or (after is not None and t.i <= after):
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ not in _SKIP_MEASURE_DEPS:
                stack.append(c)
    return out


def amount_measure(doc: Doc, root: Token, start: int, end: int, text: str) -> Span | None:
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    lo, hi = first.start, first.end  # token bounds of the amount
    while root.dep_ == "conj" and root.head.i < lo and root.head.pos_ in ("NOUN", "NUM", "PROPN", "SYM"):
        root = root.head  # "240 billion yuan and 500 million rubles": the first one's measure
        hi = root.i + 1
    if hi < len(doc) and doc[hi].lower_ in ("in", "of", "worth"):
        nxt = doc[hi]
        obj = next((g for g in nxt.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ and not obj.like_num:
            return _trimmed(doc, _phrase(obj), text)
    # "$5 billion in military aid", "5 million barrels of oil", "$3 billion worth of goods"
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "worth", "for") and c.i >= hi:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.lower_ == "worth" and obj is None:
                of = next((g for g in c.children if g.lower_ == "of"), None)
                obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ and not obj.like_num:
                return _trimmed(doc, _phrase(obj), text)
    head = root.head
    # "a 26% annual increase", "a $5 billion aid package for Ukraine"
    if root.dep_ in ("nummod", "amod", "compound", "nmod", "quantmod", "npadvmod") and head.i >= hi \
            and head.pos_ in ("NOUN", "PROPN"):
        return _trimmed(doc, [t for t in _phrase(head) if t.i >= hi], text)
    # "a budget of $5 billion", "losses of 5%"
    if root.dep_ == "pobj" and head.lower_ in ("of", "at", "to", "by", "from", "around") \
            and head.head.pos_ in ("NOUN", "PROPN"):
        return _trimmed(doc, _phrase(head.head, before=head.i), text)
    # an amount in a clause: its subject ("Trade between the two countries ... hitting $240.1 billion")
    v = _clause_verb(root)
    for _ in range(4):
        if v is None:
            return None
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.pos_ == "PRON" or lo <= subj.i < hi or subj.like_num:
                return None
            return _trimmed(doc, _phrase(subj), text)
        if v.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp") and v.head.i != v.i:
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return _trimmed(doc, _phrase(v.head, before=v.i), text)
            v = _clause_verb(v) if v.head.pos_ not in ("VERB", "AUX") else v.head
        else:
            return None
    return None


def amount_date(doc: Doc, root: Token, timexes: Sequence[Timex] | None) -> str | None:
    """The date of the amount's clause: the nearest timex the clause layer gives that clause
    (``timexes``: the article's DATE timexes of a day, month, quarter or year, see
    :func:`dated_timexes`); without timexes, a bare year that spaCy tags as a date in the clause."""
    idx = clauses(doc)
    cl = idx.clause_of(root)
    if timexes is not None:
        near = sorted(idx.timexes_for(cl, timexes), key=lambda tx: abs(tx.span.start - root.idx))
        return near[0].value if near else None
    for ent in root.sent.ents:
        if ent.label_ == "DATE" and idx.clause_of(ent.root) is cl:
            m = re.search(r"\b(?:1[89]|20)\d\d\b", ent.text)
            if m and _BARE_YEAR.fullmatch(ent.text.lower()):
                return m.group(0)
    return None


def dated_timexes(timexes: Sequence[Timex] | None) -> list[Timex] | None:
    """The DATE timexes that can date an amount (a day, month, quarter, half or year)."""
    if timexes is None:
        return None
    return [tx for tx in timexes if tx.type == "DATE" and _DATE_VALUE.match(tx.value)]


def amount_source(doc: Doc, root: Token, text: str) -> Span | None:
    """'according to Chinese customs data', 'citing X', or the subject of 'X said/showed ...'."""
    sent = root.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            obj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _trimmed(doc, _phrase(obj), text)
        if t.lower_ == "citing":
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _trimmed(doc, _phrase(obj), text)
    # X said / data from X showed ... (the amount inside the verb's complement)
    t = root
    for _ in range(12):
        if t.head.i == t.i:
            break
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in _SOURCE_VERBS:
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in _AGENT_TYPES
                                     or subj.lemma_.lower() in _SOURCE_NOUNS):
                return _trimmed(doc, _phrase(subj), text)
            break
        t = t.head
    return None
