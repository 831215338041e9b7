"""Readers: files, folders and stdin -> a stream of RawDocument (or Rejected).

Nothing here loads a whole corpus: folders are walked lazily, JSONL, feeds and
WARC files are read record by record, and every failure becomes a ``Rejected``
with a stable code so the batch carries on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import errors as E
from ..model import RawDocument, Rejected
from .files import COMPRESSED, decode_bytes, read_bytes
from .formats import sniff_format

__all__ = ["iter_documents", "iter_paths"]

SUPPORTED = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson",
             ".json", ".xml", ".rss", ".atom", ".warc")


def _suffixes(path: Path) -> str:
    name = path.name.lower()
    for comp in COMPRESSED:  # a compressed file has the suffix of what it holds: a.html.gz -> .html
        if name.endswith(comp):
            name = name[: -len(comp)]
            break
    return os.path.splitext(name)[1]


def iter_paths(inputs: Iterable[str]) -> Iterator[str | Rejected]:
    """Expand inputs: files as given, folders walked recursively (sorted), '-' for stdin."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if f.startswith(".") or _suffixes(fp) not in SUPPORTED:
                        continue
                    yield str(fp)
        elif p.is_file():
            yield str(p)
        else:
            yield Rejected(item, E.E_NOT_FOUND, f"{item}: {E.EXPLAIN[E.E_NOT_FOUND]}")


def iter_documents(inputs: Iterable[str], *, max_bytes: int = 5_000_000) -> Iterator[RawDocument | Rejected]:
    """Every document found in ``inputs``, in a stable order."""
    for path in iter_paths(inputs):
        if isinstance(path, Rejected):
            yield path
            continue
        yield from read_path(path, max_bytes=max_bytes)


def read_path(path: str, *, max_bytes: int = 5_000_000) -> Iterator[RawDocument | Rejected]:
    """Read one file (or '-') into documents."""
    from . import feeds, jsonl, warc

    suffix = "" if path == "-" else _suffixes(Path(path))
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from jsonl.read_jsonl(path, max_bytes=max_bytes)
            return
        if suffix == ".warc":
            yield from warc.read_warc(path, max_bytes=max_bytes)
            return
        data = read_bytes(path, max_bytes=max_bytes)
    except E.InputError as exc:
        yield Rejected(path, exc.code, exc.detail)
        return
    try:
        text = decode_bytes(data)
    except E.InputError as exc:
        yield Rejected(path, exc.code, f"{path}: {exc.detail}")
        return
    fmt = sniff_format(text, suffix)
    if fmt == "jsonl":
        yield from jsonl.read_jsonl_text(path, text, max_bytes=max_bytes)
    elif fmt == "feed":
        yield from feeds.read_feed(path, text)
    elif fmt == "json":
        yield from jsonl.read_json_document(path, text)
    else:
        if not text.strip():
            yield Rejected(path, E.E_EMPTY, f"{path}: {E.EXPLAIN[E.E_EMPTY]}")
            return
        yield RawDocument(source=path, format=fmt, content=text)  # type: ignore[arg-type]


def stdin_bytes() -> bytes:
    return sys.stdin.buffer.read()
