"""The evaluation gate's logic on invented results (no evaluation runs, no spaCy)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluation.gate import FLOORS_FILE, GATES, TASKS, check, gate, metric, record

ROOT = Path(__file__).resolve().parents[2]


def _results(scale: float = 1.0) -> dict[str, dict[str, Any]]:
    """Results holding every gated metric at 0.8 * scale."""
    out: dict[str, dict[str, Any]] = {}
    for g in GATES:
        node = out.setdefault(g.task, {})
        *parents, leaf = g.path.split(".")
        for k in parents:
            node = node.setdefault(k, {})
        node[leaf] = round(0.8 * scale, 4)
    return out


def _write(folder: Path, results: dict[str, dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for task, res in results.items():
        (folder / f"eval_{task}.json").write_text(json.dumps(res), encoding="utf-8")


def test_metric_reads_dotted_paths_and_refuses_non_numbers() -> None:
    res = {"direct": {"f1": 0.9, "n": True, "name": "x"}}
    assert metric(res, "direct.f1") == 0.9
    assert metric(res, "direct.recall") is None
    assert metric(res, "direct.n") is None  # a bool is not a score
    assert metric(res, "direct.name") is None


def test_record_sets_floor_to_score_minus_margin() -> None:
    table = record(_results(), data="d", seconds={"ner": 12.34})
    for g in GATES:
        entry = table["metrics"][g.task][g.path]
        assert entry["score"] == 0.8
        assert entry["margin"] == g.margin
        assert entry["floor"] == pytest.approx(0.8 - g.margin, abs=1e-4)
        assert entry["floor"] <= 0.8 - g.margin + 1e-12  # rounded down, never above score - margin
    assert table["seconds"] == {"ner": 12.3}


def test_a_score_below_its_floor_fails_and_one_at_it_passes() -> None:
    table = record(_results(), data="d", seconds={})
    assert all(c.ok for c in check(_results(), table))
    low = _results()
    low["quotes"]["direct"]["speaker_accuracy"] = 0.7
    bad = [c for c in check(low, table) if not c.ok]
    assert [(c.task, c.path) for c in bad] == [("quotes", "direct.speaker_accuracy")]


def test_a_failed_evaluation_or_a_missing_floor_fails() -> None:
    table = record(_results(), data="d", seconds={})
    res: dict[str, dict[str, Any] | None] = dict(_results())
    res["timex"] = None
    assert {c.task for c in check(res, table) if not c.ok} == {"timex"}
    del table["metrics"]["ner"]
    missing = [c for c in check(_results(), table) if not c.ok]
    assert [(c.task, c.floor) for c in missing] == [("ner", None)]


def test_gate_exit_status_and_allow_regression(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    good, bad = tmp_path / "good", tmp_path / "bad"
    _write(good, _results())
    _write(bad, _results(0.9))  # every metric 0.72: below every floor
    out = io.StringIO()
    assert gate(None, floors=floors, results=good, rec=True, out=out) == 0
    assert floors.is_file()
    out = io.StringIO()
    assert gate(None, floors=floors, results=good, out=out) == 0
    assert "at or above" in out.getvalue()
    out = io.StringIO()
    assert gate(None, floors=floors, results=bad, out=out) == 1
    text = out.getvalue()
    assert text.count("FAIL") == len(GATES)
    assert "0.7200" in text and "0.7950" in text  # the score printed next to its floor
    assert gate(None, floors=floors, results=bad, allow_regression=True, out=io.StringIO()) == 0


def test_gate_without_data_or_results_is_a_usage_error(tmp_path: Path) -> None:
    assert gate(None, floors=tmp_path / "f.json", out=io.StringIO()) == 2
    _write(tmp_path / "r", _results())
    assert gate(None, floors=tmp_path / "missing.json", results=tmp_path / "r", out=io.StringIO()) == 2


def test_the_repo_floors_cover_every_gate_with_its_margin() -> None:
    table = json.loads((ROOT / FLOORS_FILE).read_text(encoding="utf-8"))
    assert set(table["metrics"]) == set(TASKS)
    for g in GATES:
        entry = table["metrics"][g.task][g.path]
        assert entry["margin"] == g.margin
        assert entry["floor"] == pytest.approx(entry["score"] - g.margin, abs=1e-4)
    assert table["recorded"][:2] == "20"


def test_every_gated_task_has_an_evaluation_module() -> None:
    # the gate runs each task's module itself when it is given --data: a renamed module must not break it
    import importlib

    from newsgraph.evaluation.gate import TASKS, task_module

    for task in TASKS:
        assert callable(importlib.import_module(f"newsgraph.evaluation.{task_module(task)}").evaluate), task
