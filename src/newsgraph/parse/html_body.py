"""The main text of an HTML page: captions set apart, hidden elements and hover cards removed,
trafilatura (precision, then recall), a paragraph-density pick and every ``<p>`` as fallbacks;
a body split into same-class blocks put back together and embedded posts restored."""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml.html import HtmlElement

from .html_tree import MAX_FLAT_DEPTH, WS, element_text, norm_words

__all__ = ["all_paragraphs", "drop_hidden", "main_text", "pop_captions"]

MIN_BODY_CHARS = 80  # a shorter extraction counts as "nothing found" and triggers the fallbacks

_CAPTION_XPATH = (
    "//figcaption | //*[(contains(@class, 'caption') or contains(@class, 'Caption')"
    " or contains(@itemprop, 'caption')) and not(contains(@class, 'header') or contains(@class, 'title')"
    " or contains(@class, 'headline'))]"
)


def pop_captions(tree: HtmlElement) -> list[str]:
    """Collect short caption texts and remove those elements from the tree."""
    captions: list[str] = []
    taken: set[Any] = set()
    for el in tree.xpath(_CAPTION_XPATH):
        if el.tag in ("html", "body", "main", "article") or any(a in taken for a in el.iterancestors()):
            continue
        text = element_text(el)
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


def drop_hidden(tree: HtmlElement) -> None:
    """Remove what a reader never sees: hidden elements and the cards of tooltips / hover cards.

    Of nested pop-up elements only the innermost (the card) goes, so the linked word that opens
    it stays in the sentence.
    """
    doomed = []
    for el in tree.xpath(_HIDDEN_XPATH):
        if el.tag not in ("html", "body", "main", "article") and len(element_text(el)) <= 2000:
            doomed.append(el)  # a larger hidden block is likely the article itself (lazy reveal)
    popups = [el for el in tree.xpath(_POPUP_XPATH) if el.tag not in ("html", "body", "main", "article")]
    inner = set(popups)
    for el in popups:
        if el.tag == "a" or _TRIGGER.search(el.get("class") or ""):
            continue
        if any(d in inner for d in el.iterdescendants()):
            continue
        if len(element_text(el)) <= 2000:
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


def main_text(tree: HtmlElement) -> str:
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
    flat = all_paragraphs(tree)
    return flat if len(flat) > len(text) else text


_EMBED_CLASS = re.compile(r"twitter-tweet|twitter-video|instagram-media|tiktok-embed", re.I)


def _add_embeds(tree: HtmlElement, text: str) -> str:
    """Put back embedded posts (tweets, Instagram) quoted between two extracted paragraphs."""
    lines = text.split("\n")
    whole = norm_words(text)
    index: dict[str, int] = {}
    for i, ln in enumerate(lines):
        index.setdefault(norm_words(ln), i)
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
            probe = norm_words(" ".join(embed))[:60]
            if probe and probe not in whole:
                pending.append((last, embed))
            continue
        key = norm_words(element_text(el))
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
    lines = [element_text(p) for p in el.iter("p")]
    rest = WS.sub(" ", " ".join(t for t in (el.text or "", *(c.tail or "" for c in el)) if t)).strip()
    anchors = [element_text(a) for a in el if a.tag == "a"]
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
    extracted = {norm_words(ln) for ln in text.splitlines() if len(ln) > 40}
    if not extracted:
        return text
    parents: dict[Any, int] = {}
    for p in tree.iter("p"):
        if norm_words(element_text(p)) in extracted:
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
            t = element_text(p)
            if len(t) >= 40 and norm_words(t) not in extracted and _link_density(p, t) <= 0.3:
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
        text = element_text(el)
        if text:
            out.append((el, text))
    return out


def _link_density(el: Any, text: str) -> float:
    linked = sum(len(element_text(a)) for a in el.iter("a"))
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


def all_paragraphs(tree: HtmlElement) -> str:
    """Last resort: the text of every <p> (no recursion), then of the body."""
    lines = []
    for el in tree.iter("p"):
        text = element_text(el)
        if text:
            lines.append(text)
    if not lines:
        body = tree.find(".//body")
        if body is not None:
            for el in body.iter("script", "style", "noscript"):
                el.text = ""
            lines = [ln for ln in (WS.sub(" ", s).strip() for s in body.itertext()) if len(ln) > 40]
    return "\n".join(lines)
