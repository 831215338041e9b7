"""Cross-article linking: one real-world event, many mentions (GDELT 2.0's events/mentions split).

An event is identified by (source actor, target actor, CAMEO code, date): every article
sentence that reports it is a mention.  ``linked_events`` computes the events with their
NumMentions, NumSources (distinct outlets), NumArticles and AvgTone from the store's
per-article ``events`` table, so the grouping is always in step with what is stored.
Negated events are mentions of nothing: they are left out, as GDELT leaves them out; so are events
that are not asserted (conditional, hypothetical, advised or intended acts: ``events.cameo.asserted``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..events.cameo import asserted
from ..query.tables import event_mentions

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    event_id: int
    source: str
    target: str
    code: str
    date: str  # YYYY-MM-DD (or YYYY-MM / YYYY when that is all that is known)
    num_mentions: int
    num_sources: int
    num_articles: int
    avg_tone: float
    first_row: dict[str, Any]  # the earliest mention's events row joined with its article


def event_id(source: str, target: str, code: str, date: str) -> int:
    """A stable 48-bit id for the event key (the same in every export and every database)."""
    key = "\x1f".join((source, target, code, date)).encode("utf-8")
    return int(hashlib.sha1(key).hexdigest()[:12], 16)


def event_key(row: Any) -> tuple[str, str, str, str]:
    date = row["date"] or (row["published"] or "")[:10]
    return (row["source_actor"] or "", row["target_actor"] or "", row["code"], date)


def asserted_mentions(store: SQLiteStore, min_confidence: float = 0.0) -> Iterator[Any]:
    """The non-negated event rows (with their article) of at least ``min_confidence`` whose modality is
    asserted, reported or future."""
    for r in event_mentions(store, min_confidence):
        if asserted(r["code"], r["modality"]):
            yield r


def mention_rows(store: SQLiteStore, min_confidence: float = 0.0) -> Iterator[tuple[int, dict[str, Any]]]:
    """(event id, events row joined with its article) for every asserted, non-negated event mention of at
    least ``min_confidence``."""
    for r in asserted_mentions(store, min_confidence):
        d = dict(r)
        yield event_id(*event_key(r)), d


def linked_events(store: SQLiteStore, min_confidence: float = 0.0) -> list[LinkedEvent]:
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for r in asserted_mentions(store, min_confidence):
        groups.setdefault(event_key(r), []).append(dict(r))
    out = []
    for key, rows in groups.items():
        tones = [r["article_tone"] for r in rows if r["article_tone"] is not None]
        out.append(LinkedEvent(
            event_id=event_id(*key), source=key[0], target=key[1], code=key[2], date=key[3],
            num_mentions=len(rows), num_sources=len({r["outlet"] or r["url"] or r["article_id"] for r in rows}),
            num_articles=len({r["article_id"] for r in rows}),
            avg_tone=round(sum(tones) / len(tones), 4) if tones else 0.0, first_row=rows[0],
        ))
    out.sort(key=lambda e: (e.date, e.event_id))
    return out
