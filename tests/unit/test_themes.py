"""Themes: the taxonomy file and pattern matching with evidence spans."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Theme
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.themes import extract_themes, parse_taxonomy, taxonomy
from newsgraph.registry import Context


def _themes(text: str) -> dict[str, Theme]:
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    out = extract_themes(ctx)
    for th in out:
        for s in th.spans:
            assert text[s.start:s.end] == s.text
    return {t.code: t for t in out}


def test_taxonomy_has_at_least_forty_themes_with_descriptions() -> None:
    tax = taxonomy()
    assert len(tax.descriptions) >= 40
    for code in ("DIPLOMACY", "SOVEREIGNTY", "SANCTIONS", "TRADE", "ENERGY", "ELECTION", "ARMED_CONFLICT",
                 "PROTEST", "TERRORISM", "CRIME", "ECONOMY", "HEALTH", "ENVIRONMENT", "MIGRATION",
                 "HUMAN_RIGHTS", "TECHNOLOGY", "MEDIA"):
        assert tax.descriptions.get(code), code


def test_parse_taxonomy_rejects_too_short_prefixes() -> None:
    with pytest.raises(ValueError):
        parse_taxonomy("X\tdesc\tab*\n")


@pytest.mark.slow
def test_themes_come_with_every_evidence_span() -> None:
    text = ("The European Union imposed new sanctions on the regime after the invasion. "
            "Gas exports fell, and the sanctions hit trade. Voters head to the polls in the "
            "presidential election.")
    themes = _themes(text)
    assert [s.text for s in themes["SANCTIONS"].spans] == ["sanctions", "sanctions"]
    assert [s.text for s in themes["ARMED_CONFLICT"].spans] == ["invasion"]
    assert "Gas" in [s.text for s in themes["ENERGY"].spans]
    assert {"exports", "trade"} <= {s.text for s in themes["TRADE"].spans}
    assert [s.text for s in themes["ELECTION"].spans] == ["Voters", "presidential election"]


@pytest.mark.slow
def test_prefix_exact_case_and_part_of_speech_patterns() -> None:
    themes = _themes("Terrorists attacked the town. AI chips are scarce. "
                     "Officials press ahead with the plan.")
    assert themes["TERRORISM"].spans[0].text == "Terrorists"
    assert {"AI", "chips"} <= {s.text for s in themes["TECHNOLOGY"].spans}
    assert "MEDIA" not in themes  # "press" as a verb is not the press


@pytest.mark.slow
def test_themes_are_ordered_by_first_appearance() -> None:
    themes = list(_themes("A flood hit the region, then protesters gathered at the hospital."))
    assert themes[:3] == ["DISASTER", "PROTEST", "HEALTH"]
