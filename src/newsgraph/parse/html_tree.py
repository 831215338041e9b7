"""The parsed HTML tree and its text: lenient parsing (trafilatura's settings, lxml as fallback), depth
without recursion, an element's text with whitespace collapsed, and word-level normalisation for
comparing lines."""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html
from lxml.html import HtmlElement

__all__ = ["DATE_LINE", "MAX_FLAT_DEPTH", "SPACE", "WS", "element_text", "norm_words", "parse_tree", "tree_depth"]

MAX_FLAT_DEPTH = 2_000  # deeper trees are refused; the flat fallback walks no further up

WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
SPACE = re.compile(r"[\s\u00a0\u200b]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATE_LINE = re.compile(r"\b(1[89]|20)\d{2}\b|\b\d{1,2}:\d{2}\b")


def parse_tree(html: str) -> HtmlElement | None:
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


def tree_depth(tree: HtmlElement) -> int:
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


def element_text(el: Any) -> str:
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
    return SPACE.sub(" ", "".join(parts)).strip()


def norm_words(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))
