"""Scale-out: batch analysis on a Dask cluster, results as Parquet shards merged into the store.

``run_batch`` reads the inputs on the driver, cuts the documents into chunks and has Dask
workers analyse each chunk into one Parquet shard (``shard-<hash>.parquet``, written atomically);
a shard already on disk is not recomputed, so an interrupted run resumes where it stopped.
``merge_shards`` then writes the shards' analyses into a store, one transaction per article,
skipping documents the store already holds.  A local cluster on one machine and a remote
scheduler (``tcp://host:8786``) run the same code.
"""

from .batch import BatchReport, MergeReport, merge_shards, run_batch, shard_rows

__all__ = ["BatchReport", "MergeReport", "merge_shards", "run_batch", "shard_rows"]
