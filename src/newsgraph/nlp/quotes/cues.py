"""The cue lexicon (``data/cues.tsv``) and cue detection: which verbs introduce speech, belief, reports,
charges, stances and intentions, and the span of a cue in the text."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...datafiles import tsv_rows

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["OBJECT_SPEECH", "channel_nouns", "cue_kind", "cue_span", "has_content", "load_cues", "speech_forms"]

# speech verbs whose direct object is what was said ("announced his candidacy", "denied the report")
OBJECT_SPEECH = {"announce", "deny", "confirm", "reveal", "predict", "propose", "acknowledge", "admit",
                  "cite", "describe", "reject", "dismiss", "defend", "question", "demand", "recommend",
                  "disclose", "repeat", "reiterate", "mention", "suggest", "claim", "concede", "blame"}


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str], ...]:
    """(cue, kind) rows of the package's ``cues.tsv``, in order."""
    return tuple((parts[0].strip().lower(), parts[1].strip().lower()) for parts in tsv_rows("cues.tsv")
                 if len(parts) >= 2 and parts[0] != "cue")


@lru_cache(maxsize=1)
def load_cues() -> dict[str, str]:
    """{cue: kind} of the cue words of ``cues.tsv`` (the first kind listed wins; the ``channel``
    nouns are ``channel_nouns``). The one reader of that table: the mention layer (speech verbs)
    and the clause layer (reporting verbs) ask it too."""
    out: dict[str, str] = {}
    for cue, kind in _rows():
        if kind != "channel":
            out.setdefault(cue, kind)
    return out


@lru_cache(maxsize=1)
def channel_nouns() -> frozenset[str]:
    """Nouns of ``cues.tsv`` that name a document or medium (``statement``, ``report``, ``tweet``):
    as the subject of a cue they are the channel, not the speaker."""
    return frozenset(cue for cue, kind in _rows() if kind == "channel")


@lru_cache(maxsize=1)
def _verb_cues() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    single: dict[str, str] = {}
    phrasal: dict[tuple[str, str], str] = {}
    for cue, kind in load_cues().items():
        words = cue.split()
        if kind == "source":
            continue
        if len(words) == 1:
            single[cue] = kind
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = kind
    return single, phrasal


@lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """Inflected forms of the one-word speech cues ("states", "noted"), for tokens the tagger
    did not take for verbs right after a quotation."""
    single, _ = _verb_cues()
    out = {"said", "told", "wrote", "spoke", "thought", "felt", "knew", "shot", "read", "reads"}
    for lemma, kind in single.items():
        if kind != "speech":
            continue
        out.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"))
        if lemma.endswith("e"):
            out.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            out.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
        else:
            out.add(lemma + "ed")
    return frozenset(out)


def cue_kind(tok: Token) -> str | None:
    single, phrasal = _verb_cues()
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    if tok.dep_ == "amod":  # "a written statement"
        return None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt" and (lemma, c.lower_) in phrasal:
            return phrasal[(lemma, c.lower_)]
    if tok.i + 1 < len(tok.doc) and (lemma, tok.doc[tok.i + 1].lower_) in phrasal:
        return phrasal[(lemma, tok.doc[tok.i + 1].lower_)]
    return single.get(lemma)


def cue_span(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return tok.idx, end


def has_content(verb: Token, after: int) -> bool:
    """``verb`` has a clause of its own after ``after``: ``denied that ...``, ``adding that ...``."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("that", "whether"):
        return True
    return any(c.dep_ == "ccomp" and c.idx >= after and c.idx > verb.idx
               and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") and m.i > verb.i for m in c.children)
               for c in verb.children)
