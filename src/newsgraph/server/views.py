"""View models for the web pages: highlighted article text, the timeline chart, the network graph.

Everything here returns plain data (text pieces, numbers, CSS class names from a fixed
alphabet); the Jinja2 templates render it with autoescaping, so article text never
reaches the page unescaped.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

JSON = dict[str, Any]

ENTITY_TYPES = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "LANGUAGE",
    "GROUP",
)
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (never a javascript: link)."""
    if not isinstance(url, str) or len(url) > 4000:
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in u for c in "\x00\r\n\t <>\"'`"):
        return None
    return u


def type_class(t: Any) -> str:
    s = re.sub(r"[^A-Z_]", "", str(t or "").upper())[:20]
    return s if s in ENTITY_TYPES else "OTHER"


def actor_label(side: JSON | None) -> str:
    if not side:
        return "—"
    actor, name = side.get("actor"), side.get("name")
    if actor and name:
        return f"{actor} ({name})"
    return str(actor or name or "—")


def event_line(ev: JSON) -> str:
    """``source -> code name -> target, date`` for one event of the Analysis JSON."""
    date = (ev.get("date") or {}).get("value") if isinstance(ev.get("date"), dict) else None
    name = ev.get("name") or ""
    neg = "NOT " if ev.get("negated") else ""
    return (
        f"{actor_label(ev.get('source'))} → {neg}{ev.get('code', '')} {name} → "
        f"{actor_label(ev.get('target'))}, {date or 'undated'}"
    )


def _span(d: Any, n: int) -> tuple[int, int] | None:
    if not isinstance(d, dict):
        return None
    s, e = d.get("start"), d.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= n:
        return None
    return s, e


def highlight(analysis: JSON) -> list[JSON]:
    """The article text cut into pieces, each with the annotations covering it.

    A piece is ``{"text", "cls", "tip", "ev"}``: ``cls`` holds CSS classes from a fixed set
    (``ent t-PERSON``, ``quote q-direct``, ``speaker``, ``cue``, ``timex``, ``amount``,
    ``place``, ``trigger``), ``tip`` the hover text (the evidence), ``ev`` the indices of the
    events whose sentence covers the piece (the events panel lights them up).
    """
    text: str = analysis.get("article", {}).get("text") or ""
    n = len(text)
    annots: list[tuple[int, int, str, str, int | None]] = []  # start, end, classes, tip, event index

    def add(span: Any, cls: str, tip: str, ev: int | None = None) -> None:
        se = _span(span, n)
        if se:
            annots.append((se[0], se[1], cls, tip, ev))

    for ent in analysis.get("entities") or []:
        tc = type_class(ent.get("type"))
        tip = f"{ent.get('type')}: {ent.get('name')}" + (f" [{ent['actor']}]" if ent.get("actor") else "")
        for m in ent.get("mentions") or []:
            add(m, f"ent t-{tc}", tip)
    for i, q in enumerate(analysis.get("quotes") or []):
        kind = q.get("kind") if q.get("kind") in ("direct", "partial", "indirect") else "direct"
        spk = q.get("speaker") or {}
        who = spk.get("name") or "no speaker credited"
        cue = (q.get("cue") or {}).get("text")
        tip = f"quote {i + 1} ({kind}) — speaker: {who}" + (f"; cue: {cue}" if cue else "")
        add(q, f"quote q-{kind}", tip)
        add(spk, "speaker", f"speaker of quote {i + 1}: {who}")
        add(q.get("cue"), "cue", f"speech cue of quote {i + 1}")
        add(q.get("channel"), "channel", f"channel of quote {i + 1}")
    for t in analysis.get("timexes") or []:
        add(t, "timex", f"{t.get('type', 'DATE')}: {t.get('value')}")
    for a in analysis.get("amounts") or []:
        measure = (a.get("measure") or {}).get("text")
        add(
            a,
            "amount",
            f"amount: {a.get('value')} {a.get('unit') or ''} ({a.get('kind')})"
            + (f" — {measure}" if measure else ""),
        )
    for p in analysis.get("places") or []:
        coords = f" ({p.get('lat')}, {p.get('lon')})" if p.get("lat") is not None else ""
        add(p, "place", f"place: {p.get('name')}, {p.get('country') or '?'}{coords}")
    for i, ev in enumerate(analysis.get("events") or []):
        add(ev.get("trigger"), "trigger", f"event {i + 1}: {event_line(ev)}", i)
        add(ev.get("sentence"), "", "", i)

    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    bounds = {0, n}
    for k, (s, e, *_rest) in enumerate(annots):
        starts[s].append(k)
        ends[e].append(k)
        bounds.update((s, e))
    cuts = sorted(bounds)
    active: set[int] = set()
    pieces: list[JSON] = []
    for a, b in pairwise(cuts):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if a >= b:
            continue
        classes: list[str] = []
        tips: list[str] = []
        evs: list[str] = []
        for k in sorted(active, key=lambda k: (annots[k][0], -annots[k][1])):
            _, _, cls, tip, ev = annots[k]
            if cls:
                for c in cls.split():
                    if c not in classes:
                        classes.append(c)
                if tip and tip not in tips:
                    tips.append(tip)
            elif ev is not None:
                evs.append(str(ev))
        pieces.append(
            {"text": text[a:b], "cls": " ".join(classes), "tip": "\n".join(tips), "ev": " ".join(evs)}
        )
    return pieces


# ---------------------------------------------------------------------------------------- charts


def goldstein_colour(g: float | None) -> str:
    """Red for conflict (-10), grey for neutral, green for cooperation (+10)."""
    if g is None:
        return "#888888"
    t = max(-1.0, min(1.0, g / 10.0))
    grey = (150, 150, 150)
    end = (200, 30, 30) if t < 0 else (30, 150, 60)
    a = abs(t) ** 0.6
    r, gg, b = (round(grey[i] + (end[i] - grey[i]) * a) for i in range(3))
    return f"#{r:02x}{gg:02x}{b:02x}"


def timeline_chart(items: list[JSON], *, width: int = 920, height: int = 300) -> JSON:
    """Bars of event counts per period and a line of the mean Goldstein score (-10..10)."""
    left, right, top, bottom = 48, 48, 16, 56
    pw, ph = width - left - right, height - top - bottom
    count = len(items)
    peak = max((it["count"] for it in items), default=0) or 1
    slot = pw / count if count else pw
    bar_w = max(1.0, slot * 0.8)
    bars: list[JSON] = []
    points: list[str] = []
    lines: list[str] = []
    dots: list[JSON] = []
    for i, it in enumerate(items):
        h = ph * it["count"] / peak
        x = left + i * slot + (slot - bar_w) / 2
        g = it.get("goldstein_mean")
        bars.append(
            {
                "x": round(x, 1),
                "y": round(top + ph - h, 1),
                "w": round(bar_w, 1),
                "h": round(h, 1),
                "period": it["period"],
                "count": it["count"],
                "colour": goldstein_colour(g),
                "tip": f"{it['period']}: {it['count']} events, mean Goldstein "
                f"{'—' if g is None else f'{g:+.2f}'}",
            }
        )
        if g is not None:
            px, py = round(left + i * slot + slot / 2, 1), round(top + ph / 2 - (ph / 2) * g / 10, 1)
            points.append(f"{px},{py}")
            dots.append({"x": px, "y": py})
        elif points:  # no events in this period: the line breaks
            lines.append(" ".join(points))
            points = []
    step = max(1, math.ceil(count / 12))
    xlabels = [
        {"x": round(left + i * slot + slot / 2, 1), "text": it["period"]}
        for i, it in enumerate(items)
        if i % step == 0
    ]
    yticks = [{"y": round(top + ph - ph * f, 1), "text": str(round(peak * f))} for f in (0, 0.5, 1)]
    gticks = [{"y": round(top + ph / 2 - (ph / 2) * g / 10, 1), "text": f"{g:+d}"} for g in (-10, 0, 10)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": top + ph,
        "bars": bars,
        "lines": [*lines, " ".join(points)] if points else lines,
        "dots": dots if len(dots) <= 400 else [],
        "xlabels": xlabels,
        "yticks": yticks,
        "gticks": gticks,
        "label_y": height - 8,
    }


def network_chart(
    net: JSON,
    positions: dict[str, tuple[float, float]],
    *,
    selected: tuple[str, str] | None,
    width: int = 800,
    height: int = 560,
) -> JSON:
    """SVG geometry for the actor network: curved directed edges, sized nodes."""
    peak = max((e["count"] for e in net["edges"]), default=1) or 1
    node_peak = max((n["count"] for n in net["nodes"]), default=1) or 1
    edges = []
    for e in net["edges"]:
        if e["source"] not in positions or e["target"] not in positions:
            continue
        (x1, y1), (x2, y2) = positions[e["source"]], positions[e["target"]]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1.0
        bend = min(40.0, d * 0.15)
        cx, cy = (x1 + x2) / 2 - dy / d * bend, (y1 + y2) / 2 + dx / d * bend  # curve to the left
        g = e.get("goldstein_mean")
        edges.append(
            {
                "source": e["source"],
                "target": e["target"],
                "count": e["count"],
                "goldstein": g,
                "path": f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                "width": round(1.5 + 7.5 * math.sqrt(e["count"] / peak), 2),
                "colour": goldstein_colour(g),
                "selected": selected == (e["source"], e["target"]),
                "tip": f"{e['source']} → {e['target']}: {e['count']} events, mean Goldstein "
                f"{'—' if g is None else f'{g:+.2f}'}",
            }
        )
    nodes = [
        {
            "id": n["id"],
            "x": positions[n["id"]][0],
            "y": positions[n["id"]][1],
            "r": round(6 + 14 * math.sqrt(n["count"] / node_peak), 1),
            "count": n["count"],
        }
        for n in net["nodes"]
        if n["id"] in positions
    ]
    return {"width": width, "height": height, "edges": edges, "nodes": nodes}
