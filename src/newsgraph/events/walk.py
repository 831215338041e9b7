"""Walking a sentence for triggers: its tokens ordered by depth in the parse, hyphenated words taken whole, and the
clause facts (the clause's verb, negation and modality, whether a verb describes its noun, whether an event noun is
apart from its clause's subject) a trigger is read with. The clause facts come from the clause layer
(``newsgraph.clauses``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..clauses import clauses
from .argclass import word_classes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpanT

_HEADS_KEY = "newsgraph_heads"


def tree_depth(t: Token) -> tuple[int, int]:
    """(depth in the parse tree, index): the order in which a sentence's tokens are tried."""
    d = 0
    cur = t
    while cur.head.i != cur.i and d < 50:
        cur = cur.head
        d += 1
    return d, t.i


def _heads(doc: Doc) -> list[int]:
    """The head index of every token of ``doc``, read in one call and kept on the Doc."""
    got = doc.user_data.get(_HEADS_KEY)
    if got is None:
        from spacy.attrs import HEAD

        rel = doc.to_array(HEAD).astype("int64").tolist()  # offsets to the head
        got = doc.user_data[_HEADS_KEY] = [i + int(r) for i, r in enumerate(rel)]
    return list(got)


def hyphened(v: Token) -> tuple[str, ...]:
    """The lemma of a hyphenated word the tokenizer split before ``v`` ("lathi-charged" ->
    ``lathi-charge`` and ``lathicharge``; the noun "lathi-charge" likewise), or nothing when ``v``
    is not the end of one."""
    doc = v.doc
    if v.i < 2 or doc[v.i - 1].text != "-" or doc[v.i - 1].whitespace_ or doc[v.i - 2].whitespace_:
        return ()
    first = doc[v.i - 2].lower_
    if not first.isalpha():
        return ()
    return (f"{first}-{v.lemma_.lower()}", f"{first}{v.lemma_.lower()}")


def by_depth(sent: SpanT) -> list[Token]:
    """The tokens of ``sent`` sorted by :func:`tree_depth`, computed from the heads in one pass.

    A token's depth is its head's plus one (capped at 50, as in ``tree_depth``), so each head is
    read once instead of walking up from every token.
    """
    heads = _heads(sent.doc)
    lo, hi = sent.start, sent.end
    depth: dict[int, int] = {}
    for i in range(lo, hi):
        chain: list[int] = []
        cur = i
        while cur not in depth:
            if not lo <= cur < hi:  # a head outside the span: fall back to the walk
                break
            h = heads[cur]
            if h == cur:
                depth[cur] = 0
                break
            chain.append(cur)
            cur = h
            if len(chain) > 50:
                break
        if cur in depth and len(chain) <= 50:
            base = depth[cur]
            for k, j in enumerate(reversed(chain), 1):
                depth[j] = min(base + k, 50)
    return sorted(sent, key=lambda t: (depth[t.i], t.i) if t.i in depth else tree_depth(t))


def clause_verb(t: Token) -> Token:
    """The head of the clause that holds ``t`` (the clause layer's)."""
    return clauses(t.doc).head_of(t)


def clause_modality(v: Token) -> tuple[bool, str]:
    """(negated, modality) of the clause of ``v``, from the clause layer."""
    cl = clauses(v.doc).clause_of(v)
    return cl.negated, cl.modality.value


def describes(v: Token) -> bool:
    """Whether verb ``v`` describes its noun rather than tells an act: a participial modifier ("a
    group backing Clinton") or a present-tense relative clause without an auxiliary ("senators who
    oppose the bill")."""
    if v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"):
        return True
    if v.tag_ == "VBG" and v.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos") and any(
            c.dep_ in ("compound", "amod", "det") and c.i < v.i for c in v.children):
        return True  # the same, parsed as a noun phrase headed by the participle ("a PAC backing X")
    return v.dep_ == "relcl" and v.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in v.children)


def apart_from_clause(n: Token, verb: Token) -> bool:
    """Whether event noun ``n`` is no act of the subject of its clause's verb: it stands in an appositive ("signed
    it in Lima, the host city of the summit"), or it is a gathering its own modifier names as a group's ("the
    G20 summit", "NATO meetings": its members are not two sides of it)."""
    cur = n
    for _ in range(12):
        if cur.i == verb.i or cur.head.i == cur.i:
            break
        if cur.dep_ == "appos":
            return True
        cur = cur.head
    if "meeting" not in word_classes().get(n.lemma_.lower(), frozenset()):
        return False
    return any(c.dep_ in ("compound", "nmod", "nummod") and c.i < n.i and (c.pos_ == "PROPN" or c.like_num)
               for c in n.children)
