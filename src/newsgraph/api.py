"""The Python API: analyse a text, a file or a record without a database.

    >>> from newsgraph import analyze
    >>> a = analyze("Xi met Putin in Beijing on Thursday.", date="2024-02-08")
    >>> [(e.name, e.actor) for e in a.entities]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .errors import InputError
from .model import Analysis, RawDocument, Rejected


def read(*inputs: str, settings: Settings | None = None) -> Iterator[RawDocument | Rejected]:
    """Stream the documents in files, folders or '-' (stdin)."""
    from .ingest import iter_documents

    settings = settings or load_settings()
    yield from iter_documents(inputs, max_bytes=settings.max_bytes)


def _one(doc: RawDocument | Rejected, settings: Settings) -> Analysis:
    from .runner import process_document

    result = process_document(doc, settings)
    if isinstance(result, Rejected):
        raise InputError(result.message, code=result.code)
    return result


def _is_file(s: str) -> bool:
    """Whether a one-line string names an existing file; a line of text too long for a file name is text."""
    try:
        return Path(s).is_file()
    except OSError:  # "File name too long" and the like
        return False


def analyze(text_or_path: str | os.PathLike[str], *, date: str | None = None, url: str | None = None,
            title: str | None = None, settings: Settings | None = None) -> Analysis:
    """Analyse one article given as text (plain, markdown or HTML) or as a path to a file.

    ``date`` is the publication date relative dates are anchored to; ``url`` gives the
    outlet and the stable id.  Raises ``InputError`` (with a code) for unusable input.
    """
    from dataclasses import replace

    from .ingest.formats import sniff_format

    settings = settings or load_settings()
    s = os.fspath(text_or_path)
    if "\n" not in s and len(s) < 4096 and _is_file(s):
        docs = [d for d in read(s, settings=settings)]
        if not docs:
            raise InputError(f"{s}: no document found", code="E102")
        doc = docs[0]
        if isinstance(doc, RawDocument) and (date or url or title):
            doc = replace(doc, date=date or doc.date, url=url or doc.url, title=title or doc.title)
        return _one(doc, settings)
    fmt = sniff_format(s, "")
    if fmt not in ("html", "markdown"):
        fmt = "text"
    raw = RawDocument(source="<text>", format=fmt, content=s, date=date, url=url,  # type: ignore[arg-type]
                      title=title)
    return _one(raw, settings)


def analyze_record(record: dict[str, Any], *, settings: Settings | None = None) -> Analysis:
    """Analyse one record in the contract's JSONL input form ({id, text|html, title?, date?, url?})."""
    from .ingest.jsonl import _record

    settings = settings or load_settings()
    doc = _record(str(record.get("id") or "<record>"), record, max_bytes=settings.max_bytes)
    return _one(doc, settings)
