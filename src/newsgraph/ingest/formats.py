"""Which reader a text is for, from its suffix and its first characters."""

from __future__ import annotations

import re

_MD_HINT = re.compile(r"^\s*#\s+\S|^By \[[^\]]+\]\(|^Original url:", re.M)


def sniff_format(text: str, suffix: str) -> str:
    """markdown | text | html | jsonl | json | feed."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".xml", ".rss", ".atom") or (head.startswith("<?xml") and ("<rss" in head or "<feed" in head)):
        if "<rss" in head or "<feed" in head or "<rdf" in head:
            return "feed"
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if head.startswith(("<!doctype html", "<html")) or re.match(r"<(head|body|div|p|article)\b", head):
        return "html"
    if head.startswith("<rss") or head.startswith("<feed"):
        return "feed"
    if head.startswith("{") and suffix not in (".txt", ".text", ".md"):
        return "jsonl"
    if _MD_HINT.search(text[:4096]):
        return "markdown"
    return "text"
