"""The runner: time limits and stage failures reject one document, never the batch."""

from __future__ import annotations

import pytest

from newsgraph import errors as E
from newsgraph.config import load_settings
from newsgraph.errors import ConfigError
from newsgraph.model import RawDocument, Rejected
from newsgraph.registry import resolve
from newsgraph.runner import process_all


@pytest.mark.slow
def test_document_over_the_time_limit_is_rejected_and_the_next_one_runs() -> None:
    slow = RawDocument(source="slow", format="text", content="Talks\n\n" + "Officials met in Geneva. " * 4000)
    fast = RawDocument(source="fast", format="text", content="Talks\n\nOfficials met in Geneva on Monday.")
    s = load_settings().with_overrides(stage_timeout_s=0.05)
    out = list(process_all([slow, fast], s))
    assert isinstance(out[0], Rejected) and out[0].code == E.E_TIMEOUT
    s2 = load_settings()
    (ok,) = list(process_all([fast], s2))
    assert not isinstance(ok, Rejected)


def test_unknown_stage_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        resolve(["entities.v1", "no-such-stage.v9"])


def test_stage_order_is_checked() -> None:
    from newsgraph.registry import registered

    needs = [s for s in registered().values() if s.requires]
    if needs:
        with pytest.raises(ConfigError):
            resolve([needs[0].name])


@pytest.mark.slow
def test_the_time_limit_also_holds_outside_the_main_thread() -> None:
    import threading

    from newsgraph.runner import process_document

    slow = RawDocument(source="slow", format="text", content="Talks\n\n" + "Officials met in Geneva. " * 4000)
    fast = RawDocument(source="fast", format="text", content="Talks\n\nOfficials met in Geneva on Monday.")
    s = load_settings().with_overrides(stage_timeout_s=0.05)
    out: list[object] = []

    def work() -> None:  # as in a Dask worker or the web app: not the main thread, no SIGALRM
        out.append(process_document(slow, s))
        out.append(process_document(fast, load_settings()))

    t = threading.Thread(target=work)
    t.start()
    t.join(120)
    assert not t.is_alive() and len(out) == 2
    assert isinstance(out[0], Rejected) and out[0].code == E.E_TIMEOUT
    assert not isinstance(out[1], Rejected)  # the limit of the first document did not leak into the next


def test_recycled_workers_give_the_same_results_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Workers are replaced after WORKER_MAX_DOCS documents (bounded memory on long runs); the
    replacements are forked from the warmed parent and answer exactly as one process does."""
    import os

    import newsgraph.runner as runner

    monkeypatch.setattr(runner, "WORKER_MAX_DOCS", 1)
    docs = [RawDocument(source=f"d{i}", format="text",
                        content=f"Talks {i}\n\nOfficials from France met Chinese diplomats in Geneva on day {i}.")
            for i in range(6)]
    s = load_settings().with_overrides(chunk_size=1)
    one = [r.to_json() for r in process_all(docs, s)]  # type: ignore[union-attr]
    log = tmp_path / "pids"
    work = runner.process_batch

    def logged(ds: list[RawDocument], settings: object) -> object:
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        return work(ds, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "process_batch", logged)
    two = [r.to_json() for r in process_all(docs, s, jobs=2)]  # type: ignore[union-attr]
    assert two == one
    assert len(set(log.read_text().split())) > 2  # more workers than the pool's two: they were replaced


def test_a_batch_parsed_together_answers_as_one_by_one() -> None:
    """process_all parses each batch of chunk_size articles in one nlp.pipe call: the analyses are
    those of one article at a time, in order, with a rejected document in the middle of a batch."""
    from pathlib import Path

    from newsgraph.ingest import iter_documents

    samples = Path(__file__).resolve().parents[2] / "samples"
    docs: list[RawDocument | Rejected] = list(iter_documents([str(samples)]))
    docs.insert(2, RawDocument(source="empty", format="text", content="   "))
    def run(chunk_size: int) -> list[object]:
        return [r.to_dict() if isinstance(r, Rejected) else r.to_json()  # type: ignore[union-attr]
                for r in process_all(docs, load_settings().with_overrides(chunk_size=chunk_size))]

    one, together = run(1), run(8)
    assert len(one) == len(docs) >= 5
    assert together == one
    assert isinstance(together[2], dict) and all(isinstance(r, str) for r in together[:2] + together[3:])
