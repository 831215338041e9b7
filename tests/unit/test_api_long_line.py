"""`analyze` takes a one-line text longer than a file name may be as text, not as a path."""

from __future__ import annotations

from newsgraph.api import analyze


def test_a_long_single_line_is_text_not_a_path() -> None:
    line = "The minister met the ambassador in the capital on Monday to discuss the trade agreement. " * 4
    assert len(line) > 300 and "\n" not in line
    result = analyze(line.strip())
    assert result.article.text.startswith("The minister met")
