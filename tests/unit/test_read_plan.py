"""How the read API reads a list newest first (query/sql.py ``read_plan``): the way that reads the fewest rows."""

from __future__ import annotations

from newsgraph.query.filters import EventFilter
from newsgraph.query.sql import read_plan, walk_newest

ROWS = 500_000  # events in the table


def test_without_a_threshold_count_it_is_the_walk_or_the_filters_as_before() -> None:
    assert read_plan(40_000, ROWS, 50) == "walk" and walk_newest(40_000, ROWS, 50)  # 625 rows walked
    assert read_plan(3_000, ROWS, 50) == "filters" and not walk_newest(3_000, ROWS, 50)  # 8,333 walked
    assert read_plan(0, ROWS, 50) == "filters"  # nothing matches: a walk would read every row


def test_few_events_above_the_threshold_are_read_by_confidence() -> None:
    # 3,000 of 500,000 events pass: the walk reads about 8,333 rows for 50, the threshold's index 3,000 entries
    assert read_plan(3_000, ROWS, 50, shown=3_000) == "shown"
    # an actor's 1,800 of them: the actor's index would read its 150,000 events of every confidence
    assert read_plan(1_800, ROWS, 50, shown=3_000, matching=150_000) == "shown"
    assert read_plan(0, ROWS, 50, shown=3_000, matching=20_000) == "shown"  # none at all: the 3,000 say so


def test_the_filters_matches_are_counted_only_when_they_could_be_the_fewest() -> None:
    asked: list[int] = []

    def matching() -> int:
        asked.append(1)
        return 60

    assert read_plan(1_800, ROWS, 50, shown=3_000, matching=matching) == "shown" and not asked  # 1,800 > 750
    assert read_plan(40, ROWS, 50, shown=400_000, matching=matching) == "filters" and asked


def test_many_events_above_the_threshold_are_walked_newest_first() -> None:
    assert read_plan(20_000, ROWS, 50, shown=20_000) == "walk"  # 1,250 rows walked
    # 2,778 walked, 5,000 for the index's 20,000 entries, 150,000 through the actor's index
    assert read_plan(9_000, ROWS, 50, shown=20_000, matching=150_000) == "walk"


def test_a_rare_match_at_a_low_threshold_is_read_through_its_filters_index() -> None:
    # 40 events of an actor among 400,000 that pass: its 60 events through its index; 625,000 walked
    assert read_plan(40, ROWS, 50, shown=400_000, matching=60) == "filters"
    assert read_plan(0, ROWS, 50, shown=400_000, matching=0) == "filters"
    # the same without a filter that has an index (a QuadClass alone): not through the filters
    assert read_plan(40, ROWS, 50, shown=400_000) == "shown"


def test_which_filters_have_an_index() -> None:
    assert not EventFilter(min_confidence=0.7, negated=True, root="19", quad_class=4).narrowed()
    for f in (EventFilter(actor="GBR"), EventFilter(source="USA"), EventFilter(code="04"),
              EventFilter(date_from="2024"), EventFilter(article="a1")):
        assert f.narrowed()
    assert EventFilter(actor="GBR", min_confidence=0.7, negated=True).shown() == EventFilter(
        negated=True, min_confidence=0.7)
