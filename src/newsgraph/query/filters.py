"""The filters of the read API and their one meaning, shared by the CLI, the REST API, the web
pages and the exports (docs/query.md).

- Actor and CAMEO codes match by **prefix** and ignore case: ``GBR`` (or ``gbr``) finds ``GBR``,
  ``GBRGOV`` and ``GBRMIL``; ``04`` finds ``040``-``046``.  Codes are stored upper case, so the
  value is upper-cased and compared as an index range.
- An event is dated by **its own date, else its article's publication date**; ``--from`` /
  ``--to`` (``from`` / ``to``) take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and are inclusive
  (``to=2024-03`` admits the whole of March).
- **Negated events** ("did not attack") are left out unless asked for (``--negated`` /
  ``negated=true``): they report something that did not happen.
- **Confidence**: ``--min-confidence`` / ``min_confidence`` keeps the events (and quotes) whose
  confidence is at least the value; left out, the setting ``min_confidence_events``
  (``min_confidence_quotes``) applies.  A threshold of 0 keeps everything, also rows of an old
  database without a confidence; a higher one leaves those out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store.sqlite import SQLiteFullText
from .sql import TOP, Where, code_of, date_upper

WHEN = "coalesce(ev.date, a.published)"  # an event is dated by its own date, else by its article's
PERIOD_LEN = {"year": 4, "month": 7, "day": 10}
PERIOD_GLOB = {
    "year": "[0-9][0-9][0-9][0-9]*",
    "month": "[0-9][0-9][0-9][0-9]-[0-9][0-9]*",
    "day": "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*",
}
PERIODS = ("day", "month", "year", "all")


DAY = "nullif(ev.day, '')"  # the same date in the rollup event_stats (cut to 10 characters; store/rollups.py)
# The mean Goldstein score of a group of events, summed in tenths (the CAMEO scale's unit) so that the sum
# is exact: the rows and the rollup give the same mean to the last digit, whatever the order of the sum.
MEAN = "round(sum(round(ev.goldstein * 10)) / nullif(10 * count(ev.goldstein), 0), 3)"
MEAN_OF_ROLLUP = "round(sum(ev.goldstein_tenths) / nullif(10 * sum(ev.goldstein_n), 0), 3)"


def period_of(period: str, when: str = WHEN) -> str:
    """SQL for an event's period: its date cut to ``period`` (day, month, year), or to the finest
    part known when the date is coarser (a year-only date counts in its year); NULL for ``all``."""
    if period == "all":
        return "NULL"
    finer = [p for p in ("day", "month", "year") if PERIOD_LEN[p] <= PERIOD_LEN[period]]
    cases = " ".join(f"WHEN {when} GLOB '{PERIOD_GLOB[p]}' THEN substr({when}, 1, {PERIOD_LEN[p]})" for p in finer)
    return f"CASE {cases} END"


@dataclass(frozen=True)
class EventFilter:
    """Which events: every field None (or False) means no restriction."""

    actor: str | None = None  # either side (prefix)
    source: str | None = None  # prefix
    target: str | None = None  # prefix
    code: str | None = None  # prefix ("04" also finds "041")
    root: str | None = None
    quad_class: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    exact: bool = False  # source and target match whole codes (one edge of the network)
    negated: bool = False  # also the negated events
    min_confidence: float | None = None  # events of at least this confidence (None or 0: all)

    def where(self, when: str = WHEN, *, indexed: bool = True, by_confidence: bool = True) -> Where:
        """The WHERE clause over ``events ev JOIN articles a``, or over the rollup ``event_stats ev`` with
        ``when=DAY`` (every field but ``article`` is a column there; ``rollup_ok`` says whether it may).
        ``indexed=False`` compares the actor and code columns as expressions (``col || ''``, the same
        values), so that the database cannot read them through their indexes: a query that reads the
        events down another index (newest first, or by confidence) then keeps to it; ``by_confidence=False``
        does the same to the confidence (``confidence + 0``), for a query read through the other filters'."""
        def col(name: str) -> str:
            return f"ev.{name}" if indexed else f"(ev.{name} || '')"

        w = Where()
        if not self.negated:
            w.add("ev.negated = 0")
        if self.min_confidence:
            w.add(f"{'ev.confidence' if by_confidence else '(ev.confidence + 0)'} >= :minconf",
                  minconf=float(self.min_confidence))
        if self.exact and self.source and self.target:
            w.add(f"{col('source_actor')} = :xsource AND {col('target_actor')} = :xtarget",
                  xsource=code_of(self.source), xtarget=code_of(self.target))
        else:
            if self.source:
                w.prefix(col("source_actor"), "source", code_of(self.source))
            if self.target:
                w.prefix(col("target_actor"), "target", code_of(self.target))
        if self.actor:
            a, s, t = code_of(self.actor), col("source_actor"), col("target_actor")
            w.add(f"(({s} >= :actor_lo AND {s} < :actor_hi) OR ({t} >= :actor_lo AND {t} < :actor_hi))",
                  actor_lo=a, actor_hi=a + TOP)
        if self.code:
            w.prefix(col("code"), "code", code_of(self.code))
        if self.root:
            w.add("ev.root = :root", root=self.root.strip())
        if self.quad_class is not None:
            w.add("ev.quad_class = :quad", quad=self.quad_class)
        if self.date_from:
            w.add(f"{when} >= :dfrom", dfrom=self.date_from)
        if self.date_to:
            w.add(f"{when} <= :dto", dto=date_upper(self.date_to))
        if self.article:
            w.add("ev.article_id = :article", article=self.article)
        return w

    def shown(self) -> EventFilter:
        """Only the threshold and the negation of these filters: the events a list may show at all."""
        return EventFilter(negated=self.negated, min_confidence=self.min_confidence)

    def narrowed(self) -> bool:
        """Whether a filter other than the threshold and the negation can be read through an index (an
        actor, a code, a date, an article)."""
        return bool(self.actor or self.source or self.target or self.code or self.date_from or self.date_to
                    or self.article)

    def rollup_ok(self) -> bool:
        """Whether the rollup event_stats can answer for these filters (all but ``article``)."""
        return not self.article


def min_confidence(given: float | None, default: float) -> float:
    """The threshold a read applies: the one asked for, else the setting's ``default`` (the one rule by
    which the CLI, the REST API, the pages and the exports choose it)."""
    return default if given is None else float(given)


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles: every field None means no restriction."""

    q: str | None = None  # full-text words (word* for prefixes)
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None  # an entity name or actor code, whole
    actor: str | None = None  # actor code prefix of an entity of the article

    def empty(self) -> bool:
        """No filter at all."""
        return not (self.q or self.outlet or self.date_from or self.date_to or self.entity or self.actor)

    def only_words(self) -> bool:
        """Full-text words and no other filter."""
        return bool(self.q) and not (self.outlet or self.date_from or self.date_to or self.entity or self.actor)

    def where(self, fulltext: Any = None, *, match: bool = True) -> tuple[Where, bool]:
        """The WHERE clause over ``articles a`` and whether it uses the full-text index; ``match=False``
        leaves the full-text condition to the caller (it joins the full-text table itself), binding
        only its terms to ``:fq``."""
        ft = fulltext or SQLiteFullText()
        w = Where()
        fq = ft.terms(self.q) if self.q else ""
        if self.q and not fq:
            w.add("1 = 0")  # words with no searchable characters match nothing
        if fq:
            if match:
                w.add(ft.article_match("fq"), fq=fq)
            else:
                w.params["fq"] = fq
        if self.outlet:
            w.add("a.outlet = :outlet", outlet=self.outlet)
        if self.date_from:
            w.add("a.published >= :dfrom", dfrom=self.date_from)
        if self.date_to:
            w.add("a.published <= :dto", dto=date_upper(self.date_to))
        if self.entity:
            w.add("a.id IN (SELECT article_id FROM entities WHERE name = :entity "
                  "UNION SELECT article_id FROM entities WHERE actor = :entity)", entity=self.entity)
        if self.actor:
            a = code_of(self.actor)
            w.add("a.id IN (SELECT e.article_id FROM entities e WHERE e.actor >= :actor_lo AND e.actor < :actor_hi)",
                  actor_lo=a, actor_hi=a + TOP)
        return w, bool(fq)
