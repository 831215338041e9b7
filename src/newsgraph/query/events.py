"""Events: the filtered, paged list with evidence, dyads (source, target, period), the timeline,
and the lists the event pages offer as choices.  Filters mean the same everywhere (filters.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..store.schema import EVENTS_SHOWN_SINCE
from .filters import DAY, MEAN, MEAN_OF_ROLLUP, PERIOD_GLOB, PERIOD_LEN, PERIODS, WHEN, EventFilter, period_of
from .sql import JSON, has_rollups, has_schema, read_plan, rows_of, run, steers
from .stats import counts

_BASE = " FROM events ev JOIN articles a ON a.id = ev.article_id"
_STATS = " FROM event_stats ev"  # the rollup (store/rollups.py): one row per distinct key, ``n`` events
_ORDER = " ORDER BY {w} IS NULL, {w} DESC, {a}, {i}"  # newest first (by the event's date, else its article's)
# at most this many matching events: PostgreSQL reads the undated ones the filters keep before their articles
FILTER_FIRST = 20_000


def _rollup(store: Any, f: EventFilter) -> bool:
    return f.rollup_ok() and has_rollups(store)


def count_events(store: Any, f: EventFilter) -> int:
    """How many events the filters select."""
    if _rollup(store, f):
        w = f.where(DAY)
        return int(run(store, "SELECT coalesce(sum(ev.n), 0)" + _STATS + w.sql(), w.params)[0][0])
    w = f.where()
    return int(run(store, "SELECT count(*)" + _BASE + w.sql(), w.params)[0][0])


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
        if d["date"] else None,
        "place": {"name": d["place_name"], "country": d["place_country"], "lat": d["lat"], "lon": d["lon"]}
        if d["place_name"] else None,
        "negated": bool(d["negated"]),
        "modality": d["modality"],
        "confidence": d["confidence"],
        "sentence": {"start": d["sentence_start"], "end": d["sentence_end"], "text": d["sentence_text"]},
        "trigger": {"start": d["trigger_start"], "end": d["trigger_end"], "text": d["trigger_text"]},
    }


def _totals(store: Any, f: EventFilter) -> tuple[int, int | None, Callable[[], int] | None]:
    """How many events the filters select; where a list may be read by confidence (SQLite, whose planner the
    read API steers, with a threshold, the rollups and the index events_shown) also how many the threshold
    keeps whatever the other filters (the two from one read of the rollup), and a function counting how many
    the filters that have an index select whatever the confidence (None when none has one)."""
    if not (steers(store) and f.min_confidence and _rollup(store, f) and has_schema(store, EVENTS_SHOWN_SINCE)):
        return count_events(store, f), None, None
    w, shown = f.where(DAY), f.shown().where(DAY)
    rest = [c for c in w.clauses if c not in shown.clauses]  # the other filters
    selected = f"sum(CASE WHEN {' AND '.join(rest)} THEN ev.n ELSE 0 END)" if rest else "sum(ev.n)"
    row = run(store, f"SELECT coalesce({selected}, 0), coalesce(sum(ev.n), 0)" + _STATS + shown.sql(), w.params)[0]

    def matching() -> int:
        # the filters an index reads (not the root or QuadClass: no index of their own), at any confidence
        return count_events(store, replace(f, root=None, quad_class=None, min_confidence=None))

    return int(row[0]), int(row[1]), matching if f.narrowed() else None


def list_events(store: Any, f: EventFilter, *, limit: int = 50, offset: int = 0) -> JSON:
    """Events with their evidence sentence, newest first (by the event's date, else its article's;
    undated last)."""
    total, shown, matching = _totals(store, f)
    # The page first, then the evidence sentences of its rows only.  The page is the first of the
    # events dated by their own date and of the others (dated by their article): each side's first
    # offset + limit hold it.  On SQLite each side is read the way that reads the fewest rows
    # (sql.read_plan): newest first (down the index on events.date, down the articles and their
    # events) until it has them; every event the threshold keeps, down events_shown (which holds the
    # columns of the order and of the actor and code filters), then sorted; or the filters' matches
    # through their indexes, then sorted.
    n = offset + limit
    plan = read_plan(total, counts(store, ("events",))["events"], n, shown, matching) if steers(store) else "filters"
    walk, by_shown = plan == "walk", plan == "shown"
    # SQLite's planner told the way (``shown`` known): by confidence, the other filters compared as expressions;
    # through the filters, the confidence; either way the null date, which SQLite, without statistics, takes
    # for the most selective term (a side then read every event without a date of its own)
    told = shown is not None and (by_shown or (plan == "filters" and f.narrowed()))
    null_date = "(ev.date || '')" if told else "ev.date"
    indexed, by_confidence = plan == "filters", plan != "filters" or shown is None
    own = f.where(null_date if by_shown else "ev.date", indexed=indexed, by_confidence=by_confidence)
    by_article = f.where("a.published", indexed=indexed, by_confidence=by_confidence)
    own.add(f"{null_date} IS NOT NULL")
    by_article.add(f"{null_date} IS NULL")
    if not steers(store) and total <= FILTER_FIRST and not (f.date_from or f.date_to):
        # PostgreSQL, a selective filter: the undated events it keeps, first (down the partial index
        # events_undated by their confidence; OFFSET 0 keeps the planner from walking every article newest
        # first to find them: most sit in undated articles, the last), each dated by its article's
        # primary key (a join would read every article to hash them: 30-40 ms at 50,000 articles)
        by_side = ("SELECT pa, pi, pw FROM (SELECT ev.article_id AS pa, ev.idx AS pi, (SELECT a.published "
                   "FROM articles a WHERE a.id = ev.article_id) AS pw FROM events ev" + by_article.sql()
                   + " OFFSET 0) AS undated" + _ORDER.format(w="pw", a="pa", i="pi"))
    else:
        by_article.clauses.insert(0, "ev.article_id = a.id")
        tables = (" FROM articles a CROSS JOIN events ev" if walk else " FROM events ev CROSS JOIN articles a"
                  if by_shown else " FROM articles a, events ev")
        by_side = ("SELECT a.id AS pa, ev.idx AS pi, a.published AS pw" + tables + by_article.sql()
                   + _ORDER.format(w="a.published", a="a.id", i="ev.idx"))
    own_from = " FROM events ev JOIN articles a ON a.id = ev.article_id" if "a." in own.sql() else " FROM events ev"
    page = (
        "SELECT pa, pi, pw FROM (SELECT ev.article_id AS pa, ev.idx AS pi, ev.date AS pw" + own_from + own.sql()
        + " ORDER BY ev.date DESC, ev.article_id, ev.idx LIMIT :n) AS own UNION ALL "
        "SELECT pa, pi, pw FROM (" + by_side + " LIMIT :n) AS by_article"
    )
    rows = run(
        store,
        "SELECT ev.*, a.title AS article_title, a.published, "
        "substr(a.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start) AS sentence_text "
        "FROM (SELECT pa, pi, pw FROM (" + page + ") AS sides" + _ORDER.format(w="pw", a="pa", i="pi")
        + " LIMIT :limit OFFSET :offset) AS page "
        "JOIN events ev ON ev.article_id = page.pa AND ev.idx = page.pi JOIN articles a ON a.id = ev.article_id"
        + _ORDER.format(w="page.pw", a="page.pa", i="page.pi"),
        {**own.params, **by_article.params, "n": n, "limit": limit, "offset": offset},
    )
    return {"items": [_event_item(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def list_dyads(store: Any, f: EventFilter, *, period: str = "month", limit: int = 100, offset: int = 0) -> JSON:
    """Events with both actors grouped by (source actor, target actor, period): count and mean
    Goldstein, the largest first.  ``period`` is day, month, year or all (``period`` null);
    a date coarser than the period counts in the finest period it has."""
    if period not in PERIODS:
        raise ValueError(f"period is one of {', '.join(PERIODS)}, not {period!r}")
    if _rollup(store, f):
        w = f.where(DAY)
        w.add("ev.source_actor != '' AND ev.target_actor != ''")
        sel = f"SELECT ev.source_actor AS source, ev.target_actor AS target, {period_of(period, DAY)} AS period"
        count, mean, table = "sum(ev.n)", MEAN_OF_ROLLUP, _STATS
    else:
        w = f.where()
        w.add("ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL")
        sel = f"SELECT ev.source_actor AS source, ev.target_actor AS target, {period_of(period)} AS period"
        count, mean, table = "count(*)", MEAN, _BASE
    base = table + w.sql() + " GROUP BY ev.source_actor, ev.target_actor, period"
    rows = run(
        store,
        sel + f", {count} AS count, {mean} AS goldstein_mean, count(*) OVER () AS _total"
        + base + " ORDER BY count DESC, source, target, period LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    if rows:
        total = int(rows[0]["_total"])
    else:
        total = int(run(store, "SELECT count(*) FROM (" + sel + base + ") AS grouped", w.params)[0][0])
    items = rows_of(rows)
    if period == "month":  # the field's name before periods other than months existed
        for it in items:
            it["month"] = it["period"]
    return {"items": items, "total": total, "limit": limit, "offset": offset, "period": period}


def _fill(items: list[JSON], period: str) -> list[JSON]:
    """Add empty months (or years) between the first and the last, so gaps show as gaps."""
    if period == "day" or len(items) < 2:
        return items
    have = {it["period"]: it for it in items}
    first, last = items[0]["period"], items[-1]["period"]
    if period == "year":
        keys = [str(y) for y in range(int(first), int(last) + 1)]
    else:
        y, m = int(first[:4]), int(first[5:7])
        keys = []
        while f"{y:04d}-{m:02d}" <= last and len(keys) < 1200:
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    empty = {"count": 0, "goldstein_mean": None, "quad_class": {"1": 0, "2": 0, "3": 0, "4": 0}}
    return [have.get(k) or {"period": k, **empty} for k in keys]


def timeline(store: Any, f: EventFilter, *, period: str = "month", limit: int = 1000) -> JSON:
    """Events per period: count, mean Goldstein and count per QuadClass.

    An event is dated by its own date when it has one, else by its article's date;
    dates coarser than ``period`` are counted in ``coarser`` and left out of the bars.
    """
    period = period if period in PERIOD_LEN else "month"
    n = PERIOD_LEN[period]
    if _rollup(store, f):
        when, table, count, mean, one = DAY, _STATS, "sum(ev.n)", MEAN_OF_ROLLUP, "ev.n"
    else:
        when, table, count, mean, one = WHEN, _BASE, "count(*)", MEAN, "1"
    w = f.where(when)
    dated = w.plus(f"{when} GLOB '{PERIOD_GLOB[period]}'")
    coarse = w.plus(f"({when} IS NULL OR NOT {when} GLOB '{PERIOD_GLOB[period]}')")
    rows = run(
        store,
        f"SELECT substr({when}, 1, {n}) AS period, {count} AS count, {mean} AS goldstein_mean, "
        + ", ".join(f"sum(CASE WHEN ev.quad_class = {k} THEN {one} ELSE 0 END) AS q{k}" for k in range(1, 5))
        + table + dated.sql() + " GROUP BY period ORDER BY period LIMIT :limit",
        {**dated.params, "limit": limit},
    )
    coarser = run(store, f"SELECT coalesce(sum({one}), 0)" + table + coarse.sql(), coarse.params)
    items = [{"period": r["period"], "count": r["count"], "goldstein_mean": r["goldstein_mean"],
              "quad_class": {"1": r["q1"] or 0, "2": r["q2"] or 0, "3": r["q3"] or 0, "4": r["q4"] or 0}}
             for r in rows]
    return {"period": period, "items": _fill(items, period), "coarser": int(coarser[0][0])}


def top_actors(store: Any, *, limit: int = 60) -> list[str]:
    """The actor codes most often seen as an event's source or target."""
    if has_rollups(store):
        sides = ("SELECT source_actor AS actor, n FROM event_stats UNION ALL SELECT target_actor, n FROM event_stats",
                 "actor != ''", "sum(n)")
    else:
        sides = ("SELECT source_actor AS actor, 1 AS n FROM events UNION ALL SELECT target_actor, 1 FROM events",
                 "actor IS NOT NULL", "count(*)")
    return [r[0] for r in run(
        store, f"SELECT actor FROM ({sides[0]}) AS sides WHERE {sides[1]} GROUP BY actor "
        f"ORDER BY {sides[2]} DESC, actor LIMIT ?", (limit,))]


def root_codes() -> list[tuple[str, str]]:
    """(root, name) for the 20 CAMEO root codes."""
    from ..events.cameo import codebook

    return sorted((c.code, c.name) for c in codebook().values() if len(c.code) == 2)
