"""Metadata of an HTML page: <meta> tags, JSON-LD objects, the headline, canonical URL, bylines, site
name, language and description."""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

from .html_tree import DATE_LINE, SPACE, element_text, norm_words

__all__ = ["page_metadata"]


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
    ref = SPACE.sub(" ", ref).strip() if ref else None
    h1s = [h for h in h1s if h]
    if not ref:
        return h1s[0] if h1s else None
    nref = norm_words(ref)
    for h1 in h1s:
        nh = norm_words(h1)
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


def page_metadata(tree: HtmlElement) -> dict[str, Any]:
    meta = _meta_values(tree)
    jsonld = _jsonld_objects(tree)
    articles = [o for o in jsonld if _ARTICLE_TYPES.search(_types(o))]

    ref = _first(meta, "og:title", "twitter:title")
    for obj in articles:
        if not ref and isinstance(obj.get("headline"), str):
            ref = obj["headline"]
    if not ref:
        t = tree.find(".//title")
        ref = element_text(t) if t is not None else None
    title = _pick_title(ref, [element_text(h) for h in tree.xpath("//h1")[:5]])

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
            text = _BYLINE_PREFIX.sub("", SPACE.sub(" ", raw.split("\n")[0]).strip())
            if 2 < len(text) <= 60 and not DATE_LINE.search(text):
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
