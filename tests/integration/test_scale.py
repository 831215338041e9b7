"""Scale-out on a real Dask cluster (two worker processes on this machine): shards, resume, merge."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.config import Settings
from newsgraph.model import Rejected
from newsgraph.runner import process_all
from newsgraph.scale import merge_shards, run_batch, shard_rows
from newsgraph.scale.batch import local_cluster
from newsgraph.store import open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from dask.distributed import Client

    cluster = local_cluster(2)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    (folder / "broken.html").write_bytes(bytes(range(256)) * 8)  # binary: rejected, the rest goes on
    return folder


def _ingest_directly(inputs: Path, db: Path, settings: Settings) -> None:
    from newsgraph.api import read

    with open_store(str(db)) as st:
        for res in process_all(read(str(inputs), settings=settings), settings, jobs=1):
            if res is not None and not isinstance(res, Rejected):
                st.write(res)


def test_batch_writes_shards_that_merge_into_the_same_analyses_as_ingest(
        client: Any, inputs: Path, tmp_path: Path, settings: Settings) -> None:
    n_docs = len(list(inputs.iterdir()))
    report = run_batch([str(inputs)], tmp_path / "shards", settings, chunk_size=2, client=client)
    assert report.documents == n_docs and report.ok == n_docs - 1 and report.rejected == 1
    assert report.shards_computed == -(-n_docs // 2) and report.shards_reused == 0 and report.workers == 2
    shards = sorted((tmp_path / "shards").glob("shard-*.parquet"))
    assert len(shards) == report.shards_computed
    rows = [r for p in shards for r in shard_rows(p)]
    assert sorted(r["status"] for r in rows) == ["ok"] * (n_docs - 1) + ["rejected"]
    assert next(r for r in rows if r["status"] == "rejected")["code"] == "E103"

    with open_store(str(tmp_path / "batch.db")) as st:
        merged = merge_shards(tmp_path / "shards", st)
        assert (merged.ok, merged.rejected, merged.skipped, merged.bad_shards) == (n_docs - 1, 1, 0, [])
        by_batch = {a.article.id: a for a in st.iter_analyses()}
    _ingest_directly(inputs, tmp_path / "direct.db", settings)
    with open_store(str(tmp_path / "direct.db")) as st:
        direct = {a.article.id: a for a in st.iter_analyses()}
    assert len(by_batch) == n_docs - 1 and set(by_batch) == set(direct)
    for i, a in by_batch.items():  # the workers ran the same pipeline: identical output
        assert a.to_dict() == direct[i].to_dict()


def test_a_rerun_reuses_finished_shards_and_recomputes_only_a_missing_one(
        client: Any, inputs: Path, tmp_path: Path, settings: Settings) -> None:
    out = tmp_path / "shards"
    first = run_batch([str(inputs)], out, settings, chunk_size=2, client=client)
    shards = sorted(out.glob("shard-*.parquet"))
    stamps = {p.name: p.stat().st_mtime_ns for p in shards}
    again = run_batch([str(inputs)], out, settings, chunk_size=2, client=client)
    assert again.shards_computed == 0 and again.shards_reused == first.shards_computed
    assert (again.ok, again.rejected) == (first.ok, first.rejected)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("shard-*.parquet")} == stamps

    shards[0].unlink()  # as if the run had been killed before this shard was written,
    (out / f"{shards[0].name}.999.tmp").write_bytes(b"half a shard")  # mid-write
    third = run_batch([str(inputs)], out, settings, chunk_size=2, client=client)
    assert third.shards_computed == 1 and third.shards_reused == first.shards_computed - 1
    assert shards[0].exists() and not list(out.glob("*.tmp"))


def test_merging_twice_adds_nothing_and_a_damaged_shard_is_reported(
        client: Any, inputs: Path, tmp_path: Path, settings: Settings) -> None:
    out = tmp_path / "shards"
    run_batch([str(inputs)], out, settings, chunk_size=3, client=client)
    (out / "shard-0000damaged.parquet").write_bytes(b"PAR1 not really a parquet file")
    with open_store(str(tmp_path / "m.db")) as st:
        first = merge_shards(out, st)
        counts = {t: st.count(t) for t in ("articles", "events", "quotes", "entities", "rejects")}
        second = merge_shards(out, st)
        assert {t: st.count(t) for t in counts} == counts
    assert first.ok == counts["articles"] > 0 and counts["rejects"] == 1
    assert second.ok == 0 and second.skipped == first.ok
    assert [Path(p).name for p, _ in first.bad_shards] == ["shard-0000damaged.parquet"]
    assert "E501" in first.bad_shards[0][1] or "damaged" in first.bad_shards[0][1]


def test_cli_batch_on_a_local_cluster_then_merge(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    cmd = [sys.executable, "-m", "newsgraph", "batch", str(inputs), "--out", str(tmp_path / "sh"),
           "--workers", "1", "--chunk-size", "4", "--db", str(db)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr  # one document rejected
    assert "rejected" in run.stderr and "shards written" in run.stderr
    assert '"shards_computed"' in run.stdout
    with open_store(str(db)) as st:
        n = st.count("articles")
    assert n == len(list(inputs.iterdir())) - 1
    again = subprocess.run([sys.executable, "-m", "newsgraph", "merge", str(tmp_path / "sh"), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert "0 stored" in again.stderr and f"{n} already done" in again.stderr
    missing = subprocess.run([sys.executable, "-m", "newsgraph", "merge", str(tmp_path / "nowhere"), "--db", str(db)],
                             capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "not a folder of shards" in missing.stderr


def test_a_bad_chunk_size_is_a_config_error(client: Any, inputs: Path, tmp_path: Path, settings: Settings) -> None:
    from newsgraph.errors import ConfigError

    with pytest.raises(ConfigError, match="chunk_size"):
        run_batch([str(inputs)], tmp_path / "s", settings, chunk_size=0, client=client)
    assert not (tmp_path / "s").exists()  # checked before anything is written


def test_batch_on_a_running_scheduler_by_its_address(client: Any, inputs: Path, tmp_path: Path,
                                                       settings: Settings) -> None:
    address = client.scheduler.address  # as a user would pass --scheduler tcp://host:8786
    report = run_batch([str(inputs)], tmp_path / "s", settings, scheduler=address, chunk_size=10)
    assert report.scheduler == address and report.workers == 2
    assert report.shards_computed == 1 and report.ok == len(list(inputs.iterdir())) - 1
    assert client.scheduler_info()["workers"]  # the cluster is still up: the batch closed only its own client


def _warmed_for(settings_repr: str) -> bool:
    from newsgraph import runner

    return settings_repr in runner._WARMED


def _forget_warming() -> None:
    from newsgraph import runner

    runner._WARMED.clear()


def test_every_worker_is_warmed_before_its_first_chunk_and_reports_its_peak_memory(
        client: Any, inputs: Path, tmp_path: Path, settings: Settings) -> None:
    client.run(_forget_warming)
    assert not any(client.run(_warmed_for, repr(settings)).values())
    report = run_batch([str(inputs)], tmp_path / "s", settings, chunk_size=50, client=client)
    assert report.shards_computed == 1  # one chunk: only one worker analysed anything,
    warmed = client.run(_warmed_for, repr(settings))
    assert len(warmed) == 2 and all(warmed.values())  # yet both were warmed
    assert report.warm_seconds >= 0
    assert 50 < report.worker_peak_mb < 4096  # the model is loaded: tens of MB at least


def _worker_view() -> tuple[str | None, bool]:
    import os

    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), bool(dask.config.get("distributed.worker.profile.enabled"))


def test_the_local_cluster_runs_workers_without_the_profiler_or_a_pinned_malloc_threshold(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.distributed import Client

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as a cluster started earlier leaves it
    cluster = local_cluster(1)
    try:
        with Client(cluster) as c:
            assert list(c.run(_worker_view).values()) == [(None, False)]
    finally:
        cluster.close()
