"""A readable terminal view of one Analysis (``newsgraph show``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Analysis

_STYLE = {"PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green", "NORP": "yellow",
          "GROUP": "bold yellow", "FAC": "blue"}


def highlighted(a: Analysis) -> Text:
    """The clean text with entity mentions coloured by type and quotes underlined."""
    t = Text(a.article.text)
    for q in a.quotes:
        t.stylize("italic underline", q.span.start, q.span.end)
    for e in a.entities:
        for m in e.mentions:
            t.stylize(_STYLE.get(e.type, "bold"), m.start, m.end)
    for tx in a.timexes:
        t.stylize("reverse", tx.span.start, tx.span.end)
    return t


def _row(t: Table, *cells: str) -> None:
    """A table row of plain text: article text is untrusted, so no cell is read as markup."""
    t.add_row(*(Text(c) for c in cells))


def _left_out(out: Console, n: int, what: str, threshold: float) -> None:
    if n:
        out.print(f"{n} {what} below confidence {threshold:g} not shown (--min-confidence 0 shows them)",
                  markup=False, style="dim")


def render_analysis(a: Analysis, out: Console, *, min_events: float = 0.0, min_quotes: float = 0.0) -> None:
    """Print ``a``; events and quotes below ``min_events`` / ``min_quotes`` (the shown-confidence
    thresholds) are counted, not listed, as the CLI, REST API and pages leave them out."""
    art = a.article
    out.print(Text(art.title, style="bold"))  # article text is untrusted: never read as markup
    meta = [f"id {art.id}", f"published {art.published.value if art.published else '?'}",
            f"outlet {art.outlet or '?'}",
            f"bylines {', '.join(b.name + ' (' + b.kind + ')' for b in art.bylines) or '-'}",
            f"language {art.language or '?'}"]
    out.print(" | ".join(meta), markup=False)
    if art.url:
        out.print(f"url {art.url}", markup=False)
    for c in art.captions:
        out.print(f"caption: {c}", markup=False, style="dim")
    for r in art.related:
        out.print(f"related: {r}", markup=False, style="dim")
    out.print()
    out.print(highlighted(a))
    out.print()
    if a.entities:
        t = Table("id", "type", "name", "actor", "role", "actor from", "mentions", title="Entities")
        for e in a.entities:
            _row(t, e.id, e.type, e.name, e.actor or "", e.role or "", e.actor_source or "",
                      ", ".join(f"{m.text}@{m.start}" for m in e.mentions[:6]))
        out.print(t)
    events = [ev for ev in a.events if ev.confidence >= min_events]
    if events:
        t = Table("source", "code", "name", "target", "date", "evidence", "conf", title="Events")
        for ev in events:
            _row(t, ev.source.actor or "" if ev.source else "", ev.code + (" (neg)" if ev.negated else ""),
                      ev.name, ev.target.actor or "" if ev.target else "",
                      ev.date.value if ev.date else "", ev.trigger.text, f"{ev.confidence:.2f}")
        out.print(t)
    _left_out(out, len(a.events) - len(events), "events", min_events)
    quotes = [q for q in a.quotes if q.confidence >= min_quotes]
    if quotes:
        t = Table("kind", "speaker", "quote", "cue", "conf", title="Quotes")
        for q in quotes:
            _row(t, q.kind, q.speaker.name or "" if q.speaker else "(none)", q.span.text[:160],
                      q.cue.text if q.cue else "", f"{q.confidence:.2f}")
        out.print(t)
    _left_out(out, len(a.quotes) - len(quotes), "quotes", min_quotes)
    if a.timexes:
        t = Table("text", "type", "value", title="Dates")
        for tx in a.timexes:
            _row(t, tx.span.text, tx.type, tx.value)
        out.print(t)
    if a.amounts:
        t = Table("text", "value", "unit", "measure", title="Amounts")
        for m in a.amounts:
            _row(t, m.span.text, f"{m.value:g}", m.unit or "", m.measure.text if m.measure else "")
        out.print(t)
    if a.places:
        t = Table("text", "name", "country", "lat", "lon", title="Places")
        for p in a.places:
            _row(t, p.span.text, p.name, p.country or "", f"{p.lat}" if p.lat is not None else "",
                      f"{p.lon}" if p.lon is not None else "")
        out.print(t)
    if a.themes:
        out.print("Themes: " + ", ".join(f"{th.code} ({len(th.spans)})" for th in a.themes), markup=False)
    if a.tone:
        out.print(f"Tone: {a.tone.tone:+.2f} (positive {a.tone.positive:.2f}, negative {a.tone.negative:.2f}, "
                  f"polarity {a.tone.polarity:.2f})", markup=False)
