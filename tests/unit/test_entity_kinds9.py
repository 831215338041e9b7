"""Entity mechanisms from the eighth judged sample's error kinds (invented sentences): a role word that
names another role noun's brief ("industry minister") is no group of its own; a leader's name opening an
organisation's or a building's name ("the Jane Doe Center for Freedom") is not the leader."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Entity, Published
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context

pytestmark = pytest.mark.slow


def _entities(text: str, date: str = "2004-06-01") -> list[Entity]:
    art = Article(id="t1", text=text, title="", published=Published(date, "day", "input"))
    return extract_entities(Context(article=art, doc=load_nlp()(text)))


def test_role_word_before_another_role_noun_is_no_group() -> None:
    ents = _entities("Norwegian industry minister Kari Nilsen opened the new plant on Monday.")
    assert not [e for e in ents if e.type == "GROUP"]  # no "Norwegian industry" business group
    assert next(e for e in ents if e.name == "Kari Nilsen").actor == "NORGOV"
    ents = _entities("Chinese customs officials seized the goods.")
    assert [e.name for e in ents if e.type == "GROUP"] == ["Chinese customs officials"]


def test_leader_name_opening_an_organisation_name_is_not_the_leader() -> None:
    ents = _entities("Analysts at the Margaret Thatcher Center for Freedom disagreed, said a fellow there.")
    assert not [e for e in ents if e.kb_id and e.kb_id.startswith("leader:")]
    ents = _entities("Prime Minister Margaret Thatcher visited Paris in 1985.")
    assert any(e.kb_id and e.kb_id.startswith("leader:") for e in ents)  # the person herself still is
