"""The actor network: actors as nodes, dyads as edges, and a deterministic layout to draw it."""

from __future__ import annotations

import math
from typing import Any

from .filters import DAY, MEAN, MEAN_OF_ROLLUP, EventFilter
from .sql import JSON, has_rollups, run


def network(store: Any, f: EventFilter, *, max_edges: int = 60) -> JSON:
    """Actors as nodes and dyads as edges (event count, mean Goldstein), the busiest first."""
    if f.rollup_ok() and has_rollups(store):  # the rollup event_stats (store/rollups.py)
        w = f.where(DAY)
        w.add("ev.source_actor != '' AND ev.target_actor != '' AND ev.source_actor != ev.target_actor")
        count, mean = "sum(ev.n)", MEAN_OF_ROLLUP
        table = " FROM event_stats ev"
    else:
        w = f.where()
        w.add("ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL AND ev.source_actor != ev.target_actor")
        count, mean = "count(*)", MEAN
        table = " FROM events ev JOIN articles a ON a.id = ev.article_id"
    rows = run(
        store,
        f"SELECT ev.source_actor AS source, ev.target_actor AS target, {count} AS count, {mean} AS goldstein_mean"
        + table + w.sql() + " GROUP BY ev.source_actor, ev.target_actor ORDER BY count DESC, source, target "
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


def layout(nodes: list[JSON], edges: list[JSON], *, width: float = 800, height: float = 560,
           iterations: int = 120) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout (Fruchterman-Reingold) for a few dozen nodes."""
    ids = [n["id"] for n in nodes]
    count = len(ids)
    if count == 0:
        return {}
    cx, cy = width / 2, height / 2
    r0 = min(width, height) * 0.38
    pos = {i: [cx + r0 * math.cos(2 * math.pi * k / count), cy + r0 * math.sin(2 * math.pi * k / count)]
           for k, i in enumerate(ids)}
    if count == 1:
        return {ids[0]: (cx, cy)}
    k_opt = math.sqrt(width * height / count) * 0.6
    links = [(e["source"], e["target"]) for e in edges]
    temp = width / 8
    for _ in range(iterations):
        disp = {i: [0.0, 0.0] for i in ids}
        for a_i, a in enumerate(ids):
            pa = pos[a]
            for b in ids[a_i + 1:]:
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
