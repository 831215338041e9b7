"""The publication date of an HTML page: JSON-LD and meta tags, microdata, a day in the share-image URL,
htmldate, then the page URL.  The day is kept as the site wrote it; future dates and dates before
``MIN_YEAR`` are refused."""

from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from lxml.html import HtmlElement

from ..isodate import match_day

__all__ = ["MIN_YEAR", "published_date"]

MIN_YEAR = 1995

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\b)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")

_META_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "article_date_original",
)


def _today() -> date:
    return datetime.now(UTC).date()


def _valid(d: date) -> bool:
    return d.year >= MIN_YEAR and d <= _today() + timedelta(days=1)


def _parse_iso(value: str) -> tuple[str, str] | None:
    """(value, precision) of an ISO-like date string, the date taken as written (local to the site)."""
    m = _ISO.search(value)
    if not m:
        return None
    d = match_day(m)
    if d is None or not _valid(d):
        return None
    if m.group(4) is not None:
        return f"{d.isoformat()}T{int(m.group(4)):02d}:{m.group(5)}", "time"
    return d.isoformat(), "day"


def published_date(
    tree: HtmlElement, html: str, url: str | None, meta: dict[str, Any], *, deep: bool = False
) -> tuple[str | None, str | None, str | None]:
    for obj in meta["jsonld"]:
        for key in ("datePublished", "dateCreated"):
            value = obj.get(key)
            if isinstance(value, str):
                parsed = _parse_iso(value)
                if parsed:
                    return parsed[0], parsed[1], "jsonld"
    values: dict[str, list[str]] = meta["meta"]
    for key in _META_DATE_KEYS:
        for value in values.get(key, ()):
            parsed = _parse_iso(value)
            if parsed:
                return parsed[0], parsed[1], "meta"
    for el in tree.xpath(
        "//*[@itemprop='datePublished'][@datetime or @content] | //time[@pubdate][@datetime]"
    )[:5]:
        parsed = _parse_iso(el.get("datetime") or el.get("content") or "")
        if parsed:
            return parsed[0], parsed[1], "microdata"
    for key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "thumbnailurl"):
        for value in values.get(key, ()):
            found = _url_day(value)
            if found:
                return found, "day", "image"
    if not deep:
        found = _htmldate(tree, url)
        # htmldate answers 1 January for a bare year (mostly a copyright line): not a publication date
        if found and not (found.endswith("-01-01") and not _mentions_new_year(html, found[:4])):
            return found, "day", "htmldate"
    if url:
        found = _url_day(url)
        if found:
            return found, "day", "url"
        m = _URL_MONTH.search(url)
        if m:
            return f"{m.group(1)}-{m.group(2)}", "month", "url"
    return None, None, None


def _url_day(url: str) -> str | None:
    """A plausible day written in a URL path (``/2024/02/08/``, ``/20240208``, ``/2024-02-08-``)."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    d = match_day(m)
    return d.isoformat() if d is not None and _valid(d) else None


def _mentions_new_year(html: str, year: str) -> bool:
    """Whether the page writes out 1 January of ``year`` as a full date somewhere."""
    pat = (
        rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|"
        rf"\b(?:jan(?:uary)?\.? 1(?:st)?,? {year}|1(?:st)?\.? jan(?:uary)?\.?,? {year})"
    )
    return re.search(pat, html, re.I) is not None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(
            copy.deepcopy(tree),
            url=url,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%d",
            min_date=f"{MIN_YEAR}-01-01",
            max_date=(_today() + timedelta(days=1)).isoformat(),
        )
    except Exception:  # htmldate on hostile input
        return None
    return found or None
