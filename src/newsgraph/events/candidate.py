"""An event found in a sentence, before it is paired, dated, placed and emitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .parties import Party

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["UNSURE", "Candidate"]

# modalities (from the clause layer) of events that may not happen: they get a lower confidence
UNSURE = frozenset({"hypothetical", "conditional", "advised"})


@dataclass
class Candidate:
    code: str
    trigger: Token
    sources: list[Party]
    targets: list[Party]
    flags: frozenset[str] = frozenset()
    negated: bool = False
    modality: str = "asserted"  # a clause-layer Modality value (see newsgraph.clauses)
    confidence: float = 0.6
    nominal: bool = False
    consumed: set[int] = field(default_factory=set)
    clause: Token | None = None  # the verb whose clause the event belongs to
    base: str = ""  # the code before a future/intent shift
