"""The newsgraph command line.  Results go to stdout, progress and logs to stderr.

Exit status: 0 all documents processed, 1 some documents rejected, 2 usage or config error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from . import __version__
from .config import Settings, load_settings
from .errors import E_SHARD, ConfigError, NewsgraphError, StoreError
from .model import RawDocument, Rejected

app = typer.Typer(
    name="newsgraph",
    help=(
        "Turn news articles into structured, evidence-backed knowledge: entities and CAMEO actors, "
        "events, quotes, dates, amounts, places, themes and tone.\n\n"
        "Quick start:  newsgraph analyze samples/ -o -   |   newsgraph ingest samples/ --db news.db"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML file overriding defaults.toml.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="SQLite file or postgresql://user@host/dbname URL (default: $NEWSGRAPH_DB or ./newsgraph.db).")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (output is identical to 1).")]


def _settings(config: Path | None, **kw: Any) -> Settings:
    try:
        return load_settings(config, **kw)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _db_path(db: str | None, settings: Settings) -> str:
    return db or os.environ.get("NEWSGRAPH_DB") or settings.db


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(path + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        yield f
    tmp.replace(path)


def _progress(total: int | None, label: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _report(ok: int, rejected: list[Rejected], skipped: int = 0) -> None:
    msg = f"{ok} analysed, {len(rejected)} rejected" + (f", {skipped} already done" if skipped else "")
    err.print(msg)
    for r in rejected[:20]:
        err.print(f"  [yellow]{r.code}[/yellow] {r.message}", markup=True, soft_wrap=True)
    if len(rejected) > 20:
        err.print(f"  ... and {len(rejected) - 20} more")


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or '-' for stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSONL file; '-' = stdout.")] = "-",
    jobs: JobsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles and write one Analysis (the output contract) per line.

    A document that cannot be read becomes a line {"error": {"code", "message", "source"}}
    and the run goes on (exit status 1).

    Example:  newsgraph analyze samples/ -o out.jsonl
    """
    from .api import read
    from .runner import process_all

    settings = _settings(config, jobs=jobs)
    rejected: list[Rejected] = []
    ok = 0
    try:
        with _output(output) as out, _progress(None, "analyze") as prog:
            task = prog.add_task("analyze", total=None)
            for res in process_all(read(*inputs, settings=settings), settings, jobs=settings.jobs):
                if res is None:
                    continue
                if isinstance(res, Rejected):
                    rejected.append(res)
                    out.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
                else:
                    ok += 1
                    out.write(res.to_json() + "\n")
                prog.advance(task)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _report(ok, rejected)
    raise typer.Exit(1 if rejected else 0)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or '-' for stdin.")],
    db: DbOpt = None,
    jobs: JobsOpt = None,
    resume: Annotated[bool, typer.Option(help="Skip documents already stored (same source and content).")] = True,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles and store them in the database (one transaction per article).

    Re-running is safe: stored documents are skipped (--no-resume re-analyses them and
    replaces their rows); an interrupted run resumes where it stopped, without duplicates.
    Rejected documents are listed in the 'rejects' table ('newsgraph stats' counts them).

    Example:  newsgraph ingest samples/ --db news.db
    """
    from .api import read
    from .runner import process_all, source_key
    from .store import open_store

    settings = _settings(config, jobs=jobs)
    path = _db_path(db, settings)
    try:
        store = open_store(path)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    run_id = store.start_run("ingest " + " ".join(inputs))
    rejected: list[Rejected] = []
    ok = skipped = 0
    keys: dict[str, str] = {}

    def skip(doc: RawDocument) -> bool:
        key = source_key(doc)
        keys[doc.source] = key
        return resume and store.has_source(key)

    try:
        with _progress(None, "ingest") as prog:
            task = prog.add_task("ingest", total=None)
            for res in process_all(read(*inputs, settings=settings), settings, jobs=settings.jobs, skip=skip):
                if res is None:
                    skipped += 1
                elif isinstance(res, Rejected):
                    rejected.append(res)
                    store.reject(res, run_id=run_id)
                else:
                    store.write(res, source_key=keys.get(res.article.source))
                    ok += 1
                prog.advance(task)
    except (ConfigError, StoreError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.finish_run(run_id, ok=ok, rejected=len(rejected), skipped=skipped)
        store.close()
    _report(ok, rejected, skipped)
    err.print(f"database: {path}")
    raise typer.Exit(1 if rejected else 0)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (walked recursively).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet shards (created if missing).")],
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Worker processes of the local cluster (default: the jobs setting).")] = None,
    chunk_size: Annotated[int, typer.Option(help="Documents per task and per shard.", min=1)] = 50,
    db: Annotated[str | None, typer.Option(
        "--db", help="Also merge the shards into this database (SQLite file or postgresql:// URL).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse a large batch on a Dask cluster, one Parquet shard per chunk of documents.

    Without --scheduler a local cluster (bound to 127.0.0.1) runs --workers processes on this
    machine; with it, the same tasks run on the cluster's workers, which need newsgraph installed
    and the --out folder reachable.  Re-running the same inputs reuses the shards already written,
    so an interrupted batch resumes.  Merge the shards with 'newsgraph merge' (or give --db).

    Example:  newsgraph batch articles/ --out shards/ --workers 4 --db news.db
    """
    from .scale import run_batch

    settings = _settings(config)
    try:
        with _progress(None, "batch") as prog:
            task = prog.add_task("batch", total=None)
            report = run_batch(inputs, out, settings, scheduler=scheduler, workers=workers, chunk_size=chunk_size,
                               on_progress=lambda n: prog.advance(task, n))
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except OSError as exc:
        hint = (f"; check that a Dask scheduler runs at {scheduler} and is reachable from here" if scheduler
                else f"; check that {out} is writable")
        err.print(f"[red]error:[/red] {exc}{hint}")
        raise typer.Exit(2) from exc
    err.print(f"{report.ok} analysed, {report.rejected} rejected; {report.shards_computed} shards written, "
              f"{report.shards_reused} reused; {report.workers} workers, {report.seconds} s")
    print(json.dumps(report.to_dict()))
    if db is not None:
        _merge(out, db, settings, resume=True)
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def merge(
    shards: Annotated[Path, typer.Argument(help="Folder of shards written by 'newsgraph batch'.")],
    db: DbOpt = None,
    resume: Annotated[bool, typer.Option(help="Skip documents already stored (same source and content).")] = True,
    config: ConfigOpt = None,
) -> None:
    """Write the Parquet shards of 'newsgraph batch' into the database.

    One transaction per article; merging again adds nothing (documents already stored are
    skipped). Rejected documents go to the 'rejects' table; a damaged shard is reported and
    the others are merged.

    Example:  newsgraph merge shards/ --db news.db
    """
    settings = _settings(config)
    rc = _merge(shards, db, settings, resume=resume)
    raise typer.Exit(rc)


def _merge(shards: Path, db: str | None, settings: Settings, *, resume: bool) -> int:
    from .scale import merge_shards
    from .store import open_store

    if not shards.is_dir():
        err.print(f"[red]error:[/red] {shards} is not a folder of shards; run 'newsgraph batch ... --out {shards}'")
        return 2
    path = _db_path(db, settings)
    try:
        store = open_store(path)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    run_id = store.start_run(f"merge {shards}")
    try:
        with _progress(None, "merge") as prog:
            task = prog.add_task("merge", total=None)
            report = merge_shards(shards, store, resume=resume, run_id=run_id,
                                  on_progress=lambda n: prog.advance(task, n))
        store.finish_run(run_id, ok=report.ok, rejected=report.rejected, skipped=report.skipped)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    finally:
        store.close()
    err.print(f"{report.ok} stored, {report.rejected} rejected, {report.skipped} already done "
              f"from {report.shards} shards; database: {path}")
    for p, why in report.bad_shards:
        err.print(f"  [yellow]{E_SHARD}[/yellow] {p}: {why}", markup=True, soft_wrap=True)
    return 1 if report.rejected or report.bad_shards else 0


def _open_ro(db: str | None, settings: Settings) -> Any:
    from .store import open_store

    path = _db_path(db, settings)
    try:
        store = open_store(path, read_only=True)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    store.fulltext_cap = settings.fulltext_cap  # full-text searches bounded as the web app's (query/sql.py)
    return store


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Analysis JSON instead.")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="List only events and quotes of at least this confidence (default: the settings "
             "min_confidence_events and min_confidence_quotes; 0 lists everything). --json prints all.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Show one stored article and its annotations, each with its evidence and confidence."""
    from .query.filters import min_confidence as threshold
    from .render import render_analysis

    settings = _settings(config)
    with _open_ro(db, settings) as store:
        a = store.get(article_id)
        if a is None:
            ids = store.find_ids(article_id)
            if len(ids) == 1:
                a = store.get(ids[0])
            elif len(ids) > 1:
                err.print(f"[red]error:[/red] {article_id!r} is ambiguous: {', '.join(ids)}")
                raise typer.Exit(2)
    if a is None:
        err.print(f"[red]error:[/red] no article {article_id!r}; 'newsgraph search WORDS' finds ids")
        raise typer.Exit(2)
    if as_json:
        print(a.to_json(indent=2))
    else:
        render_analysis(a, Console(highlight=False, emoji=False),
                        min_events=threshold(min_confidence, settings.min_confidence_events),
                        min_quotes=threshold(min_confidence, settings.min_confidence_quotes))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles, texts and quotes (word* for prefixes).")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="Most results.")] = 20,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only quotes of at least this confidence (default: the setting min_confidence_quotes).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Full-text search over stored articles and quotes (what /api/search answers)."""
    from .query import min_confidence as threshold
    from .query import search_all

    settings = _settings(config)
    with _open_ro(db, settings) as store:
        found = search_all(store, query, limit=limit,
                           min_confidence=threshold(min_confidence, settings.min_confidence_quotes))
    rows, quotes = found["articles"], found["quotes"]
    out = Console(highlight=False, emoji=False)
    for r in rows:
        out.print(f"[bold]{r['id']}[/bold]  {r['published'] or '?':10}  "
                  f"{escape(r['outlet'] or '')}  {escape(r['title'] or '')}")
        snippet = "".join(f"[{p['text']}]" if p["hit"] else p["text"] for p in r["snippet_parts"])
        out.print(f"    {' '.join(snippet.split())}", markup=False)
    for q in quotes:
        out.print(f"[cyan]quote[/cyan] {q['article_id']}  {escape(q['speaker_name'] or '(unattributed)')}: ", end="")
        out.print(q["text"][:200], markup=False)
    if not rows and not quotes:
        err.print("no matches")
    if found["articles_total_capped"]:
        err.print(f"{found['articles_total']}+ articles match: the best of {found['articles_total']} candidates "
                  "(setting fulltext_cap)")


@app.command()
def entities(
    db: DbOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, NORP, GROUP, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor code prefix, any case, e.g. USA or RUSGOV.")] = None,
    name: Annotated[str | None, typer.Option(help="Part of the name, any case.")] = None,
    limit: Annotated[int, typer.Option(help="Most rows.")] = 30,
    config: ConfigOpt = None,
) -> None:
    """The most frequent entities, with their actor codes and article counts (as /api/entities)."""
    from rich.table import Table

    from .query import list_entities

    settings = _settings(config)
    with _open_ro(db, settings) as store:
        rows = list_entities(store, type=type, actor=actor, name=name, limit=limit)["items"]
    t = Table("name", "type", "actor", "articles", "mentions")
    for r in rows:
        t.add_row(*map(Text, (r["name"], r["type"], r["actor"] or "", str(r["articles"]), str(r["mentions"]))))
    Console(highlight=False, emoji=False).print(t)


@app.command()
def stats(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Counts of what the database holds (articles, entities, events, rejects, ...) as JSON."""
    settings = _settings(config)
    with _open_ro(db, settings) as store:
        print(json.dumps(store.stats(), indent=2, ensure_ascii=False))


EXPORT_FORMATS = ("jsonl", "csv", "gdelt-events", "gdelt-mentions", "gkg", "parquet")


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | gdelt-events | gdelt-mentions | "
                                                               "gkg | parquet")] = "jsonl",
    output: Annotated[str, typer.Option("--output", "-o", help="Output file ('-' = stdout); a folder for "
                                                               "parquet.")] = "-",
    table: Annotated[str, typer.Option(help="For csv: articles, entities, events, quotes, timexes, amounts, "
                                            "places, themes.")] = "articles",
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="gdelt-events, gdelt-mentions, csv events/quotes: leave out items below this confidence "
             "(default: the setting min_confidence_events or min_confidence_quotes).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the database.

    jsonl: the output contract, one article a line.  csv: one table.  gdelt-events /
    gdelt-mentions: GDELT 2.0 Events (61 columns) and Mentions (16 columns) TSV.  gkg: GDELT
    GKG 2.1 TSV.  parquet: one file per table in the folder given by -o.

    Example:  newsgraph export --format gdelt-events --db news.db -o events.tsv
    """
    from .export import export_csv, export_jsonl
    from .export.gdelt import write_events, write_mentions
    from .export.gkg import write_gkg

    if format not in EXPORT_FORMATS:
        err.print(f"[red]error:[/red] unknown format {format!r}; one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    from .query.filters import min_confidence as threshold

    settings = _settings(config)
    ev_min = threshold(min_confidence, settings.min_confidence_events)
    qu_min = threshold(min_confidence, settings.min_confidence_quotes)
    with _open_ro(db, settings) as store:
        if format == "parquet":
            from .export.parquet import write_parquet

            if output == "-":
                err.print("[red]error:[/red] parquet writes one file per table: give a folder with -o")
                raise typer.Exit(2)
            counts = write_parquet(store, output)
            err.print(", ".join(f"{t}: {n}" for t, n in counts.items()) + f" rows written to {output}")
            return
        with _output(output) as out:
            if format == "jsonl":
                n = export_jsonl(store, out)
            elif format == "csv":
                try:
                    n = export_csv(store, out, table=table, min_confidence=qu_min if table == "quotes" else ev_min)
                except ValueError as exc:
                    err.print(f"[red]error:[/red] {exc}")
                    raise typer.Exit(2) from exc
            elif format == "gdelt-events":
                n = write_events(store, out, ev_min)
            elif format == "gdelt-mentions":
                n = write_mentions(store, out, ev_min)
            else:
                n = write_gkg(store, out)
    err.print(f"{n} rows written")


# the read commands over events (events, dyads) live in their own module; importing it registers them
from . import cli_events, cli_measure  # noqa: E402,F401


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to bind (default: settings.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: settings.port, 8765).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the REST API and the web UI over a database (read-only but for POST /api/analyze?store=true).

    Example:  newsgraph serve --db news.db   (then open http://127.0.0.1:8765/)
    """
    settings = _settings(config)
    path = _db_path(db, settings)
    from .store import open_store

    try:  # a missing file or an unreachable server is said now, not at the first request
        open_store(path, read_only=True).close()
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        from .server import run
    except ImportError as exc:
        err.print(f"[red]error:[/red] the web extra is missing ({exc}); pip install 'newsgraph[web]'")
        raise typer.Exit(2) from exc
    run(path, settings, host=host, port=port)


def main() -> None:
    try:
        app()
    except NewsgraphError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
