"""Dask batches: documents -> chunks -> one Parquet shard per chunk -> the store.

The driver reads the inputs (cheap), groups the documents into chunks of ``chunk_size`` and
submits one task per chunk; a worker analyses its chunk with the same ``process_in_batches`` as
``newsgraph ingest`` and writes ``shard-<chunk hash>.parquet`` (to a temporary name, then renamed,
so a shard on disk is always complete).  The chunk hash covers the chunk's documents (source and
content), so re-running the same inputs finds the shards already written and skips them.

A shard has one row per document: ``source``, ``source_key``, ``status`` (``ok`` or
``rejected``), ``code`` and ``message`` (for a rejected document), ``article_id`` and
``analysis`` (the output contract's JSON).  ``merge_shards`` writes them into a store.

On Dask workers a task runs in a worker thread; the per-document ``stage_timeout_s`` limit holds
there too (``runner._time_limit`` uses a watchdog thread where it cannot use an alarm), so a
document over it, or one that makes a stage fail, becomes a rejected row and the chunk goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import errors as E
from ..config import Settings
from ..model import Analysis, RawDocument, Rejected
from ..runner import process_in_batches, source_key

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = ("source", "source_key", "status", "code", "message", "article_id", "analysis")
SHARD_GLOB = "shard-*.parquet"


@dataclass
class BatchReport:
    """What ``run_batch`` did: documents analysed and rejected, shards computed and reused."""

    out: str
    documents: int = 0
    ok: int = 0
    rejected: int = 0
    shards_computed: int = 0
    shards_reused: int = 0
    workers: int = 0
    scheduler: str = ""
    seconds: float = 0.0
    warm_seconds: float = 0.0  # loading the model and tables on every worker, before the first chunk
    worker_peak_mb: float = 0.0  # the largest peak resident memory of a worker, as its chunks finished

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class MergeReport:
    """What ``merge_shards`` did; ``bad_shards`` lists (path, reason) of shards it could not read."""

    shards: int = 0
    ok: int = 0
    rejected: int = 0
    skipped: int = 0
    bad_shards: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _doc_key(doc: RawDocument | Rejected) -> str:
    if isinstance(doc, Rejected):
        return hashlib.sha1(f"{doc.source}\0{doc.code}".encode("utf-8", "surrogatepass")).hexdigest()
    return source_key(doc)


def chunk_id(docs: Sequence[RawDocument | Rejected]) -> str:
    """Stable id of a chunk: a hash of its documents' keys, in order."""
    h = hashlib.sha1()
    for d in docs:
        h.update(_doc_key(d).encode("ascii"))
        h.update(b"\n")
    return h.hexdigest()[:20]


def _chunks(docs: Iterable[RawDocument | Rejected], size: int) -> Iterator[list[RawDocument | Rejected]]:
    chunk: list[RawDocument | Rejected] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


def analyze_chunk(docs: Sequence[RawDocument | Rejected], settings: Settings,
                  path: str) -> tuple[int, int, float]:
    """Analyse ``docs`` and write their shard to ``path`` atomically; (analysed, rejected, the
    worker's peak resident MB)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[str | None]] = {c: [] for c in COLUMNS}
    ok = rejected = 0
    for doc, res in zip(docs, process_in_batches(docs, settings), strict=True):
        assert res is not None
        rows["source"].append(doc.source)
        rows["source_key"].append(_doc_key(doc))
        if isinstance(res, Rejected):
            rejected += 1
            values: tuple[str | None, ...] = ("rejected", res.code, res.message, None, None)
        else:
            ok += 1
            values = ("ok", None, None, res.article.id, res.to_json())
        for col, v in zip(COLUMNS[2:], values, strict=True):
            rows[col].append(v)
    table = pa.table({c: pa.array(v, type=pa.string()) for c, v in rows.items()})
    tmp = f"{path}.{os.getpid()}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return ok, rejected, peak_rss_mb()


# Dask's defaults suit dataframe work, not one long CPU-bound Python task per thread: the
# workers' statistical profiler samples the running task's stack every 10 ms (taking the GIL from
# it, and the scheduler, in the driver process, aggregates the samples), and the nanny starts each
# worker with MALLOC_TRIM_THRESHOLD_ set, which also pins glibc's mmap threshold at 128 KiB, so
# every large array spaCy allocates is a fresh mmap and its pages fault in again.  Measured on
# 300 CNN articles with two workers: 66.6 s of worker CPU with both, 54.0 s without.
CPU_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
_TRIM = "MALLOC_TRIM_THRESHOLD_"


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A local cluster of ``workers`` single-threaded worker processes set up for CPU-bound tasks."""
    import dask
    from dask.distributed import LocalCluster

    # A cluster started earlier in this process leaves its nanny's MALLOC_TRIM_THRESHOLD_ in
    # os.environ (dask's own value, not the user's), where the new workers would inherit it.
    default = dask.config.get(f"distributed.nanny.pre-spawn-environ.{_TRIM}", default=None)
    if default is not None and os.environ.get(_TRIM) == str(default):
        del os.environ[_TRIM]
    with dask.config.set(CPU_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, **kwargs)


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """(client, cluster): a client of ``scheduler``, or of a new local cluster bound to localhost."""
    from dask.distributed import Client

    if scheduler:
        return Client(scheduler), None
    cluster = local_cluster(workers)
    return Client(cluster), cluster


def run_batch(inputs: Sequence[str], out: str | os.PathLike[str], settings: Settings, *,
              scheduler: str | None = None, workers: int | None = None, chunk_size: int = 50,
              client: Any = None, on_progress: Callable[[int], None] | None = None) -> BatchReport:
    """Analyse ``inputs`` on a Dask cluster into Parquet shards under ``out``.

    ``scheduler``: address of a running scheduler (``tcp://host:8786``); none starts a local
    cluster of ``workers`` processes (default ``settings.jobs``).  ``client``: an existing Dask
    client to use instead.  ``on_progress(n)`` is called with each batch of documents finished.
    """
    try:
        import pyarrow  # noqa: F401  (the shards)
        from dask.distributed import as_completed
    except ImportError as exc:
        raise E.ConfigError(f"{exc.name} is not installed; install the scale-out extra: "
                            "pip install 'newsgraph[dask]'", code="E211") from exc

    from ..api import read
    from .warm import WarmPlugin

    if chunk_size < 1:
        raise E.ConfigError(f"chunk_size must be at least 1, not {chunk_size}", code="E202")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("shard-*.tmp"):  # left by a killed run: never a finished shard
        stale.unlink(missing_ok=True)
    t0 = time.perf_counter()
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, max(1, workers or settings.jobs or 1))
    n_workers = len(client.scheduler_info().get("workers", {})) or 1
    report = BatchReport(out=str(out_dir), workers=n_workers, scheduler=str(client.scheduler.address))
    t_warm = time.perf_counter()
    client.register_plugin(WarmPlugin(settings))
    report.warm_seconds = round(time.perf_counter() - t_warm, 2)
    pending = as_completed()
    sizes: dict[str, int] = {}

    def collect(fut: Any) -> None:
        ok, rej, peak = fut.result()
        report.worker_peak_mb = max(report.worker_peak_mb, peak)
        report.ok += ok
        report.rejected += rej
        report.shards_computed += 1
        if on_progress is not None:
            on_progress(sizes.pop(fut.key, ok + rej))

    try:
        for chunk in _chunks(read(*inputs, settings=settings), chunk_size):
            report.documents += len(chunk)
            cid = chunk_id(chunk)
            path = out_dir / f"shard-{cid}.parquet"
            if path.exists():
                report.shards_reused += 1
                counts = shard_counts(path)
                report.ok += counts[0]
                report.rejected += counts[1]
                if on_progress is not None:
                    on_progress(len(chunk))
                continue
            fut = client.submit(analyze_chunk, chunk, settings, str(path), key=f"newsgraph-chunk-{cid}", pure=False)
            sizes[fut.key] = len(chunk)
            pending.add(fut)
            while pending.count() >= 2 * n_workers:
                collect(next(pending))
        for fut in pending:
            collect(fut)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def shard_rows(path: str | os.PathLike[str]) -> list[dict[str, str | None]]:
    """The rows of one shard; raises ``InputError`` (E501) when it cannot be read."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:
        raise E.InputError(f"{path}: {type(exc).__name__}: {exc}; {E.EXPLAIN[E.E_SHARD]}", code=E.E_SHARD) from exc
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise E.InputError(f"{path}: not a newsgraph shard (no {', '.join(missing)})", code=E.E_SHARD)
    return [dict(r) for r in table.select(list(COLUMNS)).to_pylist()]


def shard_counts(path: str | os.PathLike[str]) -> tuple[int, int]:
    """(analysed, rejected) documents in a shard."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    status = pq.read_table(path, columns=["status"]).column("status")
    ok = int(pc.sum(pc.equal(status, "ok")).as_py() or 0)
    return ok, len(status) - ok


def merge_shards(out: str | os.PathLike[str], store: Store, *, resume: bool = True, run_id: int | None = None,
                 on_progress: Callable[[int], None] | None = None) -> MergeReport:
    """Write every shard under ``out`` into ``store`` (one transaction per article).

    With ``resume`` a document the store already holds (same source and content) is skipped, so
    merging twice adds nothing.  A damaged shard is reported in ``bad_shards`` and the others
    are merged; a damaged row becomes a rejected document (E501).
    """
    report = MergeReport()
    for path in sorted(Path(out).glob(SHARD_GLOB)):
        try:
            rows = shard_rows(path)
        except E.InputError as exc:
            report.bad_shards.append((str(path), exc.detail))
            continue
        report.shards += 1
        for r in rows:
            source, key = str(r["source"] or path), r["source_key"] or ""
            if r["status"] == "ok":
                if resume and key and store.has_source(key):
                    report.skipped += 1
                    continue
                try:
                    analysis = Analysis.from_json(str(r["analysis"]))
                except Exception as exc:
                    store.reject(Rejected(source, E.E_SHARD, f"{source}: unreadable analysis in {path.name}: {exc}"),
                                 run_id=run_id)
                    report.rejected += 1
                    continue
                store.write(analysis, source_key=key or None)
                report.ok += 1
            else:
                store.reject(Rejected(source, str(r["code"] or E.E_STAGE), str(r["message"] or "")), run_id=run_id)
                report.rejected += 1
        if on_progress is not None:
            on_progress(len(rows))
    return report
