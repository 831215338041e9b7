"""Markdown articles as scrapers save them (the seed's format).

    # Title
    By [AFP](#)
    February 08, 2024
    Photo caption text. **Photographer / Agency**
    Body paragraphs ...
    **Related article:** [Another headline](#)
    Original url:
    <https://...>

Blocks are separated by blank lines; captions, credits and related links go to
their own fields, never into the body; boilerplate blocks (``parse/boilerplate.py``) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .boilerplate import is_boilerplate
from .published import parse_date

_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)|(?<![\w_])_(?!\s)([^_\n]+?)_(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any escaped ASCII punctuation
_AUTOLINK = re.compile(r"^<(https?://[^>\s]+)>$")
_BYLINE = re.compile(r"^(?:by|from)\s+\S", re.I)
_RELATED = re.compile(r"^\s*(?:\*\*|__)?\s*(?:related(?: articles?| stories| content)?|read (?:more|also)|see also"
                      r"|more on this|recommended)\s*:?\s*(?:\*\*|__)?\s*:?", re.I)
_CREDIT_TAIL = re.compile(r"\*\*([^*]+)\*\*\s*$")
_URL_LINE = re.compile(r"^(?:original\s+)?(?:url|source|link)\s*:\s*(.*)$", re.I)


def inline_text(s: str) -> str:
    """Markdown inline markup -> plain text (links to their text, emphasis and escapes removed)."""
    s = _LINK.sub(lambda m: m.group(1) or "", s)
    s = _BOLD.sub(lambda m: m.group(1) or m.group(2) or "", s)
    s = _ITALIC.sub(lambda m: m.group(1) or m.group(2) or "", s)
    s = _ESCAPE.sub(r"\1", s)
    return re.sub(r"[ \t]+", " ", s).strip()


@dataclass
class MarkdownParts:
    title: str = ""
    bylines: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


def parse_markdown(text: str) -> MarkdownParts:
    parts = MarkdownParts()
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))]
    blocks = [b for b in blocks if b]
    expect_url = False
    for i, block in enumerate(blocks):
        first = block.splitlines()[0].strip()
        if expect_url:
            m = _AUTOLINK.match(block) or re.match(r"^(https?://\S+)$", block)
            if m:
                parts.url = m.group(1)
                expect_url = False
                continue
            expect_url = False
        m = _URL_LINE.match(first)
        if m and (not parts.paragraphs or i >= len(blocks) - 3):
            rest = m.group(1).strip().strip("<>")
            if rest:
                parts.url = rest
            else:
                expect_url = True
            continue
        if not parts.title and first.startswith("#"):
            parts.title = inline_text(first.lstrip("#").strip())
            tail = block.splitlines()[1:]
            if tail:
                blocks.insert(i + 1, "\n".join(tail))
            continue
        if not parts.paragraphs and _BYLINE.match(first) and len(block) < 200:
            parts.bylines.append(inline_text(block))
            continue
        if parts.date is None and not parts.paragraphs and len(block) < 60 and parse_date(inline_text(block)):
            parts.date = inline_text(block)
            continue
        if _RELATED.match(block):
            parts.related.append(inline_text(_RELATED.sub("", block)))
            continue
        credit = _CREDIT_TAIL.search(block)
        if credit and not _RELATED.match(block) and len(block) < 600 and (
            not parts.paragraphs or len(inline_text(block[: credit.start()])) < 300
        ):
            caption = inline_text(block[: credit.start()])
            parts.credits.append(inline_text(credit.group(1)))
            if caption:
                parts.captions.append(caption)
            continue
        if block.startswith("![") and _LINK.fullmatch(block):
            continue  # an image alone
        if is_boilerplate(" ".join(inline_text(line) for line in block.splitlines())):
            continue  # share prompts, credits, copyright (parse/boilerplate.py)
        if first.startswith("#"):
            block = first.lstrip("#").strip() + ("\n" + "\n".join(block.splitlines()[1:]) if "\n" in block else "")
        para = " ".join(inline_text(line) for line in block.splitlines() if line.strip())
        if re.fullmatch(r"[-*_=\s]{3,}", para):
            continue  # a horizontal rule
        if para:
            parts.paragraphs.append(para)
    return parts
