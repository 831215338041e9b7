"""RSS and Atom files (feedparser): one document per entry, HTML content preferred."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import errors as E
from ..model import RawDocument, Rejected


def _entry_html(entry: Any) -> str:
    for c in entry.get("content") or []:
        if c.get("value"):
            return str(c["value"])
    return str(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"
    return None


def read_feed(source: str, text: str) -> Iterator[RawDocument | Rejected]:
    import feedparser

    try:
        feed = feedparser.parse(text)
    except Exception as exc:  # feedparser raises many kinds on hostile input
        yield Rejected(source, E.E_FEED, f"{source}: {E.EXPLAIN[E.E_FEED]} ({exc})")
        return
    entries = feed.get("entries") or []
    if not entries:
        reason = feed.get("bozo_exception") or "no entries"
        yield Rejected(source, E.E_FEED, f"{source}: {E.EXPLAIN[E.E_FEED]} ({reason})")
        return
    for i, entry in enumerate(entries):
        where = f"{source}#entry{i}"
        html = _entry_html(entry)
        if not html.strip():
            yield Rejected(where, E.E_EMPTY, f"{where}: the entry has no content or summary")
            continue
        authors = tuple(str(a.get("name")) for a in entry.get("authors") or [] if a.get("name"))
        yield RawDocument(
            source=where, format="html", content=html, id=None,
            title=str(entry.get("title") or "") or None, date=_entry_date(entry),
            url=str(entry.get("link") or "") or None, bylines=authors,
        )
