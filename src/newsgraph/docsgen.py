"""Generates the reference pages (docs/cli.md, docs/settings.md, docs/stages.md) from the code.

    python -m newsgraph.docsgen docs/      # rewrite the three pages

A test compares the files with what this module generates, so the pages cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from .config import settings_markdown
from .registry import stages_markdown


def cli_markdown() -> str:
    from .cli import app

    group: Any = typer.main.get_command(app)
    lines = ["# Command line", "", "Generated from the CLI by `python -m newsgraph.docsgen docs/`.", "",
             "```", "newsgraph COMMAND [OPTIONS] [ARGS]", "```", ""]
    ctx = group.context_class(group, info_name="newsgraph")
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        lines += [f"## `newsgraph {name}`", "", (cmd.help or "").strip(), ""]
        rows = []
        for p in cmd.params:
            if p.param_type_name == "argument":
                rows.append(((p.name or "").upper(), getattr(p, "help", "") or "", "required" if p.required else ""))
            elif p.param_type_name == "option" and p.name != "help":
                default = "" if p.default is None or (p.is_flag and not p.default) else str(p.default)
                rows.append((", ".join(p.opts), p.help or "", default))
        if rows:
            lines += ["| argument / option | meaning | default |", "|---|---|---|"]
            lines += [f"| `{a}` | {h.replace('|', '/')} | {d} |" for a, h, d in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


PAGES = {"cli.md": cli_markdown, "settings.md": settings_markdown, "stages.md": stages_markdown}


def main(folder: str) -> None:
    for name, fn in PAGES.items():
        (Path(folder) / name).write_text(fn(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
