"""The words that set a clause's tense, modality and negation (``data/clause_words.tsv``).

Reporting verbs are not listed again here: they are the speech, belief, report and charge cues of
``data/cues.tsv``, the table the quote extractor reads, so "said", "believes" and "accused" mark
reported content in both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import tsv_rows

__all__ = ["Words", "words"]

_REPORT_KINDS = frozenset({"speech", "belief", "report", "charge"})


def _rows(name: str) -> list[tuple[str, str]]:
    """(first, second) columns of a package TSV, without the header row."""
    return [(parts[0].strip().lower(), parts[1].strip().lower()) for parts in tsv_rows(name)
            if len(parts) >= 2 and parts[0] != "word"]


@dataclass(frozen=True, slots=True)
class Words:
    """Word classes of the clause layer: ``classes[name]`` is a set of lemmas (or "lemma prep")."""

    classes: dict[str, frozenset[str]]
    report: frozenset[str]  # lemmas of reporting verbs (single words of cues.tsv)

    def has(self, cls: str, word: str) -> bool:
        return word in self.classes.get(cls, frozenset())


@lru_cache(maxsize=1)
def words() -> Words:
    """The clause word table and the reporting verbs, loaded once."""
    classes: dict[str, set[str]] = {}
    for word, cls in _rows("clause_words.tsv"):
        classes.setdefault(cls, set()).add(word)
    from ..nlp.quotes.cues import load_cues  # the one reader of cues.tsv (imported at call time)

    report = frozenset(w for w, kind in load_cues().items() if kind in _REPORT_KINDS and " " not in w)
    return Words({k: frozenset(v) for k, v in classes.items()}, report)
