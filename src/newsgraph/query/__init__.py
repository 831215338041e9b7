"""The read API: every read of a store goes through here, from the CLI, the REST API, the web
pages and the exports, so ``newsgraph events --actor GBR`` and ``/api/events?actor=GBR`` return the
same events.  One concept a module:

- ``filters``  the filters and their one meaning (prefix codes, date fallback, negation; docs/query.md)
- ``articles`` articles, facets, one article's Analysis, search
- ``events``   events, dyads, timeline, the choices of the event pages
- ``network``  the actor network and its layout
- ``quotes``   quotes and quotes by speaker
- ``matches``  a full-text search's matches, read once per request and shared by its reads
- ``entities`` entities with their counts
- ``stats``    counts, publication range, outlets, health
- ``tables``   whole-table reads for the exports
- ``sql``      WHERE building, bounds and the result cache
"""

from __future__ import annotations

from .articles import article_facets, get_analysis_json, list_articles, search_all, snippet_parts
from .entities import list_entities
from .events import list_dyads, list_events, root_codes, timeline, top_actors
from .filters import PERIOD_LEN, PERIODS, ArticleFilter, EventFilter, min_confidence
from .matches import ArticleMatches, QuoteMatches, article_matches, quote_matches
from .network import layout, network
from .quotes import list_quotes, quotes_by_speaker
from .sql import DATE_RE, run
from .stats import counts, health, outlets, published_range, stats

__all__ = [
    "DATE_RE", "PERIODS", "PERIOD_LEN", "ArticleFilter", "ArticleMatches", "EventFilter", "QuoteMatches",
    "article_facets", "article_matches", "counts",
    "get_analysis_json", "health", "layout", "list_articles", "list_dyads", "list_entities", "list_events",
    "list_quotes", "min_confidence", "network", "outlets", "published_range", "quote_matches", "quotes_by_speaker",
    "root_codes", "run",
    "search_all", "snippet_parts", "stats", "timeline", "top_actors",
]
