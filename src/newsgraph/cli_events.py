"""The CLI's event commands, ``newsgraph events`` and ``newsgraph dyads``: thin wrappers over the
read API (``newsgraph.query``), so they answer what ``/api/events`` and ``/api/dyads`` answer for
the same filters (docs/query.md).  Registered on the CLI's app when ``cli.py`` imports this module.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from .cli import ConfigOpt, DbOpt, _open_ro, _settings, app, err

EVENT_FORMATS = ("table", "json")
ActorOpt = Annotated[str | None, typer.Option(help="Source or target actor code prefix, any case (GBR finds "
                                                   "GBRGOV).")]
SourceOpt = Annotated[str | None, typer.Option(help="Source actor code prefix.")]
TargetOpt = Annotated[str | None, typer.Option(help="Target actor code prefix.")]
CodeOpt = Annotated[str | None, typer.Option(help="CAMEO code prefix: 04 (a root), 042, ...")]
QuadOpt = Annotated[int | None, typer.Option("--quad-class", min=1, max=4, help="1-4: verbal/material "
                                                                                "cooperation/conflict.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Earliest date, YYYY[-MM[-DD]] (the event's date, "
                                                            "else its article's).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Latest date, inclusive: 2024-03 admits all of March.")]
NegatedOpt = Annotated[bool, typer.Option("--negated", help="Also negated events (did not happen).")]
MinConfOpt = Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                 help="Only events of at least this confidence (default: the "
                                                      "setting min_confidence_events).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table | json (what /api/events answers).")]


def _event_filter(*, actor: str | None, source: str | None, target: str | None, code: str | None,
                  quad_class: int | None, date_from: str | None, date_to: str | None, article: str | None,
                  negated: bool, fmt: str, min_confidence: float | None, default_confidence: float) -> Any:
    """The read API's EventFilter from the CLI options, which mean what the REST API's do."""
    from .query import DATE_RE, EventFilter
    from .query.filters import min_confidence as threshold

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and not DATE_RE.match(value):
            err.print(f"[red]error:[/red] {name} is YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
            raise typer.Exit(2)
    if fmt not in EVENT_FORMATS:
        err.print(f"[red]error:[/red] --format is {' or '.join(EVENT_FORMATS)}")
        raise typer.Exit(2)
    return EventFilter(actor=actor, source=source, target=target, code=code, quad_class=quad_class,
                       date_from=date_from, date_to=date_to, article=article, negated=negated,
                       min_confidence=threshold(min_confidence, default_confidence))


@app.command()
def events(
    db: DbOpt = None,
    actor: ActorOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    code: CodeOpt = None,
    quad_class: QuadOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
    negated: NegatedOpt = False,
    min_confidence: MinConfOpt = None,
    limit: Annotated[int, typer.Option(min=1, help="Most rows.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many rows first.")] = 0,
    fmt: FormatOpt = "table",
    config: ConfigOpt = None,
) -> None:
    """List coded events with their evidence, newest first (the filters of /api/events).

    Actor and code filters match prefixes in any case; an event without a date of its own takes
    its article's; negated events only with --negated; events below --min-confidence (default: the
    setting min_confidence_events) are left out (docs/query.md).

    Example:  newsgraph events --actor RUS --code 19 --from 2024-01-01 --db news.db
    """
    from rich.table import Table

    from .query import list_events

    settings = _settings(config)
    f = _event_filter(actor=actor, source=source, target=target, code=code, quad_class=quad_class,
                      date_from=date_from, date_to=date_to, article=article, negated=negated, fmt=fmt,
                      min_confidence=min_confidence, default_confidence=settings.min_confidence_events)
    with _open_ro(db, settings) as store:
        res = list_events(store, f, limit=limit, offset=offset)
    if fmt == "json":
        print(json.dumps(res, indent=2, ensure_ascii=False))
        return
    t = Table("date", "source", "code", "name", "target", "G", "evidence", "article",
              caption=f"{len(res['items'])} of {res['total']} events; * the article's date (the event has none)")
    for r in res["items"]:
        when = r["date"]["value"] if r["date"] else ((r["published"] or "")[:10] + "*")
        t.add_row(*map(Text, (when, r["source"]["actor"] or "---", r["code"] + (" (not)" if r["negated"] else ""),
                              r["name"] or "", r["target"]["actor"] or "---", f"{r['goldstein']:+.1f}",
                              (r["sentence"]["text"] or "")[:120], r["article_id"])))
    Console(highlight=False, emoji=False).print(t)


@app.command()
def dyads(
    db: DbOpt = None,
    actor: ActorOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    code: CodeOpt = None,
    quad_class: QuadOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    negated: NegatedOpt = False,
    min_confidence: MinConfOpt = None,
    by: Annotated[str, typer.Option(help="Period: day | month | year | all.")] = "month",
    limit: Annotated[int, typer.Option(min=1, help="Most rows.")] = 100,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many rows first.")] = 0,
    fmt: FormatOpt = "table",
    config: ConfigOpt = None,
) -> None:
    """Event counts and mean Goldstein score per source-target pair and period (as /api/dyads).

    The largest groups first; events need both actors; the filters mean what they mean for
    'newsgraph events' (docs/query.md).
    """
    from rich.table import Table

    from .query import PERIODS, list_dyads

    if by not in PERIODS:
        err.print(f"[red]error:[/red] --by is {', '.join(PERIODS)}")
        raise typer.Exit(2)
    settings = _settings(config)
    f = _event_filter(actor=actor, source=source, target=target, code=code, quad_class=quad_class,
                      date_from=date_from, date_to=date_to, article=None, negated=negated, fmt=fmt,
                      min_confidence=min_confidence, default_confidence=settings.min_confidence_events)
    with _open_ro(db, settings) as store:
        res = list_dyads(store, f, period=by, limit=limit, offset=offset)
    if fmt == "json":
        print(json.dumps(res, indent=2, ensure_ascii=False))
        return
    t = Table("source", "target", "period", "events", "mean Goldstein",
              caption=f"{len(res['items'])} of {res['total']} dyads")
    for r in res["items"]:
        g = r["goldstein_mean"]
        t.add_row(*map(Text, (r["source"], r["target"], r["period"] or "all", str(r["count"]),
                              "" if g is None else f"{g:+.2f}")))
    Console(highlight=False, emoji=False).print(t)
