"""The clause layer: tense, modality, negation and the temporal expressions of each clause.

One reading of these for every stage (events, dates, amounts, quotes): ask
``clauses(doc).clause_of(token)`` for a token's :class:`Clause`, and
``clauses(doc).timexes_for(clause, timexes)`` for the temporal expressions that date it.
Not a stage: the index is built on demand and cached on the Doc.
"""

from .layer import Clause, ClauseIndex, Modality, Tense, clauses, is_head
from .words import Words, words

__all__ = ["Clause", "ClauseIndex", "Modality", "Tense", "Words", "clauses", "is_head", "words"]
