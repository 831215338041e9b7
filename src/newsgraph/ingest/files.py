"""Bytes from files (plain or gzip) and their decoding to text, with size caps."""

from __future__ import annotations

import gzip
import sys
import zlib

from .. import errors as E
from ..errors import InputError


def read_bytes(path: str, *, max_bytes: int) -> bytes:
    """The (decompressed) bytes of ``path`` ('-' = stdin), at most ``max_bytes``."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        elif path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"{path}: {E.EXPLAIN[E.E_GZIP]} ({exc})", code=E.E_GZIP) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})", code=E.E_NOT_FOUND) from exc
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than max_bytes={max_bytes}; {E.EXPLAIN[E.E_TOO_LARGE]}",
                         code=E.E_TOO_LARGE)
    return data


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 text has NULs too; a BOM tells them apart
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(head) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode ``data``: BOM, UTF-8, a declared charset, then a detector; never silently lossy."""
    if looks_binary(data):
        raise InputError(E.EXPLAIN[E.E_BINARY], code=E.E_BINARY)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(E.EXPLAIN[E.E_DECODE], code=E.E_DECODE) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import re

    m = re.search(rb"""charset=["']?([A-Za-z0-9_\-]+)""", data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding)
    except (ImportError, LookupError, UnicodeDecodeError):
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(E.EXPLAIN[E.E_DECODE], code=E.E_DECODE) from exc
