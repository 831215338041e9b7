"""Warm Dask workers: load the model and every table a chunk needs once, as a worker joins.

``WarmPlugin`` is registered by ``run_batch``; Dask runs its ``setup`` on every worker of the
cluster and on each worker that joins later.  The loading runs in the worker's task thread (its
single-threaded executor), not on its event loop, so heartbeats go on meanwhile; the first chunk
then analyses at full speed instead of paying a few seconds of loading.
"""

from __future__ import annotations

import asyncio
from typing import Any

from dask.distributed import WorkerPlugin

from ..config import Settings
from ..runner import warm


def warm_worker(settings: Settings) -> None:
    """Load everything a chunk needs: the model, the stages' tables and the Parquet writer."""
    import pyarrow.parquet  # noqa: F401

    warm(settings)


class WarmPlugin(WorkerPlugin):  # type: ignore[misc]
    """Calls ``warm_worker(settings)`` on each worker in its task thread."""

    name = "newsgraph-warm"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(worker.executors["default"], warm_worker, self.settings)
