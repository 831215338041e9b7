"""Mojibake repair (ftfy) for the text of every article, whatever reader produced it.

Text that was UTF-8, decoded as windows-1252 or Latin-1 somewhere upstream and saved again shows
sequences such as ``â€œ`` (for “), ``â€™`` (’) and ``Ã©`` (é); the quote extractor, the parser and
the lexicons then miss what they stand for.  ``repair_text`` undoes that with ftfy, configured to
change nothing in text that is already fine:

- ``uncurl_quotes=False``: curly quotes stay curly (they are what the quote extractor reads);
- ``normalization=None``, ``fix_latin_ligatures=False``, ``fix_character_width=False``,
  ``fix_line_breaks=False``: well-formed characters are never rewritten into others;
- the encoding fixes (``fix_encoding``, ``decode_inconsistent_utf8``, ``fix_c1_controls``,
  ``restore_byte_a0``) and HTML-entity unescaping of text with no markup stay on.

One gap ftfy leaves is filled first: the right double quote ” is the bytes E2 80 9D, and 0x9D has
no windows-1252 character, so a round trip through windows-1252 often leaves ``â€`` followed by
U+FFFD (the replacement character) where ftfy finds nothing it can decode.  ``â€`` + U+FFFD is
taken to be ” (the other characters whose UTF-8 ends in an unassigned windows-1252 byte, U+2001,
U+200D, U+200F and U+2010, are rare in news) and handed to ftfy as the byte it stood for.

The article's offsets are offsets into the repaired text: repair runs before any annotation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["MOJIBAKE", "repair_apostrophes", "repair_in_place", "repair_text"]

# what ftfy may change in ASCII text: entities, control characters, terminal escapes
_ASCII_FIXABLE = re.compile(r"[&\x00-\x08\x0b\x0e-\x1f\x7f]")
# ” (E2 80 9D) after a windows-1252 round trip that replaced the unassigned 0x9D
_LOST_RIGHT_QUOTE = re.compile("\u00e2\u20ac\ufffd")
# A UTF-8 lead byte read as windows-1252/Latin-1 (Â Ã â and the other lead bytes' characters)
# followed by a continuation byte read the same way: the signature of mojibake, used to count it.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
        "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd"
MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}")


@lru_cache(maxsize=1)
def _config() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        uncurl_quotes=False, normalization=None, fix_latin_ligatures=False, fix_character_width=False,
        fix_line_breaks=False, explain=False,
    )


def repair_text(text: str) -> str:
    """``text`` with mojibake (and stray HTML entities in markup-free text) repaired; fine text as is."""
    if text.isascii() and not _ASCII_FIXABLE.search(text):
        return text  # nothing ftfy would change: skip the import and the scan
    import ftfy

    text = _LOST_RIGHT_QUOTE.sub("\u00e2\u20ac\u009d", text)
    return str(ftfy.fix_text(text, config=_config()))


def repair_in_place(text: str) -> str:
    """``text`` with each mojibake sequence (``MOJIBAKE``) replaced by the character it stands for and
    the characters freed filled with spaces: the same length, so every offset still points into the
    original text (``pipeline.for_parser`` gives the parser this copy of a text not repaired on input,
    such as a record analysed exactly as scraped).  The spaces go on the side away from the word the
    character belongs to: before it when a letter or digit follows ("â€œour" -> "  “our", "hornetâ€™s"
    -> "hornet  ’s"), after it otherwise ("all,â€\ufffd he" -> "all,”   he"), so no letter moves but
    the "n" of a contraction ("donâ€™t" -> "do  n’t")."""
    if text.isascii():
        return text
    if not MOJIBAKE.search(text) and not _LOST_RIGHT_QUOTE.search(text):
        return text
    text = _LOST_RIGHT_QUOTE.sub("\u00e2\u20ac\u009d", text)  # same length: one character for another
    runs: list[list[tuple[int, int, str]]] = []  # adjacent sequences ("â€˜â€˜") are placed together
    for m in MOJIBAKE.finditer(text):
        fixed = repair_text(m.group())
        if not fixed or len(fixed) >= len(m.group()):
            continue
        if runs and runs[-1][-1][1] == m.start():
            runs[-1].append((m.start(), m.end(), fixed))
        else:
            runs.append([(m.start(), m.end(), fixed)])
    return _place(text, [(run[0][0], run[-1][1], "".join(f for _, _, f in run)) for run in runs])


def _place(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, fixed)`` span replaced by the shorter ``fixed`` and the freed
    characters filled with spaces on the side away from the word ``fixed`` belongs to: before it when a
    letter or digit follows, after it otherwise; the "n" of a contraction ("n" + mark + "t") moves with
    the mark, as the tokenizer splits "do|n't".  Same length as ``text``."""
    out: list[str] = []
    last = 0
    for start, end, fixed in spans:
        pad = " " * (end - start - len(fixed))
        if text[start - 1:start].lower() == "n" and text[end:end + 1].lower() == "t" \
                and not text[end + 1:end + 2].isalpha() and start - 1 >= last:
            # "don’t": the contraction stays whole ("do  n’t"), as the tokenizer splits it
            out.append(text[last:start - 1])
            out.append(pad + text[start - 1] + fixed)
        else:
            out.append(text[last:start])
            out.append(pad + fixed if text[end:end + 1].isalnum() else fixed + pad)
        last = end
    if not out:
        return text
    out.append(text[last:])
    fixed_text = "".join(out)
    assert len(fixed_text) == len(text), "an in-place repair keeps every offset"
    return fixed_text


# SQL-escaped text: every apostrophe written twice ("friday''s", "didn''t"), so a doubled mark between
# two letters shows it; a text without that signature keeps its "''" (a closing double quote)
_SQL_ESCAPED = re.compile(r"[^\W\d_]''[^\W\d_]")
_APOSTROPHES = re.compile(r"'{2,}")


def repair_apostrophes(text: str) -> str:
    """``text`` with SQL-escaped apostrophes undone in place: only in a text showing the signature (a
    letter, two apostrophes, a letter), each even run of apostrophes stands for half as many ("''" an
    apostrophe, "''''" a closing "''"), the freed characters becoming spaces placed as ``repair_in_place``
    places them ("friday''s" -> "friday 's", "voters'' list" -> "voters'  list", "didn''t" ->
    "did n't").  Same length, so offsets into ``text`` stay valid; odd runs are left as they are."""
    if "''" not in text or not _SQL_ESCAPED.search(text):
        return text
    spans = [(m.start(), m.end(), "'" * (len(m.group()) // 2)) for m in _APOSTROPHES.finditer(text)
             if len(m.group()) % 2 == 0]
    return _place(text, spans)
