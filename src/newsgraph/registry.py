"""Stage registry: ``@stage`` registers an annotation stage under a versioned name.

A stage is a function ``fn(ctx: Context) -> annotations``.  It reads the article,
the parsed spaCy ``Doc`` and what earlier stages produced from ``ctx`` and returns
its own annotations; it does no I/O.  ``annotate()`` runs the configured stages in
order and stores each result in ``ctx.results[produces]``.

Plugins register more stages through the ``newsgraph.stages`` entry-point group:
each entry point names a module, which is imported so its ``@stage`` decorators run.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .model import Article


@dataclass
class Context:
    """What a stage may read: the article, its parsed Doc and earlier results."""

    article: Article
    doc: Doc
    results: dict[str, Any] = field(default_factory=dict)
    nlp: Language | None = None  # the pipeline that parsed ``doc``, for a stage that parses more text


StageFn = Callable[..., Any]  # fn(ctx, **options)


@dataclass(frozen=True)
class Stage:
    name: str  # "quotes.v1"
    requires: tuple[str, ...]
    produces: str
    fn: StageFn
    doc: str
    options: dict[str, Any] = field(default_factory=dict)  # keyword-only option -> default


def _options(fn: StageFn) -> dict[str, Any]:
    """A stage's settings: its keyword-only parameters with their defaults (spaCy's factory config)."""
    out: dict[str, Any] = {}
    for p in inspect.signature(fn).parameters.values():
        if p.kind is inspect.Parameter.KEYWORD_ONLY:
            if p.default is inspect.Parameter.empty:
                raise ConfigError(f"stage option {p.name!r} of {fn.__name__} needs a default", code="E205")
            out[p.name] = p.default
    return out


_STAGES: dict[str, Stage] = {}
_plugins_loaded = False


def stage(name: str, *, requires: tuple[str, ...] = (), produces: str) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` (a versioned name such as ``quotes.v1``)."""

    def wrap(fn: StageFn) -> StageFn:
        if name in _STAGES and _STAGES[name].fn is not fn:
            raise ConfigError(f"stage {name!r} is registered twice", code="E205")
        _STAGES[name] = Stage(name, requires, produces, fn, (fn.__doc__ or "").strip().split("\n")[0],
                              _options(fn))
        return fn

    return wrap


def _load_builtin() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from . import stages as _builtin  # noqa: F401  (registers the built-in stages)

    for ep in entry_points(group="newsgraph.stages"):
        ep.load()


def registered() -> dict[str, Stage]:
    _load_builtin()
    return dict(_STAGES)


def resolve(names: tuple[str, ...] | list[str]) -> list[Stage]:
    """The stages to run, in order, checked against what each one requires."""
    table = registered()
    out: list[Stage] = []
    produced = {"sentences", "tokens"}
    for n in names:
        if n not in table:
            raise ConfigError(f"unknown stage {n!r}; registered: {', '.join(sorted(table))}", code="E206")
        st = table[n]
        missing = [r for r in st.requires if r not in produced]
        if missing:
            raise ConfigError(f"stage {n!r} needs {missing} from an earlier stage; reorder 'stages'",
                              code="E207")
        produced.add(st.produces)
        out.append(st)
    return out


def check_options(options: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``options`` (stage name -> {option: value}) checked against what each stage declares and
    coerced to the type of the declared default; an unknown stage or option is a ConfigError."""
    table = registered()
    out: dict[str, dict[str, Any]] = {}
    for name, given in options.items():
        if name not in table:
            raise ConfigError(f"options for unknown stage {name!r}; registered: {', '.join(sorted(table))}",
                              code="E206")
        declared = table[name].options
        checked: dict[str, Any] = {}
        for key, value in given.items():
            if key not in declared:
                known = ", ".join(sorted(declared)) or "none"
                raise ConfigError(f"stage {name!r} has no option {key!r}; its options: {known}", code="E201")
            checked[key] = _coerce_option(name, key, value, declared[key])
        out[name] = checked
    return out


def _coerce_option(stage_name: str, key: str, value: Any, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError("expected true or false")
                return value.lower() in ("true", "1", "yes")
            return bool(value)
        if isinstance(default, int | float):
            return type(default)(value)
        if isinstance(default, tuple | list | frozenset):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(v).strip() for v in items if str(v).strip())
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"option {key!r} of stage {stage_name!r} has a bad value {value!r}: {exc}",
                          code="E202") from exc


def stages_markdown() -> str:
    """docs/stages.md, generated from the registry (a test keeps the file in step)."""
    lines = ["# Stages", "",
             "The annotation stages newsgraph registers (`defaults.toml` sets which run, in which order). Each is a",
             "pure function of the article, its spaCy parse and earlier stages' results. Generated by",
             "`python -m newsgraph.docsgen docs/`.", "",
             "| stage | produces | requires | what it does |", "|---|---|---|---|"]
    for _, st in sorted(registered().items()):
        lines.append(f"| `{st.name}` | `{st.produces}` | {', '.join(st.requires) or '-'} | {st.doc} |")
    lines += ["", "## Stage options", "",
              "A stage's options are the keyword-only parameters of its function. Set them in a config file",
              "under a table named after the stage; an unknown stage or option is refused when the config loads:",
              "", "```toml", '[options."quotes.v1"]', "min_words = 6", "```", "",
              "| stage | option | default |", "|---|---|---|"]
    for _, st in sorted(registered().items()):
        for key, default in st.options.items():
            shown = ", ".join(map(str, default)) if isinstance(default, tuple | list | frozenset) else default
            lines.append(f"| `{st.name}` | `{key}` | `{shown}` |")
    lines += ["", "Plugins add stages through the `newsgraph.stages` entry-point group: the entry point names a",
              "module whose `@stage` decorators register its stages; add their names to `stages` in your",
              "config to run them.", "", *SPACY_SECTION]
    return "\n".join(lines) + "\n"


SPACY_SECTION = [
    "## What the stages read from spaCy", "",
    "The article is parsed once (`pipeline.annotate`, `nlp.spacy_model.parse_text`) by the model named",
    "in `spacy_model`; every stage reads that one Doc. Every component of `en_core_web_sm` is read by",
    "some stage, so all of them run:", "",
    "| component | sets | read by |", "|---|---|---|",
    "| tokenizer | tokens, offsets | every stage |",
    "| tok2vec, tagger | fine tags (`tag_`) | mentions, quotes, events, amounts, places, the clause layer |",
    "| parser | dependencies, heads, sentences | every stage but themes and tone (tone reads tokens only) |",
    "| attribute_ruler | coarse POS (`pos_`), morphology | every stage (timexes: the tense check) |",
    "| lemmatizer | lemmas | cue verbs, triggers, role nouns, themes, tone, the clause layer |",
    "| ner | entity spans and labels | entities, places, amounts, quotes, events (argument classes) |", "",
    "Two of them run as same-output drop-ins (`nlp/fast_pipes.py`): the attribute ruler computes each",
    "distinct token shape's attributes once instead of matching ~180 rules over every token, and the",
    "lemmatizer keeps the stock lemmatizer's answer per (word, POS, morphology) and looks words up in",
    "sets instead of lists. `tests/unit/test_fast_pipes.py` compares every token attribute with the",
    "stock pipeline. Two more parses are made per article when needed: a title-cased headline",
    "re-parsed in sentence case, and a datelined first sentence re-parsed without its dateline",
    "(events stage). The Doc's text, token list and sentence list are built once",
    "(`doc_text`, `tokens`, `sentences`) and shared by the stages. Speed figures: docs/benchmarks.md.",
]


def snapshot() -> dict[str, dict[str, object]]:
    """{name: {produces, requires}} of every registered stage (tests/stages.json)."""
    return {n: {"produces": st.produces, "requires": list(st.requires)} for n, st in sorted(registered().items())}


if __name__ == "__main__":
    print(stages_markdown(), end="")
