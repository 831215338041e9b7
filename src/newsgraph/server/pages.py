"""Web pages: search, article, timeline, network, quotes (server-rendered, Jinja2 autoescaped).

Charts are inline SVG computed on the server from aggregated queries, so a page costs a
few small SQL queries whatever the size of the database; the little JavaScript in
``static/app.js`` only toggles classes (it never writes data into the page as HTML).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from .. import __version__
from .. import query as Q
from . import views as V
from .app import HERE, state_of
from .rest import ArticleFilterDep, EventFilterDep, MinConf, Store, Text, Words

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    e = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters["urlq"] = lambda s: quote(str(s), safe="")
    e.filters["safe_url"] = V.safe_url
    e.globals["qs"] = qs
    e.globals["dict"] = dict
    e.globals["version"] = __version__
    e.globals["quad_names"] = V.QUAD_NAMES
    return e


def qs(**params: Any) -> str:
    """A query string of the non-empty params (``from_``/``to_`` become ``from``/``to``)."""
    items = [(k.rstrip("_"), v) for k, v in params.items() if v not in (None, "", False)]
    return urlencode(items)


def render(name: str, http_status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(env().get_template(name).render(**ctx), status_code=http_status)


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    return render("error.html", status, title="Error", nav="", status=status, code=code, message=message)


Page = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: Store, f: ArticleFilterDep, page: Page = 1) -> HTMLResponse:
    q = f.q
    filters = {"q": q, "outlet": f.outlet, "from_": f.date_from, "to_": f.date_to, "actor": f.actor,
               "entity": f.entity}
    state = state_of(request)
    floor = Q.min_confidence(None, state.settings.min_confidence_quotes)  # as /api/search
    # the words' matches read once, for the facets and the list (query/matches.py); then the independent
    # reads: at once on PostgreSQL (setting parallel_reads), the slowest first on this request's store
    matches = Q.article_matches(store, f, rank=True)
    facets, result, stats, *found = state.together(store, [
        lambda s: Q.article_facets(s, f, matches=matches),
        lambda s: Q.list_articles(s, f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, matches=matches),
        lambda s: Q.counts(s, ("articles", "events", "quotes")),
        *([lambda s: Q.list_quotes(s, q=q, limit=10, min_confidence=floor)] if q else []),
    ])
    quotes = found[0] if found else None
    n_pages = max(1, -(-result["total"] // PAGE_SIZE))
    return render(
        "search.html",
        title="Search",
        nav="search",
        filters=filters,
        result=result,
        facets=facets,
        quotes=quotes,
        page=page,
        n_pages=n_pages,
        stats=stats,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request, store: Store, article_id: Annotated[str, Path(max_length=300)]
) -> Response:
    d = Q.get_analysis_json(store, article_id)
    if d is None:
        return render_error(request, 404, "not_found", "No article with this id.")
    art = d.get("article") or {}
    events = [
        {
            "i": i,
            "line": V.event_line(ev),
            "ev": ev,
            "sentence": (ev.get("sentence") or {}).get("text")
            or _slice(art.get("text") or "", ev.get("sentence")),
        }
        for i, ev in enumerate(d.get("events") or [])
    ]
    kinds = [
        ("ent", "entities"),
        ("quote", "quotes"),
        ("speaker", "speakers"),
        ("timex", "dates"),
        ("amount", "amounts"),
        ("place", "places"),
        ("trigger", "event triggers"),
    ]
    return render(
        "article.html",
        title=art.get("title") or "Article",
        nav="",
        a=d,
        art=art,
        pieces=V.highlight(d),
        events=events,
        kinds=kinds,
        entity_types=V.ENTITY_TYPES,
        type_class=V.type_class,
    )


def _slice(text: str, span: Any) -> str:
    if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        return text[span["start"] : span["end"]]
    return ""


def _filters(f: Q.EventFilter) -> dict[str, Any]:
    return {
        "actor": f.actor,
        "source": f.source,
        "target": f.target,
        "code": f.code,
        "root": f.root,
        "quad_class": f.quad_class,
        "from_": f.date_from,
        "to_": f.date_to,
        "min_confidence": f.min_confidence or None,
    }


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: Store, f: EventFilterDep, period: str = "month") -> HTMLResponse:
    period = period if period in Q.PERIOD_LEN else "month"
    span = None
    if not f.date_from and not f.date_to:
        # by default, the months the articles were published in (events recalled from decades
        # back would stretch the axis); 'all dates' lifts it
        lo, hi = Q.published_range(store)
        if lo and hi and Q.DATE_RE.match(lo[:10]) and Q.DATE_RE.match(hi[:10]):
            span = (lo[:7], hi[:7])
            f = dataclasses.replace(f, date_from=span[0], date_to=span[1])
    data = Q.timeline(store, f, period=period, limit=state_of(request).settings.max_returned_rows)
    chart = V.timeline_chart(data["items"])
    total = sum(it["count"] for it in data["items"])
    return render(
        "timeline.html",
        title="Timeline",
        nav="timeline",
        data=data,
        chart=chart,
        total=total,
        span=span,
        all_dates=qs(**{**_filters(f), "from_": "0001", "to_": None, "period": period}),
        filters={**_filters(f), "period": period},
        roots=Q.root_codes(),
        actors=Q.top_actors(store),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: Store,
    f: EventFilterDep,
    max_edges: Annotated[int, Query(ge=1, le=300)] = 60,
    es: Text = None,
    et: Text = None,
) -> HTMLResponse:
    net = Q.network(store, f, max_edges=max_edges)
    positions = _layout(
        tuple((n["id"], n["count"]) for n in net["nodes"]),
        tuple((e["source"], e["target"]) for e in net["edges"]),
    )
    selected = (es, et) if es and et else None
    chart = V.network_chart(net, positions, selected=selected)
    edge_events = None
    if selected:
        ef = Q.EventFilter(
            source=es,
            target=et,
            exact=True,
            root=f.root,
            quad_class=f.quad_class,
            date_from=f.date_from,
            date_to=f.date_to,
            code=f.code,
            negated=f.negated,
            min_confidence=f.min_confidence,
        )
        edge_events = Q.list_events(store, ef, limit=50)
    return render(
        "network.html",
        title="Actor network",
        nav="network",
        chart=chart,
        net=net,
        filters={**_filters(f), "max_edges": max_edges},
        selected=selected,
        edge_events=edge_events,
        roots=Q.root_codes(),
    )


@lru_cache(maxsize=64)
def _layout(
    nodes: tuple[tuple[str, int], ...], edges: tuple[tuple[str, str], ...]
) -> dict[str, tuple[float, float]]:
    return Q.layout([{"id": n, "count": c} for n, c in nodes], [{"source": s, "target": t} for s, t in edges])


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, store: Store, speaker: Text = None, q: Words = None, page: Page = 1,
    min_confidence: MinConf = None,
) -> HTMLResponse:
    floor = Q.min_confidence(min_confidence, state_of(request).settings.min_confidence_quotes)
    data = Q.quotes_by_speaker(store, speaker=speaker, q=q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                               min_confidence=floor)
    n_pages = max(1, -(-data["total"] // PAGE_SIZE))
    return render(
        "quotes.html",
        title="Quotes",
        nav="quotes",
        data=data,
        filters={"speaker": speaker, "q": q, "min_confidence": floor or None},
        cap=state_of(request).settings.fulltext_cap,
        page=page,
        n_pages=n_pages,
    )


__all__ = ["render_error", "router"]
