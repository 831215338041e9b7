"""Read queries behind the REST API and the web pages.

Every function takes an open (read-only) store and plain filter values, binds every
value as an SQL parameter and returns JSON-ready dicts.  Lists are paged (``limit`` is
capped by the caller at ``settings.max_returned_rows``) and the heavy views (facets,
timeline, network, dyads) are aggregated in SQL, so pages stay fast at 10,000 articles.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ..store.sqlite import SQLiteFullText, SQLiteStore

JSON = dict[str, Any]

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SNIP_OPEN, SNIP_CLOSE = "\x02", "\x03"  # snippet markers that cannot occur in stored text


_CACHE: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 512


def _stamp(path: str) -> tuple[int, ...]:
    """Changes whenever the database changes (a write touches the file or its WAL)."""
    out: list[int] = []
    for p in (path, path + "-wal"):
        try:
            st = os.stat(p)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


def fulltext_of(store: Any) -> Any:
    """The store's full-text SQL fragments (FTS5 for SQLite, tsvector for PostgreSQL)."""
    return getattr(store, "fulltext", SQLiteFullText())


def run(store: SQLiteStore, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[Any]:
    """``store.query`` with a small cache of results, dropped as soon as the database file changes.

    The web app's database is read-only, so aggregate pages asked twice (facets, timeline,
    network) cost one query.
    """
    if not getattr(store, "cacheable", True):
        return store.query(sql, params)
    frozen = tuple(sorted(params.items())) if isinstance(params, dict) else tuple(params)
    key = (store.path, _stamp(store.path), sql, frozen)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    rows = store.query(sql, params)
    with _CACHE_LOCK:
        _CACHE[key] = rows
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return rows


def like_prefix(value: str) -> str:
    """A LIKE pattern matching ``value`` as a literal prefix (wildcards escaped; use ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


TOP = "\U0010ffff"  # sorts after every character: [value, value + TOP) holds every string starting with value


def prefix(col: str, name: str, w: Where, value: str) -> None:
    """``col`` starts with ``value`` (case-sensitive, as actor and CAMEO codes are), as an index range."""
    w.add(f"({col} >= :{name}_lo AND {col} < :{name}_hi)", **{f"{name}_lo": value, f"{name}_hi": value + TOP})


def like_contains(value: str) -> str:
    return "%" + like_prefix(value)


def date_upper(to: str) -> str:
    """An inclusive upper bound for ISO dates: '2024-03' also admits '2024-03-31T23:59'."""
    return to + "~"


def snippet_parts(snippet: str | None) -> list[JSON]:
    """Split an FTS snippet with SNIP markers into [{"text", "hit"}] parts (rendered escaped)."""
    if not snippet:
        return []
    parts: list[JSON] = []
    for i, chunk in enumerate(re.split("[\x02\x03]", snippet)):
        if chunk:
            parts.append({"text": chunk, "hit": i % 2 == 1})
    return parts


@dataclass
class Where:
    """WHERE clauses and their bound parameters, built up filter by filter."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, clause: str, **params: Any) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    def plus(self, clause: str, **params: Any) -> Where:
        """A copy with one more clause."""
        return Where([*self.clauses, clause], {**self.params, **params})

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


# ---------------------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None  # full-text words (word* for prefixes)
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None  # an entity name or actor code
    actor: str | None = None  # actor code prefix

    def where(self, fulltext: Any = None) -> tuple[Where, bool]:
        """The WHERE clause over ``articles a`` and whether it uses the full-text index."""
        q, outlet, date_from, date_to = self.q, self.outlet, self.date_from, self.date_to
        entity, actor = self.entity, self.actor
        ft = fulltext or SQLiteFullText()
        w = Where()
        fq = ft.terms(q) if q else ""
        if q and not fq:
            w.add("1 = 0")  # words with no searchable characters match nothing
        if fq:
            w.add(ft.article_match("fq"), fq=fq)
        if outlet:
            w.add("a.outlet = :outlet", outlet=outlet)
        if date_from:
            w.add("a.published >= :dfrom", dfrom=date_from)
        if date_to:
            w.add("a.published <= :dto", dto=date_upper(date_to))
        if entity:
            w.add(
                "a.id IN (SELECT article_id FROM entities WHERE name = :entity "
                "UNION SELECT article_id FROM entities WHERE actor = :entity)",
                entity=entity,
            )
        if actor:
            w.add(
                "a.id IN (SELECT e.article_id FROM entities e "
                "WHERE e.actor >= :actor_lo AND e.actor < :actor_hi)",
                actor_lo=actor,
                actor_hi=actor + TOP,
            )
        return w, bool(fq)


def list_articles(store: SQLiteStore, f: ArticleFilter, *, limit: int = 20, offset: int = 0) -> JSON:
    """Articles matching the filters (best FTS match first when ``f.q`` is given, else newest first)."""
    ft = fulltext_of(store)
    w, has_fts = f.where(ft)
    total = int(run(store, "SELECT count(*) FROM articles a" + w.sql(), w.params)[0][0])
    params = {**w.params, "limit": limit, "offset": offset}
    cols = (
        "a.id, a.title, a.url, a.outlet, a.published, a.language, a.bylines, a.tone, "
        "(SELECT count(*) FROM events ev WHERE ev.article_id = a.id) AS n_events, "
        "(SELECT count(*) FROM quotes qu WHERE qu.article_id = a.id) AS n_quotes"
    )
    if has_fts:
        sql = ft.ranked_articles(cols, w.sql(), "fq", SNIP_OPEN, SNIP_CLOSE)
    else:
        sql = (
            f"SELECT {cols}, substr(a.text, length(a.title) + 3, 240) AS snippet FROM articles a"
            + w.sql()
            + " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT :limit OFFSET :offset"
        )
    items = []
    for r in run(store, sql, params):
        d = dict(r)
        d["bylines"] = json.loads(d["bylines"] or "[]")
        raw = d.pop("snippet") or ""
        d["snippet"] = raw.replace(SNIP_OPEN, "").replace(SNIP_CLOSE, "")
        d["snippet_parts"] = snippet_parts(raw) if has_fts else [{"text": raw, "hit": False}]
        items.append(d)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def article_facets(store: SQLiteStore, f: ArticleFilter, *, size: int = 12) -> JSON:
    """Counts by outlet, by month and by actor over the articles the filters select."""
    w, _ = f.where(fulltext_of(store))
    p = {**w.params, "size": size}
    outlets = [
        dict(r)
        for r in run(
            store,
            "SELECT a.outlet AS value, count(*) AS n FROM articles a"
            + w.sql()
            + " GROUP BY a.outlet ORDER BY n DESC, value LIMIT :size",
            p,
        )
    ]
    months = [
        dict(r)
        for r in run(
            store,
            "SELECT substr(a.published, 1, 7) AS value, count(*) AS n FROM articles a"
            + w.sql()
            + " GROUP BY value ORDER BY value DESC LIMIT 24",
            w.params,
        )
    ]
    wa = w.plus("e.actor IS NOT NULL")
    actors = [
        dict(r)
        for r in run(
            store,
            "SELECT e.actor AS value, count(DISTINCT e.article_id) AS n FROM entities e "
            "JOIN articles a ON a.id = e.article_id"
            + wa.sql()
            + " GROUP BY e.actor ORDER BY n DESC, value LIMIT :size",
            {**wa.params, "size": size},
        )
    ]
    return {"outlet": outlets, "month": months, "actor": actors}


def get_analysis_json(store: SQLiteStore, article_id: str) -> JSON | None:
    rows = store.query("SELECT analysis FROM articles WHERE id = ?", (article_id,))
    if not rows:
        return None
    out: JSON = json.loads(rows[0][0])
    return out


def search_all(store: SQLiteStore, q: str, *, limit: int = 20) -> JSON:
    arts = list_articles(store, ArticleFilter(q=q), limit=limit)
    return {
        "q": q,
        "articles": arts["items"],
        "articles_total": arts["total"],
        "quotes": list_quotes(store, q=q, limit=limit)["items"],
    }


# ---------------------------------------------------------------------------------------- entities


def list_entities(
    store: SQLiteStore,
    *,
    type: str | None = None,
    actor: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JSON:
    w = Where()
    if type:
        w.add("type = :type", type=type)
    if actor:
        prefix("actor", "actor", w, actor)
    if name:
        w.add("name LIKE :name ESCAPE '\\'", name=like_contains(name))
    rows = run(
        store,
        "SELECT name, type, actor, count(DISTINCT article_id) AS articles, sum(n_mentions) AS mentions, "
        "count(*) OVER () AS _total FROM entities" + w.sql() + " GROUP BY name, type, actor "
        "ORDER BY articles DESC, mentions DESC, name LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    if rows:
        total = int(rows[0]["_total"])
    else:
        total = int(
            run(
                store,
                "SELECT count(*) FROM (SELECT 1 FROM entities" + w.sql() + " GROUP BY name, type, actor) AS groups",
                w.params,
            )[0][0]
        )
    items = [{k: r[k] for k in r.keys() if k != "_total"} for r in rows]  # noqa: SIM118 (sqlite3.Row)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


# ---------------------------------------------------------------------------------------- events


@dataclass(frozen=True)
class EventFilter:
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

    def where(self) -> Where:
        w = Where()
        if self.exact and self.source and self.target:
            w.add(
                "ev.source_actor = :xsource AND ev.target_actor = :xtarget",
                xsource=self.source,
                xtarget=self.target,
            )
            return self._rest(w, sides=False)
        return self._rest(w, sides=True)

    def _rest(self, w: Where, *, sides: bool) -> Where:
        if self.actor:
            w.add(
                "((ev.source_actor >= :actor_lo AND ev.source_actor < :actor_hi) OR "
                "(ev.target_actor >= :actor_lo AND ev.target_actor < :actor_hi))",
                actor_lo=self.actor,
                actor_hi=self.actor + TOP,
            )
        if self.source and sides:
            prefix("ev.source_actor", "source", w, self.source)
        if self.target and sides:
            prefix("ev.target_actor", "target", w, self.target)
        if self.code:
            prefix("ev.code", "code", w, self.code)
        if self.root:
            w.add("ev.root = :root", root=self.root)
        if self.quad_class is not None:
            w.add("ev.quad_class = :quad", quad=self.quad_class)
        if self.date_from:
            w.add("coalesce(ev.date, a.published) >= :dfrom", dfrom=self.date_from)
        if self.date_to:
            w.add("coalesce(ev.date, a.published) <= :dto", dto=date_upper(self.date_to))
        if self.article:
            w.add("ev.article_id = :article", article=self.article)
        return w


def _event_item(r: Any) -> JSON:
    d = dict(r)
    return {
        "article_id": d["article_id"],
        "idx": d["idx"],
        "article_title": d["article_title"],
        "published": d["published"],
        "code": d["code"],
        "root": d["root"],
        "name": d["name"],
        "quad_class": d["quad_class"],
        "goldstein": d["goldstein"],
        "source": {"actor": d["source_actor"], "entity": d["source_entity"], "name": d["source_name"]},
        "target": {"actor": d["target_actor"], "entity": d["target_entity"], "name": d["target_name"]},
        "date": {"value": d["date"], "precision": d["date_precision"], "anchor": d["date_anchor"]}
        if d["date"]
        else None,
        "place": {"name": d["place_name"], "country": d["place_country"], "lat": d["lat"], "lon": d["lon"]}
        if d["place_name"]
        else None,
        "negated": bool(d["negated"]),
        "modality": d["modality"],
        "confidence": d["confidence"],
        "sentence": {"start": d["sentence_start"], "end": d["sentence_end"], "text": d["sentence_text"]},
        "trigger": {"start": d["trigger_start"], "end": d["trigger_end"], "text": d["trigger_text"]},
    }


def list_events(store: SQLiteStore, f: EventFilter, *, limit: int = 50, offset: int = 0) -> JSON:
    w = f.where()
    base = " FROM events ev JOIN articles a ON a.id = ev.article_id" + w.sql()
    total = int(run(store, "SELECT count(*)" + base, w.params)[0][0])
    order = " ORDER BY coalesce(ev.date, a.published) DESC, ev.article_id, ev.idx"
    # the page first, then the evidence sentences of its rows only (not of every matching event)
    rows = run(
        store,
        "SELECT ev.*, a.title AS article_title, a.published, "
        "substr(a.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start) AS sentence_text "
        "FROM (SELECT ev.article_id AS pa, ev.idx AS pi" + base + order + " LIMIT :limit OFFSET :offset) AS page "
        "JOIN events ev ON ev.article_id = page.pa AND ev.idx = page.pi JOIN articles a ON a.id = ev.article_id"
        + order,
        {**w.params, "limit": limit, "offset": offset},
    )
    return {"items": [_event_item(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def list_dyads(store: SQLiteStore, f: EventFilter, *, limit: int = 100, offset: int = 0) -> JSON:
    """Events grouped by (source actor, target actor, month): count and mean Goldstein."""
    w = f.where()
    w.add("ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL")
    base = (
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        + w.sql()
        + " GROUP BY ev.source_actor, ev.target_actor, month"
    )
    sel = f"SELECT ev.source_actor AS source, ev.target_actor AS target, {MONTH_OF} AS month"
    rows = run(
        store,
        sel
        + ", count(*) AS count, round(avg(ev.goldstein), 3) AS goldstein_mean, count(*) OVER () AS _total"
        + base
        + " ORDER BY count DESC, source, target, month LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    if rows:
        total = int(rows[0]["_total"])
    else:
        total = int(run(store, "SELECT count(*) FROM (" + sel + base + ") AS grouped", w.params)[0][0])
    items = [{k: r[k] for k in r.keys() if k != "_total"} for r in rows]  # noqa: SIM118 (sqlite3.Row)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


PERIOD_LEN = {"year": 4, "month": 7, "day": 10}
PERIOD_GLOB = {
    "year": "[0-9][0-9][0-9][0-9]*",
    "month": "[0-9][0-9][0-9][0-9]-[0-9][0-9]*",
    "day": "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*",
}
WHEN = "coalesce(ev.date, a.published)"  # an event is dated by its own date, else by its article's
MONTH_OF = (
    f"CASE WHEN {WHEN} GLOB '{PERIOD_GLOB['month']}' THEN substr({WHEN}, 1, 7) "
    f"WHEN {WHEN} GLOB '{PERIOD_GLOB['year']}' THEN substr({WHEN}, 1, 4) END"
)


def _fill(items: list[JSON], period: str) -> list[JSON]:
    """Add empty months (or years) between the first and the last, so gaps show as gaps."""
    if period == "day" or len(items) < 2:
        return items
    have = {it["period"]: it for it in items}
    out: list[JSON] = []
    first, last = items[0]["period"], items[-1]["period"]
    if period == "year":
        keys = [str(y) for y in range(int(first), int(last) + 1)]
    else:
        y, m = int(first[:4]), int(first[5:7])
        keys = []
        while f"{y:04d}-{m:02d}" <= last and len(keys) < 1200:
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for k in keys:
        out.append(
            have.get(k)
            or {
                "period": k,
                "count": 0,
                "goldstein_mean": None,
                "quad_class": {"1": 0, "2": 0, "3": 0, "4": 0},
            }
        )
    return out


def timeline(store: SQLiteStore, f: EventFilter, *, period: str = "month", limit: int = 1000) -> JSON:
    """Events per period: count, mean Goldstein and count per QuadClass.

    An event is dated by its own date when it has one, else by its article's date;
    dates coarser than ``period`` are counted in ``coarser`` and left out of the bars.
    """
    period = period if period in PERIOD_LEN else "month"
    n = PERIOD_LEN[period]
    when = WHEN
    w = f.where()
    dated = w.plus(f"{when} GLOB '{PERIOD_GLOB[period]}'")
    coarse = w.plus(f"({when} IS NULL OR NOT {when} GLOB '{PERIOD_GLOB[period]}')")
    base = " FROM events ev JOIN articles a ON a.id = ev.article_id"
    rows = run(
        store,
        f"SELECT substr({when}, 1, {n}) AS period, count(*) AS count, "
        "round(avg(ev.goldstein), 3) AS goldstein_mean, "
        + ", ".join(f"sum(CASE WHEN ev.quad_class = {k} THEN 1 ELSE 0 END) AS q{k}" for k in range(1, 5))
        + base + dated.sql() + " GROUP BY period ORDER BY period LIMIT :limit",
        {**dated.params, "limit": limit},
    )
    coarser = run(store, "SELECT count(*)" + base + coarse.sql(), coarse.params)
    items = [
        {
            "period": r["period"],
            "count": r["count"],
            "goldstein_mean": r["goldstein_mean"],
            "quad_class": {"1": r["q1"] or 0, "2": r["q2"] or 0, "3": r["q3"] or 0, "4": r["q4"] or 0},
        }
        for r in rows
    ]
    return {"period": period, "items": _fill(items, period), "coarser": int(coarser[0][0])}


# ---------------------------------------------------------------------------------------- network


def network(store: SQLiteStore, f: EventFilter, *, max_edges: int = 60) -> JSON:
    """Actors as nodes and dyads as edges (event count, mean Goldstein), the busiest first."""
    w = f.where()
    w.add(
        "ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL AND ev.source_actor != ev.target_actor"
    )
    rows = run(
        store,
        "SELECT ev.source_actor AS source, ev.target_actor AS target, count(*) AS count, "
        "round(avg(ev.goldstein), 3) AS goldstein_mean FROM events ev JOIN articles a ON a.id = ev.article_id"
        + w.sql()
        + " GROUP BY ev.source_actor, ev.target_actor ORDER BY count DESC, source, target "
        "LIMIT :max_edges",
        {**w.params, "max_edges": max_edges},
    )
    edges = [dict(r) for r in rows]
    nodes: dict[str, JSON] = {}
    for e in edges:
        for side in ("source", "target"):
            node = nodes.setdefault(e[side], {"id": e[side], "count": 0})
            node["count"] += e["count"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["count"], n["id"])), "edges": edges}


def layout(
    nodes: list[JSON], edges: list[JSON], *, width: float = 800, height: float = 560, iterations: int = 120
) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout (Fruchterman-Reingold) for a few dozen nodes."""
    ids = [n["id"] for n in nodes]
    count = len(ids)
    if count == 0:
        return {}
    cx, cy = width / 2, height / 2
    r0 = min(width, height) * 0.38
    pos = {
        i: [cx + r0 * math.cos(2 * math.pi * k / count), cy + r0 * math.sin(2 * math.pi * k / count)]
        for k, i in enumerate(ids)
    }
    if count == 1:
        return {ids[0]: (cx, cy)}
    k_opt = math.sqrt(width * height / count) * 0.6
    links = [(e["source"], e["target"]) for e in edges]
    temp = width / 8
    for _ in range(iterations):
        disp = {i: [0.0, 0.0] for i in ids}
        for a_i, a in enumerate(ids):
            pa = pos[a]
            for b in ids[a_i + 1 :]:
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                d = math.hypot(dx, dy) or 0.01
                force = k_opt * k_opt / d
                disp[a][0] += dx / d * force
                disp[a][1] += dy / d * force
                disp[b][0] -= dx / d * force
                disp[b][1] -= dy / d * force
        for s, t in links:
            ps, pt = pos[s], pos[t]
            dx, dy = ps[0] - pt[0], ps[1] - pt[1]
            d = math.hypot(dx, dy) or 0.01
            force = d * d / k_opt
            disp[s][0] -= dx / d * force
            disp[s][1] -= dy / d * force
            disp[t][0] += dx / d * force
            disp[t][1] += dy / d * force
        for i in ids:
            dx, dy = disp[i]
            d = math.hypot(dx, dy) or 0.01
            step = min(d, temp)
            pos[i][0] = min(width - 60, max(60, pos[i][0] + dx / d * step + (cx - pos[i][0]) * 0.01))
            pos[i][1] = min(height - 30, max(30, pos[i][1] + dy / d * step + (cy - pos[i][1]) * 0.01))
        temp *= 0.96
    return {i: (round(p[0], 1), round(p[1], 1)) for i, p in pos.items()}


# ---------------------------------------------------------------------------------------- quotes


def _quote_where(*, speaker: str | None, q: str | None, article: str | None, kind: str | None,
                 fulltext: Any = None) -> Where:
    ft = fulltext or SQLiteFullText()
    w = Where()
    if speaker:
        w.add("qu.speaker_name LIKE :speaker ESCAPE '\\'", speaker=like_contains(speaker))
    if q:
        fq = ft.terms(q)
        if not fq:
            w.add("1 = 0")
        else:
            w.add(ft.quote_match("qfq"), qfq=fq)
    if article:
        w.add("qu.article_id = :article", article=article)
    if kind:
        w.add("qu.kind = :kind", kind=kind)
    return w


def list_quotes(
    store: SQLiteStore,
    *,
    speaker: str | None = None,
    q: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JSON:
    w = _quote_where(speaker=speaker, q=q, article=article, kind=kind, fulltext=fulltext_of(store))
    base = " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()
    total = int(run(store, "SELECT count(*)" + base, w.params)[0][0])
    rows = run(
        store,
        'SELECT qu.article_id, qu.idx, qu.start, qu."end", qu.text, qu.kind, qu.speaker_entity, '
        "qu.speaker_name, "
        "qu.speaker_actor, qu.cue, qu.channel, a.title AS article_title, a.published"
        + base
        + " ORDER BY a.published IS NULL, a.published DESC, qu.article_id, qu.idx"
        " LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    return {"items": [dict(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def quotes_by_speaker(
    store: SQLiteStore,
    *,
    speaker: str | None = None,
    q: str | None = None,
    limit: int = 20,
    offset: int = 0,
    per_speaker: int = 8,
) -> JSON:
    """Speakers with the most quotes (a page of them), each with their latest quotes."""
    w = _quote_where(speaker=speaker, q=q, article=None, kind=None, fulltext=fulltext_of(store))
    base = " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()
    who = "coalesce(qu.speaker_name, '')"
    total = int(run(store, f"SELECT count(DISTINCT {who})" + base, w.params)[0][0])
    speakers = run(
        store,
        f"SELECT {who} AS speaker, max(qu.speaker_actor) AS actor, count(*) AS n"
        + base
        + f" GROUP BY {who} ORDER BY {who} = '', count(*) DESC, {who} LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    names = [s["speaker"] for s in speakers]
    by_speaker: dict[str, list[JSON]] = {n: [] for n in names}
    if names:
        marks = ", ".join(f":s{i}" for i in range(len(names)))
        ws = w.plus(f"{who} IN ({marks})", **{f"s{i}": n for i, n in enumerate(names)})
        rows = run(
            store,
            "SELECT * FROM (SELECT qu.article_id, qu.idx, qu.text, qu.kind, qu.cue, qu.channel, "
            f"a.title AS article_title, a.published, {who} AS who, row_number() OVER (PARTITION BY {who} "
            "ORDER BY a.published IS NULL, a.published DESC, qu.article_id, qu.idx) AS rn "
            "FROM quotes qu JOIN articles a ON a.id = qu.article_id" + ws.sql() + ") AS ranked WHERE rn <= :per "
            "ORDER BY who, rn",
            {**ws.params, "per": per_speaker},
        )
        for r in rows:
            d = dict(r)
            by_speaker[d.pop("who")].append({k: v for k, v in d.items() if k != "rn"})
    groups = [
        {
            "speaker": s["speaker"] or None,
            "actor": s["actor"],
            "count": s["n"],
            "quotes": by_speaker[s["speaker"]],
        }
        for s in speakers
    ]
    return {"items": groups, "total": total, "limit": limit, "offset": offset}


# ---------------------------------------------------------------------------------------- misc


def top_actors(store: SQLiteStore, *, limit: int = 60) -> list[str]:
    """The actor codes most often seen as an event's source or target."""
    return [
        r[0]
        for r in run(
            store,
            "SELECT actor FROM (SELECT source_actor AS actor FROM events "
            "UNION ALL SELECT target_actor FROM events) AS sides "
            "WHERE actor IS NOT NULL GROUP BY actor ORDER BY count(*) DESC, actor LIMIT ?",
            (limit,),
        )
    ]


def root_codes() -> list[tuple[str, str]]:
    """(root, name) for the 20 CAMEO root codes."""
    from ..events.cameo import codebook

    return sorted((c.code, c.name) for c in codebook().values() if len(c.code) == 2)


def outlets(store: SQLiteStore, *, limit: int = 200) -> list[str]:
    return [
        r[0]
        for r in run(
            store,
            "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY count(*) DESC LIMIT ?",
            (limit,),
        )
    ]
