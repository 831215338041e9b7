"""Docs stay true: reference pages equal what the code generates; every command has help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.docsgen import PAGES
from newsgraph.registry import snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("page", sorted(PAGES))
def test_reference_page_is_up_to_date(page: str) -> None:
    want = PAGES[page]()
    have = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert have == want, f"docs/{page} is stale: run 'python -m newsgraph.docsgen docs/'"


def test_every_command_has_help() -> None:
    import typer

    from newsgraph.cli import app

    group = typer.main.get_command(app)
    ctx = group.context_class(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None and (cmd.help or "").strip(), f"command {name} has no help"


def test_registered_stages_match_the_snapshot() -> None:
    want = json.loads((ROOT / "tests" / "stages.json").read_text(encoding="utf-8"))
    assert snapshot() == want, "stages changed: update tests/stages.json if that was intended"


def test_every_default_stage_is_registered() -> None:
    from newsgraph.config import load_settings
    from newsgraph.registry import resolve

    assert [s.name for s in resolve(load_settings().stages)] == list(load_settings().stages)


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in ("analyze", "ingest", "search", "show", "entities", "export", "stats", "eval", "bench"):
        assert f"newsgraph {cmd}" in readme
