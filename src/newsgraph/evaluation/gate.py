"""The evaluation gate: headline scores must not fall below the floors recorded in the repo.

Every evaluation on the development data is deterministic (same code, same data, same model ->
same score), so a drop is a change someone made, not chance.  The gate compares the headline
metrics of ``newsgraph eval TASK`` with ``tests/eval/floors.json`` (floor = the score recorded
there minus a stated margin) and fails when any is below, as trafilatura's CI does.  The margin
absorbs only what is not a regression: a different BLAS or spaCy build breaking a tie, or one item
of a small set flipping when an unrelated rule improves another.

Run it on saved results (``--results DIR`` with ``eval_<task>.json`` files, what ``.ci/run``
writes) or let it run the evaluations.  ``--record`` rewrites the floors from the current scores,
keeping each metric's margin; ``--allow-regression`` reports drops without failing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

FLOORS_FILE = Path("tests/eval/floors.json")


@dataclass(frozen=True)
class Gate:
    """One gated metric: where it sits in ``newsgraph eval TASK``'s JSON and its noise margin."""

    task: str
    path: str  # dotted keys into the task's JSON, e.g. "direct.speaker_accuracy"
    margin: float
    why: str  # the margin's reasoning, written into the floors file


# The headline metrics.  Margins: one item of the set's unit (a page, a sentence) where the set is
# small enough that one item moves the score by more than 0.005; 0.005 for the large sets, where
# one item is far below it and a real regression shows as more.
GATES: tuple[Gate, ...] = (
    Gate("extraction", "newsgraph.f1", 0.005, "92 pages: one page changes the mean F1 by up to 0.01; "
         "small per-page shifts from trafilatura's tie-breaking stay under 0.005"),
    Gate("dates", "all.accuracy", 0.011, "99 pages: one page is 0.0101; a single flipped page passes, two fail"),
    Gate("ner", "newsgraph.f1", 0.005, "118 documents, 2,916 gold entities: one entity is 0.0003"),
    Gate("timex", "value.f1", 0.005, "256 documents, ~1,800 gold expressions: one is 0.0006"),
    Gate("quotes", "direct.f1", 0.005, "924 articles, 4,241 gold direct quotes: one is 0.0002"),
    Gate("quotes", "direct.speaker_accuracy", 0.005, "~3,900 matched direct quotes: one speaker is 0.0003"),
    Gate("quotes", "all.f1", 0.005, "22,024 gold attributions: one is under 0.0001"),
    Gate("quotes", "all.precision", 0.005, "~10,500 predicted attributions at the precision-first default "
         "(min_confidence 0.65): one is 0.0001"),
    Gate("quotes", "all.speaker_accuracy", 0.005, "~9,100 matched attributions: one speaker is 0.0001"),
    Gate("events", "cameo_validation.root_country.f1", 0.03, "41 sentences, ~85 gold+predicted triples: "
         "one triple moves micro F1 by ~0.012-0.025; the margin lets one flip pass, not two"),
    Gate("events", "cameo_validation.dyad_country.f1", 0.03, "as root_country: 41 sentences, one triple "
         "~0.012-0.025"),
    Gate("events", "plover_examples.type_accuracy", 0.01, "167 sentences: one sentence is 0.006; one flip "
         "passes, two fail"),
    Gate("police", "all.newsgraph.ARREST.f1", 0.01, "628 articles, 157 gold ARREST sentences: one sentence "
         "moves F1 by ~0.003-0.006"),
    Gate("police", "all.newsgraph.FORCE.f1", 0.015, "87 gold FORCE sentences: one sentence is ~0.006-0.01"),
    Gate("police", "all.newsgraph.KILL.f1", 0.04, "37 gold KILL sentences: one sentence is ~0.02-0.03; one "
         "flip passes, two fail"),
    Gate("police", "all.newsgraph.ANY_ACTION.f1", 0.005, "994 gold ANY_ACTION sentences: one is under 0.001"),
)
TASKS: tuple[str, ...] = tuple(dict.fromkeys(g.task for g in GATES))


def metric(result: Mapping[str, Any], path: str) -> float | None:
    """The number at ``path`` (dotted keys) in one evaluation's JSON, or None when absent."""
    node: Any = result
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


@dataclass(frozen=True)
class Check:
    """One metric's verdict."""

    task: str
    path: str
    score: float | None  # None: the evaluation did not run or lacks the metric
    floor: float | None  # None: no floor recorded for it

    @property
    def ok(self) -> bool:
        return self.score is not None and self.floor is not None and self.score >= self.floor - 1e-9


def check(results: Mapping[str, Mapping[str, Any] | None], floors: Mapping[str, Any]) -> list[Check]:
    """Each gated metric of ``floors`` against ``results`` (task -> JSON, None if the task failed)."""
    out: list[Check] = []
    table: Mapping[str, Mapping[str, Any]] = floors.get("metrics", {})
    for task, metrics in table.items():
        res = results.get(task)
        for path, entry in metrics.items():
            score = metric(res, path) if res is not None else None
            out.append(Check(task, path, score, float(entry["floor"])))
    for g in GATES:  # a gate with no recorded floor fails: record the floors again
        if g.path not in table.get(g.task, {}):
            res = results.get(g.task)
            out.append(Check(g.task, g.path, metric(res, g.path) if res is not None else None, None))
    return out


def record(results: Mapping[str, Mapping[str, Any] | None], *, data: str, seconds: Mapping[str, float],
           today: dt.date | None = None) -> dict[str, Any]:
    """A floors file from the current scores: floor = score - margin, rounded down to 4 decimals."""
    metrics: dict[str, dict[str, Any]] = {}
    for g in GATES:
        res = results.get(g.task)
        score = metric(res, g.path) if res is not None else None
        if score is None:
            raise ValueError(f"cannot record {g.task} {g.path}: the evaluation has no such metric")
        floor = int(round((score - g.margin) * 10_000, 6)) / 10_000
        metrics.setdefault(g.task, {})[g.path] = {"score": score, "margin": g.margin, "floor": floor,
                                                  "why": g.why}
    return {
        "about": "Floors of the evaluation gate (newsgraph eval gate; docs/evaluation.md). floor = score - margin. "
                 "The evaluations are deterministic, so a score below its floor is a regression someone made; "
                 "the margin only absorbs tie-breaking differences between builds and one item of a small set. "
                 "Re-record with: newsgraph eval gate --data ../shared/data --record",
        "recorded": (today or dt.date.today()).isoformat(),
        "data": data,
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "metrics": metrics,
    }


def report(checks: Sequence[Check], out: TextIO) -> int:
    """Print each metric next to its floor; the number of failures."""
    failed = 0
    out.write(f"{'task':<11} {'metric':<36} {'score':>7} {'floor':>7}  verdict\n")
    for c in checks:
        score = "-" if c.score is None else f"{c.score:.4f}"
        floor = "-" if c.floor is None else f"{c.floor:.4f}"
        if c.ok:
            verdict = "ok"
        elif c.score is None:
            verdict = "FAIL (no score: the evaluation failed or lacks this metric)"
        elif c.floor is None:
            verdict = "FAIL (no floor recorded: re-record the floors)"
        else:
            verdict = f"FAIL (below by {c.floor - c.score:.4f})"
        failed += not c.ok
        out.write(f"{c.task:<11} {c.path:<36} {score:>7} {floor:>7}  {verdict}\n")
    return failed


def load_results(folder: Path, tasks: Sequence[str]) -> dict[str, dict[str, Any] | None]:
    """``eval_<task>.json`` of each task in ``folder`` (None when missing or unreadable)."""
    out: dict[str, dict[str, Any] | None] = {}
    for task in tasks:
        try:
            out[task] = json.loads((folder / f"eval_{task}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            out[task] = None
    return out


def task_module(task: str) -> str:
    """The module under ``newsgraph.evaluation`` that scores ``task`` (``dates`` is scored by
    ``pubdates``: publication dates, a name no other module shares)."""
    return {"dates": "pubdates"}.get(task, task)


def run_evaluations(data: Path, tasks: Sequence[str], *, save: Path | None = None,
                    config: Path | None = None) -> tuple[dict[str, dict[str, Any] | None], dict[str, float]]:
    """Run each task's ``evaluate`` in this process; results (None on an error) and seconds per task."""
    import time

    from ..config import load_settings

    settings = load_settings(config)
    results: dict[str, dict[str, Any] | None] = {}
    seconds: dict[str, float] = {}
    for task in tasks:
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"newsgraph.evaluation.{task_module(task)}")
            results[task] = module.evaluate(data, settings=settings)
        except Exception as exc:  # a crashed evaluation is a failed gate, reported with the others
            print(f"eval {task} failed: {exc!r}", file=sys.stderr)
            results[task] = None
        seconds[task] = time.perf_counter() - t0
        print(f"eval {task}: {seconds[task]:.0f} s", file=sys.stderr)
        if save is not None and results[task] is not None:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"eval_{task}.json").write_text(json.dumps(results[task], indent=2, ensure_ascii=False),
                                                    encoding="utf-8")
    return results, seconds


def gate(data: Path | None, *, floors: Path = FLOORS_FILE, results: Path | None = None, rec: bool = False,
         allow_regression: bool = False, config: Path | None = None, out: TextIO = sys.stdout) -> int:
    """The gate's exit status: 0 when every gated metric is at or above its floor (or with
    ``allow_regression``), 1 otherwise, 2 for a usage error.

    With ``results`` holding ``eval_<task>.json`` files, those are read (and missing ones run when
    ``data`` is given); else every task is run on ``data``.  ``rec`` writes ``floors`` instead of
    checking them.
    """
    seconds: dict[str, float] = {}
    if results is not None and results.is_dir():
        got = load_results(results, TASKS)
        missing = [t for t, r in got.items() if r is None]
        if missing and data is not None:
            ran, seconds = run_evaluations(data, missing, save=results, config=config)
            got.update(ran)
    elif data is not None:
        got, seconds = run_evaluations(data, TASKS, save=results, config=config)
    else:
        print("error: give --data DIR (to run the evaluations) or --results DIR (their JSON)", file=sys.stderr)
        return 2
    if rec:
        try:
            table = record(got, data=str(data) if data else "?", seconds=seconds)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        floors.parent.mkdir(parents=True, exist_ok=True)
        floors.write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        out.write(f"floors recorded in {floors}\n")
        report(check(got, table), out)
        return 0
    try:
        table = json.loads(floors.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the floors {str(floors)!r}: {exc}", file=sys.stderr)
        return 2
    failed = report(check(got, table), out)
    if failed and allow_regression:
        out.write(f"{failed} metric(s) below the floor; allowed by --allow-regression\n")
        return 0
    if failed:
        out.write(f"{failed} metric(s) below the floor (floors recorded {table.get('recorded', '?')} in "
                  f"{floors}); fix the regression, or re-record with --record if the drop is intended\n")
        return 1
    out.write("every gated metric is at or above its floor\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsgraph.evaluation.gate``: the same as ``newsgraph eval gate``."""
    p = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.gate", description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, help="data folder (../shared/data) to run the evaluations on")
    p.add_argument("--results", type=Path, help="folder of eval_<task>.json files to read (and to save runs to)")
    p.add_argument("--floors", type=Path, default=FLOORS_FILE, help=f"floors file (default {FLOORS_FILE})")
    p.add_argument("--record", action="store_true", help="write the floors from the current scores")
    p.add_argument("--allow-regression", action="store_true", help="report drops without failing")
    p.add_argument("--config", type=Path, help="settings file for the evaluations")
    a = p.parse_args(argv)
    return gate(a.data, floors=a.floors, results=a.results, rec=a.record, allow_regression=a.allow_regression,
                config=a.config)


if __name__ == "__main__":
    raise SystemExit(main())
