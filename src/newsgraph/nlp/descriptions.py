"""Descriptions of a person already named: "the Chinese leader", "his Russian counterpart" join the one
person of that country named before them (used by the entity stage, nlp/entities.py).  A description that
names another body ("the Dutch Labour party leader") leads that body and joins no one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..actors import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

DESC_HEADS = frozenset({"leader", "president", "counterpart", "premier", "minister", "chancellor",
                        "aide", "envoy", "diplomat", "ambassador", "spokesman", "spokeswoman",
                        "spokesperson", "official", "general", "commander", "king", "queen", "prince",
                        "monarch", "dictator", "strongman", "head", "chief", "secretary"})


def descriptions(doc: Doc, persons: Sequence[tuple[str | None, int]], lx: Lexicon) -> list[tuple[int, int, int]]:
    """``(person index, start, end)`` of each description that joins a person; ``persons`` are (country,
    first token) of the article's person entities."""
    out: list[tuple[int, int, int]] = []
    if not persons:
        return out
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.lemma_.lower() not in DESC_HEADS or head.pos_ != "NOUN":
            continue
        if chunk[0].lower_ not in ("the", "his", "her", "their", "its"):
            continue
        country = None
        named = False  # another name in the description: "the Dutch Labour party leader" leads that party
        for t in chunk[1:-1]:
            entries = lx.phrases.get(t.text)
            if entries and entries[0].kind in ("demonym", "country", "seat"):
                country = entries[0].country
            elif t.text[:1].isupper() and t.lower_ not in lx.role_words:
                named = True
        if country is None or named:
            continue
        before = [i for i, (c, first) in enumerate(persons) if c == country and first < chunk.start]
        if len(before) == 1:
            out.append((before[0], chunk.start, chunk.end))
    return out
