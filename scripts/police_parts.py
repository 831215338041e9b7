"""Score the police events by a hash split of the dev articles: ``build`` and ``aside`` thirds.

``newsgraph eval police`` splits the articles by their position in the file (even ``dev``, odd
``aside``).  The issue-10 recall work (ANY_ACTION) used another, fixed split so that a third of the
articles stayed unread while the coder was changed: an article is in ``aside`` when the SHA-256 of
its id, read as a number, is divisible by 3 (198 of the 628 articles), else in ``build`` (430).
Same scorer, same definitions (``newsgraph.evaluation.police``); prints JSON with the three parts and
``unread``, the aside articles at odd positions of the file (99), which no improvement read.

``unread`` was scored once more, before and after the police4 work (2026-12-03), and read in it; that work
kept its own split aside instead: ``held4``, the articles whose SHA-256 of ``"police4:" + id``, read as a
number, is divisible by 4 (158 of the 628; their errors were never read), ``work4`` the rest (470).
The police6 work (2026-12-03) kept ``held6`` aside likewise: SHA-256 of ``"police6:" + id`` divisible by 4
(161 of the 628), ``work6`` the rest (467).
The police7 work (2026-12-03, fifth session) keeps ``held7`` aside: SHA-256 of ``"police7:" + id`` divisible
by 4 (163 of the 628), ``work7`` the rest (465).

Usage:  PYTHONPATH=src python scripts/police_parts.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from newsgraph.config import load_settings
from newsgraph.evaluation.common import read_jsonl
from newsgraph.evaluation.events import _stages
from newsgraph.evaluation.police import _DATA, _KEYWORDS, article_of, score
from newsgraph.pipeline import annotate


def part(article_id: str) -> str:
    """``aside`` for a third of the articles (SHA-256 of the id divisible by 3), else ``build``."""
    return "aside" if int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 3 == 0 else "build"


def held4(article_id: str) -> bool:
    """The police4 work's aside quarter: SHA-256 of ``"police4:" + id`` divisible by 4."""
    return int(hashlib.sha256(("police4:" + article_id).encode()).hexdigest(), 16) % 4 == 0


def held6(article_id: str) -> bool:
    """The police6 work's aside quarter: SHA-256 of ``"police6:" + id`` divisible by 4."""
    return int(hashlib.sha256(("police6:" + article_id).encode()).hexdigest(), 16) % 4 == 0


def held7(article_id: str) -> bool:
    """The police7 work's aside quarter: SHA-256 of ``"police7:" + id`` divisible by 4."""
    return int(hashlib.sha256(("police7:" + article_id).encode()).hexdigest(), 16) % 4 == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    kw = json.loads(args.data.joinpath(*_KEYWORDS).read_text(encoding="utf-8"))
    pairs = [(r, annotate(article_of(r), settings).events) for r in read_jsonl(args.data.joinpath(*_DATA))]
    out = {name: score([p for p in pairs if name == "all" or part(str(p[0]["id"])) == name], kw)
           for name in ("build", "aside", "all")}
    # "unread": the hash third that is also in the odd half of ``newsgraph eval police`` (the even half
    # was read by the police-text work of 2026-12-02, the build part by the recall work): read by neither
    out["unread"] = score([p for i, p in enumerate(pairs) if i % 2 == 1 and part(str(p[0]["id"])) == "aside"], kw)
    out["held4"] = score([p for p in pairs if held4(str(p[0]["id"]))], kw)
    out["work4"] = score([p for p in pairs if not held4(str(p[0]["id"]))], kw)
    out["held6"] = score([p for p in pairs if held6(str(p[0]["id"]))], kw)
    out["work6"] = score([p for p in pairs if not held6(str(p[0]["id"]))], kw)
    out["held7"] = score([p for p in pairs if held7(str(p[0]["id"]))], kw)
    out["work7"] = score([p for p in pairs if not held7(str(p[0]["id"]))], kw)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
