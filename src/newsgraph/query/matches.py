"""A full-text search's matches, read once and shared by every read of a request (docs/query.md,
"Bounded full-text searches").

The search page counts, facets and lists the articles matching the same words, and each of those
reads asked the full-text index again: on PostgreSQL a bitmap of every matching row (4-9 ms for a word
in most articles), built once for the count and once for the candidates of the facets and of the list.
``article_matches`` asks once: the keys of the first ``fulltext_cap`` + 1 matches in the store's
candidate order, which give the total (up to the cap) and whether it is capped.  On PostgreSQL the keys
are the articles' ids: the facets' unranked candidates and the set the list ranks, ranked once
(``ArticleMatches.ranked``, from the ranks read with the keys or by whichever read needs it first).  On
SQLite they are full-text rowids (reading a row's id costs FTS5 a read of its whole row): the lowest
candidate's bounds the rows FTS5 ranks, and the facets read the ids of the candidates they count.
``quote_matches`` does the same for the quotes.  A cap of 0 (every match) reads no keys: the reads then
ask the index as before.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from .filters import ArticleFilter
from .sql import bounded_count, fulltext_cap, fulltext_of, run


@dataclass
class ArticleMatches:
    """The articles matching a filter's full-text words (``:fq`` in ``params``) and its other
    conditions (``clauses`` on ``articles a``, their values in ``params``)."""

    clauses: list[str]
    params: dict[str, Any]
    total: int  # matches, up to the cap
    capped: bool  # more than the cap match: ``total`` is the cap, a lower bound
    keys: list[Any] | None = None  # the candidates in the store's order (every match when not capped): their
    #                                ids (PostgreSQL) or full-text rowids (SQLite, ``keys_are_ids`` False);
    #                                None: no cap, nothing read ahead
    floor: int | None = None  # SQLite, capped: the lowest full-text rowid of the candidates
    ranks: list[float] | None = None  # the candidates' ranks, read with them (``article_matches(rank=True)``)
    _ranked: list[str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def ranked(self, store: Any) -> list[str]:
        """The candidates' ids best first (``keys`` is not None and the store ranks ids: ``ranks_ids``): from
        the ranks read with them, else ranked on ``store``; once, by the first read that asks (the others
        wait).  Best first: rank descending, then id in byte order, as the stores sort (``ORDER BY rank
        DESC, id``; ids are compared in byte order on both, and Python compares code points, the same)."""
        with self._lock:
            if self._ranked is None:
                assert self.keys is not None
                if self.ranks is not None:
                    order = sorted(zip(self.ranks, self.keys, strict=True), key=lambda r: (-r[0], r[1]))
                    self._ranked = [k for _, k in order]
                elif self.keys:
                    self._ranked = [r[0] for r in run(store, fulltext_of(store).ranked_by_id("fq", "ids"),
                                                       {"fq": self.params["fq"], "ids": self.keys})]
                else:
                    self._ranked = []
            return self._ranked


def article_matches(store: Any, f: ArticleFilter, *, rank: bool = False) -> ArticleMatches | None:
    """The articles ``f``'s full-text words match (with its other filters), read once; None when ``f``
    has no searchable words.  ``rank``: where the store ranks ids (PostgreSQL), read each candidate's rank
    with it (``ts_rank`` as the index hands the rows over), for a read that lists them best first."""
    ft = fulltext_of(store)
    wr, has_fts = f.where(ft, match=False)
    if not has_fts:
        return None
    cap = fulltext_cap(store)
    if cap <= 0:  # every match: counted; the reads rank them in their own queries
        total = bounded_count(store, ft.matching_articles(wr.clauses, "fq"), wr.params, 0)[0]
        return ArticleMatches(wr.clauses, wr.params, total, False)
    ranked = rank and ft.ranks_ids
    rows = run(store, ft.first_matches(wr.clauses, "fq", ranked=ranked), {**wr.params, "first": cap + 1})
    capped = len(rows) > cap
    kept = rows[:cap]
    floor = None if ft.keys_are_ids or not capped else int(kept[-1][0])
    return ArticleMatches(wr.clauses, wr.params, cap if capped else len(rows), capped, [r[0] for r in kept], floor,
                          [float(r[1]) for r in kept] if ranked else None)


@dataclass
class QuoteMatches:
    """The quotes matching full-text words (``terms``, the store's query syntax)."""

    terms: str
    total: int
    capped: bool
    keys: list[Any] | None = None  # the candidates (every match when not capped): (article id, index) pairs
    #                                (PostgreSQL) or full-text rowids (SQLite); None: no cap, nothing read ahead
    floor: int | None = None  # SQLite: the lowest full-text rowid of the candidates

    def condition(self, store: Any) -> tuple[str, dict[str, Any]]:
        """A condition on ``quotes qu`` keeping the candidates, and its parameters (``keys`` is not None)."""
        assert self.keys is not None
        cond: tuple[str, dict[str, Any]] = fulltext_of(store).quote_candidates("qfq", self)
        return cond


def quote_matches(store: Any, terms: str) -> QuoteMatches:
    """The quotes the full-text ``terms`` match, read once: the first ``fulltext_cap`` + 1 quotes' keys."""
    ft = fulltext_of(store)
    cap = fulltext_cap(store)
    if cap <= 0:
        return QuoteMatches(terms, bounded_count(store, ft.matching_quotes("qfq"), {"qfq": terms}, 0)[0], False)
    rows = run(store, ft.first_quotes("qfq"), {"qfq": terms, "first": cap + 1})
    kept = rows[:cap]
    if ft.keys_are_ids:
        return QuoteMatches(terms, cap if len(rows) > cap else len(rows), len(rows) > cap,
                            [(r[0], int(r[1])) for r in kept])
    return QuoteMatches(terms, cap if len(rows) > cap else len(rows), len(rows) > cap, [int(r[0]) for r in kept],
                        int(kept[-1][0]) if kept else None)
