"""HTML pages -> main text and metadata (title, date, bylines, canonical URL, captions).

trafilatura does the main-text extraction (precision mode, comments off); when it finds nothing we
fall back to trafilatura's recall mode, then to a paragraph-density pick of our own, then to every
``<p>``.  Leftover boilerplate lines (share buttons, newsletter prompts, "Related articles", a
repeated headline) are dropped afterwards (``boilerplate``: the patterns every reader shares).

Before extraction, figure captions are set apart (``captions``) and what a reader never sees is
removed (hidden elements, tooltip / hover-card contents).  After it, an article body that the page
split into same-class sibling blocks is put back together, and embedded posts (tweets) quoted
between two paragraphs are restored.

The publication date comes from the page's structured metadata first (JSON-LD ``datePublished``,
``article:published_time`` and similar meta tags, ``itemprop=datePublished``), then from a day in
the share-image URL (``og:image`` paths such as ``/2024/02/08/``), then from htmldate (extensive
search, original date; its 1 January stand-in for a bare copyright year is refused), then from a
date in the URL.  The day is kept as the site wrote it (no conversion to UTC); dates in the future
or before 1995 are refused.

``extract_html`` never raises on bad input: broken, huge or absurdly nested HTML gives an
``HtmlExtract`` with an empty body, which the parse stage turns into a reject.

The module runs the steps; each lives in its own module: ``html_tree`` (parsing, element text),
``html_meta`` (metadata), ``html_body`` (main text and fallbacks), ``html_clean`` (boilerplate),
``html_date`` (publication date).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .boilerplate import is_boilerplate
from .html_body import all_paragraphs, drop_hidden, main_text, pop_captions
from .html_clean import clean_body
from .html_date import published_date
from .html_meta import page_metadata
from .html_tree import MAX_FLAT_DEPTH, parse_tree, tree_depth

__all__ = ["EMPTY", "MAX_DEPTH", "MAX_HTML_CHARS", "HtmlExtract", "extract_html", "is_boilerplate"]

LOG = logging.getLogger(__name__)

MAX_HTML_CHARS = 8_000_000  # larger pages are refused (empty body)
MAX_DEPTH = 250  # deeper trees skip trafilatura (recursive) and use the flat fallback


@dataclass(frozen=True)
class HtmlExtract:
    title: str
    body: str  # clean main text, paragraphs separated by "\n\n"
    published: str | None  # ISO date "YYYY-MM-DD" (or with time)
    published_precision: str | None  # "day" | "time" | "month" | "year"
    published_source: str | None  # "jsonld", "meta", "htmldate", "url", ...
    bylines: tuple[str, ...]  # raw author strings found
    url: str | None  # canonical URL (link rel=canonical / og:url) if present
    site_name: str | None  # og:site_name or similar
    language: str | None  # html lang / meta
    captions: tuple[str, ...]  # figure captions removed from the body
    description: str | None


EMPTY = HtmlExtract("", "", None, None, None, (), None, None, None, (), None)


def extract_html(html: str, *, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of one HTML page; an empty body when nothing usable is found."""
    if not isinstance(html, str):
        raise TypeError(f"extract_html expects str, not {type(html).__name__}")
    if not html.strip() or len(html) > MAX_HTML_CHARS:
        return EMPTY
    try:
        return _extract(html, url)
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, LookupError) as err:
        LOG.warning("HTML extraction failed: %s", err)
    except Exception as err:  # third-party parsers raise anything on hostile input
        LOG.warning("HTML extraction failed: %r", err)
    return EMPTY


def _extract(html: str, url: str | None) -> HtmlExtract:
    tree = parse_tree(html)
    if tree is None:
        return EMPTY
    depth = tree_depth(tree)
    if depth > MAX_FLAT_DEPTH:
        return EMPTY
    meta = page_metadata(tree)
    title = meta["title"] or ""
    canonical = meta["url"]
    captions = pop_captions(tree)
    drop_hidden(tree)
    if depth > MAX_DEPTH:
        body = all_paragraphs(tree)
    else:
        body = main_text(tree)
    body = clean_body(body, title, meta["description"])
    page_url = url or canonical
    published, precision, source = published_date(tree, html, page_url, meta, deep=depth > MAX_DEPTH)
    return HtmlExtract(
        title=title,
        body=body,
        published=published,
        published_precision=precision,
        published_source=source,
        bylines=tuple(meta["bylines"]),
        url=canonical,
        site_name=meta["site_name"],
        language=meta["language"],
        captions=tuple(captions),
        description=meta["description"],
    )
