"""WARC files (warcio): one document per HTML response record; others are skipped.

A record cut short (the file ends inside it) and a file whose tail cannot be parsed are rejected
(E108 for a compressed ``.warc.gz``, E111 otherwise); the whole records before them are kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from .. import errors as E
from ..model import RawDocument, Rejected
from .files import decode_bytes, is_compressed


def read_warc(path: str, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = found = broken = 0
    cut = E.E_GZIP if is_compressed(path) else E.E_WARC  # the code for a file that breaks off
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            records = ArchiveIterator(stream)
            for record in records:
                n += 1
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#{uri or n}"
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if ctype and "html" not in ctype.lower():
                    continue  # images, scripts, JSON APIs: not articles
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Rejected(where, E.E_TOO_LARGE, f"{where}: {E.EXPLAIN[E.E_TOO_LARGE]}")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # bytes the record announced never came
                    broken += 1
                    yield Rejected(where, cut, f"{where}: the record is truncated; {E.EXPLAIN[cut]}")
                    continue
                try:
                    html = decode_bytes(body)
                except E.InputError as exc:
                    yield Rejected(where, exc.code, f"{where}: {exc.detail}")
                    continue
                if not html.strip():
                    continue
                # WARC-Date is the crawl time, not the publication date: the HTML decides that.
                found += 1
                yield RawDocument(source=where, format="html", content=html, url=uri or None)
            if records.offset < size:  # warcio stops quietly at a member it cannot decompress
                yield Rejected(path, cut, f"{path}: unreadable after byte {records.offset} of {size}; "
                                          f"{E.EXPLAIN[cut]}; earlier records were kept")
                return
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Rejected(path, E.E_WARC, f"{path}: {E.EXPLAIN[E.E_WARC]} ({exc}); earlier records were kept")
        return
    if found == 0 and not broken:
        yield Rejected(path, E.E_WARC, f"{path}: no HTML response records among {n} WARC records; "
                                       "nothing to analyse")
