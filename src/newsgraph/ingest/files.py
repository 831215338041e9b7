"""Bytes from files (plain or compressed) and their decoding to text, with size caps.

The one place input bytes become text, so every reader applies the same rules:

- a compressed file (``.gz``, ``.bz2``, ``.xz``) is read whole or not at all: a truncated or
  corrupt stream is rejected (E108), never stored as the part that could be read;
- NUL bytes or many control characters mean binary content (E103);
- a byte-order mark decides the encoding; otherwise valid UTF-8 is UTF-8;
- a charset declared by the document (``<meta charset>``, ``http-equiv``, an XML prolog) is used
  when the bytes are valid in it and read as text; ``iso-8859-1``/``latin1``/``ascii`` labels
  mean windows-1252, as in browsers (the WHATWG Encoding standard), so curly quotes survive;
- UTF-8 with a few damaged bytes (at most ``MAX_BAD_UTF8_SHARE`` of the bytes, and more intact
  non-ASCII characters than damaged bytes) is kept, each damaged byte shown as U+FFFD; wider
  damage is rejected (E105) rather than read as some legacy encoding's garbage;
- bytes with (next to) no intact UTF-8 multi-byte sequence, whatever they declare, are a legacy
  text: the encoding is detected (charset_normalizer, windows-1252 preferred among equally good
  candidates) and the document is rejected (E105) when no encoding reads it as text; bytes with
  intact UTF-8 pieces among much junk (random or corrupted data) are rejected (E105) outright.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import lzma
import re
import sys
import zlib
from collections.abc import Callable
from io import BufferedIOBase
from typing import Any

from .. import errors as E
from ..errors import InputError

__all__ = ["COMPRESSED", "MAX_BAD_UTF8_SHARE", "CompressedReadError", "decode_bytes", "decode_utf8",
           "is_compressed", "looks_binary", "open_binary", "read_bytes", "read_error"]

# Compressed-file suffixes and their openers (binary mode).
COMPRESSED: dict[str, Callable[[str], BufferedIOBase]] = {
    ".gz": lambda p: gzip.open(p, "rb"),  # noqa: SIM115  (the caller closes it)
    ".bz2": lambda p: bz2.open(p, "rb"),  # noqa: SIM115
    ".xz": lambda p: lzma.open(p, "rb"),  # noqa: SIM115
}
# What a damaged compressed stream raises while being read (bz2 raises a bare OSError).
CompressedReadError = (EOFError, gzip.BadGzipFile, zlib.error, lzma.LZMAError, OSError)

MAX_BAD_UTF8_SHARE = 0.01  # more undecodable bytes than this share of a UTF-8 text: rejected
# A legacy (windows-1252, ...) text almost never holds a valid UTF-8 multi-byte sequence (an
# accented capital followed by a symbol); random or corrupted bytes hold one for every ~20 bad ones.
_ACCIDENTAL_UTF8 = 0.01

# charset labels browsers decode as windows-1252 (WHATWG Encoding standard, "windows-1252" labels)
_CP1252_LABELS = frozenset({
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "latin-1", "us-ascii",
    "windows-1252", "x-cp1252",
})
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)


def is_compressed(path: str) -> bool:
    """Whether ``path`` is read through a decompressor (by its suffix)."""
    return _compression(path) is not None


def _compression(path: str) -> str | None:
    low = path.lower()
    return next((s for s in COMPRESSED if low.endswith(s)), None)


def open_binary(path: str) -> BufferedIOBase:
    """``path`` opened for reading bytes, decompressing by suffix; OSError when it cannot be opened."""
    comp = _compression(path)
    if comp is None:
        return open(path, "rb")  # the caller closes it
    open(path, "rb").close()  # a missing or unreadable file fails here, not as "corrupt" later
    return COMPRESSED[comp](path)


def read_error(path: str, exc: BaseException) -> InputError:
    """The error for a read that failed: E108 for a compressed file that broke off or is damaged."""
    if not is_compressed(path):
        return InputError(f"{path}: cannot read ({exc})", code=E.E_NOT_FOUND)
    return InputError(f"{path}: {E.EXPLAIN[E.E_GZIP]} ({type(exc).__name__}: {exc})", code=E.E_GZIP)


def read_bytes(path: str, *, max_bytes: int) -> bytes:
    """The (decompressed) bytes of ``path`` ('-' = stdin), at most ``max_bytes``."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            stream = open_binary(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc})", code=E.E_NOT_FOUND) from exc
        with stream:
            try:
                data = stream.read(max_bytes + 1)
            except CompressedReadError as exc:
                raise read_error(path, exc) from exc
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


def _utf8_damage(data: bytes) -> tuple[int, int]:
    """(undecodable bytes, intact non-ASCII characters) when ``data`` is read as UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte -> one U+DC80..U+DCFF
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return bad, sum(1 for ch in text if ord(ch) > 127) - bad


def decode_utf8(data: bytes, *, declared: bool = False) -> str:
    """``data`` as UTF-8, tolerating a few damaged bytes (shown as U+FFFD); E105 when damage is wide.

    ``declared``: the document says it is UTF-8 (or the format requires it, as JSON does), so
    damage is judged against that claim even when no intact non-ASCII character is left.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    bad, intact = _utf8_damage(data)
    if bad <= MAX_BAD_UTF8_SHARE * len(data) and (intact > bad or declared):
        return data.decode("utf-8", errors="replace")
    raise InputError(f"{bad} of {len(data)} bytes are not valid UTF-8; {E.EXPLAIN[E.E_DECODE]}",
                     code=E.E_DECODE)


def _declared_charset(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    return "cp1252" if label in _CP1252_LABELS else label


def _detected(data: bytes, only: list[str] | None = None) -> str | None:
    """The text charset_normalizer reads ``data`` as (windows-1252 among equals), or None."""
    from charset_normalizer import from_bytes

    matches: Any = from_bytes(data[:200_000], cp_isolation=only)
    best = matches.best()
    if best is None:
        return None
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence:
            return _sloppy_cp1252(data)
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _sloppy_cp1252(data: bytes) -> str:
    """windows-1252, its five unassigned bytes kept as the Latin-1 characters (as browsers do)."""
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

    return data.decode("sloppy-windows-1252")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` by the rules in the module docstring; InputError E103/E105 when it is not text."""
    if looks_binary(data):
        raise InputError(E.EXPLAIN[E.E_BINARY], code=E.E_BINARY)
    if data.startswith(b"\xef\xbb\xbf"):
        return decode_utf8(data[3:], declared=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(E.EXPLAIN[E.E_DECODE], code=E.E_DECODE) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    utf8_declared = declared is not None and declared.replace("_", "-") in ("utf-8", "utf8")
    if declared and not utf8_declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec is not None:
            text = _detected(data, only=[codec])
            if text is not None:
                return text
    bad, intact = _utf8_damage(data)
    if intact > bad or (utf8_declared and intact > 0):  # UTF-8 with some damage, not a legacy encoding
        return decode_utf8(data, declared=utf8_declared)
    if intact > _ACCIDENTAL_UTF8 * bad:  # UTF-8 in pieces among junk: neither UTF-8 nor a legacy text
        raise InputError(f"{bad} of {len(data)} bytes are not valid UTF-8 around {intact} that are; "
                         f"{E.EXPLAIN[E.E_DECODE]}", code=E.E_DECODE)
    # no intact UTF-8 (a "utf-8" declaration is then wrong): a legacy encoding, if one reads it as text
    text = _detected(data)
    if text is None:
        raise InputError(E.EXPLAIN[E.E_DECODE], code=E.E_DECODE)
    return text
