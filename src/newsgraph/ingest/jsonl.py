"""JSONL in the contract's input form: one article a line.

``{"id", "text" or "html", "title"?, "date"?, "url"?, "authors"?}``; a bad line is
rejected with its line number and the rest of the file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .. import errors as E
from ..model import RawDocument, Rejected
from .files import CompressedReadError, decode_utf8, open_binary, read_error


def _record(source: str, obj: Any, *, max_bytes: int) -> RawDocument | Rejected:
    if not isinstance(obj, dict):
        return Rejected(source, E.E_BAD_JSON, f"{source}: a line must be a JSON object")
    html, text = obj.get("html"), obj.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return Rejected(source, E.E_BAD_RECORD, f"{source}: {E.EXPLAIN[E.E_BAD_RECORD]}")
    content = html if isinstance(html, str) and html.strip() else text
    assert isinstance(content, str)
    if not content.strip():
        return Rejected(source, E.E_EMPTY, f"{source}: {E.EXPLAIN[E.E_EMPTY]}")
    if len(content.encode("utf-8", "surrogatepass")) > max_bytes:
        return Rejected(source, E.E_TOO_LARGE, f"{source}: {E.EXPLAIN[E.E_TOO_LARGE]}")

    def opt(key: str) -> str | None:
        v = obj.get(key)
        if v is None or isinstance(v, str | int | float):
            return None if v is None or str(v).strip() == "" else str(v)
        return None

    authors = obj.get("authors") or obj.get("bylines") or obj.get("author") or ()
    if isinstance(authors, str):
        authors = [authors]
    bylines = tuple(str(a) for a in authors if isinstance(a, str) and a.strip()) \
        if isinstance(authors, list | tuple) else ()
    return RawDocument(
        source=source, format="html" if content is html else "jsonl", content=content,
        id=opt("id"), title=opt("title"), date=opt("date") or opt("published"), url=opt("url"),
        bylines=bylines,
    )


def _lines(source: str, lines: Iterable[str | bytes], *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    for n, raw in enumerate(lines, 1):
        where = f"{source}#L{n}"
        if isinstance(raw, bytes):  # JSON is UTF-8: a line is decoded by the one rule for damaged UTF-8
            try:
                line = decode_utf8(raw.removeprefix(b"\xef\xbb\xbf") if n == 1 else raw, declared=True)
            except E.InputError as exc:
                yield Rejected(where, exc.code, f"{where}: {exc.detail}")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        if len(line) > max_bytes * 2:
            yield Rejected(where, E.E_TOO_LARGE, f"{where}: {E.EXPLAIN[E.E_TOO_LARGE]}")
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield Rejected(where, E.E_BAD_JSON, f"{where}: {E.EXPLAIN[E.E_BAD_JSON]} ({exc})")
            continue
        yield _record(where, obj, max_bytes=max_bytes)


def read_jsonl(path: str, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Stream a .jsonl file (or a compressed one, .jsonl.gz ...) line by line, as bytes."""
    import sys

    try:
        stream: Any = sys.stdin.buffer if path == "-" else open_binary(path)
    except OSError as exc:
        yield Rejected(path, E.E_NOT_FOUND, f"{path}: cannot read ({exc})")
        return
    try:
        with stream:
            yield from _lines(path, stream, max_bytes=max_bytes)
    except CompressedReadError as exc:
        err = read_error(path, exc)
        yield Rejected(path, err.code, f"{err.detail}; earlier lines were kept")


def read_jsonl_text(source: str, text: str, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    yield from _lines(source, text.splitlines(), max_bytes=max_bytes)


def read_json_document(source: str, text: str) -> Iterator[RawDocument | Rejected]:
    """A .json file holding one record or a list of records."""
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        yield Rejected(source, E.E_BAD_JSON, f"{source}: {E.EXPLAIN[E.E_BAD_JSON]} ({exc})")
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items):
        yield _record(f"{source}#{i}" if len(items) > 1 else source, item, max_bytes=len(text) + 1)
