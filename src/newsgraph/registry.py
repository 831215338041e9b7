"""Stage registry: ``@stage`` registers an annotation stage under a versioned name.

A stage is a function ``fn(ctx: Context) -> annotations``.  It reads the article,
the parsed spaCy ``Doc`` and what earlier stages produced from ``ctx`` and returns
its own annotations; it does no I/O.  ``annotate()`` runs the configured stages in
order and stores each result in ``ctx.results[produces]``.

Plugins register more stages through the ``newsgraph.stages`` entry-point group:
each entry point names a module, which is imported so its ``@stage`` decorators run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .model import Article


@dataclass
class Context:
    """What a stage may read: the article, its parsed Doc and earlier results."""

    article: Article
    doc: Doc
    results: dict[str, Any] = field(default_factory=dict)


StageFn = Callable[[Context], Any]


@dataclass(frozen=True)
class Stage:
    name: str  # "quotes.v1"
    requires: tuple[str, ...]
    produces: str
    fn: StageFn
    doc: str


_STAGES: dict[str, Stage] = {}
_plugins_loaded = False


def stage(name: str, *, requires: tuple[str, ...] = (), produces: str) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` (a versioned name such as ``quotes.v1``)."""

    def wrap(fn: StageFn) -> StageFn:
        if name in _STAGES and _STAGES[name].fn is not fn:
            raise ConfigError(f"stage {name!r} is registered twice", code="E205")
        _STAGES[name] = Stage(name, requires, produces, fn, (fn.__doc__ or "").strip().split("\n")[0])
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
