"""Clause facts the event coder reads off the dependency parse: the clause verb, a token's
depth, and the negation and modality (future, hypothetical) of a clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_modality", "clause_verb", "tree_depth"]

_FUTURE = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL = {"would", "could", "might", "may", "should", "must", "ought", "'d"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}


def clause_verb(t: Token) -> Token:
    """The verb (or root) whose clause holds ``t``."""
    cur = t
    for _ in range(30):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def tree_depth(t: Token) -> tuple[int, int]:
    d = 0
    cur = t
    while cur.head.i != cur.i and d < 50:
        cur = cur.head
        d += 1
    return d, t.i


def clause_modality(v: Token) -> tuple[bool, str]:
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

