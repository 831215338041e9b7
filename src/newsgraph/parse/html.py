"""HTML pages -> main text and metadata (title, date, bylines, canonical URL, captions).

trafilatura does the main-text extraction (precision mode, comments off); when it finds nothing we
fall back to trafilatura's recall mode, then to a paragraph-density pick of our own, then to every
``<p>``.  Leftover boilerplate lines (share buttons, newsletter prompts, "Related articles", a
repeated headline) are dropped afterwards with the patterns in ``data/html_boilerplate.txt``.

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
"""

from __future__ import annotations

import copy
import difflib
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import html as lxml_html
from lxml.html import HtmlElement

LOG = logging.getLogger(__name__)

MAX_HTML_CHARS = 8_000_000  # larger pages are refused (empty body)
MAX_DEPTH = 250  # deeper trees skip trafilatura (recursive) and use the flat fallback
MAX_FLAT_DEPTH = 2_000  # deeper still: refused
MIN_BODY_CHARS = 80  # a shorter extraction counts as "nothing found" and triggers the fallbacks
_MAX_BOILERPLATE_CHARS = 160
MIN_YEAR = 1995

_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_SPACE = re.compile(r"[\s\u00a0\u200b]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


# --------------------------------------------------------------------------- parsing


def _parse(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    html = _CONTROL.sub("", html)
    try:
        tree = load_html(html)  # trafilatura's parser settings (comments and PIs removed)
    except Exception:
        tree = None
    if tree is None:
        try:
            tree = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1))
        except Exception:
            return None
    return tree


def _depth(tree: HtmlElement) -> int:
    """Depth of the tree, computed without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        if d > deepest:
            deepest = d
            if deepest > MAX_FLAT_DEPTH:
                break
        stack.extend((child, d + 1) for child in node)
    return deepest


_BLOCK_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr"
    " li main nav ol p pre section table td th tr ul"
)
_BLOCKISH = frozenset(_BLOCK_NAMES.split())


def _text(el: Any) -> str:
    """The element's text, whitespace collapsed: inline tags joined as they are, blocks by a space."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCKISH
        if closing:
            if block:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if block:
            parts.append(" ")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return _SPACE.sub(" ", "".join(parts)).strip()


def _extract(html: str, url: str | None) -> HtmlExtract:
    tree = _parse(html)
    if tree is None:
        return EMPTY
    depth = _depth(tree)
    if depth > MAX_FLAT_DEPTH:
        return EMPTY
    meta = _metadata(tree)
    title = meta["title"] or ""
    canonical = meta["url"]
    captions = _pop_captions(tree)
    _drop_hidden(tree)
    if depth > MAX_DEPTH:
        body = _all_paragraphs(tree)
    else:
        body = _main_text(tree)
    body = _clean_body(body, title, meta["description"])
    page_url = url or canonical
    published, precision, source = _published(tree, html, page_url, meta, deep=depth > MAX_DEPTH)
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


# --------------------------------------------------------------------------- metadata


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Every <meta> content keyed by its lower-cased name / property / itemprop / http-equiv."""
    out: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, ``@graph`` members flattened."""
    objs: list[dict[str, Any]] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (el.text or "").strip()
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        stack = [data]
        while stack and len(objs) < 500:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objs.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return objs


_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blog|webpage|liveblog|creativework", re.I)


def _types(obj: dict[str, Any]) -> str:
    t = obj.get("@type")
    if isinstance(t, list):
        return " ".join(str(x) for x in t)
    return str(t or "")


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD author value (string, object or list of either)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                out.append(name.strip())
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value:
                return value
    return None


_BYLINE_PREFIX = re.compile(r"^\s*(written by|posted by|by|von|por|par|di|door|av)\s+", re.I)
_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or "
    + _CLASS.format("byline")
    + " or "
    + _CLASS.format("author-name")
    + "]"
)


_TITLE_SEP = re.compile(r"\s+[|\-–—:·•»]{1,2}\s+")


def _pick_title(ref: str | None, h1s: list[str]) -> str | None:
    """The headline: an <h1> that the page's declared title contains, else that title minus its site part."""
    ref = _SPACE.sub(" ", ref).strip() if ref else None
    h1s = [h for h in h1s if h]
    if not ref:
        return h1s[0] if h1s else None
    nref = _norm(ref)
    for h1 in h1s:
        nh = _norm(h1)
        if nh and nh in nref and len(nh) >= 0.5 * len(nref):
            return h1  # the on-page headline, without the " | Site" suffix
    for _ in range(2):  # "Headline | Section | Site": drop short trailing segments
        seps = list(_TITLE_SEP.finditer(ref))
        if not seps:
            break
        last = seps[-1]
        head, tail = ref[: last.start()], ref[last.end() :]
        if len(tail.split()) > 4 or len(head.split()) < 2:
            break
        ref = head
    return ref


def _metadata(tree: HtmlElement) -> dict[str, Any]:
    meta = _meta_values(tree)
    jsonld = _jsonld_objects(tree)
    articles = [o for o in jsonld if _ARTICLE_TYPES.search(_types(o))]

    ref = _first(meta, "og:title", "twitter:title")
    for obj in articles:
        if not ref and isinstance(obj.get("headline"), str):
            ref = obj["headline"]
    if not ref:
        t = tree.find(".//title")
        ref = _text(t) if t is not None else None
    title = _pick_title(ref, [_text(h) for h in tree.xpath("//h1")[:5]])

    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith(
            "http"
        ):
            canonical = link.get("href", "").strip()
            break
    if not canonical:
        og = _first(meta, "og:url")
        canonical = og if og and og.startswith("http") else None

    bylines: list[str] = []
    for obj in articles:
        bylines.extend(_names(obj.get("author")))
    for key in ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"):
        for value in meta.get(key, ()):
            if not value.startswith("http"):
                bylines.append(_BYLINE_PREFIX.sub("", value))
    if not bylines:  # page elements only when no structured author was given
        for el in tree.xpath(_BYLINE_XPATH)[:5]:
            raw = "".join(t for t in el.itertext() if isinstance(t, str)).strip()
            text = _BYLINE_PREFIX.sub("", _SPACE.sub(" ", raw.split("\n")[0]).strip())
            if 2 < len(text) <= 60 and not _DATE_LINE.search(text):
                bylines.append(text)
    seen: set[str] = set()
    unique = []
    for b in bylines:
        key = b.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(b)

    site = _first(meta, "og:site_name", "application-name", "twitter:site")
    if not site:
        for obj in articles:
            pub = obj.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                site = pub["name"]
                break
    if site:
        site = site.lstrip("@").strip() or None

    lang = (
        tree.get("lang") or tree.get("xml:lang") or _first(meta, "content-language", "og:locale", "language")
    )
    language = None
    if lang:
        m = re.match(r"\s*([A-Za-z]{2,3})\b", lang.replace("_", "-"))
        language = m.group(1).lower() if m else None

    description = _first(meta, "description", "og:description", "twitter:description")
    return {
        "title": title,
        "url": canonical,
        "bylines": unique[:10],
        "site_name": site,
        "language": language,
        "description": description,
        "meta": meta,
        "jsonld": articles,
    }


# --------------------------------------------------------------------------- captions and text

_CAPTION_XPATH = (
    "//figcaption | //*[(contains(@class, 'caption') or contains(@class, 'Caption')"
    " or contains(@itemprop, 'caption')) and not(contains(@class, 'header') or contains(@class, 'title')"
    " or contains(@class, 'headline'))]"
)


def _pop_captions(tree: HtmlElement) -> list[str]:
    """Collect short caption texts and remove those elements from the tree."""
    captions: list[str] = []
    taken: set[Any] = set()
    for el in tree.xpath(_CAPTION_XPATH):
        if el.tag in ("html", "body", "main", "article") or any(a in taken for a in el.iterancestors()):
            continue
        text = _text(el)
        if not text or len(text) > 600:
            continue
        taken.add(el)
        if text not in captions:
            captions.append(text)
        parent = el.getparent()
        if parent is not None:
            _drop(el)
    return captions[:50]


_HIDDEN_XPATH = (
    "//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
_POPUP_XPATH = (
    "//*[contains(@class, 'tooltip') or contains(@class, 'popover') or contains(@class, 'rollover')"
    " or contains(@class, 'hovercard') or contains(@class, 'hover-card')]"
)
_TRIGGER = re.compile(r"link|trigger|toggle|wrap", re.I)


def _drop_hidden(tree: HtmlElement) -> None:
    """Remove what a reader never sees: hidden elements and the cards of tooltips / hover cards.

    Of nested pop-up elements only the innermost (the card) goes, so the linked word that opens
    it stays in the sentence.
    """
    doomed = []
    for el in tree.xpath(_HIDDEN_XPATH):
        if el.tag not in ("html", "body", "main", "article") and len(_text(el)) <= 2000:
            doomed.append(el)  # a larger hidden block is likely the article itself (lazy reveal)
    popups = [el for el in tree.xpath(_POPUP_XPATH) if el.tag not in ("html", "body", "main", "article")]
    inner = set(popups)
    for el in popups:
        if el.tag == "a" or _TRIGGER.search(el.get("class") or ""):
            continue
        if any(d in inner for d in el.iterdescendants()):
            continue
        if len(_text(el)) <= 2000:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)


def _drop(el: Any) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _trafilatura(tree: HtmlElement, **options: Any) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(
            copy.deepcopy(tree), include_comments=False, include_tables=True, output_format="txt", **options
        )
    except RecursionError:
        return ""
    return text or ""


def _main_text(tree: HtmlElement) -> str:
    text = _trafilatura(tree, favor_precision=True)
    if len(text) >= MIN_BODY_CHARS:
        return _add_embeds(tree, _add_split_chunks(tree, text))
    for options in ({}, {"favor_recall": True}):
        more = _trafilatura(tree, **options)
        if len(more) > len(text):
            text = more
        if len(text) >= MIN_BODY_CHARS:
            return text
    dense = _densest_block(tree)
    if len(dense) > len(text):
        text = dense
    if len(text) >= MIN_BODY_CHARS:
        return text
    flat = _all_paragraphs(tree)
    return flat if len(flat) > len(text) else text


_EMBED_CLASS = re.compile(r"twitter-tweet|twitter-video|instagram-media|tiktok-embed", re.I)


def _add_embeds(tree: HtmlElement, text: str) -> str:
    """Put back embedded posts (tweets, Instagram) quoted between two extracted paragraphs."""
    lines = text.split("\n")
    whole = _norm(text)
    index: dict[str, int] = {}
    for i, ln in enumerate(lines):
        index.setdefault(_norm(ln), i)
    pending: list[tuple[int, list[str]]] = []
    inserts: dict[int, list[str]] = {}
    last: int | None = None
    done: set[Any] = set()
    for el in tree.iter("p", "li", "h2", "h3", "blockquote"):
        if el.tag == "blockquote" and _EMBED_CLASS.search(el.get("class") or ""):
            if last is None or any(a in done for a in el.iterancestors()):
                continue
            done.add(el)
            embed = _embed_lines(el)
            probe = _norm(" ".join(embed))[:60]
            if probe and probe not in whole:
                pending.append((last, embed))
            continue
        key = _norm(_text(el))
        if key in index and not any(a in done for a in el.iterancestors()):
            last = index[key]
            for at, embed in pending:  # an extracted paragraph follows: the embed sits inside the article
                inserts.setdefault(at, []).extend(embed)
            pending = []
    if not inserts:
        return text
    out: list[str] = []
    for i, ln in enumerate(lines):
        out.append(ln)
        out.extend(inserts.get(i, ()))
    return "\n".join(out)


def _embed_lines(el: Any) -> list[str]:
    """Text lines of an embedded post: each paragraph, then the attribution line."""
    lines = [_text(p) for p in el.iter("p")]
    rest = _WS.sub(" ", " ".join(t for t in (el.text or "", *(c.tail or "" for c in el)) if t)).strip()
    anchors = [_text(a) for a in el if a.tag == "a"]
    tail = " ".join(x for x in (rest, *anchors) if x).strip()
    if tail:
        lines.append(tail)
    return [ln for ln in lines if ln]


_COMMENTS = re.compile(r"comment|respon|reply|disqus", re.I)


def _add_split_chunks(tree: HtmlElement, text: str) -> str:
    """Add the other parts of an article body that the page split into same-class containers.

    Some sites cut the body into several sibling blocks (``<div class="article__body">`` between
    ads); trafilatura keeps only the first.  We find the container holding most extracted
    paragraphs, look for other elements with the same tag and class that hold prose the extraction
    missed, and add their paragraphs in document order.
    """
    extracted = {_norm(ln) for ln in text.splitlines() if len(ln) > 40}
    if not extracted:
        return text
    parents: dict[Any, int] = {}
    for p in tree.iter("p"):
        if _norm(_text(p)) in extracted:
            parent = p.getparent()
            if parent is not None:
                parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return text
    container = max(parents, key=lambda k: parents[k])
    cls = (container.get("class") or "").strip()
    if not cls or parents[container] < 2:
        return text
    order = {el: i for i, el in enumerate(tree.iter())}
    before: list[str] = []
    after: list[str] = []
    # a chunk is a sibling or a cousin (same grandparent) of the container, never inside it
    up = container.getparent()
    grand = up.getparent() if up is not None else None
    scope = grand if grand is not None else up
    if scope is None:
        return text
    for other in scope.iter(container.tag):
        if other is container or (other.get("class") or "").strip() != cls:
            continue
        parent = other.getparent()
        if parent is None or (parent is not up and parent.getparent() is not grand):
            continue
        if _COMMENTS.search(
            " ".join((other.get("class") or "", other.get("id") or "", parent.get("class") or ""))
        ):
            continue
        lines = []
        for p in other.iter("p"):
            t = _text(p)
            if len(t) >= 40 and _norm(t) not in extracted and _link_density(p, t) <= 0.3:
                lines.append(t)
        if sum(len(t) for t in lines) < 200:
            continue
        (before if order.get(other, 0) < order.get(container, 0) else after).extend(lines)
    if not before and not after:
        return text
    return "\n".join([*before, text, *after])


_SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "button", "select"}
_BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "blockquote", "pre", "td", "dd"}


def _paragraph_texts(root: Any) -> list[tuple[Any, str]]:
    """(element, text) of block-level text elements under ``root``, skipping navigation parts."""
    out: list[tuple[Any, str]] = []
    for el in root.iter(*_BLOCK_TAGS):
        anc = el.getparent()
        skip = False
        hops = 0
        while anc is not None and hops < MAX_FLAT_DEPTH:
            if anc.tag in _SKIP_TAGS or (anc.tag in _BLOCK_TAGS and anc.tag != "td"):
                skip = True
                break
            anc = anc.getparent()
            hops += 1
        if skip:
            continue
        text = _text(el)
        if text:
            out.append((el, text))
    return out


def _link_density(el: Any, text: str) -> float:
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return linked / max(len(text), 1)


def _densest_block(tree: HtmlElement) -> str:
    """Readability-like pick: the container whose direct paragraphs hold the most prose."""
    scores: dict[Any, float] = {}
    paragraphs = _paragraph_texts(tree)
    for el, text in paragraphs:
        if len(text) < 25 or _link_density(el, text) > 0.5:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return ""
    best = max(scores, key=lambda k: scores[k])
    lines = [t for el, t in _paragraph_texts(best) if _link_density(el, t) <= 0.5]
    return "\n".join(lines)


def _all_paragraphs(tree: HtmlElement) -> str:
    """Last resort: the text of every <p> (no recursion), then of the body."""
    lines = []
    for el in tree.iter("p"):
        text = _text(el)
        if text:
            lines.append(text)
    if not lines:
        body = tree.find(".//body")
        if body is not None:
            for el in body.iter("script", "style", "noscript"):
                el.text = ""
            lines = [ln for ln in (_WS.sub(" ", s).strip() for s in body.itertext()) if len(ln) > 40]
    return "\n".join(lines)


# --------------------------------------------------------------------------- cleaning


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    text = resources.files("newsgraph").joinpath("data/html_boilerplate.txt").read_text(encoding="utf-8")
    pats = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pats.append(re.compile(line, re.I))
    return tuple(pats)


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


def is_boilerplate(line: str) -> bool:
    """Whether a short extracted line is a share button, newsletter prompt, cross-link label, …"""
    s = _WS.sub(" ", line).strip()
    if len(s) > _MAX_BOILERPLATE_CHARS:
        return False
    return any(p.search(s) for p in _boilerplate())


_TRAILING_JUNK = re.compile(r"\s*(click to tweet|tweet this)\s*$", re.I)
_DATE_LINE = re.compile(r"\b(1[89]|20)\d{2}\b|\b\d{1,2}:\d{2}\b")
_SENTENCE_END = re.compile(r"[.!?…\"”»)。！？」』]\s*$")


def _similar(a: str, b: str) -> bool:
    """Same wording, allowing a site suffix or a little editing (compared on word tokens)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) > 20 and (na in nb or nb in na)):
        return True
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio() >= 0.85


def _is_header_line(line: str, title: str, description: str | None) -> bool:
    """A headline, standfirst or date/byline line that sits above the article text."""
    if len(line) > 300 or _SENTENCE_END.search(line):
        return False
    if _similar(line, title) or (description and _similar(line, description)):
        return True
    return len(line) <= 80 and _DATE_LINE.search(line) is not None


def _clean_body(text: str, title: str, description: str | None = None) -> str:
    lines = [_TRAILING_JUNK.sub("", _WS.sub(" ", ln).strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    # headline, standfirst and dateline repeated at the top of the body
    head = 0
    while head < min(3, len(lines) - 1) and _is_header_line(lines[head], title, description):
        head += 1
    kept = [ln for ln in lines[head:] if not is_boilerplate(ln)]
    # collapse a paragraph repeated right after itself (sticky headers, doubled teasers)
    out: list[str] = []
    for ln in kept:
        if out and len(ln) > 30 and _norm(ln) == _norm(out[-1]):
            continue
        out.append(ln)
    return "\n\n".join(out)


# --------------------------------------------------------------------------- dates

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
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    if not _valid(d):
        return None
    if m.group(4) is not None:
        return f"{d.isoformat()}T{int(m.group(4)):02d}:{m.group(5)}", "time"
    return d.isoformat(), "day"


def _published(
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
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d.isoformat() if _valid(d) else None


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
