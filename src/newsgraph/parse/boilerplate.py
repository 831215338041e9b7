"""Boilerplate lines: text a page or a scraper adds around an article that is not the article.

Share buttons, newsletter prompts, cross-link labels, "Follow us on …", "Click here to …",
agency credits ("(Reporting by …; Editing by …)", "Contributing: …"), archive notes ("This story
is from …") and copyright lines.  The patterns live in one file, ``data/html_boilerplate.txt``
(one regular expression a line, matched case-insensitively, so lower-cased corpora match too),
in two kinds: page chrome, never part of an article, and notices (credits, copyright, archive
notes, calls to action), which a publisher prints with the article and extraction benchmarks
count as its text.  The HTML extractor drops chrome from extracted lines (``parse/html_clean.py``,
``notices=False``, so ``extract_html`` is measured on the benchmark's definition); ``parse()``
drops both kinds from every article's clean text, whatever its format, through
``drop_boilerplate_lines`` (plain text, JSONL text, HTML bodies) and ``is_boilerplate`` (Markdown
blocks).

A line counts only when it is short (``MAX_BOILERPLATE_CHARS``), so a real paragraph that
mentions "subscribe" or "copyright" survives.  Boilerplate lines are removed from the article's
clean text at parse time: the stored text is the article, and every offset points into it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .html_tree import WS

__all__ = ["MAX_BOILERPLATE_CHARS", "drop_boilerplate_lines", "is_boilerplate"]

MAX_BOILERPLATE_CHARS = 160
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’»)\]]\s*$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(page chrome, notices): the two sections of the pattern file (split at the line "[notices]"),
    each compiled into one alternation so a line is scanned once per kind."""
    text = resources.files("newsgraph").joinpath("data/html_boilerplate.txt").read_text(encoding="utf-8")
    chrome: list[str] = []
    notices: list[str] = []
    into = chrome
    for line in text.splitlines():
        line = line.strip()
        if line == "[notices]":
            into = notices
        elif line and not line.startswith("#"):
            re.compile(line)  # a bad pattern fails here, on its own line
            into.append(line)
    return (re.compile("|".join(f"(?:{p})" for p in chrome), re.I),
            re.compile("|".join(f"(?:{p})" for p in notices), re.I))


def is_boilerplate(line: str, *, notices: bool = True) -> bool:
    """Whether a short line is a share button, newsletter prompt, cross-link label (page chrome)
    or, unless ``notices`` is False, a credit, copyright line, archive note or call to action."""
    if len(line) > 4 * MAX_BOILERPLATE_CHARS:  # a paragraph, whatever its spacing
        return False
    s = WS.sub(" ", line).strip()
    if len(s) > MAX_BOILERPLATE_CHARS or not s:
        return False
    chrome, notes = _patterns()
    return chrome.search(s) is not None or (notices and notes.search(s) is not None)


def drop_boilerplate_lines(text: str) -> str:
    """``text`` without its boilerplate lines (plain text: one paragraph or heading a line).

    A line inside a hard-wrapped paragraph (the line before it runs on, without a sentence end)
    is never taken for boilerplate, whatever it starts with.  Text without boilerplate is
    returned unchanged.
    """
    lines = text.split("\n")
    drop = [
        is_boilerplate(ln) and (i == 0 or not lines[i - 1].strip() or bool(_ENDS_SENTENCE.search(lines[i - 1])))
        for i, ln in enumerate(lines)
    ]
    if not any(drop):
        return text
    kept = "\n".join(ln for ln, d in zip(lines, drop, strict=True) if not d)
    return re.sub(r"\n{3,}", "\n\n", kept).strip()
