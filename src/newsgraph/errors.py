"""Errors with stable codes.  Messages say what happened and what to do next.

Codes:
  E1xx  input (reading and parsing documents)
  E2xx  configuration
  E3xx  store
  E4xx  stages (annotation)
  E5xx  scale-out (Dask batches and their shards)
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: every error newsgraph raises on purpose has a code."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.detail = message


class InputError(NewsgraphError):
    code = "E100"


class ConfigError(NewsgraphError):
    code = "E200"


class StoreError(NewsgraphError):
    code = "E300"


class StageError(NewsgraphError):
    code = "E400"


# Input error codes, used in Rejected records and the run report.
E_NOT_FOUND = "E101"  # path does not exist
E_EMPTY = "E102"  # empty document or no text after cleaning
E_BINARY = "E103"  # binary content, not text
E_TOO_LARGE = "E104"  # over max_bytes
E_DECODE = "E105"  # not text in any encoding (random or corrupted bytes, widely damaged UTF-8)
E_BAD_JSON = "E106"  # JSONL line is not a JSON object
E_BAD_RECORD = "E107"  # JSONL record lacks text/html or has wrong types
E_GZIP = "E108"  # truncated or corrupt compressed file (.gz, .bz2, .xz)
E_UNSUPPORTED = "E109"  # file type not supported
E_FEED = "E110"  # feed could not be parsed
E_WARC = "E111"  # WARC could not be read
E_TIMEOUT = "E401"  # a document took longer than stage_timeout_s
E_STAGE = "E402"  # a stage raised an unexpected error
E_SHARD = "E501"  # a Parquet shard (or one of its rows) could not be read

EXPLAIN = {
    E_NOT_FOUND: "the path does not exist; check the spelling",
    E_EMPTY: "the document has no text; nothing to analyse",
    E_BINARY: "the file looks binary (not text, HTML or JSON)",
    E_TOO_LARGE: "the document is over max_bytes; raise NEWSGRAPH_MAX_BYTES to accept it",
    E_DECODE: ("the bytes are not text in any encoding (declared, UTF-8 beyond a few damaged bytes, "
               "or detected); re-save the file as UTF-8"),
    E_BAD_JSON: "the JSONL line is not valid JSON",
    E_BAD_RECORD: 'a JSONL record needs "text" or "html" as a string',
    E_GZIP: ("the compressed file (.gz, .bz2, .xz) is truncated or corrupt; nothing of it is stored "
             "(a JSONL file keeps the lines before the damage)"),
    E_UNSUPPORTED: "unsupported file type",
    E_FEED: "the RSS/Atom feed could not be parsed",
    E_WARC: "the WARC file could not be read",
    E_TIMEOUT: "the document took longer than stage_timeout_s; raise it to accept slow documents",
    E_STAGE: "a stage failed on this document (a bug: please report it with the document)",
    E_SHARD: "the shard is damaged; delete it and re-run 'newsgraph batch' to recompute it",
}
