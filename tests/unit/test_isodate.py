"""The one ISO day parser (newsgraph.isodate): what the TIMEX anchor and the GDELT export read."""

from __future__ import annotations

from datetime import date

from newsgraph.isodate import leading_day


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
