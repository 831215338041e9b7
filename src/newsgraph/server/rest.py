"""REST API routes (``/api/...``, ``/healthz``): thin wrappers over the read API (``newsgraph.query``).

Every list answers ``{"items": [...], "total": N, "limit", "offset"}``; ``limit`` is capped
at ``settings.max_returned_rows``.  With full-text words (``q``), articles and quotes also say
``"total_capped"``: true when more matches than ``settings.fulltext_cap`` made ``total`` a lower bound
(docs/query.md, "Bounded full-text searches").  Filters are validated (dates as ``YYYY[-MM[-DD]]``,
QuadClass 1-4, bounded string lengths) and bound as SQL parameters.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from .. import query as Q
from ..store import SQLiteStore, open_store
from .app import read_store, state_of

router = APIRouter()
_ANALYZE_LOCK = threading.Lock()  # the spaCy pipeline runs one document at a time

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Text = Annotated[str | None, Query(max_length=200)]
Words = Annotated[str | None, Query(max_length=500, description="Words to find (word* for prefixes).")]
DateFrom = Annotated[
    str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")
]
DateTo = Annotated[
    str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")
]
Limit = Annotated[int, Query(ge=1, le=1_000_000, description="Most items (capped at max_returned_rows).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
Store = Annotated[SQLiteStore, Depends(read_store)]
Quad = Annotated[
    int | None,
    Query(ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"),
]
Code = Annotated[str | None, Query(max_length=8, pattern=r"^[0-9A-Za-z]+$")]
MinConf = Annotated[float | None, Query(ge=0.0, le=1.0, description="Only items of at least this confidence "
                                                                    "(default: the server's setting).")]


def event_filter(
    request: Request,
    actor: Text = None,
    source: Text = None,
    target: Text = None,
    code: Code = None,
    root: Annotated[str | None, Query(max_length=2, pattern=r"^\d{2}$")] = None,
    quad_class: Quad = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    article: Text = None,
    negated: Annotated[bool, Query(description="Also the negated events (left out by default).")] = False,
    min_confidence: MinConf = None,
) -> Q.EventFilter:
    """The event filters shared by /api/events, /api/dyads, /api/timeline and /api/network (and the
    pages); ``min_confidence`` defaults to the setting ``min_confidence_events``."""
    return Q.EventFilter(
        actor=actor,
        source=source,
        target=target,
        code=code,
        root=root,
        quad_class=quad_class,
        date_from=date_from,
        date_to=date_to,
        article=article,
        negated=negated,
        min_confidence=Q.min_confidence(min_confidence, state_of(request).settings.min_confidence_events),
    )


EventFilterDep = Annotated[Q.EventFilter, Depends(event_filter)]


def article_filter(
    q: Words = None,
    outlet: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    entity: Text = None,
    actor: Text = None,
) -> Q.ArticleFilter:
    """The article filters shared by /api/articles, /api/facets and the search page."""
    return Q.ArticleFilter(q=q, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, actor=actor)


ArticleFilterDep = Annotated[Q.ArticleFilter, Depends(article_filter)]


@router.get("/healthz", tags=["meta"])
def healthz(store: Store) -> dict[str, Any]:
    """Liveness and a count of the stored articles."""
    return Q.health(store)


@router.get("/api/stats", tags=["meta"])
def stats(store: Store) -> dict[str, Any]:
    """Counts of what the database holds."""
    return Q.stats(store)


@router.get("/api/articles", tags=["articles"])
def articles(
    request: Request, store: Store, f: ArticleFilterDep, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Articles (newest first, or best match first with ``q``): ``{"items": [...], "total": N, "total_capped"}``."""
    return Q.list_articles(store, f, limit=state_of(request).cap(limit), offset=offset)


@router.get("/api/facets", tags=["articles"])
def facets(store: Store, f: ArticleFilterDep) -> dict[str, Any]:
    """Article counts by outlet, month and actor for the same filters as /api/articles."""
    return Q.article_facets(store, f)


@router.get("/api/articles/{article_id:path}", tags=["articles"])
def article(store: Store, article_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """One article's full Analysis (the output contract of ``newsgraph analyze``)."""
    d = Q.get_analysis_json(store, article_id)
    if d is None:
        raise HTTPException(404, "no article with this id")
    return d


@router.get("/api/entities", tags=["entities"])
def entities(
    request: Request,
    store: Store,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, ...")] = None,
    actor: Text = None,
    name: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities with the number of articles and mentions; filter by type, actor code prefix, name."""
    return Q.list_entities(
        store, type=type, actor=actor, name=name, limit=state_of(request).cap(limit), offset=offset
    )


@router.get("/api/events", tags=["events"])
def events(
    request: Request, store: Store, f: EventFilterDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """CAMEO events with their evidence sentence.  Actor and code filters match prefixes."""
    return Q.list_events(store, f, limit=state_of(request).cap(limit), offset=offset)


@router.get("/api/dyads", tags=["events"])
def dyads(
    request: Request,
    store: Store,
    f: EventFilterDep,
    period: Literal["day", "month", "year", "all"] = "month",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """(source, target, period) -> event count and mean Goldstein score, the largest first."""
    return Q.list_dyads(store, f, period=period, limit=state_of(request).cap(limit), offset=offset)


@router.get("/api/timeline", tags=["events"])
def timeline(
    request: Request, store: Store, f: EventFilterDep, period: Literal["day", "month", "year"] = "month"
) -> dict[str, Any]:
    """Events per period with the mean Goldstein score and the count per QuadClass."""
    return Q.timeline(store, f, period=period, limit=state_of(request).settings.max_returned_rows)


@router.get("/api/network", tags=["events"])
def network(
    request: Request, store: Store, f: EventFilterDep, max_edges: Annotated[int, Query(ge=1, le=1000)] = 60
) -> dict[str, Any]:
    """Actors (nodes) and dyads (edges with event count and mean Goldstein), busiest first."""
    return Q.network(store, f, max_edges=state_of(request).cap(max_edges))


@router.get("/api/quotes", tags=["quotes"])
def quotes(
    request: Request,
    store: Store,
    speaker: Text = None,
    q: Words = None,
    article: Text = None,
    kind: Literal["direct", "partial", "indirect"] | None = None,
    min_confidence: MinConf = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes with their speakers; ``speaker`` matches part of the name, ``q`` searches the text;
    ``min_confidence`` defaults to the setting ``min_confidence_quotes``."""
    return Q.list_quotes(
        store,
        min_confidence=Q.min_confidence(min_confidence, state_of(request).settings.min_confidence_quotes),
        speaker=speaker,
        q=q,
        article=article,
        kind=kind,
        limit=state_of(request).cap(limit),
        offset=offset,
    )


@router.get("/api/search", tags=["articles"])
def search(
    request: Request, store: Store, q: Annotated[str, Query(min_length=1, max_length=500)], limit: Limit = 20,
    min_confidence: MinConf = None,
) -> dict[str, Any]:
    """Full-text search over articles and quotes; quotes below ``min_confidence`` (default: the setting
    ``min_confidence_quotes``) are left out, as /api/quotes leaves them out."""
    return Q.search_all(store, q, limit=state_of(request).cap(limit),
                        min_confidence=Q.min_confidence(min_confidence,
                                                        state_of(request).settings.min_confidence_quotes))


class AnalyzeIn(BaseModel):
    """An article to analyse: plain text, markdown or HTML, with optional metadata."""

    text: str | None = Field(None, description="Plain text or markdown.")
    html: str | None = Field(None, description="An HTML page (used instead of text when given).")
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=40, description="Publication date (anchors relative dates).")
    url: str | None = Field(None, max_length=4000)
    id: str | None = Field(None, max_length=300)


@router.post("/api/analyze", tags=["analyze"])
def analyze(
    request: Request,
    doc: Annotated[AnalyzeIn, Body()],
    store: Annotated[bool, Query(description="Also write the Analysis to the database.")] = False,
) -> dict[str, Any]:
    """Analyse one article and return its Analysis; nothing is stored unless ``store=true``."""
    from ..api import analyze_record

    st = state_of(request)
    content = doc.html if doc.html and doc.html.strip() else doc.text
    if not content or not content.strip():
        raise HTTPException(422, "give 'text' or 'html'")
    if len(content.encode("utf-8", "surrogatepass")) > st.settings.max_bytes:
        raise HTTPException(413, f"the document is over max_bytes={st.settings.max_bytes}")
    record = {k: v for k, v in doc.model_dump().items() if v is not None}
    with _ANALYZE_LOCK:
        analysis = analyze_record(record, settings=st.settings)
    if store:
        with open_store(st.db_path) as rw:
            rw.write(analysis)
    return analysis.to_dict()
