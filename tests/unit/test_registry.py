"""Stages declare what they read: a wrong order fails at start-up, and no stage reads a result it
does not require."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph.config import load_settings
from newsgraph.errors import ConfigError
from newsgraph.model import Article, Published, RawDocument
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context, registered, resolve
from newsgraph.runner import process_all


def _docs(read: list[str]) -> Iterator[RawDocument]:
    read.append("first")
    yield RawDocument(source="a", format="text", content="Talks\n\nOfficials met in Geneva on Monday.")


@pytest.mark.parametrize(("stages", "missing"), [
    (("entities.v1", "places.v1", "events.v1", "timexes.v1"), "timexes"),
    (("entities.v1", "timexes.v1", "events.v1", "places.v1"), "places"),
    (("amounts.v1", "timexes.v1"), "timexes"),
    (("timexes.v1", "quotes.v1", "entities.v1"), "entities"),
])
def test_a_stage_before_what_it_reads_fails_before_any_document(stages: tuple[str, ...], missing: str) -> None:
    read: list[str] = []
    settings = load_settings().with_overrides(stages=stages)
    with pytest.raises(ConfigError) as err:
        next(process_all(_docs(read), settings))
    assert err.value.code == "E207"
    assert repr(missing) in str(err.value)
    assert read == []  # refused at start-up: no document was read


def test_the_default_order_satisfies_every_stage() -> None:
    names = [st.name for st in resolve(load_settings().stages)]
    assert names.index("timexes.v1") < names.index("amounts.v1")
    assert names.index("places.v1") < names.index("events.v1")


class _Recording(dict[str, Any]):
    """ctx.results that remembers which results a stage looked up."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)


def test_no_stage_reads_a_result_it_does_not_require() -> None:
    text = ("Leaders Meet in Geneva\n\nThe French president met German Chancellor Anna Weber in Geneva on "
            "Monday, a day after protesters marched there. \"We agreed on $2 billion in aid,\" Weber said. "
            "France will send 300 tonnes of grain to Ukraine next week, officials said.")
    article = Article(id="t", text=text, title="Leaders Meet in Geneva",
                      published=Published("2024-02-08", "day", "input"))
    nlp = load_nlp(load_settings().spacy_model)
    doc = nlp(text)
    results: dict[str, Any] = {}
    table = registered()
    for name in load_settings().stages:
        st = table[name]
        rec = _Recording(results)
        ctx = Context(article=article, doc=doc, results=rec, nlp=nlp)
        results[st.produces] = st.fn(ctx)
        assert rec.read <= set(st.requires), f"{name} reads {sorted(rec.read - set(st.requires))}"
    assert results["events"] and results["amounts"]  # the stages that read others did run on something



def test_stage_options_from_the_config_reach_the_stage(tmp_path: Any) -> None:
    from newsgraph.pipeline import annotate

    cfg = tmp_path / "c.toml"
    cfg.write_text('[options."tone.v1"]\nmin_valence = 99.0\n', encoding="utf-8")
    settings = load_settings(cfg)
    assert settings.options == {"tone.v1": {"min_valence": 99.0}}
    text = "Good news\n\nThe wonderful, excellent, happy agreement was a great success for everyone."
    article = Article(id="o", text=text, title="Good news", published=Published("2024-02-08", "day", "input"))
    default = annotate(article, load_settings())
    strict = annotate(article, settings)
    assert default.tone is not None and strict.tone is not None
    assert default.tone.positive > 0
    assert strict.tone.positive == 0  # no word reaches a valence of 99: the option was applied


def test_unknown_stage_option_is_refused_when_the_config_loads(tmp_path: Any) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[options."tone.v1"]\nmin_valnce = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert exc.value.code == "E201" and "min_valence" in str(exc.value)
    cfg.write_text('[options."nosuch.v1"]\nx = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert exc.value.code == "E206"
    cfg.write_text('[options."tone.v1"]\nmin_valence = "high"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert exc.value.code == "E202"


def test_quote_options_from_the_config_reach_the_quote_stage(tmp_path: Any) -> None:
    from newsgraph.pipeline import annotate

    text = ("Storm Hits Coast\n\nThe storm reached the coast on Monday.\n\n"
            "\"We have never seen water rise this fast in our town.\"\n\nCrews worked through the night.")
    article = Article(id="q", text=text, title="Storm Hits Coast", published=Published("2024-02-08", "day", "input"))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[options."quotes.v1"]\nunattributed = false\n', encoding="utf-8")
    default = annotate(article, load_settings())
    strict = annotate(article, load_settings(cfg))
    assert [q.speaker for q in default.quotes if q.kind == "direct"] == [None]  # kept, credited to no one
    assert not [q for q in strict.quotes if q.kind == "direct"]
