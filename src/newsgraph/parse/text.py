"""Plain-text articles (files and JSONL ``text``): kept as written (line breaks included), title split off.

The body is changed as little as possible (newlines normalised, control characters
and surrounding blank space removed, boilerplate lines such as "This story is from …" or
"Contributing: …" dropped by ``parse/boilerplate.py``) so offsets stay close to the input's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import drop_boilerplate_lines

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


@dataclass
class TextParts:
    title: str
    body: str
    title_in_body: bool = False  # the body's first line is the title itself


def clean_text(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).rstrip(".").lower() == " ".join(b.split()).rstrip(".").lower()


def parse_text(text: str, *, title: str | None = None) -> TextParts:
    body = drop_boilerplate_lines(clean_text(text))
    first = body.partition("\n")[0]
    if title is not None and title.strip():
        t = " ".join(title.split())
        return TextParts(t, body, title_in_body=_same(first, t))
    first_block = body.split("\n\n", 1)
    head = first_block[0]
    if len(first_block) == 2 and "\n" not in head and 0 < len(head) <= 200 and (
        not head.rstrip().endswith((".", '"', "”", "?", "!")) or len(head) <= 100
    ):
        return TextParts(head.strip(), body, title_in_body=True)
    return TextParts("", body)
