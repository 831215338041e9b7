"""Article metadata: bylines (people vs agencies), outlet from the URL, language, stable ids."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..datafiles import tsv_rows
from ..model import Byline


def _data_lines(name: str) -> list[list[str]]:
    return tsv_rows(name)


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _data_lines("agencies.tsv"):
        name = row[0].strip()
        for alias in [name, *(row[1].split("|") if len(row) > 1 else [])]:
            out[alias.strip().lower()] = name
    return out


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return {row[0].strip().lower(): row[1].strip() for row in _data_lines("outlets.tsv") if len(row) > 1}


_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bwith\b|/)\s*", re.I)
_PREFIX = re.compile(r"^\s*(?:by|from|written by|story by|reporting by)[:\s]+", re.I)
_ORG_HINT = re.compile(r"\b(news|staff|desk|team|correspondents?|editors?|agency|press|times|post|media)\b", re.I)


def classify_bylines(raw: list[str] | tuple[str, ...]) -> tuple[Byline, ...]:
    """Split byline strings into people, agencies and organisations, deduplicated, in order."""
    agencies = _agencies()
    out: list[Byline] = []
    seen: set[str] = set()
    for item in raw:
        item = _PREFIX.sub("", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", item or "")).strip(" .\t|")
        for part in _SPLIT.split(item):
            part = part.strip(" .\t()")
            if not part or len(part) > 80 or part.lower() in seen:
                continue
            seen.add(part.lower())
            if part.lower() in agencies:
                out.append(Byline(agencies[part.lower()], "agency"))
            elif _ORG_HINT.search(part) or (part.isupper() and len(part) <= 6):
                out.append(Byline(part, "organisation"))
            elif re.search(r"[A-Za-z]", part) and len(part.split()) <= 5:
                out.append(Byline(part, "person"))
    return tuple(out)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's name for a URL: a well-known outlet, else the host without 'www.'."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    host = host.removeprefix("www.")
    outlets = _outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in outlets:
            return outlets[cand]
    return host


def safe_url(url: str | None) -> str | None:
    """Keep only http(s) URLs (a javascript: or data: URL is never stored as a link)."""
    if not url:
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and len(url) < 2048 else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid ships its model), None when too short."""
    sample = text[:3000]
    if len(re.findall(r"\w+", sample)) < 3:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return str(lang)


def stable_id(*, url: str | None, text: str) -> str:
    """A stable article id: hash of the canonical URL, else of the clean text."""
    basis = ("url:" + url.strip().rstrip("/")) if url else ("text:" + " ".join(text.split()))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
