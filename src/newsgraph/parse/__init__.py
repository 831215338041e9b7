"""parse(): RawDocument -> Article (metadata + clean text, boilerplate kept apart).

Clean text is ``title + "\\n\\n" + body``; every annotation offset points into it.  Every reader's
title, body and captions pass through ``_assemble``, where mojibake is repaired
(``parse/repair.py``), so the clean text is the repaired text.  Boilerplate lines (page chrome and
notices such as "Contributing: …" or "This story is from …") are dropped for every format with
one pattern list (``parse/boilerplate.py``): not stored, not analysed.
"""

from __future__ import annotations

from .. import errors as E
from ..model import Article, Byline, Published, RawDocument, Rejected
from .boilerplate import drop_boilerplate_lines
from .markdown import parse_markdown
from .metadata import classify_bylines, content_hash, detect_language, outlet_from_url, safe_url, stable_id
from .published import parse_date
from .repair import repair_text
from .text import clean_text, parse_text

__all__ = ["parse", "parse_date"]


def _assemble(raw: RawDocument, *, title: str, body: str, title_in_body: bool = False,
              bylines: tuple[Byline, ...] = (), published: Published | None = None,
              url: str | None = None, captions: tuple[str, ...] = (), related: tuple[str, ...] = (),
              site_name: str | None = None, language: str | None = None) -> Article | Rejected:
    body = repair_text(body).strip()
    if not body:
        return Rejected(raw.source, E.E_EMPTY, f"{raw.source}: no article text found after cleaning")
    title = " ".join(repair_text(title).split())
    captions = tuple(repair_text(c) for c in captions)
    related = tuple(repair_text(r) for r in related)
    bylines = tuple(Byline(repair_text(b.name), b.kind) for b in bylines)
    text = body if (title_in_body or not title) else f"{title}\n\n{body}"
    url = safe_url(url)
    lang = language or detect_language(body)
    aid = raw.id or stable_id(url=url, text=text)
    return Article(
        id=str(aid), text=text, title=title, url=url,
        outlet=outlet_from_url(url) or site_name, bylines=bylines, published=published,
        language=(lang or None), captions=captions, related=related, source=raw.source,
        content_hash=content_hash(text),
    )


def parse(raw: RawDocument) -> Article | Rejected:
    """Turn a RawDocument into an Article, or a Rejected with a reason."""
    published = parse_date(raw.date, source="input") if raw.date else None
    if raw.format == "markdown":
        md = parse_markdown(raw.content)
        return _assemble(
            raw, title=raw.title or md.title, body="\n\n".join(md.paragraphs),
            bylines=classify_bylines([*raw.bylines, *md.bylines]),
            published=published or parse_date(md.date, source="markdown"),
            url=raw.url or md.url, captions=tuple(md.captions + [f"Credit: {c}" for c in md.credits]),
            related=tuple(md.related),
        )
    if raw.format == "html":
        from .html import extract_html

        ex = extract_html(raw.content, url=raw.url)
        pub = published or (parse_date(ex.published, source=ex.published_source or "html")
                            if ex.published else None)
        title = raw.title or ex.title
        body = drop_boilerplate_lines(clean_text(ex.body))  # notices (credits, copyright) the extractor kept
        in_body = bool(title) and body.split("\n", 1)[0].strip().rstrip(".") == title.strip().rstrip(".")
        return _assemble(
            raw, title=title, body=body, title_in_body=in_body,
            bylines=classify_bylines([*raw.bylines, *ex.bylines]), published=pub,
            url=raw.url or ex.url, captions=tuple(ex.captions), site_name=ex.site_name,
            language=ex.language if ex.language and len(ex.language) == 2 else None,
        )
    tp = parse_text(raw.content, title=raw.title)
    return _assemble(raw, title=tp.title, body=tp.body, title_in_body=tp.title_in_body,
                     bylines=classify_bylines(list(raw.bylines)), published=published, url=raw.url)
