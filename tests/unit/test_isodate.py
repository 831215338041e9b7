"""The one ISO day parser (newsgraph.isodate): what the TIMEX anchor and the GDELT export read."""

from __future__ import annotations

from datetime import date

from newsgraph.isodate import leading_day, match_day


def test_leading_day_reads_the_day_a_value_starts_with() -> None:
    assert leading_day("2024-02-08") == date(2024, 2, 8)
    assert leading_day("2024-02-08T15:00:00Z") == date(2024, 2, 8)


def test_leading_day_refuses_partial_and_impossible_days_unless_filled() -> None:
    assert leading_day("2024-02") is None
    assert leading_day("2024-02", fill=True) == date(2024, 2, 1)
    assert leading_day("2024", fill=True) == date(2024, 1, 1)
    assert leading_day("2024-02-30") is None
    assert leading_day("2024-02-30", fill=True) is None


def test_leading_day_needs_the_value_to_start_with_a_year() -> None:
    assert leading_day(None) is None
    assert leading_day("") is None
    assert leading_day("on 2024-02-08") is None
    assert leading_day("2024/02/08") is None


def test_match_day_reads_the_first_three_groups() -> None:
    import re

    pat = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")
    m = pat.search("https://news.example/2024/02/08/story")
    assert m is not None and match_day(m) == date(2024, 2, 8)
    bad = pat.search("https://news.example/2024/02/31/story")
    assert bad is not None and match_day(bad) is None
