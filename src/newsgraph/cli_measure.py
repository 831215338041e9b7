"""The CLI's measuring commands, ``newsgraph eval`` (the evaluations over the gold sets and the judged
samples, and the gate) and ``newsgraph bench`` (throughput, memory and API latency).  Registered on the
CLI's app when ``cli.py`` imports this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .cli import ConfigOpt, _settings, app, err


@app.command(name="eval")
def eval_cmd(
    task: Annotated[str, typer.Argument(help="extraction | dates | ner | quotes | timex | events | police | gate | "
                                             "judged-entities | judged-events | judged-quotes")],
    judgments: Annotated[Path | None, typer.Option(help="judged-*: the judgment file (docs/judging.md); "
                                                        "judged-events also takes the recall file.")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", help="judged-events/-quotes: the threshold to report at (default: the setting).")
    ] = None,
    held_aside: Annotated[bool, typer.Option("--held-aside", help="judged-events/-quotes: score the held-aside "
                                                                  "third instead of the other two.")] = False,
    data: Annotated[Path | None, typer.Option("--data", help="Data folder (e.g. ../shared/data).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N records (quick checks).")] = None,
    part: Annotated[str | None, typer.Option(help="quotes, events: only the even- or odd-indexed records "
                                                  "(even | odd), to tune on one half and check on the other.")] = None,
    floors: Annotated[Path, typer.Option(help="gate: the floors file.")] = Path("tests/eval/floors.json"),
    results: Annotated[Path | None, typer.Option(help="gate: folder of eval_TASK.json files to read "
                                                      "instead of running the evaluations.")] = None,
    record: Annotated[bool, typer.Option("--record", help="gate: write the floors from today's "
                                                          "scores.")] = False,
    allow_regression: Annotated[bool, typer.Option("--allow-regression", help="gate: report drops "
                                                                              "without failing.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Score newsgraph on a gold set and print the metrics as JSON (see docs/evaluation.md).

    ``gate`` checks the headline metrics of every task against the floors recorded in the repo
    and exits 1 when one is below.  Example:  newsgraph eval gate --data ../shared/data
    """
    import importlib

    if task == "judged-entities":
        from .evaluation.common import read_jsonl
        from .evaluation.judged_entities import score

        if judgments is None or not judgments.is_file():
            err.print("[red]error:[/red] judged-entities needs --judgments FILE")
            raise typer.Exit(2)
        print(json.dumps(score(read_jsonl(judgments)), indent=2))
        return
    if task in ("judged-events", "judged-quotes"):
        from .evaluation.judged_events import default_threshold, score_file

        if judgments is None or not judgments.is_file():
            err.print(f"[red]error:[/red] {task} needs --judgments FILE")
            raise typer.Exit(2)
        thirds = frozenset({2}) if held_aside else frozenset({0, 1})
        print(json.dumps(score_file(judgments, default_threshold(judgments, min_confidence, config), thirds),
                         indent=2))
        return
    tasks = ("extraction", "dates", "ner", "quotes", "timex", "events", "police")
    if task == "gate":
        from .evaluation.gate import gate

        raise typer.Exit(gate(data, floors=floors, results=results, rec=record,
                              allow_regression=allow_regression, config=config))
    if task not in tasks:
        err.print(f"[red]error:[/red] unknown task {task!r}; one of {', '.join(tasks)}, gate, "
                  "judged-entities, judged-events, judged-quotes")
        raise typer.Exit(2)
    if data is None or not data.is_dir():
        err.print(f"[red]error:[/red] data folder {str(data)!r} not found (give --data)")
        raise typer.Exit(2)
    settings = _settings(config)
    from .evaluation.gate import task_module

    mod = importlib.import_module(f"newsgraph.evaluation.{task_module(task)}")
    if part is not None and task not in ("quotes", "events"):
        err.print("[red]error:[/red] --part is an option of the quotes and events evaluations")
        raise typer.Exit(2)
    if part is not None and part not in ("even", "odd"):
        err.print(f"[red]error:[/red] --part must be even or odd, not {part!r}")
        raise typer.Exit(2)
    extra = {"part": part} if part is not None else {}
    result = mod.evaluate(data, settings=settings, limit=limit, **extra)
    print(json.dumps(result, indent=2, ensure_ascii=False))


@app.command()
def bench(
    corpus: Annotated[Path | None, typer.Option("--corpus", help="JSONL corpus ({id, text, title?, date?} "
                                                                 "a line).")] = None,
    limit: Annotated[int, typer.Option(help="Articles to use.")] = 200,
    api_db: Annotated[str | None, typer.Option("--api-db", help="Instead: latency of the REST API and pages "
                                                                "served over this database (file or URL).")] = None,
    rounds: Annotated[int, typer.Option(help="Requests per endpoint for --api-db.")] = 20,
    cache: Annotated[bool, typer.Option(help="With --api-db: let the server keep query results (SQLite), "
                                             "so repeated requests are answered from memory.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="With --corpus: compare with this many processes "
                                      "on each side (spaCy's nlp.pipe(n_process=N) against "
                                      "'analyze --jobs N'), in --runs fresh runs each.")] = 1,
    runs: Annotated[int, typer.Option(help="With --jobs > 1: pairs of runs, alternating which goes first.")] = 3,
    config: ConfigOpt = None,
) -> None:
    """Measure throughput (articles/s, words/s) and peak memory next to bare spaCy on the same
    articles; or, with --api-db, the p50/p95 latency of every read endpoint and page (each request
    runs its queries unless --cache).

    With --jobs 1 (the default) both run in this process, article by article, alternating which
    goes first, and the seconds each stage takes are printed.  With --jobs N each side runs --runs
    times in a fresh process with N workers; the ratio's min / median / max and the workers' peak
    resident memory are printed.

    Examples:  newsgraph bench --corpus articles.jsonl --limit 100
               newsgraph bench --corpus articles.jsonl --limit 500 --jobs 2 --runs 3
               newsgraph bench --api-db news.db
    """
    from .bench import run_api_bench, run_bench, run_bench_jobs

    settings = _settings(config)
    if api_db is not None:
        print(json.dumps(run_api_bench(api_db, rounds=rounds, settings=settings, cache=cache), indent=2))
    elif corpus is not None:
        if jobs > 1:
            print(json.dumps(run_bench_jobs(corpus, settings=settings, limit=limit, jobs=jobs, runs=runs), indent=2))
        else:
            print(json.dumps(run_bench(corpus, settings=settings, limit=limit), indent=2))
    else:
        err.print("[red]error:[/red] give --corpus FILE.jsonl or --api-db FILE.db")
        raise typer.Exit(2)
