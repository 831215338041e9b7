"""The words that set a clause's tense, modality and negation (``data/clause_words.tsv``).

Reporting verbs are not listed again here: they are the speech, belief, report and charge cues of
``data/cues.tsv``, the table the quote extractor reads, so "said", "believes" and "accused" mark
reported content in both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Words", "words"]

_REPORT_KINDS = frozenset({"speech", "belief", "report", "charge"})


def _rows(name: str) -> list[tuple[str, str]]:
    """(first, second) columns of a package TSV, without comments and the header row."""
    raw = resources.files("newsgraph").joinpath(f"data/{name}").read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] in ("word", "cue"):
            continue
        out.append((parts[0].strip().lower(), parts[1].strip().lower()))
    return out


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
    report = frozenset(w for w, kind in _rows("cues.tsv") if kind in _REPORT_KINDS and " " not in w)
    return Words({k: frozenset(v) for k, v in classes.items()}, report)
