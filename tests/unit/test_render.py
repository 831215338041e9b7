"""`newsgraph show` prints article text as text: markup and emoji codes in it are not interpreted."""

from __future__ import annotations

import io

from rich.console import Console

from newsgraph.model import Analysis, Article, Entity, Mention, Published
from newsgraph.render import render_analysis


def test_show_prints_markup_and_emoji_codes_in_article_text_literally() -> None:
    title = "[red]Fake[/red] :seat: headline"
    text = title + "\n\nBody with [link=file:///etc/passwd]a link[/link]."
    art = Article(id="r1", text=text, title=title, published=Published("2024-01-02", "day", "input"))
    ent = Entity("e1", "ORG", "[bold]Acme[/bold]", (Mention(0, 5, "[red]", "ORG"),), actor="USA",
                 actor_source="lexicon:seat:White House")
    buf = io.StringIO()
    render_analysis(Analysis(article=art, entities=(ent,)), Console(file=buf, width=200, emoji=False))
    out = buf.getvalue()
    assert "[red]Fake[/red] :seat: headline" in out
    assert "[bold]Acme[/bold]" in out
    assert "lexicon:seat:White House" in out
    assert "💺" not in out
