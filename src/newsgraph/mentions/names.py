"""Short names and their salience: which person a bare surname ("Clinton") or a title +
surname ("Mrs. Clinton") refers to when several people in the article share it.

The entity grouping (nlp/entities.py) calls ``pick_person`` for every short person name
that more than one person could own.  The rule is salience, not recency:

1. gender: a courtesy title ("Mrs.", "Mr.") keeps only people of that gender (or of
   unknown gender when no one matches exactly);
2. a lexicon alias alone ("Clinton" listed for Bill Clinton) never beats a person whose
   full name is in the article: the alias only counts when its owner is named in full too;
3. among the rest, the person the article is about wins: named in the headline (3),
   named in full first (2), named in full most often (1), and, as the weakest signal,
   the nearest full mention before the short one (1).  Ties go to the earlier full mention.

It is a pure function of token positions, so the mention stage and tests can call it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp.spacy_model import doc_text, tokens
from .gender import first_name_gender, title_gender

if TYPE_CHECKING:
    from spacy.tokens import Doc

# words written before a surname that are not part of the name ("Mrs. Clinton", "Sen. Warren")
NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lady", "lord", "dame", "prof", "professor",
    "sen", "senator", "rep", "representative", "gov", "governor", "president", "pres", "secretary",
    "gen", "general", "col", "lt", "sgt", "capt", "adm", "judge", "justice", "mayor", "rev", "father",
    "speaker", "chancellor", "minister", "premier", "king", "queen", "prince", "princess", "pope",
    "ambassador", "commissioner", "chairman", "chairwoman", "leader", "candidate", "nominee", "former",
    "vice", "prime", "the"})

# titles written before a surname, never before a given name alone ("Mr Howard" is a Mr Howard, not Howard
# Doe); "Sir", "Lady", "Prince", "King", "Father" take a given name and are not here
SURNAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sen", "senator", "rep",
                            "representative", "gov", "governor", "gen", "general", "col", "lt", "sgt", "capt",
                            "adm", "judge", "justice", "mayor", "chancellor", "premier", "ambassador",
                            "commissioner"})


@dataclass(frozen=True)
class Option:
    """A person a short name could refer to."""

    key: str  # the entity group's key
    full: tuple[tuple[int, int], ...]  # token spans of its full-name mentions, in text order
    gender: str | None = None
    alias_only: bool = False  # offered only because the lexicon lists the short name for it


def name_tokens(doc: Doc, start: int, end: int) -> list[str]:
    """The name words of a mention, without titles, full stops and a possessive ending."""
    words = [t.text for t in doc[start:end] if t.text not in ("'s", "’s", ".") and not t.is_space]
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words.pop(0)
    return words


def title_of(doc: Doc, start: int, end: int) -> str | None:
    """Gender a courtesy title at or right before a mention says ("Mrs. Clinton" -> "F")."""
    i = start
    while i < end and doc[i].text.lower().rstrip(".") in NAME_TITLES:
        g = title_gender(doc[i].text)
        if g:
            return g
        i += 1
    j = start - 1
    if j >= 0 and doc[j].text == ".":
        j -= 1
    if j >= 0:
        return title_gender(doc[j].text)
    return None


def surname_titled(doc: Doc, start: int, end: int) -> bool:
    """Whether a short name is written after a title that takes a surname ("Mr Howard", "Dr. Lee"): its words
    are then the end of a full name, never a given name."""
    i = start
    while i < end and doc[i].text.lower().rstrip(".") in NAME_TITLES:
        if doc[i].text.lower().rstrip(".") in SURNAME_TITLES:
            return True
        i += 1
    j = start - 1
    if j >= 0 and doc[j].text == ".":
        j -= 1
    return j >= 0 and doc[j].text.lower().rstrip(".") in SURNAME_TITLES


def span_gender(doc: Doc, start: int, end: int) -> str | None:
    """Gender from a mention alone: its courtesy title, else its first name in the sourced table."""
    g = title_of(doc, start, end)
    if g:
        return g
    words = name_tokens(doc, start, end)
    if len(words) >= 2:
        return first_name_gender(words[0])
    return None


def person_gender(doc: Doc, spans: Sequence[tuple[int, int]]) -> str | None:
    """Gender of a person from all its mentions; None when unknown or contradictory."""
    seen = {g for s, e in spans if (g := span_gender(doc, s, e))}
    return seen.pop() if len(seen) == 1 else None


def pick_person(options: Sequence[Option], *, at: int, title: str | None = None,
                headline_end: int = 0) -> str | None:
    """Key of the person a short name at token ``at`` refers to (see the module docstring).

    ``title`` is the gender its courtesy title says; ``headline_end`` the first token after the
    headline (0 when the article has none).  None when there is no option.
    """
    opts = list(options)
    if not opts:
        return None
    if title is not None:
        exact = [o for o in opts if o.gender == title]
        if exact:
            opts = exact
        else:
            opts = [o for o in opts if o.gender is None] or opts
    named = [o for o in opts if o.full and not o.alias_only]
    if named:
        opts = [o for o in opts if o.full]
    if len(opts) == 1:
        return opts[0].key
    firsts = {o.key: min((s for s, _ in o.full), default=1 << 30) for o in opts}
    counts = {o.key: len(o.full) for o in opts}
    earliest = min(firsts.values())
    most = max(counts.values()) or 1
    before = {o.key: max((s for s, _ in o.full if s < at), default=-1) for o in opts}
    nearest = max(before.values())

    def score(o: Option) -> tuple[float, int]:
        s = 0.0
        if headline_end and any(st < headline_end for st, _ in o.full):
            s += 3
        if firsts[o.key] == earliest:
            s += 2
        s += counts[o.key] / most
        if nearest >= 0 and before[o.key] == nearest:
            s += 1
        return s, -firsts[o.key]

    return max(opts, key=score).key


def headline_end(doc: Doc, title: str | None) -> int:
    """First token after the headline when the text starts with it (the output contract's
    "title, blank line, body"), else 0."""
    if not title or not doc_text(doc).startswith(title):
        return 0
    cut = len(title)
    for t in tokens(doc):
        if t.idx >= cut:
            return t.i
    return len(doc)
